"""A fixed, seeded sample of valid situations drawn from the fact vocabulary (no hypothesis at runtime)."""
import random

SEED = 20261123
KNOWN_SHARE = 0.6     # the chance that a fact is answered; the rest stays unknown
DOMAINS_SHARE = 0.3   # the chance that a situation gives per-domain facts (`domains`)


def fact_value(fact, rng):
    """A random valid value of one fact; numbers mostly small, where the thresholds are."""
    if fact.type == "bool":
        return rng.random() < 0.5
    if fact.type == "enum":
        return rng.choice(fact.values)
    if fact.type == "list":
        return rng.sample(fact.values, rng.randint(0, min(4, len(fact.values))))
    if fact.type == "int":
        return rng.randint(fact.minimum, min(fact.maximum, 12)) if rng.random() < 0.8 \
            else rng.randint(fact.minimum, fact.maximum)
    return "".join(rng.choice("abcdefghij ") for _ in range(rng.randint(0, 20)))


def sample_situations(facts, count, seed=SEED):
    """`count` situations over the facts (a dict id -> Fact), the same for the same seed and vocabulary."""
    rng, domain_rng = random.Random(seed), random.Random(seed + 1)
    ordered = sorted(facts.values(), key=lambda f: f.id)
    situations = [{f.id: fact_value(f, rng) for f in ordered if rng.random() < KNOWN_SHARE} for _ in range(count)]
    per_domain = [f for f in ordered if f.per_domain]
    for situation in situations:
        if per_domain and domain_rng.random() < DOMAINS_SHARE:
            domains = domain_rng.sample(facts["policy_domains"].values, domain_rng.randint(1, 3))
            situation["domains"] = {d: {f.id: fact_value(f, domain_rng) for f in per_domain
                                        if domain_rng.random() < KNOWN_SHARE} for d in domains}
    return situations


def many_domain_situations(facts, count, seed=SEED):
    """`count` situations whose theme touches six to all policy domains, most facts known and each domain with
    answers of its own: the largest answers there are (the bound of the focused answer's size is held on them)."""
    rng = random.Random(seed)
    ordered = sorted(facts.values(), key=lambda f: f.id)
    per_domain = [f for f in ordered if f.per_domain]
    domains = facts["policy_domains"].values
    situations = []
    for _ in range(count):
        known = rng.choice((0.5, 0.8, 1.0))
        situation = {f.id: fact_value(f, rng) for f in ordered if rng.random() < known}
        situation["policy_domains"] = rng.sample(domains, rng.randint(6, len(domains)))
        situation["domains"] = {d: {f.id: fact_value(f, rng) for f in per_domain if rng.random() < 0.8}
                                for d in situation["policy_domains"]}
        situations.append(situation)
    return situations
