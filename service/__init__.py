"""Regiewijzer's HTTP service: `create_app(config)` builds the Flask app around one Advisor."""
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from rules import Advisor

from . import admin, api, cors, errors, health, metrics, pages, ratelimit, reload, requestlog, security, settings
from .jsonio import OrjsonProvider

MAX_BODY_BYTES = 64 * 1024


def create_app(config=None):
    """The Flask app; the knowledge base is loaded, validated and compiled once, here."""
    app = Flask(__name__)
    app.config.update(settings.from_environment(), MAX_CONTENT_LENGTH=MAX_BODY_BYTES, JSON_SORT_KEYS=False)
    app.config.update(config or {})
    app.config.update(settings.checked(app.config))
    app.json = OrjsonProvider(app)
    if app.config["TRUSTED_PROXIES"]:
        proxies = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.extensions["advisor"] = Advisor.from_path(app.config["KNOWLEDGE_PATH"])
    errors.register(app)
    requestlog.register(app)        # these two time every request: before the rate limit, which may answer first
    metrics.register(app)
    security.register(app)
    cors.register(app)
    ratelimit.register(app)
    reload.register(app)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(pages.blueprint)
    admin.register(app)
    return app
