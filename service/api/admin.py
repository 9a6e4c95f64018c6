"""Admin actions, behind a bearer token from REGIEWIJZER_ADMIN_TOKEN: POST /api/v1/admin/reload.

Without a configured token the admin actions are not registered at all (404 for every method).
"""
from flask import Blueprint, current_app, jsonify, request

from ...rules import KnowledgeError, SituationError
from ..ops.security import token_matches
from .errors import error_response
from .parsing import query_args

blueprint = Blueprint("admin", __name__, url_prefix="/api/v1/admin")


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
    """The admin actions exist only when REGIEWIJZER_ADMIN_TOKEN is set (checked in settings)."""
    if app.config["ADMIN_TOKEN"]:
        app.register_blueprint(blueprint)
