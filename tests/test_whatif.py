"""What-if: levers on known lever facts, branches on unknown facts, agreeing with a full advice of the change."""
import pytest

from regiewijzer.rules.sample import sample_situations
from regiewijzer.service.texts.whatif import what_if

from .conftest import validator

SITUATION = {"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen",
             "regie_assigned": True, "cooperation_level": "overleg", "officer_mandate": "betwist",
             "political_support": "verdeeld", "ambition": "hele_beleid", "stakeholders_count": 8,
             "subthemes_count": 1}


def verdicts_and_warnings(advice):
    found = {"role": advice["role"]["verdict"], "stage": advice["coordination"]["stage"],
             "next_stage": advice["coordination"]["next_stage"], "scope": advice["strategy"]["scope"],
             "focus": advice["strategy"]["focus"], "scenario": advice["procedure"]["scenario"]}
    found.update({f"warning:{w['code']}": True for w in advice["warnings"]})
    return found


def holds_after(advisor, situation, changes, effects):
    """Whether a full advice of the changed situation shows each claimed effect; a change of a fact in one policy
    domain (`domains.<domain>.<fact>`) claims its effects for that domain."""
    changed = {**situation, "domains": {d: dict(own or {}) for d, own in (situation.get("domains") or {}).items()}}
    domain = None
    for change in changes:
        if change.get("domains") or change["fact"].startswith("domains."):
            fact = change["fact"].split(".")[-1]
            for domain in change.get("domains") or [change["fact"].split(".")[1]]:
                changed["domains"].setdefault(domain, {})[fact] = change["value"]
        else:
            changed[change["fact"]] = change["value"]
    advice = advisor.advise(changed)
    if domain is None:
        after = verdicts_and_warnings(advice)
        return all(after.get(e["target"], False) == e["to"] for e in effects)
    part = next(d for d in advice["role"]["by_domain"] if d["domain"] == domain)
    after = {"role": part["verdict"], **{f"warning:{w['code']}": domain in w.get("domains", ()) for w in advice["warnings"]}}
    return all(after.get(e["target"], False) == e["to"] for e in effects if e["target"] == "role" or
               e["target"] in after or not e["to"])


def test_what_if_follows_its_schema_and_offers_the_contract_levers(client, openapi):
    response = client.post("/api/v1/what-if", json={"situation": SITUATION, "lang": "en"})
    assert response.status_code == 200
    body = response.json
    validator(openapi, "WhatIf").validate(body)
    by_target = {}
    for lever in body["levers"]:
        by_target.setdefault(lever["target"], []).append(lever)
    to_regie = [l for l in by_target["role"] if l["to"] == "regie"]
    assert [c["fact"] for l in to_regie for c in l["changes"]] == ["financial_flows"]
    assert to_regie[0]["sources"][0]["section"] == "2.1" and to_regie[0]["rules"]
    assert "Regie" in to_regie[0]["text"] and to_regie[0]["text"].startswith("With Financial flows")
    asked = [a for a in body["asks"] if a["target"] == "role" and a["to"] == "regie"]
    assert [c["fact"] for a in asked for c in a["changes"]] == ["legal_power", "advisory_right"]
    gone = by_target["warning:NO_POLITICAL_SUPPORT"]
    assert gone[0]["changes"] == [{"fact": "political_support", "fact_label": "Political support",
                                   "value": "eensgezind", "value_label": "United"}]
    assert gone[0]["from"] is True and gone[0]["to"] is False and "goes away" in gone[0]["text"]
    assert [l["changes"][0]["value"] for l in by_target["scenario"] if l["to"] == 1] == [6]   # the nearest number


def test_levers_change_only_what_the_bestuur_holds_and_asks_only_what_a_higher_government_holds(advisor, knowledge):
    """Circumstances (the regie assignment, the neighbours, the staff) are never offered; legal power and the
    advisory right are asked of the higher government, never offered as the bestuur's own change."""
    situation = {**SITUATION, "neighbours_same_time": True, "staff_capacity": "beperkt", "legal_power": False}
    result = what_if(advisor, situation)
    changed = {c["fact"] for lever in result["levers"] for c in lever["changes"]}
    asked = {c["fact"] for ask in result["asks"] for c in ask["changes"]}
    assert changed and all(knowledge.facts[f].changed_by == "bestuur" for f in changed)
    assert asked == {"legal_power", "advisory_right"}
    assert all(knowledge.facts[f].changed_by == "higher_government" for f in asked)
    assert not {"legal_power", "advisory_right", "regie_assigned", "neighbours_same_time", "staff_capacity"} & changed


def test_two_fact_levers_only_where_no_single_change_reaches_the_result(advisor):
    levers = what_if(advisor, SITUATION)["levers"]
    singles = {(l["target"], repr(l["to"])) for l in levers if len(l["changes"]) == 1}
    pairs = [l for l in levers if len(l["changes"]) == 2]
    assert pairs, "this situation needs a mandate and support together to lift the depth strategy"
    assert all((l["target"], repr(l["to"])) not in singles for l in pairs)


def test_unknown_facts_become_branches_in_each_language(advisor):
    nl = what_if(advisor, {"financial_flows": "geen", "advisory_right": "geen"}, "nl")
    en = what_if(advisor, {"financial_flows": "geen", "advisory_right": "geen"}, "en")
    legal = next(b for b in nl["branches"] if b["fact"] == "legal_power")
    outcomes = {o["value"]: o for o in legal["outcomes"]}
    assert [e["to"] for e in outcomes[True]["effects"] if e["target"] == "role"] == ["regie"]
    assert [e["to"] for e in outcomes[False]["effects"] if e["target"] == "role"] == ["netwerkcoordinatie"]
    assert legal["text"].startswith("Wettelijke doorzettingsmacht is nog onbekend: als «ja» → Rol wordt Regie")
    assert next(b for b in en["branches"] if b["fact"] == "legal_power")["text"].startswith(
        "Legal enforcement power is still unknown: if «yes» → Role becomes Regie")
    assert not any(b["fact"] in ("financial_flows", "advisory_right") for b in nl["branches"])


def test_what_if_claims_agree_with_a_full_advice_of_the_changed_situation(advisor, knowledge):
    """Every lever and branch outcome of a seeded sample (and the practice cases) holds in the engine's advice."""
    situations = [e.situation for e in knowledge.examples.values()][:15] + sample_situations(knowledge.facts, 15)
    checked = 0
    for situation in situations:
        result = what_if(advisor, situation)
        for lever in result["levers"] + result["asks"]:
            assert holds_after(advisor, situation, lever["changes"], [lever]), (situation, lever["text"])
            checked += 1
        for branch in result["branches"][:4]:
            for outcome in branch["outcomes"]:
                change = [{"fact": branch["fact"], "value": outcome["value"]}]
                assert holds_after(advisor, situation, change, outcome["effects"]), (situation, branch["text"])
                checked += 1
    assert checked > 100


def test_a_binding_advisory_right_is_asked_of_the_higher_government_not_a_lever(advisor):
    """The recognising and subsidising government grants a binding advisory right (001 §2.1, §1.1): what-if does not
    offer it as the bestuur's change, but lists it apart as what to ask, citing 001 §2.3, with the change it makes."""
    situation = {"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen"}
    result = what_if(advisor, situation, "en")
    assert not any(c["fact"] == "advisory_right" for l in result["levers"] for c in l["changes"])
    binding = next(a for a in result["asks"]
                   if a["changes"] == [{**a["changes"][0], "fact": "advisory_right", "value": "bindend"}])
    assert binding["target"] == "role" and binding["to"] == "regie"
    assert binding["text"].startswith("Ask the higher government for") and "Binding advice" in binding["text"]
    assert [(s["document_id"], s["section"]) for s in binding["sources"]] == [("001", "2.3"), ("001", "2.1")]
    assert holds_after(advisor, situation, binding["changes"], [binding])


def test_essential_funding_is_no_lever_while_the_partners_are_steered_from_above(advisor):
    situation = {"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen"}
    free = what_if(advisor, situation)
    steered = what_if(advisor, {**situation, "partners_externally_steered": True})

    def values(result):
        return {c["value"] for l in result["levers"] + result["asks"] for c in l["changes"]
                if c["fact"] == "financial_flows"}
    assert "wezenlijk" in values(free) and "wezenlijk" not in values(steered)
    assert "geen" in values(steered)              # the bestuur can still change its own incentives


def test_a_circumstance_is_a_branch_while_unknown_never_a_lever(advisor):
    """Legal power rests on decrees and laws, not on the bestuur: not a lever, but its answer is a branch."""
    situation = {"financial_flows": "stimulans", "advisory_right": "geen"}
    result = what_if(advisor, situation, "en")
    legal = next(b for b in result["branches"] if b["fact"] == "legal_power")
    yes = next(o for o in legal["outcomes"] if o["value"] is True)
    assert {"target": "role", "to": "regie"}.items() <= yes["effects"][0].items()
    known = what_if(advisor, {**situation, "legal_power": False})
    assert not any(c["fact"] == "legal_power" for l in known["levers"] for c in l["changes"])


BAD = [({"situation": {"financial_flows": "veel"}}, "situation.financial_flows"),
       ({"situation": {}, "lang": "fr"}, "lang"),
       ({"situation": {}, "lang": {}}, "lang"),
       ({"situatie": {}}, "situatie"),
       ([], "body")]


@pytest.mark.parametrize("body, field", BAD)
def test_bad_what_if_request_names_the_field(client, openapi, body, field):
    response = client.post("/api/v1/what-if", json=body)
    assert response.status_code == 400
    validator(openapi, "Error").validate(response.json)
    assert response.json["field"] == field and "allowed" in response.json


def test_what_if_refuses_query_parameters(client):
    response = client.post("/api/v1/what-if?lang=en", json={})
    assert response.status_code == 400 and response.json["field"] == "lang"
