"""Ranks the unknown facts by how much their answer could still change the advice."""
from .conditions import tests_of, COMPARISONS
from .oracle import fire
from .outcome import conclude

# How much a change weighs. Deciding the role outweighs everything while it is open; a
# verdict that flips counts more than one that is merely filled in; then warnings, then items.
ROLE_DECIDED = 1000
VERDICT_FLIPPED = 40
VERDICT_DECIDED = 30
WARNING_CHANGED = 10
ITEMS_CHANGED_MAX = 9


class QuestionPlanner:
    def __init__(self, knowledge):
        self.kb = knowledge
        self.candidates = {}    # fact id -> the values worth trying
        tests = [t for r in knowledge.rules for t in tests_of(r.when)]
        for fact in knowledge.facts.values():
            values = self._values(fact, [t for t in tests if t.fact == fact.id])
            if values:
                self.candidates[fact.id] = values

    @staticmethod
    def _values(fact, tests):
        if not tests:
            return []
        if fact.type == "bool":
            return [True, False]
        if fact.type == "enum":
            return list(fact.values)
        if fact.type == "list":
            return [[v] for v in fact.values]
        points = {fact.minimum}
        for t in tests:
            for n in (t.value if t.op in ("in", "not_in") else [t.value]):
                if t.op in (*COMPARISONS, "eq", "in", "not_in"):
                    points.update({n - 1, n, n + 1})
        return sorted(p for p in points if fact.minimum <= p <= fact.maximum)

    def rank(self, facts, outcome):
        """[{fact, impact, changes}] for the unknown facts that could change the outcome, most first."""
        ranked = []
        for order, (fact_id, values) in enumerate(self.candidates.items()):
            if facts.get(fact_id) is not None:
                continue
            best, changes = 0, []
            for value in values:
                other = conclude(self.kb, fire(self.kb, {**facts, fact_id: value}))
                impact, changed = self._impact(outcome, other)
                best = max(best, impact)
                changes += [c for c in changed if c not in changes]
            if best:
                ranked.append((-best, order, {"fact": fact_id, "impact": best, "could_change": changes}))
        return [entry for *_, entry in sorted(ranked, key=lambda r: r[:2])]

    def _impact(self, before, after):
        impact, changed = 0, []
        for fld, value in before.verdicts.items():
            new = after.verdicts[fld]
            if new == value:
                continue
            changed.append(fld)
            undecided = self.kb.verdicts[fld].undecided
            if fld == "role" and value == undecided:
                impact += ROLE_DECIDED
            elif value in (undecided, []):
                impact += VERDICT_DECIDED
            else:
                impact += VERDICT_FLIPPED
        warnings = set(before.warnings) ^ set(after.warnings)
        impact += WARNING_CHANGED * len(warnings)
        changed += sorted(warnings)
        items = set(before.selected) ^ set(after.selected)
        impact += min(ITEMS_CHANGED_MAX, len(items))
        if items:
            changed.append("items")
        return impact, changed
