"""The question planner: what it asks, in which order, and that its shortcut equals a full evaluation."""
from hypothesis import given, settings

from regiewijzer.rules.chaining import fire
from regiewijzer.rules.outcome import conclude
from regiewijzer.rules.situation import validate_situation

from .strategies import situations

POWER_FACTS = {"legal_power", "financial_flows", "advisory_right"}


def test_undecided_role_puts_the_deciding_facts_first(advisor):
    questions = advisor.advise({"cooperation_level": "overleg", "silos": True})["questions"]
    assert set(questions[:3]) == POWER_FACTS


def test_a_fact_that_flips_a_conclusion_ranks_above_one_that_changes_nothing(advisor):
    advice = advisor.advise({"legal_power": True, "governance_style": "open", "organisation_culture": "taakcultuur"})
    assert advice["strategy"]["focus"] == ["procesmatig"]
    details = {q["fact"]: q for q in advice["question_details"]}
    assert "focus" in details["silos"]["could_change"]
    assert "theme" not in details            # free text changes nothing: never asked
    ranks = advice["questions"]
    changes_nothing = [f for f in advisor.knowledge.facts if f not in details and f not in advice["situation"]]
    assert all(f not in ranks for f in changes_nothing)


def test_every_question_could_change_the_advice(advisor):
    advice = advisor.advise({"legal_power": False, "financial_flows": "geen"})
    for detail in advice["question_details"]:
        assert detail["impact"] > 0 and detail["could_change"]


@settings(max_examples=150, deadline=None)
@given(situation=situations)
def test_given_facts_are_never_asked_and_shortcut_equals_full_evaluation(advisor, situation):
    kb, planner = advisor.knowledge, advisor.planner
    facts = validate_situation(situation, kb.facts)
    outcome = conclude(kb, fire(kb, facts))
    asked = [q["fact"] for q in planner.rank(facts, outcome)]
    assert not set(asked) & set(facts)
    for fact_id, values in planner.candidates.items():
        if fact_id in facts:
            continue
        for value in values:
            full = conclude(kb, fire(kb, {**facts, fact_id: value}))
            fields = [f for f, v in outcome.verdicts.items() if full.verdicts[f] != v]
            expected = (fields, set(outcome.warnings) ^ set(full.warnings), set(outcome.selected) ^ set(full.selected))
            assert planner.changes(facts, outcome, fact_id, value) == expected
