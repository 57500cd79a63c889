"""Issue 2: "said I" in a first-person story names the narrator, however many people were named just before."""

from __future__ import annotations

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.features import MAX_CANDIDATES
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

NAMES = ["Alder", "Birch", "Cedar", "Dunmore", "Ellery", "Farrow", "Garnett", "Hollis", "Ingram", "Jessop",
         "Kendal", "Lowell", "Marlow", "Norris", "Oakley", "Pryce"]


def test_said_i_keeps_the_narrator_among_the_candidates():
    crowd = " ".join(f"Mr. {n} bowed." for n in NAMES)
    text = f"I came into the hall late.\n\n{crowd}\n\n\"Good evening to you all,\" said I."
    work = work_from_text(text)
    work.characters = [Character(i, f"Mr. {n}", aliases={f"Mr. {n}": 3}, gender="M") for i, n in enumerate(NAMES)]
    narrator = len(NAMES)
    work.characters.append(Character(narrator, "Narrator", aliases={"I": 1}, gender="U"))
    assert len(NAMES) + 1 > MAX_CANDIDATES  # the names alone fill the candidate list
    prep = prepare(work, narrator=narrator, detect_narrator=False)
    last = prep.units[-1]
    assert last.tag.kind == "pronoun" and last.tag.gender == "I"
    cands = [int(c) for c, u in zip(prep.table.cand, prep.table.unit) if u == last.index]
    assert narrator in cands
