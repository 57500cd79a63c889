"""Quoted 'I' and 'you' linked through the quotes stage's speaker and addressee (stages/coref_quotes.py)."""

from ficlens.document import Character, Mention, Quotation, Span
from ficlens.ingest.build import work_from_text
from ficlens.stages.coref_quotes import link_quoted_persons, relink_speaker_pronouns

TEXT = '"I will row you across, Corwin," said the ferryman. "You all wait," I said. "Me? Never."'


def _work(speaker_conf: float = 0.95, addressee_conf: float = 0.9):
    work = work_from_text(TEXT, title="ferry")
    work.characters = [Character(id=0, name="Corwin", mentions=3, chapter_presence=[3]),
                       Character(id=1, name="the ferryman", mentions=1, chapter_presence=[1])]

    def at(word: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(word, start + 1)
        return start, start + len(word)

    def pron(word: str, nth: int = 0, cid: int | None = 0) -> Mention:
        return Mention(*at(word, nth), character=cid, kind="pronoun", confidence=0.6)

    q0_end = TEXT.index('," said')
    q1_start, q1_end = TEXT.index('"You') + 1, TEXT.index(',"', TEXT.index('"You'))
    q2_start = TEXT.index('"Me?') + 1
    work.mentions = [pron("I", 0), pron("you", 0, None), pron("You", 0, 1), pron("I", 1, 0), pron("Me", 0, 1)]
    work.quotations = [
        Quotation(id=0, start=0, end=q0_end + 2, spans=[Span(1, q0_end)], speaker=1,
                  speaker_confidence=speaker_conf, addressees=[(0, addressee_conf)]),
        Quotation(id=1, start=q1_start - 1, end=q1_end + 2, spans=[Span(q1_start, q1_end)], speaker=0,
                  speaker_confidence=speaker_conf, addressees=[(1, addressee_conf)]),
        Quotation(id=2, start=q2_start - 1, end=len(TEXT), spans=[Span(q2_start, len(TEXT) - 1)], speaker=0,
                  speaker_confidence=0.5, addressees=[]),
    ]
    return work


def test_sure_speaker_takes_quoted_i_and_vocative_addressee_takes_you():
    work = _work()
    assert link_quoted_persons(work) == 2
    i_, you, you_all, narr_i, me = work.mentions
    assert i_.character == 1  # "I will row": the ferryman speaks
    assert you.character == 0 and you.chain is None  # "row you across, Corwin": the vocative
    assert you_all.character == 1  # "You all": a group is addressed, left alone
    assert narr_i.character == 0  # "I said" sits in the speech tag, not in the quoted text
    assert me.character == 1  # speaker confidence 0.5: the coreference answer stays
    assert [c.mentions for c in work.characters] == [3, 2]
    assert work.characters[1].chapter_presence == [2]


def test_unsure_quotes_stage_changes_nothing():
    work = _work(speaker_conf=0.6, addressee_conf=0.7)
    assert link_quoted_persons(work) == 0
    assert [m.character for m in work.mentions] == [0, None, 1, 0, 1]


SHIP = ('Bram slept. Nell watched Bram, and a nurse came in. "He is mine," Nell said. "She thinks she knows '
        'him," Nell added, "and she does not."')


def _ship_work(speaker_conf: float = 0.8):
    """Nell speaks of Bram ("He is mine") and of the nurse; coreference gave every pronoun to Nell herself."""
    work = work_from_text(SHIP, title="ward")
    work.characters = [Character(id=0, name="Bram", gender="M", mentions=2, chapter_presence=[2]),
                       Character(id=1, name="Nell", gender="F", mentions=7, chapter_presence=[7]),
                       Character(id=2, name="a nurse", gender="F", mentions=1, chapter_presence=[1])]

    def at(word: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = SHIP.index(word, start + 1)
        return start, start + len(word)

    def mention(word: str, nth: int, cid: int, kind: str = "pronoun") -> Mention:
        return Mention(*at(word, nth), character=cid, kind=kind)

    work.mentions = [mention("Bram", 0, 0, "name"), mention("Nell", 0, 1, "name"), mention("Bram", 1, 0, "name"),
                     mention("a nurse", 0, 2, "nominal"), mention("He", 0, 1), mention("Nell", 1, 1, "name"),
                     mention("she", 0, 1), mention("him", 0, 1), mention("Nell", 2, 1, "name"), mention("she", 1, 1)]
    q0s = SHIP.index('"He') + 1
    q1s, q2s = SHIP.index('"She') + 1, SHIP.index('"and') + 1
    work.quotations = [
        Quotation(id=0, start=q0s - 1, end=SHIP.index(' Nell said'), spans=[Span(q0s, q0s + 10)], speaker=1,
                  speaker_confidence=speaker_conf, addressees=[(2, 0.6)]),
        Quotation(id=1, start=q1s - 1, end=len(SHIP), spans=[Span(q1s, SHIP.index(',"', q1s)),
                                                            Span(q2s, len(SHIP) - 2)], speaker=1,
                  speaker_confidence=speaker_conf, addressees=[]),
    ]
    return work


def test_a_he_or_she_in_a_quotation_is_not_its_speaker():
    work = _ship_work()
    assert relink_speaker_pronouns(work) == 4
    he, she, him, she2 = (work.mentions[i] for i in (4, 6, 7, 9))
    assert he.character == 0  # "He is mine": Bram, the last man named, not Nell
    assert him.character == 0
    # "She thinks ... she does not": the nurse, the last woman named who is not speaking
    assert she.character == 2 and she2.character == 2
    assert [c.mentions for c in work.characters] == [4, 3, 3]


def test_the_addressee_is_not_the_he_or_she_either():
    work = _ship_work()
    work.quotations[1].addressees = [(0, 0.6)]  # Nell speaks to Bram: "him" is someone else, and no one fits
    relink_speaker_pronouns(work)
    assert work.mentions[7].character is None and work.mentions[7].chain is not None


def test_a_speaker_the_quotes_stage_doubts_keeps_the_coreference_answer():
    work = _ship_work(speaker_conf=0.3)
    assert relink_speaker_pronouns(work) == 0
    assert work.mentions[4].character == 1


def test_no_one_fits_the_pronouns_become_a_chain_of_their_own():
    work = _ship_work()
    work.characters[2].gender = "M"  # no other woman: the two "she" go together, unnamed
    relink_speaker_pronouns(work)
    she, she2 = work.mentions[6], work.mentions[9]
    assert she.character is None and she.chain is not None and she.chain == she2.chain
