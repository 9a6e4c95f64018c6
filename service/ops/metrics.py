"""Prometheus metrics at /metrics (off with METRICS=0): requests by route and status, latency, verdicts and the
knowledge version.

Under gunicorn each worker counts for itself; with PROMETHEUS_MULTIPROC_DIR set (as `regiewijzer
serve` and the Docker image do) every scrape adds up the counts of all workers (their files: metricfiles.py).
Counting never fails a request: a count that cannot be written (a full file system) is dropped and logged.
The labels are bounded: a method outside KNOWN_METHODS counts as `other`, a route by its rule, a path no rule
matches as `unmatched`.
"""
import logging
import os
import time

from flask import Blueprint, Response, current_app, g, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from ...rules import verdicts
from . import metricfiles
from .security import token_matches

metricfiles.install()
log = logging.getLogger(__name__)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"})
REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("regiewijzer_requests", "HTTP requests answered, by route, method and status",
                   ["route", "method", "status"], registry=REGISTRY)
LATENCY = Histogram("regiewijzer_request_duration_seconds", "Time to answer a request, by route", ["route"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5), registry=REGISTRY)
VERDICTS = Counter("regiewijzer_advice_verdicts", "Verdicts given in advice, by verdict field and value",
                   ["field", "value"], registry=REGISTRY)
VERDICT_FIELDS = ("role", "stage", "scope", "scenario")

blueprint = Blueprint("metrics", __name__)


def counted(update):
    """Run a metrics update; one that fails (OSError: the metrics file cannot grow) is dropped and logged."""
    try:
        update()
    except OSError as exc:
        log.warning("a metric was not counted: %s (PROMETHEUS_MULTIPROC_DIR=%s)", exc,
                    os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def record_advice(advice):
    """Count the verdicts of one advice (undecided ones as value `none`)."""
    given = verdicts(advice)
    for field in VERDICT_FIELDS:
        counted(lambda field=field: VERDICTS.labels(field, str(given[field]).lower()).inc())


class KnowledgeInfo:
    """The knowledge version this worker serves, as `regiewijzer_knowledge_info{version=...} 1`."""

    def __init__(self, version):
        self.version = version

    def collect(self):
        info = GaugeMetricFamily("regiewijzer_knowledge_info", "Knowledge base version served", labels=["version"])
        info.add_metric([self.version], 1)
        yield info


@blueprint.get("/metrics")
def metrics():
    token = current_app.config["METRICS_TOKEN"]
    if token and not token_matches(request.headers.get("Authorization"), token):
        response = jsonify(error="unauthorized", message="send the metrics token as 'Authorization: Bearer <token>'",
                           field="Authorization")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer realm="regiewijzer-metrics"'
        return response
    registry = REGISTRY
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    scrape = CollectorRegistry()
    scrape.register(KnowledgeInfo(current_app.extensions["advisor"].knowledge.version))
    return Response(generate_latest(registry) + generate_latest(scrape), content_type=CONTENT_TYPE_LATEST)


def start_timer():
    g.metrics_started = time.perf_counter()


def count_request(response):
    route = request.url_rule.rule if request.url_rule else "unmatched"
    method = request.method if request.method in KNOWN_METHODS else "other"
    seconds = time.perf_counter() - g.metrics_started
    counted(lambda: REQUESTS.labels(route, method, str(response.status_code)).inc())
    counted(lambda: LATENCY.labels(route).observe(seconds))
    return response


def register(app):
    if not app.config["METRICS"]:
        return
    app.before_request(start_timer)
    app.after_request(count_request)
    app.register_blueprint(blueprint)
