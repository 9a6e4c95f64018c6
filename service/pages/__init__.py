"""The three faces for people: the advisory conversation, the embeddable widget and the training mode.

Server-rendered shells only; the scripts in static/ call the JSON API, so there is one set of endpoints.
"""
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from ...rules import LANGS
from ..api.parsing import query_args
from ..ops.security import embeddable
from ..texts import texts

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
blueprint = Blueprint("pages", __name__)


def register(app):
    app.register_blueprint(blueprint)


def _page(template, embedded=False, **context):
    args = query_args({"lang": LANGS, "embed": ("1",)})
    lang = args.get("lang", "nl")
    return render_template(template, lang=lang, t=texts(lang), embedded=embedded or "embed" in args,
                           other_langs=[code for code in LANGS if code != lang],
                           lang_names={code: texts(code)["language_name"] for code in LANGS}, **context)


@blueprint.get("/")
def conversation():
    return _page("conversation.html")


@blueprint.get("/embed")
@embeddable
def embed():
    return _page("conversation.html", embedded=True)


@blueprint.get("/embed.js")
def embed_script():
    """The script a course page includes; its words (the notice shown when the frame stays empty) from texts/."""
    words = {lang: {key: texts(lang)[f"embed_{key}"] for key in ("unavailable", "open", "admin")} for lang in LANGS}
    return current_app.response_class(render_template("embed.js", texts=words), mimetype="text/javascript")


@blueprint.get("/glossary")
def glossary():
    """The Dutch terms that the English texts keep on purpose, explained once."""
    lang = query_args({"lang": LANGS, "embed": ("1",)}).get("lang", "nl")
    knowledge = current_app.extensions["advisor"].knowledge
    source = current_app.extensions["advisor"].builders[lang].source
    terms = [{"id": t.id, "term": t.term[lang], "text": t.text[lang],
              "source": _cite(source(t.source))} for t in knowledge.glossary.values()]
    return _page("glossary.html", terms=terms)


def _cite(source):
    """'Leidraad regie (VVSG), Wat is regie?'"""
    box = f" ({source['box']})" if source.get("box") else ""
    return f"{source['document_short']}, {source['section_title']}{box}"


@blueprint.get("/training")
@embeddable
def training():
    return _page("training.html", case=None)


@blueprint.get("/training/<case>")
@embeddable
def training_case(case):
    knowledge = current_app.extensions["advisor"].knowledge
    if case in knowledge.case_aliases:         # a case merged into another: old course links keep working
        return redirect(url_for("pages.training_case", case=knowledge.case_aliases[case], **request.args), 301)
    if case not in knowledge.examples:
        abort(404, description=f"unknown practice case {case!r}; see /training for the list of cases")
    return _page("training.html", case=case)
