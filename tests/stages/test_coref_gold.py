"""Coreference over given mention spans (``ficlens eval coref --gold-mentions``)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.characters import CharacterStage
from ficlens.stages.coref_gold import GivenMentions, given_slots
from ficlens.stages.coref_rank import RankResolver, load_model

TEXT = ("Mr. Anne Elliot walked into the room where the little girl of nine stood by the window. "
        "She looked at him for a long time. The spectators said nothing.")


def _spans(*words: str) -> list[tuple[int, int]]:
    return [(TEXT.index(w), TEXT.index(w) + len(w)) for w in words]


def test_given_spans_are_classified_as_run_time_does():
    work = work_from_text(TEXT, title="t")
    run_stage(work, "tokens")
    seen = {}

    class Keep:
        def resolve(self, work, slots, genders, narrator, quotes, kinds=None):
            seen.update({TEXT[s.start:s.end]: s for s in slots})

    stage = CharacterStage(coref_model=GivenMentions(Keep(), _spans("Mr. Anne Elliot", "the little girl of nine",
                                                                    "She", "him", "The spectators")))
    stage(work)
    assert set(seen) == {"Mr. Anne Elliot", "the little girl of nine", "She", "him", "The spectators"}
    assert seen["She"].kind == "pronoun" and seen["She"].gender == "F"
    assert seen["Mr. Anne Elliot"].kind == "name" and seen["Mr. Anne Elliot"].entity is not None
    girl = seen["the little girl of nine"]
    assert girl.kind == "nominal" and girl.head == "girl" and girl.gender == "F"
    assert seen["The spectators"].kind == "nominal" and seen["The spectators"].plural
    assert given_slots(work, [], [], []) == []


def test_resolving_given_mentions_reports_exactly_those_spans():
    text = "Anne Elliot walked into the room. She sat down by the fire. Anne Elliot smiled, and she laughed."
    work = work_from_text(text, title="t")
    run_stage(work, "tokens")
    spans = [(0, 11), (text.index("She"), text.index("She") + 3), (text.index("Anne Elliot smiled"),
             text.index("Anne Elliot smiled") + 11), (text.index("she"), text.index("she") + 3)]
    CharacterStage(coref_model=GivenMentions(RankResolver(load_model("full")), spans))(work)
    assert sorted((m.start, m.end) for m in work.mentions) == sorted(spans)  # 'the room', 'the fire' are not
    anne = {m.character for m in work.mentions}
    assert len(anne) == 1 and None not in anne
