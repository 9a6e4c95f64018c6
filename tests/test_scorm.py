"""`regiewijzer scorm`: a SCORM 1.2 package an LMS can import, with the app's own training page per case and its
data baked in, nothing that calls a server, stable item identifiers; and the structural check of a package."""
import io
import json
import zipfile
from html.parser import HTMLParser
from posixpath import dirname, normpath
from xml.etree import ElementTree as ET

import pytest

from regiewijzer.service.cli import main
from regiewijzer.service.scorm import package_problems
from regiewijzer.service.scorm.manifest import NS_ADLCP, NS_CP

CP = {"cp": NS_CP}


class Page(HTMLParser):
    """The scripts, links and the baked JSON block of a page."""

    def __init__(self, text):
        super().__init__()
        self.scripts, self.links, self.baked, self._in = [], [], None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
            self._in = attrs.get("id")
        elif tag == "link":
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._in == "baked-case":
            self.baked = json.loads(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


def export(tmp_path, *args):
    out = tmp_path / "package.zip"
    assert main(["scorm", *args, "-o", str(out)]) == 0
    return out, zipfile.ZipFile(out)


def items(archive):
    root = ET.fromstring(archive.read("imsmanifest.xml"))
    return [(i.get("identifier"), i.get("identifierref")) for i in root.iter(f"{{{NS_CP}}}item")], root


def test_one_case_is_a_package_with_the_training_page_and_its_data_baked_in(tmp_path, advisor, client, capsys):
    case = advisor.knowledge.examples["case_genk_instapje"]
    path, archive = export(tmp_path, "--case", case.id, "--lang", "en")
    assert f"wrote {path}: SCORM 1.2, 1 case(s), en" in capsys.readouterr().out
    assert package_problems(path) == []
    (item,), root = items(archive)
    assert item == (f"ITEM-{case.id}", f"RES-{case.id}")
    resource = root.find(f"cp:resources/cp:resource[@identifier='RES-{case.id}']", CP)
    assert resource.get(f"{{{NS_ADLCP}}}scormtype") == "sco" and resource.get("href") == f"{case.id}/index.html"
    assert root.find("cp:organizations/cp:organization/cp:title", CP).text == case.title["en"]
    assert "masteryscore" not in archive.read("imsmanifest.xml").decode()

    launch = f"{case.id}/index.html"
    page = Page(archive.read(launch).decode())
    names = set(archive.namelist())
    for script in page.scripts:                  # no inline script: a source in the package, or a data block
        assert "src" in script or script.get("type") == "application/json", script
    for ref in [s["src"] for s in page.scripts if "src" in s] + page.links:
        assert normpath(f"{dirname(launch)}/{ref}") in names, ref
    assert {"static/training.js", "static/common.js", "static/regiewijzer.css", "static/sco.js"} <= names
    for name in (n for n in names if n.endswith((".html", ".js", ".css"))):       # no address of any server
        text = archive.read(name).decode()
        assert "http://" not in text and "https://" not in text, name

    served = next(e for e in client.get("/api/v1/knowledge?kind=example&lang=en").json["items"] if e["id"] == case.id)
    assert page.baked["case"] == served
    assert page.baked["facts"] == client.get("/api/v1/facts?lang=en").json
    advice = client.post("/api/v1/advice", json={"situation": case.training_situation, "lang": "en"}).json
    for section in ("role", "coordination", "strategy", "procedure"):
        assert page.baked["advice"][section] == {k: v for k, v in advice[section].items() if k != "items"}
    assert page.baked["advice"]["trace"] == advice["trace"]
    assert page.baked["advice"]["question_details"] == advice["question_details"]


def test_all_cases_make_one_sco_each_with_identifiers_that_stay_the_same(tmp_path, advisor):
    path, archive = export(tmp_path, "--all")
    assert package_problems(path) == []
    found, _ = items(archive)
    assert found == [(f"ITEM-{c}", f"RES-{c}") for c in advisor.knowledge.examples]
    first = path.read_bytes()
    again, _ = export(tmp_path, "--all")
    assert again.read_bytes() == first                  # the same knowledge exports the same package


def test_a_former_case_id_exports_the_case_it_was_merged_into(tmp_path, knowledge):
    alias, case = next(iter(knowledge.case_aliases.items()))
    _, archive = export(tmp_path, "--case", alias)
    assert items(archive)[0] == [(f"ITEM-{case}", f"RES-{case}")]


def test_an_unknown_case_is_refused_naming_the_option(tmp_path, capsys):
    assert main(["scorm", "--case", "case_nowhere", "-o", str(tmp_path / "x.zip")]) == 2
    assert "--case: unknown practice case 'case_nowhere'; the cases are: " in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
    with pytest.raises(SystemExit):
        main(["scorm", "--all", "--case", "case_genk_instapje", "-o", str(tmp_path / "x.zip")])


def rezip(path, change):
    """A copy of the package with `change(entries)` applied to its {name: bytes}."""
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    change(entries)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return io.BytesIO(out.getvalue())


def _edit_manifest(old, new):
    def change(entries):
        entries["imsmanifest.xml"] = entries["imsmanifest.xml"].replace(old.encode(), new.encode(), 1)
    return change


@pytest.mark.parametrize("change, problem", [
    (lambda e: e.pop("imsmanifest.xml"), "imsmanifest.xml is not at the root of the zip"),
    (lambda e: e.pop("static/sco.js"), "static/sco.js is listed in the manifest but not in the zip"),
    (lambda e: e.update({"notes.txt": b"x"}), "notes.txt is in the zip but listed in no resource"),
    (_edit_manifest("<schemaversion>1.2", "<schemaversion>2004"), "schemaversion '1.2'"),
    (_edit_manifest('identifierref="RES-case_genk_instapje"', 'identifierref="RES-shared"'), "is not a SCO"),
    (_edit_manifest('default="ORG-regiewijzer"', 'default="ORG-x"'), "'ORG-x' names no organization"),
    (_edit_manifest("</manifest>", ""), "not well-formed XML"),
])
def test_the_package_check_names_what_an_lms_would_refuse(tmp_path, change, problem):
    path, _ = export(tmp_path, "--case", "case_genk_instapje")
    problems = package_problems(rezip(path, change))
    assert any(problem in p for p in problems), problems
