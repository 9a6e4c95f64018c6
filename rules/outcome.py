"""What a set of fired rules concludes: verdicts, warnings and selected items, each with its rules."""
from dataclasses import dataclass, field


@dataclass
class Outcome:
    fired: list                     # rule ids in firing order, the `otherwise` rules last
    verdicts: dict                  # field -> value (a list for fields with many values)
    warnings: dict = field(default_factory=dict)    # code -> [rule ids]
    selected: dict = field(default_factory=dict)    # item or example id -> [rule ids]

    def signature(self):
        """Everything the advice concludes, for comparing two outcomes."""
        return (tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in self.verdicts.items())),
                frozenset(self.warnings), frozenset(self.selected))


def conclude(knowledge, fired_ids):
    """The outcome of the rules `fired_ids`, completed by the `otherwise` rules of undecided fields."""
    fired = list(dict.fromkeys(fired_ids))
    verdicts, otherwise = decide(knowledge, fired)
    outcome = Outcome(fired + otherwise, verdicts)
    for rule_id in outcome.fired:
        then = knowledge.rule(rule_id).then
        for code in then.warn:
            outcome.warnings.setdefault(code, []).append(rule_id)
        for item_id in then.select:
            outcome.selected.setdefault(item_id, []).append(rule_id)
    return outcome


def decide(knowledge, fired):
    """(verdicts, ids of the `otherwise` rules that complete them) for the condition rules `fired`, in order."""
    verdicts = {v.field: ([] if v.many else v.undecided) for v in knowledge.verdicts.values()}
    decided = set()
    for rule_id in fired:
        if knowledge.decides(rule_id):
            _decide(verdicts, knowledge.rule(rule_id).then, decided)
    otherwise = []
    for rule in knowledge.otherwise_rules:
        if rule.otherwise not in decided:
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
