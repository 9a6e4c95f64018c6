"""Smaller findings of the hardening review: /metrics behind its own token when one is set, the OpenAPI document
lists only actions that exist, answers echoing the situation are not stored by caches, and a redirect does not
follow the Host header the client sent."""
import re
import secrets

import pytest

from regiewijzer.service import create_app

from .conftest import REPO, TOKEN

METRICS_TOKEN = secrets.token_urlsafe(32)


def test_metrics_need_their_token_when_one_is_set_and_the_document_says_so():
    client = create_app({"TESTING": True, "RATE_LIMIT": "0", "METRICS_TOKEN": METRICS_TOKEN}).test_client()
    for header in (None, "Bearer wrong", f"Bearer {TOKEN}"):
        refused = client.get("/metrics", headers={"Authorization": header} if header else {})
        assert refused.status_code == 401 and refused.json["field"] == "Authorization"
        assert refused.headers["WWW-Authenticate"].startswith("Bearer ")
    scraped = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert scraped.status_code == 200 and "regiewijzer_knowledge_info" in scraped.get_data(as_text=True)
    operation = client.get("/api/v1/openapi.json").json["paths"]["/metrics"]["get"]
    assert operation["security"] == [{"metricsToken": []}] and "401" in operation["responses"]


def test_without_a_metrics_token_metrics_stay_open(client):
    assert client.get("/metrics").status_code == 200
    assert "security" not in client.get("/api/v1/openapi.json").json["paths"]["/metrics"]["get"]


@pytest.mark.parametrize("token, listed", [("", False), (TOKEN, True)])
def test_the_openapi_document_lists_the_admin_action_only_when_it_exists(token, listed):
    client = create_app({"TESTING": True, "RATE_LIMIT": "0", "ADMIN_TOKEN": token}).test_client()
    assert ("/api/v1/admin/reload" in client.get("/api/v1/openapi.json").json["paths"]) is listed
    assert (client.post("/api/v1/admin/reload").status_code != 404) is listed


@pytest.mark.parametrize("method, path, body", [("POST", "/api/v1/advice", {"situation": {"theme": "Wijk Noord"}}),
                                                ("POST", "/api/v1/what-if", {"situation": {}}),
                                                ("POST", "/api/v1/report?format=md", {"situation": {}}),
                                                ("POST", "/api/v1/advice", {"situation": {"silos": "ja"}}),
                                                ("GET", "/api/v1/facts?lang=xx", None)])
def test_answers_that_echo_the_request_are_not_stored(client, method, path, body):
    response = client.open(path, method=method, json=body)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_vocabulary_may_be_cached(client):
    assert "Cache-Control" not in client.get("/api/v1/facts").headers


def test_a_redirect_names_only_the_path_whatever_the_host_header(client):
    response = client.get("/static//regiewijzer.css?v=1", headers={"Host": "evil.example"})
    assert response.status_code == 308 and response.headers["Location"] == "/static/regiewijzer.css?v=1"


def test_the_readme_docker_example_trusts_no_proxy_on_a_published_port():
    """With REGIEWIJZER_TRUSTED_PROXIES above 0, X-Forwarded-For decides the client: only a proxy may reach the port."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in re.findall(r"docker run[^`]*?regiewijzer\n", readme, re.S):
        trusted = re.search(r"REGIEWIJZER_TRUSTED_PROXIES=(\d+)", command)
        if trusted and int(trusted.group(1)) > 0:
            assert re.search(r"-p 127\.0\.0\.1:\d+:8000", command), command
