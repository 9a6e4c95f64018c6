"""Operations: liveness and readiness, one JSON log line per request, Prometheus metrics that can be switched off."""
import json
import re

import pytest

from regiewijzer.rules import Advisor, EngineError
from regiewijzer.service import create_app

from .prometheus_text import metric

SITUATION = {"legal_power": True, "cooperation_level": "informatie", "theme": "armoede in wijk Noord"}


def log_lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]


def test_healthz_says_alive_and_readyz_runs_a_canned_consultation(client):
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["status"] == "ready"
    assert ready.json["knowledge_version"].startswith("kb-")


class FailingAdvisor(Advisor):
    """An advisor whose engine fails, as a broken deployment would."""

    def outcome(self, facts):
        raise EngineError("engine limit hit")


def test_readyz_is_503_when_the_canned_consultation_fails():
    app = create_app({"TESTING": True, "RATE_LIMIT": "0"})
    app.extensions["advisor"] = FailingAdvisor(app.extensions["advisor"].knowledge)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json["status"] == "not_ready"


def test_every_request_is_one_json_line_without_the_situation(client, capsys):
    capsys.readouterr()
    client.post("/api/v1/advice", json={"situation": SITUATION})
    client.get("/no/such/page")
    first, second = log_lines(capsys)
    assert first["method"] == "POST" and first["path"] == "/api/v1/advice" and first["status"] == 200
    assert first["latency_ms"] > 0 and first["knowledge_version"].startswith("kb-")
    assert re.fullmatch(r"[0-9a-f]{32}", first["request_id"])
    assert second["status"] == 404 and second["request_id"] != first["request_id"]
    assert set(first) == {"time", "request_id", "method", "path", "status", "latency_ms", "knowledge_version"}
    assert "armoede" not in json.dumps(first)


def test_the_situation_is_logged_only_when_configured(capsys):
    client = create_app({"TESTING": True, "RATE_LIMIT": "0", "LOG_SITUATIONS": "1"}).test_client()
    capsys.readouterr()
    client.post("/api/v1/advice", json={"situation": SITUATION})
    (line,) = log_lines(capsys)
    assert line["situation"] == SITUATION


def test_a_given_request_id_is_kept_and_echoed(client, capsys):
    capsys.readouterr()
    response = client.get("/api/v1/facts", headers={"X-Request-ID": "proxy-7f3a.42"})
    assert response.headers["X-Request-ID"] == "proxy-7f3a.42"
    assert log_lines(capsys)[0]["request_id"] == "proxy-7f3a.42"


@pytest.mark.parametrize("given", ["", "has space", "x" * 200, "line\"break{}"])
def test_an_implausible_request_id_is_replaced(client, capsys, given):
    capsys.readouterr()
    response = client.get("/healthz", headers={"X-Request-ID": given})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])
    assert log_lines(capsys)[0]["request_id"] == response.headers["X-Request-ID"]


def test_metrics_count_requests_latency_and_verdicts(client):
    before = client.get("/metrics").get_data(as_text=True)
    client.post("/api/v1/advice", json={"situation": {"legal_power": True}})
    client.post("/api/v1/advice", json={"situation": {"no_such_fact": 1}})
    response = client.get("/metrics")
    after = response.get_data(as_text=True)
    assert response.content_type.startswith("text/plain")
    advice = {"route": "/api/v1/advice", "method": "POST"}
    assert metric(after, "regiewijzer_requests_total", status=200, **advice) == \
        metric(before, "regiewijzer_requests_total", status=200, **advice) + 1
    assert metric(after, "regiewijzer_requests_total", status=400, **advice) == \
        metric(before, "regiewijzer_requests_total", status=400, **advice) + 1
    assert metric(after, "regiewijzer_request_duration_seconds_count", route="/api/v1/advice") == \
        metric(before, "regiewijzer_request_duration_seconds_count", route="/api/v1/advice") + 2
    assert metric(after, "regiewijzer_advice_verdicts_total", field="role", value="regie") == \
        metric(before, "regiewijzer_advice_verdicts_total", field="role", value="regie") + 1
    version = client.get("/readyz").json["knowledge_version"]
    assert metric(after, "regiewijzer_knowledge_info", version=version) == 1


def test_metrics_can_be_switched_off():
    client = create_app({"TESTING": True, "RATE_LIMIT": "0", "METRICS": "0"}).test_client()
    assert client.get("/metrics").status_code == 404
    assert "/metrics" not in client.get("/api/v1/openapi.json").json["paths"]
