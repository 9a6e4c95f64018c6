"""Parsing of request bodies and query parameters, with errors that name the field."""
import json

from flask import g, request
from werkzeug.exceptions import UnsupportedMediaType

from ...rules import SituationError


def json_body(allowed_keys):
    """The request's JSON object; 415 for another content type, 400 for bad JSON or unknown keys."""
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with the header Content-Type: application/json")
    try:
        body = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):     # RecursionError: nesting deeper than the parser allows
        raise SituationError("body", "the body is not valid JSON", allowed=["a JSON object"]) from None
    if not isinstance(body, dict):
        raise SituationError("body", "the body must be a JSON object", allowed=sorted(allowed_keys))
    g.body = body                            # for the request log (situations only when configured)
    _reject_unknown(body, allowed_keys, "field")
    return body


def query_args(allowed):
    """The query parameters, each checked against its allowed values (None: any value)."""
    _reject_unknown(request.args, allowed, "query parameter")
    for name, values in allowed.items():
        value = request.args.get(name)
        if value is not None and values is not None and value not in values:
            raise SituationError(name, f"unknown {name} {value!r}", allowed=list(values))
    return request.args


def _reject_unknown(given, allowed, what):
    unknown = [k for k in given if k not in allowed]
    if unknown:
        raise SituationError(unknown[0], f"unknown {what} '{unknown[0]}'", allowed=sorted(allowed))
