"""Security headers on every response; only views marked `embeddable` may be framed, by configured origins.

Also: an answer to a POST or an error (they echo the situation sent) is marked `Cache-Control: no-store`; a
redirect names only the path (werkzeug would build its Location from the Host header the client sent); and the
bearer token check shared by the admin action and /metrics.
"""
import hmac
from urllib.parse import urlsplit, urlunsplit

from flask import current_app, request

BASE_POLICY = ("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
               "img-src 'self' data:")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def embeddable(view):
    """Mark a view as allowed inside an iframe of the configured FRAME_ANCESTORS origins."""
    view.embeddable = True
    return view


def frame_ancestors(app, endpoint):
    """The frame-ancestors source list for a response of `endpoint`: 'none' unless it is embeddable."""
    view = app.view_functions.get(endpoint)
    origins = app.config["FRAME_ANCESTORS"]
    if getattr(view, "embeddable", False) and origins:
        return " ".join(origins)
    return "'none'"


def token_matches(authorization, token):
    """Whether an Authorization header carries `Bearer <token>`; compared in constant time."""
    scheme, _, given = (authorization or "").partition(" ")
    given = given.strip() if scheme.lower() == "bearer" else ""
    return hmac.compare_digest(given.encode(), token.encode())


def add_security_headers(response):
    app = current_app
    policy = f"{BASE_POLICY}; frame-ancestors {frame_ancestors(app, request.endpoint)}"
    response.headers["Content-Security-Policy"] = policy
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.method == "POST" or response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
    location = response.headers.get("Location")
    if location and urlsplit(location).netloc:
        response.headers["Location"] = urlunsplit(("", "", *urlsplit(location)[2:]))    # our redirects stay here
    return response


def register(app):
    app.after_request(add_security_headers)
