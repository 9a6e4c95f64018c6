"""knowledge/ encodes all of the guidance the core needs, and every decision rule has a scenario."""
from collections import Counter
from pathlib import Path

import yaml

from .conftest import REPO

CONTRACT_PLACES = {"Heusden-Zolder", "Genk", "Leuven", "Mechelen", "Halle", "Geel", "Antwerpen", "Lommel",
                   "Beringen", "Dendermonde", "Venlo", "Lier", "Kortrijk", "Sint-Niklaas", "Gent"}


def kinds_from(knowledge, document, section):
    return Counter(i.kind for i in knowledge.items.values()
                   if i.source.document == document and i.source.section == section)


def test_the_structures_of_the_guidance_are_complete(knowledge):
    kinds = Counter(i.kind for i in knowledge.items.values())
    assert kinds["stage"] == 4                                  # 001 §2.2
    assert kinds["contribution_reason"] == 8                    # 001 §3.1.2
    assert kinds["strategy_cell"] == 4                          # 001 §3.1.3, the 2x2 table
    assert kinds["scenario"] == 4                               # 001 §3.1.4
    assert kinds["task"] == 4                                   # 001 §3.1.5, the decree tasks
    assert kinds_from(knowledge, "001", "2.3")["do"] == kinds_from(knowledge, "001", "2.3")["dont"] == 5
    partners_proepper = kinds_from(knowledge, "001", "3.1.5")
    assert partners_proepper["do"] + partners_proepper["dont"] >= 20
    assert {i.source.section for i in knowledge.items.values() if i.kind == "tip" and i.source.document == "003"} \
        == {f"tip{n}" for n in range(1, 8)}
    for definition in ("regie_definition", "marktsturing_definition", "netwerkcoordinatie_definition"):
        assert knowledge.items[definition].kind == "definition"


def test_every_source_section_contributes_items(knowledge):
    cited = {(i.source.document, i.source.section) for i in (*knowledge.items.values(), *knowledge.examples.values())}
    for document in knowledge.documents.values():
        for section in document.sections:
            assert (document.id, section) in cited, f"{document.id} §{section} has no item"


def test_practice_cases_cover_the_contract_places_with_situations(knowledge):
    examples = list(knowledge.examples.values())
    assert len(examples) >= 15
    assert CONTRACT_PLACES <= {e.place for e in examples}
    assert all(e.source.box and e.situation for e in examples)


def test_every_decision_rule_has_a_scenario_showing_it(knowledge):
    decision_rules = {r.id for r in knowledge.rules if Path(r.file).name.startswith("decide_")}
    shown = set()
    for path in (REPO / "tests" / "scenarios").glob("*.yaml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            shown.update(case["expect"].get("fired", []))
    assert decision_rules - shown == set()
