"""Advice an officer can act on: a sourced summary, a focused answer (the full one on request), items and cases
ranked by fit, each audience in its place, the 4P order."""

import pytest
from hypothesis import HealthCheck, given, settings

from regiewijzer.rules.chaining import fire
from regiewijzer.rules.domains import question_fact
from regiewijzer.rules.outcome import conclude
from regiewijzer.rules.sample import many_domain_situations
from regiewijzer.rules.scenarios import item_lists
from regiewijzer.rules.situation import validate_situation
from regiewijzer.service.api.jsonio import to_json

from .conftest import CONTRACT_SITUATION
from .strategies import situations, situations_with_domains

MAX_ITEMS, MAX_BYTES = 30, 60 * 1024
HIGHER_GOVERNMENT = "2.3"
GENT_OWN = {"gent_regisseur_type_sectoral", "gent_regisseur_type_transversal", "gent_regisseur_type_priority",
            "gent_criterion_delimited_theme", "gent_criterion_regular_consultation",
            "gent_criterion_recognised_mandate", "gent_start_focus_welfare"}
INBURGERING = {"note_civic_integration_decree", "note_reception_offices_trajectory",
               "lever_inform_and_refer_newcomers", "lever_register_certificates", "lever_ocmw_reception_vdab_protocol"}
OFFICER = {"policy_domains": ["welzijn"], "regie_assigned": True, "legal_power": False, "financial_flows": "stimulans",
           "advisory_right": "geen", "officer_mandate": "betwist", "cooperation_level": "overleg"}


def shown_items(advice):
    return [i for part in item_lists(advice) for i in part] + advice["asks"]["items"]


def size(advice):
    """The bytes of the answer as the API sends it."""
    return len(to_json(advice))


def check_summary(advice, knowledge):
    lines = advice["summary"]
    assert 3 <= len(lines) <= 8
    assert {line["kind"] for line in lines} >= {"next_step"}
    for line in lines:
        assert line["text"].strip() and line["source"] in advice["sources"]
        assert ("code" in line) == (line["kind"] == "warning")
    if "open" in {line["kind"] for line in lines}:
        line = next(line for line in lines if line["kind"] == "open")
        if "fact" in line:
            assert line["fact"] in advice["questions"] and \
                question_fact(knowledge, line["fact"])[0].question["nl"] in line["text"]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(situation=situations | situations_with_domains)
def test_every_focused_advice_has_a_summary_and_stays_within_30_items_and_60_kb(advisor, situation):
    advice = advisor.advise(situation)
    check_summary(advice, advisor.knowledge)
    assert len(shown_items(advice)) + len(advice["examples"]) <= MAX_ITEMS
    assert size(advice) <= MAX_BYTES


def test_a_theme_touching_many_policy_domains_with_answers_of_their_own_stays_within_60_kb(advisor, knowledge):
    for situation in many_domain_situations(knowledge.facts, 40, seed=7):
        for lang in ("nl", "en"):
            advice = advisor.advise(situation, lang)
            assert size(advice) <= MAX_BYTES
            references = [i for entry in advice["role"]["by_domain"] for i in entry["items"]]
            assert len(references) <= max(knowledge.layout.domain_references_focused, len(advice["role"]["by_domain"]))
            assert all(entry["items"] for entry in advice["role"]["by_domain"] if entry["verdict"] != "onbepaald")


def test_the_practice_cases_stay_within_the_limits_too(advisor, knowledge):
    for case in knowledge.examples.values():
        for situation in (case.situation, case.training_situation):
            advice = advisor.advise(situation)
            check_summary(advice, knowledge)
            assert len(shown_items(advice)) + len(advice["examples"]) <= MAX_ITEMS and size(advice) <= MAX_BYTES


def test_the_summary_says_what_to_do_for_the_officer_situation(advisor):
    advice = advisor.advise(OFFICER)
    kinds = [line["kind"] for line in advice["summary"]]
    assert kinds[:2] == ["role", "coordination"] and "open" in kinds
    assert [line["code"] for line in advice["summary"] if line["kind"] == "warning"] == \
        ["REGIE_WITHOUT_POWER", "INTERNAL_REGIE_FIRST"]
    assert advice["summary"][0]["text"].startswith("U stuurt hier via marktsturing")
    steps = [line["id"] for line in advice["summary"] if line["kind"] == "next_step"]
    # a next step that only repeats a warning of the summary is left out
    assert steps and "next_ask_higher_government" not in steps and "next_settle_internal_mandate" not in steps


def test_under_unknowns_the_summary_names_what_is_open_and_the_question_that_settles_it(advisor, knowledge):
    advice = advisor.advise({}, "en")
    [line] = [line for line in advice["summary"] if line["kind"] == "open"]
    assert set(line["fields"]) == {"role", "coordination", "strategy", "procedure"}
    assert line["text"].startswith("Still open: your role") and knowledge.facts[line["fact"]].question["en"] in line["text"]
    assert "next_find_out_instruments" in [line.get("id") for line in advice["summary"]]


def test_a_decided_advice_says_the_position_stage_strategy_and_working_structure(advisor):
    situation = {**CONTRACT_SITUATION, "ambition": "specifiek_facet", "emphasis": "inhoud", "subthemes_count": 3}
    kinds = [line["kind"] for line in advisor.advise(situation)["summary"]]
    assert kinds[:4] == ["role", "coordination", "strategy", "procedure"] and "open" not in kinds


def test_reference_material_is_only_in_the_full_answer_and_the_knowledge_listing(advisor, client):
    focused, full = advisor.advise(OFFICER), advisor.advise(OFFICER, detail="full")
    reference = {"legal_overview_decrees", "regie_definition", "pp_table_intro", "part_definition"}
    assert not reference & {i["id"] for i in shown_items(focused)}
    assert reference <= {i["id"] for i in shown_items(full)}
    listed = {i["id"] for i in client.get("/api/v1/knowledge").json["items"]}
    assert reference <= listed


def test_the_full_answer_holds_every_selected_item_with_sources_in_place(advisor, knowledge):
    full = advisor.advise(OFFICER, detail="full")
    outcome = conclude(knowledge, fire(knowledge, validate_situation(OFFICER, knowledge.facts)))
    selected = {k for k in outcome.selected if k in knowledge.items and knowledge.items[k].section != "summary"}
    assert {i["id"] for i in shown_items(full)} == selected
    assert all(isinstance(i["source"], dict) for i in shown_items(full)) and "sources" not in full
    assert [step["step"] for step in full["trace"]] == list(range(1, len(full["trace"]) + 1))
    assert full["detail"] == "full" and advisor.advise(OFFICER)["detail"] == "focused"


@pytest.mark.parametrize("detail", ["Full", "short", 1, None, ["full"]])
def test_a_bad_detail_is_refused_naming_the_allowed_values(client, detail):
    response = client.post("/api/v1/advice", json={"situation": {}, "detail": detail})
    assert response.status_code == 400
    assert response.json["field"] == "detail" and response.json["allowed"] == ["focused", "full"]


def test_the_api_gives_the_full_answer_on_request(client):
    focused = client.post("/api/v1/advice", json={"situation": OFFICER}).json
    full = client.post("/api/v1/advice", json={"situation": OFFICER, "detail": "full"}).json
    assert len(shown_items(full)) > 3 * len(shown_items(focused)) and size(full) > 3 * size(focused)
    counts = {c["id"]: c for c in focused["sections"]}
    assert all(len(full[name]["items"] if isinstance(full[name], dict) else full[name]) == c["selected"]
               for name, c in counts.items())


def test_items_that_depend_on_more_of_the_situation_come_first(advisor, knowledge):
    builder = advisor.builders["nl"]
    facts = validate_situation(OFFICER, knowledge.facts)
    for part in item_lists(advisor.advise(OFFICER, detail="full")):
        fits = [builder.fit(facts, i["rules"]) for i in part]
        assert fits == sorted(fits, reverse=True)


def test_practice_cases_are_ranked_by_how_well_their_situation_matches(advisor, knowledge):
    builder = advisor.builders["nl"]
    situation = {**OFFICER, "policy_domains": ["integratie"], "partners_externally_steered": True}
    facts = validate_situation(situation, knowledge.facts)
    full = advisor.advise(situation, detail="full")["examples"]
    focused = advisor.advise(situation)["examples"]
    fits = [builder.case_fit(facts, knowledge.examples[e["id"]]) for e in full]
    assert fits == sorted(fits, reverse=True) and len({e["id"] for e in full}) == len(full)
    assert 1 <= len(focused) <= 3 and [e["id"] for e in focused] == [e["id"] for e in full[:len(focused)]]


def test_an_item_a_given_warning_carries_is_not_repeated_beside_it(advisor, knowledge):
    covered = set(knowledge.warnings["REGIE_WITHOUT_POWER"].covers)
    focused, full = advisor.advise(OFFICER), advisor.advise(OFFICER, detail="full")
    assert "regie_assigned_without_power" in covered & {i["id"] for i in shown_items(full)}
    assert not covered & {i["id"] for i in shown_items(focused)}


def test_what_higher_governments_should_do_is_never_a_do_or_dont_of_the_bestuur(advisor, knowledge):
    higher = {i.id for i in knowledge.items.values() if i.source.section == HIGHER_GOVERNMENT
              and i.source.document == "001" and i.kind != "next_step"}
    assert higher and all(knowledge.items[i].section == "asks" for i in higher)
    for situation in ({}, OFFICER, {"partners_externally_steered": True}):
        full = advisor.advise(situation, detail="full")
        assert not higher & {i["id"] for i in full["dos"] + full["donts"]}


def test_what_to_ask_of_the_higher_government_shows_when_the_situation_calls_for_it(advisor):
    assert advisor.advise(OFFICER)["asks"]["items"]                                       # regie without instruments
    assert advisor.advise({"partners_externally_steered": True})["asks"]["items"]          # partners steered from above
    assert not advisor.advise({"legal_power": True, "regie_assigned": True})["asks"]["items"]
    assert not advisor.advise({})["asks"]["items"]


def test_gents_own_structures_are_gents_example_not_general_advice(advisor, knowledge):
    assert all(knowledge.items[i].section == "background" for i in GENT_OWN)
    for situation in ({}, OFFICER, {"multiple_actors": True, "shared_direction": False}):
        assert not GENT_OWN & {i["id"] for i in shown_items(advisor.advise(situation))}


def test_the_inburgering_duties_come_only_with_integration(advisor):
    for domains in (["werk"], ["welzijn"], ["onderwijs"], ["werk", "welzijn", "onderwijs"]):
        full = advisor.advise({"policy_domains": domains}, detail="full")
        ids = {i["id"] for i in shown_items(full)} - {i["id"] for i in shown_items(advisor.advise({}, detail="full"))}
        assert not INBURGERING & ids
    assert INBURGERING & {i["id"] for i in shown_items(advisor.advise({"policy_domains": ["integratie"]}, detail="full"))}


def test_the_sections_follow_the_4p_order_of_the_knowledge(advisor, knowledge):
    advice = advisor.advise(OFFICER)
    order = list(knowledge.layout.sections)
    assert [k for k in advice if k in order] == order == [c["id"] for c in advice["sections"]]
    parts = [c["part"] for c in advice["sections"]]
    assert [p for i, p in enumerate(parts) if p not in parts[:i]] == \
        ["context", "participants", "strategy", "procedure", "process", "after"]


def fired_in_full(advisor, situation):
    """The rules that fired for a situation (the full answer's trace lists them all)."""
    return {step["rule"] for step in advisor.advise(situation, detail="full")["trace"]}


def test_ghents_welfare_reason_to_hear_every_stakeholder_comes_only_with_welfare_themes(advisor):
    for domains in (["integratie"], ["werk"], ["diensteneconomie"], ["onderwijs", "jeugd"]):
        full = advisor.advise({"policy_domains": domains, "target_group_involved": False}, detail="full")
        assert "gent_voice_all_stakeholders" not in {i["id"] for i in shown_items(full)}
    for domains in (["welzijn"], ["armoede", "werk"]):
        full = advisor.advise({"policy_domains": domains, "target_group_involved": False}, detail="full")
        assert "gent_voice_all_stakeholders" in {i["id"] for i in shown_items(full)}


def test_integrations_usual_position_is_told_only_for_an_integration_theme(advisor):
    coordinator = {"legal_power": False, "financial_flows": "geen", "advisory_right": "geen"}
    for domains in (["onderwijs"], ["welzijn", "werk"]):
        full = advisor.advise({**coordinator, "policy_domains": domains}, detail="full")
        assert full["role"]["verdict"] == "netwerkcoordinatie"
        assert "integration_mostly_network_coordination" not in {i["id"] for i in shown_items(full)}
    full = advisor.advise({**coordinator, "policy_domains": ["integratie"]}, detail="full")
    assert "integration_mostly_network_coordination" in {i["id"] for i in shown_items(full)}


def test_a_municipality_sharing_its_stake_with_neighbours_is_not_told_regie_may_be_needless(advisor):
    dendermonde = {"policy_domains": ["integratie"], "multiple_actors": False, "shared_stakeholders": True,
                   "neighbours_same_time": True}
    advice = advisor.advise(dendermonde)
    assert "NO_NEED_FOR_REGIE" not in {w["code"] for w in advice["warnings"]}
    assert advice["procedure"]["scenario"] == 4 and "procedure" in {line["kind"] for line in advice["summary"]}
    assert "NO_NEED_FOR_REGIE" in {w["code"] for w in advisor.advise({"multiple_actors": False})["warnings"]}


def test_the_next_steps_for_no_staff_and_an_unreached_target_group_follow_those_facts(advisor):
    assert "next_step_join_larger_city" in fired_in_full(advisor, {"staff_capacity": "geen"})
    assert "next_step_join_larger_city" not in fired_in_full(advisor, {"staff_capacity": "team"})
    assert "next_step_go_to_the_target_group" in fired_in_full(advisor, {"target_group_involved": False})
    assert "next_step_go_to_the_target_group" not in fired_in_full(advisor, {"target_group_involved": True})


def test_finding_out_the_instruments_is_a_next_step_only_while_the_role_is_open(advisor):
    def steps(situation):
        return {line.get("id") for line in advisor.advise(situation)["summary"] if line["kind"] == "next_step"}
    assert "next_find_out_instruments" not in steps({"legal_power": True, "regie_assigned": True})   # regie decided
    assert "next_find_out_instruments" in steps({"regie_assigned": True})
    # two policy domains, each with its role still open: the role is open for the theme too
    assert "next_find_out_instruments" in steps({"policy_domains": ["welzijn", "werk"],
                                                 "domains": {"welzijn": {"regie_assigned": True}}})


def test_the_decree_tasks_shown_first_are_the_two_the_guide_names_for_regie(advisor, knowledge):
    section = knowledge.items["decree_tasks_relevant_for_regie"].section
    shown = [i["id"] for i in advisor.advise({"policy_domains": ["integratie"]})[section]["items"]]
    tasks = [i for i in shown if i.startswith("decree_task_")]
    assert "decree_tasks_relevant_for_regie" in shown
    assert tasks[:2] == ["decree_task_internal_consultation", "decree_task_align_integration_centre"]


def test_an_open_strategy_whose_focus_is_known_is_named_by_its_scope(advisor, knowledge):
    names = knowledge.summary.lines["names"]
    lier = knowledge.examples["case_tips_lier_diversity_forum"].situation
    advice = advisor.advise(lier)
    assert advice["strategy"]["scope"] is None and advice["strategy"]["focus"]
    open_line = next(line for line in advice["summary"] if line["kind"] == "open")
    assert "strategy" in open_line["fields"] and names["strategy_scope"]["nl"] in open_line["text"]
    undecided = next(line for line in advisor.advise({})["summary"] if line["kind"] == "open")
    assert names["strategy"]["nl"] in undecided["text"] and names["strategy_scope"]["nl"] not in undecided["text"]


def test_the_alliance_with_culture_youth_and_sport_is_a_lever_only_where_their_decrees_reach(advisor):
    def role_items(domains):
        return {i["id"] for i in advisor.advise({"policy_domains": domains, "administrative_support": "laag"})
                ["role"]["items"]}
    assert "lever_sector_decrees_alliance" not in role_items(["onderwijs"])
    assert "lever_sector_decrees_alliance" in role_items(["cultuur"])


def test_a_next_step_the_supra_local_warning_already_carries_is_not_repeated_in_the_summary(advisor, knowledge):
    dendermonde = knowledge.examples["case_001_dendermonde_offerfeest"].situation
    summary = advisor.advise(dendermonde)["summary"]
    assert "POLICY_CHOICES_STAY_LOCAL" in {line.get("code") for line in summary}
    assert "next_join_neighbours" not in {line.get("id") for line in summary}
    assert "next_join_neighbours" in knowledge.warnings["POLICY_CHOICES_STAY_LOCAL"].covers
