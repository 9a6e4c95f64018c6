"""The `regiewijzer` command: serve, advise, check."""
import argparse
import json
import os
import sys

import yaml

from rules import Advisor, KnowledgeError, SituationError
from rules.check import check_knowledge
from rules.knowledge import load_knowledge

# gunicorn sync workers: one request at a time each; see README "Serving" for the measured choice
DEFAULT_WORKERS = 2


def serve(args):
    from .server import run
    run(args.host, args.port, args.workers, args.knowledge)
    return 0


def advise(args):
    text = sys.stdin.read() if args.file == "-" else _read(args.file)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        print(f"error: {args.file} is neither YAML nor JSON: {exc}", file=sys.stderr)
        return 2
    lang = args.lang
    if isinstance(data, dict) and "situation" in data:
        lang = data.get("lang", lang)
        data = data["situation"]
    try:
        advice = Advisor.from_path(args.knowledge).advise(data, lang)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SituationError as exc:
        print(f"error: {exc.field}: {exc}" + (f" (allowed: {exc.allowed})" if exc.allowed else ""), file=sys.stderr)
        return 2
    json.dump(advice, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def check(args):
    try:
        knowledge = load_knowledge(args.knowledge)
        problems = check_knowledge(knowledge)
    except KnowledgeError as exc:
        problems = exc.problems
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"knowledge {knowledge.version}: {len(knowledge.facts)} facts, {len(knowledge.rules)} rules, "
          f"{len(knowledge.items)} items, {len(knowledge.examples)} practice cases, "
          f"{len(knowledge.warnings)} warnings: all checks passed")
    return 0


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise SystemExit(f"error: cannot read {path}: {exc.strerror}")


def parser():
    top = argparse.ArgumentParser(prog="regiewijzer", description=__doc__)
    top.add_argument("--knowledge", help="knowledge folder (default: REGIEWIJZER_KNOWLEDGE or the bundled one)")
    commands = top.add_subparsers(dest="command", required=True)
    s = commands.add_parser("serve", help="serve the HTTP API and pages with gunicorn")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                   help=f"gunicorn sync worker processes (default {DEFAULT_WORKERS})")
    s.set_defaults(run=serve)
    a = commands.add_parser("advise", help="print the advice (the API's JSON) for a situation in YAML or JSON")
    a.add_argument("file", help="a file, or - for standard input")
    a.add_argument("--lang", choices=("nl", "en"), default="nl")
    a.set_defaults(run=advise)
    c = commands.add_parser("check", help="validate the whole knowledge base")
    c.set_defaults(run=check)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    if args.knowledge is None:
        args.knowledge = os.environ.get("REGIEWIJZER_KNOWLEDGE")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
