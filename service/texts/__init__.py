"""Every word Regiewijzer shows to people: nl.yaml and en.yaml beside this file (the same keys in both), and the
small helpers that put them together with the labels of the knowledge base."""
from functools import cache
from pathlib import Path

from ...rules import yamlfile

TEXTS_DIR = Path(__file__).resolve().parent


@cache
def texts(lang):
    """The texts of one language, as nested mappings (read once per process; treat as read-only)."""
    return yamlfile.load((TEXTS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


class Labels:
    """The knowledge base's labels of facts, values and verdicts in one language."""

    def __init__(self, knowledge, lang):
        self.kb, self.lang = knowledge, lang
        self.words = texts(lang)["whatif"]

    def fact(self, fact_id):
        return self.kb.facts[fact_id].label[self.lang]

    def value(self, fact_id, value):
        """An answer in words: 'ja', a value's label, a list of labels, or the number."""
        fact = self.kb.facts[fact_id]
        if fact.type == "bool":
            return self.words["yes" if value else "no"]
        if fact.type == "enum":
            return fact.labels[value][self.lang]
        if fact.type == "list":
            return ", ".join(fact.labels[v][self.lang] for v in value) or self.words["none"]
        return str(value)

    def verdict(self, fld, value):
        """The label of a verdict value (a list of values joined), or 'nog onbeslist' while undecided."""
        labels = self.kb.verdicts[fld].labels
        if isinstance(value, list):
            return ", ".join(labels[v][self.lang] for v in value) or self.words["none"]
        return labels[value][self.lang] if value in labels else self.words["undecided"]


def verdict_summary(advice, section, undecided):
    """The verdict of an advice section in words: 'Marktsturing', 'Overleg → Collegiale beslissingen' (now →
    next stage), 'Dieptestrategie · Procesmatig' (scope · focus); `undecided` stands in for an open verdict."""
    part = advice[section]
    keys = {"role": ["label"], "coordination": ["stage_label", "next_stage_label"],
            "strategy": ["scope_label", "focus_labels"], "procedure": ["scenario_label"]}[section]
    labels = [", ".join(part[key]) if isinstance(part[key], list) else part[key] for key in keys]
    return (" → " if section == "coordination" else " · ").join(label or undecided for label in labels)
