"""The routes of the JSON API: advice, what-if, report, the fact vocabulary, the knowledge base and the OpenAPI
document."""
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, jsonify

from ...rules import LANGS, SituationError, validate_lang
from ...rules.advice import validate_detail
from ...rules.knowledge import ITEM_KINDS
from ..ops.metrics import record_advice
from ..pages.pictures import pictures
from ..report import FORMATS, FontMissing, build_report, render_document
from ..texts.whatif import what_if as what_if_document
from .errors import error_response
from .openapi import openapi_document
from .parsing import json_body, query_args
from .serialisers import item_view, vocabulary_view

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def _advisor():
    return current_app.extensions["advisor"]


def _consultation():
    """(situation, lang) of a what-if request body."""
    body = json_body({"situation", "lang"})
    return body.get("situation"), validate_lang(body.get("lang", "nl"))


def _advice_request():
    """(situation, lang, detail) of an advice or report request body."""
    body = json_body({"situation", "lang", "detail"})
    return body.get("situation"), validate_lang(body.get("lang", "nl")), validate_detail(body.get("detail", "focused"))


@blueprint.post("/advice")
def advice():
    with_pictures = query_args({"pictures": ("svg",)}).get("pictures") == "svg"
    situation, lang, detail = _advice_request()
    advisor = _advisor()
    advice = advisor.advise(situation, lang, detail)
    record_advice(advice)
    if with_pictures:
        advice["pictures"] = pictures(advisor.knowledge, advice, lang)
    return jsonify(advice)


@blueprint.post("/what-if")
def what_if():
    query_args({})
    situation, lang = _consultation()
    return jsonify(what_if_document(_advisor(), situation, lang))


@blueprint.post("/report")
def report():
    """The consultation as a document to download: ?format=pdf|md|html (the same one again from the cache)."""
    fmt = query_args({"format": tuple(FORMATS)}).get("format")
    if fmt is None:
        raise SituationError("format", "the query parameter 'format' is required", allowed=list(FORMATS))
    situation, lang = _consultation()
    advisor = _advisor()
    today = datetime.now(UTC).date().isoformat()
    reports = current_app.extensions["rendered_reports"]
    key = reports.key(situation, lang, fmt, advisor.knowledge.version, today)
    rendered = reports.get(key)
    if rendered is None:
        document = build_report(advisor, situation, lang, today)
        try:
            rendered = render_document(document, fmt, advisor.knowledge.version)
        except FontMissing as exc:
            current_app.logger.error("report: %s", exc)
            return error_response(503, "pdf_unavailable", "the PDF cannot be made on this server; try format=html")
        reports.put(key, rendered)
    data, media_type, name = rendered
    return Response(data, content_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@blueprint.get("/facts")
def facts():
    lang = query_args({"lang": LANGS}).get("lang", "nl")
    return jsonify(vocabulary_view(_advisor(), lang))


@blueprint.get("/knowledge")
def knowledge():
    advisor = _advisor()
    kb = advisor.knowledge
    args = query_args({"lang": LANGS, "kind": (*ITEM_KINDS, "example"), "document": tuple(kb.documents)})
    lang = args.get("lang", "nl")
    builder = advisor.builders[lang]
    entries = [item_view(builder, entry) for entry in (*kb.items.values(), *kb.examples.values())]
    if "kind" in args:
        entries = [e for e in entries if e["kind"] == args["kind"]]
    if "document" in args:
        entries = [e for e in entries if e["source"]["document_id"] == args["document"]]
    return jsonify(lang=lang, knowledge_version=kb.version, count=len(entries), items=entries)


@blueprint.get("/glossary")
def glossary():
    """The Dutch terms the English texts keep, explained (knowledge/glossary.yaml)."""
    lang = query_args({"lang": LANGS}).get("lang", "nl")
    advisor = _advisor()
    builder = advisor.builders[lang]
    terms = [{"id": t.id, "term": t.term[lang], "text": t.text[lang], "source": builder.source(t.source)}
             for t in advisor.knowledge.glossary.values()]
    return jsonify(lang=lang, knowledge_version=advisor.knowledge.version, terms=terms)


@blueprint.get("/openapi.json")
def openapi():
    config = current_app.config
    return jsonify(openapi_document(_advisor().knowledge, metrics=config["METRICS"], admin=bool(config["ADMIN_TOKEN"]),
                                    metrics_token=bool(config["METRICS_TOKEN"])))
