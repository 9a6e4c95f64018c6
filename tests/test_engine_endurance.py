"""The engine survives real use: thousands of consultations in one process, and concurrent threads."""
import json
import random
from concurrent.futures import ThreadPoolExecutor

import durable_rules_engine as durable
import pytest

from regiewijzer.rules import engine as engine_module
from regiewijzer.rules.chaining import fire
from regiewijzer.rules.engine import ENGINE_LOCK, SESSION, RuleEngine
from regiewijzer.rules.errors import EngineError
from regiewijzer.rules.outcome import conclude

pytestmark = pytest.mark.slow        # ten thousand consultations and eight threads

CONSULTATIONS = 10_050   # well past durable_rules' 1024 live sessions per ruleset
THREADS, THREADED_CONSULTATIONS = 8, 2_000


def random_situations(knowledge, count, seed, known=0.5):
    rng = random.Random(seed)
    pools = {f.id: f.values or [True, False] for f in knowledge.facts.values() if f.type in ("bool", "enum")}
    return [{f: rng.choice(v) for f, v in pools.items() if rng.random() < known} for _ in range(count)]


def conclusions(advice):
    """What an advice concludes: its verdicts, warning codes and selected items."""
    sections = ("role", "coordination", "strategy", "procedure", "positioning", "context", "participants", "background",
                "asks")
    items = {i["id"] for s in sections for i in advice[s]["items"]} | {i["id"] for i in advice["dos"] + advice["donts"]}
    return (advice["role"]["verdict"], advice["coordination"]["stage"], advice["coordination"]["next_stage"],
            advice["strategy"]["scope"], advice["strategy"]["focus"], advice["procedure"]["scenario"],
            {w["code"] for w in advice["warnings"]}, items | {e["id"] for e in advice["examples"]})


def oracle_conclusions(knowledge, situation):
    """The same, by plain-Python chaining (the next steps are the summary's, not items of a section)."""
    outcome = conclude(knowledge, fire(knowledge, situation))
    v = outcome.verdicts
    selected = {k for k in outcome.selected if k not in knowledge.items or knowledge.items[k].section != "summary"}
    return (v["role"], v["stage"], v["next_stage"], v["scope"], v["focus"], v["scenario"],
            set(outcome.warnings), selected)


def test_ten_thousand_consultations_leave_no_session_behind(advisor):
    """Past durable_rules' 1024 live sessions per ruleset: a session left behind would fail from then on."""
    kb = advisor.knowledge
    situations = random_situations(kb, 50, seed=1)
    expected = [set(fire(kb, s)) for s in situations]
    for n in range(CONSULTATIONS):
        assert set(advisor.engine.fire(situations[n % len(situations)])) == expected[n % len(situations)]


def test_eight_threads_calling_advise_get_correct_answers(advisor):
    kb = advisor.knowledge
    situations = random_situations(kb, THREADED_CONSULTATIONS, seed=2, known=0.7)
    expected = [oracle_conclusions(kb, s) for s in situations]
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda s: conclusions(advisor.advise(s, detail="full")), situations))
    assert results == expected


def test_a_second_engine_has_its_own_rulesets_and_frees_them_when_dropped(advisor):
    """What a knowledge reload does: compile the knowledge base again next to the running engine."""
    kb = advisor.knowledge
    engine = RuleEngine(kb)
    assert not set(engine.ruleset_names) & set(advisor.engine.ruleset_names)
    for example in kb.examples.values():
        assert engine.fire(example.situation) == advisor.engine.fire(example.situation)
    release = engine.release
    del engine
    assert not release.alive        # its rulesets were handed in for deletion ...
    example = next(iter(kb.examples.values()))
    assert set(advisor.engine.fire(example.situation)) == set(fire(kb, example.situation))
    assert engine_module._retired == []     # ... and the next engine call deleted them


def test_an_engine_freed_while_the_engine_lock_is_held_does_not_deadlock(advisor):
    """The garbage collector may finalize an old engine inside another engine's locked section."""
    engine = RuleEngine(advisor.knowledge)
    with engine_module.ENGINE_LOCK:
        del engine                  # its finalizer runs here, with the lock held by this thread
    assert advisor.engine.fire({"legal_power": True})


def test_every_consultation_leaves_its_sessions_empty_and_one_left_holding_facts_is_made_anew(advisor):
    kb = advisor.knowledge
    engine = RuleEngine(kb)         # rulesets of its own: the shared advisor's sessions are not touched
    situations = random_situations(kb, 20, seed=3)
    for situation in situations:
        assert set(engine.fire(situation)) == set(fire(kb, situation))
        with ENGINE_LOCK:
            assert all(json.loads(durable.get_facts(rs.handle, SESSION)) == [] for layer in engine.layers for rs in layer)
    # a consultation that failed before it retracted its facts leaves them behind: the next one is refused, and
    # then the session is made anew
    first, situation = engine.layers[0][0], situations[0]
    left = json.dumps([{**{f: v for f, v in situation.items() if f in first.reads}, "kind": "situation", "sid": SESSION}])
    with ENGINE_LOCK:
        status, state = durable.assert_facts(first.handle, left)
        message = durable.start_action_for_state(first.handle, state)
        while message:
            message = durable.complete_and_start_action(first.handle, state)
    with pytest.raises(EngineError, match="did not take the situation"):
        engine.fire(situation)
    assert set(engine.fire(situation)) == set(fire(kb, situation))
