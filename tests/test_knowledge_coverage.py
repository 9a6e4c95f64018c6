"""knowledge/ encodes all of the guidance the core needs, and every decision rule has a scenario."""
from pathlib import Path

from regiewijzer.rules.check import content_counts
from regiewijzer.rules.knowledge import DEFAULT_PATH
from regiewijzer.rules.scenarios import load_scenarios

CONTRACT_PLACES = {"Heusden-Zolder", "Genk", "Leuven", "Mechelen", "Halle", "Geel", "Antwerpen", "Lommel",
                   "Beringen", "Dendermonde", "Venlo", "Lier", "Kortrijk", "Sint-Niklaas", "Gent"}


def test_the_structures_of_the_guidance_are_counted_by_the_check(knowledge):
    counted = {count.what for count in knowledge.counts}
    assert {"the four stages of growing in coordination", "the four procedure scenarios"} <= counted
    assert content_counts(knowledge) == []
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
    assert {e.place for e in examples} >= CONTRACT_PLACES
    assert all(e.source.box and e.situation for e in examples)


def test_every_decision_rule_has_a_scenario_showing_it(knowledge):
    decision_rules = {r.id for r in knowledge.rules if Path(r.file).name.startswith("decide_")}
    shown = set()
    for scenario in load_scenarios(DEFAULT_PATH)[0]:
        shown.update(scenario.expect.get("fired", []))
    assert decision_rules - shown == set()
