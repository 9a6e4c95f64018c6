"""What-if speed: median and p95 of `Advisor.what_if` for seeded situations with 10 known facts (target < 50 ms),
and for comparison with every fact known (the most levers to combine)."""
import os
import random
import statistics
import time

from regiewijzer.rules import default_advisor
from regiewijzer.rules.sample import fact_value

SITUATIONS = 40
ROUNDS = 5


def situations(facts, known, seed=7):
    """Situations with exactly `known` facts answered, chosen among the facts the rules read."""
    rng = random.Random(seed)
    pool = sorted((f for f in facts.values() if f.type != "text"), key=lambda f: f.id)
    return [{f.id: fact_value(f, rng) for f in rng.sample(pool, min(known, len(pool)))} for _ in range(SITUATIONS)]


def measure(advisor, known):
    sample = situations(advisor.knowledge.facts, known)
    advisor.what_if(sample[0])                       # warm up
    timings, levers, asks, branches = [], 0, 0, 0
    for _ in range(ROUNDS):
        for situation in sample:
            start = time.perf_counter()
            result = advisor.what_if(situation)
            timings.append((time.perf_counter() - start) * 1000)
            levers += len(result.levers)
            asks += len(result.asks)
            branches += len(result.branches)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"what-if, {len(sample[0])} known facts, {len(timings)} runs over {len(sample)} situations: "
          f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms "
          f"(on average {levers / len(timings):.1f} levers, {asks / len(timings):.1f} asks, "
          f"{branches / len(timings):.1f} branches)")


def main():
    advisor = default_advisor()
    for known in (10, len(advisor.knowledge.facts)):
        measure(advisor, known)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
