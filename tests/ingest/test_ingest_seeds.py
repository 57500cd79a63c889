"""The four scraped seed stories: header, notes, chapters, and story text kept (one split drop capital joined)."""

from __future__ import annotations

import re

import pytest

from ficlens.ingest import load_work
from ficlens.wordcount import ao3_word_count

SEED = {p: p for p in ("000_a39a3c7be31de24e", "001_bc7b31d521a80148", "002_3d02974a2cdccd16", "003_63ae82d28665ac40")}


def _raw_paragraphs(path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]


@pytest.fixture(scope="module")
def seeds(seed_paths):
    return {p.stem: (p, load_work(p)) for p in seed_paths}


def test_all_four_seeds_present(seeds):
    assert sorted(seeds) == sorted(SEED)


def test_seed_001_header_notes_and_chapter(seeds):
    path, work = seeds["001_bc7b31d521a80148"]
    m = work.meta
    assert m.summary == "Kakashi and Sakura find themselves injured, beaten, and trapped in a foreign country."
    assert m.genres == ["Action", "Romance"]
    assert m.rating == ""  # "Age Rating:" is present but empty
    assert [(n.kind, n.text) for n in work.notes] == [
        ("summary", m.summary), ("header", "Action / Romance"), ("header", "Age Rating:")]
    assert [c.title for c in work.chapters] == ["Chapter 1"]
    assert [(n.kind, n.text) for n in work.chapters[0].notes] == [
        ("disclaimer", "I don't own anything Naruto."),
        ("author_note", "A/N: Kakashi still has his you-know-what"),
        ("trailer", "The End.")]
    assert work.text.startswith('"DOTON," the frantically sealing copy-nin yelled')
    assert work.text.endswith("He always ended up doing what she told him to, anyways.")
    for paratext in ("A/N", "don't own anything", "Action / Romance", "Age Rating", "Chapter 1", "The End."):
        assert paratext not in work.text
    # every story paragraph survives, in order
    raw = _raw_paragraphs(path)
    story = raw[raw.index("A/N: Kakashi still has his you-know-what") + 1:raw.index("The End.")]
    # the one drop capital split from its word is joined back (ingest.repair)
    story = [p.replace("H e was afraid", "He was afraid") for p in story]
    assert [work.text[p.start:p.end] for p in work.paragraphs] == story
    # the extra blank lines of the scrape mark scene breaks
    assert len(work.scene_breaks) == 7
    assert work.text[work.scene_breaks[-1]:].startswith("Kakashi's vision and awareness were fuzzy")


def test_seed_002_glued_title_removed(seeds):
    path, work = seeds["002_3d02974a2cdccd16"]
    assert work.text.endswith("Kakashi gently pulled her up and held onto his hand firmly.")
    assert "Kakasak" not in work.text
    notes = [(n.kind, n.text) for c in work.chapters for n in c.notes]
    assert notes == [("trailer", "Kakashi's Mission (Kakasak")]
    raw = _raw_paragraphs(path)
    assert [work.text[p.start:p.end] for p in work.paragraphs] == raw[:-1]


@pytest.mark.parametrize("stem", ["000_a39a3c7be31de24e", "003_63ae82d28665ac40"])
def test_seeds_without_paratext_are_kept_whole(seeds, stem):
    path, work = seeds[stem]
    assert [work.text[p.start:p.end] for p in work.paragraphs] == _raw_paragraphs(path)
    assert work.notes == [] and all(not c.notes for c in work.chapters)
    assert len(work.chapters) == 1 and work.meta.summary == "" and work.meta.genres == []
    assert work.meta.title == stem and work.meta.source_format == "plaintext"


def test_seed_003_dramatic_gaps(seeds):
    _, work = seeds["003_63ae82d28665ac40"]
    # "It didn't move an inch." / "It twitched." follow two blank lines: wider than the usual gap
    assert [work.text[b:b + 12] for b in work.scene_breaks] == ["It didn't mo", "It twitched.", '"ALRIGHT ALR']


def test_seed_word_counts(seeds):
    for stem, (path, work) in seeds.items():
        assert work.stats["words"] == ao3_word_count(work.text)
        assert work.stats["words"] > 500
        assert not re.search(r"\bA/N\b", work.text)
