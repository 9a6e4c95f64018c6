"""The what-if analysis in one language: levers and branches as data with labels, sentences, rules and sources."""
from ...rules.domains import question_id
from ...rules.model import DOMAIN_FACT
from . import Labels, texts


def what_if(advisor, situation, lang="nl"):
    """The what-if document of the API (`POST /api/v1/what-if`) for a situation."""
    analysis = advisor.what_if(situation)
    words = WhatIfWords(advisor.builders[lang])
    return {"lang": lang, "knowledge_version": advisor.knowledge.version,
            "levers": [words.lever(effect, scenario) for effect, scenario in analysis.levers],
            "asks": [words.lever(effect, scenario, "ask") for effect, scenario in analysis.asks],
            "branches": [words.branch(fact_id, scenarios) for fact_id, scenarios in analysis.branches]}


class WhatIfWords:
    """Words the levers and branches of one language; `builder` is the advisor's AdviceBuilder of that language
    (its sources are shared)."""

    def __init__(self, builder):
        self.kb, self.lang, self.advice = builder.kb, builder.lang, builder
        self.words = texts(self.lang)["whatif"]
        self.labels = Labels(self.kb, self.lang)

    def change(self, fact_id, value, domains=()):
        """A change of a fact; for the facts of some policy domains (`domains`) the id is `domains.<d>.<fact>`
        for one domain, and the label names them."""
        ident, label = self.named(fact_id, domains)
        out = {"fact": ident, "fact_label": label, "value": value, "value_label": self.labels.value(fact_id, value)}
        return {**out, "domains": list(domains)} if domains else out

    def named(self, fact_id, domains=()):
        """(id, label) of a fact, or of a per-domain fact in the policy domains `domains`."""
        if not domains:
            return fact_id, self.labels.fact(fact_id)
        names = ", ".join(self.kb.facts[DOMAIN_FACT].labels[d][self.lang] for d in domains)
        return (question_id(domains[0], fact_id) if len(domains) == 1 else fact_id,
                f"{self.labels.fact(fact_id)} ({names})")

    def effect(self, effect):
        """An Effect as data with labels and a sentence."""
        if effect.target.startswith("warning:"):
            code = effect.target.split(":", 1)[1]
            title = self.kb.warnings[code].title[self.lang]
            text = self.words["warning_added" if effect.after else "warning_gone"].format(title=title)
            labels = [self.words["present" if v else "absent"] for v in (effect.before, effect.after)]
            target_label = title
        else:
            labels = [self.labels.verdict(effect.target, v) for v in (effect.before, effect.after)]
            target_label = self.kb.verdicts[effect.target].label[self.lang]
            text = self.words["becomes"].format(field=target_label, value=labels[1])
        return {"target": effect.target, "target_label": target_label, "from": effect.before,
                "from_label": labels[0], "to": effect.after, "to_label": labels[1], "text": text}

    def _rules(self, scenario, target):
        """The started or stopped rules that decide `target`."""
        kind, name = ("warning", target.split(":", 1)[1]) if target.startswith("warning:") else ("verdict", target)
        rules = [r for r in self.kb.rules if r.id in scenario.toggled]
        return [r for r in rules if r.concludes(kind, name)] or rules

    def lever(self, effect, scenario, template="lever"):
        """A lever (the bestuur's change) or, with `template="ask"`, what to ask of a higher government; its sources
        are the passages saying who can make the change, then those of the rules that decide the effect."""
        shown = self.effect(effect)
        others = [self.effect(e)["text"] for e in scenario.effects if e != effect]
        changes = [self.change(f, v, scenario.domains) for f, v in scenario.changes]
        phrase = self.words["and"].join(f"{c['fact_label']} «{c['value_label']}»" for c in changes)
        text = self.words[template].format(changes=phrase, effect=shown["text"])
        if others:
            text += self.words["also"].format(effects=", ".join(others))
        rules = self._rules(scenario, effect.target)
        sources = []
        for place in (*scenario.grounds, *(rule.source for rule in rules)):
            source = self.advice.source(place)
            if source not in sources:
                sources.append(source)
        return {**{k: v for k, v in shown.items() if k != "text"}, "changes": changes, "text": text,
                "also": others, "sources": sources, "rules": [r.id for r in rules]}

    def branch(self, fact_id, scenarios):
        """An unknown fact: what each answer would change, answers with the same effects grouped."""
        outcomes, groups = [], {}
        for scenario in scenarios:
            value = scenario.changes[0][1]
            effects = [self.effect(e) for e in scenario.effects]
            outcomes.append({"value": value, "value_label": self.labels.value(fact_id, value), "effects": effects,
                             "rules": list(scenario.toggled)})
            groups.setdefault(repr(scenario.effects), []).append(outcomes[-1])
        parts = []
        for same in groups.values():
            values = self.words["or"].join(o["value_label"] for o in same)
            said = ", ".join(e["text"] for e in same[0]["effects"]) or self.words["no_change"]
            parts.append(self.words["if"].format(values=values, effects=said))
        fact, (ident, label) = self.kb.facts[fact_id], self.named(fact_id, scenarios[0].domains)
        return {"fact": ident, "fact_label": label, "question": fact.question[self.lang],
                "outcomes": outcomes,
                "text": self.words["branch"].format(fact=label, outcomes="; ".join(parts))}
