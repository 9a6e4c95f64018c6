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
# which cost more than the consultation itself (bench/speed.py). After a failure the session is deleted.
SESSION = "consultation"
# Handles of the rulesets of engines nobody refers to any more (after a knowledge reload). A finalizer can run
# anywhere, even in a thread that holds ENGINE_LOCK, so it only hands them in here; the next engine call
# deletes them under the lock.
_retired = []


class _Ruleset:
    """One durable_rules ruleset: groups of rules that share a condition, compiled once per group."""

    def __init__(self, groups):
        self.name = f"regiewijzer_{next(_ruleset_numbers)}"
        self.needs = {n for group in groups for n in group[0].requires}
        self.reads = {f for group in groups for f in facts_of(group[0].when)}     # the facts its conditions test
        self.fires = {f"g{i}": [r.id for r in group] for i, group in enumerate(groups)}
        definition = {CATCH_ALL: {"all": [{"m": {"kind": "situation"}}]}}
        for entry, group in zip(self.fires, groups, strict=True):
            when, requires = group[0].when, group[0].requires
            # an empty $and never stops matching in durable_rules: an "always" rule gets the guard alone
            guard = [{"kind": "situation"}] + ([to_durable(when)] if when != ALWAYS else [])
            patterns = [{"sit": {"$and": guard}}]
            patterns += [{f"d{i}": {"$and": [{"kind": "derived"}, {"name": name}]}} for i, name in enumerate(requires)]
            definition[entry] = {"all": patterns}
        try:
            self.handle = durable.create_ruleset(self.name, json.dumps(definition))
        except durable.error as exc:
            raise EngineError(f"durable_rules refused the ruleset {self.name}: {exc}") from exc

    def consult(self, situation, derived):
        """The ids of the rules that fire for `situation` and the derived facts, in the ruleset's session, which
        holds none of their facts afterwards. Call with ENGINE_LOCK held."""
        messages = [{**{f: v for f, v in situation.items() if f in self.reads}, "kind": "situation", "sid": SESSION}]
        messages += [{"kind": "derived", "name": name, "sid": SESSION} for name in sorted(derived & self.needs)]
        facts = orjson.dumps(messages).decode()
        entries, emptied = [], False
        try:
            status, state = durable.assert_facts(self.handle, facts)
            if status != 0:
                raise EngineError(f"{self.name} did not take the situation (durable_rules status {status})")
            action = durable.start_action_for_state(self.handle, state)
            message = action[1] if action else None
            while message:
                entries.append(message[2:message.index('"', 2)])    # '{"g12":{...}}' -> g12
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
        fired = [rule_id for entry in entries if entry != CATCH_ALL for rule_id in self.fires[entry]]
        return list(dict.fromkeys(fired))   # an $or fires once per true branch


class RuleEngine:
    """Fires the knowledge base's rules for a situation with durable_rules."""

    def __init__(self, knowledge):
        self.knowledge = knowledge
        self.rule_facts = {f for r in knowledge.rules for f in facts_of(r.when)}
        with ENGINE_LOCK:
            _delete_retired()
            self.layers = [self._rulesets(layer) for layer in layer_rules(knowledge.rules)]
        handles = [ruleset.handle for layer in self.layers for ruleset in layer]
        # an engine nobody refers to any more (after a knowledge reload) gives its C memory back
        self.release = weakref.finalize(self, _retired.extend, handles)

    @property
    def ruleset_names(self):
        return [ruleset.name for layer in self.layers for ruleset in layer]

    def _rulesets(self, layer):
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
        return [_Ruleset(groups) for groups in shards]

    def fire(self, facts):
        """The ids of the rules that fire for `facts` (validated, known facts only), in firing order."""
        situation = {k: v for k, v in facts.items() if k in self.rule_facts}
        derived, fired = set(), []
        with ENGINE_LOCK:
            _delete_retired()
            for layer in self.layers:
                layer_fired = [rid for ruleset in layer for rid in ruleset.consult(situation, derived)]
                for rule_id in layer_fired:
                    derived.update(self.knowledge.rule(rule_id).then.derive)
                fired += layer_fired
        return fired


def _delete_retired():
    """Delete the retired rulesets in durable_rules; call with ENGINE_LOCK held."""
    while _retired:
        durable.delete_ruleset(_retired.pop())
