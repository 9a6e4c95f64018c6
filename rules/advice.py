"""Turns an Outcome into the advice document (docs/contract.md §3), in one language."""

from .conditions import ALWAYS, deciding_facts
from .domains import domains_of
from .errors import SituationError
from .model import DOMAIN_FACT
from .situation import DOMAINS
from .summary import SummaryBuilder

DETAILS = ("focused", "full")       # what an answer holds: what this situation selects, or everything
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
VERDICT_SECTIONS = ("role", "coordination", "strategy", "procedure")
EXAMPLE = object()      # the place of a practice case among the selected keys


def validate_detail(detail):
    if detail not in DETAILS:
        raise SituationError("detail", f"unknown detail {detail!r}: 'focused' (the default) gives what this situation "
                                       "selects, 'full' every item the rules select", allowed=list(DETAILS))
    return detail


class AdviceBuilder:
    """Builds advice documents in one language. The parts that do not depend on the situation (sources, item
    texts, trace steps) are made once per builder and shared by every advice it builds: treat them as read-only.

    The focused answer (the default) holds what this situation selects: no reference material (items only rules
    without any condition select), no item whose message a given warning carries, and in each section the items
    that fit the situation best, as many as knowledge/sections.yaml says; sources are given once, in `sources`,
    and referred to by key. The full answer holds every selected item, with its source in place."""

    def __init__(self, knowledge, lang):
        self.kb, self.lang = knowledge, lang
        self._sources = {}      # (document, section, box) -> its dict
        self._items = {}        # (item id, focused) -> its dict without the selecting rules
        self._steps = {}        # (rule id, focused) -> its trace step without the number and the matched facts
        self.reference = {r.id for r in knowledge.rules if r.when == ALWAYS and not r.requires and r.conditional}
        kb = knowledge
        refs = [*(i.source for i in kb.items.values()), *(e.source for e in kb.examples.values()),
                *(w.source for w in kb.warnings.values()), *(r.source for r in kb.rules),
                *(v.source for v in kb.verdicts.values())]
        self._by_key = {self.source_key(ref): ref for ref in refs}      # source key -> SourceRef
        self._rule_fit = {r.id: (len(r.requires), kb.reads(r.id)) for r in kb.rules}
        self._role_items = {k for k, item in kb.items.items() if item.section == "role"}
        # where a selected key goes: a practice case, or the section of its item
        self._places = {**{k: item.section for k, item in kb.items.items()}, **dict.fromkeys(kb.examples, EXAMPLE)}
        # the rules a focused trace shows whatever the answer shows: those that decide, warn or derive
        self._traced = frozenset(r.id for r in kb.rules if r.decisive or r.then.derive)
        self._selects = {r.id: r.then.select for r in kb.rules}
        self._decrees = {}          # policy domain -> ids of the items linked to it
        for item in kb.items.values():
            for domain in item.domains:
                self._decrees.setdefault(domain, set()).add(item.id)

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
               "document_short": doc.short[self.lang], "section": section.id, "section_title": section.title[self.lang]}
        if ref.box:
            out["box"] = ref.box
        return out

    @staticmethod
    def source_key(ref):
        """How a focused answer refers to a source of its `sources`: '001 §2.1', '003 §tip4 · Halle'."""
        return f"{ref.document} §{ref.section}" + (f" · {ref.box}" if ref.box else "")

    def label(self, fld, value):
        labels = self.kb.verdicts[fld].labels
        return labels[value][self.lang] if value in labels else None

    def item(self, item, rules, focused=False):
        static = self._items.get((item.id, focused))
        if static is None:
            static = self._items[(item.id, focused)] = {
                "id": item.id, "kind": item.kind, "text": item.text[self.lang],
                "source": self.source_key(item.source) if focused else self.source(item.source)}
            if item.title:
                static["title"] = item.title[self.lang]
            if item.inference:
                static["inference"] = item.inference[self.lang]
            if item.dated:
                static["dated"] = item.dated
        return {**static, "rules": rules}

    def item_reference(self, item, rules):
        """A focused answer's reference to an item in role.by_domain: id, title, source (by key) and rules."""
        out = {"id": item.id, "kind": item.kind, "source": self.source_key(item.source), "rules": rules}
        if item.title:
            out["title"] = item.title[self.lang]
        if item.dated:
            out["dated"] = item.dated
        return out

    def example(self, example, rules, focused=False):
        return {"id": example.id, "kind": "example", "place": example.place, "title": example.title[self.lang],
                "text": example.text[self.lang], "lesson": example.lesson[self.lang],
                "source": self.source_key(example.source) if focused else self.source(example.source),
                "rules": rules}

    def warning(self, code, rules, focused=False, domains=None):
        """A warning; `domains`: the policy domains it concerns, when per-domain rules give it."""
        warning = self.kb.warnings[code]
        out = {"code": code, "severity": warning.severity, "title": warning.title[self.lang],
               "text": warning.text[self.lang],
               "source": self.source_key(warning.source) if focused else self.source(warning.source),
               "rules": rules}
        if domains:
            labels = self.kb.facts[DOMAIN_FACT].labels
            out.update(domains=domains, domain_labels=[labels[d][self.lang] for d in domains])
        return out

    def trace(self, outcome, facts, focused=False, shown=None):
        """The rules that fired, in order, with the facts whose tests made them fire. A focused answer lists only
        the rules whose conclusions it shows (`shown`: the ids of its items, cases and next steps) or that decide,
        warn or derive, and of what a rule selects only what it shows; the step numbers stay those of the full
        trace."""
        steps, per_domain = [], {}
        for group in outcome.by_domain:
            for rule_id in group.outcome.fired:
                if rule_id in self.kb.domain_rules:
                    per_domain.setdefault(rule_id, []).append(group)
        number = 0
        for rule_id in outcome.fired:
            number += 1
            if focused and rule_id not in self._traced and shown.isdisjoint(self._selects[rule_id]):
                continue
            rule = self.kb.rule(rule_id)
            if rule_id not in per_domain:
                held = deciding_facts(rule.when, facts)
                steps.append({"step": number, "rule": rule_id, "matched": {f: facts.get(f) for f in held},
                              **self._step(rule_id, focused, shown)})
                continue
            # one step per rule and answers: the policy domains it fired for on the same answers share it
            seen = {}
            for group in per_domain[rule_id]:
                held = deciding_facts(rule.when, group.facts)
                matched = {f: group.facts.get(f) for f in held}
                seen.setdefault(repr(matched), (matched, []))[1].extend(group.domains)
            for matched, domains in seen.values():
                steps.append({"step": number, "rule": rule_id, "matched": matched, "domains": domains,
                              **self._step(rule_id, focused, shown)})
        return steps

    def _step(self, rule_id, focused, shown):
        """A step's requires, source and conclusions; in a focused answer only the selections it shows."""
        static = self._static_step(rule_id, focused)
        selected = static["concludes"].get("select")
        if not focused or not selected or shown.issuperset(selected):
            return static
        concludes = {kind: value for kind, value in static["concludes"].items() if kind != "select"}
        kept = [i for i in selected if i in shown]
        return {**static, "concludes": {**concludes, "select": kept} if kept else concludes}

    def _static_step(self, rule_id, focused):
        """The part of a step that depends on the rule alone (made once per rule and detail)."""
        static = self._steps.get((rule_id, focused))
        if static is None:
            rule = self.kb.rule(rule_id)
            static = self._steps[(rule_id, focused)] = {
                "requires": list(rule.requires),
                "source": self.source_key(rule.source) if focused else self.source(rule.source),
                "concludes": dict(rule.then.shown)}
            if rule.otherwise:
                static["otherwise"] = rule.otherwise
            if rule.mixed:
                static["mixed"] = rule.mixed        # decided by the policy domains' own steps (their `domains`)
        return static

    def fit(self, facts, rule_ids):
        """How much of the situation an item or case selected by `rule_ids` depends on: the most, over its
        rules, of the known facts a rule reads plus the derived facts it requires."""
        return max(self._fit(facts, r) for r in rule_ids)

    def _fit(self, facts, rule_id):
        requires, reads = self._rule_fit[rule_id]
        return requires + sum(map(facts.__contains__, reads))

    def by_domain(self, outcome, focused):
        """role.by_domain: per policy domain of the situation its position, the items selected for it (the role
        items of its own rules, then the decree items of that domain), the warnings given there and the power
        facts still open for it; in the order of policy_domains. A focused answer refers to the items."""
        selected, entries = outcome.selected, []
        per_domain = self.kb.layout.domain_items(sum(len(g.domains) for g in outcome.by_domain))
        for group in outcome.by_domain:
            role = group.outcome.verdicts["role"]
            own = [k for k, rules in group.outcome.selected.items()
                   if k in self._role_items and self.kb.domain_rules.intersection(rules)]
            own.sort(key=lambda k: self.kb.relevance(k, group.outcome.selected[k]))
            open_facts = [f for f in self.kb.per_domain_facts if group.facts.get(f) is None]
            warnings = [c for c, rules in group.outcome.warnings.items() if self.kb.domain_rules.intersection(rules)]
            for domain in group.domains:
                linked = self._decrees.get(domain, ())
                decrees = [k for k in selected if k in linked and k not in own]
                decrees.sort(key=lambda k: (self.kb.items[k].section != "role", *self.kb.relevance(k, selected[k])))
                keys = [k for k in own if domain in self.kb.items[k].domains or not self.kb.items[k].domains] + decrees
                rules = {**group.outcome.selected, **{k: selected[k] for k in decrees}}
                shown = keys[:per_domain] if focused else keys
                items = [(self.item_reference if focused else self.item)(self.kb.items[k], rules[k]) for k in shown]
                entries.append({"domain": domain, "domain_label": self.kb.facts[DOMAIN_FACT].labels[domain][self.lang],
                                "verdict": role, "label": self.label("role", role), "items": items,
                                "warnings": warnings, "open": open_facts})
        order = self.kb.facts[DOMAIN_FACT].values
        return sorted(entries, key=lambda e: order.index(e["domain"]))

    def case_fit(self, facts, case):
        """How well a practice case's own situation matches this one: shared answers (a case's answer for one policy
        domain against this situation's answer for that domain), shared domains twice."""
        given = facts.get(DOMAINS) or {}
        same = sum(1 for f, v in case.situation.items() if f not in (DOMAIN_FACT, DOMAINS) and facts.get(f) == v)
        same += sum(1 for domain, answers in (case.situation.get(DOMAINS) or {}).items() for f, v in answers.items()
                    if given.get(domain, {}).get(f, facts.get(f)) == v)
        return same + 2 * len(set(case.situation.get(DOMAIN_FACT, ())) & set(facts.get(DOMAIN_FACT, ())))

    def build(self, facts, outcome, questions, detail="focused"):
        focused = detail == "focused"
        warnings = sorted(outcome.warnings, key=lambda c: (SEVERITY_ORDER[self.kb.warnings[c].severity],
                                                           list(self.kb.warnings).index(c)))
        covered = {i for code in warnings for i in self.kb.warnings[code].covers} if focused else set()
        everything = {name: [] for name in self.kb.layout.sections}     # every selected item, by section
        sections = {name: [] for name in self.kb.layout.sections}       # those this answer may show
        next_steps, cases = [], []
        for key, rules in outcome.selected.items():
            place = self._places[key]
            hidden = focused and (key in covered or self.reference.issuperset(rules))
            if place is EXAMPLE:
                if not hidden:
                    cases.append(key)
            elif place == "summary":
                next_steps.append(key)
            else:
                everything[place].append(key)
                if not hidden:
                    sections[place].append(key)
        selected = outcome.selected
        fits, order = {}, {}     # rule id -> its fit; an item's sort key: its rules' best fit, then relevance
        for keys in sections.values():
            for key in keys:
                rules, best = selected[key], -1
                for rule_id in rules:
                    fit = fits.get(rule_id)
                    if fit is None:
                        fit = fits[rule_id] = self._fit(facts, rule_id)
                    best = max(best, fit)
                order[key] = (-best, self.kb.relevance(key, rules))
        shown, counts = {}, []
        for name, keys in sections.items():
            ranked = sorted(keys, key=order.__getitem__)
            kept = ranked[:self.kb.layout.sections[name].focused] if focused else ranked
            shown[name] = [self.item(self.kb.items[k], selected[k], focused) for k in kept]
            counts.append({"id": name, "part": self.kb.layout.sections[name].part, "shown": len(kept),
                           "selected": len(everything[name])})
        cases.sort(key=lambda key: (-self.case_fit(facts, self.kb.examples[key]),
                                    *self.kb.relevance(key, selected[key])))
        if focused:
            cases = cases[:self.kb.layout.examples_focused]
        next_steps.sort(key=lambda key: self.kb.relevance(key, selected[key]))
        summary = SummaryBuilder(self.kb, self.lang, self.source_key if focused else self.source)
        fired_in = domains_of(self.kb, outcome)
        rule_domains = {code: list(dict.fromkeys(d for r in rules for d in fired_in.get(r, ())))
                        for code, rules in outcome.warnings.items()}
        v = outcome.verdicts
        parts = {
            "role": {"verdict": v["role"], "label": self.label("role", v["role"]), "items": shown["role"],
                     "by_domain": self.by_domain(outcome, focused)},
            "coordination": {"stage": v["stage"], "stage_label": self.label("stage", v["stage"]),
                             "next_stage": v["next_stage"],
                             "next_stage_label": self.label("next_stage", v["next_stage"]),
                             "items": shown["coordination"]},
            "strategy": {"scope": v["scope"], "scope_label": self.label("scope", v["scope"]),
                         "focus": v["focus"], "focus_labels": [self.label("focus", f) for f in v["focus"]],
                         "items": shown["strategy"]},
            "procedure": {"scenario": v["scenario"], "scenario_label": self.label("scenario", v["scenario"]),
                          "items": shown["procedure"]},
            "dos": shown["dos"], "donts": shown["donts"]}
        advice = {
            "summary": summary.build(outcome, questions, warnings, next_steps, rule_domains),
            "detail": detail,
            "warnings": [self.warning(code, outcome.warnings[code], focused, rule_domains.get(code))
                         for code in warnings],
            # the sections in the order of knowledge/sections.yaml (the 4P model of 001 §3.1)
            **{name: parts.get(name, {"items": shown[name]}) for name in self.kb.layout.sections},
            "examples": [self.example(self.kb.examples[key], selected[key], focused) for key in cases],
            "sections": counts,
            "questions": [q["fact"] for q in questions],
            "question_details": questions,
            "trace": [],
            "situation": facts,
            "lang": self.lang,
            "knowledge_version": self.kb.version,
        }
        shown_ids = {e["id"] for e in _entries(advice) if "id" in e}
        advice["trace"] = self.trace(outcome, facts, focused, shown_ids)
        if focused:
            advice["sources"] = self.sources_of(advice)
        return advice

    def sources_of(self, advice):
        """The sources a focused answer refers to, by key."""
        return {key: self.source(self._by_key[key]) for key in sorted({e["source"] for e in _entries(advice)})}


def source_of(advice, entry):
    """The source of an entry of an advice as a dict: given in place (full answer) or by key (focused answer)."""
    source = entry["source"]
    return advice["sources"][source] if isinstance(source, str) else source


def _entries(advice):
    """Every entry of an advice that carries a source."""
    yield from advice["summary"]
    yield from advice["warnings"]
    for part in advice.values():
        if isinstance(part, dict) and "items" in part:
            yield from part["items"]
            for domain in part.get("by_domain", ()):
                yield from domain["items"]
    yield from advice["dos"]
    yield from advice["donts"]
    yield from advice["examples"]
    yield from advice["trace"]


def verdicts(advice):
    """The verdict fields of an advice document: role, stage, next_stage, scope, focus, scenario."""
    return {"role": advice["role"]["verdict"], "stage": advice["coordination"]["stage"],
            "next_stage": advice["coordination"]["next_stage"], "scope": advice["strategy"]["scope"],
            "focus": advice["strategy"]["focus"], "scenario": advice["procedure"]["scenario"]}
