"""Compares the advice of two knowledge bases over the practice cases and a seeded sample of situations.

Both bases are evaluated with plain-Python forward chaining (tests show it reaches the engine's conclusions), so two
bases live side by side in one process without durable_rules' global ruleset names."""
from dataclasses import dataclass, field, replace

from .domains import evaluate_in_python
from .model import DOMAIN_FACT
from .sample import SEED, sample_situations
from .situation import DOMAINS

SAMPLE_SIZE = 2000


@dataclass
class Change:
    """One change of the advice, e.g. ('verdict', 'role', 'marktsturing', 'regie') or ('warning', CODE, 'added')."""
    key: tuple
    count: int = 0
    cases: list = field(default_factory=list)        # ids of the practice cases that show it
    example: dict = None
    causes: set = field(default_factory=set)          # ids of added, removed or changed rules behind it


@dataclass
class Diff:
    old_version: str
    new_version: str
    situations: int
    cases: int
    seed: int
    rules: dict                                       # 'added' / 'removed' / 'changed' -> [rule ids]
    texts: dict                                       # 'items' / 'warnings' / 'facts' -> [ids whose text changed]
    changes: list

    @property
    def changed(self):
        return bool(self.changes or any(self.rules.values()) or any(self.texts.values()))


def rule_changes(old, new):
    """Rule ids added, removed, and changed (condition, requirements or conclusions) from `old` to `new`."""
    def meaning(rule):
        return repr((rule.when, rule.requires, rule.then, rule.otherwise, rule.priority))
    before, after = {r.id: meaning(r) for r in old.rules}, {r.id: meaning(r) for r in new.rules}
    return {"added": sorted(set(after) - set(before)), "removed": sorted(set(before) - set(after)),
            "changed": sorted(r for r in set(before) & set(after) if before[r] != after[r])}


def text_changes(old, new):
    """Ids of the items, practice cases, warnings and facts present in both whose texts differ."""
    def differ(a, b):
        return sorted(k for k in set(a) & set(b) if vars(a[k]) != vars(b[k]))
    return {"items": differ({**old.items, **old.examples}, {**new.items, **new.examples}),
            "warnings": differ(old.warnings, new.warnings), "facts": differ(old.facts, new.facts)}


def common_situation(situation, old, new):
    """The facts of `situation` that both vocabularies accept."""
    def accepts(fact, value):
        if fact is None:
            return False
        return all(fact.accepts_item(v) for v in value) if fact.type == "list" else fact.accepts_item(value)
    out = {f: v for f, v in situation.items() if accepts(old.facts.get(f), v) and accepts(new.facts.get(f), v)}
    # per-domain facts: kept where both vocabularies know the domain and the fact (a base without per-domain
    # facts evaluates them as the theme-wide ones)
    domains = {d: {f: v for f, v in own.items() if accepts(old.facts.get(f), v) and accepts(new.facts.get(f), v)}
               for d, own in situation.get(DOMAINS, {}).items()
               if all(DOMAIN_FACT in kb.facts and d in kb.facts[DOMAIN_FACT].values for kb in (old, new))}
    return {**out, DOMAINS: domains} if domains else out


def compare(old, new, sample_size=SAMPLE_SIZE, seed=SEED):
    """The Diff of the advice from knowledge base `old` to `new`."""
    cases = {e.id: e.situation for e in (*old.examples.values(), *new.examples.values())}
    # a fact per domain in either base is sampled per domain too
    shared = {f: replace(fact, per_domain=fact.per_domain or old.facts[f].per_domain)
              for f, fact in new.facts.items() if f in old.facts}
    situations = [(case_id, common_situation(s, old, new)) for case_id, s in cases.items()]
    situations += [(None, common_situation(s, old, new)) for s in sample_situations(shared, sample_size, seed)]
    rules = rule_changes(old, new)
    touched = {*rules["added"], *rules["removed"], *rules["changed"]}
    changes = {}
    for case_id, situation in situations:
        before, after = evaluate_in_python(old, situation), evaluate_in_python(new, situation)
        fired = touched & {*before.fired, *after.fired}
        for key in _differences(before, after):
            change = changes.setdefault(key, Change(key))
            change.count += 1
            change.example = change.example if change.example is not None else situation
            if case_id:
                change.cases.append(case_id)
            change.causes |= fired & (_concluders(key, old) | _concluders(key, new)) or fired
    for change in changes.values():
        change.example = _shrink(change.example, change.key, old, new)
    ordered = sorted(changes.values(), key=lambda c: (("verdict", "warning", "item").index(c.key[0]), -c.count))
    return Diff(old.version, new.version, len(situations), len(cases), seed, rules, text_changes(old, new), ordered)


def _differences(before, after):
    for fld, value in before.verdicts.items():
        if after.verdicts.get(fld) != value:
            yield ("verdict", fld, _hashable(value), _hashable(after.verdicts.get(fld)))
    for kind, was, now in (("warning", before.warnings, after.warnings), ("item", before.selected, after.selected)):
        for key in sorted(set(was) - set(now)):
            yield (kind, key, "removed")
        for key in sorted(set(now) - set(was)):
            yield (kind, key, "added")


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def _concluders(key, kb):
    """The rules of `kb` that conclude what `key` is about, and the rules deriving what those require."""
    return kb.with_prerequisites([r for r in kb.rules if r.concludes(key[0], key[1])])


def _shrink(situation, key, old, new):
    """A smaller example: each fact dropped in turn while the change `key` still shows."""
    example = dict(situation)
    for fact in sorted(situation):
        trial = {f: v for f, v in example.items() if f != fact}
        if key in set(_differences(evaluate_in_python(old, trial), evaluate_in_python(new, trial))):
            example = trial
    return example
