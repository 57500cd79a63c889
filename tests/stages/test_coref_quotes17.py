"""Round 17: narrated and quoted "you" and "I" (stages/coref_quotes.py)."""

from ficlens.document import Character, Mention, Quotation, Span
from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.coref_quotes import generic_you, link_quoted_persons

GENERIC = ('When you walk the dunes at noon, you lose the path. Orla knew it well. '
           '"Do you see the gulls?" she asked. \u2014 Mind your step, you fool. Dear Tam, I trust your farm is well.')


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def _generic_work():
    work = work_from_text(GENERIC, title="dunes")
    run_stage(work, "tokens")  # sentences
    work.characters = [Character(id=0, name="Orla", mentions=2, chapter_presence=[2]),
                       Character(id=1, name="Tam", mentions=2, chapter_presence=[2])]
    q_start = GENERIC.index('"Do') + 1
    q_end = GENERIC.index('?"') + 1
    work.quotations = [Quotation(id=0, start=q_start - 1, end=q_end + 1, spans=[Span(q_start, q_end)], speaker=0,
                                 speaker_confidence=0.5)]
    work.mentions = [Mention(*_at(GENERIC, "you", 0), None, "pronoun", chain=3),
                     Mention(*_at(GENERIC, "you", 1), None, "pronoun", chain=3),
                     Mention(*_at(GENERIC, "you", 2), None, "pronoun", chain=4),  # quoted "Do you see"
                     Mention(*_at(GENERIC, "your", 0), None, "pronoun", chain=5),  # dash dialogue
                     Mention(*_at(GENERIC, "you", 4), None, "pronoun", chain=5),
                     Mention(*_at(GENERIC, "your", 1), 1, "pronoun")]  # a letter's addressee, named
    return work


def test_narrated_you_stands_alone_outside_dialogue():
    work = _generic_work()
    assert generic_you(work) == 2
    when_you, lose_you, quoted, dash_your, dash_you, letter = work.mentions
    assert when_you.chain is None and lose_you.chain is None  # generic: each one alone
    assert quoted.chain == 4  # inside a quotation: untouched
    assert dash_your.chain == 5 and dash_you.chain == 5  # a sentence opening with a dash is dialogue
    assert letter.character == 1  # coreference named the addressee: kept


def test_link_quoted_persons_also_frees_generic_you():
    work = _generic_work()
    link_quoted_persons(work)
    assert [m.chain for m in work.mentions[:2]] == [None, None]


EXCHANGE = '"I found the key," Bren said. "Then you keep it," came the answer. "You always lose things."'


def _quote(qid: int, text: str, opening: str, closing: str) -> Quotation:
    start = text.index(opening) + 1
    end = text.index(closing, start)
    return Quotation(id=qid, start=start - 1, end=end + 1, spans=[Span(start, end)], speaker=None,
                     speaker_confidence=0.3)


def test_unnamed_you_is_who_said_i_in_the_neighbouring_turn():
    work = work_from_text(EXCHANGE, title="key")
    work.characters = [Character(id=0, name="Bren", mentions=2, chapter_presence=[2])]
    work.quotations = [_quote(0, EXCHANGE, '"I', ',"'), _quote(1, EXCHANGE, '"Then', ',"'),
                       _quote(2, EXCHANGE, '"You', '."')]
    work.mentions = [Mention(*_at(EXCHANGE, "I"), 0, "pronoun"),
                     Mention(*_at(EXCHANGE, "you"), None, "pronoun", chain=7),
                     Mention(*_at(EXCHANGE, "You"), None, "pronoun", chain=7)]
    link_quoted_persons(work)
    i_, keep_you, lose_you = work.mentions
    assert keep_you.character == 0  # the quotation before: Bren said "I"
    assert lose_you.chain == 7 and lose_you.character is None  # neighbours say no "I": unchanged
    assert work.characters[0].mentions == 3


def test_a_far_quotation_is_another_exchange():
    text = EXCHANGE.replace(" Bren said.", " Bren said." + " The rain went on for a long while." * 10)
    work = work_from_text(text, title="key")
    work.characters = [Character(id=0, name="Bren", mentions=2, chapter_presence=[2])]
    work.quotations = [_quote(0, text, '"I', ',"'), _quote(1, text, '"Then', ',"')]
    work.mentions = [Mention(*_at(text, "I"), 0, "pronoun"), Mention(*_at(text, "you"), None, "pronoun", chain=7)]
    link_quoted_persons(work)
    assert work.mentions[1].character is None


TRIO = '"I have the map," Ada said. "Then you lead, Ada," said Rook. "Fine."'


def _trio_work(addressee_conf: float):
    work = work_from_text(TRIO, title="map")
    work.characters = [Character(id=0, name="Ada", mentions=3, chapter_presence=[3]),
                       Character(id=1, name="Rook", mentions=2, chapter_presence=[2]),
                       Character(id=2, name="Tib", mentions=2, chapter_presence=[2])]
    q0, q1, q2 = _quote(0, TRIO, '"I', ',"'), _quote(1, TRIO, '"Then', ',"'), _quote(2, TRIO, '"Fine', '."')
    q0.speaker, q0.speaker_confidence = 0, 0.95
    q1.speaker, q1.speaker_confidence, q1.addressees = 1, 0.8, [(0, addressee_conf)]
    work.quotations = [q0, q1, q2]
    work.mentions = [Mention(*_at(TRIO, "I"), 0, "pronoun"), Mention(*_at(TRIO, "you"), 2, "pronoun")]
    return work


def test_addressee_agreeing_with_the_neighbouring_i_outvotes_coreference():
    work = _trio_work(0.6)
    link_quoted_persons(work)
    assert work.mentions[1].character == 0  # the addressee (0.6) is who said "I" just before
    assert [c.mentions for c in work.characters] == [4, 2, 1]


def test_unsure_addressee_alone_changes_nothing():
    work = _trio_work(0.4)
    link_quoted_persons(work)
    assert work.mentions[1].character == 2


def _bystander_work(speaker_conf: float, coref_choice: int):
    text = '"I saw the fire first," Mae said, looking at Jory while Pell slept.'
    work = work_from_text(text, title="fire")
    work.characters = [Character(id=0, name="Mae", mentions=2, chapter_presence=[2]),
                       Character(id=1, name="Jory", mentions=2, chapter_presence=[2]),
                       Character(id=2, name="Pell", mentions=2, chapter_presence=[2])]
    q = _quote(0, text, '"I', ',"')
    q.speaker, q.speaker_confidence, q.addressees = 0, speaker_conf, [(1, 0.6)]
    work.quotations = [q]
    work.mentions = [Mention(*_at(text, "I"), coref_choice, "pronoun")]
    return work


def test_quoted_i_of_a_bystander_goes_to_a_fairly_sure_speaker():
    work = _bystander_work(0.75, 2)
    link_quoted_persons(work)
    assert work.mentions[0].character == 0  # Pell has no part in the quotation


def test_quoted_i_of_the_addressee_or_an_unsure_speaker_stays():
    assert (link_quoted_persons(_bystander_work(0.75, 1)), link_quoted_persons(_bystander_work(0.6, 2))) == (0, 0)


def test_a_story_told_in_the_second_person_keeps_its_you():
    para = "You wake to rain. You reach for the lamp, and your hand finds the cold glass. You sigh. "
    text = para * 8
    work = work_from_text(text, title="rain")
    run_stage(work, "tokens")
    work.mentions = [Mention(m.start(), m.end(), None, "pronoun", chain=9)
                     for m in __import__("re").finditer(r"\b(?:You|your)\b", text)]
    assert generic_you(work) == 0  # the hero, told as "you": the chain stays
    assert all(m.chain == 9 for m in work.mentions)
