"""Validates a situation against the fact vocabulary; bad input names the field and what is allowed."""
import re
from difflib import get_close_matches

from .errors import SituationError

# What a one-line free text (a text fact, e.g. the theme) may not hold: control characters (C0 with newline and
# tab, DEL, C1), line and paragraph separators, and the bidi formatting characters (marks, embeddings, overrides,
# isolates) that reorder what a reader sees. In a report or a terminal they would forge lines, headings or commands.
UNSAFE_IN_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LINE_BREAKING = "\t\n\v\f\r\x85\u2028\u2029"


def one_line(text):
    """`text` as one line that hides nothing: line breaks and tabs as a space, every other UNSAFE_IN_TEXT
    character as its escape (`\\u001b`). For output; input with them is refused (validate_situation)."""
    return UNSAFE_IN_TEXT.sub(lambda m: " " if m.group() in LINE_BREAKING else f"\\u{ord(m.group()):04x}", str(text))


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
        elif fact.type == "text" and (unsafe := UNSAFE_IN_TEXT.search(value)):
            code = f"U+{ord(unsafe.group()):04X}"
            raise SituationError(field, f"'{key}' must be one line of text without control or bidi formatting "
                                        f"characters; it holds {code} at position {unsafe.start()}",
                                 allowed=fact.allowed())
        known[key] = value
    return known
