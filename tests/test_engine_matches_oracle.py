"""The durable_rules path and the plain-Python oracle reach identical conclusions."""
import pytest
from hypothesis import HealthCheck, given, settings

from regiewijzer.rules.chaining import fire
from regiewijzer.rules.conditions import holds
from regiewijzer.rules.domains import evaluate_in_python
from regiewijzer.rules.outcome import conclude
from regiewijzer.rules.situation import validate_situation

from .strategies import situations

pytestmark = pytest.mark.slow        # hypothesis: hundreds of random situations through both evaluators


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situation=situations)
def test_engine_and_oracle_agree_on_random_situations(advisor, situation):
    facts = validate_situation(situation, advisor.knowledge.facts)
    by_engine = advisor.outcome(facts)
    by_oracle = conclude(advisor.knowledge, fire(advisor.knowledge, facts))
    assert set(by_engine.fired) == set(by_oracle.fired)
    assert by_engine.verdicts == by_oracle.verdicts
    assert by_engine.warnings.keys() == by_oracle.warnings.keys()
    assert by_engine.selected.keys() == by_oracle.selected.keys()


def test_engine_agrees_on_every_practice_case(advisor):
    for example in advisor.knowledge.examples.values():
        by_engine = advisor.outcome(example.situation)
        by_oracle = evaluate_in_python(advisor.knowledge, example.situation)
        assert by_engine.signature() == by_oracle.signature(), example.id


@settings(max_examples=300, deadline=None)
@given(situation=situations)
def test_compiled_conditions_agree_with_the_plain_evaluation(advisor, situation):
    facts = validate_situation(situation, advisor.knowledge.facts)
    for rule in advisor.knowledge.rules:
        assert rule.holds(facts) == holds(rule.when, facts), rule.id
