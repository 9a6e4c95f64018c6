"""Plain-Python forward chaining over the same compiled conditions as the engine: the basis of question
planning, what-if, diff and the whole-knowledge checks, and the oracle the engine is tested against."""


def fire_rules(rules, facts, derived=()):
    """The ids of `rules` whose condition and required derived facts hold, by forward chaining to a fixpoint
    (starting from the derived facts already established)."""
    return chain([rule for rule in rules if rule.holds(facts)], derived)     # each condition evaluated once


def chain(pending, derived=()):
    """The ids of the rules `pending` (whose conditions hold) whose required derived facts hold too, by forward
    chaining to a fixpoint from the derived facts already established."""
    derived, fired = set(derived), []
    while pending:
        waiting = []
        for rule in pending:
            if derived.issuperset(rule.requires):
                fired.append(rule.id)
                derived.update(rule.then.derive)
            else:
                waiting.append(rule)
        if len(waiting) == len(pending):    # nothing fired in this pass: the rest wait in vain
            break
        pending = waiting
    return fired


def fire(knowledge, facts):
    """The ids of the knowledge base's condition rules that fire for `facts`."""
    return fire_rules([r for r in knowledge.rules if r.conditional], facts)


def fire_domains(knowledge, situations, derived=()):
    """{domain tag: ids of the per-domain rules that fire} for `situations` (tag -> a domain's effective facts)."""
    rules = [r for r in knowledge.rules if r.id in knowledge.domain_rules]
    return {tag: fire_rules(rules, facts, derived) for tag, facts in situations.items()}
