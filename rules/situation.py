"""Validates a situation against the fact vocabulary; bad input names the field and what is allowed."""
from difflib import get_close_matches

from .errors import SituationError


def validate_situation(raw, facts, prefix="situation"):
    """Return the known facts of `raw` (null means unknown and is dropped), or raise SituationError."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise SituationError(prefix, f"'{prefix}' must be an object mapping fact ids to values",
                             allowed=list(facts))
    known = {}
    for key, value in raw.items():
        fact = facts.get(key)
        field = f"{prefix}.{key}"
        if fact is None:
            near = get_close_matches(str(key), list(facts), n=1, cutoff=0.5)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise SituationError(field, f"unknown fact '{key}'{hint}", allowed=list(facts),
                                 suggestion=near[0] if near else None)
        if value is None:
            continue
        if fact.type == "int" and isinstance(value, float) and value.is_integer():
            value = int(value)          # JSON has one number type: 7.0 is the whole number 7
        if fact.type == "list":
            if not isinstance(value, list) or not all(fact.accepts_item(v) for v in value):
                raise SituationError(field, f"'{key}' must be {fact.allowed_description()}", allowed=fact.allowed())
            if len(set(value)) != len(value):
                raise SituationError(field, f"'{key}' lists a value twice", allowed=fact.allowed())
        elif not fact.accepts_item(value):
            raise SituationError(field, f"'{key}' must be {fact.allowed_description()}, not {value!r}",
                                 allowed=fact.allowed())
        known[key] = value
    return known
