"""Rate limit per client: a JSON 429 with Retry-After; the client is its address, or X-Forwarded-For behind trusted proxies."""
import pytest
from jsonschema import Draft202012Validator

from regiewijzer.rules.errors import ConfigError
from regiewijzer.service import create_app
from regiewijzer.service.ops.ratelimit import FixedWindowCounter


def limited_client(limit="3/minute", proxies=0):
    return create_app({"TESTING": True, "RATE_LIMIT": limit, "TRUSTED_PROXIES": proxies}).test_client()


def from_address(address, **headers):
    return {"environ_base": {"REMOTE_ADDR": address}, "headers": headers}


def test_a_client_over_the_limit_gets_a_clear_429_with_retry_after():
    client = limited_client()
    statuses = [client.get("/api/v1/facts", **from_address("10.0.0.1")).status_code for _ in range(3)]
    response = client.post("/api/v1/advice", json={}, **from_address("10.0.0.1"))
    assert statuses == [200, 200, 200] and response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert response.json["error"] == "too_many_requests"
    assert "3 requests in 60 s" in response.json["message"]
    assert response.json["retry_after"] == int(response.headers["Retry-After"])


def test_the_429_is_documented_and_follows_the_error_schema(client):
    limited = limited_client("1/hour")
    limited.get("/api/v1/facts")
    response = limited.get("/api/v1/facts")
    document = client.get("/api/v1/openapi.json").json
    assert "429" in document["paths"]["/api/v1/facts"]["get"]["responses"]
    schema = {**document["components"]["schemas"]["Error"], "$schema": "https://json-schema.org/draft/2020-12/schema"}
    Draft202012Validator(schema).validate(response.json)


def test_other_clients_and_the_probes_are_not_limited():
    client = limited_client("1/minute")
    assert client.get("/api/v1/facts", **from_address("10.0.0.1")).status_code == 200
    assert client.get("/api/v1/facts", **from_address("10.0.0.1")).status_code == 429
    assert client.get("/api/v1/facts", **from_address("10.0.0.2")).status_code == 200
    assert {client.get(path, **from_address("10.0.0.1")).status_code for path in ("/healthz", "/readyz", "/metrics")} == {200}


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted():
    client = limited_client("1/minute")
    assert client.get("/api/v1/facts", **from_address("10.0.0.9", **{"X-Forwarded-For": "192.0.2.1"})).status_code == 200
    spoofed = client.get("/api/v1/facts", **from_address("10.0.0.9", **{"X-Forwarded-For": "192.0.2.2"}))
    assert spoofed.status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit():
    client = limited_client("1/minute", proxies=1)
    proxy = "10.0.0.254"
    assert client.get("/api/v1/facts", **from_address(proxy, **{"X-Forwarded-For": "192.0.2.1"})).status_code == 200
    assert client.get("/api/v1/facts", **from_address(proxy, **{"X-Forwarded-For": "192.0.2.2"})).status_code == 200
    assert client.get("/api/v1/facts", **from_address(proxy, **{"X-Forwarded-For": "192.0.2.1"})).status_code == 429
    # one trusted proxy: only the address it appended counts, not what the client wrote before it
    forged = client.get("/api/v1/facts", **from_address(proxy, **{"X-Forwarded-For": "203.0.113.7, 192.0.2.2"}))
    assert forged.status_code == 429


def test_zero_switches_the_limit_off():
    client = limited_client("0")
    assert {client.get("/api/v1/facts").status_code for _ in range(5)} == {200}


def test_the_window_starts_again_after_its_time():
    now = [120.0]
    counter = FixedWindowCounter(2, 60, clock=lambda: now[0])
    assert [counter.hit("a"), counter.hit("a")] == [None, None]
    now[0] = 150.0
    assert counter.hit("a") == 30 and counter.hit("b") is None
    now[0] = 180.0
    assert counter.hit("a") is None


@pytest.mark.parametrize("setting, value", [("RATE_LIMIT", "120"), ("RATE_LIMIT", "120/day"), ("RATE_LIMIT", "-1/minute"),
                                            ("RATE_LIMIT", "many"), ("TRUSTED_PROXIES", "yes"), ("TRUSTED_PROXIES", "-1")])
def test_a_bad_setting_is_refused_at_start_up_naming_the_variable(setting, value):
    with pytest.raises(ConfigError, match=f"REGIEWIJZER_{setting}") as caught:
        create_app({"TESTING": True, setting: value})
    assert "expected" in str(caught.value)
