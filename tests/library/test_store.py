"""The SQLite store: schema migrations, what a stored work keeps, duplicates and new versions."""

from __future__ import annotations

import sqlite3

import pytest

from ficlens.document import Character, Evidence, Interaction, Quotation, Relationship, Span
from ficlens.library.store import MIGRATIONS, Library, identity_keys

from .conftest import make_work


def test_new_library_is_migrated_wal_and_reopens(tmp_path):
    path = tmp_path / "sub" / "lib.sqlite"
    with Library(path) as lib:
        assert lib.schema_version() == len(MIGRATIONS)
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in lib.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        assert {"works", "tags", "characters", "relationships", "quotations", "interactions", "work_fts"} <= tables
    with Library(path) as lib:  # reopening applies nothing twice
        assert lib.schema_version() == len(MIGRATIONS)


def test_library_from_a_newer_ficlens_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(sqlite3.DatabaseError, match="newer"):
        Library(path)


def test_stored_work_keeps_tags_characters_quotes_and_evidence(lib):
    text = '"Run," Mira said. Wren ran.\n\n"Wait for me!" Wren called back to Mira.'
    w = make_work("Harbour", text, rating="Mature", warnings=["No Archive Warnings Apply"],
                  relationships=["Ashford Mira/Kestrel Wren"], additional=["Angst"],
                  predicted=[("additional", "Hurt/Comfort", 0.81), ("rating", "Mature", 0.6)])
    w.characters = [Character(0, "Ashford Mira", aliases={"Mira": 2}, gender="F", mentions=2, quotes=1, words_spoken=1),
                    Character(1, "Kestrel Wren", aliases={"Wren": 2}, gender="M", mentions=2, quotes=1, words_spoken=3)]
    second = text.index('"Wait')
    w.quotations = [Quotation(0, 0, 6, [Span(1, 5)], speaker=0, speaker_confidence=0.9, addressees=[(1, 0.8)]),
                    Quotation(1, second, second + 15, [Span(second + 1, second + 13)], speaker=1,
                              speaker_confidence=0.7, addressees=[(0, 0.6)])]
    w.relationships = [Relationship(0, 1, "romantic", "romance", 0.77, "Ashford Mira/Kestrel Wren",
                                    evidence=[Evidence(0, 6, '"Run,"', "urgent care")])]
    w.interactions = [Interaction(0, 1, co_occurrence=2, speech=2, weight=3)]
    wid = lib.add_work(w).work_id
    got = lib.get_work(wid)
    assert got["author_tags"]["rating"] == ["Mature"]
    assert got["author_tags"]["relationship"] == ["Ashford Mira/Kestrel Wren"]
    pred = {t["name"]: t for t in got["predicted_tags"]}
    assert pred["Hurt/Comfort"]["confidence"] == pytest.approx(0.81)
    assert pred["Hurt/Comfort"]["evidence"][0]["reason"] == "cue for Hurt/Comfort"
    assert [c["name"] for c in got["characters"]] == ["Ashford Mira", "Kestrel Wren"]
    assert got["characters"][1]["aliases"] == {"Wren": 2}
    assert got["relationships"][0]["a"] == "Ashford Mira" and got["relationships"][0]["evidence"][0]["reason"] == "urgent care"
    assert got["network"] and got["network"][0]["weight"] == 2  # two addressed quotations between them
    assert got["presence"]["rows"][0]["name"] in {"Ashford Mira", "Kestrel Wren"}
    doc = lib.get_text(wid)
    assert doc["text"] == text
    assert [(q["speaker"], q["addressees"]) for q in doc["quotations"]] == [("Ashford Mira", ["Kestrel Wren"]),
                                                                            ("Kestrel Wren", ["Ashford Mira"])]


def test_same_content_is_a_duplicate(lib):
    a = lib.add_work(make_work("One", "The same words, told twice."))
    b = lib.add_work(make_work("Another title", "The  same words,\ntold twice."))  # whitespace differs only
    assert (a.action, b.action) == ("added", "duplicate") and a.work_id == b.work_id
    assert lib.count() == 1


@pytest.mark.parametrize("first, second", [
    (dict(ids={"fanficfare_uid": "u-17"}), dict(ids={"fanficfare_uid": "u-17"})),
    (dict(url="https://archiveofourown.org/works/123456/chapters/9"), dict(ids={"ao3": "123456"})),
    (dict(url="https://www.fanfiction.net/s/8067258/1/Some-Title"), dict(url="http://m.fanfiction.net/s/8067258/3")),
])
def test_new_version_replaces_old_keeping_status_and_notes(lib, first, second):
    old = lib.add_work(make_work("Tale", "Chapter one only. The lighthouse keeper slept.", updated="2020-01-01", **first))
    lib.set_status(old.work_id, "reading")
    lib.set_note(old.work_id, "stopped at the storm")
    new = lib.add_work(make_work("Tale", "Chapter one only. The lighthouse keeper slept.\n\nChapter two: the storm "
                                 "woke everyone.", updated="2021-05-05", **second))
    assert new.action == "updated" and new.work_id == old.work_id and lib.count() == 1
    got = lib.get_work(new.work_id)
    assert (got["status"], got["notes"], got["updated"]) == ("reading", "stopped at the storm", "2021-05-05")
    assert "storm woke" in lib.get_text(new.work_id)["text"]
    hits = lib.conn.execute("SELECT rowid FROM work_fts WHERE work_fts MATCH 'woke'").fetchall()
    assert [h[0] for h in hits] == [new.work_id]


def test_an_older_version_does_not_replace_a_newer_one(lib):
    new = lib.add_work(make_work("Tale", "Long version with more chapters.", ids={"ao3": "9"}, updated="2022-02-02"))
    old = lib.add_work(make_work("Tale", "Short version.", ids={"ao3": "9"}, updated="2019-01-01"))
    assert old.action == "older" and old.work_id == new.work_id
    assert lib.get_text(new.work_id)["text"] == "Long version with more chapters."


def test_identity_keys_read_ids_and_urls():
    w = make_work("x", "y", ids={"ffn": "42"}, url="https://archiveofourown.org/collections/c/works/777")
    assert identity_keys(w) == [("ao3", "777"), ("ffn", "42")]


def test_status_and_note_checks(lib):
    wid = lib.add_work(make_work("A", "Some text here.")).work_id
    with pytest.raises(ValueError):
        lib.set_status(wid, "finished")
    with pytest.raises(KeyError):
        lib.set_status(wid + 1, "read")
    with pytest.raises(KeyError):
        lib.set_note(wid + 1, "x")
    lib.set_status(wid, "dropped")
    assert lib.get_work(wid)["status"] == "dropped"


def test_failed_write_leaves_nothing_half_stored(lib, monkeypatch):
    w = make_work("Broken", "A work whose characters cannot be written.")
    w.characters = [Character(0, "Dup"), Character(0, "Dup again")]  # violates the (work_id, cid) key
    with pytest.raises(sqlite3.IntegrityError):
        lib.add_work(w)
    assert lib.count() == 0
    assert lib.conn.execute("SELECT COUNT(*) FROM tags").fetchone()[0] == 0
    assert lib.conn.execute("SELECT COUNT(*) FROM work_fts WHERE work_fts MATCH 'written'").fetchone()[0] == 0


def test_migration_from_version_1_backfills_the_tag_vocabulary(tmp_path):
    from ficlens.library.store import _split_sql

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    for statement in _split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO works (id, content_hash, added, refreshed) VALUES (1, 'h', 'now', 'now')")
    conn.execute("INSERT INTO tags VALUES (1, 'additional', 'Slow Burn', 'slow burn', 'author', 1.0, '[]', '[]')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Library(path) as lib:
        assert lib.schema_version() == len(MIGRATIONS) >= 4
        assert lib.conn.execute("SELECT name FROM tag_vocab WHERE norm = 'slow burn'").fetchone()[0] == "Slow Burn"
        from ficlens.library.search import Query, search
        assert search(lib, Query(include=["slow burn"]))["total"] == 1
