"""What-if: the smallest changes of one or two known facts that change a verdict or a warning, by who can make
them (the bestuur's levers, the asks of a higher government), and the conditional branches of the unknown facts.
Outcomes are re-evaluated incrementally (`reevaluation`): only the rules that depend on a changed fact fire again,
the rest are kept."""
import itertools
from dataclasses import dataclass

from .model import BESTUUR
from .outcome import conclude

MAX_PAIRS_PER_RESULT = 3     # two-fact levers kept per (target, new value): enough to show the options


@dataclass(frozen=True)
class Effect:
    """One verdict field or warning that changes: `target` is a field id or 'warning:CODE'."""
    target: str
    before: object
    after: object


@dataclass
class Scenario:
    """A change of one or two facts, its effects and the rules that started or stopped firing."""
    changes: tuple          # ((fact id, value), ...)
    effects: tuple          # (Effect, ...)
    toggled: tuple          # ids of the deciding rules that stopped, then started firing
    grounds: tuple = ()     # SourceRefs of the passages saying who can make the changes (facts.yaml lever_source)
    domains: tuple = ()     # the policy domains whose facts change (empty: the theme as a whole)


class WhatIf:
    def __init__(self, knowledge, planner, reevaluator):
        self.kb, self.planner, self.reevaluator = knowledge, planner, reevaluator
        self.changeable = [f for f in knowledge.facts.values() if f.id in planner.candidates]

    def outcome(self, baseline, changes):
        """The verdicts and warnings after `changes` (a dict fact -> value): the rules that depend on them fire
        again, the others are kept as fired; only the rules that decide a verdict or warn are concluded."""
        return conclude(self.kb, self.reevaluator.refire(baseline, changes).deciding)

    def scenario(self, baseline, changes, domains=()):
        other = self.outcome(baseline, dict(changes))
        before = [r for r in baseline.outcome.fired if self.kb.rule(r).decisive]
        after = [r for r in other.fired if self.kb.rule(r).decisive]
        toggled = [r for r in before if r not in set(after)] + [r for r in after if r not in set(before)]
        return Scenario(tuple(changes), effects(self.kb, baseline.outcome, other), tuple(toggled),
                        domains=tuple(domains))

    def levers_for(self, facts, outcome, who=BESTUUR, among=None, domains=()):
        """[(Effect, Scenario)]: for each verdict or warning, the one-fact changes of a known fact that `who`
        can make (model.BESTUUR: the levers; model.HIGHER_GOVERNMENT: the asks) that change it, then the two-fact
        changes for results no single change reaches. Of the values of one fact (or pair) with the same result
        only the one nearest the current answer is kept. `among`: the facts to try (default: every changeable
        one); `domains`: the policy domains `facts` stand for (their changes are tried on those domains only: a
        change in one domain and one in another are independent)."""
        baseline = self.reevaluator.baseline(facts, outcome)
        tried = self.changeable if among is None else among
        options = {f.id: self._options(f, facts, who) for f in tried if f.id in facts}
        known = [f for f in tried if options.get(f.id)]
        found, seen = [], set()
        for fact in known:
            for value in options[fact.id]:
                scenario = self._grounded(baseline, facts, [(fact.id, value)], domains)
                for effect in _targets(scenario):
                    if (fact.id, _result(effect)) not in seen:
                        seen.add((fact.id, _result(effect)))
                        found.append((effect, scenario))
        reached = {result for _, result in seen}
        pairs = {}
        for first, second in itertools.combinations(known, 2):
            for a, b in itertools.product(options[first.id], options[second.id]):
                scenario = self._grounded(baseline, facts, [(first.id, a), (second.id, b)], domains)
                for effect in _targets(scenario):
                    key = (first.id, second.id, _result(effect))
                    kept = pairs.setdefault(_result(effect), [])
                    if _result(effect) not in reached and key not in seen and len(kept) < MAX_PAIRS_PER_RESULT:
                        seen.add(key)
                        kept.append((effect, scenario))
        return found + [lever for kept in pairs.values() for lever in kept]

    def _grounded(self, baseline, facts, changes, domains=()):
        """The scenario of `changes`, with the passages saying who can make them."""
        scenario = self.scenario(baseline, changes, domains)
        found = [self.kb.facts[f].changer(v, facts)[1] for f, v in changes]
        scenario.grounds = tuple(dict.fromkeys(s for s in found if s is not None))
        return scenario

    def _options(self, fact, facts, who):
        """The other values worth trying that `who` can give the fact in this situation, numbers nearest the
        current one first."""
        current = facts[fact.id]
        values = [v for v in self.planner.candidates[fact.id] if v != current and fact.changer(v, facts)[0] == who]
        return sorted(values, key=lambda v: abs(v - current)) if fact.type == "int" else values

    def branches_for(self, facts, outcome, unknown_facts, domains=()):
        """[(fact id, [Scenario per candidate value])] for the unknown facts whose answer changes a verdict or
        a warning, in the order given (`domains`: the policy domains `facts` stand for)."""
        baseline, branches = self.reevaluator.baseline(facts, outcome), []
        for fact_id in unknown_facts:
            scenarios = [self.scenario(baseline, [(fact_id, value)], domains)
                         for value in self.planner.candidates.get(fact_id, [])]
            if any(s.effects for s in scenarios):
                branches.append((fact_id, scenarios))
        return branches


def effects(knowledge, before, after):
    """The verdict fields and warnings that differ between two outcomes, verdicts in knowledge order."""
    changed = [Effect(f, before.verdicts[f], after.verdicts[f]) for f in knowledge.verdicts
               if before.verdicts[f] != after.verdicts[f]]
    for code in knowledge.warnings:
        if (code in before.warnings) != (code in after.warnings):
            changed.append(Effect(f"warning:{code}", code in before.warnings, code in after.warnings))
    return tuple(changed)


def _targets(scenario):
    """The effects a lever is offered for: any verdict change, and a warning that goes away."""
    return [e for e in scenario.effects if not e.target.startswith("warning:") or e.before]


def _result(effect):
    return effect.target, repr(effect.after)
