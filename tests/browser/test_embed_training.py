"""The embed widget on another origin, the training mode, accessibility (axe-core) and the CSP."""
import urllib.parse

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import CONTRACT_SITUATION
from .conftest import api, csp_violations, facts, script_errors

pytestmark = pytest.mark.slow        # a real browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def host_page(host_server, name, script_tag):
    """Put a course page on the host server (another origin) that records Regiewijzer's messages."""
    url, pages = host_server
    pages[f"/{name}.html"] = f"""<!doctype html><html lang="nl"><head><title>Cursus</title></head><body>
<h1>Module 3: regie</h1>
<script>window.received = [];
window.addEventListener("message", e => window.received.push({{origin: e.origin, data: e.data}}));</script>
{script_tag}
</body></html>"""
    return f"{url}/{name}.html"


def received(page, kind):
    page.wait_for_function("kind => window.received.some(m => m.data.type === kind)", arg=kind)
    return [m for m in page.evaluate("window.received") if m["data"]["type"] == kind]


def test_embed_on_another_origin_posts_the_completed_advice(base_url, host_server, page):
    answers = dict.fromkeys(facts(base_url), "")
    answers.update({k: str(v).lower() if isinstance(v, bool) else v for k, v in CONTRACT_SITUATION.items()})
    tag = (f'<script src="{base_url}/embed.js" data-lang="en" '
           f'data-answers="{urllib.parse.urlencode(answers)}"></script>')
    page.goto(host_page(host_server, "course", tag))
    message = received(page, "regiewijzer:advice-complete")[0]
    assert message["origin"] == base_url
    assert message["data"] == {
        "type": "regiewijzer:advice-complete", "version": 1, "lang": "en",
        "knowledge_version": api(base_url, "/api/v1/facts")["knowledge_version"],
        "verdicts": {"role": "marktsturing", "stage": 2, "next_stage": 3, "scope": None, "focus": [],
                     "scenario": None}}
    frame = page.frame_locator("iframe")
    assert frame.locator("html").get_attribute("lang") == "en"
    assert frame.locator(".site-header").count() == 0          # no site chrome inside the iframe
    height = received(page, "regiewijzer:resize")[-1]["data"]["height"]
    page.wait_for_function("h => document.querySelector('iframe').height === String(h)", arg=height)


def test_embed_of_one_training_case_reports_the_trainees_result(base_url, host_server, page):
    case = api(base_url, "/api/v1/knowledge?kind=example&lang=en")["items"][0]
    tag = f'<script src="{base_url}/embed.js" data-lang="en" data-case="{case["id"]}"></script>'
    page.goto(host_page(host_server, "case", tag))
    frame = page.frame_locator("iframe")
    assert frame.get_by_role("heading", level=2).inner_text() == case["title"]
    for group in frame.locator("form.prediction fieldset").all():
        group.locator("input").first.check()
    frame.get_by_role("button", name="Compare with Regiewijzer").click()
    message = received(page, "regiewijzer:training-complete")[0]["data"]
    assert message["case"] == case["id"] and set(message["matches"]) == {"role", "stage", "scope", "focus",
                                                                         "scenario"}
    assert message["max_score"] == 5 and message["score"] == sum(message["matches"].values())
    assert frame.locator("#score").inner_text() == f"Your score: {message['score']} out of 5"
    assert frame.get_by_role("link", name="All practice cases").get_attribute("href") == "/training?lang=en&embed=1"


def test_embed_works_at_320_pixels(base_url, page):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(base_url + "/embed#legal_power=true")
    page.wait_for_selector(".pictures figure")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0


def test_training_case_with_a_wrong_prediction_gets_the_reasons(base_url, page):
    cases = api(base_url, "/api/v1/knowledge?kind=example")["items"]
    verdicts = {v["field"]: v for v in api(base_url, "/api/v1/facts")["verdicts"]}
    # a case where a rule decides a verdict (the decided one is predicted wrongly) and the role is
    # predicted wrongly too, whatever it is
    case, advice, step, field = next(
        (c, a, s, f) for c in cases for a in [api(base_url, "/api/v1/advice", {"situation": c["training_situation"]})]
        for s in a["trace"] for f in s["concludes"].get("set", {}) if f in ("stage", "scope", "scenario"))
    decided = step["concludes"]["set"][field]
    wrong = next(v for v in verdicts[field]["values"] if v["id"] != decided)
    wrong_role = next(v for v in verdicts["role"]["values"] if v["id"] != advice["role"]["verdict"])

    page.goto(base_url + "/training")
    page.wait_for_selector(".case-card")
    assert page.locator(".case-card").count() >= 12
    page.get_by_role("link", name=case["title"]).click()
    form = page.locator("form.prediction")
    form.wait_for()
    for group in form.locator("fieldset").all():
        group.locator("input").first.check()
    form.get_by_role("group", name=verdicts[field]["label"]).get_by_label(wrong["label"], exact=True).check()
    form.get_by_role("group", name=verdicts["role"]["label"]).get_by_label(wrong_role["label"], exact=True).check()
    page.get_by_role("button", name="Vergelijk met Regiewijzer").click()

    row = page.locator(f'.result tbody tr:has(th:text-is("{verdicts[field]["label"]}"))')
    assert row.get_attribute("class") == "different"
    assert row.locator(".prediction-text").inner_text() == wrong["label"]
    reason = page.locator(f'.reason:has(h4:text-is("{verdicts[field]["label"]}"))')
    source = advice["sources"][step["source"]]          # a focused advice gives its sources by key
    assert step["rule"] in reason.inner_text() and source["document_short"] in reason.inner_text()
    role_reason = page.locator(f'.reason:has(h4:text-is("{verdicts["role"]["label"]}"))')
    if advice["role"]["verdict"] == verdicts["role"]["undecided"]:
        could_settle = [q["fact"] for q in advice["question_details"] if "role" in q["could_change"]]
        assert "De situatie legt dit niet vast" in role_reason.inner_text()
        assert facts(base_url)[could_settle[0]]["question"] in role_reason.inner_text()
    assert page.evaluate("document.activeElement.id") == "result-title"
    assert case["lesson"] in page.locator(".result .lesson").inner_text()


def test_unknown_training_case_is_a_clear_404(base_url, page):
    response = page.goto(base_url + "/training/no_such_case")
    assert response.status == 404 and "unknown practice case 'no_such_case'" in page.content()


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/embed", "/training", "/training?lang=en", "/glossary?lang=en"])
def test_axe_finds_no_wcag21_a_or_aa_violation(base_url, page, path):
    page.goto(base_url + path)
    page.wait_for_selector(".pictures figure, .case-card, .glossary")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_axe_clean_mid_conversation_and_on_a_training_result(base_url, page):
    page.goto(base_url + "/#theme=Taal&legal_power=false&financial_flows=stimulans")
    page.wait_for_selector("form[data-fact=policy_domains] input[type=checkbox]")    # a trainer asks the domains first
    section = page.locator("section.advice-section").first     # an advice section with a "Why?" opened
    section.locator("details.why summary").first.click()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    case = api(base_url, "/api/v1/knowledge?kind=example")["items"][0]["id"]
    page.goto(f"{base_url}/training/{case}")
    page.get_by_role("button", name="Vergelijk met Regiewijzer").click()   # nothing chosen: the browser asks
    assert page.locator(".result table").count() == 0
    for group in page.locator("form.prediction fieldset").all():
        group.locator("input").first.check()
    page.get_by_role("button", name="Vergelijk met Regiewijzer").click()
    page.wait_for_selector(".result table")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/", "/embed", "/training", "/training/case_001_mechelen_vision_text"])
def test_no_csp_violation_on_any_page(base_url, page, path):
    page.goto(base_url + path)
    page.wait_for_selector(".pictures figure, .case-card, form.prediction")
    assert csp_violations(page) == [] and script_errors(page) == []


def test_the_csp_check_would_catch_an_inline_script(base_url, page):
    page.goto(base_url + "/training")
    page.wait_for_selector(".case-card")
    with page.expect_console_message(lambda msg: "Content Security Policy" in msg.text) as refusal:
        page.evaluate("""() => { const s = document.createElement('script');
                                 s.textContent = 'window.injected = 1'; document.body.append(s); }""")
    assert "inline script" in refusal.value.text
    assert page.evaluate("window.injected") is None
    assert csp_violations(page) == [refusal.value.text]      # what the other CSP tests look for
