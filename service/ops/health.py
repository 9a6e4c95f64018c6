"""Liveness and readiness probes.

/readyz runs a canned consultation; its result is kept for READY_SECONDS per process and knowledge base, so
probes as often as anyone likes (the path is not rate limited) cost at most one consultation per few seconds.
"""
import time

from flask import Blueprint, current_app, jsonify

from ...rules import RegiewijzerError

blueprint = Blueprint("health", __name__)
CANNED_SITUATION = {"legal_power": True, "cooperation_level": "informatie"}
READY_SECONDS = 5


def canned_consultation_passes(advisor):
    """Whether an advisor answers the canned consultation as expected (regie)."""
    try:
        return advisor.advise(CANNED_SITUATION, "nl")["role"]["verdict"] == "regie"
    except RegiewijzerError as exc:
        current_app.logger.error("canned consultation failed: %s", exc)
        return False


def consultation_passes(advisor, clock=time.monotonic):
    """The canned consultation's result for `advisor`, run again only when the last one is older than
    READY_SECONDS or was for another advisor (a reload)."""
    last = current_app.extensions.get("readiness")
    now = clock()
    if last and last[0] is advisor and now - last[1] < READY_SECONDS:
        return last[2]
    passes = canned_consultation_passes(advisor)
    current_app.extensions["readiness"] = (advisor, now, passes)
    return passes


@blueprint.get("/healthz")
def healthz():
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz():
    """Ready when the knowledge base is loaded and compiled, a canned consultation gives regie, and this worker
    serves the version the last reload validated (reload.py)."""
    advisor = current_app.extensions["advisor"]
    reloader = current_app.extensions.get("reloader")
    behind = reloader is not None and reloader.behind()
    ready = not behind and consultation_passes(advisor)
    body = {"status": "ready" if ready else "not_ready", "knowledge_version": advisor.knowledge.version}
    if behind:
        body["target_version"] = reloader.target_version()
    return jsonify(body), 200 if ready else 503
