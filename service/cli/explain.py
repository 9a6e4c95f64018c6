"""`regiewijzer explain`: the advice and its reasoning as readable terminal text, for trainers."""
import textwrap

from ...rules.domains import question_fact, theme_facts
from ...rules.model import DOMAIN_FACT
from ...rules.situation import DOMAINS, one_line
from ..texts import Labels, texts, verdict_summary

WIDTH = 100
VERDICT_FIELDS = {"role": ("role",), "coordination": ("stage", "next_stage"), "strategy": ("scope", "focus"),
                  "procedure": ("scenario",)}


class Explainer:
    def __init__(self, knowledge, lang):
        self.kb, self.lang, self.words = knowledge, lang, texts(lang)["explain"]
        self.labels = Labels(knowledge, lang)
        self.lines = []

    def say(self, text, indent=0):
        """One paragraph, wrapped; no control character reaches the terminal (one_line)."""
        prefix = " " * indent
        self.lines += textwrap.wrap(one_line(text), WIDTH, initial_indent=prefix,
                                    subsequent_indent=prefix + "  ") or [""]

    def source(self, source):
        return f"{self.words['source']}: {source['document_id']} §{source['section']} {source['section_title']}" + \
            (f" ({source['box']})" if source.get("box") else "")

    def answered(self, matched):
        return ", ".join(f"{self.kb.facts[f].label[self.lang]} = {self.labels.value(f, v)}"
                         for f, v in matched.items() if v is not None)

    def explain(self, advice):
        words, facts = self.words, advice["situation"]
        self.say(f"{words['title']} ({words['version']} {advice['knowledge_version']})")
        self.say(words["note"])
        self.say("")
        self.say(words["situation"].format(known=len(facts), total=len(self.kb.facts)))
        for fact_id, value in theme_facts(facts).items():
            self.say(f"{self.kb.facts[fact_id].label[self.lang]}: {self.labels.value(fact_id, value)}", 2)
        for domain, own in facts.get(DOMAINS, {}).items():
            for fact_id, value in own.items():
                self.say(f"{self.kb.facts[fact_id].label[self.lang]} ({self.domain(domain)}): "
                         f"{self.labels.value(fact_id, value)}", 2)
        self.say("")
        self.say(words["verdicts"])
        for section, fields in VERDICT_FIELDS.items():
            self.verdict(advice, section, fields)
        if advice["role"]["by_domain"]:
            self.say(words["by_domain"], 2)
            for part in advice["role"]["by_domain"]:
                self.say(f"{part['domain_label']}: {part['label']}", 4)
        self.items(words["warnings"], advice["warnings"], severity=True)
        self.items(words["dos"], advice["dos"])
        self.items(words["donts"], advice["donts"])
        self.trace(advice["trace"])
        self.say("")
        self.say(words["questions"])
        for number, question in enumerate(advice["question_details"][:10], start=1):
            fact, domain = question_fact(self.kb, question["fact"])
            asked = fact.question[self.lang] + (f" ({words['for_domain']} {self.domain(domain)})" if domain else "")
            self.say(f"{number}. {asked} ({words['could_change']}: "
                     f"{', '.join(question['could_change'])})", 2)
        return "\n".join(self.lines) + "\n"

    def domain(self, domain):
        return self.kb.facts[DOMAIN_FACT].labels[domain][self.lang]

    def verdict(self, advice, section, fields):
        words = self.words
        self.say(f"{words[section]}: {verdict_summary(advice, section, words['undecided'])}", 2)
        deciding = [s for s in advice["trace"]
                    if any(f in s["concludes"].get("set", {}) or f in s["concludes"].get("add", {}) for f in fields)]
        if not deciding:
            self.say(f"{words['why']}: {words['no_rule']}", 4)
        for step in deciding:
            self.say(f"{words['why']}: {step['rule']} ({self.source(step['source'])})", 4)
            if self.answered(step["matched"]):
                self.say(f"{words['answers']}: {self.answered(step['matched'])}", 6)

    def items(self, title, items, severity=False):
        self.say("")
        self.say(title)
        if not items:
            self.say(self.words["none"], 2)
        for item in items:
            level = f"[{self.words['severity'][item['severity']]}] " if severity else ""
            concerns = f" ({', '.join(item['domain_labels'])})" if item.get("domain_labels") else ""
            if item.get("title"):
                self.say(f"- {level}{item['title']}{concerns}", 2)
                self.say(item["text"], 4)
            else:
                self.say(f"- {level}{item['text']}", 2)
            self.say(f"{self.source(item['source'])}; {self.words['rules']}: {', '.join(item['rules'])}", 4)

    def trace(self, steps):
        self.say("")
        self.say(self.words["trace"])
        for step in steps:
            concludes = "; ".join(f"{kind} " + (", ".join(f"{f} = {v}" for f, v in what.items())
                                                if isinstance(what, dict) else ", ".join(what))
                                  for kind, what in step["concludes"].items())
            line = f"{step['step']}. {step['rule']}"
            if step.get("domains"):
                line += f" ({', '.join(self.domain(d) for d in step['domains'])})"
            if self.answered(step["matched"]):
                line += f" ← {self.answered(step['matched'])}"
            if step["requires"]:
                line += f" [{self.words['requires']} {', '.join(step['requires'])}]"
            self.say(f"{line} ⇒ {concludes}", 2)


def explain(advice, knowledge):
    """The advice (as `Advisor.advise` returns it) as terminal text in its own language."""
    return Explainer(knowledge, advice["lang"]).explain(advice)
