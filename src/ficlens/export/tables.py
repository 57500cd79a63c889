"""An analysed :class:`Work` as rows of flat tables with explicit Arrow schemas.

Every field of the document model lands in one table (see docs/batch-schema.md):
``works`` (metadata, statistics, hashes, predicted fandoms, scene breaks),
``chapters``, ``notes``, ``characters``, ``mentions``, ``quotations``,
``interactions``, ``relationships``, ``tags`` (author and predicted) and
``errors``; the bulky ``paragraphs``, ``sentences``, ``tokens`` and ``texts``
tables are opt-in. Types are plain Parquet types every reader understands
(no unsigned integers, no nanosecond timestamps, no pandas extension types):
lists of structs instead of maps, ``int64`` offsets, ``string`` text.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
import json
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Iterable

import pyarrow as pa

from ficlens import __version__
from ficlens.document import SCHEMA_VERSION, Evidence, Work
from ficlens.wordcount import ao3_word_count

TABLES_VERSION = "1"

_EVIDENCE = pa.list_(pa.struct([("start_char", pa.int64()), ("end_char", pa.int64()), ("text", pa.string()), ("reason", pa.string())]))
_STRINGS = pa.list_(pa.string())
_KV = pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())]))
_SCORED = pa.list_(pa.struct([("name", pa.string()), ("confidence", pa.float64())]))

SCHEMAS: dict[str, pa.Schema] = {
    "works": pa.schema([
        ("work_id", pa.string()), ("file_sha256", pa.string()), ("content_hash", pa.string()),
        ("path", pa.string()), ("file_bytes", pa.int64()),
        ("title", pa.string()), ("authors", _STRINGS), ("fandoms", _STRINGS), ("rating", pa.string()),
        ("warnings", _STRINGS), ("categories", _STRINGS), ("relationships", _STRINGS), ("characters", _STRINGS),
        ("additional_tags", _STRINGS), ("genres", _STRINGS), ("language", pa.string()), ("series", _STRINGS),
        ("summary", pa.string()), ("published", pa.string()), ("updated", pa.string()), ("status", pa.string()),
        ("source_url", pa.string()), ("ids", _KV), ("declared_words", pa.int64()), ("declared_chapters", pa.string()),
        ("source_format", pa.string()), ("source_path", pa.string()), ("encoding", pa.string()), ("extra", _KV),
        ("text_length", pa.int64()), ("words", pa.int64()), ("n_chapters", pa.int64()), ("n_paragraphs", pa.int64()),
        ("n_sentences", pa.int64()), ("n_tokens", pa.int64()), ("n_notes", pa.int64()), ("n_characters", pa.int64()),
        ("n_mentions", pa.int64()), ("n_quotations", pa.int64()), ("n_interactions", pa.int64()),
        ("n_relationships", pa.int64()), ("n_tags", pa.int64()), ("dialogue_words", pa.int64()),
        ("scene_breaks", pa.list_(pa.int64())), ("predicted_fandoms", _SCORED),
        ("stats_json", pa.string()), ("stages_run", _STRINGS),
        ("stage_seconds", pa.list_(pa.struct([("stage", pa.string()), ("seconds", pa.float64())]))),
        ("seconds", pa.float64()), ("analysed_at", pa.timestamp("us", tz="UTC")),
        ("ficlens_version", pa.string()), ("schema_version", pa.string()), ("part", pa.string()),
    ]),
    "chapters": pa.schema([
        ("work_id", pa.string()), ("chapter", pa.int64()), ("title", pa.string()), ("start_char", pa.int64()),
        ("end_char", pa.int64()), ("n_paragraphs", pa.int64()), ("words", pa.int64()), ("n_notes", pa.int64()),
    ]),
    "notes": pa.schema([
        ("work_id", pa.string()), ("note", pa.int64()), ("chapter", pa.int64()), ("kind", pa.string()), ("text", pa.string()),
    ]),
    "characters": pa.schema([
        ("work_id", pa.string()), ("character_id", pa.int64()), ("name", pa.string()),
        ("aliases", pa.list_(pa.struct([("alias", pa.string()), ("count", pa.int64())]))),
        ("gender", pa.string()), ("gender_confidence", pa.float64()), ("mentions", pa.int64()),
        ("first_offset", pa.int64()), ("chapter_presence", pa.list_(pa.int64())), ("fandom_id", pa.string()),
        ("quotes", pa.int64()), ("words_spoken", pa.int64()), ("evidence", _EVIDENCE),
    ]),
    "mentions": pa.schema([
        ("work_id", pa.string()), ("mention", pa.int64()), ("start_char", pa.int64()), ("end_char", pa.int64()),
        ("text", pa.string()), ("character_id", pa.int64()), ("character_name", pa.string()), ("kind", pa.string()),
        ("confidence", pa.float64()), ("chapter", pa.int64()), ("chain", pa.int64()),
    ]),
    "quotations": pa.schema([
        ("work_id", pa.string()), ("quotation_id", pa.int64()), ("start_char", pa.int64()), ("end_char", pa.int64()),
        ("spans", pa.list_(pa.struct([("start_char", pa.int64()), ("end_char", pa.int64())]))), ("text", pa.string()),
        ("words", pa.int64()), ("chapter", pa.int64()),
        ("speaker_id", pa.int64()), ("speaker_name", pa.string()), ("speaker_confidence", pa.float64()),
        ("addressees", pa.list_(pa.struct([("character_id", pa.int64()), ("name", pa.string()), ("confidence", pa.float64())]))),
        ("quote_type", pa.string()), ("method", pa.string()), ("evidence", _EVIDENCE),
    ]),
    "interactions": pa.schema([
        ("work_id", pa.string()), ("a", pa.int64()), ("b", pa.int64()), ("a_name", pa.string()), ("b_name", pa.string()),
        ("co_occurrence", pa.float64()), ("speech", pa.float64()), ("action", pa.float64()), ("weight", pa.float64()),
        ("by_chapter", pa.list_(pa.struct([("chapter", pa.int64()), ("weight", pa.float64())]))),
    ]),
    "relationships": pa.schema([
        ("work_id", pa.string()), ("a", pa.int64()), ("b", pa.int64()), ("a_name", pa.string()), ("b_name", pa.string()),
        ("kind", pa.string()), ("subtype", pa.string()), ("confidence", pa.float64()), ("tag", pa.string()),
        ("mentioned_only", pa.bool_()), ("evidence", _EVIDENCE),
    ]),
    "tags": pa.schema([
        ("work_id", pa.string()), ("source", pa.string()), ("type", pa.string()), ("name", pa.string()),
        ("confidence", pa.float64()), ("evidence", _EVIDENCE), ("reasons", _STRINGS),
    ]),
    "errors": pa.schema([
        ("path", pa.string()), ("file_sha256", pa.string()), ("stage", pa.string()), ("error_type", pa.string()),
        ("message", pa.string()), ("at", pa.timestamp("us", tz="UTC")), ("part", pa.string()),
    ]),
    "paragraphs": pa.schema([
        ("work_id", pa.string()), ("paragraph", pa.int64()), ("chapter", pa.int64()), ("start_char", pa.int64()), ("end_char", pa.int64()),
    ]),
    "sentences": pa.schema([
        ("work_id", pa.string()), ("sentence", pa.int64()), ("start_char", pa.int64()), ("end_char", pa.int64()),
    ]),
    "tokens": pa.schema([
        ("work_id", pa.string()), ("token", pa.int64()), ("start_char", pa.int64()), ("end_char", pa.int64()), ("text", pa.string()),
        ("pos", pa.string()), ("tag", pa.string()), ("lemma", pa.string()), ("sentence", pa.int64()), ("paragraph", pa.int64()),
    ]),
    "texts": pa.schema([("work_id", pa.string()), ("text", pa.string())]),
}

DEFAULT_TABLES: tuple[str, ...] = ("works", "chapters", "notes", "characters", "mentions", "quotations",
                                   "interactions", "relationships", "tags", "errors")
OPTIONAL_TABLES: tuple[str, ...] = ("paragraphs", "sentences", "tokens", "texts")
ALL_TABLES: tuple[str, ...] = DEFAULT_TABLES + OPTIONAL_TABLES
# Columns that differ between two runs over the same input (timings, clock, part names).
VOLATILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "works": ("stage_seconds", "seconds", "analysed_at", "part"),
    "errors": ("at", "part"),
}
# Author-given tag lists in WorkMeta and the AO3 tag type each holds.
AUTHOR_TAG_FIELDS: tuple[tuple[str, str], ...] = (
    ("fandoms", "fandom"), ("warnings", "warning"), ("categories", "category"), ("relationships", "relationship"),
    ("characters", "character"), ("additional_tags", "additional"), ("genres", "genre"),
)
_STAT_COLUMNS = {"words": "words", "chapters": "n_chapters", "paragraphs": "n_paragraphs",
                 "sentences": "n_sentences", "tokens": "n_tokens"}


def text_hash(text: str) -> str:
    """SHA-256 of the normalised story text (the JSON export's ``content_hash``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def _evidence(items: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [{"start_char": e.start, "end_char": e.end, "text": e.text, "reason": e.reason} for e in items]


def _kv(d: dict[str, Any]) -> list[dict[str, str]]:
    return [{"key": str(k), "value": str(v)} for k, v in sorted(d.items())]


def _json_default(obj: Any) -> Any:
    if isinstance(obj, (set, tuple)):
        return list(obj)
    return str(obj)


def work_rows(work: Work, work_id: str, *, file_sha256: str = "", path: str = "", file_bytes: int | None = None,
              seconds: float | None = None, part: str = "", tables: Iterable[str] = DEFAULT_TABLES
              ) -> dict[str, list[dict[str, Any]]]:
    """Rows of every requested table for one analysed work (``errors`` stays empty)."""
    wanted = set(tables)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in wanted}
    names = {c.id: c.name for c in work.characters}

    starts = [ch.start for ch in work.chapters]

    def chapter(offset: int) -> int:
        """``Work.chapter_of`` by bisection (works can have hundreds of chapters, 10^5 mentions)."""
        if not work.chapters:
            return 0
        i = bisect_right(starts, offset) - 1
        ch = work.chapters[max(i, 0)]
        return ch.index if ch.start <= offset < ch.end else work.chapter_of(offset)

    if "chapters" in wanted:
        paras_per_chapter = Counter(p.chapter for p in work.paragraphs)
        for ch in work.chapters:
            out["chapters"].append({
                "work_id": work_id, "chapter": ch.index, "title": ch.title, "start_char": ch.start, "end_char": ch.end,
                "n_paragraphs": paras_per_chapter.get(ch.index, 0), "words": ao3_word_count(work.text[ch.start:ch.end]), "n_notes": len(ch.notes),
            })
    all_notes = list(work.notes) + [n for ch in work.chapters for n in ch.notes]
    if "notes" in wanted:
        for i, n in enumerate(all_notes):
            out["notes"].append({"work_id": work_id, "note": i, "chapter": n.chapter, "kind": n.kind, "text": n.text})
    if "characters" in wanted:
        for c in work.characters:
            out["characters"].append({
                "work_id": work_id, "character_id": c.id, "name": c.name,
                "aliases": [{"alias": a, "count": int(n)} for a, n in c.aliases.items()],
                "gender": c.gender, "gender_confidence": float(c.gender_confidence), "mentions": c.mentions,
                "first_offset": c.first_offset, "chapter_presence": list(c.chapter_presence), "fandom_id": c.fandom_id,
                "quotes": c.quotes, "words_spoken": c.words_spoken, "evidence": _evidence(c.evidence),
            })
    if "mentions" in wanted:
        for i, m in enumerate(work.mentions):
            out["mentions"].append({
                "work_id": work_id, "mention": i, "start_char": m.start, "end_char": m.end, "text": work.text[m.start:m.end],
                "character_id": m.character, "character_name": names.get(m.character) if m.character is not None else None,
                "kind": m.kind, "confidence": float(m.confidence), "chapter": chapter(m.start),
                "chain": getattr(m, "chain", None),
            })
    dialogue_words = 0
    for q in work.quotations:
        qtext = q.text(work)
        qwords = ao3_word_count(qtext)
        dialogue_words += qwords
        if "quotations" in wanted:
            out["quotations"].append({
                "work_id": work_id, "quotation_id": q.id, "start_char": q.start, "end_char": q.end,
                "spans": [{"start_char": s.start, "end_char": s.end} for s in q.spans], "text": qtext, "words": qwords,
                "chapter": chapter(q.start), "speaker_id": q.speaker,
                "speaker_name": names.get(q.speaker) if q.speaker is not None else None,
                "speaker_confidence": float(q.speaker_confidence),
                "addressees": [{"character_id": cid, "name": names.get(cid), "confidence": float(conf)} for cid, conf in q.addressees],
                "quote_type": q.quote_type, "method": q.method, "evidence": _evidence(q.evidence),
            })
    if "interactions" in wanted:
        for it in work.interactions:
            out["interactions"].append({
                "work_id": work_id, "a": it.a, "b": it.b, "a_name": names.get(it.a), "b_name": names.get(it.b),
                "co_occurrence": float(it.co_occurrence), "speech": float(it.speech), "action": float(it.action),
                "weight": float(it.weight),
                "by_chapter": [{"chapter": int(k), "weight": float(v)} for k, v in sorted(it.by_chapter.items())],
            })
    if "relationships" in wanted:
        for r in work.relationships:
            out["relationships"].append({
                "work_id": work_id, "a": r.a, "b": r.b, "a_name": names.get(r.a), "b_name": names.get(r.b),
                "kind": r.kind, "subtype": r.subtype, "confidence": float(r.confidence), "tag": r.tag,
                "mentioned_only": bool(r.mentioned_only), "evidence": _evidence(r.evidence),
            })
    author_tags = _author_tags(work)
    if "tags" in wanted:
        for ttype, name in author_tags:
            out["tags"].append({"work_id": work_id, "source": "author", "type": ttype, "name": name,
                                "confidence": None, "evidence": [], "reasons": []})
        for t in work.tags:
            out["tags"].append({"work_id": work_id, "source": "predicted", "type": t.type, "name": t.name,
                                "confidence": float(t.confidence), "evidence": _evidence(t.evidence),
                                "reasons": [str(r) for r in t.reasons]})
    if "paragraphs" in wanted:
        for i, p in enumerate(work.paragraphs):
            out["paragraphs"].append({"work_id": work_id, "paragraph": i, "chapter": p.chapter, "start_char": p.start, "end_char": p.end})
    if "sentences" in wanted:
        for i, s in enumerate(work.sentences):
            out["sentences"].append({"work_id": work_id, "sentence": i, "start_char": s.start, "end_char": s.end})
    if "texts" in wanted:
        out["texts"].append({"work_id": work_id, "text": work.text})
    if "works" in wanted:
        out["works"].append(_work_row(work, work_id, file_sha256, path, file_bytes, seconds, part,
                                      len(all_notes), len(author_tags), dialogue_words))
    return out


def _author_tags(work: Work) -> list[tuple[str, str]]:
    meta = work.meta
    found: list[tuple[str, str]] = [("rating", meta.rating)] if meta.rating else []
    for field_name, ttype in AUTHOR_TAG_FIELDS:
        found.extend((ttype, v) for v in getattr(meta, field_name) if v)
    return found


def _work_row(work: Work, work_id: str, file_sha256: str, path: str, file_bytes: int | None, seconds: float | None,
              part: str, n_notes: int, n_author_tags: int, dialogue_words: int) -> dict[str, Any]:
    m = work.meta
    stats = dict(work.stats)
    stage_seconds = stats.pop("stage_seconds", {}) or {}
    row: dict[str, Any] = {
        "work_id": work_id, "file_sha256": file_sha256, "content_hash": text_hash(work.text),
        "path": path or m.source_path, "file_bytes": file_bytes,
        "title": m.title, "authors": list(m.authors), "fandoms": list(m.fandoms), "rating": m.rating,
        "warnings": list(m.warnings), "categories": list(m.categories), "relationships": list(m.relationships),
        "characters": list(m.characters), "additional_tags": list(m.additional_tags), "genres": list(m.genres),
        "language": m.language, "series": list(m.series), "summary": m.summary, "published": m.published,
        "updated": m.updated, "status": m.status, "source_url": m.source_url, "ids": _kv(m.ids),
        "declared_words": m.declared_words, "declared_chapters": m.declared_chapters, "source_format": m.source_format,
        "source_path": m.source_path, "encoding": m.encoding, "extra": _kv(m.extra),
        "text_length": len(work.text), "n_notes": n_notes, "n_characters": len(work.characters),
        "n_mentions": len(work.mentions), "n_quotations": len(work.quotations),
        "n_interactions": len(work.interactions), "n_relationships": len(work.relationships),
        "n_tags": len(work.tags) + n_author_tags, "dialogue_words": dialogue_words,
        "scene_breaks": list(work.scene_breaks),
        "predicted_fandoms": [{"name": str(n), "confidence": float(c)} for n, c in work.fandoms],
        "stats_json": json.dumps(stats, sort_keys=True, default=_json_default), "stages_run": list(work.stages_run),
        "stage_seconds": [{"stage": k, "seconds": float(v)} for k, v in stage_seconds.items()],
        "seconds": seconds, "analysed_at": now_utc(), "ficlens_version": __version__,
        "schema_version": f"{SCHEMA_VERSION}+tables{TABLES_VERSION}", "part": part,
    }
    for key, col in _STAT_COLUMNS.items():
        val = stats.get(key)
        row[col] = int(val) if isinstance(val, (int, float)) else None
    if row["n_sentences"] is None and work.sentences:
        row["n_sentences"] = len(work.sentences)
    if row["n_tokens"] is None and work.tokens is not None:
        row["n_tokens"] = len(work.tokens)
    return row


def error_row(path: str, message: str, *, stage: str, error_type: str = "", file_sha256: str = "",
              part: str = "") -> dict[str, Any]:
    """One row of the ``errors`` table; ``message`` is made one line."""
    return {"path": path, "file_sha256": file_sha256 or None, "stage": stage, "error_type": error_type,
            "message": " ".join(str(message).split()), "at": now_utc(), "part": part}


def tokens_table(work: Work, work_id: str) -> pa.Table:
    """The ``tokens`` table of one work, built column-wise (works can have 10^6 tokens)."""
    t = work.tokens
    if t is None or not len(t):
        return to_arrow("tokens", [])
    n = len(t)

    def col(values: list[Any]) -> list[Any]:
        return list(values[:n]) + [None] * (n - len(values))

    return pa.table({
        "work_id": [work_id] * n, "token": list(range(n)), "start_char": t.start, "end_char": t.end,
        "text": [work.text[s:e] for s, e in zip(t.start, t.end)], "pos": col(t.pos), "tag": col(t.tag),
        "lemma": col(t.lemma), "sentence": col(t.sent), "paragraph": col(t.para),
    }, schema=SCHEMAS["tokens"])


def work_tables(work: Work, work_id: str, tables: Iterable[str] = DEFAULT_TABLES, **kwargs: Any) -> dict[str, pa.Table]:
    """:func:`work_rows` as Arrow tables, one per requested table (``errors`` excluded)."""
    wanted = [t for t in tables if t != "errors"]
    rows = work_rows(work, work_id, tables=[t for t in wanted if t != "tokens"], **kwargs)
    out = {name: to_arrow(name, r) for name, r in rows.items()}
    if "tokens" in wanted:
        out["tokens"] = tokens_table(work, work_id)
    return out


def to_arrow(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as a table with the fixed schema of ``name`` (also when empty)."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def resolve_tables(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """``default``, ``all`` or names (comma-separated or a list); ``works`` and ``errors`` are always kept."""
    if spec is None or spec == "default":
        return DEFAULT_TABLES
    if spec == "all":
        return ALL_TABLES
    names = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    if "default" in names:
        names = [n for n in names if n != "default"] + list(DEFAULT_TABLES)
    unknown = sorted(set(names) - set(ALL_TABLES))
    if unknown:
        raise ValueError(f"unknown table(s) {', '.join(unknown)}; known: {', '.join(ALL_TABLES)}")
    chosen = set(names) | {"works", "errors"}
    return tuple(n for n in ALL_TABLES if n in chosen)
