"""Liveness and readiness probes."""
from flask import Blueprint, current_app, jsonify

from ...rules import RegiewijzerError

blueprint = Blueprint("health", __name__)
CANNED_SITUATION = {"legal_power": True, "cooperation_level": "informatie"}


def canned_consultation_passes(advisor):
    """Whether an advisor answers the canned consultation as expected (regie)."""
    try:
        return advisor.advise(CANNED_SITUATION, "nl")["role"]["verdict"] == "regie"
    except RegiewijzerError as exc:
        current_app.logger.error("canned consultation failed: %s", exc)
        return False


@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz():
    """Ready when the knowledge base is loaded and compiled and a canned consultation gives regie."""
    advisor = current_app.extensions["advisor"]
    ready = canned_consultation_passes(advisor)
    body = {"status": "ready" if ready else "not_ready", "knowledge_version": advisor.knowledge.version}
    return jsonify(body), 200 if ready else 503
