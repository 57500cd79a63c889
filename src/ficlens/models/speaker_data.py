"""Training data for the speaker model: PDNC novels (and LitBank excerpts) with their gold character lists.

The model is trained on features computed over the gold character list
(aliases, genders) so that the labels are exact; at run time the same
features are computed over the characters stage's clusters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ficlens.dialogue.attribute import prepare
from ficlens.document import Character
from ficlens.eval.pdnc_gold import GoldNovel, load_gold
from ficlens.ingest.build import work_from_text


@dataclass
class NovelData:
    name: str
    X: np.ndarray
    unit: np.ndarray
    cand: np.ndarray
    y: np.ndarray  # 1 where the candidate is the gold speaker
    gold: np.ndarray  # per unit: gold character id, -1 when unknown / not a gold quote
    prep: object  # the Prepared context (units, table...) for stacking
    narrator_gold: int = -1  # gold character the appended Narrator stands for

    def correct(self, speakers: np.ndarray) -> np.ndarray:
        """Per unit: the predicted speaker is the gold one (units without gold are False)."""
        ok = speakers == self.gold
        if self.prep.narrator is not None and self.narrator_gold >= 0:
            ok |= (speakers == self.prep.narrator) & (self.gold == self.narrator_gold)
        return ok & (self.gold >= 0)


def gold_characters(novel: GoldNovel) -> list[Character]:
    text = novel.text
    chars = []
    for i, g in enumerate(novel.characters):
        aliases = {a: max(1, text.count(a)) for a in g.aliases}
        gender = g.gender if g.gender in ("M", "F") else "U"
        chars.append(Character(id=i, name=g.name, aliases=aliases, gender=gender, gender_confidence=1.0))
    return chars


def gold_speaker_per_unit(novel: GoldNovel, units, name_to_id: dict[str, int]) -> np.ndarray:
    """For each quote unit, the gold speaker id of the gold quotation it overlaps most (-1 when none)."""
    spans = sorted((a, b, q.speaker) for q in novel.quotes for a, b in q.spans)
    starts = [s[0] for s in spans]
    import bisect

    out = np.full(len(units), -1, dtype=np.int32)
    for k, u in enumerate(units):
        best, speaker = 0, None
        for seg in u.segments:
            i = bisect.bisect_right(starts, seg.end) - 1
            for a, b, sp in spans[max(0, i - 3):i + 1]:
                ov = min(b, seg.end) - max(a, seg.start)
                if ov > best:
                    best, speaker = ov, sp
        if speaker is not None and speaker in name_to_id:
            out[k] = name_to_id[speaker]
    return out


def novel_data(folder: str) -> NovelData:
    """Training item of one PDNC folder."""
    return gold_novel_data(load_gold(folder))


def characters_work(novel: GoldNovel, cache_dir: str | None = None):
    """The novel's text analysed up to the characters stage, loaded from ``cache_dir/NAME.pkl`` when there (and
    written there when not)."""
    import os
    import pickle

    from ficlens.pipeline import run_stage

    path = os.path.join(cache_dir, novel.name + ".pkl") if cache_dir else None
    if path and os.path.exists(path):
        with open(path, "rb") as f:
            return pickle.load(f)
    work = work_from_text(novel.text, novel.name, line_paragraphs=None)  # as `eval quotes` reads it
    run_stage(work, "characters")
    if path:
        os.makedirs(cache_dir, exist_ok=True)
        with open(path, "wb") as f:
            pickle.dump(work, f)
    return work


def predicted_novel_data(novel: GoldNovel, cache_dir: str | None = None) -> NovelData:
    """Features over the characters stage's own clusters, as at run time (``cache_dir``: pickled works to reuse).

    A candidate cluster is right when ``eval quotes`` would map it to the gold speaker; ``gold`` holds, per
    unit, the gold speaker's index in ``novel.characters``.
    """
    from ficlens.eval.quotes import map_clusters

    work = characters_work(novel, cache_dir)
    prep = prepare(work)
    gold_ids = {g.name: i for i, g in enumerate(novel.characters)}
    gold = gold_speaker_per_unit(novel, prep.units, gold_ids)
    mapped = map_clusters(work, novel)
    cand_gold = np.array([gold_ids.get(mapped.get(int(c), ""), -2) for c in prep.table.cand], dtype=np.int32)
    y = (cand_gold == gold[prep.table.unit]).astype(np.int8)
    return NovelData(novel.name, prep.table.X, prep.table.unit, prep.table.cand, y, gold, prep)


def gold_novel_data(novel: GoldNovel) -> NovelData:
    """Features over the gold character list and exact labels, for any gold-annotated text (PDNC, LitBank)."""
    work = work_from_text(novel.text, novel.name)
    work.characters = gold_characters(novel)
    prep = prepare(work)
    name_to_id = {c.name: c.id for c in work.characters}
    gold = gold_speaker_per_unit(novel, prep.units, name_to_id)
    y = (prep.table.cand == gold[prep.table.unit]).astype(np.int8)
    narrator_gold = -1
    if prep.narrator is not None:
        # the appended "Narrator" stands for the gold character who says "I said" most often
        said_i = [int(g) for u, g in zip(prep.units, gold) if g >= 0 and u.tag.gender == "I"]
        if said_i:
            narrator_gold = max(set(said_i), key=said_i.count)
            y |= ((prep.table.cand == prep.narrator) & (gold[prep.table.unit] == narrator_gold)).astype(np.int8)
    return NovelData(novel.name, prep.table.X, prep.table.unit, prep.table.cand, y, gold, prep, narrator_gold)
