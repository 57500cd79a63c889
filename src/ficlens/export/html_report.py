"""A self-contained HTML report for one analysed work (inline CSS and SVG, no scripts).

Every piece of story or metadata text is escaped by Jinja2's autoescape, so a
work carrying ``<script>`` or ``onerror=`` shows them as text and runs nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ficlens import __version__
from ficlens.document import Work
from ficlens.export.svg import bar_chart_svg, color, heatmap_svg, network_svg

TAG_TYPES = [  # (predicted Tag.type, label, WorkMeta field)
    ("fandom", "Fandoms", "fandoms"),
    ("rating", "Rating", "rating"),
    ("warning", "Archive warnings", "warnings"),
    ("category", "Category", "categories"),
    ("relationship", "Relationships", "relationships"),
    ("character", "Characters", "characters"),
    ("genre", "Genres", "genres"),
    ("additional", "Additional tags", "additional_tags"),
]


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("ficlens.export", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def character_ranks(work: Work) -> dict[int, int]:
    """Character id -> rank by importance (quotations, then mentions), for colours."""
    order = sorted(work.characters, key=lambda c: (-c.quotes, -c.mentions, c.id))
    return {c.id: k for k, c in enumerate(order)}


def tag_rows(work: Work) -> list[dict[str, Any]]:
    """Author tags beside predicted tags, per AO3 tag type."""
    rows = []
    for ttype, label, field in TAG_TYPES:
        author = getattr(work.meta, field)
        author = [author] if isinstance(author, str) and author else list(author or [])
        predicted = sorted(work.tags_of(ttype), key=lambda t: -t.confidence)
        author_low = {a.lower() for a in author}
        rows.append({"label": label, "author": author, "predicted": predicted,
                     "new": [t.name for t in predicted if t.confidence >= 0.5 and t.name.lower() not in author_low]
                     if author else []})
    return rows


def marked_text(work: Work, ranks: dict[int, int]) -> list[dict[str, Any]]:
    """Chapters of paragraphs as safe HTML, each quotation marked with its speaker."""
    pieces: dict[int, list[tuple[int, int, Any, bool]]] = defaultdict(list)
    paragraph_of = work.paragraph_finder()
    for q in work.quotations:
        for k, s in enumerate(q.spans):
            pi = paragraph_of(s.start)
            if pi >= 0:
                pieces[pi].append((s.start, s.end, q, k == 0))
    breaks = set(work.scene_breaks)
    chapters = []
    for ch in work.chapters:
        chapters.append({"title": ch.title or (f"Chapter {ch.index + 1}" if len(work.chapters) > 1 else ""),
                         "notes": ch.notes, "paragraphs": []})
    if not chapters:
        chapters.append({"title": "", "notes": [], "paragraphs": []})
    for pi, para in enumerate(work.paragraphs):
        html: list[str] = []
        pos = para.start
        for start, end, q, first in sorted(pieces.get(pi, []), key=lambda x: x[0]):
            start, end = max(start, pos), min(end, para.end)
            if start >= end:
                continue
            html.append(str(escape(work.text[pos:start])))
            spk = work.character(q.speaker)
            name = spk.name if spk else "unknown speaker"
            col = color(ranks.get(q.speaker, -1)) if spk else "#888888"
            label = (f'<span class="spk" style="background:{col}">{escape(name)}</span>' if first else "")
            html.append(f'<mark class="quote" style="border-color:{col}" title="{escape(name)} '
                        f'({q.quote_type or "?"}, {q.speaker_confidence:.2f})">{label}'
                        f'{escape(work.text[start:end])}</mark>')
            pos = end
        html.append(str(escape(work.text[pos:para.end])))
        body = "".join(html).replace("\n", "<br>")
        idx = min(para.chapter, len(chapters) - 1)
        chapters[idx]["paragraphs"].append({"html": Markup(body), "break": para.start in breaks})
    return chapters


def report_context(work: Work) -> dict[str, Any]:
    ranks = character_ranks(work)
    chars = sorted(work.characters, key=lambda c: ranks[c.id])
    top = chars[:12]
    top_ids = {c.id: k for k, c in enumerate(top)}
    edges = []
    if work.interactions:
        for it in work.interactions:
            if it.a in top_ids and it.b in top_ids and it.weight > 0:
                edges.append((top_ids[it.a], top_ids[it.b], round(it.weight, 2)))
    else:
        talk = Counter()
        for q in work.quotations:
            for a, _ in q.addressees:
                if q.speaker in top_ids and a in top_ids and a != q.speaker:
                    talk[tuple(sorted((top_ids[q.speaker], top_ids[a])))] += 1
        edges = [(i, j, w) for (i, j), w in talk.items()]
    speakers = [c for c in chars if c.quotes][:10]
    total_quotes = sum(c.quotes for c in work.characters) or 1
    presence = [(c.name, [float(v) for v in c.chapter_presence]) for c in chars[:15] if c.chapter_presence]
    columns = [str(i + 1) for i in range(max((len(v) for _, v in presence), default=0))]
    return {
        "work": work,
        "meta": work.meta,
        "version": __version__,
        "title": work.meta.title or Path(work.meta.source_path).stem or "Untitled work",
        "stats": work.stats,
        "tag_rows": tag_rows(work),
        "differences": work.stats.get("tag_differences"),
        "characters": chars,
        "colors": {c.id: color(ranks[c.id]) for c in chars},
        "network": Markup(network_svg([(c.name, c.quotes or c.mentions, color(ranks[c.id])) for c in top], edges)),
        "dialogue_share": Markup(bar_chart_svg([(c.name, round(100 * c.quotes / total_quotes, 1), color(ranks[c.id]))
                                               for c in speakers], unit="%", title="Share of quotations")),
        "presence": Markup(heatmap_svg(presence, columns)),
        "relationships": [(r, work.character(r.a), work.character(r.b)) for r in
                          sorted(work.relationships, key=lambda r: -r.confidence)],
        "chapters": marked_text(work, ranks),
        "notes": [n for n in work.notes],
        "quote_count": len(work.quotations),
        "attributed": sum(1 for q in work.quotations if q.speaker is not None),
    }


def render_report(work: Work) -> str:
    return _env().get_template("report.html.j2").render(**report_context(work))


def write_html(work: Work, path: Path) -> Path:
    path.write_text(render_report(work), encoding="utf-8")
    return path
