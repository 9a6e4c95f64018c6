"""Under unknown facts the advice is conditional, not silent."""

ROLE_CONDITIONALS = {"role_if_legal_power", "role_if_financial_flows", "role_if_advisory_right"}


def ids(items):
    return {i["id"] for i in items}


def test_with_power_unknown_the_role_section_says_what_each_answer_would_mean(advisor):
    advice = advisor.advise({"cooperation_level": "overleg"})
    assert advice["role"]["verdict"] == "onbepaald"
    assert ids(advice["role"]["items"]) >= ROLE_CONDITIONALS


def test_answered_power_facts_leave_only_the_open_conditionals(advisor):
    advice = advisor.advise({"legal_power": False, "financial_flows": "stimulans"})
    assert advice["role"]["verdict"] == "onbepaald"
    assert ids(advice["role"]["items"]) & ROLE_CONDITIONALS == {"role_if_advisory_right"}


def test_a_decided_role_has_no_conditionals(advisor):
    advice = advisor.advise({"legal_power": True})
    assert not ids(advice["role"]["items"]) & ROLE_CONDITIONALS


def test_undecided_scope_and_scenario_say_what_would_decide_them(advisor):
    advice = advisor.advise({})
    assert "scope_what_decides" in ids(advice["strategy"]["items"])
    assert "focus_what_decides" in ids(advice["strategy"]["items"])
    assert "scenario_what_decides" in ids(advice["procedure"]["items"])
    decided = advisor.advise({"ambition": "specifiek_facet", "emphasis": "inhoud", "subthemes_count": 3})
    assert not {"scope_what_decides", "focus_what_decides"} & ids(decided["strategy"]["items"])
    assert "scenario_what_decides" not in ids(decided["procedure"]["items"])
