"""Work -> rows: every field of the document model lands in a table, with fixed types."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pytest

from ficlens.document import (Chapter, Character, Evidence, Interaction, Mention, Note, Paragraph, Quotation,
                              Relationship, Span, Tag, Tokens, Work, WorkMeta)
from ficlens.export.tables import (ALL_TABLES, SCHEMAS, resolve_tables, text_hash, to_arrow, work_tables)

TEXT = 'Mira waved. "Hello, Tam," she said.\n\n"Hi," Tam answered.'


def rich_work() -> Work:
    p1_end = TEXT.index("\n\n")
    work = Work(
        text=TEXT,
        meta=WorkMeta(title="T", authors=["a1"], fandoms=["F1"], rating="Teen And Up Audiences",
                      warnings=["No Archive Warnings Apply"], categories=["Gen"], relationships=["Mira & Tam"],
                      characters=["Mira", "Tam"], additional_tags=["Fluff"], genres=["Friendship"], language="English",
                      series=["S part 1"], summary="sum", published="2020-01-01", updated="2020-02-01",
                      status="Completed", source_url="http://x", ids={"ao3": "1"}, declared_words=9,
                      declared_chapters="1/1", source_format="plaintext", source_path="/x.txt", encoding="utf-8",
                      extra={"kudos": "3"}),
        chapters=[Chapter(0, "One", 0, len(TEXT), [Note("author_note", "thanks", 0)])],
        paragraphs=[Paragraph(0, p1_end, 0), Paragraph(p1_end + 2, len(TEXT), 0)],
        notes=[Note("disclaimer", "not mine")],
        scene_breaks=[p1_end + 2],
    )
    work.tokens = Tokens(start=[0], end=[4], pos=["PROPN"], tag=["NNP"], lemma=["Mira"], sent=[0], para=[0])
    work.sentences = [Span(0, 11)]
    ev = Evidence(0, 4, "Mira", "name")
    work.characters = [Character(0, "Mira", {"Mira": 1, "she": 1}, "F", 0.9, 2, 0, [2], "mira", 1, 2, [ev]),
                       Character(1, "Tam", {"Tam": 2}, "M", 0.8, 2, 19, [2], "", 1, 1, [])]
    work.mentions = [Mention(0, 4, 0, "name"), Mention(19, 22, 1, "name", 0.7), Mention(25, 28, None, "pronoun", 0.2, 3)]
    q1s, q2s = TEXT.index("Hello"), TEXT.index("Hi")
    work.quotations = [
        Quotation(0, q1s - 1, q1s + 11, [Span(q1s, q1s + 10)], 0, 0.9, [(1, 0.8)], "Explicit", "rule", [ev]),
        Quotation(1, q2s - 1, q2s + 4, [Span(q2s, q2s + 3)], 1, 0.6, [], "Explicit", "rule", []),
    ]
    work.interactions = [Interaction(0, 1, 1.0, 2.0, 0.5, 3.5, {0: 3.5})]
    work.relationships = [Relationship(0, 1, "platonic", "friendship", 0.7, "Mira & Tam", False, [ev])]
    work.tags = [Tag("additional", "Friendship", 0.66, [ev], ["greets"])]
    work.fandoms = [("F1", 0.5)]
    work.stats.update(words=9, chapters=1, paragraphs=2, tokens=1, sentences=1, stage_seconds={"tokens": 0.1},
                      custom={"x": 1})
    work.stages_run = ["tokens"]
    return work


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return work_tables(rich_work(), "w1", ALL_TABLES, file_sha256="f" * 64, path="/x.txt", file_bytes=99,
                       seconds=0.5, part="p")


def test_every_table_has_its_schema(tables):
    assert set(tables) == set(ALL_TABLES) - {"errors"}
    for name, t in tables.items():
        assert t.schema.equals(SCHEMAS[name]), name
        if name != "errors":
            assert t.num_rows > 0, f"{name} got no rows from a fully populated work"


def test_every_model_field_is_exported(tables):
    """Each dataclass field of the model maps to a column that holds its value (catches new fields)."""
    columns = {name: set(t.column_names) for name, t in tables.items()}
    renamed = {
        ("Work", "text"): ("texts", "text"), ("Work", "meta"): None, ("Work", "chapters"): ("chapters", "chapter"),
        ("Work", "paragraphs"): ("paragraphs", "paragraph"), ("Work", "notes"): ("notes", "note"),
        ("Work", "tokens"): ("tokens", "token"), ("Work", "sentences"): ("sentences", "sentence"),
        ("Work", "characters"): ("characters", "character_id"), ("Work", "mentions"): ("mentions", "mention"),
        ("Work", "quotations"): ("quotations", "quotation_id"), ("Work", "interactions"): ("interactions", "weight"),
        ("Work", "relationships"): ("relationships", "kind"), ("Work", "tags"): ("tags", "name"),
        ("Work", "fandoms"): ("works", "predicted_fandoms"), ("Work", "stats"): ("works", "stats_json"),
        ("Work", "scene_breaks"): ("works", "scene_breaks"), ("Work", "stages_run"): ("works", "stages_run"),
        ("Chapter", "index"): ("chapters", "chapter"), ("Chapter", "notes"): ("notes", "chapter"),
        ("Character", "id"): ("characters", "character_id"), ("Mention", "character"): ("mentions", "character_id"),
        ("Quotation", "id"): ("quotations", "quotation_id"), ("Quotation", "speaker"): ("quotations", "speaker_id"),
        ("Note", "chapter"): ("notes", "chapter"),
    }
    home = {"WorkMeta": "works", "Chapter": "chapters", "Note": "notes", "Character": "characters",
            "Mention": "mentions", "Quotation": "quotations", "Interaction": "interactions",
            "Relationship": "relationships", "Tag": "tags", "Paragraph": "paragraphs", "Tokens": "tokens"}
    tokens_cols = {"sent": "sentence", "para": "paragraph"}
    for cls in (Work, WorkMeta, Chapter, Note, Character, Mention, Quotation, Interaction, Relationship, Tag,
                Paragraph, Tokens):
        for f in dataclasses.fields(cls):
            key = (cls.__name__, f.name)
            if key in renamed:
                target = renamed[key]
                if target:
                    assert target[1] in columns[target[0]], key
                continue
            table = home.get(cls.__name__)
            assert table, key
            col = {"start": "start_char", "end": "end_char"}.get(f.name, f.name)
            col = tokens_cols.get(col, col) if cls is Tokens else col
            assert col in columns[table], f"{cls.__name__}.{f.name} has no column in {table}"


def test_values_are_denormalised_and_typed(tables):
    works = tables["works"].to_pylist()[0]
    assert works["content_hash"] == text_hash(TEXT) and works["file_sha256"] == "f" * 64
    assert works["ids"] == [{"key": "ao3", "value": "1"}]
    assert works["n_characters"] == 2 and works["n_quotations"] == 2 and works["n_notes"] == 2
    assert works["dialogue_words"] == 3  # "Hello, Tam" + "Hi"
    assert works["stage_seconds"] == [{"stage": "tokens", "seconds": 0.1}]
    assert '"custom"' in works["stats_json"] and "stage_seconds" not in works["stats_json"]
    q = tables["quotations"].to_pylist()
    assert q[0]["text"] == "Hello, Tam" and q[0]["speaker_name"] == "Mira"
    assert q[0]["addressees"] == [{"character_id": 1, "name": "Tam", "confidence": 0.8}]
    m = tables["mentions"].to_pylist()
    assert [x["text"] for x in m] == ["Mira", TEXT[19:22], TEXT[25:28]] and m[2]["character_id"] is None
    assert [x["chain"] for x in m] == [None, None, 3]
    tags = tables["tags"].to_pylist()
    author = {(t["type"], t["name"]) for t in tags if t["source"] == "author"}
    assert ("rating", "Teen And Up Audiences") in author and ("relationship", "Mira & Tam") in author
    assert all(t["confidence"] is None for t in tags if t["source"] == "author")
    predicted = [t for t in tags if t["source"] == "predicted"]
    assert predicted == [{"work_id": "w1", "source": "predicted", "type": "additional", "name": "Friendship",
                          "confidence": 0.66, "evidence": [{"start_char": 0, "end_char": 4, "text": "Mira", "reason": "name"}],
                          "reasons": ["greets"]}]
    notes = tables["notes"].to_pylist()
    assert {(n["kind"], n["chapter"]) for n in notes} == {("disclaimer", None), ("author_note", 0)}
    assert tables["relationships"].to_pylist()[0]["a_name"] == "Mira"
    assert tables["tokens"].to_pylist()[0]["text"] == "Mira"


def test_empty_work_gives_typed_empty_tables():
    work = Work(text="")
    out = work_tables(work, "w0", ALL_TABLES)
    assert out["works"].num_rows == 1 and out["characters"].num_rows == 0
    assert out["characters"].schema.equals(SCHEMAS["characters"])
    assert to_arrow("errors", []).schema.field("at").type == pa.timestamp("us", tz="UTC")


def test_no_reader_unfriendly_types():
    """Spark and DuckDB read these without conversion: no unsigned ints, maps or ns timestamps."""
    def walk(t: pa.DataType):
        assert not pa.types.is_unsigned_integer(t) and not pa.types.is_map(t) and not pa.types.is_dictionary(t)
        if pa.types.is_timestamp(t):
            assert t.unit == "us"
        for i in range(t.num_fields):
            walk(t.field(i).type)

    for schema in SCHEMAS.values():
        for f in schema:
            walk(f.type)


def test_resolve_tables():
    assert resolve_tables("tokens") == ("works", "errors", "tokens")
    assert resolve_tables("all") == ALL_TABLES
    with pytest.raises(ValueError, match="nope"):
        resolve_tables("works,nope")


def test_column_names_need_no_quoting_in_sql():
    import duckdb

    reserved = {r[0] for r in duckdb.sql("SELECT keyword_name FROM duckdb_keywords() "
                                          "WHERE keyword_category = 'reserved'").fetchall()}
    assert "end" in reserved  # why offsets are start_char/end_char

    def names(t: pa.DataType):
        for i in range(t.num_fields):
            yield t.field(i).name
            yield from names(t.field(i).type)

    for table, schema in SCHEMAS.items():
        for f in schema:
            for name in [f.name, *names(f.type)]:
                if name != "item":  # list element name, never written in queries
                    assert name.lower() not in reserved, f"{table}.{name}"


def test_schema_doc_lists_every_column():
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "batch-schema.md").read_text(encoding="utf-8")
    words = set(re.findall(r"[a-z_0-9]+", doc))
    for table, schema in SCHEMAS.items():
        assert f"### {table}" in doc or f"| {table} |" in doc, table
        missing = [f.name for f in schema if f.name not in words]
        assert not missing, f"{table}: {missing} not documented"


def test_rows_carry_the_chapter_of_their_offset():
    text = "Ann ran.\n\nBob sat.\n\nAnn and Bob."
    work = Work(text=text, chapters=[Chapter(0, "a", 0, 8), Chapter(1, "b", 10, 18), Chapter(2, "c", 20, len(text))],
                paragraphs=[Paragraph(0, 8, 0), Paragraph(10, 18, 1), Paragraph(20, len(text), 2)])
    work.characters = [Character(0, "Ann"), Character(1, "Bob")]
    work.mentions = [Mention(0, 3, 0, "name"), Mention(10, 13, 1, "name"), Mention(20, 23, 0, "name"),
                     Mention(28, 31, 1, "name")]
    rows = work_tables(work, "w", ["mentions", "chapters"])
    assert rows["mentions"]["chapter"].to_pylist() == [0, 1, 2, 2]
    assert rows["mentions"]["chapter"].to_pylist() == [work.chapter_of(m.start) for m in work.mentions]
    assert rows["chapters"]["n_paragraphs"].to_pylist() == [1, 1, 1]
    assert rows["chapters"]["words"].to_pylist() == [2, 2, 3]
