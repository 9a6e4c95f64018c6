"""The engine survives real use: thousands of consultations in one process, and concurrent threads."""
import random
from concurrent.futures import ThreadPoolExecutor

from rules.oracle import fire
from rules.outcome import conclude

CONSULTATIONS = 10_050   # well past durable_rules' 1024 live sessions per ruleset
THREADS, THREADED_CONSULTATIONS = 8, 2_000


def random_situations(knowledge, count, seed):
    rng = random.Random(seed)
    pools = {f: v for f, v in [(f.id, f.values or [True, False]) for f in knowledge.facts.values()
                               if f.type in ("bool", "enum")]}
    return [{f: rng.choice(v) for f, v in pools.items() if rng.random() < 0.5} for _ in range(count)]


def test_ten_thousand_consultations_leave_no_session_behind(advisor):
    situations = random_situations(advisor.knowledge, 50, seed=1)
    for n in range(CONSULTATIONS):
        advisor.engine.fire(situations[n % len(situations)])
    assert advisor.engine._log == {}
    for name in advisor.engine.ruleset_names:        # every session was deleted: 1024 more fit
        for n in range(1100):
            advisor.engine._host.assert_fact(name, {"kind": "situation", "sid": f"probe{n}"})
            advisor.engine._host.delete_state(name, f"probe{n}")


def test_eight_threads_get_correct_answers(advisor):
    kb = advisor.knowledge
    situations = random_situations(kb, THREADED_CONSULTATIONS, seed=2)
    expected = [conclude(kb, fire(kb, s)).signature() for s in situations]
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda s: advisor.outcome(s).signature(), situations))
    assert results == expected
