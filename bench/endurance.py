"""Benchmark: many full consultations (`advise`) in one process, and concurrent threads; prints figures.

Usage: python bench/endurance.py [CONSULTATIONS] [THREADS] [THREADED_CONSULTATIONS]
"""
import random
import resource
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from regiewijzer.rules import default_advisor


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def situations(knowledge, count, seed):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        situation = {}
        for fact in knowledge.facts.values():
            if rng.random() < 0.6:
                continue
            if fact.type == "bool":
                situation[fact.id] = rng.random() < 0.5
            elif fact.type == "enum":
                situation[fact.id] = rng.choice(fact.values)
            elif fact.type == "int":
                situation[fact.id] = rng.randint(fact.minimum, min(fact.maximum, 12))
        out.append(situation)
    return out


def main(consultations=10_500, threads=8, threaded=2_000):
    advisor = default_advisor()
    pool = situations(advisor.knowledge, 500, seed=1)
    times, marks = [], {}
    for n in range(1, consultations + 1):
        start = time.perf_counter()
        advisor.advise(pool[n % len(pool)], "nl" if n % 2 else "en")
        times.append(time.perf_counter() - start)
        if n in (100, 1_000, 5_000, consultations):
            marks[n] = rss_mb()
    print(f"{consultations} consecutive consultations: median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.2f} ms")
    print("resident memory (MB) after n consultations: "
          + ", ".join(f"{n}: {mb:.1f}" for n, mb in marks.items()))

    work = situations(advisor.knowledge, threaded, seed=2)
    expected = [advisor.advise(s) for s in work]
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as executor:
        got = list(executor.map(advisor.advise, work))
    wrong = sum(a != b for a, b in zip(got, expected, strict=True))
    print(f"{threads} threads, {threaded} consultations: {wrong} answers differ from the sequential ones, "
          f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
