"""Deterministic cost: CPU instructions per situation of each part of `advise`, counted by valgrind's callgrind.

Usage: python bench/instructions.py [PART ...]     (parts: engine, oracle, planner, builder, advise, full; default all)

On a machine shared with other work, times vary from run to run; instruction counts do not. Each part is counted
as the difference of two runs under `valgrind --tool=callgrind` (PYTHONHASHSEED=0), both preparing the same fixed
situations (the practice cases, 30 seeded random partial and 10 seeded random full ones), one of them then running
the part once over them: `engine` fire + conclude with durable_rules, `oracle` the same by plain-Python chaining,
`planner` the question ranking, `builder` the focused advice document from outcome and questions, `advise` and
`full` the whole consultation (focused; `detail: full`). Needs valgrind (apt-get install valgrind); about half a
minute per part.
"""
import argparse
import gc
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from speed import full_situations, partial_situations

PARTS = ("engine", "oracle", "planner", "builder", "advise", "full")


def situations(knowledge):
    return partial_situations(knowledge, 30, 21) + full_situations(knowledge, 10, 22)[:10]


def run_part(part, prepare_only):
    """Prepare what `part` needs, then (unless `prepare_only`) run it once over the situations."""
    from regiewijzer.rules import Advisor
    from regiewijzer.rules.chaining import fire
    from regiewijzer.rules.outcome import conclude
    from regiewijzer.rules.situation import validate_situation

    advisor = Advisor.from_path(os.environ.get("REGIEWIJZER_KNOWLEDGE"))
    kb = advisor.knowledge
    raw = situations(kb)
    facts = [validate_situation(s, kb.facts) for s in raw]
    outcomes = [advisor.outcome(f) for f in facts] if part in ("planner", "builder") else None
    questions = ([advisor.planner.rank(f, o) for f, o in zip(facts, outcomes, strict=True)]
                 if part == "builder" else None)
    gc.freeze()     # as the service's workers run: the knowledge out of the collector's way
    if prepare_only:
        return
    if part == "engine":
        for f in facts:
            advisor.outcome(f)
    elif part == "oracle":
        for f in facts:
            conclude(kb, fire(kb, f))
    elif part == "planner":
        for f, o in zip(facts, outcomes, strict=True):
            advisor.planner.rank(f, o)
    elif part == "builder":
        for f, o, q in zip(facts, outcomes, questions, strict=True):
            advisor.builders["nl"].build(f, o, q)
    else:
        for s in raw:
            advisor.advise(s, "nl", "full" if part == "full" else "focused")


def count(part, prepare_only):
    """The instructions callgrind counts for one run of this script."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
               "--run", part] + (["--prepare-only"] if prepare_only else [])
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    found = re.search(r"Collected : ([\d,]+)", result.stderr) or re.search(r"refs:\s+([\d,]+)", result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed for {part}: {result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", help=f"some of {', '.join(PARTS)} (default: all)")
    parser.add_argument("--run", choices=PARTS, help=argparse.SUPPRESS)
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        run_part(args.run, args.prepare_only)
        return
    unknown = [p for p in args.parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part {unknown[0]!r}: choose from {', '.join(PARTS)}")
    from regiewijzer.rules import load_knowledge
    number = len(situations(load_knowledge(os.environ.get("REGIEWIJZER_KNOWLEDGE"))))
    figures = {}
    for part in args.parts or PARTS:
        with ThreadPoolExecutor(2) as pool:
            ran, prepared = pool.map(count, (part, part), (False, True))
        figures[part] = (ran - prepared) / number
        print(f"{part:<8} {figures[part] / 1e6:6.2f} M instructions per situation ({number} situations)")
    if "engine" in figures and "oracle" in figures:
        print(f"engine/oracle: {figures['engine'] / figures['oracle']:.1f}")
    if "full" in figures and "oracle" in figures:
        print(f"full advise/oracle: {figures['full'] / figures['oracle']:.1f}")


if __name__ == "__main__":
    main()
