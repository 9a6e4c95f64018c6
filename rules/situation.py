"""Validates a situation against the fact vocabulary; bad input names the field and what is allowed."""
import re
from difflib import get_close_matches

from .errors import SituationError
from .model import DOMAIN_FACT

# What a one-line free text (a text fact, e.g. the theme) may not hold: control characters (C0 with newline and
# tab, DEL, C1), line and paragraph separators, and the bidi formatting characters (marks, embeddings, overrides,
# isolates) that reorder what a reader sees. In a report or a terminal they would forge lines, headings or commands.
UNSAFE_IN_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LINE_BREAKING = "\t\n\v\f\r\x85\u2028\u2029"


def one_line(text):
    """`text` as one line that hides nothing: line breaks and tabs as a space, every other UNSAFE_IN_TEXT
    character as its escape (`\\u001b`). For output; input with them is refused (validate_situation)."""
    return UNSAFE_IN_TEXT.sub(lambda m: " " if m.group() in LINE_BREAKING else f"\\u{ord(m.group()):04x}", str(text))


DOMAINS = "domains"     # the situation's key for the facts given per policy domain


def validate_situation(raw, facts, prefix="situation"):
    """Return the known facts of `raw` (null means unknown and is dropped), or raise SituationError.
    `domains` ({policy domain: {per-domain fact: value}}) is kept as the domains' own known values, and each
    of its keys is added to policy_domains."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise SituationError(prefix, f"'{prefix}' must be an object mapping fact ids to values",
                             allowed=list(facts))
    known = {}
    for key, value in raw.items():
        fact = facts.get(key)
        field = f"{prefix}.{key}"
        if key == DOMAINS:
            continue
        if fact is None:
            names = [*facts, DOMAINS]
            near = get_close_matches(str(key), names, n=1, cutoff=0.5)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise SituationError(field, f"unknown fact '{key}'{hint}", allowed=names,
                                 suggestion=near[0] if near else None)
        if value is not None:
            known[key] = _value(fact, key, value, field)
    if raw.get(DOMAINS) is not None:
        domains = _domains(raw[DOMAINS], facts, f"{prefix}.{DOMAINS}")
        listed = known.get(DOMAIN_FACT, [])
        known[DOMAIN_FACT] = [*listed, *(d for d in domains if d not in listed)]
        if any(domains.values()):
            known[DOMAINS] = {d: own for d, own in domains.items() if own}
    return known


def _domains(raw, facts, prefix):
    """{policy domain: {per-domain fact: known value}} of a situation's `domains`."""
    allowed = list(facts[DOMAIN_FACT].values)
    per_domain = [f.id for f in facts.values() if f.per_domain]
    if not isinstance(raw, dict):
        raise SituationError(prefix, f"'{DOMAINS}' must be an object mapping policy domains to their facts",
                             allowed=allowed)
    out = {}
    for domain, own in raw.items():
        field = f"{prefix}.{domain}"
        if domain not in allowed:
            near = get_close_matches(str(domain), allowed, n=1, cutoff=0.5)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise SituationError(field, f"unknown policy domain '{domain}'{hint}", allowed=allowed,
                                 suggestion=near[0] if near else None)
        if own is None:
            own = {}
        if not isinstance(own, dict):
            raise SituationError(field, f"'{domain}' must be an object mapping per-domain facts to values",
                                 allowed=per_domain)
        out[domain] = {}
        for key, value in own.items():
            if key not in per_domain:
                what = "is not a fact" if key not in facts else "is not given per domain"
                raise SituationError(f"{field}.{key}", f"'{key}' {what}; per domain are: {', '.join(per_domain)}",
                                     allowed=per_domain)
            if value is not None:
                out[domain][key] = _value(facts[key], key, value, f"{field}.{key}")
    return out


def _value(fact, key, value, field):
    """A valid value of `fact` (typed), or raise SituationError naming `field`."""
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
    return value
