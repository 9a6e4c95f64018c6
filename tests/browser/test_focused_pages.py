"""The advice page leads with the summary, shows the focused advice and the full one on request, prints in at
most twelve pages, downloads the report, and the conversation's rough edges are gone (restart, progress, small
screens, what is new)."""
import io
import random
import urllib.parse

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from regiewijzer.rules.sample import fact_value

from ..conftest import CONTRACT_SITUATION
from .conftest import api, csp_violations, script_errors

pytestmark = pytest.mark.slow        # a real browser
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def fragment(situation):
    """The page's URL fragment for a situation; a policy domain's own answer as domains.<domain>.<fact>."""
    flat = {k: v for k, v in situation.items() if k != "domains"}
    flat.update({f"domains.{d}.{f}": v for d, own in situation.get("domains", {}).items() for f, v in own.items()})
    return urllib.parse.urlencode({k: ",".join(v) if isinstance(v, list) else str(v).lower() if isinstance(v, bool)
                                   else v for k, v in flat.items()})


def open_advice(page, base_url, situation, query=""):
    page.goto(f"{base_url}/{query}#{fragment(situation)}")
    page.wait_for_selector(".pictures figure")


def axe_clean(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def full_situation(knowledge, seed):
    rng = random.Random(seed)
    return {f.id: fact_value(f, rng) for f in knowledge.facts.values() if f.type != "text"} | {"theme": "Taal"}


def test_the_advice_leads_with_the_summary_and_the_full_advice_is_one_click_away(base_url, page):
    open_advice(page, base_url, CONTRACT_SITUATION)
    first = page.locator("#advice > *").first
    assert first.get_attribute("class") == "summary" and first.locator("h3").inner_text() == "In het kort"
    lines = first.locator("li").all_inner_texts()
    assert 3 <= len(lines) <= 8 and any(line.startswith("Volgende stap:") for line in lines)
    assert all("Leidraad regie (VVSG)" in line or "Zeven tips" in line or "Gentse" in line for line in lines)
    parts = page.locator("#advice section.advice-part > h3").all_inner_texts()
    assert parts.index("Context") < parts.index("Participanten") < parts.index("Proces")     # the 4P order
    shown = page.locator("#advice .advice-section .item").count()
    page.locator(".read-more button").first.click()                            # "Lees meer"
    page.wait_for_function(f"() => document.querySelectorAll('#advice .advice-section .item').length > {shown}")
    assert page.get_by_role("button", name="Toon alleen wat bij uw situatie past").is_visible()
    axe_clean(page)
    page.get_by_role("button", name="Toon alleen wat bij uw situatie past").click()
    page.wait_for_function(f"() => document.querySelectorAll('#advice .advice-section .item').length === {shown}")
    assert not csp_violations(page) and not script_errors(page)


def test_the_print_view_of_a_full_consultation_fits_in_twelve_pages_with_the_rules_in_the_appendix(
        base_url, page, knowledge):
    rng = random.Random(3)
    four = rng.sample(knowledge.facts["policy_domains"].values, 4)       # and a theme of four domains, each with
    own = {d: {f: fact_value(knowledge.facts[f], rng) for f in knowledge.per_domain_facts}   # answers of its own
           for d in four}
    for situation in (full_situation(knowledge, 1), full_situation(knowledge, 2),
                      {**full_situation(knowledge, 3), "policy_domains": four, "domains": own}):
        open_advice(page, base_url, situation)
        page.emulate_media(media="print")
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        pages = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
        assert len(pages) <= 12
        text = " ".join(p.extract_text() for p in pages)
        before, _, appendix = text.partition("Hoe Regiewijzer tot dit advies kwam")
        advice = api(base_url, "/api/v1/advice", {"situation": situation})
        rules = {step["rule"] for step in advice["trace"]}
        assert appendix and all(rule not in before for rule in rules)     # the officer's text names no rules
        assert sum(rule in appendix for rule in rules) >= len(rules) // 2
        page.emulate_media(media="screen")


def test_the_report_downloads_from_the_advice_and_at_the_end_of_the_conversation(base_url, page):
    open_advice(page, base_url, CONTRACT_SITUATION)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download het advies (pdf)").first.click()
    with open(download.value.path(), "rb") as pdf:
        assert download.value.suggested_filename.endswith(".pdf") and pdf.read(4) == b"%PDF"
    settled = {**CONTRACT_SITUATION, "theme": "Taal"}
    questions = api(base_url, "/api/v1/advice", {"situation": settled})["questions"]
    page.goto(f"{base_url}/#{fragment(settled)}&" + "&".join(f"{q}=" for q in questions))   # "weet ik niet" to all
    page.wait_for_selector("#settled")
    assert page.locator("#download-end").is_visible()


def test_starting_again_asks_first_and_back_brings_the_answers_back(base_url, page):
    open_advice(page, base_url, CONTRACT_SITUATION)
    before = urllib.parse.urlsplit(page.url).fragment
    page.get_by_role("button", name="Opnieuw beginnen").click()
    assert page.locator("#restart-confirm").is_visible() and page.evaluate("document.activeElement.id") == "restart-yes"
    axe_clean(page)
    page.get_by_role("button", name="Nee, verder met mijn antwoorden").click()
    assert urllib.parse.urlsplit(page.url).fragment == before
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.get_by_role("button", name="Ja, opnieuw beginnen").click()
    page.wait_for_function("() => location.hash === '' && document.querySelectorAll('#log li').length === 0")
    page.go_back()
    page.wait_for_function(f"() => location.hash === '#{before}' && document.querySelectorAll('#log li').length === "
                           f"{len(CONTRACT_SITUATION)}")


def test_the_question_shows_its_stage_and_how_many_questions_can_still_change_the_advice(base_url, page):
    open_advice(page, base_url, {"theme": "Taal"})
    progress = page.locator("form.question .progress").inner_text()
    advice = api(base_url, "/api/v1/advice", {"situation": {"theme": "Taal"}})
    stages = api(base_url, "/api/v1/facts")["question_order"]
    assert advice["questions"][0] in stages[0]["facts"]                    # a trainer starts with the domains
    assert progress.startswith(f"Deel 1 van {len(stages)}: {stages[0]['label']}")
    assert f"nog {len(advice['questions'])} vragen kunnen het advies veranderen" in progress


def test_on_a_small_screen_the_summary_stands_by_the_question_and_new_points_are_marked(base_url, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        asked_before = {"policy_domains": ["integratie"], "regular_services_can_handle": False,   # a trainer's order:
                        "multiple_actors": True, "shared_direction": False, "local_competence": True}  # then power
        open_advice(page, base_url, {"theme": "Taal", **asked_before, "legal_power": False, "financial_flows": "geen"})
        question = page.locator("form.question").bounding_box()
        glance = page.locator("#glance .summary").bounding_box()
        assert glance["y"] > question["y"] and glance["y"] - (question["y"] + question["height"]) < 120
        assert page.locator(".advice .summary").is_hidden()           # not twice on one small screen
        page.locator("form[data-fact] button", has_text="Geen adviesrecht").click()
        page.wait_for_selector("#glance .fresh")
        assert "nieuwe punten" in page.locator("#glance .fresh").inner_text()
        assert page.locator("#advice .badge.new").count() >= 1
        axe_clean(page)
    finally:
        context.close()


def test_on_a_small_screen_the_position_per_policy_domain_fits_and_labels_each_answer(base_url, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        open_advice(page, base_url, {"theme": "Taal", "policy_domains": ["welzijn", "werk", "wonen"],
                                     "domains": {"welzijn": {"regie_assigned": True}, "werk": {"legal_power": False}}})
        rows = page.locator(".by-domain tbody tr")
        assert rows.count() == 3
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
        labels = page.locator(".by-domain td").evaluate_all(
            "cells => cells.map((cell) => getComputedStyle(cell, '::before').content)")
        headers = page.locator(".by-domain thead th").all_inner_texts()[1:]
        assert labels == [f'"{header}: "' for header in headers] * 3      # each answer under its column's name
        axe_clean(page)
    finally:
        context.close()
