"""A plain-Python evaluator of the same rules: the test oracle for the engine, and the what-if planner's."""


def fire_rules(rules, facts, derived=()):
    """The ids of `rules` whose condition and required derived facts hold, by forward chaining to a fixpoint
    (starting from the derived facts already established)."""
    derived, fired, changed = set(derived), {}, True    # fired: a dict keeps the firing order
    candidates = [rule for rule in rules if rule.holds(facts)]    # each condition evaluated once
    while changed:
        changed = False
        for rule in candidates:
            if rule.id not in fired and derived.issuperset(rule.requires):
                fired[rule.id] = True
                derived.update(rule.then.derive)
                changed = True
    return list(fired)


def fire(knowledge, facts):
    """The ids of the knowledge base's condition rules that fire for `facts`."""
    return fire_rules([r for r in knowledge.rules if r.otherwise is None], facts)
