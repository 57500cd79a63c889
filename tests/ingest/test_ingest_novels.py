"""Generalisation: public-domain novels (PDNC) read as plain text lose no story and find their chapters."""

from __future__ import annotations

import pytest

from ficlens.ingest import load_work
from ficlens.wordcount import ao3_word_count

NOVELS = {  # novel -> (title found in its header, least number of chapters)
    "Emma": ("EMMA", 55), "NorthangerAbbey": ("Northanger Abbey", 31), "TheInvisibleMan": ("The Invisible Man", 28),
    "MansfieldPark": ("MANSFIELD PARK", 48), "OliverTwist": ("Oliver Twist", 50), "TheAwakening": ("", 39),
    "AlicesAdventuresInWonderland": ("", 12),
}


@pytest.mark.parametrize("novel", sorted(NOVELS))
def test_novel_keeps_its_story(pdnc_dir, novel):
    path = pdnc_dir / novel / "novel_text.txt"
    if not path.exists():
        pytest.skip(f"{novel} is not present")
    title, least_chapters = NOVELS[novel]
    work = load_work(path)
    raw_words = ao3_word_count(path.read_text(encoding="utf-8"))
    assert work.stats["words"] >= 0.985 * raw_words  # headings and paratext are a tiny share of a novel
    assert len(work.chapters) >= least_chapters - 1
    if title:
        assert work.meta.title == title
    assert work.meta.summary == ""  # no novel here starts with a summary
    notes = [n for c in work.chapters for n in c.notes] + work.notes
    assert all(n.kind in ("header", "trailer") for n in notes), [(n.kind, n.text[:40]) for n in notes]
