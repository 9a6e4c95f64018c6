"""Parsing of request bodies and query parameters, with errors that name the field."""
import json
import math

from flask import current_app, g, request
from werkzeug.exceptions import RequestEntityTooLarge, UnsupportedMediaType

from ...rules import SituationError


def json_body(allowed_keys):
    """The request's JSON object; 415 for another content type, 413 above the size limit (also for a chunked
    body), 400 for bad JSON, a key given twice, NaN or Infinity, or unknown keys."""
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with the header Content-Type: application/json")
    try:
        body = json.loads(_body_bytes(), object_pairs_hook=_object, parse_constant=_Constant, parse_float=_number)
    except (ValueError, RecursionError):     # RecursionError: nesting deeper than the parser allows
        raise SituationError("body", "the body is not valid JSON", allowed=["a JSON object"]) from None
    _refuse_doubtful(body)
    if not isinstance(body, dict):
        raise SituationError("body", "the body must be a JSON object", allowed=sorted(allowed_keys))
    g.body = body                            # for the request log (situations only when configured)
    _reject_unknown(body, allowed_keys, "field")
    return body


def _body_bytes():
    """The body, refused (413) above MAX_CONTENT_LENGTH whether it has a Content-Length or comes in chunks."""
    if request.content_length is not None:
        return request.get_data(cache=False)         # werkzeug refuses a Content-Length above the limit
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    data = request.environ["wsgi.input"].read(limit + 1)    # chunked: the server ends the stream
    if len(data) > limit:
        raise RequestEntityTooLarge()
    return data


class _Duplicated(dict):
    """A JSON object that gave the key `duplicate` twice."""
    duplicate = None


class _Constant(str):
    """NaN, Infinity or -Infinity where a JSON number should be (Python's parser accepts them)."""


def _object(pairs):
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen = set()
    marked = _Duplicated(obj)
    marked.duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))
    return marked


def _number(text):
    value = float(text)
    return value if math.isfinite(value) else _Constant(text)     # 1e999 is read as infinity


def _refuse_doubtful(body):
    """Refuse the first key given twice or non-finite number, naming where it is (e.g. situation.theme).
    Walked with a stack, not recursion: the parser allows nesting as deep as the recursion limit."""
    pending = [(body, "")]
    while pending:
        value, path = pending.pop()
        if isinstance(value, _Duplicated):
            field = f"{path}.{value.duplicate}" if path else value.duplicate
            raise SituationError(field, f"the key '{value.duplicate}' is given twice in {path or 'the body'}",
                                 allowed=["each key once"])
        if isinstance(value, _Constant):
            raise SituationError(path or "body", f"{path or 'the body'} is {value}: a JSON number must be finite",
                                 allowed=["a finite number"])
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        pending += reversed([(child, f"{path}.{key}" if path else str(key)) for key, child in children])


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
