"""Regiewijzer's HTTP service: `create_app(config)` builds the Flask app around one Advisor."""
import os

from flask import Flask

from rules import Advisor

from . import admin, api, errors, health, reload, security
from .jsonio import OrjsonProvider

MAX_BODY_BYTES = 64 * 1024


def create_app(config=None):
    """The Flask app; the knowledge base is loaded, validated and compiled once, here."""
    app = Flask(__name__)
    app.config.update(
        KNOWLEDGE_PATH=os.environ.get("REGIEWIJZER_KNOWLEDGE"),
        FRAME_ANCESTORS=os.environ.get("REGIEWIJZER_FRAME_ANCESTORS", ""),
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        JSON_SORT_KEYS=False,
    )
    app.config.update(config or {})
    app.json = OrjsonProvider(app)
    app.config["FRAME_ANCESTORS"] = security.parse_origins("REGIEWIJZER_FRAME_ANCESTORS",
                                                           app.config["FRAME_ANCESTORS"])
    app.extensions["advisor"] = Advisor.from_path(app.config["KNOWLEDGE_PATH"])
    errors.register(app)
    security.register(app)
    reload.register(app)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(health.blueprint)
    admin.register(app)
    return app
