"""JSON views of the vocabulary and the knowledge base, in one language."""
from rules.advice import AdviceBuilder
from rules.model import Example


def fact_view(kb, fact, lang):
    view = {"id": fact.id, "group": fact.group, "type": fact.type, "question": fact.question[lang],
            "help": fact.help[lang], "lever": fact.lever,
            "source": AdviceBuilder(kb, lang).source(fact.source)}
    if fact.type in ("enum", "list"):
        view["values"] = [{"id": v, "label": fact.labels[v][lang]} for v in fact.values]
    elif fact.type == "int":
        view.update(min=fact.minimum, max=fact.maximum)
    elif fact.type == "text":
        view["max_length"] = fact.max_length
    return view


def verdict_view(verdict, lang):
    """A verdict field of the advice with the labels of its values (for drawing the answer)."""
    return {"field": verdict.field, "section": verdict.section, "label": verdict.label[lang],
            "many": verdict.many, "undecided": verdict.undecided,
            "values": [{"id": v, "label": verdict.labels[v][lang]} for v in verdict.values]}


def item_view(kb, entry, lang):
    """An item or practice case with the rules that can select it."""
    builder = AdviceBuilder(kb, lang)
    rules = [r.id for r in kb.rules if entry.id in r.then.select]
    if isinstance(entry, Example):
        return {**builder.example(entry, rules), "situation": entry.situation}
    return {**builder.item(entry, rules), "section": entry.section}
