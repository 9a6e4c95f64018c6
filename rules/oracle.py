"""A plain-Python evaluator of the same rules: the test oracle for the engine, and the what-if planner's."""
from .conditions import holds


def fire(knowledge, facts):
    """The ids of the rules whose condition and required derived facts hold, by forward chaining to a fixpoint."""
    derived, fired, changed = set(), [], True
    candidates = [r for r in knowledge.rules if r.otherwise is None]
    while changed:
        changed = False
        for rule in candidates:
            if rule.id not in fired and derived.issuperset(rule.requires) and holds(rule.when, facts):
                fired.append(rule.id)
                derived.update(rule.then.derive)
                changed = True
    return fired
