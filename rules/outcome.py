"""What a set of fired rules concludes: verdicts, warnings and selected items, each with its rules."""
from dataclasses import dataclass, field


@dataclass
class Outcome:
    fired: list                     # rule ids in firing order, the `otherwise` rules last
    verdicts: dict                  # field -> value (a list for fields with many values)
    warnings: dict = field(default_factory=dict)    # code -> [rule ids]
    selected: dict = field(default_factory=dict)    # item or example id -> [rule ids]
    by_domain: list = field(default_factory=list, repr=False)   # [DomainOutcome] per group of policy domains
    theme: object = None            # with domains that differ: the Outcome of the theme-wide facts alone

    def signature(self):
        """Everything the advice concludes, for comparing two outcomes."""
        return (tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in self.verdicts.items())),
                frozenset(self.warnings), frozenset(self.selected),
                tuple((g.domains, g.outcome.verdicts.get("role")) for g in self.by_domain))


@dataclass
class DomainOutcome:
    """The policy domains of a situation that share their per-domain facts, and what they conclude."""
    domains: tuple                  # policy domain ids, in the situation's order
    facts: dict                     # their effective situation (theme-wide facts, their own where they set them)
    outcome: Outcome = field(repr=False)    # the outcome of that situation


def conclude(knowledge, fired_ids, domains=None):
    """The outcome of the rules `fired_ids`, completed by the `otherwise` rules of undecided fields.
    `domains`: the verdicts of each group of policy domains evaluated apart; a field of a `mixed` rule then takes
    the domains' common value, the mixed rule's when decided domains differ, and stays undecided otherwise."""
    fired = list(dict.fromkeys(fired_ids))
    fixed, mixed = {}, []
    for rule in knowledge.mixed_rules if domains else ():
        undecided = knowledge.verdicts[rule.mixed].undecided
        values = {verdicts[rule.mixed] for verdicts in domains}
        if len(values - {undecided}) > 1:
            mixed.append(rule.id)
            fixed[rule.mixed] = rule.then.set.get(rule.mixed, undecided)
        else:
            fixed[rule.mixed] = values.pop() if len(values) == 1 else undecided
    verdicts, otherwise = decide(knowledge, fired + mixed, fixed)
    outcome = Outcome(fired + mixed + otherwise, verdicts)
    for rule_id in outcome.fired:
        then = knowledge.rule(rule_id).then
        for code in then.warn:
            outcome.warnings.setdefault(code, []).append(rule_id)
        for item_id in then.select:
            outcome.selected.setdefault(item_id, []).append(rule_id)
    return outcome


def decide(knowledge, fired, fixed=None):
    """(verdicts, ids of the `otherwise` rules that complete them) for the condition rules `fired`, in order;
    the fields of `fixed` (field -> value) are decided already (by the policy domains) and keep their value."""
    verdicts = {v.field: ([] if v.many else v.undecided) for v in knowledge.verdicts.values()}
    verdicts.update(fixed or {})
    decided = set(fixed or ())
    for rule_id in fired:
        if knowledge.decides(rule_id):
            _decide(verdicts, knowledge.rule(rule_id).then, decided)
    otherwise = []
    for rule in knowledge.otherwise_rules:      # also for a field the policy domains all left undecided
        field = rule.otherwise
        if field not in decided or verdicts[field] == knowledge.verdicts[field].undecided:
            otherwise.append(rule.id)
            _decide(verdicts, rule.then, decided)
    for verdict in knowledge.verdicts.values():
        if verdict.many:
            verdicts[verdict.field].sort(key=verdict.values.index)
    return verdicts, otherwise


def _decide(verdicts, then, decided):
    for fld, value in then.set.items():
        if fld not in decided:          # the first rule to decide a field wins; `check` reports conflicts
            verdicts[fld] = value
            decided.add(fld)
    for fld, value in then.add.items():
        if value not in verdicts[fld]:
            verdicts[fld].append(value)
        decided.add(fld)
