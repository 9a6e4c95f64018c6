"""How focused the default answer is: items and bytes (median, max) over the practice cases, 1,000 seeded
random situations and 300 seeded themes touching six to all policy domains with answers of their own, for the
default (focused) and the full answer in Dutch and English; and the summary's lines.

Usage: python bench/answer_size.py [--count 1000] [--seed 20261123]
Bytes are those the API sends (compact JSON, as service/api/jsonio.py writes it), in KiB. The limits of the
focused answer (issue: at most 30 items and 60 KB) are also held by tests (tests/test_focused_advice.py); this
prints the figures.
"""
import argparse
import statistics

import orjson

from regiewijzer.rules import default_advisor
from regiewijzer.rules.sample import SEED, many_domain_situations, sample_situations
from regiewijzer.rules.scenarios import item_lists


def items(advice):
    return sum(len(part) for part in item_lists(advice)) + len(advice["asks"]["items"]) + len(advice["examples"])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    advisor = default_advisor()
    kb = advisor.knowledge
    cases = [s for case in kb.examples.values() for s in (case.situation, case.training_situation)]
    random = sample_situations(kb.facts, args.count, args.seed)
    situations = {"practice cases (as told and as trained)": cases,
                  f"{args.count} random situations (seed {args.seed})": random,
                  f"300 themes touching 6-12 policy domains (seed {args.seed})": many_domain_situations(kb.facts, 300,
                                                                                                   args.seed)}
    for name, pool in situations.items():
        print(f"{name}: {len(pool)} situations")
        for detail in ("focused", "full"):
            answers = [advisor.advise(situation, lang, detail) for situation in pool for lang in ("nl", "en")]
            counts = [items(a) for a in answers]
            sizes = [len(orjson.dumps(a)) / 1024 for a in answers]
            line = (f"  {detail:7}: items median {statistics.median(counts):.0f} max {max(counts)}; "
                    f"KB median {statistics.median(sizes):.1f} max {max(sizes):.1f}")
            if detail == "focused":
                lines = [len(a["summary"]) for a in answers]
                line += f"; summary lines {min(lines)}-{max(lines)}, next steps in every one: " \
                        f"{all(any(s['kind'] == 'next_step' for s in a['summary']) for a in answers)}"
            print(line)


if __name__ == "__main__":
    main()
