"""Security headers on every response; only views marked `embeddable` may be framed, by configured origins."""
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


def add_security_headers(response):
    app = current_app
    policy = f"{BASE_POLICY}; frame-ancestors {frame_ancestors(app, request.endpoint)}"
    response.headers["Content-Security-Policy"] = policy
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def register(app):
    app.after_request(add_security_headers)
