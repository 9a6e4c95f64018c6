"""One JSON line on stdout per request: request id, method, path, status, latency, knowledge version.

The situation sent is logged only when LOG_SITUATIONS is on; `X-Request-ID` is taken from the
request when it is a plausible id, else generated, and echoed in the response.
"""
import json
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import current_app, g, request

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def start():
    g.started = time.perf_counter()
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def finish(response):
    response.headers["X-Request-ID"] = g.request_id
    line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "request_id": g.request_id, "method": request.method, "path": request.path,
            "status": response.status_code,
            "latency_ms": round((time.perf_counter() - g.started) * 1000, 3),
            "knowledge_version": current_app.extensions["advisor"].knowledge.version}
    body = g.get("body")
    if current_app.config["LOG_SITUATIONS"] and isinstance(body, dict) and "situation" in body:
        line["situation"] = body["situation"]
    sys.stdout.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
    return response


def register(app):
    app.before_request(start)
    app.after_request(finish)
