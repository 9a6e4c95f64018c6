"""The advisory conversation in a real browser: keyboard flow, changing answers, URL state, language, XSS."""
import json
import urllib.parse
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import CONTRACT_SITUATION
from .conftest import api, csp_violations, facts, script_errors

pytestmark = pytest.mark.slow        # a real browser
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

def reply_label(fact, value):
    """The text on the quick-reply button for this value."""
    if fact["type"] == "bool":
        return "Ja" if value else "Nee"
    return next(v["label"] for v in fact["values"] if v["id"] == value)


def active(page):
    return page.evaluate("""() => { const a = document.activeElement;
        return {id: a.id, tag: a.tagName, text: a.textContent.trim(), fact: a.closest('form')?.dataset.fact}; }""")


def tab_to(page, text=None, element_id=None, limit=40):
    """Press Tab until the focused element reads `text` (or has `element_id`); fails if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = active(page)
        if (text is not None and now["text"] == text) or (element_id is not None and now["id"] == element_id):
            return now
    raise AssertionError(f"nothing focusable reading {text!r} / with id {element_id!r} within {limit} tabs")


def wait_for_question(page, previous=None):
    """Wait until a question (other than `previous`) has focus; returns its fact id."""
    page.wait_for_function(
        "prev => document.activeElement.id === 'question' && document.activeElement.closest('form').dataset.fact !== prev",
        arg=previous)
    return active(page)["fact"]


def caption(page, index):
    return page.locator(".pictures figcaption").nth(index).inner_text()


def test_keyboard_only_conversation_reaches_the_contract_verdict(base_url, page):
    vocabulary = facts(base_url)
    page.goto(base_url + "/")
    page.wait_for_selector("#question")
    page.keyboard.press("Tab")                  # the skip link is the first stop
    assert active(page)["text"] == "Naar de inhoud"
    page.keyboard.press("Enter")
    fact = tab_to(page, element_id="answer")["fact"]     # the opening question: the theme, free text
    page.keyboard.type("Nieuwkomers")
    page.keyboard.press("Enter")
    fact = wait_for_question(page, previous=fact)        # focus moved to the new question
    assert page.locator("[role=log] #log li").count() == 1  # the answers so far are a log
    replies = page.locator(f"form[data-fact={fact}] fieldset button")
    assert replies.count() >= 2 and "Weet ik niet" in replies.all_inner_texts()   # real buttons in a fieldset
    asked = []
    while set(CONTRACT_SITUATION) - set(asked):
        asked.append(fact)
        if fact in CONTRACT_SITUATION:
            tab_to(page, reply_label(vocabulary[fact], CONTRACT_SITUATION[fact]))
        else:
            tab_to(page, "Weet ik niet")
        page.keyboard.press("Enter")
        fact = wait_for_question(page, previous=fact)
        assert len(asked) < len(vocabulary), "the conversation kept asking without reaching the situation"
    page.wait_for_function("() => document.querySelector('.pictures figcaption')?.textContent.includes('Marktsturing')")
    assert caption(page, 0) == "Rol: Marktsturing"
    assert caption(page, 1) == "Samenwerking: Overleg en gezamenlijke engagementen → Collegiale beslissingen"
    assert "Regie toegewezen, maar zonder instrumenten" in page.locator(".warning").all_inner_texts()[0]
    assert csp_violations(page) == [] and script_errors(page) == []


def test_the_why_of_a_warning_shows_every_answer_that_led_to_it_and_its_source(base_url, page):
    page.goto(base_url + "/#" + urllib.parse.urlencode({k: str(v).lower() if isinstance(v, bool) else v
                                                        for k, v in CONTRACT_SITUATION.items()}))
    warning = page.locator(".warning").first
    warning.locator("summary").click()
    text = warning.locator("details").inner_text()
    assert "Kent een hogere overheid" in text and "Ja" in text          # the answer the warning's own rule used
    assert "Geen adviesrecht" in text and "Vrijblijvende stimuli" in text   # and the power answers behind it
    assert "Leidraad regie (VVSG)" in text and "§ 2.1 Wat is regie?" in text
    assert "warn_regie_assigned_without_power" not in text              # no rule ids in the officer's text ...
    page.locator(".reasoning > summary").click()                         # ... they are in the reasoning at the end
    assert "warn_regie_assigned_without_power" in page.locator(".reasoning").inner_text()


def test_changing_an_earlier_answer_keeps_the_later_ones(base_url, page):
    page.goto(base_url + "/#theme=Taal&legal_power=false&financial_flows=stimulans&advisory_right=geen")
    page.wait_for_function("() => document.querySelector('.pictures figcaption')?.textContent.includes('Rol')")
    assert caption(page, 0) == "Rol: Marktsturing"
    page.get_by_role("button", name="Wijzig uw antwoord op: Legt regelgeving").click()
    form = page.locator("form[data-fact=legal_power]")
    assert form.get_by_role("button", name="Nee").get_attribute("aria-pressed") == "true"
    form.get_by_role("button", name="Ja").click()
    page.wait_for_function("() => document.querySelector('.pictures figcaption')?.textContent === 'Rol: Regie'")
    fragment = urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).fragment, keep_blank_values=True)
    assert fragment == [("theme", "Taal"), ("legal_power", "true"), ("financial_flows", "stimulans"),
                        ("advisory_right", "geen")]
    assert page.locator("#log li").count() == 4


def test_reload_and_shared_link_restore_the_conversation(base_url, page, browser):
    page.goto(base_url + "/")
    page.wait_for_selector("form[data-fact=theme]")
    page.locator("form[data-fact=theme] input").fill("Kinderopvang")
    page.keyboard.press("Enter")
    first = wait_for_question(page, previous="theme")
    page.locator(f"form[data-fact={first}]").get_by_role("button", name="Weet ik niet").click()
    second = wait_for_question(page, previous=first)
    page.locator(f"form[data-fact={second}] button.reply").first.click()
    wait_for_question(page, previous=second)
    log = page.locator("#log li").all_inner_texts()
    assert len(log) == 3 and "Kinderopvang" in log[0] and "weet ik niet" in log[1]
    url = page.url
    page.reload()
    page.wait_for_function("n => document.querySelectorAll('#log li').length === n", arg=len(log))
    assert page.locator("#log li").all_inner_texts() == log
    other = browser.new_page()
    other.goto(url)
    other.wait_for_function("n => document.querySelectorAll('#log li').length === n", arg=len(log))
    assert other.locator("#log li").all_inner_texts() == log
    other.close()


def test_language_switch_is_remembered_and_keeps_the_answers(base_url, page):
    page.goto(base_url + "/#legal_power=true")
    page.wait_for_selector("#log li")
    assert page.get_attribute("html", "lang") == "nl"
    page.get_by_role("link", name="English").click()
    page.wait_for_selector("#log li")
    assert page.get_attribute("html", "lang") == "en"
    assert "lang=en" in page.url and page.url.endswith("#legal_power=true")
    assert page.locator("#log li").inner_text().startswith("Do laws or regulations")
    assert caption(page, 0).startswith("Role: Regie")
    page.goto(base_url + "/training")           # no ?lang=: the remembered language is used
    page.wait_for_url("**/training?lang=en")
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Practice with cases"


def test_a_theme_with_markup_is_shown_as_text(base_url, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    attack = "<img src=x onerror=alert(1)>"
    page.goto(base_url + "/")
    page.wait_for_selector("form[data-fact=theme]")
    page.locator("form[data-fact=theme] input").fill(attack)
    page.keyboard.press("Enter")
    wait_for_question(page, previous="theme")
    assert page.locator("#log li strong").first.inner_text() == attack
    page.reload()
    page.wait_for_selector("#log li")
    assert page.locator("#log li strong").first.inner_text() == attack
    assert page.locator("main img").count() == 0
    assert dialogs == []


def test_when_no_question_can_change_the_advice_the_form_says_so(base_url, page):
    all_facts = facts(base_url)
    unknown = {fact: "" for fact in all_facts if fact != "theme"}       # every fact "don't know" but the theme
    page.goto(base_url + "/#" + urllib.parse.urlencode(unknown))
    assert "Geen enkele open vraag kan het advies nog veranderen" in page.locator("#settled").inner_text()
    page.get_by_role("button", name="Toch nog een vraag beantwoorden").click()
    form = page.locator("form[data-fact=theme]")           # the only fact without an answer
    form.locator("input").fill("Taal")
    page.keyboard.press("Enter")
    assert page.locator("#settled").inner_text() == "U heeft alle vragen beantwoord."
    assert page.locator("#log li").count() == len(all_facts)


def test_print_view_lays_out_situation_advice_sources_reasons_and_version(base_url, page):
    page.goto(base_url + "/#legal_power=true&theme=Wonen")
    page.wait_for_selector(".pictures figure")
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("#ask").is_hidden() and page.locator(".site-header").is_hidden()
    meta = " ".join(page.locator(".print-meta").all_inner_texts())
    version = api(base_url, "/api/v1/facts")["knowledge_version"]
    assert version in meta and "Afgedrukt op" in meta
    assert "Wonen" in meta and "Legt regelgeving de partners verplichtingen op" in meta
    assert page.locator("#advice details.reasoning[open]").count() == 1          # the reasons, at the end
    sources = page.locator("#advice .item p.source.print-only")                 # every item with its source
    assert sources.count() == page.locator("#advice .advice-section .item").count() > 0 and sources.first.is_visible()


def test_a_bad_answer_in_a_link_is_named_in_the_pages_language_and_asked_again(base_url, page):
    page.goto(base_url + "/#theme=Taal&legal_power=misschien&budgetten=veel")
    page.wait_for_selector(".pictures figure")
    dropped = page.locator("#dropped").inner_text()
    assert "Legt regelgeving" in dropped and "(misschien) kon niet gelezen worden" in dropped   # Dutch, names it
    assert "«budgetten»" in dropped and "hoort bij geen vraag" in dropped
    assert page.locator("#status").inner_text() == ""                       # no technical error
    assert page.locator("#log li").count() == 1                             # only the readable answer stands
    assert page.evaluate("document.querySelector('form.question').dataset.fact") == "legal_power"   # asked again
    page.locator("form[data-fact=legal_power]").get_by_role("button", name="Nee").click()
    page.wait_for_function("() => location.hash === '#theme=Taal&legal_power=false'")
    page.locator("#dropped").wait_for(state="hidden")         # the messages go once the question is answered
    page.goto(base_url + "/?lang=en#theme=Taal&legal_power=misschien")
    page.wait_for_selector(".pictures figure")
    assert "could not be read" in page.locator("#dropped").inner_text()


def test_what_if_panel_shows_levers_with_sources_the_asks_apart_and_applies_a_lever(base_url, page):
    page.goto(base_url + "/#theme=Taal&legal_power=false&financial_flows=stimulans&advisory_right=geen")
    panel = page.locator("#what-if")
    panel.get_by_role("heading", name="Wat als?").wait_for()
    lever = panel.locator("#levers li").filter(has_text="wezenlijk").first
    assert "Regie" in lever.inner_text() and "§ 2.1" in lever.inner_text()
    assert panel.locator("#levers li").filter(has_text="Bindend advies").count() == 0   # not the bestuur's to change
    asks = panel.get_by_role("list", name="Wat alleen een hogere overheid kan veranderen, en u haar kunt vragen")
    ask = asks.locator("li").filter(has_text="Bindend advies")
    assert ask.count() == 1 and ask.inner_text().startswith("Vraag de hogere overheid:")
    assert "Regie" in ask.inner_text() and "§ 2.3" in ask.inner_text()
    assert ask.get_by_role("button").count() == 0                          # nothing to try: it is asked, not done
    branches = panel.locator("#branches li")
    assert branches.count() > 0 and "nog onbekend" in branches.first.inner_text()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    before = urllib.parse.urlsplit(page.url).fragment
    lever.get_by_role("button", name="Probeer dit").click()                 # a preview, marked, with apply and back
    page.wait_for_function("() => document.querySelector('.pictures figcaption')?.textContent === 'Rol: Regie'")
    assert "Voorbeeld, niet uw situatie" in page.locator("#preview-note").inner_text()
    assert urllib.parse.urlsplit(page.url).fragment == before                # the answers are not touched
    assert page.evaluate("document.activeElement.id") == "preview-apply"
    page.get_by_role("button", name="Terug naar uw antwoorden").click()
    page.locator("#preview-note").wait_for(state="detached")
    assert page.locator(".pictures figcaption").first.inner_text() == "Rol: Marktsturing"
    panel.locator("#levers li").filter(has_text="wezenlijk").first.get_by_role("button", name="Probeer dit").click()
    page.get_by_role("button", name="Neem deze wijziging over").click()
    page.wait_for_function("() => location.hash.includes('financial_flows=wezenlijk')")
    fragment = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).fragment))
    assert fragment["financial_flows"] == "wezenlijk" and fragment["advisory_right"] == "geen"
    page.locator("#preview-note").wait_for(state="detached")             # the applied answer, no longer a preview
    assert page.locator(".pictures figcaption").first.inner_text() == "Rol: Regie"
    assert not csp_violations(page) and not script_errors(page)


def test_a_change_that_moves_several_verdicts_is_one_lever_with_every_source(base_url, page):
    situation = {"theme": "Taal", "legal_power": True, "cooperation_level": "geen", "political_support": "geen",
                 "multiple_actors": True}
    levers = api(base_url, "/api/v1/what-if", {"situation": situation})["levers"]
    changes = [json.dumps(lever["changes"]) for lever in levers]
    repeated = next(c for c in changes if changes.count(c) > 1)     # the API gives one lever per verdict/warning
    page.goto(base_url + "/#" + urllib.parse.urlencode({k: str(v).lower() if isinstance(v, bool) else v
                                                        for k, v in situation.items()}))
    shown = page.locator("#what-if #levers li")
    shown.first.wait_for()
    assert shown.count() == len(set(changes))
    sources = {source["section"] for lever in levers if json.dumps(lever["changes"]) == repeated
               for source in lever["sources"]}
    label = json.loads(repeated)[0]["value_label"]
    [item] = [text for text in shown.all_inner_texts() if f"«{label}»" in text.split("→")[0]]
    titles = {source["section_title"] for lever in levers if json.dumps(lever["changes"]) == repeated
              for source in lever["sources"]}
    assert sources and all(title in item for title in titles)       # every source, named by its section title
