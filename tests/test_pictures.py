"""The verdict pictures: well-formed, CSP-safe SVG that marks exactly the advised values, in both languages."""
import xml.etree.ElementTree as ET

import pytest

from regiewijzer.service.pages.pictures import pictures

from .conftest import validator

SVG = "{http://www.w3.org/2000/svg}"
ACCENT = "#0b5cab"
FULL = {"legal_power": True, "cooperation_level": "overleg", "ambition": "specifiek_facet", "emphasis": "relaties",
        "subthemes_count": 3, "stakeholders_count": 12, "theme": "<img src=x onerror=alert(1)>"}


def parsed(picture):
    root = ET.fromstring(picture)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text.strip()
    for element in root.iter():
        assert element.tag != f"{SVG}script"
        assert not {"style", "onload", "onclick"} & set(element.attrib), element.attrib
    return root


def texts(root):
    return [t.text for t in root.iter(f"{SVG}text")]


def lit_texts(root, tag):
    """Texts drawn on or next to shapes filled with the accent colour."""
    return sum(1 for shape in root.iter(f"{SVG}{tag}") if shape.get("fill") == ACCENT)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_picture_marks_the_advised_values(advisor, lang):
    advice = advisor.advise(FULL, lang)
    drawn = {name: parsed(svg) for name, svg in pictures(advisor.knowledge, advice, lang).items()}
    assert advice["role"]["label"] in drawn["role"].find(f"{SVG}title").text
    assert lit_texts(drawn["role"], "circle") == 1
    ladder_title = drawn["coordination"].find(f"{SVG}title").text
    assert advice["coordination"]["stage_label"] in ladder_title
    assert advice["coordination"]["next_stage_label"] in ladder_title
    assert lit_texts(drawn["coordination"], "rect") == 1
    assert lit_texts(drawn["strategy"], "rect") == len(advice["strategy"]["focus"]) == 1
    assert advice["procedure"]["scenario"] == 3
    assert len(list(drawn["procedure"].iter(f"{SVG}rect"))) == 5
    assert any(advice["procedure"]["scenario_label"] == t for t in texts(drawn["procedure"]))


def test_nothing_is_marked_while_the_verdicts_are_open(advisor):
    advice = advisor.advise({}, "nl")
    drawn = {name: parsed(svg) for name, svg in pictures(advisor.knowledge, advice, "nl").items()}
    assert lit_texts(drawn["role"], "circle") == 0
    assert lit_texts(drawn["coordination"], "rect") == 0
    assert lit_texts(drawn["strategy"], "rect") == 0
    assert "nog onbepaald" in drawn["role"].find(f"{SVG}title").text
    assert not list(drawn["procedure"].iter(f"{SVG}rect"))


def test_the_api_adds_pictures_only_when_asked(client, openapi):
    plain = client.post("/api/v1/advice", json={"situation": FULL}).json
    assert "pictures" not in plain
    response = client.post("/api/v1/advice?pictures=svg", json={"situation": FULL, "lang": "en"})
    validator(openapi, "Advice").validate(response.json)
    assert set(response.json["pictures"]) == {"role", "coordination", "strategy", "procedure"}
    assert "<img" not in "".join(response.json["pictures"].values())
    refused = client.post("/api/v1/advice?pictures=png", json={"situation": FULL})
    assert refused.status_code == 400
    assert refused.json["field"] == "pictures" and refused.json["allowed"] == ["svg"]
