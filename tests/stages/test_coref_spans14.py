"""Round 14 mention boundaries (invented texts): a name's reported mention takes its premodifiers."""

from __future__ import annotations

from coref_helpers import tokens_work
from ficlens.stages.coref import Slot, mentions_from_slots
from ficlens.stages.coref_spans import name_starts


def _name_slot(work, word: str, nth: int = 0) -> Slot:
    """A name slot over the ``nth`` occurrence of ``word``."""
    start = -1
    for _ in range(nth + 1):
        start = work.text.index(word, start + 1)
    tok = work.tokens.start.index(start)
    return Slot(tok, start, start + len(word), "name")


def _reported(text: str, names: list[tuple[str, int]], extra: list[Slot] | None = None) -> list[str]:
    work = tokens_work(text)
    slots = [_name_slot(work, w, n) for w, n in names] + (extra or [])
    name_starts(work, slots)
    return [text[m.start:m.end] for m in mentions_from_slots(slots) if m.kind == "name"]


def test_name_takes_adjectives_and_determiner():
    text = "Then old Brannock met the late Oswin Falk and a Mrs. Tenley by the gate."
    got = _reported(text, [("Brannock", 0), ("Oswin Falk", 0), ("Mrs. Tenley", 0)])
    assert got == ["old Brannock", "the late Oswin Falk", "a Mrs. Tenley"]


def test_sentence_initial_adjective_and_possessive():
    text = "Poor Quillan wept, and her Marrow came at once."
    work = tokens_work(text)
    her = text.index("her")
    pron = Slot(work.tokens.start.index(her), her, her + 3, "pronoun", head="her")
    got = _reported(text, [("Quillan", 0), ("Marrow", 0)], [pron])
    assert got == ["Poor Quillan", "her Marrow"]  # the possessive stays a mention of its own inside


def test_address_and_clause_words_stay_out():
    text = '"My dear Brannock," she said that Quillan was Dear to him.'
    got = _reported(text, [("Brannock", 0), ("Quillan", 0)])
    assert got == ["Brannock", "Quillan"]


def test_name_itself_stays_bare():
    text = "They buried old Brannock."
    work = tokens_work(text)
    sl = _name_slot(work, "Brannock")
    name_starts(work, [sl])
    assert text[sl.start:sl.end] == "Brannock" and text[sl.span_start:sl.end] == "old Brannock"


def test_description_of_the_prefix_and_name_becomes_the_name():
    text = "Nobody liked old Mother Quarle, and that Jessop knew it."
    work = tokens_work(text)
    name = _name_slot(work, "Mother Quarle")
    start = text.index("old")
    desc = Slot(work.tokens.start.index(start), start, name.end, "nominal", head="mother")
    jessop = _name_slot(work, "Jessop")
    slots = [desc, name, jessop]
    name_starts(work, slots)
    assert slots == [name, jessop]  # one mention, not a description with a name nested in it
    assert [text[m.start:m.end] for m in mentions_from_slots(slots)] == ["old Mother Quarle", "Jessop"]


def test_adverbial_adjectives_stay_out():
    text = "At last Brannock came. Next Quillan spoke, and only Marrow knew."
    got = _reported(text, [("Brannock", 0), ("Quillan", 0), ("Marrow", 0)])
    assert got == ["Brannock", "Quillan", "Marrow"]


def _whole(text: str, phrases: list[tuple[str, str]]) -> list[str]:
    """The descriptions ``(phrase, head)`` of ``text`` after whole_starts."""
    from ficlens.stages.coref_spans import whole_starts

    work = tokens_work(text)
    slots = []
    for phrase, head in phrases:
        a = text.index(phrase)
        slots.append(Slot(work.tokens.start.index(a), a, a + len(phrase), "nominal", definite=False, head=head,
                          plural=head.endswith("s")))
    whole_starts(work, slots)
    return [text[s.start:s.end] for s in slots]


def test_whole_starts_take_degree_adverbs():
    text = ("There were more or less cheerful little farm boys, and more than six hundred weavers marched. "
            "She liked very old tailors. They were always tall drovers.")
    got = _whole(text, [("cheerful little farm boys", "boys"), ("six hundred weavers", "weavers"),
                        ("old tailors", "tailors"), ("tall drovers", "drovers")])
    assert got == ["more or less cheerful little farm boys", "more than six hundred weavers", "very old tailors",
                   "tall drovers"]  # 'always' is no adverb of degree
