"""A trace step, and the explanations built on it, name only the answers whose test held (issue 12, point 6)."""
import io

from regiewijzer.rules.conditions import holds
from regiewijzer.service.cli import main

WEAK_COLLEGE = {"political_support": "verdeeld", "administrative_support": "gemiddeld"}


def step(advice, rule):
    return next(s for s in advice["trace"] if s["rule"] == rule)


def test_a_trace_step_lists_only_the_branch_of_any_that_matched(advisor):
    advice = advisor.advise(WEAK_COLLEGE)
    assert step(advice, "scope_diepte_for_weak_support")["matched"] == {"political_support": "verdeeld"}


def test_when_both_branches_hold_the_step_names_the_first_as_the_knowledge_lists_them(advisor):
    advice = advisor.advise({"political_support": "verdeeld", "administrative_support": "laag"})
    assert step(advice, "scope_diepte_for_weak_support")["matched"] == {"political_support": "verdeeld"}


def test_the_answers_a_step_names_are_enough_for_its_rule_to_hold(advisor, knowledge):
    """Over the practice cases: each rule's condition holds on the answers its step names alone (and names
    no answer the situation did not give)."""
    for case in knowledge.examples.values():
        for situation in (case.situation, case.training_situation):
            for s in advisor.advise(situation or {}, detail="full")["trace"]:
                given = {f for f, v in s["matched"].items() if v is not None}     # None: a test of "not known"
                assert given <= set(situation or {}), s
                assert holds(knowledge.rule(s["rule"]).when, s["matched"]), (case.id, s)


def test_a_known_fact_that_decided_nothing_is_not_named_as_a_reason(advisor):
    advice = advisor.advise(WEAK_COLLEGE)
    named = {fact for s in advice["trace"] for fact in s["matched"]}
    assert "administrative_support" not in named


def test_explain_gives_only_the_deciding_answer_as_the_reason_of_the_strategy(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("political_support: verdeeld\nadministrative_support: gemiddeld\n"))
    assert main(["explain", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if "waarom: scope_diepte_for_weak_support" in line)
    assert lines[start + 1].strip() == "op basis van: Politiek draagvlak = Verdeeld"
    assert "Ambtelijk draagvlak" not in lines[start + 2]
