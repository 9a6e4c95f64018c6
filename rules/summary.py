"""The summary that opens every advice: the position, the stage and the next one, the strategy, the working
structure, what is still open and which answer settles it, the most severe warnings and the next steps."""

from .domains import question_fact
from .model import DOMAIN_FACT

# the parts of the summary that stand for verdicts, in order, and the verdict fields each one shows
VERDICT_LINES = {"role": ("role",), "coordination": ("stage", "next_stage"), "strategy": ("scope", "focus"),
                 "procedure": ("scenario",)}
SUMMARY_KINDS = (*VERDICT_LINES, "open", "warning", "next_step")


class SummaryBuilder:
    """The summary lines of one language: [{kind, text, source, (code | fields, fact)}]."""

    def __init__(self, knowledge, lang, source):
        self.kb, self.lang, self.source = knowledge, lang, source       # `source`: SourceRef -> what the advice shows
        self.lines, self.limits = knowledge.summary.lines, knowledge.summary.limits

    def build(self, outcome, questions, warnings, next_steps, warning_domains=None):
        """`warnings`: codes most severe first; `next_steps`: next-step item ids, best first; `warning_domains`:
        code -> the policy domains a warning concerns (empty: the theme as a whole)."""
        deciders = self._deciders(outcome)
        lines, open_fields = [], []
        for kind, fields in VERDICT_LINES.items():
            text = self._verdict_text(kind, outcome.verdicts)
            if text is None:
                open_fields.append(kind)
                continue
            rule = deciders.get(fields[0])
            source = rule.source if rule else self.kb.verdicts[fields[0]].source
            lines.append({"kind": kind, "text": text, "source": self.source(source)})
        if open_fields:
            lines.append(self._open_line(open_fields, questions, outcome.verdicts))
        room = self.limits["lines"] - len(lines) - 1           # at least one next step
        said = set()                # the next steps a warning line already carries
        for code in warnings[:max(0, min(self.limits["warnings"], room))]:
            warning = self.kb.warnings[code]
            said.update(warning.covers)
            lines.append({"kind": "warning", "code": code,
                          "text": self._warning_text(warning, (warning_domains or {}).get(code), outcome),
                          "source": self.source(warning.source)})
        room = self.limits["lines"] - len(lines)
        steps = [s for s in next_steps if s not in said] or next_steps[:1]
        for item_id in steps[:max(1, min(self.limits["next_steps"], room))]:
            item = self.kb.items[item_id]
            lines.append({"kind": "next_step", "id": item_id, "text": item.text[self.lang],
                          "source": self.source(item.source)})
        return lines

    def _warning_text(self, warning, domains, outcome):
        """A warning's summary line, naming its policy domains when it concerns only some of the situation's."""
        text = warning.summary[self.lang]
        if not domains or len(domains) == sum(len(g.domains) for g in outcome.by_domain):
            return text
        labels = self.kb.facts[DOMAIN_FACT].labels
        names = ", ".join(labels[d][self.lang] for d in domains)
        return self.lines["domain_warning"][self.lang].format(domains=names, text=text)

    def _deciders(self, outcome):
        """verdict field -> the first rule that decided it."""
        found = {}
        for rule_id in outcome.fired:
            if self.kb.decides(rule_id):
                rule = self.kb.rule(rule_id)
                for fld in (*rule.then.set, *rule.then.add):
                    found.setdefault(fld, rule)
        return found

    def _verdict_text(self, kind, verdicts):
        """The line of a decided verdict, or None while it is open."""
        lang, lines = self.lang, self.lines
        if kind == "role":
            value = verdicts["role"]
            return lines["role"][value][lang] if value in lines["role"] else None
        if kind == "coordination":
            stage, after = verdicts["stage"], verdicts["next_stage"]
            if stage is None or after is None:
                return None
            labels = self.kb.verdicts["stage"].labels
            key = "coordination_top" if stage == max(labels) else \
                "coordination_held" if after == stage else "coordination"
            return lines[key][lang].format(stage=labels[stage][lang], next_stage=labels[after][lang])
        if kind == "strategy":
            scope = verdicts["scope"]
            if scope is None:
                return None
            return " ".join([lines["strategy"][scope][lang], *(lines["focus"][f][lang] for f in verdicts["focus"])])
        scenario = verdicts["scenario"]
        return lines["procedure"][scenario][lang] if scenario is not None else None

    def _open_line(self, open_fields, questions, verdicts):
        """What is still open, and the question whose answer could settle most of it; an open strategy whose focus
        is known is named by its scope."""
        names = [self.lines["names"]["strategy_scope" if k == "strategy" and verdicts["focus"] else k][self.lang]
                 for k in open_fields]
        joiner = f" {self.lines['names']['and'][self.lang]} "
        fields = ", ".join(names[:-1]) + joiner + names[-1] if len(names) > 1 else names[0]
        wanted = {f for k in open_fields for f in VERDICT_LINES[k]}
        # the questions come in a trainer's order; the line names the one whose answer weighs most
        first = max((q for q in questions if wanted.intersection(q["could_change"])), key=lambda q: q["impact"],
                    default=None)
        source = self.kb.verdicts[VERDICT_LINES[open_fields[0]][0]].source
        line = {"kind": "open", "fields": open_fields, "source": self.source(source)}
        if first is None:
            return {**line, "text": self.lines["open_without_question"][self.lang].format(fields=fields)}
        fact, domain = question_fact(self.kb, first["fact"])
        question = fact.question[self.lang]
        if domain:
            question = self.lines["domain_question"][self.lang].format(
                question=question, domain=self.kb.facts[DOMAIN_FACT].labels[domain][self.lang])
        return {**line, "fact": first["fact"], "text": self.lines["open"][self.lang].format(fields=fields,
                                                                                            question=question)}
