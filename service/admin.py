"""Admin actions, behind a bearer token from REGIEWIJZER_ADMIN_TOKEN: POST /api/v1/admin/reload.

Without a configured token the admin actions are not registered at all (404 for every method).
"""
import hmac
import os

from flask import Blueprint, current_app, jsonify, request

from rules import KnowledgeError, SituationError
from rules.errors import ConfigError

from .errors import error_response
from .requests import query_args

MIN_TOKEN_LENGTH = 16
blueprint = Blueprint("admin", __name__, url_prefix="/api/v1/admin")


def admin_token(value):
    """The configured token ('' or None: admin actions off); a short one is refused."""
    token = (value or "").strip()
    if token and len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError("REGIEWIJZER_ADMIN_TOKEN", f"the admin token must have at least {MIN_TOKEN_LENGTH} "
                                                     "characters (e.g. from `python -c 'import secrets; "
                                                     "print(secrets.token_urlsafe(32))'`)")
    return token


def token_matches(authorization, token):
    """Whether an Authorization header carries `Bearer <token>`; compared in constant time."""
    scheme, _, given = (authorization or "").partition(" ")
    given = given.strip() if scheme.lower() == "bearer" else ""
    return hmac.compare_digest(given.encode(), token.encode())


@blueprint.before_request
def authenticate():
    if not token_matches(request.headers.get("Authorization"), current_app.config["ADMIN_TOKEN"]):
        response, status = error_response(401, "unauthorized", "send the admin token as "
                                          "'Authorization: Bearer <token>'", "Authorization")
        response.headers["WWW-Authenticate"] = 'Bearer realm="regiewijzer-admin"'
        return response, status
    return None


@blueprint.post("/reload")
def reload():
    """Validate the knowledge at the configured path as it is on disk now, and serve it in every worker."""
    query_args({})
    if request.get_data(cache=False):
        raise SituationError("body", "this action takes no body", allowed=[])
    reloader = current_app.extensions["reloader"]
    try:
        previous, version = reloader.reload()
    except KnowledgeError as exc:
        running = current_app.extensions["advisor"].knowledge.version
        return error_response(422, "invalid_knowledge", f"the knowledge base was refused; {running} keeps serving",
                              problems=[p.as_dict() for p in exc.problems], knowledge_version=running)
    return jsonify(status="reloaded", knowledge_version=version, previous_version=previous)


def register(app):
    app.config["ADMIN_TOKEN"] = admin_token(app.config.get("ADMIN_TOKEN",
                                                           os.environ.get("REGIEWIJZER_ADMIN_TOKEN")))
    if app.config["ADMIN_TOKEN"]:
        app.register_blueprint(blueprint)
