"""`regiewijzer explain` prints the advice and its reasoning readably, in Dutch or English."""
import io
import re

import pytest

from regiewijzer.service.cli import main

SITUATION = ("legal_power: false\nfinancial_flows: stimulans\nadvisory_right: geen\nregie_assigned: true\n"
             "cooperation_level: overleg\nofficer_mandate: betwist\nsubthemes_count: 3\n")


def run(monkeypatch, capsys, text, *options):
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    status = main(["explain", "-", *options])
    out, err = capsys.readouterr()
    return status, out, err


def test_dutch_explanation_shows_verdicts_with_their_rules_answers_and_sources(monkeypatch, capsys, advisor):
    status, out, _ = run(monkeypatch, capsys, SITUATION)
    assert status == 0
    lines = out.splitlines()
    role = lines.index("  Rol: Marktsturing")
    why = " ".join(line.strip() for line in lines[role + 1:role + 5])
    assert why.startswith("waarom: role_marktsturing (bron: 001 §2.1")
    assert "Financiële stromen naar partners = Vrijblijvende stimuli" in why
    assert "  Werkstructuur: Scenario 3: clustergroepen" in lines
    assert "  - [hoog] Regie toegewezen, maar zonder instrumenten" in lines
    assert "SITUATIE (7 van 48 vragen beantwoord)" in lines and "  Aantal deelthema's: 3" in lines
    advice = advisor.advise({"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen",
                             "regie_assigned": True, "cooperation_level": "overleg", "officer_mandate": "betwist",
                             "subthemes_count": 3}, detail="full")     # explain shows every rule that fired
    reasoning = lines[lines.index("REDENERING (regels in de volgorde waarin ze vuurden)"):]
    open_questions = reasoning.index("OPEN VRAGEN (die het advies het meest veranderen)")
    steps = [line for line in reasoning[:open_questions] if re.match(r"  \d+\. \w", line)]
    assert [s.split()[1] for s in steps] == [step["rule"] for step in advice["trace"]]
    first_question = advisor.knowledge.facts[advice["questions"][0]].question["nl"]
    assert reasoning[open_questions + 1].startswith(f"  1. {first_question[:40]}")
    assert all(len(line) <= 100 for line in lines)


def test_english_explanation(monkeypatch, capsys):
    status, out, _ = run(monkeypatch, capsys, '{"situation": {"legal_power": true}, "lang": "en"}')
    assert status == 0
    assert "  Role: Regie (steering with enforcement power)" in out.splitlines()
    assert "based on: Legal enforcement power = yes" in out and "OPEN QUESTIONS" in out
    assert "not a decision" in out


@pytest.mark.parametrize("text, status, message", [("financial_flows: veel\n", 2, "situation.financial_flows"),
                                                   ("[unclosed\n", 2, "neither YAML nor JSON")])
def test_explain_bad_input_names_the_problem(monkeypatch, capsys, text, status, message):
    code, _, err = run(monkeypatch, capsys, text)
    assert code == status and message in err
