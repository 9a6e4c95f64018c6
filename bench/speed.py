"""Benchmark: cold start, `advise` on full and partial situations, and the engine against the plain-Python oracle.

Usage: python bench/speed.py [--rounds N] [--random N] [--knowledge PATH]
Full situations: every fact known (seeded random ones, and each practice case completed with seeded values).
Partial situations: the practice cases as written, and seeded random ones with about 40 % of the facts known.
"""
import argparse
import os
import random
import statistics
import time

from regiewijzer.rules import Advisor
from regiewijzer.rules.domains import evaluate_in_python
from regiewijzer.rules.sample import fact_value
from regiewijzer.rules.situation import validate_situation


def full_situations(knowledge, count, seed):
    """`count` random situations with every fact known, then each practice case completed."""
    rng = random.Random(seed)
    out = [{f.id: fact_value(f, rng) for f in knowledge.facts.values()} for _ in range(count)]
    for example in knowledge.examples.values():
        out.append({f.id: example.situation.get(f.id, fact_value(f, rng)) for f in knowledge.facts.values()})
    return out


def partial_situations(knowledge, count, seed, known=0.4):
    """The practice cases as written, and `count` random situations with a share `known` of the facts."""
    rng = random.Random(seed)
    out = [dict(example.situation) for example in knowledge.examples.values()]
    out += [{f.id: fact_value(f, rng) for f in knowledge.facts.values() if rng.random() < known}
            for _ in range(count)]
    return out


def timed(function, situations, rounds):
    """Per-call (wall-clock, CPU) times in seconds of `function(situation)` over `rounds` passes."""
    times = []
    for _ in range(rounds):
        for situation in situations:
            start, cpu = time.perf_counter(), time.thread_time()
            function(situation)
            times.append((time.perf_counter() - start, time.thread_time() - cpu))
    return times


def describe(name, times):
    """Prints the median and p95 wall-clock time, and the median CPU time (what other processes on
    a busy machine do not inflate); returns the wall-clock median."""
    wall = sorted(t for t, _ in times)
    cpu = statistics.median(c for _, c in times)
    p95 = wall[int(len(wall) * 0.95)]
    print(f"  {name:<38} median {statistics.median(wall) * 1e3:6.3f} ms   p95 {p95 * 1e3:6.3f} ms"
          f"   CPU median {cpu * 1e3:6.3f} ms   ({len(wall)} calls)")
    return statistics.median(wall)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the situations (default 20)")
    parser.add_argument("--random", type=int, default=40, help="seeded random situations of each kind (default 40)")
    parser.add_argument("--knowledge", default=os.environ.get("REGIEWIJZER_KNOWLEDGE"))
    args = parser.parse_args(argv)

    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    start = time.perf_counter()
    advisor = Advisor.from_path(args.knowledge)
    cold = time.perf_counter() - start
    kb = advisor.knowledge
    print(f"cold start (load + validate + compile): {cold * 1e3:.0f} ms  (target < 1500 ms); "
          f"{len(kb.facts)} facts, {len(kb.rules)} rules, {len(advisor.engine.ruleset_names)} rulesets")

    full = [validate_situation(s, kb.facts) for s in full_situations(kb, args.random, seed=1)]
    partial = [validate_situation(s, kb.facts) for s in partial_situations(kb, args.random, seed=2)]
    for situation in full + partial:     # warm-up, and a check that engine and oracle agree here
        outcome = advisor.outcome(situation)
        assert outcome.signature() == evaluate_in_python(kb, situation).signature(), situation

    print(f"full situations ({len(full)}: {args.random} random + {len(kb.examples)} practice cases completed), "
          f"{args.rounds} rounds:")
    advise_full = describe("advise (trace, questions, nl)", timed(advisor.advise, full, args.rounds))
    engine = describe("engine: fire + conclude", timed(advisor.outcome, full, args.rounds))
    oracle = describe("oracle: plain-Python fire + conclude",
                      timed(lambda s: evaluate_in_python(kb, s), full, args.rounds))
    print(f"  engine/oracle ratio: {engine / oracle:.1f}")
    print(f"partial situations ({len(partial)}: {len(kb.examples)} practice cases as written + "
          f"{args.random} random with ~40 % known), {args.rounds} rounds:")
    advise_partial = describe("advise (trace, questions, nl)", timed(advisor.advise, partial, args.rounds))
    describe("question planner alone", timed(lambda s: advisor.planner.rank(s, advisor.outcome(s)),
                                             partial, args.rounds))
    print(f"summary: cold start {cold * 1e3:.0f} ms, advise full median {advise_full * 1e3:.2f} ms "
          f"(target <= 2 ms), partial {advise_partial * 1e3:.2f} ms, engine/oracle {engine / oracle:.1f}; "
          f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
