"""JSON error responses: every error names what went wrong, and for bad input the field and what is allowed."""
from flask import jsonify
from werkzeug.exceptions import HTTPException

from ...rules import RegiewijzerError, SituationError


def error_response(status, error, message, field=None, **extra):
    body = {"error": error, "message": message, "field": field, **extra}
    return jsonify(body), status


def register(app):
    @app.errorhandler(SituationError)
    def invalid_input(exc):
        return jsonify(exc.as_dict()), 400

    @app.errorhandler(HTTPException)
    def http_error(exc):
        messages = {413: f"the request body is larger than {app.config['MAX_CONTENT_LENGTH']} bytes"}
        name = exc.name.lower().replace(" ", "_")
        fields = {413: "body", 415: "Content-Type"}
        body, status = error_response(exc.code, name, messages.get(exc.code, exc.description), fields.get(exc.code))
        kept = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}     # e.g. Allow of a 405
        return body, status, kept

    @app.errorhandler(RegiewijzerError)
    def domain_error(exc):
        app.logger.error("domain error: %s", exc)
        return error_response(500, "reasoning_failed", "the advice could not be computed; the error was logged")
