"""The knowledge base as plain objects: what knowledge/*.yaml says, validated."""
from dataclasses import dataclass, field
from functools import cached_property

from .conditions import compile_condition, facts_of, holds

LANGS = ("nl", "en")
# who can change a fact (facts.yaml `lever`): the bestuur itself, nobody (a circumstance), only a higher government
BESTUUR, CIRCUMSTANCE, HIGHER_GOVERNMENT = CHANGERS = ("bestuur", "circumstance", "higher_government")
DOMAIN_FACT = "policy_domains"      # the list fact whose values are the policy domains (situation.domains' keys)


@dataclass(frozen=True)
class SourceRef:
    document: str
    section: str
    box: str = None


@dataclass
class Section:
    id: str
    heading: str
    title: dict


@dataclass
class Document:
    id: str
    file: str
    title: dict
    sections: dict
    short: dict = None      # {nl, en}: a short name, for a citation in a line of text


@dataclass
class AdviceSection:
    """A section of the advice (knowledge/sections.yaml): the 4P part it belongs to and how many items the
    focused answer shows."""
    id: str
    part: str
    focused: int


@dataclass
class Layout:
    """The order of the advice (knowledge/sections.yaml): parts and sections in the order of 001 §3.1."""
    parts: dict                     # part id -> SourceRef
    sections: dict                  # section id -> AdviceSection, in order
    examples_focused: int
    focused_items: int
    domain_items_focused: int       # items per policy domain in a focused answer's role.by_domain (as references)
    domain_references_focused: int  # references over all the domains of a focused answer's role.by_domain

    def domain_items(self, domains):
        """How many items a focused answer's role.by_domain refers to for each of `domains` policy domains."""
        return max(1, min(self.domain_items_focused, self.domain_references_focused // max(1, domains)))


@dataclass
class Parameter:
    id: str
    value: int
    note: dict
    source: SourceRef


@dataclass(frozen=True)
class LeverException:
    """Who changes some values of a fact while a condition holds (facts.yaml `lever_exceptions`)."""
    values: tuple           # the values it is about (all values when empty)
    when: object            # a condition on the current situation
    changed_by: str         # BESTUUR, CIRCUMSTANCE or HIGHER_GOVERNMENT
    source: SourceRef


@dataclass
class Fact:
    id: str
    group: str
    type: str
    label: dict
    question: dict
    help: dict
    source: SourceRef
    values: tuple = ()
    labels: dict = field(default_factory=dict)
    minimum: int = None
    maximum: int = None
    max_length: int = None
    changed_by: str = CIRCUMSTANCE      # who can change the fact: BESTUUR, CIRCUMSTANCE or HIGHER_GOVERNMENT
    lever_source: SourceRef = None      # the passage saying who changes it (required for HIGHER_GOVERNMENT)
    lever_exceptions: tuple = ()        # (LeverException, ...): the first that holds decides
    per_domain: bool = False            # may differ per policy domain (situation.domains)

    @property
    def lever(self):
        """Whether the bestuur itself can change the fact (outside any exception)."""
        return self.changed_by == BESTUUR

    def changer(self, value, facts):
        """(who can change the fact to `value` in the situation `facts`, the passage that says so)."""
        for exception in self.lever_exceptions:
            if (not exception.values or value in exception.values) and holds(exception.when, facts):
                return exception.changed_by, exception.source
        return self.changed_by, self.lever_source

    def accepts_item(self, value):
        """Whether `value` is a valid value (or, for a list fact, a valid element)."""
        if self.type == "bool":
            return isinstance(value, bool)
        if self.type in ("enum", "list"):
            return isinstance(value, str) and value in self.values
        if self.type == "int":
            return isinstance(value, int) and not isinstance(value, bool) and self.minimum <= value <= self.maximum
        return isinstance(value, str) and len(value) <= self.max_length

    def allowed_description(self):
        if self.type == "bool":
            return "true, false or null"
        if self.type == "enum":
            return "one of " + ", ".join(self.values) + " (or null)"
        if self.type == "list":
            return "a list of " + ", ".join(self.values) + " (or null)"
        if self.type == "int":
            return f"a whole number from {self.minimum} to {self.maximum} (or null)"
        return f"text of at most {self.max_length} characters (or null)"

    def allowed(self):
        """The allowed values as data, for error responses."""
        if self.type == "bool":
            return [True, False, None]
        if self.type in ("enum", "list"):
            return list(self.values)
        if self.type == "int":
            return {"minimum": self.minimum, "maximum": self.maximum}
        return {"max_length": self.max_length}


@dataclass
class QuestionStage:
    """A stage of the order in which questions come (knowledge/questions.yaml): the facts asked in it."""
    id: str
    label: dict
    source: SourceRef
    facts: tuple            # fact ids, in the order of facts.yaml


@dataclass
class Verdict:
    field: str
    section: str
    label: dict
    values: tuple
    labels: dict
    source: SourceRef
    undecided: object = None
    many: bool = False
    diagrams: dict = field(default_factory=dict)


@dataclass
class AdviceWarning:
    """A warning the advice can give (knowledge/warnings.yaml)."""
    code: str
    severity: str
    title: dict
    text: dict
    source: SourceRef
    summary: dict                   # {nl, en}: what to do, in one line of the advice's summary
    covers: tuple = ()              # ids of the items whose message the warning carries (not repeated beside it)


@dataclass
class SummaryTexts:
    """The words of the advice's summary (knowledge/summary.yaml): limits, and the lines per verdict value."""
    limits: dict                    # lines, warnings, next_steps -> a whole number
    lines: dict                     # role/strategy/focus/procedure -> {value: {nl, en}}; the templates -> {nl, en}


@dataclass
class Item:
    id: str
    kind: str
    section: str
    text: dict
    source: SourceRef
    file: str
    title: dict = None
    inference: dict = None
    contradicts: tuple = ()         # ids of items or cases the guidance sets against this one (never both)
    domains: tuple = ()             # the policy domains whose decree the item describes (shown in role.by_domain)
    dated: int = None               # the year of the guidance its text describes ("In de leidraad (2011)")


@dataclass
class Example:
    """A practice case ("Uit de praktijk"), and the exercise it makes in training mode."""
    id: str
    place: str
    title: dict
    text: dict
    lesson: dict
    source: SourceRef
    situation: dict                 # the facts the story tells: how well the case matches an advice
    file: str
    training_situation: dict = field(default_factory=dict)     # the story's facts plus the stated assumptions
    assumptions: dict = None        # {nl, en}: what the exercise assumes beyond the story ("Stel dat ...")
    teaches: dict = field(default_factory=dict)    # verdict field -> the value the training situation gives
    see_also: tuple = ()            # other tellings of the same story (SourceRef)
    aliases: tuple = ()             # former ids of the case (old course links keep working)


@dataclass
class Count:
    """A fact about the sources the encoding must keep: how many items of `kinds` cite `source`."""
    what: str
    kinds: tuple
    document: str
    section: str            # None: the whole document
    count: int = None
    at_least: int = None

    def holds(self, found):
        return found == self.count if self.count is not None else found >= self.at_least


@dataclass
class GlossaryTerm:
    """A Dutch term the English texts keep on purpose, explained once (knowledge/glossary.yaml)."""
    id: str
    term: dict
    text: dict
    source: SourceRef


@dataclass
class Conclusions:
    """What a rule concludes when it fires."""
    set: dict = field(default_factory=dict)
    add: dict = field(default_factory=dict)
    warn: tuple = ()
    derive: tuple = ()
    select: tuple = ()

    @cached_property
    def shown(self):
        """The conclusions that are not empty, as the advice's trace shows them (computed once: read-only)."""
        return {name: getattr(self, name) for name in ("set", "add", "warn", "derive", "select") if getattr(self, name)}


@dataclass
class Rule:
    id: str
    when: object
    requires: tuple
    then: Conclusions
    source: SourceRef
    file: str
    priority: int = 0
    otherwise: str = None
    mixed: str = None               # a verdict field: fires when the policy domains reach different decided values

    def __post_init__(self):
        self.holds = compile_condition(self.when)     # facts -> whether the condition holds
        # whether the rule decides a verdict or gives a warning (what-if and the planner compare only those)
        self.decisive = bool(self.then.set or self.then.add or self.then.warn or self.otherwise is not None
                             or self.mixed is not None)
        # fired by its condition (engine, chaining); `otherwise` and `mixed` rules are applied after them
        self.conditional = self.otherwise is None and self.mixed is None

    def concludes(self, kind, target):
        """Whether this rule itself gives `target`: a verdict field, a warning code or an item id (`kind`)."""
        then = self.then
        if kind == "verdict":
            return target in then.set or target in then.add or self.otherwise == target
        return target in (then.warn if kind == "warning" else then.select)


@dataclass
class Knowledge:
    documents: dict
    parameters: dict
    groups: list
    facts: dict
    verdicts: dict
    warnings: dict
    items: dict
    examples: dict
    rules: list
    counts: list
    layout: Layout
    summary: SummaryTexts
    glossary: dict
    version: str
    question_order: list = field(default_factory=list)     # [QuestionStage] in the order a trainer asks

    def stage(self, fact_id):
        """The place of a fact's stage in the question order."""
        return self._stages[fact_id]

    def rule(self, rule_id):
        return self._rules_by_id[rule_id]

    def relevance(self, item_id, rule_ids):
        """The sort key of an item selected by `rule_ids`: highest rule priority first, then its place in that
        rule's `select` list (editors list the most important first), then where it stands in knowledge/."""
        best = rule_ids[0] if len(rule_ids) == 1 else max(rule_ids, key=self._priorities.__getitem__)
        return self._relevance[best, item_id]

    def reads(self, rule_id):
        """The facts a rule's condition reads, sorted."""
        return self._reads[rule_id]

    def decides(self, rule_id):
        """Whether a rule sets or adds a verdict."""
        return rule_id in self._deciders

    def derivers(self, name):
        """The rules that derive the fact `name`."""
        return self._derivers.get(name, [])

    def with_prerequisites(self, rules):
        """The ids of `rules` and of every rule they depend on through the derived facts they require."""
        found, todo = set(), list(rules)
        while todo:
            rule = todo.pop()
            if rule.id not in found:
                found.add(rule.id)
                todo += [d for name in rule.requires for d in self.derivers(name)]
        return found

    def _domain_rules(self):
        """The ids of the condition rules evaluated per policy domain: those reading a per-domain fact, and those
        requiring (transitively) what such a rule derives. The others hold for the whole theme."""
        per_domain = set(self.per_domain_facts)
        found = {r.id for r in self.rules if r.conditional and per_domain.intersection(self._reads[r.id])}
        derived = {n for r in self.rules if r.id in found for n in r.then.derive}
        changed = True
        while changed:
            changed = False
            for rule in self.rules:
                if rule.conditional and rule.id not in found and derived.intersection(rule.requires):
                    found.add(rule.id)
                    derived.update(rule.then.derive)
                    changed = True
        return frozenset(found)

    def selectors(self, item_id):
        """The ids of the rules that can select an item or practice case."""
        return self._selectors.get(item_id, [])

    def __post_init__(self):
        self._rules_by_id = {r.id: r for r in self.rules}
        self._reads = {r.id: tuple(sorted(facts_of(r.when))) for r in self.rules}
        self._deciders = {r.id for r in self.rules if r.then.set or r.then.add}
        self.otherwise_rules = [r for r in self.rules if r.otherwise is not None]
        self.mixed_rules = [r for r in self.rules if r.mixed is not None]
        self.per_domain_facts = tuple(f.id for f in self.facts.values() if f.per_domain)
        self.domain_rules = self._domain_rules()
        self._positions = {key: i for i, key in enumerate([*self.items, *self.examples])}
        self._stages = {f: i for i, stage in enumerate(self.question_order) for f in stage.facts}
        self._priorities = {r.id: r.priority for r in self.rules}
        self._relevance = {}        # (rule id, item id) -> the item's sort key when that rule is its best
        for rule in self.rules:
            for index, item_id in enumerate(rule.then.select):
                self._relevance.setdefault((rule.id, item_id), (-rule.priority, index, self._positions[item_id]))
        self.case_aliases = {name: e.id for e in self.examples.values() for name in e.aliases}
        self._selectors, self._derivers = {}, {}
        for rule in self.rules:
            for item_id in rule.then.select:
                self._selectors.setdefault(item_id, []).append(rule.id)
            for name in rule.then.derive:
                self._derivers.setdefault(name, []).append(rule)
