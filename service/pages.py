"""The three faces for people: the advisory conversation, the embeddable widget and the training mode.

Server-rendered shells only; the scripts in static/ call the JSON API, so there is one set of endpoints.
"""
from functools import lru_cache
from pathlib import Path

import yaml
from flask import Blueprint, abort, current_app, render_template, send_from_directory

from rules import LANGS

from .requests import query_args
from .security import embeddable

TEXTS_DIR = Path(__file__).parent / "texts"
blueprint = Blueprint("pages", __name__)


@lru_cache(maxsize=None)
def texts(lang):
    """The user-interface texts of one language (service/texts/<lang>.yaml)."""
    return yaml.safe_load((TEXTS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


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
    return send_from_directory(current_app.static_folder, "embed.js", mimetype="text/javascript")


@blueprint.get("/training")
@embeddable
def training():
    return _page("training.html", case=None)


@blueprint.get("/training/<case>")
@embeddable
def training_case(case):
    examples = current_app.extensions["advisor"].knowledge.examples
    if case not in examples:
        abort(404, description=f"unknown practice case {case!r}; see /training for the list of cases")
    return _page("training.html", case=case)
