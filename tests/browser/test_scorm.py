"""The SCORM 1.2 package in a real SCORM runtime: a host page (a stand-in for the LMS) runs scorm-again, installed by
`npm ci` from tests/scorm/package-lock.json, creates the API before the SCO loads, and shows a case of the exported
package in an iframe; the case is finished by keyboard and the status and score are read back from the runtime."""
import json
import mimetypes
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from regiewijzer.service.cli import main
from regiewijzer.service.scorm import package_problems
from regiewijzer.service.texts import texts

from .conftest import serving

pytestmark = pytest.mark.slow        # a real browser and npm

RUNTIME_SPEC = Path(__file__).resolve().parent.parent / "scorm"
TRAINED = ("role", "stage", "scope", "focus", "scenario")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HOST_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test-LMS</title>
<link rel="icon" href="data:,"><script src="/runtime/scorm12.js"></script><script src="/host.js"></script>
</head><body><h1>Test-LMS (scorm-again)</h1><p id="readout">LMSFinish: -</p></body></html>"""
HOST_SCRIPT = """
window.lmsEvents = []; window.lmsLog = [];
const params = new URLSearchParams(location.search);
if (!params.has("noapi")) {
  window.API = new Scorm12API({lmsCommitUrl: false, autocommit: false, logLevel: 4,
                               onLogMessage: (level, message) => window.lmsLog.push([String(level), message])});
  const data = {core: {student_id: "trainee-1", student_name: "Jansen, Anna", credit: "credit"}};
  if (params.has("mastery")) data.student_data = {mastery_score: params.get("mastery")};
  window.API.loadFromJSON(data);
  for (const name of ["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"]) {
    window.API.on(name, (...args) => window.lmsEvents.push([name, ...args]));
  }
}
window.lmsResult = () => ({lesson_status: API.cmi.core.lesson_status, score_raw: API.cmi.core.score.raw,
  score_min: API.cmi.core.score.min, score_max: API.cmi.core.score.max, terminated: API.isTerminated(),
  events: window.lmsEvents.map((e) => e[0]), errors: window.lmsLog.filter((l) => l[0] === "4" || l[0] === "ERROR")});
if (window.API) {            // what the runtime holds once the SCO finished, shown on the host page
  window.API.on("LMSFinish", () => setTimeout(() => {
    document.getElementById("readout").textContent = "cmi.core.lesson_status = " + API.cmi.core.lesson_status +
      ", cmi.core.score.raw = " + API.cmi.core.score.raw;
  }));
}
document.addEventListener("DOMContentLoaded", () => {      // the API exists before the SCO loads
  const frame = document.createElement("iframe");
  frame.id = "sco"; frame.title = "Casus"; frame.width = "100%"; frame.height = "900";
  frame.src = params.get("sco");
  document.body.append(frame);
});
"""


@pytest.fixture(scope="session")
def runtime(tmp_path_factory):
    """scorm-again's browser build, installed by npm ci from the lock file into a folder outside the repository."""
    folder = tmp_path_factory.mktemp("scorm-runtime")
    for name in ("package.json", "package-lock.json"):
        shutil.copy(RUNTIME_SPEC / name, folder / name)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=folder, check=True,
                   capture_output=True, timeout=300)
    script = folder / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
    assert script.is_file()
    return script


@pytest.fixture(scope="module")
def packages(tmp_path_factory, advisor):
    """The exported packages, built by the command: every case in Dutch, one case in English; unzipped."""
    folder = tmp_path_factory.mktemp("scorm-packages")
    one = next(iter(advisor.knowledge.examples))
    built = {}
    for name, args in (("all-nl", ["--all", "--lang", "nl"]), ("one-en", ["--case", one, "--lang", "en"])):
        zip_path = folder / f"{name}.zip"
        assert main(["scorm", *args, "-o", str(zip_path)]) == 0
        assert package_problems(zip_path) == []
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(folder / name)
        built[name] = folder / name
    return folder, built


@pytest.fixture(scope="module")
def lms(runtime, packages):
    """One origin for the host page, the runtime and the unzipped packages (as an LMS serves them); the package's
    files are served with the strict Content-Security-Policy of the app."""
    root, _ = packages

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        headers = []
        if path == "/host.html":
            body, kind = HOST_PAGE.encode(), "text/html; charset=utf-8"
        elif path == "/host.js":
            body, kind = HOST_SCRIPT.encode(), "text/javascript"
        elif path == "/runtime/scorm12.js":
            body, kind = runtime.read_bytes(), "text/javascript"
        elif path.startswith("/pkg/") and (root / path[5:]).resolve().is_relative_to(root) \
                and (root / path[5:]).is_file():
            file = root / path[5:]
            body, kind = file.read_bytes(), mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            headers.append(("Content-Security-Policy", "default-src 'self'"))
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        start_response("200 OK", [("Content-Type", kind), *headers])
        return [body]

    with serving(app) as url:
        yield url


def right_answers(advisor, case_id):
    advice = advisor.advise(advisor.knowledge.examples[case_id].training_situation, "nl")
    return {"role": advice["role"]["verdict"], "stage": advice["coordination"]["stage"],
            "scope": advice["strategy"]["scope"], "focus": advice["strategy"]["focus"],
            "scenario": advice["procedure"]["scenario"]}


def first_answers_score(advisor, case_id):
    """How many of the five a trainee gets right who picks the first answer of every question."""
    first = {"role": "regie", "stage": 0, "scope": "breedte", "focus": ["beleidsinhoudelijk"], "scenario": 1}
    right = right_answers(advisor, case_id)
    return sum(first[f] == right[f] for f in TRAINED)


def open_sco(page, lms, case_id, package, query=""):
    page.goto(f"{lms}/host.html?sco=/pkg/{package}/{case_id}/index.html{query}")
    frame = page.frame_locator("#sco")
    frame.locator("form.prediction").wait_for()
    return frame


def finish_by_keyboard(page, frame):
    """Tab from the host page into the case, choose the first answer of each question with Space, submit with Enter."""
    for _ in range(10):
        page.keyboard.press("Tab")
        if frame.locator("input:focus").count():
            break
    assert frame.locator("input[type=radio]:focus").count() == 1
    for _ in TRAINED:
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert frame.locator("button[type=submit]:focus").count() == 1
    page.keyboard.press("Enter")


@pytest.mark.parametrize("package, lang", [("all-nl", "nl"), ("one-en", "en")])
def test_a_case_finished_by_keyboard_reports_status_and_score_to_the_runtime(browser, lms, packages, advisor,
                                                                               package, lang):
    case_id = sorted(p.name for p in packages[1][package].iterdir() if p.name.startswith("case_"))[0]
    matches = first_answers_score(advisor, case_id)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    frame = open_sco(page, lms, case_id, package)
    page.wait_for_function("() => window.lmsEvents.some((e) => e[0] === 'LMSInitialize')")
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"
    finish_by_keyboard(page, frame)
    page.wait_for_function("() => window.lmsEvents.some((e) => e[0] === 'LMSFinish')")
    result = page.evaluate("window.lmsResult()")
    assert result["lesson_status"] == "completed"               # the LMS gave no mastery score
    assert result["score_raw"] == str(round(100 * matches / 5))
    assert (result["score_min"], result["score_max"]) == ("0", "100")
    assert result["terminated"] and result["errors"] == []
    assert result["events"][0] == "LMSInitialize" and result["events"][-2:] == ["LMSCommit", "LMSFinish"]
    words = texts(lang)
    assert frame.locator("#score").inner_text() == words["score"].format(score=matches, total=5)
    assert frame.locator("#lms-status").inner_text() == words["lms_saved"].format(score=matches, total=5)
    assert frame.locator("html").get_attribute("lang") == lang
    reasons = frame.locator(".result").inner_text()                  # sources named, not given as raw keys
    assert not re.search(r"\b00\d §", reasons)
    assert all(url.startswith(lms) for url in requests) and not [u for u in requests if "/api/" in u]
    assert problems == []
    context.close()


@pytest.mark.parametrize("answers, status, raw", [("right", "passed", "100"), ("first", "failed", None)])
def test_the_lms_mastery_score_decides_passed_or_failed(page, lms, advisor, answers, status, raw):
    case_id = next(c for c in advisor.knowledge.examples if first_answers_score(advisor, c) < 3)
    frame = open_sco(page, lms, case_id, "all-nl", "&mastery=60")
    if answers == "right":
        for field, value in right_answers(advisor, case_id).items():
            key = _key(advisor.knowledge.verdicts[field], value)
            frame.locator(f"input[name={field}][value='{key}']").check()
        frame.locator("button[type=submit]").click()
    else:
        finish_by_keyboard(page, frame)
    page.wait_for_function("() => window.lmsEvents.some((e) => e[0] === 'LMSFinish')")
    result = page.evaluate("window.lmsResult()")
    assert result["lesson_status"] == status
    assert result["score_raw"] == (raw or str(round(100 * first_answers_score(advisor, case_id) / 5)))
    # a second comparison is practice only: the session is over
    frame.locator("button[type=submit]").click()
    frame.locator("#lms-status").filter(has_text=texts("nl")["lms_once"]).wait_for()
    assert page.evaluate("window.lmsResult().events.filter((e) => e === 'LMSFinish').length") == 1


def test_without_an_lms_the_case_works_and_says_the_score_is_not_kept(page, lms, advisor):
    case_id = next(iter(advisor.knowledge.examples))
    frame = open_sco(page, lms, case_id, "all-nl", "&noapi=1")
    assert frame.locator("#lms-status").inner_text() == texts("nl")["lms_none"]
    finish_by_keyboard(page, frame)
    frame.locator("#score").wait_for()
    assert frame.locator("#lms-status").inner_text() == texts("nl")["lms_none"]


def _key(verdict, value):
    """The value of the radio button that gives `value` (training.js: the answer as JSON, a list in the order of
    the verdict's values)."""
    if verdict.many:
        value = sorted(value, key=list(verdict.values).index)
    return json.dumps(value, separators=(",", ":"))


def test_axe_finds_nothing_on_a_packaged_case_before_and_after_predicting(page, lms, advisor):
    case_id = next(iter(advisor.knowledge.examples))
    page.goto(f"{lms}/pkg/all-nl/{case_id}/index.html")        # opened on its own: the state without an LMS
    page.locator("form.prediction").wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    for group in page.locator("form.prediction fieldset").all():
        group.locator("input").first.check()
    page.locator("form.prediction button[type=submit]").click()
    page.locator("#score").wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
