"""The conversation asks the power facts per policy domain when the theme touches two domains, keeps those answers
in the URL fragment, and shows the position per domain (table, picture, the domains a warning concerns)."""
import urllib.parse

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import csp_violations, facts, script_errors
from .test_conversation import reply_label, tab_to

pytestmark = pytest.mark.slow        # a real browser
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PLAN = {"domains.wonen.legal_power": True, "domains.integratie.legal_power": False,
        "domains.integratie.financial_flows": "stimulans", "domains.integratie.advisory_right": "geen",
        "domains.wonen.advisory_right": "geen"}


def axe_clean(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def asked(page):
    return page.locator("form.question").get_attribute("data-fact")


def test_power_facts_are_asked_per_domain_by_keyboard_and_the_position_is_shown_per_domain(base_url, page):
    vocabulary = facts(base_url)
    # the need for regie answered: in the trainer's order the instruments come next
    page.goto(base_url + "/#theme=Taal&policy_domains=wonen,integratie&regie_assigned=true&multiple_actors=true"
                         "&regular_services_can_handle=false&shared_direction=false&local_competence=true")
    page.wait_for_selector("form.question")
    first = asked(page)
    assert first.startswith("domains.")                       # a power fact, asked for one domain
    domain = first.split(".")[1]
    label = vocabulary["policy_domains"]["values"]
    assert f"({next(v['label'] for v in label if v['id'] == domain)})" in page.locator("#question").inner_text()
    axe_clean(page)
    for _ in range(30):
        fact = asked(page)
        if fact in PLAN:
            tab_to(page, reply_label(vocabulary[fact.split(".")[-1]], PLAN[fact]))
        else:
            tab_to(page, "Weet ik niet")
        page.keyboard.press("Enter")
        page.wait_for_function("prev => document.activeElement.id === 'question' && "
                               "document.activeElement.closest('form').dataset.fact !== prev", arg=fact)
        if set(PLAN) - {"domains.wonen.advisory_right"} <= answered(page):
            break
    page.wait_for_function("() => document.querySelector('.pictures figcaption')?.textContent"
                           " === 'Rol: Verschilt per domein'")
    rows = page.locator(".by-domain tbody tr").all_inner_texts()
    assert any(r.startswith("Integratie\tMarktsturing") for r in rows)
    assert any(r.startswith("Wonen\tRegie") for r in rows)
    assert "Geldt voor: Integratie" in page.locator(".warning").all_inner_texts()[0]
    assert page.locator(".pictures figure svg title").first.text_content() == "Rol per beleidsdomein"
    fragment = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).fragment))
    assert fragment["domains.wonen.legal_power"] == "true" and fragment["domains.integratie.legal_power"] == "false"
    axe_clean(page)
    page.reload()                                              # the fragment restores the answers per domain
    page.wait_for_selector(".by-domain")
    assert any(r.startswith("Wonen\tRegie") for r in page.locator(".by-domain tbody tr").all_inner_texts())
    assert csp_violations(page) == [] and script_errors(page) == []


def answered(page):
    return {k for k, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).fragment, keep_blank_values=True)}


def test_a_lever_shared_by_two_domains_is_previewed_and_applied_in_each_domain(base_url, page):
    same = ["legal_power=false", "financial_flows=stimulans", "advisory_right=geen"]
    answers = "&".join(f"domains.{d}.{a}" for d in ("welzijn", "werk") for a in same)
    page.goto(base_url + f"/#theme=Taal&policy_domains=welzijn,werk&{answers}")
    panel = page.locator("#what-if")
    panel.get_by_role("heading", name="Wat als?").wait_for()
    lever = panel.locator("#levers li").filter(has_text="wezenlijk").filter(has_text="Regie").first
    lever.get_by_role("button", name="Probeer dit").click()
    page.wait_for_function("() => document.querySelector('.pictures figcaption')?.textContent === 'Rol: Regie'")
    page.get_by_role("button", name="Neem deze wijziging over").click()
    page.wait_for_function("() => location.hash.includes('domains.werk.financial_flows=wezenlijk')")
    fragment = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).fragment))
    assert fragment["domains.welzijn.financial_flows"] == fragment["domains.werk.financial_flows"] == "wezenlijk"
    assert "financial_flows" not in fragment                        # not a theme-wide answer beside the domains'
    assert script_errors(page) == []


GENT_MIX = ("/#theme=Taal&policy_domains=welzijn,werk&regie_assigned=false&domains.welzijn.regie_assigned=true"
            "&domains.welzijn.legal_power=false&domains.welzijn.financial_flows=geen&domains.welzijn.advisory_right=geen"
            "&domains.werk.legal_power=false&domains.werk.financial_flows=wezenlijk&domains.werk.advisory_right=geen")


def test_the_why_of_a_mixed_position_shows_each_domains_answers(base_url, page):
    page.goto(base_url + GENT_MIX)
    warning = page.locator(".warning").filter(has_text="Uw positie verschilt per beleidsdomein").first
    warning.wait_for()
    warning.locator("summary").click()
    text = warning.locator("details").inner_text()
    assert "(Welzijn) Geen" in text and "(Werk) Middelen die wezenlijk zijn" in text
    assert "geen; deze regel geldt altijd" not in text


def test_the_training_result_names_the_domain_of_each_reason(base_url, page):
    page.goto(f"{base_url}/training/case_002_gent_mix_of_roles")
    page.locator("form.prediction").wait_for()
    for fieldset in page.locator("form.prediction fieldset").all():
        fieldset.locator("input").first.check()
    page.get_by_label("Verschilt per domein").check()
    page.locator("form.prediction button[type=submit]").click()
    reasons = page.locator("#result").inner_text()
    assert "role_netwerkcoordinatie voor Welzijn op grond van" in reasons
    assert "role_regie_by_essential_funding voor Werk op grond van" in reasons
    assert "de beleidsdomeinen komen elk tot een andere positie" in reasons
