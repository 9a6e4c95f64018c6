"""Loads knowledge/*.yaml into a validated Knowledge object; every problem names file and id."""
import hashlib
import re
from pathlib import Path

import yaml

from . import yamlfile
from .conditions import ConditionParser, path_count, tests_of
from .errors import KnowledgeError, Problem, SituationError
from .model import (
    BESTUUR,
    CIRCUMSTANCE,
    DOMAIN_FACT,
    HIGHER_GOVERNMENT,
    LANGS,
    AdviceSection,
    AdviceWarning,
    Conclusions,
    Count,
    Document,
    Example,
    Fact,
    GlossaryTerm,
    Item,
    Knowledge,
    Layout,
    LeverException,
    Parameter,
    QuestionStage,
    Rule,
    Section,
    SourceRef,
    SummaryTexts,
    Verdict,
)
from .situation import validate_situation

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "knowledge"
FACT_TYPES = ("bool", "enum", "list", "int", "text")
ITEM_KINDS = ("definition", "instrument", "stage", "attention_point", "strategy_cell", "scenario",
              "role_in_scenario", "condition", "step", "criterion", "checklist", "contribution_reason",
              "task", "do", "dont", "tip", "lever", "pitfall", "note", "conditional", "next_step")
SUMMARY = "summary"         # the section of next steps: shown in the summary, not as a section
SEVERITIES = ("high", "medium", "low")
TRAINED_VERDICTS = ("role", "stage", "scope", "focus", "scenario")     # what a trainee predicts for a case
MAX_PATHS_PER_RULE = 60
# a fact id: what situations, conditions and the engine's facts name it by (`domains.<domain>.<fact>` and the
# engine's `derived:<name>` fields rely on it holding no dot or colon)
FACT_ID = re.compile(r"[a-z][a-z0-9_]*")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")         # {few_stakeholders} in an item text: a parameter's value


class _Loader:
    def __init__(self, root):
        self.root = Path(root)
        self.problems = []

    def problem(self, file, item, message):
        self.problems.append(Problem(file, item, message))

    def read(self, relative, top_key):
        return self.read_lists(relative, top_key)[top_key]

    def read_mapping(self, relative, keys):
        """The top-level mapping of a YAML file with exactly `keys` (empty, with a problem, when malformed)."""
        data = self.read_lists(relative, extra=keys)
        return {key: data[key] for key in keys}

    def read_lists(self, relative, *keys, extra=()):
        """The lists of mappings under `keys` of a YAML file (empty lists, with a problem, when malformed), and
        the values of the `extra` top-level keys (None when absent)."""
        empty = {**{key: [] for key in keys}, **dict.fromkeys(extra)}
        try:
            data = yamlfile.load((self.root / relative).read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem(relative, "-", "file is missing")
            return empty
        except OSError as exc:
            self.problem(relative, "-", f"cannot be read: {exc.strerror}")
            return empty
        except UnicodeDecodeError:
            self.problem(relative, "-", "not UTF-8 text")
            return empty
        except yamlfile.DuplicateKey as exc:
            self.problem(relative, f"line {exc.line}", f"key {exc.key!r} is given twice in one mapping "
                                                       f"(first on line {exc.first_line}); keep one")
            return empty
        except yaml.YAMLError as exc:
            self.problem(relative, "-", f"not valid YAML: {exc}")
            return empty
        if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in keys):
            self.problem(relative, "-", f"must be a mapping with a list under each of {list(keys)}")
            return empty
        unknown = set(data) - set(keys) - set(extra)
        if unknown:
            self.problem(relative, "-", f"unknown top-level key(s) {sorted(unknown)}")
        return {**{key: [e for e in data[key] if self.is_mapping(relative, e)] for key in keys},
                **{key: data.get(key) for key in extra}}

    def read_folder(self, folder, top_key):
        for path in sorted((self.root / folder).glob("*.yaml")):
            relative = f"{folder}/{path.name}"
            for entry in self.read(relative, top_key):
                yield relative, entry

    def is_mapping(self, file, entry):
        if not isinstance(entry, dict):
            self.problem(file, "-", f"each entry must be a mapping, not {entry!r}")
            return False
        return True

    def keys(self, file, entry, required, optional=()):
        ident = entry.get("id", entry.get("code", entry.get("field", "-")))
        missing = [k for k in required if k not in entry]
        unknown = [k for k in entry if k not in required and k not in optional]
        if missing:
            self.problem(file, ident, f"missing key(s) {missing}")
        if unknown:
            self.problem(file, ident, f"unknown key(s) {unknown}; allowed: {sorted((*required, *optional))}")
        return ident, not missing

    def text(self, file, ident, key, value, required=True):
        if value is None and not required:
            return None
        if not isinstance(value, dict) or any(not isinstance(value.get(l), str) or not value[l].strip()
                                              for l in LANGS) or set(value) - set(LANGS):
            self.problem(file, ident, f"'{key}' needs a non-empty text for each of {list(LANGS)} and nothing else")
            return dict.fromkeys(LANGS, "")
        return {l: value[l].strip() for l in LANGS}

    def unique(self, file, ident, seen, kind):
        """False, with a problem, when `ident` is already a key of `seen`."""
        if ident in seen:
            self.problem(file, ident, f"duplicate {kind} id")
            return False
        return True

    def source(self, file, ident, raw, documents):
        if not isinstance(raw, dict) or set(raw) - {"document", "section", "box"}:
            self.problem(file, ident, "'source' must be {document, section[, box]}")
            return None
        doc = documents.get(str(raw.get("document")))
        if doc is None:
            self.problem(file, ident, f"source document {raw.get('document')!r} is not in sources.yaml;"
                                      f" known: {sorted(documents)}")
            return None
        section = str(raw.get("section"))
        if section not in doc.sections:
            self.problem(file, ident, f"section {section!r} of document {doc.id} is not in sources.yaml;"
                                      f" known: {list(doc.sections)}")
            return None
        box = raw.get("box")
        return SourceRef(doc.id, section, str(box) if box is not None else None)


def load_knowledge(path=None):
    """Load and validate the knowledge base at `path`; raises KnowledgeError listing every problem."""
    ld = _Loader(path or DEFAULT_PATH)
    documents = _documents(ld)
    parameters = _parameters(ld, documents)
    groups, facts = _facts(ld, documents, parameters)
    verdicts = _verdicts(ld, documents)
    warnings = _warnings(ld, documents)
    layout = _layout(ld, documents)
    summary = _summary(ld, verdicts, facts)
    ids = {}
    domain_fact = facts.get(DOMAIN_FACT)
    items = _items(ld, documents, layout, parameters, ids, domain_fact.values if domain_fact else ())
    _check_covers(ld, warnings, items)
    examples = _examples(ld, documents, facts, verdicts, ids)
    _check_contradictions(ld, items, examples)
    rules = _rules(ld, documents, facts, parameters, verdicts, warnings, ids)
    counts = _counts(ld, documents)
    glossary = _glossary(ld, documents)
    question_order = _question_order(ld, documents, groups, facts)
    if ld.problems:
        raise KnowledgeError(ld.problems)
    return Knowledge(documents, parameters, groups, facts, verdicts, warnings, items, examples,
                     rules, counts, layout, summary, glossary, _version(ld.root), question_order)


def _version(root):
    digest = hashlib.sha256()
    for path in sorted(Path(root).rglob("*.yaml")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return "kb-" + digest.hexdigest()[:12]


def _documents(ld):
    documents = {}
    for entry in ld.read("sources.yaml", "documents"):
        ident, ok = ld.keys("sources.yaml", entry, ("id", "file", "title", "sections", "short"))
        if not ok:
            continue
        sections = {}
        for s in entry["sections"] or []:
            if not ld.is_mapping("sources.yaml", s):
                continue
            sid, sok = ld.keys("sources.yaml", s, ("id", "heading", "title"))
            if str(sid) in sections:
                ld.problem("sources.yaml", f"{ident} §{sid}", "duplicate section id")
            elif sok:
                sections[str(sid)] = Section(str(sid), s["heading"], ld.text("sources.yaml", sid, "title", s["title"]))
        title = ld.text("sources.yaml", ident, "title", entry["title"])
        documents[str(ident)] = Document(str(ident), entry["file"], title, sections,
                                         ld.text("sources.yaml", ident, "short", entry["short"]))
    return documents


def _parameters(ld, documents):
    out = {}
    for entry in ld.read("parameters.yaml", "parameters"):
        ident, ok = ld.keys("parameters.yaml", entry, ("id", "value", "note", "source"))
        if ok and ld.unique("parameters.yaml", ident, out, "parameter"):
            if isinstance(entry["value"], bool) or not isinstance(entry["value"], int):
                ld.problem("parameters.yaml", ident, "value must be a whole number")
            out[ident] = Parameter(ident, entry["value"], ld.text("parameters.yaml", ident, "note", entry["note"]),
                                   ld.source("parameters.yaml", ident, entry["source"], documents))
    return out


def _facts(ld, documents, parameters):
    file, facts, groups, exceptions = "facts.yaml", {}, [], {}
    lists = ld.read_lists(file, "groups", "facts")
    for entry in lists["groups"]:
        ident, ok = ld.keys(file, entry, ("id", "label"))
        if ok:
            groups.append({"id": ident, "label": ld.text(file, ident, "label", entry["label"])})
    group_ids = {g["id"] for g in groups}
    for entry in lists["facts"]:
        ident, ok = ld.keys(file, entry, ("id", "group", "label", "type", "question", "help", "source"),
                            ("values", "min", "max", "max_length", "lever", "lever_source", "lever_exceptions",
                             "per_domain"))
        if not ok or not ld.unique(file, ident, facts, "fact"):
            continue
        if not isinstance(ident, str) or not FACT_ID.fullmatch(ident):
            ld.problem(file, ident, "a fact id is lower-case letters, digits and '_', starting with a letter")
            continue
        ftype = entry["type"]
        if ftype not in FACT_TYPES:
            ld.problem(file, ident, f"type {ftype!r} is not one of {list(FACT_TYPES)}")
            continue
        if entry["group"] not in group_ids:
            ld.problem(file, ident, f"group {entry['group']!r} is not one of {sorted(group_ids)}")
        fact = Fact(ident, entry["group"], ftype, ld.text(file, ident, "label", entry["label"]),
                    ld.text(file, ident, "question", entry["question"]),
                    ld.text(file, ident, "help", entry["help"]), ld.source(file, ident, entry["source"], documents),
                    per_domain=entry.get("per_domain", False))
        fact.changed_by, fact.lever_source = _lever(ld, file, ident, entry, documents)
        exceptions[ident] = entry.get("lever_exceptions")
        if not isinstance(fact.per_domain, bool) or (fact.per_domain and ftype == "list"):
            ld.problem(file, ident, "per_domain is true or false, and a list fact cannot be given per domain")
        if ftype in ("enum", "list"):
            values = entry.get("values") or []
            fact.values = tuple(str(v.get("id")) for v in values if isinstance(v, dict))
            fact.labels = {str(v.get("id")): ld.text(file, ident, "label", v.get("label"))
                           for v in values if isinstance(v, dict)}
            if not fact.values or len(set(fact.values)) != len(values):
                ld.problem(file, ident, "needs a list of values, each {id, label}, ids unique")
        elif ftype == "int":
            fact.minimum, fact.maximum = entry.get("min"), entry.get("max")
            if not isinstance(fact.minimum, int) or not isinstance(fact.maximum, int) or fact.minimum > fact.maximum:
                ld.problem(file, ident, "an int fact needs whole numbers min <= max")
        elif ftype == "text":
            fact.max_length = entry.get("max_length", 200)
        facts[ident] = fact
    parser = ConditionParser(facts, parameters)
    for ident, raw in exceptions.items():
        facts[ident].lever_exceptions = _lever_exceptions(ld, file, facts[ident], raw, parser, documents)
    return groups, facts


LEVERS = {True: BESTUUR, False: CIRCUMSTANCE, HIGHER_GOVERNMENT: HIGHER_GOVERNMENT}   # facts.yaml `lever` -> who


def _changer(ld, file, ident, raw):
    if isinstance(raw, (bool, str)) and raw in LEVERS:
        return LEVERS[raw]
    ld.problem(file, ident, f"'lever' is true (the bestuur can change it), false (a circumstance) or "
                            f"{HIGHER_GOVERNMENT} (only a higher government can change it), not {raw!r}")
    return CIRCUMSTANCE


def _lever(ld, file, ident, entry, documents):
    """Who can change a fact, and the passage that says so (`lever_source`, required for a higher government)."""
    changed_by = _changer(ld, file, ident, entry.get("lever", False))
    if "lever_source" in entry:
        return changed_by, ld.source(file, ident, entry["lever_source"], documents)
    if changed_by == HIGHER_GOVERNMENT:
        ld.problem(file, ident, f"'lever: {HIGHER_GOVERNMENT}' needs a 'lever_source': the passage on what to ask of "
                                "the higher government")
    return changed_by, None


def _lever_exceptions(ld, file, fact, raw, parser, documents):
    """The situations in which (some values of) a fact are changed by someone else than `lever` says."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        ld.problem(file, fact.id, "'lever_exceptions' takes a list of {values, when, lever, source}")
        return ()
    allowed = [True, False] if fact.type == "bool" else list(fact.values)
    out = []
    for number, entry in enumerate(raw, start=1):
        where = f"{fact.id} lever_exceptions[{number}]"
        if not isinstance(entry, dict) or set(entry) - {"values", "when", "lever", "source"} \
                or not {"when", "lever", "source"} <= set(entry):
            ld.problem(file, where, "an exception is {values (optional), when, lever, source}")
            continue
        values = entry.get("values") or []
        if not isinstance(values, list) or any(v not in allowed or isinstance(v, bool) != (fact.type == "bool")
                                               for v in values):
            ld.problem(file, where, f"'values' takes a list of values of {fact.id}: {allowed}")
            continue
        messages = []
        when = parser.parse(entry["when"], messages)
        if entry["when"] is None:
            messages.append("'when' needs a condition: the situation in which the exception holds")
        for message in messages:
            ld.problem(file, where, message)
        out.append(LeverException(tuple(values), when, _changer(ld, file, where, entry["lever"]),
                                  ld.source(file, where, entry["source"], documents)))
    return tuple(out)


def _question_order(ld, documents, groups, facts):
    """The stages of questions.yaml, each with its facts: those it lists by id, and the others of its groups."""
    file, stages, by_group, by_fact = "questions.yaml", [], {}, {}
    group_ids = [g["id"] for g in groups]
    for entry in ld.read(file, "question_order"):
        ident, ok = ld.keys(file, entry, ("id", "label", "source"), ("groups", "facts"))
        if not ok or not ld.unique(file, ident, {s.id: s for s in stages}, "stage"):
            continue
        for key, known, placed in (("groups", group_ids, by_group), ("facts", facts, by_fact)):
            names = entry.get(key) or []
            if not isinstance(names, list):
                ld.problem(file, ident, f"'{key}' takes a list of {key[:-1]} ids")
                continue
            for name in names:
                if name not in known:
                    ld.problem(file, ident, f"{key[:-1]} {name!r} is not in facts.yaml; known: {sorted(known)}")
                elif name in placed:
                    ld.problem(file, ident, f"{key[:-1]} {name!r} is already asked in stage {placed[name]!r}")
                else:
                    placed[name] = ident
        stages.append(QuestionStage(ident, ld.text(file, ident, "label", entry["label"]),
                                    ld.source(file, ident, entry["source"], documents), ()))
    for group in group_ids:
        if group not in by_group:
            ld.problem(file, group, "the group is in no stage of question_order: say where its facts are asked")
    for stage in stages:
        stage.facts = tuple(f.id for f in facts.values() if by_fact.get(f.id, by_group.get(f.group)) == stage.id)
    return stages


def _verdicts(ld, documents):
    file, out = "verdicts.yaml", {}
    for entry in ld.read(file, "verdicts"):
        ident, ok = ld.keys(file, entry, ("field", "section", "label", "values", "source"), ("undecided", "many"))
        if not ok:
            continue
        raw_values = [v for v in entry["values"] or []
                      if ld.is_mapping(file, v) and ld.keys(file, v, ("id", "label"), ("diagram",))[1]]
        values = tuple(v["id"] for v in raw_values)
        labels = {v["id"]: ld.text(file, ident, "label", v["label"]) for v in raw_values}
        diagrams = {v["id"]: _diagram(ld, file, ident, v["diagram"]) for v in raw_values if "diagram" in v}
        out[ident] = Verdict(ident, entry["section"], ld.text(file, ident, "label", entry["label"]), values, labels,
                             ld.source(file, ident, entry["source"], documents), entry.get("undecided"),
                             bool(entry.get("many", False)), diagrams)
    return out


def _diagram(ld, file, ident, rows):
    """A value's diagram: rows of group labels, drawn top to bottom."""
    if not isinstance(rows, list) or not rows or not all(isinstance(row, list) and row for row in rows):
        ld.problem(file, ident, "'diagram' must be a non-empty list of non-empty rows of {nl, en} labels")
        return ()
    return tuple(tuple(ld.text(file, ident, "diagram", label) for label in row) for row in rows)


def _glossary(ld, documents):
    file, out = "glossary.yaml", {}
    for entry in ld.read(file, "terms"):
        ident, ok = ld.keys(file, entry, ("id", "term", "text", "source"))
        if ok and ld.unique(file, ident, out, "term"):
            out[ident] = GlossaryTerm(ident, ld.text(file, ident, "term", entry["term"]),
                                      ld.text(file, ident, "text", entry["text"]),
                                      ld.source(file, ident, entry["source"], documents))
    return out


def _counts(ld, documents):
    file, out = "counts.yaml", []
    for entry in ld.read(file, "counts"):
        _, ok = ld.keys(file, entry, ("what", "kinds", "source"), ("count", "at_least"))
        ident = entry.get("what", "-")
        if not ok:
            continue
        kinds = entry["kinds"]
        if not isinstance(kinds, list) or not kinds or any(k not in ITEM_KINDS for k in kinds):
            ld.problem(file, ident, f"'kinds' takes a list of item kinds: {list(ITEM_KINDS)}")
            continue
        bounds = [entry.get(k) for k in ("count", "at_least")]
        given = [b for b in bounds if b is not None]
        if len(given) != 1 or isinstance(given[0], bool) or not isinstance(given[0], int) or given[0] < 0:
            ld.problem(file, ident, "give exactly one of 'count' or 'at_least', a whole number")
            continue
        raw = entry["source"]
        whole = isinstance(raw, dict) and "section" not in raw and raw.get("document") in documents
        source = None if whole else ld.source(file, ident, raw, documents)
        if source is None and not whole:
            continue
        out.append(Count(str(ident), tuple(kinds), str(raw["document"]), None if whole else source.section, *bounds))
    return out


def _warnings(ld, documents):
    file, out = "warnings.yaml", {}
    for entry in ld.read(file, "warnings"):
        code, ok = ld.keys(file, entry, ("code", "severity", "title", "text", "source", "summary"), ("covers",))
        if not ok or not ld.unique(file, code, out, "warning"):
            continue
        if entry["severity"] not in SEVERITIES:
            ld.problem(file, code, f"severity must be one of {list(SEVERITIES)}")
        covers = entry.get("covers") or []
        if not isinstance(covers, list) or not all(isinstance(i, str) for i in covers):
            ld.problem(file, code, "'covers' takes a list of item ids")
            covers = []
        out[code] = AdviceWarning(code, entry["severity"], ld.text(file, code, "title", entry["title"]),
                                  ld.text(file, code, "text", entry["text"]),
                                  ld.source(file, code, entry["source"], documents),
                                  ld.text(file, code, "summary", entry["summary"]), tuple(covers))
    return out


def _check_covers(ld, warnings, items):
    for warning in warnings.values():
        for item_id in warning.covers:
            if item_id not in items:
                ld.problem("warnings.yaml", warning.code, f"covers '{item_id}', which is no item id")


SUMMARY_VALUES = {"role": "role", "strategy": "scope", "focus": "focus", "procedure": "scenario"}
SUMMARY_NAMES = ("role", "coordination", "strategy", "strategy_scope", "procedure")   # strategy_scope: focus known
SUMMARY_TEMPLATES = ("coordination", "coordination_held", "coordination_top", "open", "open_without_question",
                     "domain_question", "domain_warning")
PER_DOMAIN_TEMPLATES = ("domain_question", "domain_warning")


def _summary(ld, verdicts, facts):
    """The words of the summary: a line per decided value of role, scope, focus and scenario, and the templates."""
    file = "summary.yaml"
    data = ld.read_mapping(file, ("limits", "lines"))
    limits = data.get("limits") or {}
    if not isinstance(limits, dict) or set(limits) != {"lines", "warnings", "next_steps"} \
            or not all(_whole(v) and v >= 1 for v in limits.values()):
        ld.problem(file, "limits", "'limits' takes whole numbers (1 or more) for lines, warnings and next_steps")
        limits = {"lines": 8, "warnings": 2, "next_steps": 3}
    raw = data.get("lines") if isinstance(data.get("lines"), dict) else {}
    lines = {}
    for key, fld in SUMMARY_VALUES.items():
        verdict, given = verdicts.get(fld), raw.get(key) if isinstance(raw.get(key), dict) else {}
        decided = [v for v in (verdict.values if verdict else ()) if v != verdict.undecided]
        missing = [v for v in decided if v not in given]
        if missing or set(given) - set(decided):
            ld.problem(file, key, f"needs a line for each decided value of {fld}: {decided}")
        lines[key] = {v: ld.text(file, f"{key}.{v}", "line", given.get(v)) for v in decided}
    for key in SUMMARY_TEMPLATES:
        # a question or warning per policy domain is worded only where the vocabulary has per-domain facts
        needed = key not in PER_DOMAIN_TEMPLATES or any(f.per_domain for f in facts.values())
        lines[key] = ld.text(file, key, "line", raw.get(key), required=needed)
    names = raw.get("names") if isinstance(raw.get("names"), dict) else {}
    if set(names) != {*SUMMARY_NAMES, "and"}:
        ld.problem(file, "names", f"'names' gives the words for {[*SUMMARY_NAMES, 'and']}")
    lines["names"] = {key: ld.text(file, f"names.{key}", "name", names.get(key)) for key in (*SUMMARY_NAMES, "and")}
    unknown = set(raw) - set(SUMMARY_VALUES) - set(SUMMARY_TEMPLATES) - {"names"}
    if unknown:
        ld.problem(file, "lines", f"unknown line(s) {sorted(unknown)}")
    return SummaryTexts(limits, lines)


def _layout(ld, documents):
    file = "sections.yaml"
    numbered = ("examples_focused", "focused_items", "domain_items_focused", "domain_references_focused")
    lists = ld.read_lists(file, "parts", "sections", extra=numbered)
    parts = {}
    for entry in lists["parts"]:
        ident, ok = ld.keys(file, entry, ("id", "source"))
        if ok and ld.unique(file, ident, parts, "part"):
            parts[ident] = ld.source(file, ident, entry["source"], documents)
    sections = {}
    for entry in lists["sections"]:
        ident, ok = ld.keys(file, entry, ("id", "part", "focused"))
        if not ok or not ld.unique(file, ident, sections, "section"):
            continue
        if entry["part"] not in parts:
            ld.problem(file, ident, f"part {entry['part']!r} is not one of {list(parts)}")
        if not _whole(entry["focused"]):
            ld.problem(file, ident, "'focused' takes a whole number of items (0 or more)")
            continue
        sections[ident] = AdviceSection(ident, entry["part"], entry["focused"])
    numbers = {key: lists.get(key) for key in numbered}
    for key, value in numbers.items():
        if not _whole(value):
            ld.problem(file, key, f"'{key}' takes a whole number")
            numbers[key] = 0
    shown = sum(s.focused for s in sections.values()) + numbers["examples_focused"]
    if shown > numbers["focused_items"]:
        ld.problem(file, "focused_items", f"the sections and practice cases show {shown} items in a focused answer, "
                                          f"more than focused_items = {numbers['focused_items']}")
    return Layout(parts, sections, numbers["examples_focused"], numbers["focused_items"],
                  numbers["domain_items_focused"], numbers["domain_references_focused"])


def _whole(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _items(ld, documents, layout, parameters, ids, domain_values):
    out = {}
    for file, entry in ld.read_folder("items", "items"):
        ident, ok = ld.keys(file, entry, ("id", "kind", "section", "text", "source"),
                            ("title", "inference", "contradicts", "domains", "dated"))
        if not ok or not ld.unique(file, ident, ids, "item"):
            continue
        ids[ident] = file
        if entry["kind"] not in ITEM_KINDS:
            ld.problem(file, ident, f"kind {entry['kind']!r} is not one of {list(ITEM_KINDS)}")
        if entry["section"] not in (*layout.sections, SUMMARY):
            ld.problem(file, ident, f"section {entry['section']!r} is not one of {[*layout.sections, SUMMARY]}")
        contradicts = entry.get("contradicts") or []
        if not isinstance(contradicts, list) or not all(isinstance(i, str) for i in contradicts):
            ld.problem(file, ident, "'contradicts' takes a list of item or practice case ids")
            contradicts = []
        domains = entry.get("domains") or []
        if not isinstance(domains, list) or not all(d in domain_values for d in domains):
            ld.problem(file, ident, f"'domains' takes a list of policy domains: {list(domain_values)}")
            domains = []
        dated = entry.get("dated")
        if dated is not None and not (_whole(dated) and 1900 <= dated <= 2100):
            ld.problem(file, ident, "'dated' is the year of the guidance the text describes, e.g. 2011")
            dated = None
        text = _parameters_in(ld, file, ident, ld.text(file, ident, "text", entry["text"]), parameters)
        out[ident] = Item(ident, entry["kind"], entry["section"], text,
                          ld.source(file, ident, entry["source"], documents), file,
                          ld.text(file, ident, "title", entry.get("title"), required=False),
                          _parameters_in(ld, file, ident, ld.text(file, ident, "inference", entry.get("inference"),
                                                                  required=False), parameters),
                          tuple(contradicts), tuple(domains), dated)
    return out


def _parameters_in(ld, file, ident, texts, parameters):
    """The texts ({nl, en}, or None) with the parameters' values in place of their names."""
    if texts is None:
        return None
    return {lang: _with_parameters(ld, file, ident, text, parameters) for lang, text in texts.items()}


def _with_parameters(ld, file, ident, text, parameters):
    """An item text with each {parameter} replaced by the value of that named threshold (parameters.yaml), so that
    a text that names a threshold follows it when an editor changes it."""
    for name in PLACEHOLDER.findall(text):
        if name not in parameters:
            ld.problem(file, ident, f"the text names {{{name}}}, which is not a parameter of parameters.yaml; "
                                    f"known: {sorted(parameters)}")
        else:
            text = text.replace(f"{{{name}}}", str(parameters[name].value))
    return text


def _check_contradictions(ld, items, examples):
    for item in items.values():
        for other in item.contradicts:
            if other not in items and other not in examples:
                ld.problem(item.file, item.id, f"contradicts '{other}', which is no item or practice case id")


def _examples(ld, documents, facts, verdicts, ids):
    out, aliases = {}, {}
    for file, entry in ld.read_folder("examples", "examples"):
        ident, ok = ld.keys(file, entry, ("id", "place", "title", "text", "lesson", "source", "situation",
                                          "training_situation", "teaches"), ("assumptions", "see_also", "aliases"))
        if not ok or not ld.unique(file, ident, ids, "item"):
            continue
        ids[ident] = file
        situation, training = (_case_situation(ld, file, ident, key, entry.get(key), facts)
                               for key in ("situation", "training_situation"))
        see_also = entry.get("see_also") or []
        if not isinstance(see_also, list):
            ld.problem(file, ident, "'see_also' takes a list of sources {document, section[, box]}")
            see_also = []
        names = entry.get("aliases") or []
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            ld.problem(file, ident, "'aliases' takes a list of former case ids")
            names = []
        for name in names:
            if name in aliases:
                ld.problem(file, ident, f"alias {name!r} is already an alias of {aliases[name]}")
            aliases[name] = ident
        out[ident] = Example(ident, str(entry["place"]), ld.text(file, ident, "title", entry["title"]),
                             ld.text(file, ident, "text", entry["text"]),
                             ld.text(file, ident, "lesson", entry["lesson"]),
                             ld.source(file, ident, entry["source"], documents), situation, file, training,
                             ld.text(file, ident, "assumptions", entry.get("assumptions"), required=False),
                             _teaches(ld, file, ident, entry.get("teaches"), verdicts),
                             tuple(ld.source(file, ident, s, documents) for s in see_also), tuple(names))
    for name, ident in aliases.items():
        if name in ids:
            ld.problem(out[ident].file, ident, f"alias {name!r} is already the id of an item or case")
    return out


def _case_situation(ld, file, ident, key, raw, facts):
    try:
        return validate_situation(raw, facts, prefix=key)
    except SituationError as exc:
        ld.problem(file, ident, f"{key}: {exc} (field {exc.field})")
        return {}


def _teaches(ld, file, ident, raw, verdicts):
    """The verdicts a case teaches: field -> a decided value (for focus a non-empty list)."""
    if not isinstance(raw, dict) or not raw:
        ld.problem(file, ident, f"'teaches' maps one or more of the verdict fields {list(TRAINED_VERDICTS)} "
                                "to the value taught")
        return {}
    out = {}
    for fld, value in raw.items():
        verdict = verdicts.get(fld)
        values = value if isinstance(value, list) else [value]
        decided = [v for v in (verdict.values if verdict else ()) if v != verdict.undecided]
        if fld not in TRAINED_VERDICTS or verdict is None or verdict.many != isinstance(value, list) \
                or not values or any(v not in decided for v in values):
            ld.problem(file, ident, f"teaches {fld}: {value!r} is not a decided value of a trained verdict; "
                                    + "; ".join(f"{f}: {[v for v in verdicts[f].values if v != verdicts[f].undecided]}"
                                                f"{' (a list)' if verdicts[f].many else ''}"
                                                for f in TRAINED_VERDICTS if f in verdicts))
            continue
        out[fld] = value
    return out


def _rules(ld, documents, facts, parameters, verdicts, warnings, ids):
    parser, rules, seen = ConditionParser(facts, parameters), [], {}
    raw_rules = list(ld.read_folder("rules", "rules"))
    # a `mixed` rule is decided after the others (rules/outcome.py): what it derives no other rule can require
    derivable = {d for _, e in raw_rules
                 if isinstance(e.get("then"), dict) and isinstance(e["then"].get("derive"), list) and "mixed" not in e
                 for d in e["then"]["derive"]}
    for file, entry in raw_rules:
        ident, ok = ld.keys(file, entry, ("id", "source", "then"),
                            ("when", "requires", "priority", "otherwise", "mixed"))
        if not ok or not ld.unique(file, ident, seen, "rule"):
            continue
        seen[ident] = file
        messages = []
        when = parser.parse(entry.get("when"), messages)
        requires = entry.get("requires") or []
        if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
            messages.append("'requires' takes a list of derived fact names")
            requires = ()
        requires = tuple(requires)
        messages += [f"requires '{r}', which no rule derives before the verdicts are decided (a mixed rule's own "
                     "conclusions come last: let it select what it needs)" for r in requires if r not in derivable]
        if path_count(when) > MAX_PATHS_PER_RULE:
            messages.append(f"condition has {path_count(when)} alternative paths; at most {MAX_PATHS_PER_RULE}")
        then = _conclusions(entry["then"], verdicts, warnings, ids, messages)
        otherwise = entry.get("otherwise")
        if otherwise is not None and (otherwise not in verdicts or "when" in entry or requires):
            messages.append(f"'otherwise' names a verdict field ({sorted(verdicts)}) and stands without when/requires")
        mixed = entry.get("mixed")
        if mixed is not None and (mixed not in verdicts or verdicts[mixed].many or "when" in entry or requires
                                  or otherwise is not None):
            messages.append(f"'mixed' names a verdict field with one value ({sorted(verdicts)}) and stands without "
                            "when/requires/otherwise")
        priority = entry.get("priority", len(requires) + len(tests_of(when)))
        if isinstance(priority, bool) or not isinstance(priority, int):
            messages.append("priority must be a whole number")
        for message in messages:
            ld.problem(file, ident, message)
        rules.append(Rule(ident, when, requires, then, ld.source(file, ident, entry["source"], documents),
                          file, priority, otherwise, mixed))
    return rules


def _conclusions(raw, verdicts, warnings, ids, messages):
    mappings, lists = ("set", "add"), ("warn", "derive", "select")
    if not isinstance(raw, dict) or set(raw) - {*mappings, *lists} or not raw:
        messages.append(f"'then' must be a non-empty mapping with keys from {[*mappings, *lists]}")
        return Conclusions()
    bad = [k for k in mappings if not isinstance(raw.get(k) or {}, dict)]
    bad += [k for k in lists
            if not isinstance(raw.get(k) or [], list) or not all(isinstance(v, str) for v in raw.get(k) or [])]
    if bad:
        messages.append(f"in 'then', {bad} must be {{field: value}} (set, add) "
                        "or a list of names (warn, derive, select)")
        return Conclusions()
    out = Conclusions(dict(raw.get("set") or {}), dict(raw.get("add") or {}), tuple(raw.get("warn") or ()),
                      tuple(raw.get("derive") or ()), tuple(raw.get("select") or ()))
    for fld, value in (*out.set.items(), *out.add.items()):
        verdict = verdicts.get(fld)
        many = fld in out.add
        if verdict is None or verdict.many != many or value not in verdict.values:
            messages.append(f"cannot {'add' if many else 'set'} {fld} = {value!r}; verdict fields: "
                            + ", ".join(f"{v.field} {list(v.values)}{' (add)' if v.many else ''}"
                                        for v in verdicts.values()))
    messages += [f"warning code '{c}' is not in warnings.yaml" for c in out.warn if c not in warnings]
    messages += [f"selects '{i}', which is no item or example id" for i in out.select if i not in ids]
    return out
