"""Every supported format gives the exact same story text, chapters, notes and metadata."""

from __future__ import annotations

import zipfile

import pytest

from ficlens.ingest import load_work
from ficlens.wordcount import ao3_word_count

AO3_META = {
    "title": "The Long Way Home", "authors": ["inkfox"], "fandoms": ["Naruto"], "rating": "Teen And Up Audiences",
    "warnings": ["No Archive Warnings Apply"], "categories": ["F/M"],
    "relationships": ["Haruno Sakura/Hatake Kakashi"],
    "characters": ["Hatake Kakashi", "Haruno Sakura", "Uzumaki Naruto"],
    "additional_tags": ["Fluff", "Snow", "Hurt/Comfort"], "language": "English", "series": ["Seasons"],
    "summary": "Two ninja, one long winter, and a walk home.", "published": "2020-01-05", "updated": "2020-02-10",
    "status": "Completed", "source_url": "https://archiveofourown.org/works/22334455", "ids": {"ao3": "22334455"},
    "declared_words": 1234, "declared_chapters": "2/2", "genres": [],
}
FFN_META = {
    "title": "The Long Way Home", "authors": ["inkfox"], "rating": "T", "language": "English",
    "genres": ["Romance", "Hurt/Comfort"], "characters": ["Kakashi H.", "Sakura H.", "Naruto U."],
    "relationships": ["Kakashi H./Sakura H."], "published": "2020-01-05", "updated": "2020-02-10",
    "status": "Completed", "declared_words": 1234, "declared_chapters": "2",
}
FFF_META = dict(FFN_META, fandoms=["Naruto"], source_url="https://www.fanfiction.net/s/8067258/1/The-Long-Way-Home",
                summary="Two ninja, one long winter, and a walk home.")
AO3_CHAPTER_NOTES = [[("author_note", "Thanks to my beta, Rin, for reading this first.")],
                     [("end_note", "Thank you for reading!")]]
AO3_WORK_NOTES = [("summary", "Two ninja, one long winter, and a walk home."),
                  ("author_note", "Written for the winter exchange."), ("end_note", "Come say hi on my blog.")]

CASES = {
    "ao3.html": ("ao3-html", AO3_META, ["Chapter 1: Snowfall", "Chapter 2: Thaw"], AO3_CHAPTER_NOTES,
                 [("header", "Posted originally on the Archive of Our Own at https://archiveofourown.org/works/22334455.")] + AO3_WORK_NOTES),
    "ao3.epub": ("ao3-epub", AO3_META, ["Chapter 1: Snowfall", "Chapter 2: Thaw"], AO3_CHAPTER_NOTES,
                 [("header", "Posted originally on the Archive of Our Own at https://archiveofourown.org/works/22334455.")] + AO3_WORK_NOTES),
    "ao3_calibre.epub": ("ao3-epub", AO3_META, ["Chapter 1: Snowfall", "Chapter 2: Thaw"], AO3_CHAPTER_NOTES,
                         [("header", "Posted originally on the Archive of Our Own at https://archiveofourown.org/works/22334455.")] + AO3_WORK_NOTES),
    "ao3_page.html": ("ao3-page", AO3_META, ["Chapter 1: Snowfall", "Chapter 2: Thaw"], AO3_CHAPTER_NOTES, AO3_WORK_NOTES),
    "fff.txt": ("fanficfare-txt", dict(FFF_META, summary=FFF_META["summary"] + " It was supposed to be a simple escort mission, "
                                       "but nothing with Team Seven is ever simple, least of all the weather."),
                ["Snowfall", "Thaw"],
                [[("author_note", "A/N: Thanks to my beta, Rin, for reading this first.")],
                 [("author_note", "A/N: Thank you for reading!")]], []),
    "fff.html": ("fanficfare-html", FFF_META, ["Snowfall", "Thaw"],
                 [[("author_note", "Author's Note: Thanks to my beta, Rin, for reading this first.")],
                  [("author_note", "A/N: Thank you for reading!")]], []),
    "fff.epub": ("fanficfare-epub", dict(FFF_META, ids={"ffn": "8067258", "fanficfare_uid": "www.fanfiction.net-u123-s8067258"}),
                 ["Snowfall", "Thaw"],
                 [[("author_note", "Author's Note:\n\nThanks to my beta, Rin, for reading this first.")],
                  [("author_note", "A/N: Thank you for reading!")]], []),
    "ffn.txt": ("plaintext", dict(FFN_META, summary="Two ninja, one long winter, and a walk home.", ids={"ffn": "8067258"}),
                ["Chapter 1: Snowfall", "Chapter 2: Thaw"],
                [[("author_note", "Author's Note: Thanks to my beta, Rin, for reading this first.")],
                 [("author_note", "Thank you for reading! Please review!")]],
                [("header", "The Long Way Home"), ("summary", "Two ninja, one long winter, and a walk home."),
                 ("header", "By: inkfox")]),
    "scripts.html": ("html", {"title": "The Long Way Home", "summary": "Two ninja, one long winter, and a walk home."},
                     ["Chapter 1: Snowfall", "Chapter 2: Thaw"], [[], [("author_note", "A/N: Thank you for reading!")]],
                     [("summary", "Summary: Two ninja, one long winter, and a walk home.")]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_format_reads_exactly(name, formats_dir, gen):
    fmt, meta, titles, chapter_notes, work_notes = CASES[name]
    work = load_work(formats_dir / name)
    assert work.meta.source_format == fmt
    assert work.text == gen.expected_text()
    for field, value in meta.items():
        assert getattr(work.meta, field) == value, field
    assert [c.title for c in work.chapters] == titles
    assert [[(n.kind, n.text) for n in c.notes] for c in work.chapters] == chapter_notes
    got_work_notes = [(n.kind, n.text) for n in work.notes]
    if name == "ffn.txt":
        assert got_work_notes[:3] == work_notes and got_work_notes[3][1].startswith("Rated: Fiction T - English")
    else:
        assert got_work_notes == work_notes
    # one scene break, before "Later, when the lamps were lit"
    assert work.scene_breaks == [work.text.index("Later, when the lamps")]
    assert work.stats["words"] == ao3_word_count(work.text)
    assert work.meta.encoding == "utf-8"
    assert work.meta.source_path.endswith(name)


@pytest.mark.parametrize("name", sorted(CASES) + ["ffn_page.html", "plain_notes.txt"])
def test_offsets_are_consistent(name, formats_dir):
    work = load_work(formats_dir / name)
    assert work.paragraphs
    for p in work.paragraphs:
        para = work.text[p.start:p.end]
        assert para and para == para.strip() and "\n\n" not in para
        ch = work.chapters[p.chapter]
        assert ch.start <= p.start and p.end <= ch.end
    starts = [c.start for c in work.chapters]
    assert starts == sorted(starts) and work.chapters[-1].end == len(work.text)
    assert all(work.text[b - 2:b] == "\n\n" for b in work.scene_breaks)


def test_ffn_page(formats_dir, gen):
    work = load_work(formats_dir / "ffn_page.html")
    m = work.meta
    assert m.source_format == "ffn"
    assert (m.title, m.authors, m.fandoms, m.rating, m.language) == ("The Long Way Home", ["inkfox"], ["Naruto"], "T", "English")
    assert m.genres == ["Romance", "Hurt/Comfort"]
    assert m.relationships == ["Kakashi H./Sakura H."] and m.characters == ["Kakashi H.", "Sakura H.", "Naruto U."]
    assert (m.status, m.declared_words, m.declared_chapters, m.ids["ffn"]) == ("Completed", 1234, "2", "8067258")
    assert m.summary == gen.SUMMARY
    assert [c.title for c in work.chapters] == ["Snowfall"]
    assert work.text == "\n\n".join(gen.plain(p) for p in gen.CHAPTERS[0][1])
    assert [(n.kind, n.text) for n in work.chapters[0].notes] == [("author_note", "A/N: Thanks to my beta, Rin, for reading this first.")]
    assert "alert" not in work.text and "storyid" not in work.text


def test_plain_text_notes_breaks_and_note_only_chapter(formats_dir):
    work = load_work(formats_dir / "plain_notes.txt")
    m = work.meta
    assert m.summary == "Sakura and Kakashi wait out a storm in an abandoned shrine."
    assert m.genres == ["Romance", "Hurt/Comfort"] and m.rating == "T"
    assert work.text == (
        'The rain came down in sheets as they reached the shrine steps.\n\n'
        '"In here," Kakashi said, shouldering the old door open.\n\n'
        'Inside, the air smelled of cedar and dust. Sakura wrung out her hair and laughed at the puddle forming at her feet.\n\n'
        'The storm had passed by dawn.\n\n'
        'They walked back to the village without a word, and neither of them minded.\n\n'
        'Later, Sakura would remember the shrine every time it rained.')
    # the note-only "Chapter 2" is not a chapter; its note is kept with the next one
    assert [c.title for c in work.chapters] == ["Chapter 1: The Shrine", "Chapter 3 - Morning"]
    assert [(n.kind, n.text) for n in work.chapters[0].notes] == [
        ("disclaimer", "Disclaimer: I don't own Naruto, Masashi Kishimoto does."),
        ("author_note", "A/N: This is my first fic, so please be nice!"),
        ("author_note", "A/N: Sorry this chapter is short! Please review!\n\nThanks for reading, see you next time.")]
    assert [(n.kind, n.text[:17]) for n in work.chapters[1].notes] == [
        ("author_note", "A/N: Hi everyone!"), ("trailer", "To be continued..")]
    # "~~~", three blank lines and "______" are scene breaks; the "-----" after the opening note is not a paragraph
    assert work.scene_breaks == [work.text.index(s) for s in ("Inside, the air", "They walked back", "Later, Sakura")]


def test_generic_html_is_defused(formats_dir):
    work = load_work(formats_dir / "scripts.html")
    everything = work.text + " ".join(n.text for n in work.notes) + " ".join(n.text for c in work.chapters for n in c.notes)
    for bad in ("stolen", "alert", "evil", "OBJECT TEXT", "NOSCRIPT", "END SCRIPT", "color: red", "javascript"):
        assert bad not in everything


def test_calibre_fixture_has_no_ao3_classes(formats_dir):
    """The Calibre variant really lacks AO3 class names and is split into several files."""
    with zipfile.ZipFile(formats_dir / "ao3_calibre.epub") as z:
        docs = [n for n in z.namelist() if n.startswith("index_split_")]
        content = "".join(z.read(n).decode() for n in docs)
    assert len(docs) >= 3
    assert 'class="userstuff"' not in content and 'class="tags"' not in content and 'id="chapters"' not in content


def test_fixture_files_match_generator(formats_dir, gen):
    for name, make in gen.FIXTURES.items():
        assert (formats_dir / name).read_bytes() == make(), f"regenerate with python tests/ingest/make_fixtures.py ({name})"


def test_fanficfare_txt_is_crlf_and_wrapped(formats_dir):
    raw = (formats_dir / "fff.txt").read_bytes()
    assert b"\r\n" in raw and raw.rstrip().endswith(b"End file.")
    assert max(len(line) for line in raw.decode().split("\r\n")) <= 78


def test_ao3_single_chapter_download(formats_dir, gen):
    work = load_work(formats_dir / "ao3_single.html")
    assert work.meta.source_format == "ao3-html"
    assert work.text == "\n\n".join(gen.plain(p) for p in gen.CHAPTERS[0][1])
    assert [c.title for c in work.chapters] == [""]  # the toc-heading repeats the work title
    assert (work.meta.declared_chapters, work.meta.status, work.meta.declared_words) == ("1/1", "Completed", 180)


def test_ao3_download_without_any_chapter_heading(tmp_path, formats_dir):
    page = (formats_dir / "ao3_single.html").read_text(encoding="utf-8")
    page = page.replace('<h2 class="toc-heading">The Long Way Home</h2>', "")
    path = tmp_path / "noheading.html"
    path.write_text(page, encoding="utf-8")
    work = load_work(path)
    assert work.text.startswith("Snow had been falling") and work.text.endswith("old academy swings.")
    assert work.meta.summary == "Two ninja, one long winter, and a walk home."


def test_generic_epub(formats_dir, gen):
    work = load_work(formats_dir / "generic.epub")
    assert work.meta.source_format == "epub"
    assert work.text == gen.expected_text()
    assert [c.title for c in work.chapters] == ["Snowfall", "Thaw"]
    assert (work.meta.title, work.meta.authors, work.meta.language, work.meta.summary) == (
        "The Long Way Home", ["inkfox"], "en", gen.SUMMARY)
    assert work.scene_breaks == [work.text.index("Later, when the lamps")]
