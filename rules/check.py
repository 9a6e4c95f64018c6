"""Whole-knowledge checks beyond the loader's schema: reachability and conflicting verdicts (soundness), and what
the knowledge says it must show: content counts, training cases and behaviour scenarios."""
import itertools
import random

from .chaining import fire_rules
from .conditions import facts_of, holds, tests_of
from .domains import evaluate_in_python
from .errors import KnowledgeError, Problem
from .knowledge import DEFAULT_PATH, TRAINED_VERDICTS
from .layers import layer_rules
from .questions import candidate_values
from .scenarios import run_scenarios

MAX_COMBINATIONS = 100_000
SAMPLE_SIZE = 20_000


def check_knowledge(knowledge):
    """Problems of a loaded knowledge base (an empty list when it is sound)."""
    try:
        layer_rules(knowledge.rules)
    except KnowledgeError as exc:
        return exc.problems
    checker = _Checker(knowledge)
    return checker.unreachable() + checker.unused_warnings() + checker.conflicts() + checker.contradictions()


def check_all(advisor, root=None):
    """Every problem of an advisor's knowledge base: soundness, and what the knowledge says it must show (the
    content counts, the training cases, the behaviour scenarios under `root`). `regiewijzer check` and a reload
    run this; `regiewijzer diff` only needs soundness, because it shows what an edit changes."""
    knowledge = advisor.knowledge
    return (check_knowledge(knowledge) + content_counts(knowledge) + training_cases(knowledge)
            + run_scenarios(advisor, root or DEFAULT_PATH))


def content_counts(knowledge):
    """The counts of knowledge/counts.yaml that the items do not meet."""
    problems = []
    for count in knowledge.counts:
        found = sum(1 for item in knowledge.items.values() if item.kind in count.kinds
                    and item.source.document == count.document and count.section in (None, item.source.section))
        if not count.holds(found):
            wanted = f"{count.count}" if count.count is not None else f"at least {count.at_least}"
            place = f"{count.document} §{count.section}" if count.section else count.document
            problems.append(Problem("counts.yaml", count.what, f"{wanted} item(s) of kind {'/'.join(count.kinds)} "
                                                               f"citing {place} expected, {found} found"))
    return problems


def training_cases(knowledge):
    """Practice cases whose training situation does not decide what the case says it teaches, or decides a trained
    verdict the case does not teach (a trainee predicts all of them: what is not taught must stay open)."""
    problems = []
    for case in knowledge.examples.values():
        verdicts = evaluate_in_python(knowledge, case.training_situation).verdicts
        for fld, taught in case.teaches.items():
            if verdicts[fld] != taught:
                problems.append(Problem(case.file, case.id, f"teaches {fld} = {taught!r}, but the advice for its "
                                                            f"training_situation gives {verdicts[fld]!r}"))
        for fld in TRAINED_VERDICTS:
            if fld not in case.teaches and verdicts[fld] not in (knowledge.verdicts[fld].undecided, []):
                problems.append(Problem(case.file, case.id, f"the advice for its training_situation decides {fld} = "
                                                            f"{verdicts[fld]!r}, but the case does not teach {fld}"))
    return problems


class _Checker:
    def __init__(self, knowledge):
        self.kb = knowledge
        tests = [t for r in knowledge.rules for t in tests_of(r.when)]
        self.values = {}
        for fact in knowledge.facts.values():
            values = candidate_values(fact, [t for t in tests if t.fact == fact.id])
            if fact.type == "list" and values:  # a list holding every value meets any `contains` tests
                values.append(list(fact.values))
            self.values[fact.id] = [None, *values]
        self.possible = self._possible_rules()

    def _situations(self, fact_ids):
        """Every combination of values of `fact_ids` (unknown included), or a seeded sample if too many."""
        fact_ids = sorted(fact_ids)
        pools = [self.values[f] for f in fact_ids]
        total = 1
        for pool in pools:
            total *= len(pool)
        if total <= MAX_COMBINATIONS:
            combos = itertools.product(*pools)
        else:
            rng = random.Random(0)
            combos = (tuple(rng.choice(p) for p in pools) for _ in range(SAMPLE_SIZE))
        for combo in combos:
            yield {f: v for f, v in zip(fact_ids, combo, strict=True) if v is not None}

    def _satisfiable(self, cond):
        return any(holds(cond, s) for s in self._situations(facts_of(cond)))

    def _possible_rules(self):
        """Rules that can fire for some situation (each condition satisfiable, each requirement derivable)."""
        satisfiable = {r.id for r in self.kb.rules if not r.conditional or self._satisfiable(r.when)}
        possible, changed = set(), True
        while changed:
            changed = False
            for rule in self.kb.rules:
                derivable = all(any(d.id in possible for d in self.kb.derivers(n)) for n in rule.requires)
                if rule.id not in possible and rule.id in satisfiable and derivable:
                    possible.add(rule.id)
                    changed = True
        return possible

    def unreachable(self):
        problems = [Problem(r.file, r.id, "this rule can never fire: its condition or requirements cannot hold")
                    for r in self.kb.rules if r.id not in self.possible]
        selectable = {i for r in self.kb.rules if r.id in self.possible for i in r.then.select}
        for entry in (*self.kb.items.values(), *self.kb.examples.values()):
            if entry.id not in selectable:
                problems.append(Problem(entry.file, entry.id, "no rule can ever select this item"))
        return problems

    def unused_warnings(self):
        emitted = {c for r in self.kb.rules if r.id in self.possible for c in r.then.warn}
        return [Problem("warnings.yaml", code, "no rule can ever give this warning")
                for code in self.kb.warnings if code not in emitted]

    def contradictions(self):
        """Two items (or an item and a case) that the guidance sets against each other, selected together."""
        problems = []
        for item in self.kb.items.values():
            for other in item.contradicts:
                selectors = [self.kb.rule(r) for r in (*self.kb.selectors(item.id), *self.kb.selectors(other))]
                needed = self.kb.with_prerequisites(selectors)
                rules = [r for r in self.kb.rules if r.id in needed and r.conditional]
                fact_ids = {t.fact for r in rules for t in tests_of(r.when)}
                for situation in self._situations(fact_ids):
                    selected = {i for rid in fire_rules(rules, situation) for i in self.kb.rule(rid).then.select}
                    if item.id in selected and other in selected:
                        problems.append(Problem(item.file, item.id, f"is selected together with '{other}', which it "
                                                                    f"contradicts, for the situation {situation}"))
                        break
        return problems

    def conflicts(self):
        """Two rules that set one verdict field to different values for the same situation."""
        problems = []
        for verdict in self.kb.verdicts.values():
            setters = [r for r in self.kb.rules if verdict.field in r.then.set and r.conditional]
            if len(setters) < 2:
                continue
            needed = self.kb.with_prerequisites(setters)
            rules = [r for r in self.kb.rules if r.id in needed]
            fact_ids = {t.fact for r in rules for t in tests_of(r.when)}
            reported = set()
            for situation in self._situations(fact_ids):
                fired = set(fire_rules(rules, situation))
                values = {}
                for rule in setters:
                    if rule.id in fired:
                        values.setdefault(rule.then.set[verdict.field], rule)
                if len(values) > 1:
                    first, second = list(values.values())[:2]
                    key = (first.id, second.id)
                    if key not in reported:
                        reported.add(key)
                        problems.append(Problem(second.file, second.id,
                            f"sets {verdict.field}={second.then.set[verdict.field]!r} while rule '{first.id}' sets "
                            f"{first.then.set[verdict.field]!r} for the same situation {situation}"))
        return problems

