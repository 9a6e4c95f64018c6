"""Rate limits per client (its address, as ProxyFix gives it behind trusted proxies): JSON 429 with Retry-After.

Every request but the probes, the metrics and static files counts against RATE_LIMIT; a report (about a
CPU-second for a PDF, a hundred advice requests' worth) counts against the stricter REPORT_RATE_LIMIT too.
RATE_LIMIT 0 switches every limit off. Fixed windows aligned to the clock, counted in this process: with several
gunicorn workers each keeps its own counts, so a client gets between the limit and workers x the limit per window.
"""
import math
import threading
import time

from flask import current_app, jsonify, request

UNLIMITED_PATHS = ("/healthz", "/readyz", "/metrics")      # probes and scrapes come often, from known places
COSTLY_ENDPOINTS = ("api.report",)


class FixedWindowCounter:
    """Requests per client in the current window; all counts are dropped when a new window starts."""

    def __init__(self, limit, seconds, clock=time.monotonic):
        self.limit, self.seconds, self.clock = limit, seconds, clock
        self.window, self.counts = None, {}
        self.lock = threading.Lock()

    def hit(self, client):
        """None when the request may pass, else the seconds until the client's window ends."""
        now = self.clock()
        window = math.floor(now / self.seconds)
        with self.lock:
            if window != self.window:
                self.window, self.counts = window, {}
            self.counts[client] = self.counts.get(client, 0) + 1
            if self.counts[client] <= self.limit:
                return None
        return max(1, math.ceil((window + 1) * self.seconds - now))


def limit_request():
    if request.path in UNLIMITED_PATHS or request.endpoint == "static" or request.method == "OPTIONS":
        return None
    counters = [("requests", current_app.extensions["rate_limit"])]
    if request.endpoint in COSTLY_ENDPOINTS and "report_rate_limit" in current_app.extensions:
        counters.append(("reports", current_app.extensions["report_rate_limit"]))
    for what, counter in counters:
        retry_after = counter.hit(request.remote_addr)
        if retry_after is not None:
            return _too_many(what, counter, retry_after)
    return None


def _too_many(what, counter, retry_after):
    message = (f"more than {counter.limit} {what} in {counter.seconds} s from this client; "
               f"try again in {retry_after} s")
    response = jsonify(error="too_many_requests", message=message, field=None, retry_after=retry_after)
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def register(app):
    if app.config["RATE_LIMIT"] is None:
        return
    app.extensions["rate_limit"] = FixedWindowCounter(*app.config["RATE_LIMIT"])
    if app.config["REPORT_RATE_LIMIT"] is not None:
        app.extensions["report_rate_limit"] = FixedWindowCounter(*app.config["REPORT_RATE_LIMIT"])
    app.before_request(limit_request)
