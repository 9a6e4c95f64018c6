"""CORS for the JSON API only, for the configured origins only (never `*`); Flask answers the preflight OPTIONS."""
from flask import current_app, request

API_PREFIX = "/api/"
ALLOWED_HEADERS = "Content-Type, Authorization, X-Request-ID"
EXPOSED_HEADERS = "X-Request-ID, Retry-After"
PREFLIGHT_MAX_AGE = "600"


def add_cors_headers(response):
    if not request.path.startswith(API_PREFIX):
        return response
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if origin not in current_app.config["CORS_ORIGINS"]:
        return response
    response.headers["Access-Control-Allow-Origin"] = origin
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        allowed = [m for m in response.allow if m not in ("HEAD", "OPTIONS")]
        response.headers["Access-Control-Allow-Methods"] = ", ".join(allowed)
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    else:
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def register(app):
    app.after_request(add_cors_headers)
