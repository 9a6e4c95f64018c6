"""Rule conditions: parsed from YAML, evaluated in plain Python, compiled to durable_rules JSON."""
from dataclasses import dataclass
from difflib import get_close_matches

COMPARISONS = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}
OPERATORS = ("eq", "in", "not_in", "contains", "known", *COMPARISONS)
OPERATORS_BY_TYPE = {
    "bool": {"eq", "in", "not_in", "known"},
    "enum": {"eq", "in", "not_in", "known"},
    "int": {"eq", "in", "not_in", "known", *COMPARISONS},
    "list": {"contains", "known"},
    "text": {"known"},
}


@dataclass(frozen=True)
class Test:
    """One test on one fact; false while the fact is unknown unless `or_unknown`."""
    fact: str
    op: str
    value: object
    or_unknown: bool = False


@dataclass(frozen=True)
class All:
    parts: tuple


@dataclass(frozen=True)
class Any:
    parts: tuple


ALWAYS = All(())


def holds(cond, facts):
    """Plain-Python truth of a condition for a situation (dict of known facts)."""
    if isinstance(cond, All):
        return all(holds(p, facts) for p in cond.parts)
    if isinstance(cond, Any):
        return any(holds(p, facts) for p in cond.parts)
    value = facts.get(cond.fact)
    if value is None:
        return cond.or_unknown or (cond.op == "known" and cond.value is False)
    op, expected = cond.op, cond.value
    if op == "known":
        return expected is True
    if op == "eq":
        return value == expected
    if op == "in":
        return value in expected
    if op == "not_in":
        return value not in expected
    if op == "contains":
        return expected in value
    return {"gt": value > expected, "gte": value >= expected,
            "lt": value < expected, "lte": value <= expected}[op]


def compile_condition(cond):
    """A Python function `facts -> bool` that gives the same answer as `holds(cond, facts)`, several times
    faster: the question planner evaluates conditions thousands of times per advice. The condition's
    values are passed in as constants, never written into the source text."""
    source, constants = _python([cond])
    return eval(f"lambda facts: {source[0]}", {"__builtins__": {}, **constants})


def compile_conditions(conds):
    """A Python function `facts -> tuple` of whether each of `conds` holds, in one call (the planner asks it of
    all the rules reading a fact at once)."""
    source, constants = _python(conds)
    return eval(f"lambda facts: ({', '.join(source)},)", {"__builtins__": {}, **constants})


def _python(conds):
    """([Python expression of each condition over `facts`], {name: constant} they use)."""
    constants = {}

    def const(value):
        name = f"c{len(constants)}"
        constants[name] = value
        return name

    def expression(node):
        if isinstance(node, (All, Any)):
            if not node.parts:
                return "True" if isinstance(node, All) else "False"
            joiner = " and " if isinstance(node, All) else " or "
            return "(" + joiner.join(expression(p) for p in node.parts) + ")"
        unknown = node.or_unknown or (node.op == "known" and node.value is False)
        op, expected = node.op, const(node.value)
        known = {"known": f"{expected} is True", "eq": f"v == {expected}", "in": f"v in {expected}",
                 "not_in": f"v not in {expected}", "contains": f"{expected} in v",
                 "gt": f"v > {expected}", "gte": f"v >= {expected}", "lt": f"v < {expected}",
                 "lte": f"v <= {expected}"}[op]
        return f"({unknown} if (v := facts.get({const(node.fact)})) is None else {known})"

    return [expression(c) for c in conds], constants


def deciding_facts(cond, facts):
    """The facts whose tests held and made `cond` hold, in the order the condition names them (for an `any`,
    the first branch that holds); empty when the condition does not hold."""
    return _deciding(cond, facts) or []


def _deciding(cond, facts):
    """`deciding_facts`, or None when `cond` does not hold."""
    if isinstance(cond, Test):
        return [cond.fact] if holds(cond, facts) else None
    if isinstance(cond, Any):
        return next((found for part in cond.parts if (found := _deciding(part, facts)) is not None), None)
    found = []
    for part in cond.parts:
        held = _deciding(part, facts)
        if held is None:
            return None
        found += [f for f in held if f not in found]
    return found


def facts_of(cond):
    """The fact ids a condition reads."""
    if isinstance(cond, Test):
        return {cond.fact}
    return set().union(*(facts_of(p) for p in cond.parts)) if cond.parts else set()


def tests_of(cond):
    if isinstance(cond, Test):
        return [cond]
    return [t for p in cond.parts for t in tests_of(p)]


def path_count(cond):
    """How many alternative paths durable_rules builds for the condition (its $or branches)."""
    if isinstance(cond, Test):
        branches = len(cond.value) if cond.op == "in" else 1
        return branches + (1 if cond.or_unknown else 0)
    if isinstance(cond, All):
        count = 1
        for part in cond.parts:
            count *= path_count(part)
        return count
    return sum(path_count(p) for p in cond.parts)


def to_durable(cond):
    """The durable_rules JSON expression of a condition."""
    if isinstance(cond, All):
        return {"$and": [to_durable(p) for p in cond.parts]}
    if isinstance(cond, Any):
        return {"$or": [to_durable(p) for p in cond.parts]}
    test = _durable_test(cond)
    if cond.or_unknown:
        return {"$or": [test, {"$nex": {cond.fact: 1}}]}
    return test


def _durable_test(test):
    fact, op, value = test.fact, test.op, test.value
    if op == "known":
        return {"$ex": {fact: 1}} if value else {"$nex": {fact: 1}}
    if op == "eq":
        return {fact: value}
    if op == "in":
        return {"$or": [{fact: v} for v in value]} if len(value) > 1 else {fact: value[0]}
    if op == "not_in":
        return {"$and": [{"$neq": {fact: v}} for v in value]}
    if op == "contains":
        return {"$iany": {fact: {"$i": value}}}
    return {COMPARISONS[op]: {fact: value}}


class ConditionParser:
    """Parses the YAML condition syntax of knowledge/README.md, collecting problems."""

    def __init__(self, facts, parameters):
        self.facts, self.parameters = facts, parameters

    def parse(self, raw, problems):
        if raw is None:
            return ALWAYS
        if not isinstance(raw, dict) or not raw:
            problems.append(f"a condition must be a non-empty mapping, not {raw!r}")
            return ALWAYS
        parts = []
        for key, spec in raw.items():
            if key in ("all", "any"):
                if not isinstance(spec, list) or not spec:
                    problems.append(f"'{key}' takes a non-empty list of conditions")
                    continue
                sub = tuple(self.parse(s, problems) for s in spec)
                parts.append(All(sub) if key == "all" else Any(sub))
            else:
                test = self._test(key, spec, problems)
                if test:
                    parts.append(test)
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def _test(self, fact_id, spec, problems):
        fact = self.facts.get(fact_id)
        if fact is None:
            near = get_close_matches(str(fact_id), self.facts, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            problems.append(f"unknown fact '{fact_id}'{hint}")
            return None
        if not isinstance(spec, dict):
            spec = {"eq": spec}
        spec = dict(spec)
        or_unknown = spec.pop("or_unknown", False)
        ops = [k for k in spec if k in OPERATORS]
        unknown_keys = [k for k in spec if k not in OPERATORS]
        if unknown_keys or len(ops) != 1:
            problems.append(f"test on '{fact_id}' needs exactly one of {', '.join(OPERATORS)}"
                            f" (and optionally or_unknown), got {sorted(spec)}")
            return None
        op = ops[0]
        if op not in OPERATORS_BY_TYPE[fact.type]:
            problems.append(f"'{op}' cannot test {fact.type} fact '{fact_id}'")
            return None
        value = self._value(fact, op, spec[op], problems)
        if value is None:
            return None
        return Test(fact_id, op, value, bool(or_unknown))

    def _value(self, fact, op, raw, problems):
        if op == "known":
            if not isinstance(raw, bool):
                problems.append(f"'known' on '{fact.id}' takes true or false")
                return None
            return raw
        if op in COMPARISONS:
            if isinstance(raw, str):
                if raw not in self.parameters:
                    problems.append(f"unknown parameter '{raw}' in test on '{fact.id}'")
                    return None
                return self.parameters[raw].value
            if isinstance(raw, bool) or not isinstance(raw, int):
                problems.append(f"'{op}' on '{fact.id}' takes a whole number or a parameter name")
                return None
            return raw
        values = raw if op in ("in", "not_in") else [raw]
        if not isinstance(values, list) or not values:
            problems.append(f"'{op}' on '{fact.id}' takes a non-empty list")
            return None
        bad = [v for v in values if not fact.accepts_item(v)]
        if bad:
            problems.append(f"value(s) {bad} not allowed for '{fact.id}'; allowed: {fact.allowed_description()}")
            return None
        return tuple(values) if op in ("in", "not_in") else values[0]
