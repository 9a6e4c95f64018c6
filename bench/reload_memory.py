"""Benchmark: resident memory over many knowledge reloads in one process (old engines must be freed).

Usage: python bench/reload_memory.py [RELOADS]
"""
import os
import resource
import sys

from regiewijzer.rules import Advisor
from regiewijzer.rules.knowledge import load_knowledge


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main(reloads=50):
    knowledge = load_knowledge(os.environ.get("REGIEWIJZER_KNOWLEDGE"))
    advisor = Advisor(knowledge)
    advisor.advise({})
    print(f"load {os.getloadavg()[0]:.2f}; one advisor: {rss_mb():.1f} MB")
    for n in range(1, reloads + 1):
        advisor = Advisor(knowledge)      # what a reload does: compile anew, drop the old one
        advisor.advise({"legal_power": True})
        if n in (5, reloads // 2, reloads):
            print(f"after {n} reloads: {rss_mb():.1f} MB")
    kept = [Advisor(knowledge) for _ in range(10)]
    print(f"for comparison, 10 more advisors kept alive: {rss_mb():.1f} MB ({len(kept)} engines)")


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
