"""`regiewijzer check`: the bundled knowledge passes, and each check fires on a deliberately broken copy."""
import pytest
import yaml

from regiewijzer.rules.knowledge import load_knowledge
from regiewijzer.service.cli import main

from .conftest import first_rule, unknown_fact


def test_bundled_knowledge_passes_every_check(capsys):
    assert main(["check"]) == 0
    assert "all checks passed" in capsys.readouterr().out


def unknown_value(data):
    first_rule(data, "role_regie_by_essential_funding")["when"] = {"financial_flows": "enorm"}


def missing_translation(data):
    del data["warnings"][0]["text"]["en"]


def missing_source(data):
    del data["warnings"][1]["source"]


def unregistered_section(data):
    data["warnings"][2]["source"] = {"document": "001", "section": "9.9"}


def unknown_key(data):
    data["warnings"][3]["colour"] = "red"


def unknown_warning(data):
    first_rule(data, "warn_subsidiarity")["then"]["warn"] = ["SUBSIDIARTY"]


def second_role_verdict(data):
    data["rules"].append({"id": "role_marktsturing_by_stimulus", "source": {"document": "001", "section": "2.1"},
                          "when": {"financial_flows": "stimulans"}, "then": {"set": {"role": "marktsturing"}}})


def orphan_item(data):
    data["items"].append({"id": "nobody_selects_me", "kind": "note", "section": "background",
                          "text": {"nl": "Niemand kiest mij.", "en": "Nobody selects me."},
                          "source": {"document": "001", "section": "2.1"}})


def unreachable_rule(data):
    data["rules"].append({"id": "never_fires", "source": {"document": "001", "section": "2.1"},
                          "when": {"stakeholders_count": {"gt": 500}}, "then": {"derive": ["never"]}})


def fact_id_with_a_dot(data):
    data["facts"].append({**data["facts"][0], "id": "legal.power"})


def unknown_derived(data):
    first_rule(data, "focus_procesmatig")["requires"] = ["process_indicatd"]


def duplicate_id(data):
    data["rules"].append(dict(first_rule(data, "warn_subsidiarity")))


def unknown_parameter(data):
    first_rule(data, "scenario_1_unique_group")["when"]["stakeholders_count"] = {"lte": "few_stakeholder"}


def bad_example_situation(data):
    data["examples"][0]["situation"] = {"cooperation_level": "veel"}


def requires_not_a_list(data):
    first_rule(data, "warn_subsidiarity")["requires"] = "role_regie"


def then_with_wrong_shape(data):
    first_rule(data, "warn_subsidiarity")["then"] = {"set": ["role", "regie"]}


def derived_cycle(data):
    source = {"document": "001", "section": "2.1"}
    data["rules"] += [{"id": "chicken", "source": source, "requires": ["egg"], "then": {"derive": ["chicken"]}},
                      {"id": "egg", "source": source, "requires": ["chicken"], "then": {"derive": ["egg"]}}]


def scenario_diagram_not_rows(data):
    scenario = next(v for v in data["verdicts"] if v["field"] == "scenario")
    scenario["values"][0]["diagram"] = {"nl": "Projectgroep", "en": "Project group"}


def definitions_set_against_each_other(data):
    item = next(i for i in data["items"] if i["id"] == "regie_definition")
    item["contradicts"] = ["legal_power_definition"]      # both always shown: the check must say so


def a_fifth_stage_counted(data):
    data["counts"][0]["count"] = 5


def scenario_expects_otherwise(data):
    data["scenarios"][0]["expect"]["role"] = "marktsturing"


def case_teaches_otherwise(data):
    case = next(e for e in data["examples"] if e["teaches"].get("role") == "netwerkcoordinatie")
    case["teaches"]["role"] = "regie"


def case_leaves_out_a_decided_verdict(data):
    case = next(e for e in data["examples"] if e["id"] == "case_001_genk_reception_office_covenant")
    del case["teaches"]["stage"]


def requires_what_only_a_mixed_rule_derives(data):
    data["rules"].append({"id": "too_late", "source": {"document": "001", "section": "2.2"},
                          "requires": ["position_differs_per_domain"], "then": {"select": ["growing_in_coordination"]}})


def fact(data, fact_id):
    return next(f for f in data["facts"] if f["id"] == fact_id)


def lever_of_an_unknown_kind(data):
    fact(data, "resources")["lever"] = "vlaanderen"


def higher_government_without_its_passage(data):
    del fact(data, "advisory_right")["lever_source"]


def exception_on_an_unknown_value(data):
    fact(data, "financial_flows")["lever_exceptions"][0]["values"] = ["essentieel"]


def exception_on_an_unknown_fact(data):
    fact(data, "financial_flows")["lever_exceptions"][0]["when"] = {"partners_steered": True}


def stage_asks_an_unknown_group(data):
    data["question_order"][1]["groups"] = ["nood"]


def a_group_asked_in_no_stage(data):
    data["question_order"] = [s for s in data["question_order"] if s["id"] != "network"]


def a_fact_asked_twice(data):
    data["question_order"][0]["facts"].append("silos")


CASES = [
    ("questions.yaml", stage_asks_an_unknown_group, "need", "group 'nood' is not in facts.yaml"),
    ("questions.yaml", a_group_asked_in_no_stage, "network", "the group is in no stage of question_order"),
    ("questions.yaml", a_fact_asked_twice, "culture_and_structure", "fact 'silos' is already asked in stage 'domains'"),
    ("facts.yaml", lever_of_an_unknown_kind, "resources", "'lever' is true (the bestuur can change it), false"),
    ("facts.yaml", higher_government_without_its_passage, "advisory_right", "needs a 'lever_source'"),
    ("facts.yaml", exception_on_an_unknown_value, "financial_flows lever_exceptions[1]",
     "'values' takes a list of values of financial_flows"),
    ("facts.yaml", exception_on_an_unknown_fact, "financial_flows lever_exceptions[1]",
     "did you mean 'partners_externally_steered'"),
    ("facts.yaml", fact_id_with_a_dot, "legal.power", "a fact id is lower-case letters, digits and '_'"),
    ("rules/decide_role.yaml", unknown_fact, "role_regie_by_legal_power", "did you mean 'legal_power'"),
    ("rules/decide_role.yaml", unknown_value, "role_regie_by_essential_funding", "not allowed for 'financial_flows'"),
    ("warnings.yaml", missing_translation, "REGIE_WITHOUT_POWER", "non-empty text for each of ['nl', 'en']"),
    ("warnings.yaml", missing_source, "KEY_ACTOR_REFUSES_NO_POWER", "missing key(s) ['source']"),
    ("warnings.yaml", unregistered_section, "SEPARATE_REGIE_AND_ACTOR", "section '9.9' of document 001"),
    ("warnings.yaml", unknown_key, "REPRESENTATIVES_MANDATE_UNCLEAR", "unknown key(s) ['colour']"),
    ("rules/decide_need.yaml", unknown_warning, "warn_subsidiarity", "'SUBSIDIARTY' is not in warnings.yaml"),
    ("rules/decide_role.yaml", second_role_verdict, "role_marktsturing_by_stimulus", "sets role="),
    ("items/legal_context.yaml", orphan_item, "nobody_selects_me", "no rule can ever select this item"),
    ("rules/decide_need.yaml", unreachable_rule, "never_fires", "can never fire"),
    ("rules/decide_strategy.yaml", unknown_derived, "focus_procesmatig", "requires 'process_indicatd'"),
    ("rules/decide_need.yaml", duplicate_id, "warn_subsidiarity", "duplicate rule id"),
    ("rules/decide_procedure.yaml", unknown_parameter, "scenario_1_unique_group", "unknown parameter 'few_stakeholder'"),
    ("examples/cases_001_regie.yaml", bad_example_situation, "case_001_genk_reception_office_covenant", "situation: 'cooperation_level' must be"),
    ("examples/cases_001_regie.yaml", case_leaves_out_a_decided_verdict, "case_001_genk_reception_office_covenant",
     "decides stage = 1, but the case does not teach stage"),
    ("rules/decide_need.yaml", requires_not_a_list, "warn_subsidiarity", "'requires' takes a list"),
    ("rules/decide_need.yaml", requires_what_only_a_mixed_rule_derives, "too_late",
     "a mixed rule's own conclusions come last"),
    ("rules/decide_need.yaml", derived_cycle, "chicken", "require each other in a cycle"),
    ("rules/decide_need.yaml", then_with_wrong_shape, "warn_subsidiarity", "must be {field: value}"),
    ("verdicts.yaml", scenario_diagram_not_rows, "scenario", "'diagram' must be a non-empty list of"),
    ("items/regie_concepts.yaml", definitions_set_against_each_other, "regie_definition",
     "is selected together with 'legal_power_definition', which it contradicts"),
    ("counts.yaml", a_fifth_stage_counted, "the four stages of growing in coordination",
     "5 item(s) of kind stage citing 001 §2.2 expected, 4 found"),
    ("scenarios/role.yaml", scenario_expects_otherwise, "legal obligations of partners make the bestuur a regisseur",
     "role: expected 'marktsturing', got 'regie'"),
]


@pytest.mark.parametrize("relative, change, item, message", CASES, ids=[c[1].__name__ for c in CASES])
def test_check_names_file_and_item_of_each_problem(knowledge_copy, capsys, relative, change, item, message):
    root, edit = knowledge_copy
    edit(relative, change)
    assert main(["--knowledge", str(root), "check"]) == 1
    out = capsys.readouterr().out
    line = next((l for l in out.splitlines() if message in l), None)
    assert line is not None, out
    assert line.startswith(f"{relative}: {item}")


def test_check_reports_a_case_whose_training_situation_does_not_decide_what_it_teaches(knowledge_copy, capsys):
    root, edit = knowledge_copy
    taught = {}
    for path in sorted((root / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if any(e["teaches"].get("role") == "netwerkcoordinatie" for e in data["examples"]):
            edit(f"examples/{path.name}", case_teaches_otherwise)
            taught = path.name
            break
    assert main(["--knowledge", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert f"examples/{taught}: " in out and "teaches role = 'regie', but the advice for its training_situation" in out


def test_check_refuses_a_key_given_twice_naming_file_line_and_key(knowledge_copy, capsys):
    root, _ = knowledge_copy
    path = root / "items" / "strategy.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith("section:"))
    lines.insert(at + 1, lines[at].replace(lines[at].strip(), "section: dos"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--knowledge", str(root), "check"]) == 1
    assert f"items/strategy.yaml: line {at + 2}: key 'section' is given twice in one mapping (first on line {at + 1})" \
        in capsys.readouterr().out


def test_an_item_text_follows_a_changed_threshold(knowledge_copy):
    root, edit = knowledge_copy
    edit("parameters.yaml", lambda data: next(p for p in data["parameters"] if p["id"] == "few_stakeholders")
         .update(value=9))
    text = load_knowledge(root).items["scenario_if_stakeholders_with_one_theme"].text["nl"]
    assert "hoogstens 9 belanghebbenden" in text and "{" not in text


def test_check_reports_a_file_that_is_not_yaml(knowledge_copy, capsys):
    root, _ = knowledge_copy
    (root / "warnings.yaml").write_text("warnings: [unclosed\n", encoding="utf-8")
    assert main(["--knowledge", str(root), "check"]) == 1
    assert "warnings.yaml: -: not valid YAML" in capsys.readouterr().out
