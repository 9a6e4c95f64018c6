"""JSON views of the vocabulary and the knowledge base, in one language."""
from ...rules.model import Example


def fact_view(builder, fact):
    lang = builder.lang
    view = {"id": fact.id, "group": fact.group, "type": fact.type, "label": fact.label[lang],
            "question": fact.question[lang],
            "help": fact.help[lang], "lever": fact.lever, "changed_by": fact.changed_by,
            "per_domain": fact.per_domain,
            "source": builder.source(fact.source)}
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


def vocabulary_view(advisor, lang):
    """`GET /api/v1/facts`: the fact groups, the stages of the question order, the facts and the verdict fields in one
    language."""
    kb, builder = advisor.knowledge, advisor.builders[lang]
    return {"lang": lang, "knowledge_version": kb.version,
            "groups": [{"id": g["id"], "label": g["label"][lang]} for g in kb.groups],
            "question_order": [{"id": s.id, "label": s.label[lang], "facts": list(s.facts)} for s in kb.question_order],
            "facts": [fact_view(builder, f) for f in kb.facts.values()],
            "verdicts": [verdict_view(v, lang) for v in kb.verdicts.values()]}


def item_view(builder, entry):
    """An item or practice case with the rules that can select it."""
    rules = builder.kb.selectors(entry.id)
    if isinstance(entry, Example):
        return {**builder.example(entry, rules), **exercise_view(builder, entry)}
    return {**builder.item(entry, rules), "section": entry.section}



def exercise_view(builder, case):
    """What a practice case gives training mode: the story's facts, the exercise's facts (the story's plus the
    assumptions, said in words), what it teaches and the other tellings of the story."""
    return {"situation": case.situation, "training_situation": case.training_situation,
            "assumptions": case.assumptions[builder.lang] if case.assumptions else None,
            "teaches": case.teaches, "see_also": [builder.source(ref) for ref in case.see_also]}
