"""A rate limit per client (its address, as ProxyFix gives it behind trusted proxies): JSON 429 with Retry-After.

Fixed windows aligned to the clock, counted in this process: with several gunicorn workers each
keeps its own counts, so a client gets between the limit and workers x the limit per window.
"""
import math
import threading
import time

from flask import current_app, jsonify, request

UNLIMITED_PATHS = ("/healthz", "/readyz", "/metrics")      # probes and scrapes come often, from known places


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
    counter = current_app.extensions["rate_limit"]
    if request.path in UNLIMITED_PATHS or request.endpoint == "static" or request.method == "OPTIONS":
        return None
    retry_after = counter.hit(request.remote_addr)
    if retry_after is None:
        return None
    message = (f"more than {counter.limit} requests in {counter.seconds} s from this client; "
               f"try again in {retry_after} s")
    response = jsonify(error="too_many_requests", message=message, field=None, retry_after=retry_after)
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def register(app):
    if app.config["RATE_LIMIT"] is None:
        return
    app.extensions["rate_limit"] = FixedWindowCounter(*app.config["RATE_LIMIT"])
    app.before_request(limit_request)
