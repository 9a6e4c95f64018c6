"""Benchmark: the cost of the position per policy domain. `advise` and `what_if` on seeded partial situations,
as written (no `domains`, at most one policy domain) and with 2, 6 and 12 policy domains whose power facts
differ; the CPU medians are printed with their ratio to the no-domain situations of the same run.

Usage: python bench/domains.py [--rounds N] [--count N]
"""
import argparse
import random
import statistics
import time

from regiewijzer.rules import Advisor
from regiewijzer.rules.sample import fact_value

POWER = ("legal_power", "financial_flows", "advisory_right")


def situations(knowledge, count, domains, seed=11):
    """`count` seeded situations with 40 % of the theme facts known and `domains` policy domains, each with its
    own seeded power facts (none: no `domains` and at most one policy domain)."""
    rng = random.Random(seed)
    names = list(knowledge.facts["policy_domains"].values)
    out = []
    for _ in range(count):
        situation = {f.id: fact_value(f, rng) for f in knowledge.facts.values()
                     if f.id != "policy_domains" and rng.random() < 0.4}
        if domains:
            situation["domains"] = {d: {f: fact_value(knowledge.facts[f], rng) for f in POWER}
                                    for d in rng.sample(names, domains)}
        else:
            situation["policy_domains"] = rng.sample(names, rng.randint(0, 1))
        out.append(situation)
    return out


def cpu_median(function, cases, rounds):
    times = []
    for _ in range(rounds):
        for case in cases:
            start = time.thread_time()
            function(case)
            times.append(time.thread_time() - start)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args(argv)
    advisor = Advisor.from_path()
    print("CPU median per call, and its ratio to the situations without domains (same run)")
    baseline = {}
    for domains in (0, 2, 6, 12):
        cases = situations(advisor.knowledge, args.count, domains)
        for name, function in (("advise", advisor.advise), ("what_if", advisor.what_if)):
            median = cpu_median(function, cases, args.rounds)
            baseline.setdefault(name, median)
            label = "no domains" if not domains else f"{domains} domains"
            print(f"  {name:<8} {label:<11} {median * 1e3:7.2f} ms   x{median / baseline[name]:.2f}")


if __name__ == "__main__":
    main()
