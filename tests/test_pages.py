"""The page shells without a browser: languages, texts as data, no inline script or style, framing, errors."""
from html.parser import HTMLParser

import pytest
import yaml

from regiewijzer.service.texts import TEXTS_DIR

PAGES = ["/", "/embed", "/training", "/training/case_001_lommel_cluster_groups", "/glossary"]


class Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style attributes and elements, event handlers."""

    def __init__(self):
        super().__init__()
        self.blocked, self.html_lang, self._in_script = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "style" or "style" in attrs or any(name.startswith("on") for name in attrs):
            self.blocked.append((tag, attrs))
        if tag == "script":
            self._in_script = attrs

    def handle_data(self, data):
        if self._in_script is not None and data.strip() and self._in_script.get("type") != "application/json":
            self.blocked.append(("inline script", data[:40]))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(response):
    parser = Inline()
    parser.feed(response.get_data(as_text=True))
    return parser


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pages_render_in_each_language_without_inline_script_or_style(client, path, lang):
    response = client.get(f"{path}?lang={lang}")
    assert response.status_code == 200
    page = parse(response)
    assert page.html_lang == lang
    assert page.blocked == []


def test_dutch_is_the_default(client):
    assert parse(client.get("/")).html_lang == "nl"


def leaves(texts, path=()):
    """(key path, text) for every text of a nested texts mapping."""
    for key, value in texts.items():
        if isinstance(value, dict):
            yield from leaves(value, (*path, key))
        else:
            yield (*path, key), value


def test_both_languages_have_the_same_texts():
    nl, en = (dict(leaves(yaml.safe_load((TEXTS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))))
              for lang in ("nl", "en"))
    assert set(nl) == set(en)
    assert all(isinstance(value, str) and value.strip() for value in [*nl.values(), *en.values()])


def test_every_static_file_a_page_uses_is_served_by_the_app(client):
    html = "".join(client.get(path).get_data(as_text=True) for path in PAGES)
    assert "http://" not in html and "https://" not in html        # nothing from a CDN
    for asset in ("regiewijzer.css", "common.js", "conversation.js", "training.js", "favicon.svg"):
        with client.get(f"/static/{asset}") as response:
            assert response.status_code == 200
    with client.get("/embed.js") as script:
        assert script.status_code == 200 and script.mimetype == "text/javascript"


def test_an_unknown_language_is_a_400_naming_the_field(client):
    response = client.get("/?lang=fr")
    assert response.status_code == 400
    assert response.json["field"] == "lang" and response.json["allowed"] == ["nl", "en"]


def test_an_unknown_query_parameter_is_a_400(client):
    response = client.get("/training?case=x")
    assert response.status_code == 400 and response.json["field"] == "case"


def test_an_unknown_case_is_a_404_that_says_where_the_cases_are(client):
    response = client.get("/training/no_such_case")
    assert response.status_code == 404
    assert "no_such_case" in response.json["message"] and "/training" in response.json["message"]


def test_only_the_embeddable_pages_may_be_framed_by_the_configured_origin():
    from regiewijzer.service import create_app
    client = create_app({"TESTING": True, "FRAME_ANCESTORS": "https://leren.example.be"}).test_client()
    for path in ("/embed", "/training", "/training/case_001_lommel_cluster_groups"):
        assert "frame-ancestors https://leren.example.be" in client.get(path).headers["Content-Security-Policy"]
    for path in ("/", "/embed.js", "/static/common.js"):
        with client.get(path) as response:
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_a_merged_case_keeps_its_old_link_by_a_redirect(client, knowledge):
    old, new = next(iter(knowledge.case_aliases.items()))
    response = client.get(f"/training/{old}?lang=en")
    assert response.status_code == 301 and response.headers["Location"] == f"/training/{new}?lang=en"
    assert client.get(response.headers["Location"]).status_code == 200


def test_every_page_links_to_the_glossary_and_the_english_one_explains_regie(client):
    assert 'href="/glossary?lang=en"' in client.get("/?lang=en").get_data(as_text=True)
    page = client.get("/glossary?lang=en").get_data(as_text=True)
    assert "regie (steering with enforcement power)" in page and "Regie guide (VVSG), What is regie?" in page
