"""Behaviour scenarios kept beside the knowledge (knowledge/scenarios/*.yaml): a situation and what its advice
must show, each named by the behaviour. `regiewijzer check` runs them, and pytest collects them."""
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yamlfile
from .advice import verdicts
from .errors import Problem, RegiewijzerError

FOLDER = "scenarios"
VERDICTS = ("role", "stage", "next_stage", "scope", "focus", "scenario")
LISTS = {"warnings": "warning", "fired": "fired rule", "items": "item", "examples": "example"}
ABSENT = {"no_warnings": ("warnings", "warning"), "not_fired": ("fired", "fired rule"),
          "not_asked": ("questions", "question")}
EXPECTATIONS = {*VERDICTS, *LISTS, *ABSENT, "questions_first", "questions_order", "by_domain", "warning_domains"}


@dataclass
class Scenario:
    name: str
    file: str
    situation: dict
    lang: str
    expect: dict


def load_scenarios(root):
    """The scenarios under `root`/scenarios; a malformed file or entry is a Problem in the second list."""
    scenarios, problems = [], []
    for path in sorted((Path(root) / FOLDER).glob("*.yaml")):
        relative = f"{FOLDER}/{path.name}"
        try:
            data = yamlfile.load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(Problem(relative, "-", f"cannot be read as YAML: {exc}"))
            continue
        entries = data.get("scenarios") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            problems.append(Problem(relative, "-", "must be a mapping with a list under 'scenarios'"))
            continue
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                    or not isinstance(entry.get("expect"), dict) \
                    or set(entry) - {"name", "situation", "lang", "expect"}:
                problems.append(Problem(relative, str(entry.get("name", "-") if isinstance(entry, dict) else "-"),
                                        "a scenario is {name, situation, lang (optional), expect}"))
                continue
            unknown = set(entry["expect"]) - EXPECTATIONS
            if unknown:
                problems.append(Problem(relative, entry["name"], f"unknown expectation(s) {sorted(unknown)}; "
                                                                 f"allowed: {sorted(EXPECTATIONS)}"))
                continue
            scenarios.append(Scenario(entry["name"], relative, entry.get("situation") or {},
                                      entry.get("lang", "nl"), entry["expect"]))
    return scenarios, problems


def failures(advice, expect):
    """What the advice does not show of the expectations (an empty list when it shows everything)."""
    found = verdicts(advice)
    shown = {"warnings": [w["code"] for w in advice["warnings"]], "fired": [s["rule"] for s in advice["trace"]],
             "items": [i["id"] for part in item_lists(advice) for i in part],
             "examples": [e["id"] for e in advice["examples"]], "questions": advice["questions"]}
    out = [f"{name}: expected {expect[name]!r}, got {found[name]!r}"
           for name in VERDICTS if name in expect and found[name] != expect[name]]
    for key, what in LISTS.items():
        missing = [e for e in expect.get(key, []) if e not in shown[key]]
        if missing:
            out.append(f"{what}(s) {missing} missing; got {shown[key]}")
    for key, (listed, what) in ABSENT.items():
        present = [e for e in expect.get(key, []) if e in shown[listed]]
        if present:
            out.append(f"{what}(s) {present} present but not expected")
    positions = {d["domain"]: d["verdict"] for d in advice["role"]["by_domain"]}
    if "by_domain" in expect and positions != expect["by_domain"]:
        out.append(f"role by domain: expected {expect['by_domain']!r}, got {positions!r}")
    named = {w["code"]: w.get("domains") for w in advice["warnings"]}
    for code, domains in expect.get("warning_domains", {}).items():
        if named.get(code) != domains:
            out.append(f"warning {code} names domains {named.get(code)!r}, expected {domains!r}")
    first = expect.get("questions_first", [])
    if sorted(advice["questions"][:len(first)]) != sorted(first):
        out.append(f"first questions: expected {first}, got {advice['questions'][:len(first) + 2]}")
    order = expect.get("questions_order", [])
    asked = [q for q in advice["questions"] if q in order]
    if asked != order:
        out.append(f"questions in this order: expected {order}, asked {asked}")
    return out


def item_lists(advice):
    """Every list of advice items of an advice document."""
    for key in ("role", "coordination", "strategy", "procedure", "positioning", "context", "participants",
                "background"):
        yield advice[key]["items"]
    yield advice["dos"]
    yield advice["donts"]


def run_scenarios(advisor, root):
    """Problems: every scenario under `root` whose advice does not show what it expects, and malformed files."""
    scenarios, problems = load_scenarios(root)
    for scenario in scenarios:
        try:
            advice = advisor.advise(scenario.situation, scenario.lang)
        except RegiewijzerError as exc:     # e.g. a situation the vocabulary refuses: reported, not raised
            problems.append(Problem(scenario.file, scenario.name, f"the advice could not be made: {exc}"))
            continue
        problems += [Problem(scenario.file, scenario.name, failure) for failure in failures(advice, scenario.expect)]
    return problems
