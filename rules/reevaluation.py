"""Incremental re-evaluation: what fires after some facts change, firing again only the rules that depend on them.

One mechanism for the question planner (each value of an unknown fact in turn) and for what-if (one or two
lever facts changed): the rules that cannot depend on the changed facts keep what they concluded. When no rule
whose condition changes derives a fact, nothing downstream can change either: only those rules start or stop
firing, and no chaining is needed (most changes the planner tries are of that kind).
"""
from dataclasses import dataclass
from functools import cached_property

from .chaining import chain
from .conditions import compile_conditions, facts_of


@dataclass
class Refired:
    """The rules that stopped and started firing after a change, and the deciding rules that fire then (listed
    only when asked: the planner needs them only when a verdict rule starts or stops firing)."""
    removed: set            # ids of rules that fired before and no longer do
    added: list             # ids of rules that fire now and did not before, in firing order
    kept: list              # ids of deciding rules that fired before, in order, unless they are `removed`
    firing: list            # ids of rules firing after the change, in order, whose deciding ones follow `kept`
    decisive: frozenset

    @cached_property
    def deciding(self):
        """The ids of the rules that decide a verdict or warn and fire after the change."""
        return [r for r in self.kept if r not in self.removed] + [r for r in self.firing if r in self.decisive]


class Baseline:
    """An outcome to compare changes against; what stays the same for a set of changed facts is kept per set."""

    def __init__(self, knowledge, facts, outcome, reevaluator):
        self.kb, self.facts, self.outcome = knowledge, facts, outcome
        self.fired = [r for r in outcome.fired if r in reevaluator.conditional_ids]
        self.fired_set = frozenset(self.fired)
        self.otherwise = [r for r in outcome.fired if r in reevaluator.otherwise_ids]
        self.deciding = [r for r in self.fired if r in reevaluator.decisive]
        self.deriving = [(r, reevaluator.derives[r]) for r in self.fired if reevaluator.derives[r]]
        self.derived = {n for _, names in self.deriving for n in names}
        self._kept = {}
        self._holding = {}
        self._held = {}

    def holding(self, key, rules, truths):
        """The ids of `rules` (those a change of the facts `key` can affect) whose conditions hold for the baseline
        facts (`truths`: whether each does, in one call), computed once per set."""
        holding = self._holding.get(key)
        if holding is None:
            holding = self._holding[key] = frozenset(r.id for r, held in zip(rules, truths(self.facts), strict=True)
                                                     if held)
        return holding

    def kept(self, affected):
        """For the rule ids `affected` by a change: (those of them that fired, the deciding rules among the
        others, and the facts the others derive)."""
        kept = self._kept.get(affected)
        if kept is None:
            kept = self._kept[affected] = (affected & self.fired_set, [r for r in self.deciding if r not in affected],
                                           {n for r, names in self.deriving if r not in affected for n in names})
        return kept

    def held(self, key, truths):
        """For a set of changed facts `key`: whether each rule reading one of them held (`truths`, see
        Reevaluator.affected), computed once per set."""
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = truths(self.facts)
        return held


class Reevaluator:
    """Knows, for every fact the rules read, which rules can depend on it (directly, or through derived facts)."""

    def __init__(self, knowledge):
        self.kb = knowledge
        self.conditional = [r for r in knowledge.rules if r.conditional]
        self.conditional_ids = frozenset(r.id for r in self.conditional)
        self.otherwise_ids = frozenset(r.id for r in knowledge.rules if r.otherwise is not None)
        read = {f for r in self.conditional for f in facts_of(r.when)}
        self._dependents = {fact_id: self._closure(fact_id) for fact_id in read}
        self._readers = {f: [r for r in self.conditional if f in facts_of(r.when)] for f in read}
        self.decisive = frozenset(r.id for r in knowledge.rules if r.decisive)
        self.derives = {r.id: r.then.derive for r in knowledge.rules}
        self._affected = {}
        for fact_id in read:        # the planner changes one fact at a time: compiled here, before any request
            self.affected([fact_id])

    def baseline(self, facts, outcome):
        return Baseline(self.kb, facts, outcome, self)

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
        """(ids, rules in knowledge order, their truths, readers, the readers' truths) of the rules that can depend
        on any of `fact_ids`: the readers are the rules that read one of the facts themselves; a truths function
        says in one call whether each condition holds for some facts."""
        key = frozenset(fact_ids)
        found = self._affected.get(key)
        if found is None:
            ids = frozenset().union(*(self.depends_on(f) for f in key))
            readers = [r for r in self.conditional if any(r in self._readers.get(f, ()) for f in key)]
            rules = [r for r in self.conditional if r.id in ids]
            found = self._affected[key] = (ids, rules, compile_conditions([r.when for r in rules]), readers,
                                           compile_conditions([r.when for r in readers]))
        return found

    def refire(self, baseline, changes):
        """What changes in the firing when the facts of `changes` (fact id -> value) take those values: the
        conditions that read a changed fact are evaluated again, the others hold as they did."""
        key = frozenset(changes)
        ids, rules, closure, readers, truths = self.affected(key)
        now, held = truths({**baseline.facts, **changes}), baseline.held(key, truths)
        flipped = [] if now == held else [r for r, after, before in zip(readers, now, held, strict=True)
                                          if after != before]
        if not any(rule.then.derive for rule in flipped):        # nothing downstream can change
            return self._flips(baseline, flipped)
        before, kept, derived = baseline.kept(ids)
        holding = baseline.holding(key, rules, closure).symmetric_difference(r.id for r in flipped)
        refired = chain([r for r in rules if r.id in holding], derived)
        removed = set(before.difference(refired))
        return Refired(removed, [r for r in refired if r not in before], kept, refired, self.decisive)

    def _flips(self, baseline, flipped):
        """The change when only the rules `flipped` (none of which derives) hold otherwise than before: a rule that
        fired stops; one whose requirements the baseline's derived facts meet starts."""
        removed, added = set(), []
        for rule in flipped:
            if rule.id in baseline.fired_set:
                removed.add(rule.id)
            elif baseline.derived.issuperset(rule.requires):
                added.append(rule.id)
        return Refired(removed, added, baseline.deciding, added, self.decisive)
