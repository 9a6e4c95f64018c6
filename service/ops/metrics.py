"""Prometheus metrics at /metrics (off with METRICS=0): requests by route and status, latency, verdicts and the
knowledge version.

Under gunicorn each worker counts for itself; with PROMETHEUS_MULTIPROC_DIR set (as `regiewijzer
serve` and the Docker image do) every scrape adds up the counts of all workers.
"""
import os
import time

from flask import Blueprint, Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from ...rules import verdicts

REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("regiewijzer_requests", "HTTP requests answered, by route, method and status",
                   ["route", "method", "status"], registry=REGISTRY)
LATENCY = Histogram("regiewijzer_request_duration_seconds", "Time to answer a request, by route", ["route"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5), registry=REGISTRY)
VERDICTS = Counter("regiewijzer_advice_verdicts", "Verdicts given in advice, by verdict field and value",
                   ["field", "value"], registry=REGISTRY)
VERDICT_FIELDS = ("role", "stage", "scope", "scenario")

blueprint = Blueprint("metrics", __name__)


def record_advice(advice):
    """Count the verdicts of one advice (undecided ones as value `none`)."""
    given = verdicts(advice)
    for field in VERDICT_FIELDS:
        VERDICTS.labels(field, str(given[field]).lower()).inc()


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
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    LATENCY.labels(route).observe(time.perf_counter() - g.metrics_started)
    return response


def register(app):
    if not app.config["METRICS"]:
        return
    app.before_request(start_timer)
    app.after_request(count_request)
    app.register_blueprint(blueprint)
