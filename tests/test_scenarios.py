"""The behaviour scenarios of knowledge/scenarios/*.yaml, one test each (`regiewijzer check` runs them too)."""
import pytest

from regiewijzer.rules import advise
from regiewijzer.rules.knowledge import DEFAULT_PATH
from regiewijzer.rules.scenarios import failures, load_scenarios

SCENARIOS, PROBLEMS = load_scenarios(DEFAULT_PATH)


def test_every_scenario_file_is_well_formed():
    assert SCENARIOS and not PROBLEMS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"{s.file}: {s.name}" for s in SCENARIOS])
def test_scenario(scenario):
    assert failures(advise(scenario.situation, scenario.lang), scenario.expect) == []
