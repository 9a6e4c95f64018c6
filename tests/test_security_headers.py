"""Every response carries the security headers; only views marked embeddable may be framed, by configured origins."""
import re

import pytest

from regiewijzer.rules.errors import ConfigError
from regiewijzer.service import create_app
from regiewijzer.service.ops.security import embeddable


def csp_directives(response):
    policy = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize("method, path", [("GET", "/healthz"), ("GET", "/api/v1/facts"),
                                          ("POST", "/api/v1/advice"), ("GET", "/no/such/page")])
def test_every_response_has_the_security_headers(client, method, path):
    response = client.open(path, method=method, json={"situation": {}} if method == "POST" else None)
    directives = csp_directives(response)
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def app_with_embeddable_view(origins):
    app = create_app({"TESTING": True, "FRAME_ANCESTORS": origins})
    app.add_url_rule("/framed", "framed", embeddable(lambda: "framed"))
    return app.test_client()


def test_embeddable_views_may_be_framed_only_by_the_configured_origins():
    client = app_with_embeddable_view("https://leren.example.be http://127.0.0.1:8123")
    framed = csp_directives(client.get("/framed"))["frame-ancestors"]
    assert framed == "https://leren.example.be http://127.0.0.1:8123"
    assert csp_directives(client.get("/healthz"))["frame-ancestors"] == "'none'"


def test_embeddable_views_refuse_framing_when_no_origin_is_configured():
    client = app_with_embeddable_view("")
    assert csp_directives(client.get("/framed"))["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("origins", ["*", "https://ok.example.be https://x.be/path", "leren.example.be",
                                     "https://a.be; script-src *"])
def test_a_frame_ancestor_that_is_not_an_origin_is_refused_at_start_up(origins):
    with pytest.raises(ConfigError, match="FRAME_ANCESTORS"):
        create_app({"TESTING": True, "FRAME_ANCESTORS": origins})


def every_request(app):
    """One request for every method of every route (placeholders filled in), plus an unknown path and a 405."""
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<[^>]+>", "x", rule.rule)
        for method in sorted(rule.methods - {"HEAD"}):
            yield method, path
    yield "GET", "/no/such/page"
    yield "DELETE", "/api/v1/advice"


def test_every_route_answers_every_method_with_the_security_headers(app):
    client = app.test_client()
    requests = list(every_request(app))
    assert ("POST", "/api/v1/advice") in requests and ("GET", "/metrics") in requests
    for method, path in requests:
        with client.open(path, method=method, json={} if method == "POST" else None) as response:
            directives = csp_directives(response)
            where = f"{method} {path} -> {response.status_code}"
            assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'", where
            assert "frame-ancestors" in directives, where
            assert response.headers["X-Content-Type-Options"] == "nosniff", where
            assert response.headers["Referrer-Policy"], where
