"""The same-run baseline of bench/load.py: a trivial Flask app that answers every advice request with one fixed
JSON body of a given size, served by gunicorn with Regiewijzer's own settings. What it costs is what serving an
answer of that size costs; Regiewijzer's figure beside it shows what the advice itself adds."""
from flask import Flask, Response


def create_app(size):
    body = b'{"padding": "' + b"x" * max(0, size - 15) + b'"}'
    app = Flask(__name__)

    @app.post("/api/v1/advice")
    def advice():
        return Response(body, mimetype="application/json")

    @app.get("/readyz")
    def ready():
        return Response(b'{"status": "ready"}', mimetype="application/json")

    return app
