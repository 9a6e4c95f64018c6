"""Regiewijzer's HTTP service: `create_app(config)` builds the Flask app around one Advisor.

One sub-package per interface: `api` (the JSON API), `pages` (conversation, embed, training), `cli` (the
`regiewijzer` command and the server), `report` (the document to download); `ops` holds what every interface
shares in operation (settings, security headers, CORS, rate limit, logs, metrics, probes, reload), `texts` the
words shown to people.
"""
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from ..rules import Advisor
from . import api, pages
from .api.jsonio import OrjsonProvider
from .ops import cors, health, metrics, ratelimit, reload, requestlog, security, settings

MAX_BODY_BYTES = 64 * 1024


def create_app(config=None):
    """The Flask app; the knowledge base is loaded, validated and compiled once, here."""
    # instance_path given: Flask cannot find it by itself in the `regiewijzer` namespace package (none is used)
    app = Flask(__name__, static_folder=pages.STATIC_DIR, template_folder=pages.TEMPLATES_DIR,
                instance_path=str(Path(__file__).resolve().parent / "instance"))
    app.config.update(settings.from_environment(), MAX_CONTENT_LENGTH=MAX_BODY_BYTES, JSON_SORT_KEYS=False)
    app.config.update(config or {})
    app.config.update(settings.checked(app.config))
    app.json = OrjsonProvider(app)
    if app.config["TRUSTED_PROXIES"]:
        proxies = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.extensions["advisor"] = Advisor.from_path(app.config["KNOWLEDGE_PATH"])
    api.register_errors(app)
    requestlog.register(app)        # these two time every request: before the rate limit, which may answer first
    metrics.register(app)
    security.register(app)
    cors.register(app)
    ratelimit.register(app)
    reload.register(app)
    app.register_blueprint(health.blueprint)
    api.register(app)
    pages.register(app)
    return app
