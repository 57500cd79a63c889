"""Interaction network and relationship classification on small hand-built works."""

from __future__ import annotations

import importlib.util

import pytest

from ficlens.document import Note
from ficlens.stages.relationships import RelationshipStage, portmanteau

from rel_helpers import make_work

COUPLE = """Anna walked into the kitchen where Ben was cooking. She kissed him on the cheek.

"I love you," Anna said.

Ben smiled at her. "I love you too."

Carl, Ben's old friend from school, knocked at the door. Ben let him in and they talked about their team.

Carl and Ben had been best friends since childhood. Carl punched Ben's arm playfully and called him his oldest friend.

Later Carl told Anna about the game. Anna laughed."""

PEOPLE = {"Anna": "F", "Ben": "M", "Carl": "M"}
QUOTES = [("I love you,", "Anna", "Ben"), ("I love you too.", "Ben", "Anna")]


@pytest.fixture(scope="module")
def couple():
    work = make_work(COUPLE, PEOPLE, QUOTES)
    return RelationshipStage()(work)


def _rel(work, x, y):
    ids = {c.name: c.id for c in work.characters}
    pair = tuple(sorted((ids[x], ids[y])))
    return next((r for r in work.relationships if (r.a, r.b) == pair), None)


def _inter(work, x, y):
    ids = {c.name: c.id for c in work.characters}
    pair = tuple(sorted((ids[x], ids[y])))
    return next(i for i in work.interactions if (min(i.a, i.b), max(i.a, i.b)) == pair)


def test_interactions_count_scenes_speech_and_actions(couple):
    ab = _inter(couple, "Anna", "Ben")
    bc = _inter(couple, "Ben", "Carl")
    assert ab.co_occurrence >= 2  # the kitchen paragraph and the neighbouring ones
    assert ab.speech == pytest.approx(1.8)  # two quotations, addressee confidence 0.9 each
    assert ab.action >= 1  # "She kissed him"
    assert bc.action >= 1  # "Carl punched Ben's arm"
    assert ab.weight == pytest.approx(ab.co_occurrence + 2 * ab.speech + 1.5 * ab.action)
    assert ab.weight > bc.weight  # heaviest first
    assert couple.interactions[0] is ab
    assert sum(ab.by_chapter.values()) == pytest.approx(ab.weight)


def test_romantic_pair_with_evidence(couple):
    r = _rel(couple, "Anna", "Ben")
    assert r is not None and r.kind == "romantic" and not r.mentioned_only
    assert r.tag == "Anna/Ben"
    assert r.confidence > 0.6
    texts = " ".join(e.text for e in r.evidence)
    assert "I love you" in texts
    for e in r.evidence:
        assert couple.text[e.start:e.end] == e.text


def test_friendship_is_platonic(couple):
    r = _rel(couple, "Ben", "Carl")
    assert r is not None and r.kind == "platonic" and r.subtype == "friendship"
    assert r.tag == "Ben & Carl"


def test_siblings_are_not_a_couple():
    text = """Mary sat with her sister Jane by the fire. Jane was her dearest sister in the world.

"I love you, Jane," Mary said, and kissed her sister goodnight.

Jane embraced her sister. Their mother called them both her darling girls, and their father smiled at his daughters.

The two sisters laughed, and Mary kissed her sister again before the family went to bed."""
    work = RelationshipStage()(make_work(text, {"Mary": "F", "Jane": "F"}, [("I love you, Jane,", "Mary", "Jane")]))
    r = _rel(work, "Mary", "Jane")
    assert r is not None
    assert r.kind == "platonic" and r.subtype == "family"


def test_past_romance_is_mentioned_only():
    text = """Tom fixed the old car in the garage all afternoon while the radio played.

Tom remembered Lisa, his ex-girlfriend, who had broken up with him years ago. He had kissed Lisa once under the bridge, and he had loved her.

Lisa was his first love, and his old flame still made him smile. He had dated Lisa for a year before she broke up with him.

He finished the car at dusk and drove it to town."""
    work = RelationshipStage()(make_work(text, {"Tom": "M", "Lisa": "F"}))
    r = _rel(work, "Lisa", "Tom")
    assert r is not None and r.kind == "romantic"
    assert r.mentioned_only and r.subtype == "past"


def test_ship_name_in_paratext_adds_a_prior():
    text = """Kellan held the door for Marisol. Marisol took his hand as they walked.

They sat together on the bench. Kellan smiled at Marisol."""
    work = make_work(text, {"Kellan": "M", "Marisol": "F"})
    assert portmanteau("Kelmari", work) == ["Kellan", "Marisol"]
    assert portmanteau("Kitchen", work) == []
    without = RelationshipStage()(make_work(text, {"Kellan": "M", "Marisol": "F"}))
    work.notes.append(Note("author_note", "A short Kelmari fic for a friend."))
    with_ship = RelationshipStage()(work)
    r0, r1 = _rel(without, "Kellan", "Marisol"), _rel(with_ship, "Kellan", "Marisol")
    assert r1 is not None and r1.kind == "romantic"
    assert r0 is None or r0.kind != "romantic" or r0.confidence < r1.confidence
    assert any("ship" in e.reason for e in r1.evidence)


def test_romance_cue_near_three_goes_to_the_pair_together():
    text = """Nora and Owen walked home together, arm in arm, as they did every evening.

Nora kissed Owen at the gate. Nora and Owen held hands.

Paul, the neighbour, waved at Nora and Owen from his window, and Nora kissed Owen again.

Owen and Nora went inside. Nora told Owen she loved him, and they kissed."""
    work = RelationshipStage()(make_work(text, {"Nora": "F", "Owen": "M", "Paul": "M"}))
    assert _rel(work, "Nora", "Owen").kind == "romantic"
    other = _rel(work, "Nora", "Paul")
    assert other is None or other.kind != "romantic" or other.confidence < 0.5


def test_relationships_in_the_real_pipeline(seed_paths):
    from ficlens.ingest import load_work
    from ficlens.pipeline import analyze, get_stage

    if importlib.util.find_spec("ficlens.stages.quotes") is None:
        pytest.skip("the quotes stage is not built yet")
    try:
        get_stage("quotes")
    except Exception as err:  # noqa: BLE001 - e.g. its model is not trained yet
        pytest.skip(f"the quotes stage cannot be built: {err}")

    work = load_work(min(seed_paths, key=lambda p: p.stat().st_size))
    try:
        analyze(work, ["tokens", "characters", "quotes"])
    except Exception as err:  # noqa: BLE001 - an upstream stage under construction is not this test's subject
        pytest.skip(f"an upstream stage failed: {err.__class__.__name__}: {err}")
    analyze(work)
    assert work.stages_run[-2:] == ["relationships", "tags"]
    assert work.interactions
    assert all(0.0 <= r.confidence <= 1.0 for r in work.relationships)


def test_love_confided_to_a_friend_goes_to_the_one_loved():
    text = """Hattie walked with Emmeline through the garden. Hattie spoke of Robin, who had called that morning.

"I am so in love with him," Hattie told Emmeline. "I fell for him the day we met, and I think of him every hour."

Emmeline smiled and listened. Emmeline and Hattie sat on the bench until dark.

"You must marry Robin," said Emmeline. "He adores you."

Robin came to the gate later, and Hattie kissed Robin goodnight."""
    quotes = [("I am so in love with him,", "Hattie", "Emmeline"),
              ("I fell for him the day we met, and I think of him every hour.", "Hattie", "Emmeline"),
              ("You must marry Robin,", "Emmeline", "Hattie")]
    work = RelationshipStage()(make_work(text, {"Hattie": "F", "Emmeline": "F", "Robin": "M"}, quotes))
    assert _rel(work, "Hattie", "Robin").kind == "romantic"
    friends = _rel(work, "Hattie", "Emmeline")
    assert friends is None or friends.kind != "romantic"


def test_ids_that_name_no_character_are_ignored():
    from ficlens.document import Mention

    work = make_work(COUPLE, PEOPLE, QUOTES)
    work.mentions.append(Mention(0, 4, 99, "name"))  # a stale id
    work.quotations[0].addressees.append((42, 0.9))
    RelationshipStage()(work)
    known = {c.id for c in work.characters}
    assert all(i.a in known and i.b in known for i in work.interactions)
    assert all(r.a in known and r.b in known for r in work.relationships)
    assert _rel(work, "Anna", "Ben").kind == "romantic"


def test_hes_mine_binds_the_speaker_to_the_one_claimed_not_to_the_listener():
    text = """Dario lay asleep in the ward. Corin sat by him all night.

A nurse came in. Corin frowned at the nurse, who was smiling at Dario.

"He's mine," Corin told the nurse. "He has been for years."

The nurse left. Corin kissed Dario on the brow and waited for morning."""
    quotes = [("He's mine,", "Corin", "nurse"), ("He has been for years.", "Corin", "nurse")]
    work = RelationshipStage()(make_work(text, {"Dario": "M", "Corin": "M", "nurse": "F"}, quotes))
    claim = _rel(work, "Corin", "Dario")
    assert claim is not None and claim.kind == "romantic"
    assert any("He's mine" in e.text for e in claim.evidence)
    listener = _rel(work, "Corin", "nurse")
    assert listener is None or listener.kind != "romantic"
