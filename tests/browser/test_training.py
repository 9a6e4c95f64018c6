"""Training mode in the browser: the case's facts and its assumptions apart, a prediction of all five verdicts
("kan (nog) niet bepaald worden" among the answers), a score out of five and an explanation of every answer."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import api, facts, script_errors

pytestmark = pytest.mark.slow        # a real browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TRAINED = ("role", "stage", "scope", "focus", "scenario")


def verdicts_of(advice):
    return {"role": advice["role"]["verdict"], "stage": advice["coordination"]["stage"],
            "scope": advice["strategy"]["scope"], "focus": advice["strategy"]["focus"],
            "scenario": advice["procedure"]["scenario"]}


def answer_label(verdict, value, cannot_tell):
    """The label of the radio button that gives `value` (labels of a list joined as the page joins them)."""
    if value in (verdict["undecided"], []):
        return cannot_tell
    labels = {v["id"]: v["label"] for v in verdict["values"]}
    if not verdict["many"]:
        return labels[value]
    order = [v["id"] for v in verdict["values"]]
    parts = [labels[v] for v in sorted(value, key=order.index)]
    return parts[0] + "".join(" en " + p.lower() for p in parts[1:])


@pytest.fixture(scope="module")
def library(base_url):
    cases = api(base_url, "/api/v1/knowledge?kind=example")["items"]
    vocabulary = {v["field"]: v for v in api(base_url, "/api/v1/facts")["verdicts"]}
    return cases, vocabulary


def open_case(page, base_url, case_id, lang="nl"):
    page.goto(f"{base_url}/training/{case_id}?lang={lang}")
    page.locator("form.prediction").wait_for()
    page.evaluate("""() => { window.completed = [];
        document.addEventListener('regiewijzer:training-complete', e => window.completed.push(e.detail)); }""")


def predict(page, vocabulary, answers):
    form = page.locator("form.prediction")
    for field, value in answers.items():
        form.get_by_role("group", name=vocabulary[field]["label"]).get_by_label(
            answer_label(vocabulary[field], value, "Kan (nog) niet bepaald worden"), exact=True).check()
    before = page.evaluate("window.completed.length")
    page.get_by_role("button", name="Vergelijk met Regiewijzer").click()
    page.wait_for_function("n => window.completed.length === n", arg=before + 1)
    return page.evaluate("window.completed.at(-1)")


def test_a_case_shows_the_storys_facts_with_its_assumptions_set_apart(base_url, page, library):
    cases, _ = library
    case = next(c for c in cases if c["assumptions"] and set(c["training_situation"]) - set(c["situation"]))
    questions = {fid: f["question"] for fid, f in facts(base_url).items()}
    open_case(page, base_url, case["id"])
    known = page.get_by_role("region", name="Wat we weten over de situatie")
    assumptions = known.get_by_role("complementary", name="Aangenomen voor deze oefening")
    assert case["assumptions"] in assumptions.inner_text()
    assumed = [questions[f] for f in case["training_situation"] if f not in case["situation"]]
    told = [questions[f] for f in case["training_situation"] if f in case["situation"]]
    assert assumptions.locator("dt").all_inner_texts() == assumed
    assert known.locator(":scope > dl dt").all_inner_texts() == told


def test_a_case_with_positions_per_domain_shows_each_domains_answers_under_its_question(base_url, page, library):
    cases, _ = library
    case = next(c for c in cases if c["training_situation"].get("domains"))
    vocabulary = facts(base_url)
    domain_labels = {v["id"]: v["label"] for v in vocabulary["policy_domains"]["values"]}
    open_case(page, base_url, case["id"])
    known = page.get_by_role("region", name="Wat we weten over de situatie")
    shown = dict(zip(known.locator("dt").all_inner_texts(), known.locator("dd").all_inner_texts(), strict=True))
    for domain, own in case["training_situation"]["domains"].items():
        for fact, value in own.items():
            question = f"{vocabulary[fact]['question']} ({domain_labels[domain]})"
            assert question in shown, question
            expected = {True: "Ja", False: "Nee"}.get(value) or next(
                v["label"] for v in vocabulary[fact]["values"] if v["id"] == value)
            assert shown[question] == expected
    assert "Verschilt per domein" in page.locator("form.prediction").inner_text()


@pytest.mark.parametrize("width", [1280, 1600, 1920])
def test_every_answer_stays_under_its_own_question_at_wide_screens(base_url, page, library, width):
    cases, _ = library
    case = max(cases, key=lambda c: len(c["training_situation"]))
    page.set_viewport_size({"width": width, "height": 900})
    open_case(page, base_url, case["id"])
    pairs = page.evaluate("""() => [...document.querySelectorAll('.situation dt')].map(dt => {
        const dd = dt.nextElementSibling, q = dt.getBoundingClientRect(), a = dd.getBoundingClientRect();
        return {question: dt.textContent, left: [q.left, a.left], gap: a.top - q.bottom}; })""")
    assert len(pairs) == len(case["training_situation"])
    columns = {round(p["left"][0]) for p in pairs}
    assert len(columns) > 1                                   # several columns of facts at this width ...
    for pair in pairs:                                        # ... and each answer right under its question
        assert abs(pair["left"][0] - pair["left"][1]) < 1 and 0 <= pair["gap"] < 8, pair


def test_a_right_prediction_scores_five_and_every_answer_is_explained(base_url, page, library):
    cases, vocabulary = library
    case = next(c for c in cases if 0 < len(c["teaches"]) < 5)
    advice = api(base_url, "/api/v1/advice", {"situation": case["training_situation"]})
    right = verdicts_of(advice)
    assert {f: v for f, v in right.items() if f in case["teaches"]} == case["teaches"]
    open_case(page, base_url, case["id"])
    message = predict(page, vocabulary, right)
    assert message["score"] == 5 and all(message["matches"].values()) and message["case"] == case["id"]
    assert page.locator("#score").inner_text() == "Uw score: 5 van 5"
    questions = {fid: f["question"] for fid, f in facts(base_url).items()}
    for field in TRAINED:
        reason = page.locator(f'.reason:has(h4:text-is("{vocabulary[field]["label"]}"))')
        text = reason.inner_text()
        assert "✓ Juist voorspeld" in text
        if field in case["teaches"]:          # decided: the deciding rule, the answers it used, its source
            steps = [s for s in advice["trace"] if field in {**s["concludes"].get("set", {}),
                                                             **s["concludes"].get("add", {})}]
            assert steps and all(s["rule"] in text and advice["sources"][s["source"]]["document_short"] in text
                                 for s in steps)
        else:                                  # open: the unknown facts whose answer could settle it
            assert "De situatie legt dit niet vast" in text
            could = [q["fact"] for q in advice["question_details"] if field in q["could_change"]]
            assert reason.locator(".would-decide li").all_inner_texts() == [questions[f] for f in could]
    assert case["lesson"] in page.locator(".result .lesson").inner_text()


def test_cannot_tell_is_wrong_where_the_case_decides_and_a_guess_is_wrong_where_it_does_not(base_url, page, library):
    cases, vocabulary = library
    case = next(c for c in cases if "role" in c["teaches"] and c["training_situation"].get("cooperation_level")
                is None and "stage" not in c["teaches"])
    right = verdicts_of(api(base_url, "/api/v1/advice", {"situation": case["training_situation"]}))
    guess = {**right, "role": "onbepaald", "stage": 2}
    open_case(page, base_url, case["id"])
    message = predict(page, vocabulary, guess)
    assert message["score"] == 3 and not message["matches"]["role"] and not message["matches"]["stage"]
    assert page.locator("#score").inner_text() == "Uw score: 3 van 5"
    role = page.locator(f'.result tbody tr:has(th:text-is("{vocabulary["role"]["label"]}"))')
    assert role.get_attribute("class") == "different"
    assert role.locator(".prediction-text").inner_text() == "Kan (nog) niet bepaald worden"
    stage = page.locator(f'.reason:has(h4:text-is("{vocabulary["stage"]["label"]}"))')
    assert "De situatie legt dit niet vast" in stage.inner_text()
    assert facts(base_url)["cooperation_level"]["question"] in stage.locator(".would-decide").inner_text()


def test_a_case_is_finished_by_keyboard_alone(base_url, page, library):
    cases, _ = library
    open_case(page, base_url, cases[0]["id"], lang="en")
    page.locator("form.prediction input").first.focus()
    for _ in TRAINED:                      # Space chooses the first answer; Tab moves to the next group
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.completed.length === 1")
    assert page.evaluate("document.activeElement.id") == "result-title"
    assert page.locator("#score").inner_text().startswith("Your score: ")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_finds_nothing_on_a_case_before_and_after_predicting(base_url, page, library, lang):
    cases, _ = library
    open_case(page, base_url, cases[0]["id"], lang)
    assert page.locator("#result").count() == 0             # no empty labelled region before a result exists
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    for group in page.locator("form.prediction fieldset").all():
        group.locator("input").last.check()
    page.locator("form.prediction button[type=submit]").click()
    page.get_by_role("region", name=page.locator("#result-title").inner_text()).wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert script_errors(page) == []


def test_the_library_says_what_each_case_practises(base_url, page, library):
    cases, vocabulary = library
    page.goto(base_url + "/training?lang=en")
    page.wait_for_selector(".case-card")
    english = {v["field"]: v["label"] for v in api(base_url, "/api/v1/facts?lang=en")["verdicts"]}
    cards = page.locator(".case-card")
    assert cards.count() == len(cases)
    first = cases[0]
    assert cards.first.locator(".teaches").inner_text() == "Practises: " + ", ".join(
        english[f] for f in TRAINED if f in first["teaches"])


def test_no_case_and_no_result_is_wider_than_a_phone(base_url, page, library):
    cases, _ = library
    page.set_viewport_size({"width": 320, "height": 700})
    for case in cases:                       # Dutch: the longest words ("Partnerschapsorganisatie")
        open_case(page, base_url, case["id"])
        for group in page.locator("form.prediction fieldset").all():
            group.locator("input").nth(1).check()
        page.locator("form.prediction button[type=submit]").click()
        page.locator("#score").wait_for()
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, case["id"]
