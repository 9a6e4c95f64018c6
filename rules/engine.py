"""The durable_rules engine: rules compiled once into layered rulesets, each with one session that every
consultation empties again.

The rulesets are driven through durable_rules' C extension directly: a rule's action only has to say that
it fired, so the Python `Host`'s per-action JSON round trip of the session state (and its timer threads)
is left out. Each fired entry is read off the name that starts the C engine's action message.
"""
import itertools
import json
import threading
import weakref

import durable_rules_engine as durable
import orjson

from .conditions import ALWAYS, facts_of, path_count, to_durable
from .errors import EngineError
from .layers import layer_rules

# durable_rules keeps C-level state per process and is not thread-safe: one lock for every call.
ENGINE_LOCK = threading.Lock()
# durable_rules fails (error 303) with more than 64 tests true at once for one fact.
MAX_PATHS_PER_RULESET = 60
# A rule matching every situation: an action runs in every session, so deleting it is safe (see the guide).
CATCH_ALL = "consulted"
# Ruleset names stay unique in the process, also when a reloaded knowledge base is compiled next to the old one.
_ruleset_numbers = itertools.count(1)
# The one session of each ruleset. A consultation asserts its facts into it and retracts them when its actions
# have run, so the session is empty again for the next one: making a session clears durable_rules' node tables,
# which cost more than the consultation itself (bench/instructions.py). After a failure the session is deleted.
SESSION = "consultation"
# Handles of the rulesets of engines nobody refers to any more (after a knowledge reload). A finalizer can run
# anywhere, even in a thread that holds ENGINE_LOCK, so it only hands them in here; the next engine call
# deletes them under the lock.
_retired = []


def derived_field(name):
    """The field of a situation fact that says the derived fact `name` holds (no fact id holds a colon:
    knowledge.FACT_ID)."""
    return f"derived:{name}"


class _Ruleset:
    """One durable_rules ruleset: groups of rules that share a condition, compiled once per group.

    A situation fact carries the derived facts its rules require as `derived:<name>` fields, tested in the
    rule's one pattern. A ruleset of the per-domain rules (`per_domain`) takes one situation per policy domain
    into one session: each situation fact carries its `domain` and that domain's derived facts, so every domain
    is evaluated on its own and the session still holds at most 60 paths per fact."""

    def __init__(self, groups, per_domain=False):
        self.name = f"regiewijzer_{next(_ruleset_numbers)}"
        self.per_domain = per_domain
        self.kind = "domain" if per_domain else "situation"
        self.needs = {n for group in groups for n in group[0].requires}
        self.reads = sorted({f for group in groups for f in facts_of(group[0].when)})   # the facts its conditions test
        self.fires = {f"g{i}": [r.id for r in group] for i, group in enumerate(groups)}
        definition = {CATCH_ALL: {"all": [{"m": {"kind": self.kind}}]}}
        for entry, group in zip(self.fires, groups, strict=True):
            when, requires = group[0].when, group[0].requires
            # an empty $and never stops matching in durable_rules: an "always" rule gets the guard alone
            guard = [{"kind": self.kind}] + ([to_durable(when)] if when != ALWAYS else [])
            guard += [{derived_field(name): True} for name in requires]
            definition[entry] = {"all": [{"sit": {"$and": guard}}]}
        try:
            self.handle = durable.create_ruleset(self.name, json.dumps(definition))
        except durable.error as exc:
            raise EngineError(f"durable_rules refused the ruleset {self.name}: {exc}") from exc

    def consult(self, situation, derived):
        """The ids of the rules that fire for `situation` and the derived facts, in the ruleset's session, which
        holds none of their facts afterwards. Call with ENGINE_LOCK held."""
        fact = {f: situation[f] for f in self.reads if f in situation}
        fact.update({derived_field(name): True for name in derived & self.needs})
        fact.update(kind="situation", sid=SESSION)
        fired = [rule_id for entry, _ in self._run([fact]) for rule_id in self.fires[entry]]
        return list(dict.fromkeys(fired))   # an $or fires once per true branch

    def consult_domains(self, situations, derived):
        """{domain tag: ids of the rules that fire} for `situations` (tag -> facts) and `derived` (tag -> derived
        facts), all in the ruleset's session, which holds none of their facts afterwards. Call with ENGINE_LOCK
        held."""
        messages = [{**{f: facts[f] for f in self.reads if f in facts},
                     **{derived_field(name): True for name in derived[tag] & self.needs},
                     "kind": "domain", "domain": tag, "sid": SESSION} for tag, facts in situations.items()]
        fired = {tag: [] for tag in situations}
        for entry, message in self._run(messages):
            fired[orjson.loads(message)[entry]["sit"]["domain"]] += self.fires[entry]
        return {tag: list(dict.fromkeys(ids)) for tag, ids in fired.items()}

    def _run(self, messages):
        """[(entry, action message)] of the entries that fire for `messages`, the catch-all left out; the facts
        are retracted again (after a failure the session is deleted, and the next consultation makes it anew)."""
        facts = orjson.dumps(messages).decode()
        entries, emptied = [], False
        try:
            status, state = durable.assert_facts(self.handle, facts)
            if status != 0:
                raise EngineError(f"{self.name} did not take the situation (durable_rules status {status})")
            action = durable.start_action_for_state(self.handle, state)
            message = action[1] if action else None
            while message:
                entry = message[2:message.index('"', 2)]    # '{"g12":{...}}' -> g12
                if entry != CATCH_ALL:
                    entries.append((entry, message))
                message = durable.complete_and_start_action(self.handle, state)
            emptied = durable.retract_facts(self.handle, facts)[0] == 0
        except durable.error as exc:
            raise EngineError(f"durable_rules failed in {self.name}: {exc}") from exc
        finally:
            if not emptied:         # start the next consultation from a new session
                try:
                    durable.delete_state(self.handle, SESSION)
                except durable.error:
                    pass        # the situation was refused before a session existed
        return entries


class RuleEngine:
    """Fires the knowledge base's rules for a situation with durable_rules."""

    def __init__(self, knowledge):
        self.knowledge = knowledge
        self.rule_facts = {f for r in knowledge.rules for f in facts_of(r.when)}
        self.derives = {r.id: r.then.derive for r in knowledge.rules if r.then.derive}     # rule id -> derived facts
        with ENGINE_LOCK:
            _delete_retired()
            self.layers = [self._rulesets(layer) for layer in layer_rules(knowledge.rules)]
            domain_rules = [r for r in knowledge.rules if r.id in knowledge.domain_rules]
            self.domain_layers = [self._rulesets(layer, True) for layer in layer_rules(domain_rules)]
        handles = [ruleset.handle for layers in (self.layers, self.domain_layers) for layer in layers
                   for ruleset in layer]
        # an engine nobody refers to any more (after a knowledge reload) gives its C memory back
        self.release = weakref.finalize(self, _retired.extend, handles)

    @property
    def ruleset_names(self):
        return [ruleset.name for layers in (self.layers, self.domain_layers) for layer in layers
                for ruleset in layer]

    def _rulesets(self, layer, per_domain=False):
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
        return [_Ruleset(groups, per_domain) for groups in shards]

    def fire(self, facts):
        """The ids of the rules that fire for `facts` (validated, known facts only), in firing order."""
        situation = {k: v for k, v in facts.items() if k in self.rule_facts}
        derived, fired = set(), []
        with ENGINE_LOCK:
            _delete_retired()
            for layer in self.layers:
                layer_fired = [rid for ruleset in layer for rid in ruleset.consult(situation, derived)]
                derived.update(*(self.derives[r] for r in layer_fired if r in self.derives))
                fired += layer_fired
        return fired

    def fire_domains(self, situations, derived):
        """{domain tag: ids of the per-domain rules that fire} for `situations` (tag -> the domain's effective
        facts), starting from the theme-wide `derived` facts; every domain in the same sessions."""
        situations = {tag: {k: v for k, v in facts.items() if k in self.rule_facts}
                      for tag, facts in situations.items()}
        known = {tag: set(derived) for tag in situations}
        fired = {tag: [] for tag in situations}
        with ENGINE_LOCK:
            _delete_retired()
            for layer in self.domain_layers:
                for ruleset in layer:
                    for tag, ids in ruleset.consult_domains(situations, known).items():
                        fired[tag] += ids
                for tag, ids in fired.items():
                    known[tag].update(*(self.derives[r] for r in ids if r in self.derives))
        return fired


def _delete_retired():
    """Delete the retired rulesets in durable_rules; call with ENGINE_LOCK held."""
    while _retired:
        durable.delete_ruleset(_retired.pop())
