"""The engine survives real use: thousands of consultations in one process, and concurrent threads."""
import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from regiewijzer.rules import engine as engine_module
from regiewijzer.rules.chaining import fire
from regiewijzer.rules.engine import RuleEngine
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
