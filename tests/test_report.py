"""The report: one document model in PDF, Markdown and HTML, each holding the text of every part."""
import base64
import html
import io
import random
import re

import pytest
from pypdf import PdfReader

from regiewijzer.rules.sample import fact_value
from regiewijzer.service.cli import main
from regiewijzer.service.report import build_report, render_document
from regiewijzer.service.report.markdown import md_escape
from regiewijzer.service.report.model import Heading
from regiewijzer.service.texts import texts
from regiewijzer.service.texts.whatif import what_if as what_if_document

from .conftest import validator

SITUATION = {"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen",
             "regie_assigned": True, "cooperation_level": "overleg", "officer_mandate": "betwist",
             "political_support": "verdeeld", "subthemes_count": 3, "theme": "onthaal nieuwkomers"}


def as_text(data, fmt):
    """The visible text of a rendered report, whitespace collapsed."""
    if fmt == "pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode("utf-8")
        if fmt == "md":     # the pictures' own text, from their data URIs
            text = re.sub(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)",
                          lambda m: base64.b64decode(m.group(1)).decode("utf-8"), text).replace("\\", "")
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def expected_parts(advisor, lang):
    """A phrase of every part the report must hold, taken from the advice and what-if themselves."""
    advice = advisor.advise(SITUATION, lang)
    what_if = what_if_document(advisor, SITUATION, lang)
    kb = advisor.knowledge
    return {
        "situation question": kb.facts["financial_flows"].label[lang],     # each answer by its short label
        "situation answer": kb.facts["financial_flows"].labels["stimulans"][lang],
        "theme": "onthaal nieuwkomers",
        "role verdict": advice["role"]["label"],
        "stage": advice["coordination"]["stage_label"],
        "scenario": advice["procedure"]["scenario_label"],
        "role picture": kb.verdicts["role"].labels["netwerkcoordinatie"][lang],
        "scenario picture": "College",
        "warning": advice["warnings"][0]["title"],
        "do": advice["dos"][0]["title"],
        "dont": advice["donts"][0]["title"],
        "source": advice["sources"][advice["dos"][0]["source"]]["section_title"],
        "lever": what_if["levers"][0]["text"][:40],
        "asks heading": texts(lang)["report"]["asks"],
        "ask": what_if["asks"][0]["text"][:40],
        "ask source": what_if["asks"][0]["sources"][0]["section_title"],
        "date": "2026-11-23",
        "version": kb.version,
        "note": {"nl": "geen beslissing", "en": "not a decision"}[lang],
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["pdf", "md", "html"])
def test_every_part_is_in_every_format_and_language(advisor, fmt, lang):
    document = build_report(advisor, SITUATION, lang, "2026-11-23")
    data, media_type, name = render_document(document, fmt, advisor.knowledge.version)
    text = as_text(data, fmt)
    missing = {part: phrase for part, phrase in expected_parts(advisor, lang).items()
               if " ".join(phrase.split()) not in text}
    assert not missing
    assert name == f"regiewijzer-advies-2026-11-23.{fmt}"


def test_pdf_has_the_four_pictures_and_page_footers(advisor):
    document = build_report(advisor, SITUATION, "nl", "2026-11-23")
    data, media_type, _ = render_document(document, "pdf", advisor.knowledge.version)
    pages = PdfReader(io.BytesIO(data)).pages
    assert media_type == "application/pdf" and data.startswith(b"%PDF")
    assert 3 <= len(pages) <= 15
    assert all(page.extract_text().rstrip().endswith(str(n)) for n, page in enumerate(pages, start=1))
    text = as_text(data, "pdf")
    assert all(label in text for label in ("Marktsturing", "volgende", "Breedtestrategie", "Clustergroep deelthema A"))


def test_html_and_markdown_embed_the_pictures(advisor):
    document = build_report(advisor, SITUATION, "en", "2026-11-23")
    page = render_document(document, "html", advisor.knowledge.version)[0].decode()
    markdown = render_document(document, "md", advisor.knowledge.version)[0].decode()
    assert page.count("<svg") == 4 and "<script" not in page and '<html lang="en">' in page
    assert markdown.count("](data:image/svg+xml;base64,") == 4


def test_markdown_escapes_text_that_would_become_markup():
    assert md_escape("a *b* [c](d) | e_f") == r"a \*b\* \[c\](d) \| e\_f"


@pytest.mark.parametrize("fmt, media_type", [("pdf", "application/pdf"), ("md", "text/markdown"),
                                             ("html", "text/html")])
def test_report_endpoint_downloads_the_document(client, fmt, media_type):
    response = client.post(f"/api/v1/report?format={fmt}", json={"situation": SITUATION, "lang": "en"})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert re.fullmatch(rf'attachment; filename="regiewijzer-advies-\d{{4}}-\d\d-\d\d\.{fmt}"',
                        response.headers["Content-Disposition"])
    assert "Market steering" in as_text(response.data, fmt)


BAD = [("/api/v1/report", {"situation": {}}, "format"),
       ("/api/v1/report?format=docx", {"situation": {}}, "format"),
       ("/api/v1/report?format=pdf&lang=en", {}, "lang"),
       ("/api/v1/report?format=pdf", {"situation": {"legal_power": "ja"}}, "situation.legal_power"),
       ("/api/v1/report?format=html", {"situation": {}, "lang": "de"}, "lang"),
       ("/api/v1/report?format=md", {"situation": {"theme": "\ud800 lone"}}, "situation.theme")]


@pytest.mark.parametrize("url, body, field", BAD)
def test_bad_report_request_names_the_field(client, openapi, url, body, field):
    response = client.post(url, json=body)
    assert response.status_code == 400
    validator(openapi, "Error").validate(response.json)
    assert response.json["field"] == field and response.json["allowed"]


def test_pdf_without_fonts_is_a_503_naming_the_alternative(client, monkeypatch, tmp_path):
    monkeypatch.setenv("REGIEWIJZER_FONT_DIR", str(tmp_path))
    response = client.post("/api/v1/report?format=pdf", json={})
    assert response.status_code == 503 and "format=html" in response.json["message"]
    assert client.post("/api/v1/report?format=html", json={}).status_code == 200


def test_report_command_writes_the_file(tmp_path, capsys):
    situation = tmp_path / "situatie.yaml"
    situation.write_text("legal_power: true\ncooperation_level: informatie\n", encoding="utf-8")
    out = tmp_path / "advies.pdf"
    assert main(["report", str(situation), "--format", "pdf", "-o", str(out), "--lang", "en"]) == 0
    assert "Regie" in as_text(out.read_bytes(), "pdf") and str(out) in capsys.readouterr().out


def test_a_change_with_several_effects_is_listed_once(advisor):
    situation = {"legal_power": True, "cooperation_level": "geen", "political_support": "geen",
                 "multiple_actors": True}
    levers = what_if_document(advisor, situation, "nl")["levers"]
    changes = [repr(lever["changes"]) for lever in levers]
    assert len(set(changes)) < len(changes)      # the API gives one lever per verdict and warning
    document = render_document(build_report(advisor, situation, "nl", "2026-11-23"), "html", "v")[0].decode()
    shown = re.findall(r"Met [^<]*→", document)
    assert len(shown) == len(set(changes)) == len(set(shown))
    repeated = next(c for c in changes if changes.count(c) > 1)
    entry = next(li for li in re.findall(r"<li>.*?</li>", document, re.S) if html.escape(
        next(l["text"] for l in levers if repr(l["changes"]) == repeated), quote=False) in li)
    for source in {s["section_title"] for l in levers if repr(l["changes"]) == repeated for s in l["sources"]}:
        assert html.escape(source, quote=False) in entry      # every merged lever's source is cited


def test_the_english_report_explains_the_dutch_terms_it_keeps(advisor):
    text = as_text(render_document(build_report(advisor, SITUATION, "en", "2026-11-23"), "md",
                                   advisor.knowledge.version)[0], "md")
    assert "Glossary" in text and "regie (steering with enforcement power)" in text
    dutch = as_text(render_document(build_report(advisor, SITUATION, "nl", "2026-11-23"), "md",
                                    advisor.knowledge.version)[0], "md")
    assert "Woordenlijst" not in dutch


def test_our_own_inferences_stand_apart_from_what_the_source_says(advisor):
    advice = advisor.advise(SITUATION, "nl")
    inferred = next(i for part in ("role", "positioning", "strategy") for i in advice[part]["items"] if i.get("inference"))
    text = as_text(render_document(build_report(advisor, SITUATION, "nl", "2026-11-23"), "md",
                                   advisor.knowledge.version)[0], "md")
    assert f"Regiewijzer leidt hieruit af: {inferred['inference']}"[:80] in text
    assert inferred["inference"][:40] not in inferred["text"]           # apart, not inside the source's text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_pdf_page_ends_with_a_heading_whose_text_is_on_the_next_page(advisor, lang):
    halle = {"policy_domains": ["welzijn", "armoede", "integratie"], "ambition": "hele_beleid",
             "emphasis": "relaties", "regie_assigned": True, "legal_power": False, "financial_flows": "geen",
             "advisory_right": "geen", "cooperation_level": "overleg", "target_group_involved": False}
    for situation in (SITUATION, halle):
        document = build_report(advisor, situation, lang, "2026-11-23")
        headings = {" ".join(block.text.split()) for block in document.blocks if isinstance(block, Heading)}
        data = render_document(document, "pdf", advisor.knowledge.version)[0]
        for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
            lines = [" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith("Regiewijzer ·")]
            assert body and body[-1] not in headings, (number, body[-1])


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("domains", [1, 3, 4])
def test_the_report_of_a_full_consultation_fits_in_twelve_pages(advisor, lang, domains):
    """Every question answered, for each policy domain too; the situation's answers by their short labels, a
    per-domain question once with each domain's answer."""
    kb, rng = advisor.knowledge, random.Random(domains)
    situation = {f.id: fact_value(f, rng) for f in kb.facts.values() if f.type != "text"} | {"theme": "Taal"}
    situation["policy_domains"] = rng.sample(kb.facts["policy_domains"].values, domains)
    if domains > 1:
        situation["domains"] = {d: {f: fact_value(kb.facts[f], rng) for f in kb.per_domain_facts}
                                for d in situation["policy_domains"]}
    data = render_document(build_report(advisor, situation, lang, "2026-12-03"), "pdf", kb.version)[0]
    assert len(PdfReader(io.BytesIO(data)).pages) <= 12
