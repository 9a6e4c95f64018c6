"""The `regiewijzer` command: serve, advise, report, explain, diff, check, scorm."""
import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml

from ...rules import Advisor, KnowledgeError, SituationError, yamlfile
from ...rules.check import check_all, check_knowledge
from ...rules.diff import SAMPLE_SIZE, compare
from ...rules.errors import ConfigError
from ...rules.knowledge import DEFAULT_PATH, load_knowledge
from ...rules.scenarios import load_scenarios
from ..ops.settings import DEFAULT_WORKERS, worker_count
from ..report import FORMATS, FontMissing, build_report, render_document
from .diff_text import diff_text
from .explain import explain as explain_advice
from .revisions import knowledge_folder

EXIT_BROKEN_PIPE = 128 + 13     # 128 + SIGPIPE, as the shell reports a command whose reader went away


def _workers(text):
    try:
        return worker_count(text, "--workers")
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def serve(args):
    from .server import run
    run(args.host, args.port, args.workers, args.knowledge)
    return 0


def _consult(args, work):
    """Read the situation file (YAML or JSON, a bare situation or {situation, lang}) and call
    `work(advisor, situation, lang)`; knowledge problems exit 1, bad input 2."""
    text = sys.stdin.read() if args.file == "-" else _read(args.file)
    try:
        data = yamlfile.load(text)
    except yaml.YAMLError as exc:
        print(f"error: {args.file} is neither YAML nor JSON: {exc}", file=sys.stderr)
        return 2
    lang = args.lang
    if isinstance(data, dict) and "situation" in data:
        lang = data.get("lang", lang)
        data = data["situation"]
    try:
        return work(Advisor.from_path(args.knowledge), data, lang)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SituationError as exc:
        print(f"error: {exc.field}: {exc}" + (f" (allowed: {exc.allowed})" if exc.allowed else ""), file=sys.stderr)
        return 2


def advise(args):
    def work(advisor, situation, lang):
        json.dump(advisor.advise(situation, lang), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    return _consult(args, work)


def explain(args):
    def work(advisor, situation, lang):
        # a trainer's explanation shows every rule that fired and every selected item: the full answer
        sys.stdout.write(explain_advice(advisor.advise(situation, lang, "full"), advisor.knowledge))
        return 0
    return _consult(args, work)


def report(args):
    def work(advisor, situation, lang):
        document = build_report(advisor, situation, lang, date.today().isoformat())
        try:
            data, _, name = render_document(document, args.format, advisor.knowledge.version)
        except FontMissing as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        out = Path(args.output or name).resolve()
        with open(out, "wb") as handle:
            handle.write(data)
        print(f"wrote {out}" if args.output else f"wrote {out} (no -o given: into the current folder)")
        return 0
    return _consult(args, work)


def diff(args):
    """Exit 0 when the two bases give the same advice, 1 when anything changes, 2 when a base is invalid."""
    with tempfile.TemporaryDirectory() as scratch:
        bases = []
        for name, spec in (("old", args.old), ("new", args.new)):
            try:
                folder = knowledge_folder(spec, Path(scratch) / name)
                knowledge = load_knowledge(folder)
                problems = check_knowledge(knowledge)
            except KnowledgeError as exc:
                problems = exc.problems
            if problems:
                print(f"error: {spec} is not a valid knowledge base:", file=sys.stderr)
                for problem in problems:
                    print(f"  {problem}", file=sys.stderr)
                return 2
            bases.append(knowledge)
    result = compare(*bases, sample_size=args.sample)
    sys.stdout.write(diff_text(result, args.old, args.new))
    return 1 if result.changed else 0


def scorm(args):
    """Write a SCORM 1.2 package of one practice case (or of all, one SCO each); exit 2 for an unknown case, 1 when
    the built package fails its structural check."""
    from ..scorm import build_package, package_problems
    try:
        advisor = Advisor.from_path(args.knowledge)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    kb = advisor.knowledge
    if args.all:
        cases = list(kb.examples)
    else:
        case = kb.case_aliases.get(args.case, args.case)
        if case not in kb.examples:
            print(f"error: --case: unknown practice case {args.case!r}; the cases are: {', '.join(kb.examples)}",
                  file=sys.stderr)
            return 2
        cases = [case]
    out = Path(args.output).resolve()
    out.write_bytes(build_package(advisor, cases, args.lang))
    problems = package_problems(out)
    for problem in problems:
        print(f"error: {out}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"wrote {out}: SCORM 1.2, {len(cases)} case(s), {args.lang}, knowledge {kb.version}")
    return 0


def check(args):
    """Exit 0 when the knowledge base loads, passes every check and shows every behaviour scenario; else 1."""
    try:
        advisor = Advisor.from_path(args.knowledge)
        knowledge = advisor.knowledge
        problems = check_all(advisor, args.knowledge)
    except KnowledgeError as exc:
        problems = exc.problems
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"knowledge {knowledge.version}: {len(knowledge.facts)} facts, {len(knowledge.rules)} rules, "
          f"{len(knowledge.items)} items, {len(knowledge.examples)} practice cases, "
          f"{len(knowledge.warnings)} warnings, {len(load_scenarios(args.knowledge or DEFAULT_PATH)[0])} behaviour "
          "scenarios: all checks passed")
    return 0


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise SystemExit(f"error: cannot read {path}: {exc.strerror}") from None


def _at_least(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"a whole number of at least {minimum}, not {text!r}")
        return value
    return parse


def parser():
    top = argparse.ArgumentParser(prog="regiewijzer", description=__doc__)
    top.add_argument("--knowledge", help="knowledge folder (default: REGIEWIJZER_KNOWLEDGE or the bundled one)")
    commands = top.add_subparsers(dest="command", required=True)
    s = commands.add_parser("serve", help="serve the HTTP API and pages with gunicorn")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=_workers, default=DEFAULT_WORKERS,
                   help=f"gunicorn worker processes (default {DEFAULT_WORKERS})")
    s.set_defaults(run=serve)
    a = commands.add_parser("advise", help="print the advice (the API's JSON) for a situation in YAML or JSON")
    a.add_argument("file", help="a file, or - for standard input")
    a.add_argument("--lang", choices=("nl", "en"), default="nl")
    a.set_defaults(run=advise)
    e = commands.add_parser("explain", help="print the advice and its reasoning readably, for trainers")
    e.add_argument("file", help="a situation file (YAML or JSON), or - for standard input")
    e.add_argument("--lang", choices=("nl", "en"), default="nl")
    e.set_defaults(run=explain)
    r = commands.add_parser("report", help="write the consultation report (PDF, Markdown or HTML) for a situation")
    r.add_argument("file", help="a situation file (YAML or JSON), or - for standard input")
    r.add_argument("--format", choices=tuple(FORMATS), default="pdf")
    r.add_argument("-o", "--output", help="the file to write (default: regiewijzer-advies-DATE.FORMAT in the current "
                                         "folder; the full path written is printed)")
    r.add_argument("--lang", choices=("nl", "en"), default="nl")
    r.set_defaults(run=report)
    d = commands.add_parser("diff", help="compare the advice of two knowledge bases; exit 0 same, 1 changed, 2 invalid")
    d.add_argument("old", help="a knowledge folder, or REV:PATH in the current git repository (e.g. HEAD~1:knowledge)")
    d.add_argument("new", help="a knowledge folder, or REV:PATH")
    d.add_argument("--sample", type=_at_least(SAMPLE_SIZE), default=SAMPLE_SIZE,
                   help=f"generated situations besides the practice cases (at least {SAMPLE_SIZE})")
    d.set_defaults(run=diff)
    p = commands.add_parser("scorm", help="write a SCORM 1.2 package of practice cases for a learning platform")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", help="the id of one practice case (see /training or GET /api/v1/knowledge)")
    which.add_argument("--all", action="store_true", help="every practice case, one SCO each")
    p.add_argument("-o", "--output", required=True, help="the zip file to write")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.set_defaults(run=scorm)
    c = commands.add_parser("check", help="validate the whole knowledge base")
    c.set_defaults(run=check)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    if args.knowledge is None:
        args.knowledge = os.environ.get("REGIEWIJZER_KNOWLEDGE")
    try:
        return args.run(args)
    except BrokenPipeError:
        # the reader stopped early (`regiewijzer advise x | head`): no traceback, and none at exit when Python
        # flushes standard output again; the exit status of a command stopped by SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE

