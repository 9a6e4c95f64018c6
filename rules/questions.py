"""Ranks the unknown facts that could still change the advice: in the order a trainer asks them (the stages of
knowledge/questions.yaml), and within a stage by how much an answer could change verdicts and warnings."""
from .conditions import COMPARISONS, holds, tests_of
from .domains import per_domain, question_id, whole
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
        self._weighed = {}      # fact id -> the candidates that differ in what the rules' tests say (see distinct)
        self._deciders = frozenset(r.id for r in knowledge.rules if knowledge.decides(r.id))
        self._warns = {r.id: r.then.warn for r in knowledge.rules}
        self._warners = frozenset(r for r, codes in self._warns.items() if codes)
        self._selects = {r.id: r.then.select for r in knowledge.rules}
        tests = [t for r in knowledge.rules for t in tests_of(r.when)]
        for fact in knowledge.facts.values():
            own = [t for t in tests if t.fact == fact.id]
            values = candidate_values(fact, own)
            if values:
                self.candidates[fact.id] = values
                self._weighed[fact.id] = distinct(fact.id, values, own)

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
        warned = not (self._warners.isdisjoint(removed) and self._warners.isdisjoint(added))
        return (fields, _toggled(baseline.outcome.warnings, removed, added, self._warns) if warned else set(),
                _toggled(baseline.outcome.selected, removed, added, self._selects))

    def rank(self, facts, outcome):
        """[{fact, impact, could_change}] for the unknown facts that could change the outcome: stage by stage, and
        within a stage the fact whose answer changes verdicts and warnings most first (then facts.yaml order). When
        the theme touches two or more policy domains, a per-domain fact is asked per domain where it is open
        (`domains.<domain>.<fact>`, with `domain` and `domain_fact`), weighed on that domain's own outcome and
        placed in the stage of its fact."""
        split = per_domain(facts)
        theme_facts, theme = whole(facts, outcome)
        baseline = self.reevaluator.baseline(theme_facts, theme)
        groups = [(g, self.reevaluator.baseline(g.facts, g.outcome)) for g in outcome.by_domain] if split else []
        ranked = []
        for order, (fact_id, values) in enumerate(self._weighed.items()):
            stage = self.kb.stage(fact_id)
            if split and self.kb.facts[fact_id].per_domain:
                for group, group_baseline in groups:
                    if group.facts.get(fact_id) is None:
                        best, decisive, changed = self._weigh(group_baseline, fact_id, values)
                        ranked += [((stage, -decisive, order, n),
                                    {"fact": question_id(domain, fact_id), "domain": domain, "domain_fact": fact_id,
                                     "impact": best, "could_change": changed})
                                   for n, domain in enumerate(group.domains) if best]
            elif theme_facts.get(fact_id) is None:
                best, decisive, changed = self._weigh(baseline, fact_id, values)
                if best:
                    ranked.append(((stage, -decisive, order, 0),
                                   {"fact": fact_id, "impact": best, "could_change": changed}))
        return [entry for _, entry in sorted(ranked, key=lambda r: r[0])]

    def _weigh(self, baseline, fact_id, values):
        """(the most impact of one of `values`, the most of it on verdicts and warnings, what they could change) of
        an unknown fact."""
        best, decisive, changed = 0, 0, []
        for value in values:
            fields, warnings, items = self._changes(baseline, fact_id, value)
            if not (fields or warnings or items):
                continue
            weight = self._weight(baseline.outcome, fields, warnings)
            best = max(best, weight + min(ITEMS_CHANGED_MAX, len(items)))
            decisive = max(decisive, weight)
            for name in (*fields, *sorted(warnings)):
                if name not in changed:
                    changed.append(name)
            if items and "items" not in changed:
                changed.append("items")
        return best, decisive, changed

    def _weight(self, outcome, fields, warnings):
        """How much an answer changes the verdicts and warnings (the items it changes do not count)."""
        impact = WARNING_CHANGED * len(warnings)
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
    newly; `keys_of`: rule id -> the keys it gives. (Plain loops: the sets are small and this runs for every value
    the planner tries.)"""
    new = set()
    for r in added:
        new.update(keys_of[r])
    toggled = set()
    for r in removed:
        for key in keys_of[r]:
            if key not in new:
                for giver in given[key]:
                    if giver not in removed:
                        break
                else:
                    toggled.add(key)
    for key in new:
        if key not in given:
            toggled.add(key)
    return toggled


def distinct(fact_id, values, tests):
    """The first of `values` for each distinct set of answers the `tests` of the fact give: two values every test
    answers alike change the same rules in every situation, so weighing one of them weighs both."""
    firsts = {}
    for value in values:
        firsts.setdefault(tuple(holds(t, {fact_id: value}) for t in tests), value)
    return list(firsts.values())


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
