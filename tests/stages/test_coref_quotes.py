"""Quoted 'I' and 'you' linked through the quotes stage's speaker and addressee (stages/coref_quotes.py)."""

from ficlens.document import Character, Mention, Quotation, Span
from ficlens.ingest.build import work_from_text
from ficlens.stages.coref_quotes import link_quoted_persons

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
