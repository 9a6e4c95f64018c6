"""The per-domain view of a situation: per policy domain the bestuur holds more or fewer instruments (001 §2.2), so
each domain gets its own effective situation (the theme-wide facts, with the per-domain facts it sets itself), and
the rules that read a per-domain fact (knowledge.domain_rules) are evaluated per domain. Domains with the same
per-domain facts are evaluated once, together."""
from .chaining import fire, fire_domains
from .model import DOMAIN_FACT
from .outcome import DomainOutcome, conclude
from .situation import DOMAINS


def theme_facts(facts):
    """The theme-wide facts of a situation (without its per-domain ones)."""
    return {k: v for k, v in facts.items() if k != DOMAINS}


def per_domain(facts):
    """Whether the theme touches two or more policy domains: then a per-domain fact is asked, and tried in what-if,
    in each domain on its own."""
    return len(facts.get(DOMAIN_FACT, ())) > 1


def views(knowledge, facts):
    """[(domains, effective facts)]: the situation's policy domains grouped by their effective per-domain facts,
    in the order of policy_domains; empty without policy domains."""
    own, theme = facts.get(DOMAINS, {}), theme_facts(facts)
    groups = {}
    listed = [*facts.get(DOMAIN_FACT, ()), *(d for d in own if d not in facts.get(DOMAIN_FACT, ()))]
    for domain in listed:
        effective = {**theme, **{f: v for f, v in own.get(domain, {}).items() if f in knowledge.per_domain_facts}}
        key = tuple(effective.get(f) for f in knowledge.per_domain_facts)
        groups.setdefault(key, (effective, []))[1].append(domain)
    return [(tuple(domains), effective) for effective, domains in groups.values()]


def evaluate(knowledge, facts, fire, fire_domains):
    """The Outcome of a situation, with one DomainOutcome per group of policy domains. `fire(facts)` gives the ids
    of the condition rules that fire; `fire_domains({tag: facts}, derived)` those of the per-domain rules for each
    domain, from the theme-wide derived facts. The engine and the plain-Python chaining both come in here."""
    groups = views(knowledge, facts)
    if len(groups) <= 1:    # every domain sees the same facts: one evaluation (exactly as without domains)
        effective = groups[0][1] if groups else facts
        outcome = conclude(knowledge, fire(effective))
        outcome.by_domain = [DomainOutcome(domains, effective, outcome) for domains, effective in groups]
        return outcome
    theme_fired = fire(theme_facts(facts))
    shared = [r for r in theme_fired if r not in knowledge.domain_rules]
    derived = {n for r in shared for n in knowledge.rule(r).then.derive}
    fired = fire_domains({str(i): effective for i, (_, effective) in enumerate(groups)}, derived)
    by_domain = [DomainOutcome(domains, effective, conclude(knowledge, shared + fired[str(i)]))
                 for i, (domains, effective) in enumerate(groups)]
    per_domain = [r for g in by_domain for r in g.outcome.fired if r in knowledge.domain_rules]
    outcome = conclude(knowledge, shared + per_domain, [g.outcome.verdicts for g in by_domain])
    outcome.by_domain, outcome.theme = by_domain, conclude(knowledge, theme_fired)
    return outcome


def whole(facts, outcome):
    """(facts, outcome) that a change of a theme-wide fact is weighed against: the one evaluation when all
    domains see the same facts, else the evaluation of the theme-wide facts alone."""
    if outcome.theme is not None:
        return theme_facts(facts), outcome.theme
    return (outcome.by_domain[0].facts if outcome.by_domain else facts), outcome


def domains_of(knowledge, outcome):
    """{rule id: [policy domains it fired for]} of the per-domain rules (empty without policy domains)."""
    found = {}
    for group in outcome.by_domain:
        for rule_id in group.outcome.fired:
            if rule_id not in knowledge.domain_rules:
                continue
            found.setdefault(rule_id, []).extend(group.domains)
    return found


def evaluate_in_python(knowledge, facts):
    """The same outcome by plain-Python chaining: the engine's oracle, and what diff and the checks use."""
    return evaluate(knowledge, facts, lambda f: fire(knowledge, f), lambda s, d: fire_domains(knowledge, s, d))


def question_id(domain, fact_id):
    """The id of the question for a per-domain fact in one domain: 'domains.wonen.legal_power'."""
    return f"{DOMAINS}.{domain}.{fact_id}"


def question_fact(knowledge, question):
    """(Fact, policy domain or None) that a question id asks about."""
    if question.startswith(f"{DOMAINS}."):
        _, domain, fact_id = question.split(".", 2)
        return knowledge.facts[fact_id], domain
    return knowledge.facts[question], None


def question_ids(knowledge):
    """Every question id there can be: the facts, and each per-domain fact in each policy domain."""
    return [*knowledge.facts, *(question_id(d, f) for f in knowledge.per_domain_facts
                                for d in knowledge.facts[DOMAIN_FACT].values)]
