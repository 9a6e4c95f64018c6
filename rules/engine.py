"""The durable_rules engine: rules compiled once into layered rulesets, one fresh session per consultation."""
import itertools
import threading
import uuid

from durable import engine as durable

from .conditions import ALWAYS, facts_of, path_count, to_durable
from .errors import EngineError
from .layers import layer_rules

# durable_rules keeps C-level state per process and is not thread-safe: one lock for every call.
ENGINE_LOCK = threading.Lock()
# durable_rules fails (error 303) with more than 64 tests true at once for one fact.
MAX_PATHS_PER_RULESET = 60
_ruleset_numbers = itertools.count(1)


class _QuietHost(durable.Host):
    """A Host without the dispatcher and timer threads that would race our requests."""

    def _run(self):
        pass


class _Shard:
    """One durable_rules ruleset: groups of rules that share a condition, compiled once per group."""

    def __init__(self, name, groups):
        self.name, self.groups = name, groups
        self.needs = {n for group in groups for n in group[0].requires}


class RuleEngine:
    """Fires the knowledge base's rules for a situation with durable_rules."""

    def __init__(self, knowledge):
        self.knowledge = knowledge
        self.rule_facts = {f for r in knowledge.rules for f in facts_of(r.when)}
        self._host = _QuietHost()
        self._log = {}
        self.layers = [self._shard(layer) for layer in layer_rules(knowledge.rules)]
        definition = {shard.name: self._ruleset(shard) for layer in self.layers for shard in layer}
        with ENGINE_LOCK:
            self._host.set_rulesets(definition)

    @property
    def ruleset_names(self):
        return [shard.name for layer in self.layers for shard in layer]

    def _shard(self, layer):
        """Split a layer into rulesets; rules with the same condition and requirements share one entry
        (fewer actions to run, and durable_rules crashes at 256 rules with an identical condition)."""
        groups = {}
        for rule in layer:
            groups.setdefault((repr(rule.when), rule.requires), []).append(rule)
        shards, current, paths = [], [], 0
        for group in groups.values():
            cost = path_count(group[0].when)
            if current and paths + cost > MAX_PATHS_PER_RULESET:
                shards.append(current)
                current, paths = [], 0
            current.append(group)
            paths += cost
        shards.append(current)
        return [_Shard(f"regiewijzer_{next(_ruleset_numbers)}", groups) for groups in shards]

    def _ruleset(self, shard):
        definition = {"_consulted": {"all": [{"m": {"kind": "situation"}}], "run": self._record([])}}
        for group in shard.groups:
            when, requires = group[0].when, group[0].requires
            # an empty $and never stops matching in durable_rules: an "always" rule gets the guard alone
            guard = [{"kind": "situation"}] + ([to_durable(when)] if when != ALWAYS else [])
            patterns = [{"sit": {"$and": guard}}]
            patterns += [{f"d{i}": {"$and": [{"kind": "derived"}, {"name": name}]}} for i, name in enumerate(requires)]
            definition[group[0].id] = {"all": patterns, "run": self._record([r.id for r in group])}
        return definition

    def _record(self, rule_ids):
        def action(c):
            self._log[c.s.sid].extend(rule_ids)
        return action

    def fire(self, facts):
        """The ids of the rules that fire for `facts` (validated, known facts only), in firing order."""
        situation = {k: v for k, v in facts.items() if k in self.rule_facts}
        derived, fired = set(), []
        with ENGINE_LOCK:
            for layer in self.layers:
                layer_fired = [rid for shard in layer for rid in self._consult(shard, situation, derived)]
                for rule_id in layer_fired:
                    derived.update(self.knowledge.rule(rule_id).then.derive)
                fired += layer_fired
        return fired

    def _consult(self, shard, situation, derived):
        sid = uuid.uuid4().hex
        self._log[sid] = []
        messages = [dict(situation, kind="situation", sid=sid)]
        messages += [{"kind": "derived", "name": name, "sid": sid} for name in sorted(derived & shard.needs)]
        try:
            self._host.assert_facts(shard.name, messages)
            state = self._host.get_state(shard.name, sid)
            if state.get("exception"):
                raise EngineError(f"a rule action failed in {shard.name}: {state['exception'][:300]}")
            return list(dict.fromkeys(self._log[sid]))  # an $or fires once per true branch
        finally:
            del self._log[sid]
            self._host.delete_state(shard.name, sid)
