"""Build a SCORM 1.2 package of practice cases: the app's own training page per case, with the case, the fact
vocabulary and the advice for its training situation baked in, the app's scripts and styles, and sco.js, which
reports the trainee's score through the LMS's SCORM 1.2 API. Nothing in the package calls a server."""
import zipfile
from io import BytesIO
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ...rules import LANGS
from ..api.serialisers import item_view, vocabulary_view
from ..pages import STATIC_DIR, TEMPLATES_DIR
from ..texts import texts
from .manifest import MANIFEST, manifest_xml

HERE = Path(__file__).resolve().parent
STATIC = "static"                                  # the folder of the shared files inside the package
PAGE_FILES = ("regiewijzer.css", "common.js", "training.js", "favicon.svg")      # from the app's pages/static/
SCO_FILES = ("sco.js",)                                                           # from scorm/static/
ADVICE_SECTIONS = ("role", "coordination", "strategy", "procedure")
ZIP_TIME = (2020, 1, 1, 0, 0, 0)                   # a fixed time stamp: the same knowledge gives the same zip


def _environment():
    return Environment(loader=FileSystemLoader([HERE / "templates", TEMPLATES_DIR]),
                       autoescape=select_autoescape(["html"]))


def _package_url(endpoint, **values):
    """url_for inside the package: the shared files sit in ../static/ beside each case's folder."""
    if endpoint != "static":
        raise ValueError(f"a page in the SCORM package cannot link to {endpoint!r}: there is no server")
    return f"../{STATIC}/{values['filename']}"


def training_advice(advice):
    """What the training page reads of an advice: the verdicts (without their items), the trace, the questions and
    the sources they cite by key."""
    sections = {name: {k: v for k, v in advice[name].items() if k != "items"} for name in ADVICE_SECTIONS}
    return {**sections, "trace": advice["trace"], "question_details": advice["question_details"],
            "sources": advice["sources"], "lang": advice["lang"], "knowledge_version": advice["knowledge_version"]}


def case_page(advisor, case_id, lang, environment=None):
    """The launch page of one case: the training page of the app with its data baked in."""
    case = advisor.knowledge.examples[case_id]
    baked = {"case": item_view(advisor.builders[lang], case), "facts": vocabulary_view(advisor, lang),
             "advice": training_advice(advisor.advise(case.training_situation, lang))}
    template = (environment or _environment()).get_template("sco.html")
    return template.render(lang=lang, t=texts(lang), embedded=True, case=case_id, baked=baked, url_for=_package_url,
                           other_langs=[code for code in LANGS if code != lang],
                           lang_names={code: texts(code)["language_name"] for code in LANGS})


def build_package(advisor, case_ids, lang):
    """The package as zip bytes: imsmanifest.xml at the root, one folder per case, the shared files in static/."""
    kb = advisor.knowledge
    environment = _environment()
    entries = {}
    scos = []
    for case_id in case_ids:
        launch = f"{case_id}/index.html"
        entries[launch] = case_page(advisor, case_id, lang, environment).encode()
        scos.append((case_id, kb.examples[case_id].title[lang], launch, [launch]))
    shared = {f"{STATIC}/{name}": STATIC_DIR / name for name in PAGE_FILES}
    shared.update({f"{STATIC}/{name}": HERE / "static" / name for name in SCO_FILES})
    entries.update({path: source.read_bytes() for path, source in shared.items()})
    single = len(case_ids) == 1
    identifier = f"regiewijzer-{case_ids[0] if single else 'cases'}-{lang}"
    words = texts(lang)
    title = kb.examples[case_ids[0]].title[lang] if single else f"{words['title']}: {words['training_title']}"
    manifest = manifest_xml(identifier, kb.version, title, scos, list(shared))
    return _zip({MANIFEST: manifest.encode(), **entries})


def _zip(entries):
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, data in entries.items():
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
