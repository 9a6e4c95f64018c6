"""The question planner: what it asks, in which order, and that its shortcut equals a full evaluation."""
import copy
import itertools

from hypothesis import given, settings

from regiewijzer.rules.chaining import fire
from regiewijzer.rules.outcome import conclude
from regiewijzer.rules.situation import validate_situation

from .strategies import situations

POWER_FACTS = {"legal_power", "financial_flows", "advisory_right"}


def stages(advisor, questions):
    """The stage id of each question, in the order asked."""
    kb = advisor.knowledge
    return [kb.question_order[kb.stage(f)].id for f in questions]


def decisive(detail):
    """Whether an answer to the question could change a verdict or a warning (not only items)."""
    return any(name != "items" for name in detail["could_change"])


def test_with_nothing_known_the_questions_come_in_the_trainers_order(advisor):
    """001 §3.1, 002 §5.2: the domains and whether regie is needed, the instruments (with regie_assigned), the
    officer's mandate and the college's support, ambition and problem, the network; culture and the counts last."""
    questions = advisor.advise({})["questions"]
    asked = stages(advisor, questions)
    assert asked == sorted(asked, key=[s.id for s in advisor.knowledge.question_order].index)
    assert list(dict.fromkeys(asked)) == ["domains", "need", "instruments", "mandate_and_support", "ambition",
                                          "network", "means_and_information", "culture_and_structure"]
    assert questions[0] == "policy_domains"
    assert set(questions[1:5]) == {"regular_services_can_handle", "multiple_actors", "shared_direction",
                                   "local_competence"}
    assert questions[5:8] == ["legal_power", "financial_flows", "advisory_right"]
    assert "regie_assigned" in questions[8:10]
    assert set(questions[10:12]) == {"officer_mandate", "political_support"}
    assert {"organisation_culture", "governance_style", "stakeholders_count", "subthemes_count"} <= set(questions[-10:])


def test_a_nearly_empty_situation_keeps_the_trainers_order(advisor):
    for situation in ({"theme": "Taal", "legal_power": False}, {"policy_domains": ["integratie"]},
                      {"cooperation_level": "overleg", "silos": True}):
        questions = advisor.advise(situation)["questions"]
        asked = stages(advisor, questions)
        assert asked == sorted(asked, key=[s.id for s in advisor.knowledge.question_order].index), situation
        assert not set(situation) & set(questions)


def test_an_open_role_puts_its_deciding_facts_first_among_the_instruments(advisor):
    advice = advisor.advise({"cooperation_level": "overleg", "silos": True})
    instruments = [q for q in advice["questions"] if stages(advisor, [q]) == ["instruments"]]
    assert set(instruments[:3]) == POWER_FACTS
    assert advice["question_details"][advice["questions"].index(instruments[0])]["impact"] > 1000


def test_within_a_stage_a_fact_that_changes_verdicts_or_warnings_comes_before_one_that_changes_only_items(advisor):
    for situation in ({}, {"legal_power": False, "financial_flows": "stimulans"}, {"governance_style": "open"}):
        details = advisor.advise(situation)["question_details"]
        by_stage = {}
        for detail in details:
            by_stage.setdefault(stages(advisor, [detail["fact"]])[0], []).append(decisive(detail))
        for stage, flags in by_stage.items():
            assert flags == sorted(flags, reverse=True), (situation, stage)


def test_the_number_of_items_an_answer_changes_does_not_order_the_questions(advisor):
    """By items alone, whether partners are steered from above (many items) would come before the
    representatives' mandate (a warning, few items); a trainer asks the one that changes a warning first."""
    kb, planner = advisor.knowledge, advisor.planner
    outcome = conclude(kb, fire(kb, {}))

    def items(fact_id):
        return max(len(planner.changes({}, outcome, fact_id, v)[2]) for v in planner.candidates[fact_id])
    questions = advisor.advise({})["questions"]
    assert items("partners_externally_steered") > items("representatives_mandate")
    assert questions.index("representatives_mandate") < questions.index("partners_externally_steered")
    within = [(a, b) for a, b in itertools.pairwise(questions) if stages(advisor, [a]) == stages(advisor, [b])]
    assert any(items(b) > items(a) for a, b in within)        # an order by item count would swap these


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


@settings(max_examples=100, deadline=None)
@given(situation=situations)
def test_weighing_one_value_per_set_of_test_answers_ranks_as_weighing_every_candidate(advisor, situation):
    """The planner weighs one candidate per set of answers the fact's tests give (a count of 5 and of 6 against
    `gte 5` alike): the ranking is the one weighing every candidate gives."""
    planner = advisor.planner
    facts = validate_situation(situation, advisor.knowledge.facts)
    outcome = advisor.outcome(facts)
    every = copy.copy(planner)
    every._weighed = planner.candidates
    assert sum(map(len, planner._weighed.values())) < sum(map(len, planner.candidates.values()))
    assert planner.rank(facts, outcome) == every.rank(facts, outcome)
