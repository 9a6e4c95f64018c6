"""Ranks the unknown facts by how much their answer could still change the advice."""
from .conditions import COMPARISONS, tests_of
from .outcome import decide

# How much a change weighs. Deciding the role outweighs everything while it is open; a
# verdict that flips counts more than one that is merely filled in; then warnings, then items.
ROLE_DECIDED = 1000
VERDICT_FLIPPED = 40
VERDICT_DECIDED = 30
WARNING_CHANGED = 10
ITEMS_CHANGED_MAX = 9


class QuestionPlanner:
    def __init__(self, knowledge, reevaluator):
        self.kb, self.reevaluator = knowledge, reevaluator
        self.candidates = {}    # fact id -> the values worth trying
        self._deciders = frozenset(r.id for r in knowledge.rules if knowledge.decides(r.id))
        self._warns = {r.id: r.then.warn for r in knowledge.rules}
        self._selects = {r.id: r.then.select for r in knowledge.rules}
        tests = [t for r in knowledge.rules for t in tests_of(r.when)]
        for fact in knowledge.facts.values():
            values = candidate_values(fact, [t for t in tests if t.fact == fact.id])
            if values:
                self.candidates[fact.id] = values

    def changes(self, facts, outcome, fact_id, value):
        """(verdict fields, warning codes, item ids) that change when `fact_id` takes `value`."""
        return self._changes(self.reevaluator.baseline(facts, outcome), fact_id, value)

    def _changes(self, baseline, fact_id, value):
        """Only the rules depending on the fact are evaluated again,
        and the verdicts are decided anew only when a verdict rule starts or stops firing."""
        refired = self.reevaluator.refire(baseline, {fact_id: value})
        removed, added = refired.removed, list(refired.added)
        if not removed and not added:
            return [], set(), set()
        fields = []
        if not self._deciders.isdisjoint(removed) or not self._deciders.isdisjoint(added):
            verdicts, otherwise = decide(self.kb, refired.deciding)
            fields = [f for f, v in baseline.outcome.verdicts.items() if verdicts[f] != v]
            removed.update(r for r in baseline.otherwise if r not in otherwise)
            added += [r for r in otherwise if r not in baseline.otherwise]
        return (fields, _toggled(baseline.outcome.warnings, removed, added, self._warns),
                _toggled(baseline.outcome.selected, removed, added, self._selects))

    def rank(self, facts, outcome):
        """[{fact, impact, could_change}] for the unknown facts that could change the outcome, most first."""
        baseline = self.reevaluator.baseline(facts, outcome)
        ranked = []
        for order, (fact_id, values) in enumerate(self.candidates.items()):
            if facts.get(fact_id) is not None:
                continue
            best, changed = 0, []
            for value in values:
                fields, warnings, items = self._changes(baseline, fact_id, value)
                best = max(best, self._impact(outcome, fields, warnings, items))
                for name in (*fields, *sorted(warnings), *(["items"] if items else [])):
                    if name not in changed:
                        changed.append(name)
            if best:
                ranked.append((-best, order, {"fact": fact_id, "impact": best, "could_change": changed}))
        return [entry for *_, entry in sorted(ranked, key=lambda r: r[:2])]

    def _impact(self, outcome, fields, warnings, items):
        impact = WARNING_CHANGED * len(warnings) + min(ITEMS_CHANGED_MAX, len(items))
        for fld in fields:
            undecided = self.kb.verdicts[fld].undecided
            if fld == "role" and outcome.verdicts[fld] == undecided:
                impact += ROLE_DECIDED
            elif outcome.verdicts[fld] in (undecided, []):
                impact += VERDICT_DECIDED
            else:
                impact += VERDICT_FLIPPED
        return impact


def _toggled(given, removed, added, keys_of):
    """Keys of `given` (key -> rules giving it) whose rules are all `removed`, plus keys that rules `added` give
    newly; `keys_of`: rule id -> the keys it gives."""
    new = {key for r in added for key in keys_of[r]}
    gone = {key for r in removed for key in keys_of[r] if key not in new and removed.issuperset(given[key])}
    return gone | {key for key in new if key not in given}


def candidate_values(fact, tests):
    """The values of a fact worth trying: all choices, or the numbers around each threshold."""
    if not tests:
        return []
    if fact.type == "bool":
        return [True, False]
    if fact.type == "enum":
        return list(fact.values)
    if fact.type == "list":
        return [[v] for v in fact.values]
    points = {fact.minimum}
    for test in tests:
        if test.op in (*COMPARISONS, "eq", "in", "not_in"):
            for n in (test.value if test.op in ("in", "not_in") else [test.value]):
                points.update({n - 1, n, n + 1})
    return sorted(p for p in points if fact.minimum <= p <= fact.maximum)
