"""The library: one SQLite file holding analysed works, their tags and the reader's state.

Opening a :class:`Library` applies the schema migrations (``PRAGMA user_version``),
switches the file to WAL and sets a busy timeout, so several processes can read
and import at once. Every work is written in its own ``BEGIN IMMEDIATE``
transaction: killing an import loses nothing already committed.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ficlens.document import Work

DEFAULT_PATH = Path.home() / ".ficlens" / "library.sqlite"
STATUSES = ("unread", "reading", "read", "dropped")
TAG_TYPES = ("rating", "warning", "category", "fandom", "relationship", "character", "genre", "additional")

# Each entry upgrades the schema by one version; never edit a released one, append.
MIGRATIONS: list[str] = [
    # 1: works, text + FTS5, tags, characters, relationships, quotations, interactions, ids, files
    """
    CREATE TABLE works (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        file_hash TEXT,
        source_path TEXT NOT NULL DEFAULT '',
        source_format TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        title_sort TEXT NOT NULL DEFAULT '',
        authors TEXT NOT NULL DEFAULT '',
        author_sort TEXT NOT NULL DEFAULT '',
        fandoms TEXT NOT NULL DEFAULT '',
        rating TEXT NOT NULL DEFAULT '',
        rating_source TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL DEFAULT '',
        completion TEXT NOT NULL DEFAULT '',
        source_url TEXT NOT NULL DEFAULT '',
        words INTEGER NOT NULL DEFAULT 0,
        chapters INTEGER NOT NULL DEFAULT 0,
        n_characters INTEGER NOT NULL DEFAULT 0,
        n_quotations INTEGER NOT NULL DEFAULT 0,
        added TEXT NOT NULL,
        refreshed TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'unread' CHECK (status IN ('unread','reading','read','dropped')),
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX works_words ON works(words);
    CREATE INDEX works_title ON works(title_sort);
    CREATE INDEX works_author ON works(author_sort);
    CREATE INDEX works_updated ON works(updated);
    CREATE INDEX works_added ON works(added);
    CREATE INDEX works_status ON works(status);
    CREATE INDEX works_rating ON works(rating);
    CREATE INDEX works_file_hash ON works(file_hash);

    CREATE TABLE work_data (
        work_id INTEGER PRIMARY KEY REFERENCES works(id) ON DELETE CASCADE,
        data TEXT NOT NULL DEFAULT '{}'
    );

    CREATE TABLE work_text (
        work_id INTEGER PRIMARY KEY REFERENCES works(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        authors TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT ''
    );
    CREATE VIRTUAL TABLE work_fts USING fts5(
        title, authors, summary, body, content='work_text', content_rowid='work_id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER work_text_ai AFTER INSERT ON work_text BEGIN
        INSERT INTO work_fts(rowid, title, authors, summary, body)
        VALUES (new.work_id, new.title, new.authors, new.summary, new.body);
    END;
    CREATE TRIGGER work_text_ad AFTER DELETE ON work_text BEGIN
        INSERT INTO work_fts(work_fts, rowid, title, authors, summary, body)
        VALUES ('delete', old.work_id, old.title, old.authors, old.summary, old.body);
    END;
    CREATE TRIGGER work_text_au AFTER UPDATE ON work_text BEGIN
        INSERT INTO work_fts(work_fts, rowid, title, authors, summary, body)
        VALUES ('delete', old.work_id, old.title, old.authors, old.summary, old.body);
        INSERT INTO work_fts(rowid, title, authors, summary, body)
        VALUES (new.work_id, new.title, new.authors, new.summary, new.body);
    END;

    CREATE TABLE tags (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('author','predicted')),
        confidence REAL NOT NULL DEFAULT 1.0,
        evidence TEXT NOT NULL DEFAULT '[]',
        reasons TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX tags_norm ON tags(norm, source, confidence, work_id);
    CREATE INDEX tags_work ON tags(work_id, source, confidence, type, norm, name);
    CREATE INDEX tags_type ON tags(type, norm);

    CREATE TABLE characters (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        cid INTEGER NOT NULL,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '{}',
        gender TEXT NOT NULL DEFAULT 'U',
        mentions INTEGER NOT NULL DEFAULT 0,
        quotes INTEGER NOT NULL DEFAULT 0,
        words_spoken INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (work_id, cid)
    );
    CREATE INDEX characters_name ON characters(name);

    CREATE TABLE relationships (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        kind TEXT NOT NULL,
        subtype TEXT NOT NULL DEFAULT '',
        confidence REAL NOT NULL DEFAULT 0,
        tag TEXT NOT NULL DEFAULT '',
        mentioned_only INTEGER NOT NULL DEFAULT 0,
        evidence TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX relationships_work ON relationships(work_id);

    CREATE TABLE quotations (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        qid INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        spans TEXT NOT NULL DEFAULT '[]',
        speaker INTEGER,
        speaker_confidence REAL NOT NULL DEFAULT 0,
        addressees TEXT NOT NULL DEFAULT '[]',
        quote_type TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (work_id, qid)
    );

    CREATE TABLE interactions (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        co_occurrence REAL NOT NULL DEFAULT 0,
        speech REAL NOT NULL DEFAULT 0,
        action REAL NOT NULL DEFAULT 0,
        weight REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX interactions_work ON interactions(work_id);

    CREATE TABLE work_ids (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (kind, value)
    );
    CREATE INDEX work_ids_work ON work_ids(work_id);
    """,
    # 2: the vocabulary of tag names, so typed terms resolve without scanning every tag row
    """
    CREATE TABLE tag_vocab (
        norm TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (norm, type)
    ) WITHOUT ROWID;
    CREATE INDEX tag_vocab_type ON tag_vocab(type, norm);
    INSERT OR IGNORE INTO tag_vocab SELECT norm, type, MIN(name) FROM tags GROUP BY norm, type;
    """,
    # 3: which pipeline stages analysed each work (a work analysed by fewer is analysed again)
    """
    ALTER TABLE works ADD COLUMN stages TEXT NOT NULL DEFAULT '';
    """,
    # 4: tag index that also covers the type, so facet counts over many works are one index scan
    """
    DROP INDEX tags_norm;
    CREATE INDEX tags_norm ON tags(norm, type, source, confidence, work_id);
    """,
]


def utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def norm_tag(name: str) -> str:
    """The form tags are compared in: case-folded, single spaces."""
    return " ".join(name.casefold().split())


def sort_key(text: str) -> str:
    """Title/author sort key: case-folded, leading articles and punctuation dropped."""
    t = re.sub(r"^\W+", "", text.casefold())
    return re.sub(r"^(the|a|an)\s+", "", t)


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def content_sha256(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


_AO3 = re.compile(r"archiveofourown\.org/(?:collections/[^/]+/)?works/(\d+)", re.I)
_FFN = re.compile(r"fanfiction\.net/s/(\d+)", re.I)


def identity_keys(work: Work) -> list[tuple[str, str]]:
    """Keys that name the same story across versions: archive ids, FanFicFare uid, source URL."""
    keys: set[tuple[str, str]] = set()
    for kind, value in (work.meta.ids or {}).items():
        value = str(value).strip()
        if value:
            keys.add((kind.casefold(), value.casefold() if kind.casefold() != "fanficfare_uid" else value))
    url = (work.meta.source_url or "").strip()
    if url:
        if m := _AO3.search(url):
            keys.add(("ao3", m.group(1)))
        elif m := _FFN.search(url):
            keys.add(("ffn", m.group(1)))
        else:
            keys.add(("url", re.sub(r"^https?://(www\.)?", "", url.casefold()).rstrip("/")))
    return sorted(keys)


@dataclass
class AddResult:
    work_id: int
    action: str  # added | updated | duplicate | unchanged | older


class Library:
    """A SQLite library file. Use one per thread/process; it is a context manager."""

    def __init__(self, path: str | Path | None = None, timeout: float = 60.0, readonly: bool = False) -> None:
        self.path = Path(path) if path else DEFAULT_PATH
        self.readonly = readonly
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{self.path}?mode=ro" if readonly else f"file:{self.path}"
        self.conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            self._retry(lambda: self.conn.execute("PRAGMA journal_mode = WAL"))
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        elif self.schema_version() < len(MIGRATIONS):
            raise sqlite3.DatabaseError(f"{self.path}: library schema is out of date; open it once read-write")

    # -- plumbing -----------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> int:
        """Apply the migrations this file lacks; returns the schema version."""
        version = self.schema_version()
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError(
                f"{self.path}: library schema version {version} is newer than this ficlens ({len(MIGRATIONS)})")
        while version < len(MIGRATIONS):
            with self.transaction():
                version = self.schema_version()  # another process may have migrated meanwhile
                if version >= len(MIGRATIONS):
                    break
                for statement in _split_sql(MIGRATIONS[version]):
                    self.conn.execute(statement)
                version += 1
                self.conn.execute(f"PRAGMA user_version = {version}")
        return version

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error), retrying while the file is locked."""
        self._retry(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self._retry(lambda: self.conn.execute("COMMIT"))

    @staticmethod
    def _retry(fn, attempts: int = 20):
        for i in range(attempts):
            try:
                return fn()
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err) or i == attempts - 1:
                    raise
                time.sleep(min(0.05 * 2 ** i, 2.0))

    # -- import ---------------------------------------------------------------
    def work_for_file_hash(self, file_hash: str) -> tuple[int, set[str]] | None:
        """The work imported from a file with these bytes, and the stages that analysed it."""
        row = self.conn.execute("SELECT id, stages FROM works WHERE file_hash = ? LIMIT 1", (file_hash,)).fetchone()
        return (int(row[0]), set(filter(None, row[1].split(",")))) if row else None

    def work_for_content(self, text: str) -> int | None:
        row = self.conn.execute("SELECT id FROM works WHERE content_hash = ?", (content_sha256(text),)).fetchone()
        return int(row[0]) if row else None

    def add_work(self, work: Work, file_hash: str | None = None, added: str | None = None) -> AddResult:
        """Store an analysed work in one transaction, recognising duplicates and new versions."""
        with self.transaction():
            return self._add(work, file_hash, added)

    def add_works(self, works: list[Work]) -> list[AddResult]:
        """Store several works in one transaction (bulk loading; imports commit per work instead)."""
        with self.transaction():
            return [self._add(w, None, None) for w in works]

    def _add(self, work: Work, file_hash: str | None, added: str | None) -> AddResult:
        conn = self.conn
        chash = content_sha256(work.text)
        row = conn.execute("SELECT id, stages, added FROM works WHERE content_hash = ?", (chash,)).fetchone()
        if row:
            if set(work.stages_run) - set(filter(None, row["stages"].split(","))):  # analysed further this time
                self._delete_analysis(int(row["id"]))
                self._write(work, chash, file_hash, work_id=int(row["id"]), added=row["added"])
                return AddResult(int(row["id"]), "updated")
            if file_hash:
                conn.execute("UPDATE works SET file_hash = COALESCE(file_hash, ?) WHERE id = ?", (file_hash, row[0]))
            return AddResult(int(row[0]), "duplicate")
        old = None
        for kind, value in identity_keys(work):
            old = conn.execute("SELECT w.id, w.updated, w.added FROM work_ids i JOIN works w ON w.id = i.work_id "
                               "WHERE i.kind = ? AND i.value = ?", (kind, value)).fetchone()
            if old:
                break
        if old is not None:
            if work.meta.updated and old["updated"] and work.meta.updated < old["updated"]:
                return AddResult(int(old["id"]), "older")
            work_id = int(old["id"])
            self._delete_analysis(work_id)
            self._write(work, chash, file_hash, work_id=work_id, added=old["added"])
            return AddResult(work_id, "updated")
        return AddResult(self._write(work, chash, file_hash, added=added), "added")

    def _delete_analysis(self, work_id: int) -> None:
        for table in ("work_text", "work_data", "tags", "characters", "relationships", "quotations", "interactions",
                      "work_ids"):
            self.conn.execute(f"DELETE FROM {table} WHERE work_id = ?", (work_id,))

    def _write(self, work: Work, chash: str, file_hash: str | None, work_id: int | None = None,
               added: str | None = None) -> int:
        conn = self.conn
        m = work.meta
        now = utcnow()
        author_tags = _author_tags(work)
        predicted = [t for t in work.tags]
        rating, rating_source = m.rating, "author"
        if not rating:
            best = max((t for t in predicted if t.type == "rating"), key=lambda t: t.confidence, default=None)
            rating, rating_source = (best.name, "predicted") if best else ("", "")
        words = int(work.stats.get("words") or m.declared_words or 0)
        authors = ", ".join(m.authors)
        cols = dict(
            content_hash=chash, file_hash=file_hash, source_path=m.source_path, source_format=m.source_format,
            title=m.title, title_sort=sort_key(m.title), authors=authors, author_sort=sort_key(authors),
            fandoms=", ".join(m.fandoms), rating=rating, rating_source=rating_source, summary=m.summary,
            language=m.language, published=m.published, updated=m.updated, completion=m.status,
            source_url=m.source_url, words=words, chapters=len(work.chapters) or 1,
            n_characters=len(work.characters), n_quotations=len(work.quotations),
            refreshed=now, stages=",".join(work.stages_run),
        )
        if work_id is None:
            cols["added"] = added or now
            names = ", ".join(cols)
            cur = conn.execute(f"INSERT INTO works ({names}) VALUES ({', '.join('?' * len(cols))})", tuple(cols.values()))
            work_id = int(cur.lastrowid)
        else:
            sets = ", ".join(f"{k} = ?" for k in cols)
            conn.execute(f"UPDATE works SET {sets} WHERE id = ?", (*cols.values(), work_id))
        conn.execute("INSERT INTO work_data (work_id, data) VALUES (?, ?)",
                     (work_id, json.dumps(_work_data(work), ensure_ascii=False)))
        conn.execute("INSERT INTO work_text (work_id, title, authors, summary, body) VALUES (?, ?, ?, ?, ?)",
                     (work_id, m.title, authors, m.summary, work.text))
        tag_rows = [(work_id, ttype, name, norm_tag(name), "author", 1.0, "[]", "[]") for ttype, name in author_tags]
        tag_rows += [(work_id, t.type, t.name, norm_tag(t.name), "predicted", float(t.confidence),
                      json.dumps([asdict(e) for e in t.evidence], ensure_ascii=False),
                      json.dumps(list(t.reasons), ensure_ascii=False)) for t in predicted if t.name]
        conn.executemany("INSERT INTO tags VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tag_rows)
        conn.executemany("INSERT OR IGNORE INTO tag_vocab VALUES (?, ?, ?)", [(r[3], r[1], r[2]) for r in tag_rows])
        conn.executemany("INSERT INTO characters VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (work_id, c.id, c.name, json.dumps(c.aliases, ensure_ascii=False), c.gender, c.mentions, c.quotes,
             c.words_spoken) for c in work.characters])
        conn.executemany("INSERT INTO relationships VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (work_id, r.a, r.b, r.kind, r.subtype, float(r.confidence), r.tag, int(r.mentioned_only),
             json.dumps([asdict(e) for e in r.evidence], ensure_ascii=False)) for r in work.relationships])
        conn.executemany("INSERT INTO quotations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (work_id, q.id, q.start, q.end, json.dumps([[s.start, s.end] for s in q.spans]), q.speaker,
             float(q.speaker_confidence), json.dumps([list(a) for a in q.addressees]), q.quote_type)
            for q in work.quotations])
        conn.executemany("INSERT INTO interactions VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (work_id, i.a, i.b, i.co_occurrence, i.speech, i.action, i.weight) for i in work.interactions])
        conn.executemany("INSERT OR IGNORE INTO work_ids VALUES (?, ?, ?)",
                         [(work_id, k, v) for k, v in identity_keys(work)])
        return work_id

    # -- reader state ---------------------------------------------------------
    def set_status(self, work_id: int, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        with self.transaction() as conn:
            if conn.execute("UPDATE works SET status = ? WHERE id = ?", (status, work_id)).rowcount == 0:
                raise KeyError(work_id)

    def set_note(self, work_id: int, text: str) -> None:
        with self.transaction() as conn:
            if conn.execute("UPDATE works SET notes = ? WHERE id = ?", (text, work_id)).rowcount == 0:
                raise KeyError(work_id)

    # -- reading ----------------------------------------------------------------
    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM works").fetchone()[0])

    def exists(self, work_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM works WHERE id = ?", (work_id,)).fetchone() is not None

    def get_work(self, work_id: int) -> dict[str, Any] | None:
        """Everything about one work except its text (metadata, tags, characters, relationships, charts)."""
        row = self.conn.execute("SELECT w.*, d.data FROM works w LEFT JOIN work_data d ON d.work_id = w.id "
                                "WHERE w.id = ?", (work_id,)).fetchone()
        if row is None:
            return None
        work = summary_row(row)
        data = json.loads(row["data"] or "{}")
        work.update(summary=row["summary"], language=row["language"], published=row["published"],
                    source_path=row["source_path"], source_format=row["source_format"], source_url=row["source_url"],
                    refreshed=row["refreshed"], notes=row["notes"], meta=data.get("meta", {}),
                    stats=data.get("stats", {}), chapter_list=data.get("chapters", []),
                    presence=data.get("presence", {}), network=data.get("network", []),
                    notes_paratext=data.get("notes", []))
        work["author_tags"] = {}
        work["predicted_tags"] = []
        for t in self.conn.execute("SELECT type, name, source, confidence, evidence, reasons FROM tags "
                                   "WHERE work_id = ? ORDER BY source, type, confidence DESC, name", (work_id,)):
            if t["source"] == "author":
                work["author_tags"].setdefault(t["type"], []).append(t["name"])
            else:
                work["predicted_tags"].append({"type": t["type"], "name": t["name"], "confidence": t["confidence"],
                                               "evidence": json.loads(t["evidence"]), "reasons": json.loads(t["reasons"])})
        chars = [dict(cid=c["cid"], name=c["name"], aliases=json.loads(c["aliases"]), gender=c["gender"],
                      mentions=c["mentions"], quotes=c["quotes"], words_spoken=c["words_spoken"])
                 for c in self.conn.execute("SELECT * FROM characters WHERE work_id = ? ORDER BY cid", (work_id,))]
        work["characters"] = chars
        names = {c["cid"]: c["name"] for c in chars}
        work["relationships"] = [dict(a=names.get(r["a"], str(r["a"])), b=names.get(r["b"], str(r["b"])),
                                      kind=r["kind"], subtype=r["subtype"], confidence=r["confidence"], tag=r["tag"],
                                      mentioned_only=bool(r["mentioned_only"]), evidence=json.loads(r["evidence"]))
                                 for r in self.conn.execute("SELECT * FROM relationships WHERE work_id = ? "
                                                            "ORDER BY confidence DESC", (work_id,))]
        work["interactions"] = [dict(a=names.get(i["a"], str(i["a"])), b=names.get(i["b"], str(i["b"])),
                                     co_occurrence=i["co_occurrence"], speech=i["speech"], action=i["action"],
                                     weight=i["weight"])
                                for i in self.conn.execute("SELECT * FROM interactions WHERE work_id = ? "
                                                           "ORDER BY weight DESC", (work_id,))]
        work["ids"] = {r["kind"]: r["value"] for r in self.conn.execute(
            "SELECT kind, value FROM work_ids WHERE work_id = ?", (work_id,))}
        return work

    def get_text(self, work_id: int) -> dict[str, Any] | None:
        """The story text with chapters, paragraphs and quotations (speaker names resolved)."""
        row = self.conn.execute("SELECT w.id, w.title, w.authors, d.data, t.body FROM works w "
                                "JOIN work_text t ON t.work_id = w.id LEFT JOIN work_data d ON d.work_id = w.id "
                                "WHERE w.id = ?", (work_id,)).fetchone()
        if row is None:
            return None
        data = json.loads(row["data"] or "{}")
        names = {r["cid"]: r["name"] for r in self.conn.execute(
            "SELECT cid, name FROM characters WHERE work_id = ?", (work_id,))}
        quotes = []
        for q in self.conn.execute('SELECT qid, start, "end", spans, speaker, speaker_confidence, addressees '
                                   "FROM quotations WHERE work_id = ? ORDER BY start", (work_id,)):
            addressees = [names.get(int(a[0]), str(a[0])) for a in json.loads(q["addressees"])]
            quotes.append(dict(id=q["qid"], start=q["start"], end=q["end"], spans=json.loads(q["spans"]),
                               speaker=names.get(q["speaker"]) if q["speaker"] is not None else None,
                               speaker_id=q["speaker"], speaker_confidence=q["speaker_confidence"],
                               addressees=addressees))
        return dict(id=row["id"], title=row["title"], authors=row["authors"], text=row["body"],
                    chapters=data.get("chapters", []), paragraphs=data.get("paragraphs", []), quotations=quotes,
                    colors=data.get("colors", {}))

    def iter_works(self) -> Iterator[dict[str, Any]]:
        for (wid,) in self.conn.execute("SELECT id FROM works ORDER BY id").fetchall():
            work = self.get_work(wid)
            if work is not None:
                yield work


SUMMARY_COLUMNS = ("id", "title", "authors", "fandoms", "rating", "rating_source", "words", "chapters", "updated",
                   "added", "status", "completion", "n_characters", "n_quotations")


def summary_row(row: sqlite3.Row) -> dict[str, Any]:
    """The fields a result list shows for one work."""
    return {k: row[k] for k in SUMMARY_COLUMNS}


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (``sqlite3.complete_statement`` keeps triggers whole)."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def _author_tags(work: Work) -> list[tuple[str, str]]:
    m = work.meta
    out: list[tuple[str, str]] = []
    if m.rating:
        out.append(("rating", m.rating))
    for ttype, names in (("warning", m.warnings), ("category", m.categories), ("fandom", m.fandoms),
                         ("relationship", m.relationships), ("character", m.characters),
                         ("additional", m.additional_tags), ("genre", m.genres)):
        seen = set()
        for name in names:
            name = " ".join(str(name).split())
            if name and norm_tag(name) not in seen:
                seen.add(norm_tag(name))
                out.append((ttype, name))
    return out


PALETTE_SIZE = 12


def _work_data(work: Work) -> dict[str, Any]:
    """What the pages need besides the tables: chapters, paragraphs, colours, presence, network."""
    m = work.meta
    ranked = sorted(work.characters, key=lambda c: (-c.quotes, -c.mentions, c.id))
    colors = {str(c.id): i % PALETTE_SIZE for i, c in enumerate(ranked)}
    meta = {k: v for k, v in asdict(m).items() if v not in ("", [], {}, None)}
    stats = {k: v for k, v in work.stats.items() if isinstance(v, (int, float, str, bool, dict, list))}
    return dict(
        meta=meta, stats=stats, colors=colors,
        chapters=[dict(index=c.index, title=c.title, start=c.start, end=c.end) for c in work.chapters],
        paragraphs=[[p.start, p.end, p.chapter] for p in work.paragraphs],
        notes=[dict(kind=n.kind, text=n.text, chapter=n.chapter) for n in work.notes],
        presence=_presence(work, ranked[:15]),
        network=_network(work),
    )


def _presence(work: Work, chars: list) -> dict[str, Any]:
    """Mentions of each main character per chapter (per tenth of the text for one-chapter works)."""
    if not chars:
        return {}
    n = len(work.text) or 1
    if len(work.chapters) >= 2:
        labels = [c.title or f"Ch. {c.index + 1}" for c in work.chapters]
        bounds = [(c.start, c.end) for c in work.chapters]
        unit = "chapter"
    else:
        k = 10
        labels = [f"{i * 10}%" for i in range(k)]
        bounds = [(n * i // k, n * (i + 1) // k) for i in range(k)]
        unit = "tenth of the text"
    rows = []
    by_char: dict[int, list[int]] = {}
    for mention in work.mentions:
        if mention.character is not None:
            by_char.setdefault(mention.character, []).append(mention.start)
    for c in chars:
        if unit == "chapter" and len(c.chapter_presence) == len(bounds) and any(c.chapter_presence):
            counts = list(c.chapter_presence)
        else:
            offsets = by_char.get(c.id)
            if offsets is None:  # no mention list: find the aliases in the text
                names = sorted({a for a in list(c.aliases) + [c.name] if a.strip()}, key=len, reverse=True)
                offsets = [mm.start() for mm in re.finditer(
                    r"\b(?:" + "|".join(re.escape(a) for a in names) + r")\b", work.text)] if names else []
            counts = [0] * len(bounds)
            j = 0
            for off in sorted(offsets):
                while j < len(bounds) - 1 and off >= bounds[j][1]:
                    j += 1
                counts[j] += 1
        rows.append(dict(cid=c.id, name=c.name, counts=counts))
    return dict(unit=unit, labels=labels, rows=rows)


def _network(work: Work) -> list[dict[str, Any]]:
    """Who talks to whom: quotations from speaker to addressee, else interaction weights."""
    edges: dict[tuple[int, int], float] = {}
    for q in work.quotations:
        if q.speaker is None or not q.addressees:
            continue
        target = max(q.addressees, key=lambda a: a[1])[0]
        if target != q.speaker:
            key = (min(q.speaker, target), max(q.speaker, target))
            edges[key] = edges.get(key, 0) + 1
    kind = "quotations"
    if not edges:
        kind = "interaction"
        for i in work.interactions:
            w = i.speech or i.weight or i.co_occurrence
            if w > 0 and i.a != i.b:
                key = (min(i.a, i.b), max(i.a, i.b))
                edges[key] = edges.get(key, 0) + float(w)
    return [dict(a=a, b=b, weight=round(w, 3), kind=kind) for (a, b), w in sorted(edges.items(), key=lambda e: -e[1])]
