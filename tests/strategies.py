"""Hypothesis strategies: random valid situations built from the fact vocabulary."""
from hypothesis import strategies as st

from regiewijzer.rules.knowledge import load_knowledge
from regiewijzer.rules.situation import UNSAFE_IN_TEXT

FACTS = load_knowledge().facts


def fact_values(fact):
    if fact.type == "bool":
        return st.booleans()
    if fact.type == "enum":
        return st.sampled_from(fact.values)
    if fact.type == "list":
        return st.lists(st.sampled_from(fact.values), unique=True, max_size=4)
    if fact.type == "int":
        return st.integers(fact.minimum, fact.maximum) | st.integers(0, 12).filter(lambda n: n <= fact.maximum)
    return st.text(max_size=fact.max_length).map(lambda text: UNSAFE_IN_TEXT.sub("", text))   # one line (refused)


situations = st.fixed_dictionaries({}, optional={f.id: st.none() | fact_values(f) for f in FACTS.values()})

PER_DOMAIN = [f for f in FACTS.values() if f.per_domain]
# a situation with per-domain facts: `domains` for some policy domains, each with some of the per-domain facts
domain_facts = st.fixed_dictionaries({}, optional={f.id: st.none() | fact_values(f) for f in PER_DOMAIN})
situations_with_domains = st.builds(
    lambda situation, domains: {**situation, "domains": domains}, situations,
    st.dictionaries(st.sampled_from(FACTS["policy_domains"].values), st.none() | domain_facts, min_size=1, max_size=5))
