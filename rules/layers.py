"""Orders rules into layers: a rule that requires a derived fact runs after the rules deriving it."""
from .errors import KnowledgeError, Problem


def layer_rules(rules):
    """List of layers (lists of rules in definition order); raises KnowledgeError on a cycle."""
    derivers = {}
    for rule in rules:
        for name in rule.then.derive:
            derivers.setdefault(name, []).append(rule)
    depth, visiting = {}, set()

    def level(rule):
        if rule.id in depth:
            return depth[rule.id]
        if rule.id in visiting:
            raise KnowledgeError([Problem(rule.file, rule.id, "derived facts require each other in a cycle")])
        visiting.add(rule.id)
        depth[rule.id] = 1 + max((level(d) for name in rule.requires for d in derivers.get(name, [])), default=-1)
        visiting.discard(rule.id)
        return depth[rule.id]

    condition_rules = [r for r in rules if r.conditional]
    layers = [[] for _ in range(1 + max((level(r) for r in condition_rules), default=0))]
    for rule in condition_rules:
        layers[depth[rule.id]].append(rule)
    return [layer for layer in layers if layer]
