"""The data behind every page. The JSON API returns these dicts; the pages are templates over them."""

from __future__ import annotations

from typing import Any

from ficlens.library.search import DEFAULT_THRESHOLD, Query, QueryError, ratings, search, status_counts, tag_counts
from ficlens.library.store import PALETTE_SIZE, STATUSES, Library

TYPE_LABELS = {
    "rating": "Ratings", "warning": "Warnings", "category": "Categories", "fandom": "Fandoms",
    "relationship": "Relationships", "character": "Characters", "genre": "Genres", "additional": "Additional tags",
}
PER_PAGE = 20


def split_tags(values: list[str]) -> list[str]:
    """Tag inputs as AO3 takes them: repeated fields and/or comma-separated lists (AO3 tags hold no commas)."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = " ".join(part.split())
            if part and part.casefold() not in {o.casefold() for o in out}:
                out.append(part)
    return out


def build_query(q: str = "", include: list[str] | None = None, exclude: list[str] | None = None, rating: str = "",
                words: str = "", status: str = "", sort: str = "", order: str = "",
                threshold: float = DEFAULT_THRESHOLD, page: int = 1, per_page: int = PER_PAGE) -> Query:
    return Query(text=q.strip(), include=split_tags(include or []), exclude=split_tags(exclude or []),
                 rating=rating.strip(), words=words.strip(), status=status.strip(), sort=sort.strip(),
                 order=order.strip(), threshold=min(max(float(threshold), 0.0), 1.0), page=max(1, page),
                 per_page=min(max(1, per_page), 200))


def library_view(lib: Library, query: Query) -> dict[str, Any]:
    """Search results, the facets of the sidebar (tag counts among the results) and the query echoed back."""
    error = ""
    try:
        result = search(lib, query)
        facets = tag_counts(lib, query, matches=result["total"])
    except QueryError as err:
        error = str(err)
        result = dict(total=0, page=1, per_page=query.per_page, pages=1, sort=query.sort, order=query.order, works=[])
        facets = {}
    facets = {t: facets[t] for t in TYPE_LABELS if t in facets}
    return dict(
        query=dict(q=query.text, include=query.include, exclude=query.exclude, rating=query.rating,
                   words=query.words, status=query.status, sort=query.sort, order=query.order,
                   threshold=query.threshold, page=query.page, per_page=query.per_page),
        error=error, total=result["total"], page=result["page"], pages=result["pages"], sort=result["sort"],
        order=result["order"], works=result["works"], facets=facets, type_labels=TYPE_LABELS,
        statuses=status_counts(lib), ratings=ratings(lib), library_size=lib.count(),
    )


def work_view(lib: Library, work_id: int) -> dict[str, Any] | None:
    """One work: metadata, author and predicted tags with evidence, characters, charts' data."""
    work = lib.get_work(work_id)
    if work is None:
        return None
    colors = lib_colors(work)
    for c in work["characters"]:
        c["color"] = colors.get(c["cid"], PALETTE_SIZE)
    total_words = sum(c["words_spoken"] for c in work["characters"])
    total_quotes = sum(c["quotes"] for c in work["characters"])
    basis = "words_spoken" if total_words else "quotes"
    total = total_words or total_quotes
    speakers = sorted((c for c in work["characters"] if c[basis] > 0), key=lambda c: -c[basis])
    work["dialogue_share"] = dict(basis=basis, rows=[
        dict(cid=c["cid"], name=c["name"], value=c[basis], share=round(c[basis] / total, 4), color=c["color"])
        for c in speakers[:12]])
    by_id = {c["cid"]: c for c in work["characters"]}
    edges = [e for e in work["network"] if e["a"] in by_id and e["b"] in by_id]
    in_graph = {e["a"] for e in edges} | {e["b"] for e in edges}
    nodes = sorted(in_graph, key=lambda cid: -(by_id[cid]["quotes"] * 5 + by_id[cid]["mentions"]))[:14]
    keep = set(nodes)
    work["network"] = dict(
        nodes=[dict(cid=cid, name=by_id[cid]["name"], quotes=by_id[cid]["quotes"], color=by_id[cid]["color"])
               for cid in nodes],
        edges=[dict(a=e["a"], b=e["b"], weight=e["weight"], kind=e["kind"]) for e in edges
               if e["a"] in keep and e["b"] in keep])
    work["statuses"] = list(STATUSES)
    return work


def lib_colors(work: dict[str, Any]) -> dict[int, int]:
    """Palette slot per character id, as stored at import (by prominence)."""
    ranked = sorted(work["characters"], key=lambda c: (-c["quotes"], -c["mentions"], c["cid"]))
    return {c["cid"]: i % PALETTE_SIZE for i, c in enumerate(ranked)}


def reader_view(lib: Library, work_id: int, chapter: int | None = None) -> dict[str, Any] | None:
    """The story as chapters of paragraphs of segments; a segment is plain text or one quotation with its speaker.

    Works of several chapters are read one chapter at a time (``chapter`` is its index).
    """
    doc = lib.get_text(work_id)
    if doc is None:
        return None
    text = doc["text"]
    colors = {int(k): v for k, v in doc["colors"].items()}
    chapters = doc["chapters"] or [dict(index=0, title="", start=0, end=len(text))]
    paragraphs = doc["paragraphs"] or [[0, len(text), 0]]
    chosen = chapters[0]["index"] if chapter is None else chapter
    if not any(c["index"] == chosen for c in chapters):
        return dict(doc, missing_chapter=True)
    quotes = sorted(doc["quotations"], key=lambda q: q["start"])
    qi = 0
    out_paras = []
    speakers: dict[str, int] = {}
    for start, end, ch in paragraphs:
        if ch != chosen:
            continue
        while qi < len(quotes) and quotes[qi]["end"] <= start:
            qi += 1
        segments: list[dict[str, Any]] = []
        pos = start
        j = qi
        while j < len(quotes) and quotes[j]["start"] < end:
            q = quotes[j]
            j += 1
            qs, qe = max(q["start"], pos), min(q["end"], end)
            if qe <= qs:
                continue
            if qs > pos:
                segments.append(dict(text=text[pos:qs]))
            color = colors.get(q["speaker_id"], PALETTE_SIZE) if q["speaker_id"] is not None else None
            segments.append(dict(text=text[qs:qe], quote=q["id"], speaker=q["speaker"], color=color,
                                 confidence=round(q["speaker_confidence"], 2), addressees=q["addressees"]))
            if q["speaker"]:
                speakers[q["speaker"]] = color if color is not None else PALETTE_SIZE
            pos = qe
        if pos < end:
            segments.append(dict(text=text[pos:end]))
        out_paras.append(segments)
    idx = [c["index"] for c in chapters]
    k = idx.index(chosen)
    return dict(
        id=doc["id"], title=doc["title"], authors=doc["authors"],
        chapter=dict(index=chosen, title=chapters[k]["title"], number=k + 1, count=len(chapters)),
        previous=idx[k - 1] if k > 0 else None, next=idx[k + 1] if k + 1 < len(idx) else None,
        chapters=[dict(index=c["index"], title=c["title"]) for c in chapters],
        legend=[dict(name=n, color=c) for n, c in sorted(speakers.items(), key=lambda x: (x[1], x[0]))],
        paragraphs=out_paras,
    )
