"""What a report costs: its own, stricter rate limit; fonts parsed once per process; the same report not rendered
twice in a row; /readyz's consultation kept for a few seconds."""
import datetime

import pytest
from fpdf import FPDF

from regiewijzer.service import create_app
from regiewijzer.service.api import routes
from regiewijzer.service.ops import health
from regiewijzer.service.report import build_report, pdf

SITUATION = {"legal_power": False, "cooperation_level": "overleg", "theme": "Taal – ‘nieuwkomers’ → ✓"}


def limited(rate="100/minute", reports="2/minute"):
    return create_app({"TESTING": True, "RATE_LIMIT": rate, "REPORT_RATE_LIMIT": reports}).test_client()


def test_reports_have_their_own_stricter_limit_and_other_requests_go_on():
    client = limited()
    body = {"situation": {"legal_power": True}}
    statuses = [client.post("/api/v1/report?format=md", json=body).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.post("/api/v1/report?format=md", json=body)
    assert "more than 2 reports in 60 s" in refused.json["message"] and int(refused.headers["Retry-After"]) >= 1
    assert client.post("/api/v1/advice", json=body).status_code == 200


def test_the_report_limit_can_be_switched_off_and_a_bad_one_is_refused_naming_it():
    client = limited(reports="0")
    assert {client.post("/api/v1/report?format=md", json={}).status_code for _ in range(5)} == {200}
    with pytest.raises(Exception, match="REGIEWIJZER_REPORT_RATE_LIMIT"):
        create_app({"TESTING": True, "REPORT_RATE_LIMIT": "often"})


@pytest.fixture()
def fixed_creation_date(monkeypatch):
    """PDFs carry the moment they were made: fix it, so that two PDFs can be compared byte for byte."""
    output = FPDF.output

    def dated(self, *args, **kwargs):
        self.set_creation_date(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
        return output(self, *args, **kwargs)
    monkeypatch.setattr(FPDF, "output", dated)


def test_fonts_are_parsed_once_per_process_and_the_pdf_is_the_one_fpdf2_makes(advisor, monkeypatch,
                                                                              fixed_creation_date):
    document = build_report(advisor, SITUATION, "nl", "2026-01-01")
    first = pdf.render_pdf(document, "kb-test")
    assert len(pdf._PARSED) == 3                     # DejaVu Sans, Bold, Oblique: each file parsed once
    add_font = FPDF.add_font
    monkeypatch.setattr(FPDF, "add_font", lambda *a, **k: pytest.fail("a font was parsed again"))
    again = pdf.render_pdf(document, "kb-test")
    monkeypatch.setattr(FPDF, "add_font", add_font)
    # fpdf2's own add_font, parsing the files for this document
    monkeypatch.setattr(pdf, "_font", lambda document, family, style, path: document.add_font(family, style, path))
    fresh = pdf.render_pdf(document, "kb-test")
    assert first == again == fresh


def test_the_same_report_is_rendered_once_and_another_one_again(monkeypatch):
    client = create_app({"TESTING": True, "RATE_LIMIT": "0"}).test_client()
    rendered = []

    def counting(document, fmt, version):
        rendered.append(fmt)
        return render(document, fmt, version)
    render = routes.render_document
    monkeypatch.setattr(routes, "render_document", counting)
    answers = [client.post("/api/v1/report?format=md", json={"situation": SITUATION}) for _ in range(3)]
    assert rendered == ["md"] and len({a.data for a in answers}) == 1
    client.post("/api/v1/report?format=html", json={"situation": SITUATION})
    client.post("/api/v1/report?format=md", json={"situation": {**SITUATION, "silos": True}})
    assert rendered == ["md", "html", "md"]


def test_readyz_runs_its_consultation_once_per_few_seconds(monkeypatch):
    client = create_app({"TESTING": True, "RATE_LIMIT": "1/minute"}).test_client()
    runs = []
    passes = health.canned_consultation_passes
    monkeypatch.setattr(health, "canned_consultation_passes", lambda advisor: runs.append(1) or passes(advisor))
    assert {client.get("/readyz").status_code for _ in range(20)} == {200}      # not rate limited either
    assert len(runs) == 1
    monkeypatch.setattr(health, "READY_SECONDS", 0)
    client.get("/readyz")
    assert len(runs) == 2
