"""Turns an Outcome into the advice document (docs/contract.md §3), in one language."""

ITEM_SECTIONS = ("role", "coordination", "strategy", "procedure", "positioning", "context",
                 "participants", "background")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


class AdviceBuilder:
    """Builds advice documents in one language. The parts that do not depend on the situation (sources, item
    texts, trace steps) are made once per builder and shared by every advice it builds: treat them as read-only."""

    def __init__(self, knowledge, lang):
        self.kb, self.lang = knowledge, lang
        self._sources = {}      # (document, section, box) -> its dict
        self._items = {}        # item id -> its dict without the selecting rules
        self._steps = {}        # rule id -> its trace step without the number and the matched facts

    def source(self, ref):
        key = (ref.document, ref.section, ref.box)
        out = self._sources.get(key)
        if out is None:
            out = self._sources[key] = self._source(ref)
        return out

    def _source(self, ref):
        doc = self.kb.documents[ref.document]
        section = doc.sections[ref.section]
        out = {"document": doc.file, "document_id": doc.id, "document_title": doc.title[self.lang],
               "section": section.id, "section_title": section.title[self.lang]}
        if ref.box:
            out["box"] = ref.box
        return out

    def label(self, fld, value):
        labels = self.kb.verdicts[fld].labels
        return labels[value][self.lang] if value in labels else None

    def item(self, item, rules):
        static = self._items.get(item.id)
        if static is None:
            static = self._items[item.id] = {"id": item.id, "kind": item.kind, "text": item.text[self.lang],
                                             "source": self.source(item.source)}
            if item.title:
                static["title"] = item.title[self.lang]
            if item.inference:
                static["inference"] = item.inference[self.lang]
        return {**static, "rules": rules}

    def example(self, example, rules):
        return {"id": example.id, "kind": "example", "place": example.place, "title": example.title[self.lang],
                "text": example.text[self.lang], "lesson": example.lesson[self.lang],
                "source": self.source(example.source), "rules": rules}

    def warning(self, code, rules):
        warning = self.kb.warnings[code]
        return {"code": code, "severity": warning.severity, "title": warning.title[self.lang],
                "text": warning.text[self.lang], "source": self.source(warning.source), "rules": rules}

    def trace(self, outcome, facts):
        steps = []
        for number, rule_id in enumerate(outcome.fired, start=1):
            step = {"step": number, "rule": rule_id, "matched": {f: facts.get(f) for f in self.kb.reads(rule_id)}}
            step.update(self._step(rule_id))
            steps.append(step)
        return steps

    def _step(self, rule_id):
        static = self._steps.get(rule_id)
        if static is None:
            rule = self.kb.rule(rule_id)
            static = self._steps[rule_id] = {"requires": list(rule.requires), "source": self.source(rule.source),
                                             "concludes": dict(rule.then.shown)}
            if rule.otherwise:
                static["otherwise"] = rule.otherwise
        return static

    def build(self, facts, outcome, questions):
        ranked = sorted(outcome.selected, key=lambda key: self.kb.relevance(key, outcome.selected[key]))
        sections = {name: [] for name in (*ITEM_SECTIONS, "dos", "donts")}
        examples = []
        for key in ranked:
            rules = outcome.selected[key]
            if key in self.kb.examples:
                examples.append(self.example(self.kb.examples[key], rules))
            else:
                item = self.kb.items[key]
                sections[item.section].append(self.item(item, rules))
        v = outcome.verdicts
        warnings = sorted(outcome.warnings, key=lambda c: (SEVERITY_ORDER[self.kb.warnings[c].severity],
                                                           list(self.kb.warnings).index(c)))
        advice = {
            "role": {"verdict": v["role"], "label": self.label("role", v["role"]), "items": sections["role"]},
            "coordination": {"stage": v["stage"], "stage_label": self.label("stage", v["stage"]),
                             "next_stage": v["next_stage"],
                             "next_stage_label": self.label("next_stage", v["next_stage"]),
                             "items": sections["coordination"]},
            "strategy": {"scope": v["scope"], "scope_label": self.label("scope", v["scope"]),
                         "focus": v["focus"], "focus_labels": [self.label("focus", f) for f in v["focus"]],
                         "items": sections["strategy"]},
            "procedure": {"scenario": v["scenario"], "scenario_label": self.label("scenario", v["scenario"]),
                          "items": sections["procedure"]},
            **{name: {"items": sections[name]} for name in ("positioning", "context", "participants", "background")},
            "dos": sections["dos"],
            "donts": sections["donts"],
            "warnings": [self.warning(code, outcome.warnings[code]) for code in warnings],
            "examples": examples,
            "questions": [q["fact"] for q in questions],
            "question_details": questions,
            "trace": self.trace(outcome, facts),
            "situation": facts,
            "lang": self.lang,
            "knowledge_version": self.kb.version,
        }
        return advice


def verdicts(advice):
    """The verdict fields of an advice document: role, stage, next_stage, scope, focus, scenario."""
    return {"role": advice["role"]["verdict"], "stage": advice["coordination"]["stage"],
            "next_stage": advice["coordination"]["next_stage"], "scope": advice["strategy"]["scope"],
            "focus": advice["strategy"]["focus"], "scenario": advice["procedure"]["scenario"]}
