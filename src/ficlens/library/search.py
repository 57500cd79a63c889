"""Searching the library the way AO3 filters: include tags AND, exclude tags OR, ranges, FTS5.

A tag term matches a work when the work carries it as an author tag, or as a
predicted tag at or above the confidence threshold. Terms are resolved to the
tag names actually present in the library first: case and spacing never
matter, a character term matches a fuller name ("Kakashi" -> "Hatake Kakashi"),
and a relationship term matches across name orders and ship names
("Iruka/Kakashi", "KakaIru" -> "Hatake Kakashi/Umino Iruka").
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from ficlens.library.store import STATUSES, SUMMARY_COLUMNS, Library, norm_tag, summary_row

DEFAULT_THRESHOLD = 0.5
SORTS = {  # field -> (SQL expression, default direction)
    "title": ("w.title_sort", "asc"),
    "author": ("w.author_sort", "asc"),
    "words": ("w.words", "desc"),
    "updated": ("w.updated", "desc"),
    "added": ("w.added", "desc"),
    "relevance": ("rank", "asc"),
}


@dataclass
class Query:
    text: str = ""
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    rating: str = ""
    words: str = ""
    status: str = ""
    sort: str = ""
    order: str = ""
    threshold: float = DEFAULT_THRESHOLD
    page: int = 1
    per_page: int = 20


class QueryError(ValueError):
    """A filter the user typed cannot be understood (the message says why)."""


def parse_range(text: str) -> tuple[int | None, int | None]:
    """AO3 numeric ranges: ``<1000``, ``>100``, ``1000-5000``, ``5000``; ``,`` and ``.`` are ignored."""
    t = re.sub(r"[,.\s_]", "", text or "")
    if not t:
        return None, None
    if m := re.fullmatch(r"(<=?|>=?)(\d+)", t):
        op, n = m.group(1), int(m.group(2))
        return {"<": (None, n - 1), "<=": (None, n), ">": (n + 1, None), ">=": (n, None)}[op]
    if m := re.fullmatch(r"(\d*)-(\d*)", t):
        lo = int(m.group(1)) if m.group(1) else None
        hi = int(m.group(2)) if m.group(2) else None
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        return lo, hi
    if t.isdigit():
        return int(t), int(t)
    raise QueryError(f"cannot read the range {text!r}; use <1000, >100 or 1000-5000")


def fts_query(text: str) -> str:
    """User words -> a safe FTS5 query: every word (or "quoted phrase") must occur; ``word*`` is a prefix."""
    try:
        parts = shlex.split(text)
    except ValueError:
        parts = text.replace('"', " ").split()
    terms = []
    for part in parts:
        prefix = part.endswith("*")
        words = re.findall(r"\w+", part)
        if not words:
            continue
        phrase = '"' + " ".join(words) + '"'
        terms.append(phrase + ("*" if prefix and len(words) == 1 else ""))
    return " ".join(terms)


# -- tag resolution -------------------------------------------------------------------
_SEP = re.compile(r"\s*(/|&| x )\s*", re.I)


def _tokens(name: str) -> list[str]:
    name = re.sub(r"\([^)]*\)", " ", name)  # fandom disambiguation "(Naruto)"
    return re.findall(r"\w+", name.casefold())


def split_relationship(tag: str) -> tuple[str, list[list[str]]]:
    """``"A/B"`` -> ("/", [tokens of A, tokens of B]); ``"A & B"`` -> ("&", ...)."""
    seps = {m.group(1).strip().casefold() for m in _SEP.finditer(tag)}
    kind = "&" if seps == {"&"} else "/"
    return kind, [_tokens(p) for p in _SEP.split(tag)[::2] if _tokens(p)]


def _ship_parts(term: str) -> list[str]:
    """A ship name's pieces: ``KakaIru`` -> ["kaka", "iru"]."""
    pieces = re.findall(r"[A-Z][a-z]+|[a-z]+", term.strip())
    return [p.casefold() for p in pieces] if len(pieces) >= 2 else []


def _parse_ship(term: str) -> list[list[str]] | None:
    """Members from ficlens.fandoms.parse_ship when a fandom pack knows the ship."""
    try:
        from ficlens.fandoms import parse_ship  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        names = parse_ship(term)
    except Exception:  # a missing pack or an unknown ship is not an error here
        return None
    return [_tokens(n) for n in names] if names and len(names) >= 2 else None


def _members_match(query: list[list[str]], tag: list[list[str]], prefix: bool) -> bool:
    """Is there a one-to-one pairing where every query member's words occur in its tag member?"""
    if len(query) != len(tag):
        return False

    def fits(q: list[str], t: list[str]) -> bool:
        if prefix:
            return any(tok.startswith(q[0]) for tok in t)
        return all(w in t for w in q)

    def assign(i: int, used: set[int]) -> bool:
        if i == len(query):
            return True
        return any(j not in used and fits(query[i], tag[j]) and assign(i + 1, used | {j}) for j in range(len(tag)))

    return assign(0, set())


def _relationship_candidates(lib: Library, needle: str) -> list[str]:
    """Relationship tag names containing ``needle`` (SQL narrows the list before matching in Python)."""
    like = "%" + needle.replace("\\", "").replace("%", "").replace("_", "") + "%"
    return [r[0] for r in lib.conn.execute(
        "SELECT norm FROM tag_vocab WHERE type = 'relationship' AND norm LIKE ?", (like,))]


def resolve_tag(lib: Library, term: str) -> set[str]:
    """The normalised tag names in the library that a typed tag term stands for."""
    norm = norm_tag(term)
    if not norm:
        return set()
    exact = {(r[0], r[1]) for r in lib.conn.execute("SELECT type, norm FROM tag_vocab WHERE norm = ?", (norm,))}
    found = {n for _, n in exact}
    if exact and all(t != "relationship" for t, _ in exact):
        return found  # an ordinary tag such as "Hurt/Comfort"
    if _SEP.search(term):
        kind, members = split_relationship(term)
        longest = max((w for m in members for w in m), key=len, default="")
        for name in _relationship_candidates(lib, longest):
            tkind, tmembers = split_relationship(name)
            if tkind == kind and _members_match(members, tmembers, prefix=False):
                found.add(name)
    elif not found:
        members = _parse_ship(term)
        parts = _ship_parts(term)
        needle = max((w for m in members for w in m), key=len) if members else (max(parts, key=len) if parts else "")
        for name in _relationship_candidates(lib, needle) if needle else []:
            tkind, tmembers = split_relationship(name)
            if tkind != "/":
                continue
            if members and _members_match(members, tmembers, prefix=False):
                found.add(name)
            elif parts and _members_match([[p] for p in parts], tmembers, prefix=True):
                found.add(name)
        words = _tokens(term)
        if words:  # a character named in part: "Kakashi" -> "hatake kakashi"
            like = "%" + max(words, key=len) + "%"
            for (name,) in lib.conn.execute("SELECT norm FROM tag_vocab WHERE type = 'character' AND norm LIKE ?",
                                            (like,)):
                if all(w in _tokens(name) for w in words):
                    found.add(name)
    return found


# -- the search itself ----------------------------------------------------------------
_HAS_TAG = ("w.id IN (SELECT work_id FROM tags WHERE norm IN ({marks}) "
            "AND (source = 'author' OR confidence >= ?))")


def _where(lib: Library, q: Query) -> tuple[list[str], list[Any], bool]:
    """SQL conditions and parameters for a query; the bool says whether FTS is joined."""
    clauses: list[str] = []
    params: list[Any] = []
    for term in q.include:
        names = resolve_tag(lib, term)
        if not names:
            clauses.append("0")
            continue
        clauses.append(_HAS_TAG.format(marks=", ".join("?" * len(names))))
        params += [*sorted(names), q.threshold]
    excluded: set[str] = set()
    for term in q.exclude:
        excluded |= resolve_tag(lib, term)
    if excluded:
        clauses.append("NOT " + _HAS_TAG.format(marks=", ".join("?" * len(excluded))))
        params += [*sorted(excluded), q.threshold]
    if q.rating:
        clauses.append("w.rating = ? COLLATE NOCASE")
        params.append(q.rating.strip())
    lo, hi = parse_range(q.words)
    if lo is not None:
        clauses.append("w.words >= ?")
        params.append(lo)
    if hi is not None:
        clauses.append("w.words <= ?")
        params.append(hi)
    if q.status:
        if q.status not in STATUSES:
            raise QueryError(f"status must be one of {', '.join(STATUSES)}")
        clauses.append("w.status = ?")
        params.append(q.status)
    fts = fts_query(q.text) if q.text.strip() else ""
    if fts:
        clauses.append("work_fts MATCH ?")
        params.append(fts)
    return clauses, params, bool(fts)


def _from(fts: bool) -> str:
    return "works w JOIN work_fts ON work_fts.rowid = w.id" if fts else "works w"


def search(lib: Library, q: Query) -> dict[str, Any]:
    """One page of matching works plus the total, as plain data (what the CLI, API and pages show)."""
    clauses, params, fts = _where(lib, q)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sort = q.sort or ("relevance" if fts else "added")
    if sort not in SORTS or (sort == "relevance" and not fts):
        raise QueryError(f"sort must be one of {', '.join(s for s in SORTS if s != 'relevance' or fts)}")
    expr, default_order = SORTS[sort]
    order = (q.order or default_order).lower()
    if order not in ("asc", "desc"):
        raise QueryError("order must be asc or desc")
    per_page = max(1, min(int(q.per_page), 500))
    page = max(1, int(q.page))
    # without full text, one pass gives the page and the total; snippet() cannot share a query with a window
    snippet = ", snippet(work_fts, 3, '[', ']', ' … ', 12) AS snippet" if fts else ", COUNT(*) OVER () AS total"
    rows = lib.conn.execute(
        f"SELECT {', '.join('w.' + c for c in SUMMARY_COLUMNS)}{snippet} "
        f"FROM {_from(fts)}{where} ORDER BY {expr} {order}, w.id {order} LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page]).fetchall()
    if rows and not fts:
        total = rows[0]["total"]
    else:
        total = lib.conn.execute(f"SELECT COUNT(*) FROM {_from(fts)}{where}", params).fetchone()[0]
    works = []
    for row in rows:
        item = summary_row(row)
        if fts:
            item["snippet"] = row["snippet"]
        works.append(item)
    _attach_tags(lib, works, q.threshold)
    return dict(total=total, page=page, per_page=per_page, pages=max(1, -(-total // per_page)), sort=sort,
                order=order, works=works)


_TYPE_ORDER = {t: i for i, t in enumerate(("rating", "warning", "category", "fandom", "relationship", "character",
                                            "additional", "genre"))}


def _attach_tags(lib: Library, works: list[dict[str, Any]], threshold: float) -> None:
    """Each listed work's tags in AO3 order: author tags, then predicted ones (above the threshold) they lack."""
    if not works:
        return
    by_id = {w["id"]: w for w in works}
    rows: dict[int, list[Any]] = {wid: [] for wid in by_id}
    marks = ", ".join("?" * len(by_id))
    for r in lib.conn.execute(f"SELECT work_id, type, name, norm, source, confidence FROM tags "
                              f"WHERE work_id IN ({marks}) AND (source = 'author' OR confidence >= ?)",
                              [*by_id, threshold]):
        rows[r["work_id"]].append(r)
    for wid, tags in rows.items():
        authored = {r["norm"] for r in tags if r["source"] == "author"}
        tags = [r for r in tags if r["source"] == "author" or r["norm"] not in authored]
        tags.sort(key=lambda r: (_TYPE_ORDER.get(r["type"], 99), r["source"] != "author", -r["confidence"], r["name"]))
        by_id[wid]["tags"] = [dict(type=r["type"], name=r["name"], source=r["source"],
                                   confidence=round(r["confidence"], 3)) for r in tags]


def tag_counts(lib: Library, q: Query, per_type: int = 12, matches: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """For the filter sidebar: the commonest tags of each type among the matching works, with counts.

    ``matches`` (the search's total, when known) picks the plan: few matching
    works are joined to their tags; many are counted in one scan of the tag index.
    Results are cached on ``lib`` per library state (``PRAGMA data_version`` and the connection's changes).
    """
    cache: dict[tuple, dict[str, list[dict[str, Any]]]] = lib.__dict__.setdefault("_facet_cache", {})
    key = (lib.conn.execute("PRAGMA data_version").fetchone()[0], lib.conn.total_changes,
           q.text, tuple(q.include), tuple(q.exclude), q.rating, q.words, q.status, q.threshold, per_type)
    if key not in cache:
        if len(cache) > 256:
            cache.clear()
        cache[key] = _tag_counts(lib, q, per_type, few=matches is not None and matches < FEW_MATCHES)
    return cache[key]


FEW_MATCHES = 1000


def _tag_counts(lib: Library, q: Query, per_type: int, few: bool = False) -> dict[str, list[dict[str, Any]]]:
    clauses, params, fts = _where(lib, q)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    if few:  # join the matching works to their tags
        counted = (f"WITH m AS MATERIALIZED (SELECT w.id FROM {_from(fts)}{where}), "
                   "d AS (SELECT DISTINCT t.work_id, t.type, t.norm FROM m CROSS JOIN tags t ON t.work_id = m.id "
                   "WHERE t.source = 'author' OR t.confidence >= ?), "
                   "c AS (SELECT type, norm, COUNT(*) AS n FROM d GROUP BY type, norm), ")
    else:  # one pass over the (norm, type, ...) index, grouped as it streams
        member = f"t.work_id IN (SELECT w.id FROM {_from(fts)}{where}) AND " if clauses else ""
        counted = ("WITH c AS (SELECT t.norm, t.type, COUNT(DISTINCT t.work_id) AS n FROM tags t INDEXED BY tags_norm "
                   f"WHERE {member}(t.source = 'author' OR t.confidence >= ?) GROUP BY t.norm, t.type), ")
    sql = (counted + "r AS (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.type ORDER BY c.n DESC, c.norm) AS k FROM c) "
           "SELECT r.type, v.name, r.n FROM r JOIN tag_vocab v ON v.norm = r.norm AND v.type = r.type "
           "WHERE k <= ? ORDER BY r.type, r.n DESC, v.name")
    out: dict[str, list[dict[str, Any]]] = {}
    for r in lib.conn.execute(sql, [*params, q.threshold, per_type]):
        out.setdefault(r["type"], []).append(dict(name=r["name"], count=r["n"]))
    return out


def status_counts(lib: Library) -> dict[str, int]:
    counts = {s: 0 for s in STATUSES}
    for r in lib.conn.execute("SELECT status, COUNT(*) FROM works GROUP BY status"):
        counts[r[0]] = r[1]
    return counts


def ratings(lib: Library) -> list[str]:
    return [r[0] for r in lib.conn.execute("SELECT DISTINCT rating FROM works WHERE rating != '' ORDER BY rating")]
