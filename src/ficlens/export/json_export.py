"""The versioned JSON form of an analysed work (documented in docs/schema.md)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ficlens import __version__
from ficlens.document import SCHEMA_VERSION, Work


def content_hash(work: Work) -> str:
    """SHA-256 of the normalised story text (stable across formats of one work)."""
    return hashlib.sha256(work.text.encode("utf-8")).hexdigest()


def character_name(work: Work, cid: int | None) -> str | None:
    c = work.character(cid)
    return c.name if c else None


def work_to_dict(work: Work, include_text: bool = True, include_tokens: bool = False) -> dict[str, Any]:
    """Everything ficlens knows about ``work`` as plain JSON-ready data."""
    d: dict[str, Any] = {
        "schema": "ficlens.work",
        "schema_version": SCHEMA_VERSION,
        "ficlens_version": __version__,
        "content_hash": content_hash(work),
        "meta": asdict(work.meta),
        "stats": work.stats,
        "stages": list(work.stages_run),
        "chapters": [asdict(c) for c in work.chapters],
        "paragraphs": [[p.start, p.end, p.chapter] for p in work.paragraphs],
        "notes": [asdict(n) for n in work.notes],
        "scene_breaks": list(work.scene_breaks),
        "sentences": [[s.start, s.end] for s in work.sentences],
        "fandoms": [{"name": n, "confidence": round(c, 4)} for n, c in work.fandoms],
        "characters": [asdict(c) for c in work.characters],
        "mentions": [asdict(m) for m in work.mentions],
        "quotations": [_quotation(work, q) for q in work.quotations],
        "interactions": [asdict(i) | {"a_name": character_name(work, i.a), "b_name": character_name(work, i.b)}
                         for i in work.interactions],
        "relationships": [asdict(r) | {"a_name": character_name(work, r.a), "b_name": character_name(work, r.b)}
                          for r in work.relationships],
        "tags": [asdict(t) for t in work.tags],
    }
    if include_text:
        d["text"] = work.text
    if include_tokens and work.tokens is not None:
        d["tokens"] = asdict(work.tokens)
    return d


def _quotation(work: Work, q) -> dict[str, Any]:
    d = asdict(q)
    d["text"] = q.text(work)
    d["spans"] = [[s.start, s.end] for s in q.spans]
    d["speaker_name"] = character_name(work, q.speaker)
    d["addressees"] = [{"character": a, "name": character_name(work, a), "confidence": round(c, 4)}
                       for a, c in q.addressees]
    return d


def write_json(work: Work, path: Path, include_tokens: bool = False) -> Path:
    path.write_text(json.dumps(work_to_dict(work, include_tokens=include_tokens), ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path
