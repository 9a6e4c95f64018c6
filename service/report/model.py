"""The report as one document model (headings, paragraphs, entries, rows, pictures), built once per consultation
and rendered to HTML, Markdown and PDF by the sibling modules."""
from dataclasses import dataclass, field

from ...rules import SituationError
from ..pages.pictures import pictures
from ..texts import Labels, texts, verdict_summary
from ..texts.whatif import what_if as what_if_document

VERDICT_SECTIONS = ("role", "coordination", "strategy", "procedure")
# The advice ranks items by relevance; a report to attach to a college note keeps the first ones of each part.
MAX_ITEMS = {"verdict": 4, "warnings": 20, "positioning": 5, "dos": 7, "donts": 7, "examples": 3, "questions": 6}


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


@dataclass
class Entries:
    entries: list


@dataclass
class Rows:
    header: tuple
    rows: list


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


def cite(lang, sources, rules=()):
    """'Source: <document>, §<section> <title>; <another source> — rules: a, b'."""
    words = texts(lang)["report"]
    places = [f"{s['document_title']}, §{s['section']} {s['section_title']}"
              + (f" ({s['box']})" if s.get("box") else "") for s in sources]
    return f"{words['source']}: {'; '.join(places)}" + (f" — {words['rules']}: {', '.join(rules)}" if rules else "")


def _entries(lang, items, limit):
    """The first `limit` items as entries, and a line saying how many more the full advice holds."""
    blocks = [Entries([Entry(i["text"], i.get("title"), cite(lang, [i["source"]], i["rules"])) for i in items[:limit]])]
    if len(items) > limit:
        blocks.append(Paragraph(texts(lang)["report"]["more"].format(count=len(items) - limit)))
    return blocks


def _printable(facts):
    """Refuse text a document cannot hold: a lone surrogate (valid in JSON escapes, not in UTF-8 or a PDF)."""
    for fact_id, value in facts.items():
        try:
            str(value).encode("utf-8")
        except UnicodeEncodeError:
            raise SituationError(f"situation.{fact_id}", f"'{fact_id}' holds a lone surrogate (invalid Unicode text)",
                                 allowed={"text": "valid Unicode"}) from None


def build_report(advisor, situation, lang, date):
    """The report of a consultation: situation, verdicts with pictures, warnings, do's and don'ts, what-if."""
    kb, words = advisor.knowledge, texts(lang)["report"]
    advice = advisor.advise(situation, lang)
    _printable(advice["situation"])
    what_if = what_if_document(advisor, situation, lang)
    drawn = pictures(kb, advice, lang)
    answers = Labels(kb, lang)
    facts = advice["situation"]
    title = words["title"] + (f" — {facts['theme']}" if facts.get("theme") else "")
    report = Report(title, lang, date)
    add = report.blocks.append
    add(Rows((words["date"], words["version"]), [(date, kb.version)]))
    add(Paragraph(words["note"], note=True))

    add(Heading(words["situation"], 2))
    if facts:
        add(Rows((words["question"], words["answer"]),
                 [(kb.facts[f].question[lang], answers.value(f, v)) for f, v in facts.items()]))
    add(Paragraph(words["unanswered"].format(count=len(kb.facts) - len(facts))))

    add(Heading(words["verdicts"], 2))
    for section in VERDICT_SECTIONS:
        label = words[section]
        add(Heading(f"{label}: {verdict_summary(advice, section, words['undecided'])}", 3))
        add(Picture(drawn[section], label))
        report.blocks += _entries(lang, advice[section]["items"], MAX_ITEMS["verdict"])

    for key, items in (("warnings", advice["warnings"]), ("positioning", advice["positioning"]["items"]),
                       ("dos", advice["dos"]), ("donts", advice["donts"])):
        add(Heading(words[key], 2))
        report.blocks += _entries(lang, items, MAX_ITEMS[key]) if items else [Paragraph(words["none"])]

    if advice["examples"]:
        add(Heading(words["examples"], 2))
        add(Entries([Entry(f"{e['text']} {words['lesson']}: {e['lesson']}",
                           e["title"] if e["place"] in e["title"] else f"{e['place']}: {e['title']}",
                           cite(lang, [e["source"]])) for e in advice["examples"][:MAX_ITEMS["examples"]]]))

    add(Heading(words["whatif"], 2))
    add(Heading(words["levers"], 3))
    levers = [Entry(l["text"], cite=cite(lang, l["sources"], l["rules"]) if l["sources"] else None)
              for l in one_per_change(what_if["levers"])]
    add(Entries(levers) if levers else Paragraph(words["no_levers"]))
    if what_if["branches"]:
        add(Heading(words["branches"], 3))
        add(Entries([Entry(b["text"]) for b in what_if["branches"]]))
    if advice["questions"]:
        add(Heading(words["questions"], 2))
        add(Entries([Entry(kb.facts[f].question[lang]) for f in advice["questions"][:MAX_ITEMS["questions"]]]))
    add(Paragraph(words["note"], note=True))
    return report


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
