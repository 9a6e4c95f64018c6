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
    verdicts = {v.field: ([] if v.many else v.undecided) for v in knowledge.verdicts.values()}
    decided = set()
    outcome = Outcome(list(dict.fromkeys(fired_ids)), verdicts)
    for rule_id in outcome.fired:
        _apply(outcome, knowledge.rule(rule_id), decided)
    for rule in knowledge.rules:
        if rule.otherwise is not None and rule.otherwise not in decided:
            outcome.fired.append(rule.id)
            _apply(outcome, rule, decided)
    for verdict in knowledge.verdicts.values():
        if verdict.many:
            outcome.verdicts[verdict.field].sort(key=verdict.values.index)
    return outcome


def _apply(outcome, rule, decided):
    then = rule.then
    for fld, value in then.set.items():
        if fld not in decided:          # the first rule to decide a field wins; `check` reports conflicts
            outcome.verdicts[fld] = value
            decided.add(fld)
    for fld, value in then.add.items():
        if value not in outcome.verdicts[fld]:
            outcome.verdicts[fld].append(value)
        decided.add(fld)
    for code in then.warn:
        outcome.warnings.setdefault(code, []).append(rule.id)
    for item_id in then.select:
        outcome.selected.setdefault(item_id, []).append(rule.id)
