"""The report as one document model (headings, paragraphs, entries, rows, pictures), built once per consultation
and rendered to HTML, Markdown and PDF by the sibling modules."""
from dataclasses import dataclass, field

from ...rules import SituationError
from ...rules.advice import source_of
from ...rules.domains import question_fact, theme_facts
from ...rules.model import DOMAIN_FACT
from ...rules.situation import DOMAINS
from ..pages.pictures import pictures
from ..texts import Labels, texts, verdict_summary
from ..texts.whatif import what_if as what_if_document

VERDICT_SECTIONS = ("role", "coordination", "strategy", "procedure")
# A report to attach to a college note: the most important levers and open questions (the advice ranks them).
MAX_LEVERS, MAX_QUESTIONS = 8, 6


@dataclass
class Heading:
    text: str
    level: int


@dataclass
class Paragraph:
    text: str
    note: bool = False      # the "advice, not a decision" note, set apart


@dataclass
class Entry:
    """An advice item, warning, lever or branch: a title, its text and where it comes from."""
    text: str
    title: str = None
    cite: str = None
    inference: str = None   # Regiewijzer's own inference, shown apart from what the source says


@dataclass
class Entries:
    entries: list


@dataclass
class Rows:
    header: tuple
    rows: list
    small: bool = False     # a reference table (the reasoning): set in smaller type


@dataclass
class Picture:
    svg: str
    caption: str


@dataclass
class Report:
    title: str
    lang: str
    date: str
    blocks: list = field(default_factory=list)


def cite(lang, sources):
    """'Source: <document>, §<section> <title>; <another source>' (the officer's text names no rules)."""
    places = [f"{s['document_title']}, §{s['section']} {s['section_title']}"
              + (f" ({s['box']})" if s.get("box") else "") for s in sources]
    return f"{texts(lang)['report']['source']}: {'; '.join(places)}"


def short_cite(source):
    """'001 §2.1', '003 §tip4 (Halle)': a source in a table (the documents are named in the report's citations)."""
    return f"{source['document_id']} §{source['section']}" + (f" ({source['box']})" if source.get("box") else "")


def _items(lang, advice, items):
    inferred = texts(lang)["report"]["inference"]
    return Entries([Entry(i["text"], i.get("title"), cite(lang, [source_of(advice, i)]),
                          f"{inferred} {i['inference']}" if i.get("inference") else None) for i in items])


def _printable(facts):
    """Refuse text a document cannot hold: a lone surrogate (valid in JSON escapes, not in UTF-8 or a PDF)."""
    for fact_id, value in facts.items():
        try:
            str(value).encode("utf-8")
        except UnicodeEncodeError:
            raise SituationError(f"situation.{fact_id}", f"'{fact_id}' holds a lone surrogate (invalid Unicode text)",
                                 allowed={"text": "valid Unicode"}) from None


def build_report(advisor, situation, lang, date, detail="focused"):
    """The report of a consultation: summary, situation, verdicts with pictures, warnings, the advice in the order
    of the 4P model, practice cases, what-if, open questions, and the reasoning as an appendix."""
    kb, words = advisor.knowledge, texts(lang)["report"]
    advice = advisor.advise(situation, lang, detail)
    _printable(advice["situation"])
    what_if = what_if_document(advisor, situation, lang)
    drawn = pictures(kb, advice, lang)
    labels = Labels(kb, lang)
    facts = advice["situation"]
    title = words["title"] + (f" — {facts['theme']}" if facts.get("theme") else "")
    report = Report(title, lang, date)
    add = report.blocks.append
    add(Rows((words["date"], words["version"]), [(date, kb.version)]))
    add(Paragraph(words["note"], note=True))

    add(Heading(words["summary"], 2))
    add(Entries([Entry(line["text"], cite=cite(lang, [source_of(advice, line)])) for line in advice["summary"]]))

    add(Heading(words["situation"], 2))
    theme = theme_facts(facts)
    if facts:
        domain_label = kb.facts[DOMAIN_FACT].labels
        per_domain = {}         # a per-domain question once, with each domain's answer (a theme may touch twelve)
        for domain, own in facts.get(DOMAINS, {}).items():
            for f, v in own.items():
                per_domain.setdefault(f, []).append(f"{domain_label[domain][lang]}: {labels.value(f, v)}")
        # the officer's own answers, for reference: each question by its short label, in the questions' order
        add(Rows((words["question"], words["answer"]),
                 [(labels.fact(f), labels.value(f, theme[f])) for f in kb.facts if f in theme]
                 + [(f"{labels.fact(f)} ({words['per_domain']})", "; ".join(per_domain[f]))
                    for f in kb.per_domain_facts if f in per_domain], small=True))
    add(Paragraph(words["unanswered"].format(count=len(kb.facts) - len(theme))))

    add(Heading(words["verdicts"], 2))
    for section in VERDICT_SECTIONS:
        add(Heading(f"{words[section]}: {verdict_summary(advice, section, words['undecided'])}", 3))
        add(Picture(drawn[section], words[section]))
        if section == "role" and len(advice["role"]["by_domain"]) > 1:
            add(Rows((words["by_domain"], words[section]),
                     [(part["domain_label"], part["label"]) for part in advice["role"]["by_domain"]]))

    if advice["warnings"]:
        add(Heading(words["warnings"], 2))
        add(Entries([Entry(w["text"], w["title"] + (f" ({', '.join(w['domain_labels'])})" if w.get("domain_labels")
                                                    else ""), cite(lang, [source_of(advice, w)]))
                     for w in advice["warnings"]]))

    for part, sections in _parts(kb, advice):
        add(Heading(texts(lang)["parts"][part], 2))
        for name, items in sections:
            add(Heading(texts(lang)["sections"][name], 3))
            add(_items(lang, advice, items))

    if advice["examples"]:
        add(Heading(words["examples"], 2))
        add(Entries([Entry(f"{e['text']} {words['lesson']}: {e['lesson']}",
                           e["title"] if e["place"] in e["title"] else f"{e['place']}: {e['title']}",
                           cite(lang, [source_of(advice, e)])) for e in advice["examples"]]))

    add(Heading(words["whatif"], 2))
    add(Heading(words["levers"], 3))
    changes = one_per_change(what_if["levers"])
    if len(changes) > MAX_LEVERS:
        add(Paragraph(words["levers_first"].format(shown=MAX_LEVERS, count=len(changes))))
    levers = [Entry(lever["text"], cite=cite(lang, lever["sources"]) if lever["sources"] else None)
              for lever in changes[:MAX_LEVERS]]
    add(Entries(levers) if levers else Paragraph(words["no_levers"]))
    asks = one_per_change(what_if["asks"])
    if asks:
        add(Heading(words["asks"], 3))
        add(Entries([Entry(ask["text"], cite=cite(lang, ask["sources"])) for ask in asks[:MAX_LEVERS]]))
    if what_if["branches"]:
        add(Heading(words["branches"], 3))
        add(Entries([Entry(b["text"]) for b in what_if["branches"][:MAX_QUESTIONS]]))
    if advice["questions"]:
        add(Heading(words["questions"], 2))
        add(Entries([Entry(_question(kb, lang, words, q)) for q in advice["questions"][:MAX_QUESTIONS]]))

    if lang == "en":            # the Dutch terms the English text keeps, explained once
        add(Heading(words["glossary"], 2))
        add(Entries([Entry(t.text[lang], t.term[lang]) for t in kb.glossary.values()]))

    add(Heading(words["reasoning"], 2))
    add(Paragraph(words["reasoning_intro"]))
    add(Rows((words["rule"], words["answers"], words["source"]),
             [(step["rule"], ", ".join(f"{labels.fact(f)} = {labels.value(f, v)}" if v is not None
                                       else f"{labels.fact(f)}: {words['unknown']}" for f, v in step["matched"].items())
               or "—", short_cite(source_of(advice, step))) for step in advice["trace"]], small=True))
    return report           # the "not a decision" note opens the report and stands in every page's footer


def _parts(knowledge, advice):
    """[(part, [(section, items)])] in the order of knowledge/sections.yaml, only what holds items."""
    parts = {}
    for name, section in knowledge.layout.sections.items():
        part = advice[name] if isinstance(advice[name], list) else advice[name]["items"]
        if part:
            parts.setdefault(section.part, []).append((name, part))
    return list(parts.items())


def one_per_change(levers):
    """The API gives a lever per verdict and warning it changes; a document shows each change once, with the
    rules and sources of all its levers (its text already names every effect)."""
    merged = {}
    for lever in levers:
        key = repr(lever["changes"])
        if key not in merged:
            merged[key] = {**lever, "sources": list(lever["sources"]), "rules": list(lever["rules"])}
            continue
        first = merged[key]
        first["sources"] += [s for s in lever["sources"] if s not in first["sources"]]
        first["rules"] += [r for r in lever["rules"] if r not in first["rules"]]
    return list(merged.values())


def _question(kb, lang, words, question):
    """A question in words; one asked for a policy domain names it."""
    fact, domain = question_fact(kb, question)
    if domain is None:
        return fact.question[lang]
    return f"{fact.question[lang]} ({words['for_domain']} {kb.facts[DOMAIN_FACT].labels[domain][lang]})"
