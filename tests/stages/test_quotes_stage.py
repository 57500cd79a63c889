"""The quotes stage end to end: speakers are characters of the work, tags decide explicit lines."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze

STORY = "\n\n".join([
    "Anna Petrova walked into the kitchen where Ben Carter was reading the paper.",
    '"Good morning," said Anna.',
    '"Is it?" Ben asked, without looking up. "The coffee is cold again."',
    "Anna shrugged and filled the kettle.",
    '"Then make some more, Ben," she said.',
    '"I will," he muttered.',
    '"You always say that."',
    '"And I always do it, Anna."',
    "She laughed at that, and Ben finally folded the paper.",
])


def test_explicit_and_anaphoric_tags_pick_the_right_character():
    work = analyze(work_from_text(STORY), stages=["quotes"])
    assert len(work.quotations) == 6
    names = {c.id: c.name for c in work.characters}
    speakers = [names.get(q.speaker, "") for q in work.quotations]
    assert "Anna" in speakers[0] and "Ben" in speakers[1]
    assert "Anna" in speakers[2] and "Ben" in speakers[3]
    assert work.quotations[0].quote_type == "Explicit"
    assert work.quotations[2].quote_type == "Anaphoric"
    assert work.quotations[1].spans and len(work.quotations[1].spans) == 2  # interrupted by the tag
    for q in work.quotations:
        assert q.speaker is None or work.character(q.speaker) is not None
        assert q.quote_type in ("Explicit", "Anaphoric", "Implicit")
        assert 0.0 <= q.speaker_confidence <= 1.0
        assert all(work.character(a) is not None for a, _ in q.addressees)
    # the vocative "Ben" makes Ben the addressee of Anna's line
    assert "Ben" in names[work.quotations[2].addressees[0][0]]
    assert sum(c.quotes for c in work.characters) == sum(q.speaker is not None for q in work.quotations)
    assert sum(c.words_spoken for c in work.characters) > 0


def test_seed_stories_get_speakers_with_evidence(seed_paths):
    from ficlens.ingest import load_work

    work = analyze(load_work(seed_paths[3]), stages=["quotes"])
    assert len(work.quotations) >= 15
    attributed = [q for q in work.quotations if q.speaker is not None]
    assert len(attributed) >= 0.9 * len(work.quotations)
    explicit = [q for q in work.quotations if q.quote_type == "Explicit"]
    assert explicit and all(q.evidence and q.evidence[0].text for q in explicit)
    for q in work.quotations:
        for s in q.spans:
            assert work.text[s.start:s.end].strip()
