"""Regiewijzer's reasoning: knowledge in, advice out. `advise(facts, lang)` is the one entry point."""
import threading

from .advice import AdviceBuilder
from .engine import RuleEngine
from .errors import EngineError, KnowledgeError, RegiewijzerError, SituationError
from .knowledge import load_knowledge
from .outcome import conclude
from .questions import QuestionPlanner
from .situation import validate_situation

LANGS = ("nl", "en")

__all__ = ["Advisor", "advise", "load_knowledge", "RegiewijzerError", "KnowledgeError",
           "SituationError", "EngineError", "LANGS", "validate_lang"]


def validate_lang(lang):
    if lang not in LANGS:
        raise SituationError("lang", f"unknown language {lang!r}", allowed=list(LANGS))
    return lang


class Advisor:
    """A loaded knowledge base with its compiled engine and question planner."""

    def __init__(self, knowledge):
        self.knowledge = knowledge
        self.engine = RuleEngine(knowledge)
        self.planner = QuestionPlanner(knowledge)

    @classmethod
    def from_path(cls, path=None):
        return cls(load_knowledge(path))

    def outcome(self, facts):
        """The engine's outcome for validated facts."""
        return conclude(self.knowledge, self.engine.fire(facts))

    def advise(self, situation, lang="nl"):
        validate_lang(lang)
        facts = validate_situation(situation, self.knowledge.facts)
        outcome = self.outcome(facts)
        questions = self.planner.rank(facts, outcome)
        return AdviceBuilder(self.knowledge, lang).build(facts, outcome, questions)


_default = None
_default_lock = threading.Lock()


def default_advisor():
    """The advisor for the bundled knowledge base, built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Advisor.from_path()
        return _default


def advise(facts, lang="nl"):
    """The full advice (contract §3) for a situation, with the bundled knowledge base."""
    return default_advisor().advise(facts, lang)
