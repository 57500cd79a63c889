"""Server-side HTML pieces: sanitised story HTML and inline SVG charts (no scripts, no inline styles)."""

from __future__ import annotations

import math
from typing import Any

import nh3
from markupsafe import Markup, escape

# What may survive in anything built from story text or author-supplied metadata.
STORY_TAGS = {"p", "br", "em", "strong", "i", "b", "u", "s", "blockquote", "ul", "ol", "li", "mark", "span", "a",
              "h2", "h3", "hr", "sup", "sub", "small"}
STORY_ATTRIBUTES = {"mark": {"class", "title", "data-speaker", "data-quote"}, "span": {"class"},
                    "p": {"class", "id"}, "a": {"href", "title"}, "h2": {"id"}}


def sanitize(html: str) -> Markup:
    """Clean HTML with nh3: no scripts, event handlers, styles or non-http(s) links."""
    return Markup(nh3.clean(html, tags=STORY_TAGS, attributes=STORY_ATTRIBUTES, url_schemes={"http", "https"},
                            link_rel="noopener noreferrer nofollow", strip_comments=True))


def summary_html(text: str) -> Markup:
    """An author's summary or note, which may be HTML (AO3) or plain text."""
    if "<" not in text:
        return Markup("".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip()))
    return sanitize(text)


def paragraphs_html(paragraphs: list[list[dict[str, Any]]]) -> Markup:
    """The reader's text: every quotation marked with its speaker's name and colour, all text escaped."""
    out = []
    for segments in paragraphs:
        parts = []
        for seg in segments:
            body = str(escape(seg["text"])).replace("\n", "<br>")
            if "quote" not in seg:
                parts.append(body)
                continue
            who = seg.get("speaker") or "unknown speaker"
            color = seg.get("color")
            cls = f"q c{color}" if color is not None else "q unk"
            title = f"{who} ({seg.get('confidence', 0):.2f})"
            if seg.get("addressees"):
                title += " to " + ", ".join(seg["addressees"])
            parts.append(f'<mark class="{cls}" title="{escape(title)}" data-speaker="{escape(who)}">'
                         f'<span class="who">{escape(who)}</span>{body}</mark>')
        out.append(f"<p>{''.join(parts)}</p>")
    return sanitize("\n".join(out))


def bar_chart_svg(rows: list[dict[str, Any]], label: str) -> Markup:
    """Horizontal bars: each speaker's share of the dialogue."""
    if not rows:
        return Markup("")
    bar_h, gap, left, width = 22, 8, 150, 460
    height = len(rows) * (bar_h + gap) + gap
    top = max(r["share"] for r in rows) or 1
    items = []
    for i, r in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(2, round((width - left - 60) * r["share"] / top))
        items.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" class="lbl">{escape(_short(r["name"], 20))}</text>'
            f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" rx="3" class="f{r["color"]}">'
            f'<title>{escape(r["name"])}: {r["value"]:,} ({r["share"]:.0%})</title></rect>'
            f'<text x="{left + w + 6}" y="{y + 15}" class="val">{r["share"]:.0%}</text>')
    return Markup(f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
                  f'{"".join(items)}</svg>')


def network_svg(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], label: str) -> Markup:
    """Who talks to whom: characters on a circle, line width by how much they talk."""
    if not nodes:
        return Markup("")
    size, r_layout = 420, 160
    cx = cy = size / 2
    pos = {}
    n = len(nodes)
    for i, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        pos[node["cid"]] = (cx + r_layout * math.cos(angle), cy + r_layout * math.sin(angle))
    top = max((e["weight"] for e in edges), default=1) or 1
    lines = []
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
        w = 1 + 9 * e["weight"] / top
        names = f'{_name(nodes, e["a"])} – {_name(nodes, e["b"])}: {e["weight"]:g}'
        lines.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{w:.1f}" '
                     f'class="edge"><title>{escape(names)}</title></line>')
    top_q = max((nd["quotes"] for nd in nodes), default=1) or 1
    circles = []
    for nd in nodes:
        x, y = pos[nd["cid"]]
        rad = 9 + 13 * math.sqrt(nd["quotes"] / top_q)
        anchor = "start" if x > cx + 1 else "end" if x < cx - 1 else "middle"
        dx = rad + 5 if anchor == "start" else -(rad + 5) if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-(rad + 6) if y < cy else rad + 16)
        circles.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{rad:.1f}" class="f{nd["color"]} node">'
                       f'<title>{escape(nd["name"])}: {nd["quotes"]} quotations</title></circle>'
                       f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" class="lbl">'
                       f'{escape(_short(nd["name"], 22))}</text>')
    return Markup(f'<svg class="chart network" viewBox="-110 0 {size + 220} {size}" role="img" '
                  f'aria-label="{escape(label)}">{"".join(lines)}{"".join(circles)}</svg>')


def heat_level(count: int, top: int) -> int:
    """0-8 shade of a heatmap cell."""
    if count <= 0 or top <= 0:
        return 0
    return 1 + min(7, int(7 * math.log1p(count) / math.log1p(top)))


def _name(nodes: list[dict[str, Any]], cid: int) -> str:
    return next((n["name"] for n in nodes if n["cid"] == cid), str(cid))


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
