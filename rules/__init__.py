"""Regiewijzer's reasoning: knowledge in, advice out. `advise(situation, lang)` is the plain entry point."""
import threading
from dataclasses import dataclass

from .advice import DETAILS, AdviceBuilder, validate_detail, verdicts
from .domains import evaluate, per_domain, whole
from .engine import RuleEngine
from .errors import EngineError, KnowledgeError, RegiewijzerError, SituationError
from .knowledge import load_knowledge
from .model import BESTUUR, HIGHER_GOVERNMENT
from .questions import QuestionPlanner
from .reevaluation import Reevaluator
from .situation import validate_situation
from .whatif import WhatIf

LANGS = ("nl", "en")

__all__ = ["Advisor", "advise", "load_knowledge", "RegiewijzerError", "KnowledgeError",
           "SituationError", "EngineError", "LANGS", "DETAILS", "validate_lang", "verdicts"]


def validate_lang(lang):
    if lang not in LANGS:
        raise SituationError("lang", f"unknown language {lang!r}", allowed=list(LANGS))
    return lang


@dataclass
class WhatIfAnalysis:
    """Levers and asks [(Effect, Scenario)], most important first, and branches [(fact id, [Scenario per value])]."""
    levers: list            # changes the bestuur can make itself
    asks: list              # changes only a higher government can make: what to ask of it
    branches: list


class Advisor:
    """A loaded knowledge base with its compiled engine and question planner."""

    def __init__(self, knowledge):
        self.knowledge = knowledge
        self.engine = RuleEngine(knowledge)
        reevaluator = Reevaluator(knowledge)
        self.planner = QuestionPlanner(knowledge, reevaluator)
        self.whatif = WhatIf(knowledge, self.planner, reevaluator)
        self.builders = {lang: AdviceBuilder(knowledge, lang) for lang in LANGS}
        # levers are listed verdicts first (in knowledge order), then warnings
        self.lever_order = {key: i for i, key in enumerate([*knowledge.verdicts,
                                                            *(f"warning:{c}" for c in knowledge.warnings)])}

    @classmethod
    def from_path(cls, path=None):
        return cls(load_knowledge(path))

    def outcome(self, facts):
        """The engine's outcome for validated facts, per policy domain where the domains' facts differ."""
        return evaluate(self.knowledge, facts, self.engine.fire, self.engine.fire_domains)

    def advise(self, situation, lang="nl", detail="focused"):
        """The advice for a situation: focused on what it selects (the default), or every item (`detail="full"`)."""
        validate_lang(lang)
        validate_detail(detail)
        facts = validate_situation(situation, self.knowledge.facts)
        outcome = self.outcome(facts)
        questions = self.planner.rank(facts, outcome)
        return self.builders[lang].build(facts, outcome, questions, detail)

    def what_if(self, situation):
        """Levers (one or two known facts the bestuur can change), asks (the same for the facts only a higher
        government can change) and branches (unknown facts) for a situation."""
        facts = validate_situation(situation, self.knowledge.facts)
        outcome = self.outcome(facts)
        questions = self.planner.rank(facts, outcome)
        theme_facts, theme = whole(facts, outcome)
        split = per_domain(facts)
        theme_wide = [f for f in self.whatif.changeable if not (split and f.per_domain)]
        domain_facts = [f for f in self.whatif.changeable if f.per_domain]
        found = {who: self.whatif.levers_for(theme_facts, theme, who, theme_wide)
                 for who in (BESTUUR, HIGHER_GOVERNMENT)}
        branches = self.whatif.branches_for(theme_facts, theme, [q["fact"] for q in questions if "domain" not in q])
        for group in outcome.by_domain if split else ():
            for who in found:
                found[who] += self.whatif.levers_for(group.facts, group.outcome, who, domain_facts, group.domains)
            for domain in group.domains:
                branches += self.whatif.branches_for(group.facts, group.outcome,
                                                     [q["domain_fact"] for q in questions if q.get("domain") == domain],
                                                     (domain,))
        levers, asks = (sorted(found[who], key=lambda lever: (self.lever_order[lever[0].target], len(lever[1].changes)))
                        for who in (BESTUUR, HIGHER_GOVERNMENT))
        return WhatIfAnalysis(levers, asks, branches)


_default = None
_default_lock = threading.Lock()


def default_advisor():
    """The advisor for the bundled knowledge base, built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Advisor.from_path()
        return _default


def advise(situation, lang="nl", detail="focused"):
    """The advice (docs/contract.md §3) for a situation, with the bundled knowledge base."""
    return default_advisor().advise(situation, lang, detail)
