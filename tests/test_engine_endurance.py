"""The engine survives real use: thousands of consultations in one process, and concurrent threads."""
import random
from concurrent.futures import ThreadPoolExecutor

from rules.oracle import fire
from rules.outcome import conclude

CONSULTATIONS = 10_050   # well past durable_rules' 1024 live sessions per ruleset
THREADS, THREADED_CONSULTATIONS = 8, 2_000


def random_situations(knowledge, count, seed, known=0.5):
    rng = random.Random(seed)
    pools = {f: v for f, v in [(f.id, f.values or [True, False]) for f in knowledge.facts.values()
                               if f.type in ("bool", "enum")]}
    return [{f: rng.choice(v) for f, v in pools.items() if rng.random() < known} for _ in range(count)]


def conclusions(advice):
    """What an advice concludes: its verdicts, warning codes and selected items."""
    sections = ("role", "coordination", "strategy", "procedure", "positioning", "context", "participants", "background")
    items = {i["id"] for s in sections for i in advice[s]["items"]} | {i["id"] for i in advice["dos"] + advice["donts"]}
    return (advice["role"]["verdict"], advice["coordination"]["stage"], advice["coordination"]["next_stage"],
            advice["strategy"]["scope"], advice["strategy"]["focus"], advice["procedure"]["scenario"],
            {w["code"] for w in advice["warnings"]}, items | {e["id"] for e in advice["examples"]})


def oracle_conclusions(knowledge, situation):
    outcome = conclude(knowledge, fire(knowledge, situation))
    v = outcome.verdicts
    return (v["role"], v["stage"], v["next_stage"], v["scope"], v["focus"], v["scenario"],
            set(outcome.warnings), set(outcome.selected))


def test_ten_thousand_consultations_leave_no_session_behind(advisor):
    situations = random_situations(advisor.knowledge, 50, seed=1)
    for n in range(CONSULTATIONS):
        advisor.engine.fire(situations[n % len(situations)])
    assert advisor.engine._log == {}
    for name in advisor.engine.ruleset_names:        # every session was deleted: 1024 more fit
        for n in range(1100):
            advisor.engine._host.assert_fact(name, {"kind": "situation", "sid": f"probe{n}"})
            advisor.engine._host.delete_state(name, f"probe{n}")


def test_eight_threads_calling_advise_get_correct_answers(advisor):
    kb = advisor.knowledge
    situations = random_situations(kb, THREADED_CONSULTATIONS, seed=2, known=0.7)
    expected = [oracle_conclusions(kb, s) for s in situations]
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda s: conclusions(advisor.advise(s)), situations))
    assert results == expected
