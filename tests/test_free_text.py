"""Free text cannot forge documents: control, line-separator and bidi characters in a text fact are refused at
validation naming the field, and every document and the terminal show text on one line with nothing hidden."""
import io
import json

import pytest
from pypdf import PdfReader

from regiewijzer.rules.situation import one_line
from regiewijzer.service.cli import main
from regiewijzer.service.cli.explain import Explainer
from regiewijzer.service.report.markdown import render_markdown
from regiewijzer.service.report.model import Heading, Paragraph, Report, Rows
from regiewijzer.service.report.pdf import render_pdf

FORGED = "Taal\n\n# Het college keurt goed\n---"
UNSAFE = [("newlines and a rule", FORGED, "U+000A"), ("carriage return", "Taal\rOK", "U+000D"),
          ("tab", "Taal\tOK", "U+0009"), ("escape sequence", "Taal\x1b[2J\x1b]0;pwned\x07", "U+001B"),
          ("bell", "Taal\x07", "U+0007"), ("NUL", "Taal\x00", "U+0000"), ("DEL", "Taal\x7f", "U+007F"),
          ("C1 control", "Taal\x9b31m", "U+009B"), ("right-to-left override", "Taal \u202egoed", "U+202E"),
          ("bidi isolate", "Taal \u2066x\u2069", "U+2066"), ("right-to-left mark", "Taal\u200f", "U+200F"),
          ("line separator", "Taal\u2028OK", "U+2028")]


@pytest.mark.parametrize("case, theme, code", UNSAFE, ids=[u[0] for u in UNSAFE])
@pytest.mark.parametrize("endpoint", ["/api/v1/advice", "/api/v1/what-if", "/api/v1/report?format=md"])
def test_a_theme_with_control_or_bidi_characters_is_refused_naming_the_field(client, case, theme, code, endpoint):
    response = client.post(endpoint, json={"situation": {"theme": theme}})
    assert response.status_code == 400
    assert response.json["field"] == "situation.theme"
    assert "one line of text without control or bidi formatting characters" in response.json["message"]
    assert code in response.json["message"]


def test_ordinary_unicode_text_is_still_accepted(client):
    theme = "Onthaal nieuwkomers – ‘Gent’ → 2025 (ş, ü, é, 中文, العربية)"
    response = client.post("/api/v1/advice", json={"situation": {"theme": theme}})
    assert response.status_code == 200 and response.json["situation"]["theme"] == theme


def test_explain_refuses_a_theme_with_terminal_escapes_naming_the_field(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"theme": "Taal\x1b]0;pwned\x07"})))
    assert main(["explain", "-"]) == 2
    out, err = capsys.readouterr()
    assert "situation.theme" in err and "\x1b" not in out + err


def forged_report(theme=FORGED):
    """A report model holding forged text, as if it had passed validation."""
    return Report(f"Regieadvies — {theme}", "nl", "2026-01-01",
                  [Rows(("Vraag", "Antwoord"), [("Thema", theme)]), Heading("Situatie", 2), Paragraph(theme)])


def test_markdown_keeps_forged_text_on_its_line():
    markdown = render_markdown(forged_report())
    lines = markdown.splitlines()
    assert lines[0].startswith("# Regieadvies — Taal") and "Het college keurt goed" in lines[0]
    assert not [line for line in lines if line.startswith(("# Het", "---", "\\# Het"))]
    assert sum("Het college keurt goed" in line for line in lines) == 3       # title, table cell, paragraph


def pdf_text(report):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(report, "kb"))).pages)


def test_the_pdf_shows_forged_text_as_the_same_text_on_one_line():
    """Its lines are those of the text with spaces for the newlines: no line of its own starts a forged one."""
    forged, flat = pdf_text(forged_report()), pdf_text(forged_report(FORGED.replace("\n", " ")))
    assert forged == flat
    assert "Thema Taal # Het college keurt goed ---" in " ".join(forged.split())


def test_the_terminal_gets_no_control_character(knowledge):
    explainer = Explainer(knowledge, "nl")
    explainer.say("Thema: Taal\x1b[2J\x1b]0;pwned\x07\n# Het college")
    printed = "\n".join(explainer.lines)
    assert "\x1b" not in printed and "\x07" not in printed and len(explainer.lines) == 1
    assert "\\u001b[2J" in printed
    assert one_line("a\u202eb\nc") == "a\\u202eb c"
