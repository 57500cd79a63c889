"""The general rules behind ingestion: headers, notes, scene breaks, headings, wrapping, labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.document import WorkMeta
from ficlens.ingest import meta as labels
from ficlens.ingest.paratext import chapter_heading, glued_title, is_scene_break
from ficlens.ingest.plaintext import looks_wrapped, parse_plaintext


def _parse(text: str):
    return parse_plaintext(text, Path("story.txt"))


@pytest.mark.parametrize("line", ["* * *", "***", "~~~", "-o-o-", "-o-o-o-o-", "______", "oOo", "xXx", "#",
                                  "=====", "~*~*~", "[Line Break]", "~Scene Break~", "o0o0o", "\u2022\u2022\u2022"])
def test_scene_break_markers(line):
    assert is_scene_break(line)


@pytest.mark.parametrize("line", ["...", "\u2026", "Ooo", "xxx", "No.", "OK", "Hmm...", "- Kakashi", "**Kakashi**", "I"])
def test_not_scene_breaks(line):
    assert not is_scene_break(line)


@pytest.mark.parametrize("line,expected", [
    ("Chapter 1", "Chapter 1"), ("Chapter 12: The Return", "Chapter 12: The Return"), ("CHAPTER IV", "CHAPTER IV"),
    ("Chapter Twenty-One - Home", "Chapter Twenty-One - Home"), ("~Chapter 3~", "Chapter 3"), ("Prologue", "Prologue"),
    ("Epilogue: Ten Years Later", "Epilogue: Ten Years Later"), ("Ch. 5", "Ch. 5"), ("**Chapter 2**", "Chapter 2"),
])
def test_chapter_headings(line, expected):
    assert chapter_heading(line) == expected


@pytest.mark.parametrize("line", ["Chapter 3 of the scroll said otherwise, and Kakashi frowned at it.",
                                  '"Chapter 1," she read aloud.', "Partly cloudy", "Bookish as ever, Sakura sighed."])
def test_not_chapter_headings(line):
    assert chapter_heading(line) is None


def test_genres_keep_hurt_comfort_whole():
    assert labels.split_genres("Adventure/Hurt/Comfort") == ["Adventure", "Hurt/Comfort"]
    assert labels.split_genres("Hurt/Comfort/Romance") == ["Hurt/Comfort", "Romance"]
    assert labels.genre_line("Action / Romance") == ["Action", "Romance"]
    assert labels.genre_line("Kakashi / Sakura") is None


def test_ffn_header_line():
    meta = WorkMeta()
    line = ("Rated: Fiction T - English - Adventure/Hurt/Comfort - [Kakashi H., Sakura H.] Naruto U. - Chapters: 22 - "
            "Words: 114,414 - Reviews: 1,024 - Favs: 900 - Follows: 800 - Updated: 3/4/2013 - Published: 5/28/2012 - "
            "Status: Complete - id: 8067258")
    m = labels.find_ffn_header("Some title\n" + line)
    assert m is not None
    labels.apply_ffn_header(meta, m.group(0))
    assert (meta.rating, meta.language, meta.genres) == ("T", "English", ["Adventure", "Hurt/Comfort"])
    assert meta.relationships == ["Kakashi H./Sakura H."]
    assert meta.characters == ["Kakashi H.", "Sakura H.", "Naruto U."]
    assert (meta.declared_chapters, meta.declared_words, meta.status, meta.ids) == ("22", 114414, "Completed", {"ffn": "8067258"})
    assert (meta.published, meta.updated) == ("2012-05-28", "2013-03-04")


@pytest.mark.parametrize("rating", ["K", "K+", "T", "M"])
def test_ffn_ratings(rating):
    meta = WorkMeta()
    m = labels.find_ffn_header(f"Rated: Fiction {rating} - Spanish - Humor - Chapters: 1 - Words: 900 - id: 1")
    labels.apply_ffn_header(meta, m.group(0))
    assert meta.rating == rating and meta.language == "Spanish" and meta.genres == ["Humor"]


def test_title_by_and_labels_header():
    work = _parse("Winter Roads\n\nby Ashen Quill\n\nRating: M\nPairing: Kakashi/Sakura\nWarnings: violence\n\n"
                  "Summary: A long way home.\n\nThe road was empty when they set out.\n\nNobody spoke.")
    m = work.meta
    assert (m.title, m.authors, m.rating, m.relationships, m.warnings, m.summary) == (
        "Winter Roads", ["Ashen Quill"], "M", ["Kakashi/Sakura"], ["violence"], "A long way home.")
    assert work.text == "The road was empty when they set out.\n\nNobody spoke."


def test_story_is_not_mistaken_for_a_header():
    text = "It was late.\n\nThe rain had stopped.\n\nShe said nothing.\n\nHe waited.\n\nThen the door opened."
    work = _parse(text)
    assert work.text == text and work.meta.summary == "" and work.notes == []


def test_notes_in_the_middle_and_quotes_are_kept():
    work = _parse('They ran.\n\n"I don\'t own a sword," she said, "so lend me yours."\n\n'
                  "(A/N: the next part is a flashback)\n\nYears earlier, the village burned.\n\nThe End")
    assert work.text == ('They ran.\n\n"I don\'t own a sword," she said, "so lend me yours."\n\n'
                         "Years earlier, the village burned.")
    assert [(n.kind, n.text) for n in work.chapters[0].notes] == [
        ("author_note", "(A/N: the next part is a flashback)"), ("trailer", "The End")]


def test_end_of_chapter_note_run():
    work = _parse("Chapter 1\n\nShe left at dawn.\n\nHe never saw her again.\n\nA/N: Thanks for all the reviews!\n\n"
                  "Special thanks to my beta.\n\nSee you next week.\n\nChapter 2\n\nSpring came.")
    assert work.text == "She left at dawn.\n\nHe never saw her again.\n\nSpring came."
    assert work.chapters[0].notes[0].text.endswith("See you next week.")


def test_glued_title_rules():
    assert glued_title("Kakashi's Mission (Kakasak", "He held her hand firmly.")
    assert glued_title("The Last Summer Festival", "And that was that.")
    assert not glued_title("Knock Knock Knock", "He waited.")
    assert not glued_title("and then she smiled", "He waited.")
    assert not glued_title("Home.", "He waited.")
    assert not glued_title("The Last Summer Festival", "and he kept walking")  # the story did not end


def test_last_real_sentence_survives():
    work = _parse("They walked home.\n\nSakura smiled at him")
    assert work.text.endswith("Sakura smiled at him")


def test_wrapped_text_is_unwrapped():
    para = ("The snow kept falling on the village long after the lamps had been lit, and the two of them "
            "walked without a word between them, each listening to the crunch of the other's steps. ")
    import textwrap
    text = "\n\n".join("\n".join(textwrap.wrap(para * 2, 72)) for _ in range(4))
    assert looks_wrapped(text.split("\n"))
    work = _parse(text)
    assert len(work.paragraphs) == 4
    assert work.text.split("\n\n")[0] == (para * 2).strip()


def test_one_paragraph_per_line_without_blank_lines():
    work = _parse("He ran.\nShe followed.\nThe door slammed.\n\nMorning came.\nNobody spoke.")
    assert [work.text[p.start:p.end] for p in work.paragraphs] == [
        "He ran.", "She followed.", "The door slammed.", "Morning came.", "Nobody spoke."]
    assert work.scene_breaks == [work.text.index("Morning came.")]  # a blank line where there are usually none


def test_label_table_maps_every_fanficfare_label():
    meta = WorkMeta()
    for label, value in [("Category", "Naruto"), ("Genre", "Romance, Hurt/Comfort"), ("Language", "English"),
                         ("Characters", "Kakashi H., Sakura H."), ("Relationships", "Kakashi H./Sakura H."),
                         ("Series", "Seasons [2]"), ("Status", "In-Progress"), ("Published", "2020-01-05"),
                         ("Updated", "2020-02-10"), ("Packaged", "2024-01-01 10:00:00"), ("Rating", "T"),
                         ("Warnings", "Violence"), ("Chapters", "3"), ("Words", "12,345"),
                         ("Publisher", "www.fanfiction.net"), ("Story URL", "https://archiveofourown.org/works/42"),
                         ("Author URL", "https://x"), ("Summary", "Hi.")]:
        assert labels.apply_label(meta, label, value)
    assert meta.fandoms == ["Naruto"] and meta.genres == ["Romance", "Hurt/Comfort"] and meta.series == ["Seasons [2]"]
    assert (meta.status, meta.declared_words, meta.ids, meta.warnings) == ("In-Progress", 12345, {"ao3": "42"}, ["Violence"])
    assert meta.extra["packaged"] == "2024-01-01 10:00:00" and meta.extra["publisher"] == "www.fanfiction.net"
    assert not labels.apply_label(meta, "Favourite Colour", "blue")


def test_subtitle_after_bare_heading():
    work = _parse("Chapter 1\n\nThe Long Night\n\nShe ran.\n\nChapter 2\n\nKnock knock.\n\nNobody answered.")
    assert [c.title for c in work.chapters] == ["Chapter 1: The Long Night", "Chapter 2"]
    assert work.text == "She ran.\n\nKnock knock.\n\nNobody answered."


def test_pre_blocks_become_paragraphs(tmp_path):
    path = tmp_path / "pre.html"
    path.write_text("<html><body><h1>T</h1><pre>It was a dark night,\nwrapped at forty columns.\n\n"
                    "The second paragraph.\n</pre></body></html>")
    from ficlens.ingest import load_work
    work = load_work(path)
    assert work.text == "It was a dark night, wrapped at forty columns.\n\nThe second paragraph."


def test_fanficfare_txt_with_expanded_tabs(tmp_path, formats_dir, gen):
    """A wrapper that expanded the chapter-title tab to spaces, and a TOC entry missing from the body."""
    raw = (formats_dir / "fff.txt").read_text(encoding="utf-8")
    raw = raw.replace("\tSnowfall", "        Snowfall").replace("\tThaw", "        Thaw")
    raw = raw.replace("TABLE OF CONTENTS\r\n\r\n", "TABLE OF CONTENTS\r\n\r\nForeword\r\n\r\n")
    path = tmp_path / "expanded.txt"
    path.write_text(raw, encoding="utf-8", newline="")
    from ficlens.ingest import load_work
    work = load_work(path)
    assert work.meta.source_format == "fanficfare-txt"
    assert [c.title for c in work.chapters] == ["Snowfall", "Thaw"]
    assert work.text == gen.expected_text()


@pytest.mark.parametrize("first,last", [
    ("I don't own a car, so I walked to the village every morning.", "The choice was not mine."),
    ("Thanks to the rain, nobody saw them leave.", "The house is the property of the clan now, she thought."),
    ("Dedicated to her craft, Sakura trained at dawn.", "Thanks to her, the village survived."),
])
def test_story_edges_that_look_like_notes_are_kept(first, last):
    text = f"{first}\n\nThe middle of the story went on for a while.\n\n{last}"
    work = _parse(text)
    assert work.text == text and work.notes == [] and work.chapters[0].notes == []


@pytest.mark.parametrize("disclaimer", ["I don't own Naruto.", "I do not own anything Naruto.", "Naruto is not mine.",
                                        "All characters belong to Masashi Kishimoto, their creator.",
                                        "Disclaimer: see chapter one.", "I own nothing!",
                                        "No copyright infringement intended."])
def test_disclaimers_at_the_start(disclaimer):
    work = _parse(f"{disclaimer}\n\nThe story begins here.\n\nAnd goes on.")
    assert work.text == "The story begins here.\n\nAnd goes on."
    assert [(n.kind, n.text) for n in work.notes + work.chapters[0].notes] == [("disclaimer", disclaimer)]


def test_chunked_word_count_is_exact():
    from ficlens.ingest.build import word_count_by_chunks
    from ficlens.wordcount import ao3_word_count
    work = _parse("\n\n".join(f"Paragraph {i}: it's a well-known--and oft-told--tale, {i} times." for i in range(300)))
    assert word_count_by_chunks(work.text, work.paragraphs, chunk=500) == ao3_word_count(work.text) == work.stats["words"]


def test_text_with_literal_inline_tags_stays_text(tmp_path):
    from ficlens.ingest import load_work
    path = tmp_path / "tags.txt"
    path.write_text("She said it <i>twice</i>.\n\nHe <b>really</b> heard it <em>this</em> time.\n\n"
                    "Love you <3 she wrote.\n\nThe end of <i>that</i> day.\n")
    work = load_work(path)
    assert work.meta.source_format == "plaintext"
    assert work.text == ("She said it twice.\n\nHe really heard it this time.\n\nLove you <3 she wrote.\n\n"
                         "The end of that day.")


def test_indented_paragraphs_without_blank_lines():
    import textwrap
    paras = [("She walked along the river for a long time, thinking of nothing in particular and "
              "listening to the water move past the stones, until the light began to fail. ") * 2] * 3
    text = "\n".join("    " + "\n".join(textwrap.wrap(p.strip(), 70)) for p in paras)
    work = _parse(text)
    assert [work.text[p.start:p.end] for p in work.paragraphs] == [p.strip() for p in paras]


def test_glued_title_only_in_scraped_text(tmp_path):
    from ficlens.ingest import load_work
    path = tmp_path / "story.html"
    path.write_text("<html><body><p>They sang under the lanterns.</p><p>The Summer Festival Ends</p></body></html>")
    assert load_work(path).text.endswith("The Summer Festival Ends")
    assert _parse("They sang under the lanterns.\n\nHappy Birthday, Sakura").text.endswith("Happy Birthday, Sakura")


def test_ffn_header_line_from_the_brief():
    meta = WorkMeta()
    line = ("Rated: Fiction T - English - Adventure/Hurt/Comfort - [Kakashi H., Sakura H.] Naruto U. - Chapters: 22 - "
            "Words: 114,414 - ... - Status: Complete - id: 8067258")
    labels.apply_ffn_header(meta, labels.find_ffn_header(line).group(0))
    assert (meta.rating, meta.language, meta.genres, meta.relationships, meta.characters) == (
        "T", "English", ["Adventure", "Hurt/Comfort"], ["Kakashi H./Sakura H."], ["Kakashi H.", "Sakura H.", "Naruto U."])
    assert (meta.declared_chapters, meta.declared_words, meta.status, meta.ids["ffn"]) == ("22", 114414, "Completed", "8067258")


def test_labels_with_values_on_the_next_line():
    work = _parse("Rating:\nTeen And Up Audiences\nArchive Warning:\nNo Archive Warnings Apply\nFandom:\nNaruto\n"
                  "Relationship:\nHaruno Sakura/Hatake Kakashi\nCharacters:\nHatake Kakashi, Haruno Sakura\n"
                  "Stats:\nPublished: 2020-01-05 Words: 1,234 Chapters: 2/2\n\n"
                  "Summary:\n\nTwo ninja and a long winter.\n\nChapter 1\n\nThe snow fell.")
    m = work.meta
    assert (m.rating, m.warnings, m.fandoms, m.relationships) == (
        "Teen And Up Audiences", ["No Archive Warnings Apply"], ["Naruto"], ["Haruno Sakura/Hatake Kakashi"])
    assert m.characters == ["Hatake Kakashi", "Haruno Sakura"] and m.summary == "Two ninja and a long winter."
    assert (m.published, m.declared_words, m.declared_chapters) == ("2020-01-05", 1234, "2/2")
    assert work.text == "The snow fell."


def test_empty_label_does_not_take_the_story():
    work = _parse("Age Rating:\n\nKakashi woke up in the middle of the night to a very disturbing sound.\n\nHe listened.")
    assert work.meta.rating == "" and work.text.startswith("Kakashi woke up")
