"""The position per policy domain (001 §2.2, 004): per-domain facts, the role per domain through durable_rules,
and the same verdicts as before for a situation without them."""
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiewijzer.rules.conditions import path_count
from regiewijzer.rules.domains import evaluate_in_python
from regiewijzer.rules.engine import MAX_PATHS_PER_RULESET
from regiewijzer.rules.outcome import conclude
from regiewijzer.rules.situation import validate_situation
from regiewijzer.service.cli.explain import explain

from .conftest import validator
from .strategies import FACTS, situations, situations_with_domains

DOMAINS = list(FACTS["policy_domains"].values)
POWER = {"legal_power": [True, False], "financial_flows": ["geen", "stimulans", "wezenlijk"],
         "advisory_right": ["geen", "niet_bindend", "bindend"]}


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(situation=situations_with_domains)
def test_engine_and_plain_python_agree_per_domain_on_random_situations(advisor, situation):
    facts = validate_situation(situation, advisor.knowledge.facts)
    by_engine, by_oracle = advisor.outcome(facts), evaluate_in_python(advisor.knowledge, facts)
    assert by_engine.signature() == by_oracle.signature()
    assert set(by_engine.fired) == set(by_oracle.fired)
    assert [(g.domains, set(g.outcome.fired)) for g in by_engine.by_domain] == \
        [(g.domains, set(g.outcome.fired)) for g in by_oracle.by_domain]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(situation=situations, domain=st.none() | st.sampled_from(DOMAINS))
def test_without_domains_and_with_at_most_one_policy_domain_the_verdicts_are_those_of_one_evaluation(
        advisor, situation, domain):
    situation = {**situation, "policy_domains": [domain] if domain else None}
    facts = validate_situation(situation, advisor.knowledge.facts)
    per_domain = advisor.outcome(facts)
    whole = conclude(advisor.knowledge, advisor.engine.fire(facts))    # the engine without the per-domain view
    assert per_domain.verdicts == whole.verdicts
    assert per_domain.warnings.keys() == whole.warnings.keys()
    assert per_domain.fired == whole.fired


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(own=st.lists(st.fixed_dictionaries({f: st.sampled_from(v) for f, v in POWER.items()}),
                    min_size=len(DOMAINS), max_size=len(DOMAINS)))
def test_a_situation_with_all_twelve_domains_is_answered_for_each_domain(advisor, own):
    situation = {"regie_assigned": True, "domains": dict(zip(DOMAINS, own, strict=True))}
    advice = advisor.advise(situation)
    alone = {d: advisor.advise({"regie_assigned": True, "policy_domains": [d], **facts})["role"]["verdict"]
             for d, facts in zip(DOMAINS, own, strict=True)}
    assert {d["domain"]: d["verdict"] for d in advice["role"]["by_domain"]} == alone
    decided = set(alone.values())
    assert advice["role"]["verdict"] == (decided.pop() if len(decided) == 1 else "gemengd")
    assert ("POSITION_DIFFERS_PER_DOMAIN" in {w["code"] for w in advice["warnings"]}) == (len(set(alone.values())) > 1)
    assert len(json.dumps(advice, ensure_ascii=False).encode()) <= 60 * 1024     # the focused answer's limit


def test_the_per_domain_rulesets_keep_the_engine_limits(advisor):
    layers = advisor.engine.domain_layers
    assert layers and all(ruleset.per_domain for layer in layers for ruleset in layer)
    for layer in layers:
        for ruleset in layer:
            paths = sum(path_count(advisor.knowledge.rule(group[0]).when) for group in ruleset.fires.values())
            assert paths <= MAX_PATHS_PER_RULESET


def test_each_trace_step_of_a_per_domain_rule_names_its_domains(advisor):
    advice = advisor.advise({"regie_assigned": True, "advisory_right": "geen",
                             "domains": {"wonen": {"legal_power": True},
                                         "integratie": {"legal_power": False, "financial_flows": "stimulans"}}})
    steps = {(s["rule"], tuple(s.get("domains", ()))) for s in advice["trace"]}
    assert ("role_regie_by_legal_power", ("wonen",)) in steps
    assert ("role_marktsturing", ("integratie",)) in steps
    assert ("warn_regie_assigned_without_power", ("integratie",)) in steps
    marktsturing = next(s for s in advice["trace"] if s["rule"] == "role_marktsturing")
    assert marktsturing["matched"]["financial_flows"] == "stimulans"


def test_decree_items_show_in_their_domain_with_source_and_dating(advisor):
    advice = advisor.advise({"policy_domains": ["integratie", "cultuur"], "regie_assigned": True}, detail="full")
    parts = {d["domain"]: d for d in advice["role"]["by_domain"]}
    integration = [i for i in parts["integratie"]["items"] if i["id"] == "lever_regie_role_recognised"]
    assert integration and integration[0]["dated"] == 2011 and integration[0]["source"]["section"] == "1.1"
    assert "lever_regie_role_recognised" not in {i["id"] for i in parts["cultuur"]["items"]}
    knowledge = advisor.knowledge
    for domain, part in parts.items():
        for item in part["items"]:
            assert not knowledge.items[item["id"]].domains or domain in knowledge.items[item["id"]].domains


def test_power_facts_are_asked_per_domain_when_the_theme_touches_two_domains(advisor):
    advice = advisor.advise({"policy_domains": ["wonen", "werk"]})
    asked = advice["questions"]
    assert "domains.wonen.legal_power" in asked and "domains.werk.legal_power" in asked
    assert "legal_power" not in asked
    detail = next(q for q in advice["question_details"] if q["fact"] == "domains.wonen.legal_power")
    assert detail["domain"] == "wonen" and detail["domain_fact"] == "legal_power"
    single = advisor.advise({"policy_domains": ["wonen"]})["questions"]
    assert "legal_power" in single and not any(q.startswith("domains.") for q in single)


def test_what_if_tries_a_per_domain_lever_in_its_domain_only(advisor):
    analysis = advisor.what_if({"regie_assigned": True, "advisory_right": "geen",
                                "domains": {"wonen": {"legal_power": True},
                                            "integratie": {"legal_power": False, "financial_flows": "stimulans"}}})
    per_domain = [s for _, s in analysis.levers if s.domains]
    assert per_domain and all(len(s.domains) == 1 for s in per_domain)
    assert ("financial_flows", "wezenlijk") in {c for s in per_domain if s.domains == ("integratie",) for c in s.changes}


def test_an_advice_with_domains_follows_the_openapi_document(client, openapi):
    body = {"situation": {"regie_assigned": True, "advisory_right": "geen",
                          "domains": {"wonen": {"legal_power": True}, "integratie": {"legal_power": False}}}}
    for detail in ("focused", "full"):
        response = client.post("/api/v1/advice", json={**body, "detail": detail})
        assert response.status_code == 200
        validator(openapi, "Advice").validate(response.json)
        assert {d["domain"] for d in response.json["role"]["by_domain"]} == {"wonen", "integratie"}
    document = openapi
    situation = document["components"]["schemas"]["Situation"]["properties"]
    assert "domains" in situation
    assert "by_domain" in document["components"]["schemas"]["Advice"]["properties"]["role"]["properties"]


def test_explain_shows_the_position_and_the_rules_per_domain(advisor):
    text = explain(advisor.advise({"regie_assigned": True, "advisory_right": "geen",
                                  "domains": {"wonen": {"legal_power": True},
                                              "integratie": {"legal_power": False, "financial_flows": "geen"}}},
                                 detail="full"),
                   advisor.knowledge)
    assert "Positie per beleidsdomein" in text and "Integratie: Netwerkcoördinatie" in text
    assert "role_regie_by_legal_power (Wonen)" in text


def test_the_readme_example_per_domain_gives_what_it_says(client):
    from .test_readme import README
    request = json.loads(re.search(r"-d '(\{\"situation\":.*?\})'", README, re.S).group(1))
    advice = client.post("/api/v1/advice", json=request).json
    assert advice["role"]["verdict"] == "gemengd"
    assert [(d["domain"], d["verdict"]) for d in advice["role"]["by_domain"]] == \
        [("integratie", "marktsturing"), ("wonen", "regie")]
    named = {w["code"]: w.get("domains") for w in advice["warnings"]}
    assert "POSITION_DIFFERS_PER_DOMAIN" in named and named["REGIE_WITHOUT_POWER"] == ["integratie"]


def test_the_role_picture_draws_one_row_per_domain_with_its_position_lit(advisor):
    from regiewijzer.service.pages.pictures import pictures
    advice = advisor.advise({"advisory_right": "geen", "domains": {
        "wonen": {"legal_power": True}, "integratie": {"legal_power": False, "financial_flows": "stimulans"},
        "werk": {}}})
    drawn = pictures(advisor.knowledge, advice, "nl")["role"]
    assert "<title>Rol per beleidsdomein</title>" in drawn
    assert "Integratie: Marktsturing" in drawn and "Wonen: Regie" in drawn and "Werk: nog onbepaald" in drawn
    assert drawn.count('r="8"') == 2 and drawn.count(">?</text>") == 1       # two decided, one open
    single = pictures(advisor.knowledge, advisor.advise({"legal_power": True}), "nl")["role"]
    assert "Rol per beleidsdomein" not in single


def test_the_summary_names_the_domain_a_warning_concerns_when_it_is_not_every_domain(advisor):
    both = {"regie_assigned": True, "advisory_right": "geen",
            "domains": {"welzijn": {"legal_power": False, "financial_flows": "geen"},
                        "werk": {"legal_power": False, "financial_flows": "wezenlijk"}}}
    line = next(s for s in advisor.advise(both)["summary"] if s.get("code") == "REGIE_WITHOUT_POWER")
    assert line["text"].startswith("Voor Welzijn: ")
    line = next(s for s in advisor.advise(both, "en")["summary"] if s.get("code") == "REGIE_WITHOUT_POWER")
    assert line["text"].startswith("For Welfare: ")
    everywhere = {"regie_assigned": True, "legal_power": False, "financial_flows": "geen", "advisory_right": "geen",
                  "policy_domains": ["welzijn", "werk"]}
    line = next(s for s in advisor.advise(everywhere)["summary"] if s.get("code") == "REGIE_WITHOUT_POWER")
    assert not line["text"].startswith("Voor ")


def test_the_step_of_a_mixed_rule_says_which_field_the_domains_steps_decide(advisor):
    advice = advisor.advise({"advisory_right": "geen", "domains": {"wonen": {"legal_power": True},
                                                                 "integratie": {"legal_power": False,
                                                                                "financial_flows": "geen"}}})
    step = next(s for s in advice["trace"] if s["rule"] == "role_differs_per_domain")
    assert step["mixed"] == "role" and step["matched"] == {}
    deciding = [s for s in advice["trace"] if s.get("domains") and "role" in s["concludes"].get("set", {})]
    assert {d for s in deciding for d in s["domains"]} == {"wonen", "integratie"}
