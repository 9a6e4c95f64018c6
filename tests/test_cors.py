"""CORS: only the JSON API, only the configured origins (never `*`), preflight answered, always `Vary: Origin`."""
import pytest

from regiewijzer.rules.errors import ConfigError
from regiewijzer.service import create_app

ALLOWED = "https://leren.example.be"


@pytest.fixture(scope="module")
def cors_client():
    return create_app({"TESTING": True, "RATE_LIMIT": "0", "CORS_ORIGINS": f"{ALLOWED} http://localhost:3000"}).test_client()


def test_a_configured_origin_may_read_the_api(cors_client):
    response = cors_client.post("/api/v1/advice", json={"situation": {}}, headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]
    assert "Origin" in response.headers["Vary"]


@pytest.mark.parametrize("origin", ["https://evil.example.com", "https://leren.example.be.evil.com", "null", "*"])
def test_another_origin_gets_no_cors_headers(cors_client, origin):
    response = cors_client.get("/api/v1/facts", headers={"Origin": origin})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Origin" in response.headers["Vary"]


def test_a_preflight_from_a_configured_origin_is_answered(cors_client):
    response = cors_client.options("/api/v1/advice", headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert response.headers["Access-Control-Allow-Methods"] == "POST"
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
    assert int(response.headers["Access-Control-Max-Age"]) > 0


def test_a_preflight_from_another_origin_allows_nothing(cors_client):
    response = cors_client.options("/api/v1/advice", headers={
        "Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"})
    assert not [name for name, _ in response.headers if name.startswith("Access-Control-")]


def test_pages_and_probes_get_no_cors_headers_even_for_a_configured_origin(cors_client):
    response = cors_client.get("/healthz", headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_without_configured_origins_no_origin_is_allowed(client):
    response = client.get("/api/v1/facts", headers={"Origin": ALLOWED})
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origins", ["*", "https://a.be *", "https://a.be/path", "a.be"])
def test_a_wildcard_or_malformed_origin_is_refused_at_start_up(origins):
    with pytest.raises(ConfigError, match="REGIEWIJZER_CORS_ORIGINS"):
        create_app({"TESTING": True, "CORS_ORIGINS": origins})
