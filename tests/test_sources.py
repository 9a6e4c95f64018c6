"""The sources registry matches the seed texts, and every citation names a registered section.

The seed texts are read from REGIEWIJZER_SEEDS (default ../shared/seeds beside the checkout): the `seeds`
fixture skips these tests with the way to get them when the folder is absent, and fails them under CI."""
import re

import pytest

from regiewijzer.rules.knowledge import load_knowledge


def normalised(text):
    return re.sub(r"\s+", " ", text)


def seed_text(seeds, document):
    return normalised((seeds / document.file).read_text(encoding="utf-8"))


def citations(kb):
    for entry in (*kb.facts.values(), *kb.items.values(), *kb.examples.values(),
                  *kb.warnings.values(), *kb.rules, *kb.parameters.values(), *kb.verdicts.values()):
        yield getattr(entry, "id", None) or getattr(entry, "code", None) or entry.field, entry.source


def registered_sections():
    kb = load_knowledge()
    return [(doc, section) for doc in kb.documents.values() for section in doc.sections.values()]


@pytest.mark.parametrize("document, section", registered_sections(),
                         ids=lambda v: getattr(v, "id", None))
def test_registered_section_heading_stands_in_the_seed(seeds, document, section):
    assert (seeds / document.file).exists(), f"seed {document.file} is missing"
    assert normalised(section.heading) in seed_text(seeds, document)


def test_every_citation_names_a_registered_section(knowledge):
    for ident, source in citations(knowledge):
        assert source is not None, f"{ident} has no source"
        assert source.section in knowledge.documents[source.document].sections, ident


def test_every_practice_box_place_is_named_in_its_seed(seeds, knowledge):
    boxes = [(i, s) for i, s in citations(knowledge) if s.box]
    assert len(boxes) >= 15
    for ident, source in boxes:
        text = seed_text(seeds, knowledge.documents[source.document])
        place = source.box.split()[0].strip(",:")
        assert place.lower() in text.lower(), f"{ident}: box '{source.box}' not in {source.document}"


def test_every_document_is_cited(knowledge):
    cited = {s.document for _, s in citations(knowledge)}
    assert cited == set(knowledge.documents)


def test_every_registered_section_is_cited(knowledge):
    cited = {(s.document, s.section) for _, s in citations(knowledge)}
    unused = [(d.id, s) for d in knowledge.documents.values() for s in d.sections if (d.id, s) not in cited]
    assert not unused


MAX_SHARED_WORDS = 8        # "quote at most a short phrase"


def words(text):
    return re.findall(r"\w+", text.lower())


def longest_shared_run(text, seed_grams):
    tokens, best, run = words(text), 0, 0
    for i in range(len(tokens) - MAX_SHARED_WORDS):
        run = run + 1 if tuple(tokens[i:i + MAX_SHARED_WORDS + 1]) in seed_grams else 0
        best = max(best, run)
    return best + MAX_SHARED_WORDS if best else 0


def test_knowledge_paraphrases_the_seeds_rather_than_pasting(seeds, knowledge):
    seed_words = words(" ".join(p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")))
    n = MAX_SHARED_WORDS + 1
    seed_grams = {tuple(seed_words[i:i + n]) for i in range(len(seed_words) - n + 1)}
    texts = [(i.id, i.text["nl"]) for i in knowledge.items.values()]
    texts += [(i.id, i.inference["nl"]) for i in knowledge.items.values() if i.inference]
    texts += [(e.id, e.assumptions["nl"]) for e in knowledge.examples.values() if e.assumptions]
    texts += [(e.id, e.text["nl"] + " / " + e.lesson["nl"]) for e in knowledge.examples.values()]
    texts += [(w.code, w.text["nl"]) for w in knowledge.warnings.values()]
    texts += [(f.id, f.help["nl"]) for f in knowledge.facts.values()]
    pasted = [(ident, longest_shared_run(text, seed_grams)) for ident, text in texts]
    assert [p for p in pasted if p[1]] == []
