"""Incremental re-evaluation: what fires after some facts change, firing again only the rules that depend on them.

One mechanism for the question planner (each value of an unknown fact in turn) and for what-if (one or two
lever facts changed): the rules that cannot depend on the changed facts keep what they concluded.
"""
from dataclasses import dataclass

from .chaining import chain
from .conditions import facts_of


@dataclass
class Refired:
    """The rules that stopped and started firing after a change."""
    decisive: frozenset             # the ids of the rules that decide a verdict or warn
    removed: set            # ids of rules that fired before and no longer do
    added: list             # ids of rules that fire now and did not before, in firing order
    kept: list              # ids of the deciding rules that do not depend on the change (they keep firing)
    refired: list           # ids of the rules that depend on the change and fire after it

    @property
    def deciding(self):
        """The ids of the rules that decide a verdict or warn and fire after the change."""
        return self.kept + [r for r in self.refired if r in self.decisive]


class Baseline:
    """An outcome to compare changes against; what stays the same for a set of changed facts is kept per set."""

    def __init__(self, knowledge, facts, outcome):
        self.kb, self.facts, self.outcome = knowledge, facts, outcome
        self.fired = [r for r in outcome.fired if knowledge.rule(r).otherwise is None]
        self.otherwise = [r for r in outcome.fired if knowledge.rule(r).otherwise is not None]
        self._kept = {}
        self._held = None

    def held(self, rules):
        """The ids of the conditional rules whose condition holds for the baseline facts (computed once)."""
        if self._held is None:
            self._held = {r.id for r in rules if r.holds(self.facts)}
        return self._held

    def kept(self, affected, decisive, derives):
        """For the rule ids `affected` by a change: (those of them that fired, the deciding rules among the
        others, and the facts the others derive)."""
        kept = self._kept.get(affected)
        if kept is None:
            others = [r for r in self.fired if r not in affected]
            kept = self._kept[affected] = (affected.intersection(self.fired), [r for r in others if r in decisive],
                                           {n for r in others for n in derives[r]})
        return kept


class Reevaluator:
    """Knows, for every fact the rules read, which rules can depend on it (directly, or through derived facts)."""

    def __init__(self, knowledge):
        self.kb = knowledge
        self.conditional = [r for r in knowledge.rules if r.otherwise is None]
        read = {f for r in self.conditional for f in facts_of(r.when)}
        self._dependents = {fact_id: self._closure(fact_id) for fact_id in read}
        self._readers = {f: frozenset(r.id for r in self.conditional if f in facts_of(r.when)) for f in read}
        self.decisive = frozenset(r.id for r in knowledge.rules if r.decisive)
        self.derives = {r.id: r.then.derive for r in knowledge.rules}
        self._affected = {}

    def _closure(self, fact_id):
        """The rules reading `fact_id`, and the rules requiring what those derive, transitively."""
        found = {r.id for r in self.conditional if fact_id in facts_of(r.when)}
        derived = {n for r in self.conditional if r.id in found for n in r.then.derive}
        changed = True
        while changed:
            changed = False
            for rule in self.conditional:
                if rule.id not in found and derived.intersection(rule.requires):
                    found.add(rule.id)
                    derived.update(rule.then.derive)
                    changed = True
        return frozenset(found)

    def depends_on(self, fact_id):
        """The ids of the rules whose firing can depend on `fact_id` (empty when no rule reads it)."""
        return self._dependents.get(fact_id, frozenset())

    def affected(self, fact_ids):
        """(ids, rules in knowledge order, ids of the rules that read one of the facts themselves) of the rules
        that can depend on any of `fact_ids`."""
        key = frozenset(fact_ids)
        found = self._affected.get(key)
        if found is None:
            ids = frozenset().union(*(self.depends_on(f) for f in key))
            readers = frozenset().union(*(self._readers.get(f, frozenset()) for f in key))
            found = self._affected[key] = (ids, [r for r in self.conditional if r.id in ids], readers)
        return found

    def refire(self, baseline, changes):
        """What changes in the firing when the facts of `changes` (fact id -> value) take those values: the
        conditions that read a changed fact are evaluated again, the others hold as they did."""
        ids, rules, readers = self.affected(changes)
        before, kept, derived = baseline.kept(ids, self.decisive, self.derives)
        held, facts = baseline.held(self.conditional), {**baseline.facts, **changes}
        refired = chain([r for r in rules if (r.holds(facts) if r.id in readers else r.id in held)], derived)
        removed = set(before.difference(refired))
        added = [r for r in refired if r not in before]
        return Refired(self.decisive, removed, added, kept, refired)
