"""Small inline SVG pictures (no JavaScript, no external assets): network, bars, heatmap."""

from __future__ import annotations

import math
from html import escape

PALETTE = ["#d1495b", "#00798c", "#edae49", "#30638e", "#66a182", "#8d6a9f", "#e07a5f", "#3d405b",
           "#81b29a", "#f2cc8f", "#5f0f40", "#0f4c5c"]


def color(rank: int) -> str:
    return PALETTE[rank % len(PALETTE)] if rank >= 0 else "#888888"


def network_svg(nodes: list[tuple[str, float, str]], edges: list[tuple[int, int, float]], size: int = 420,
                title: str = "Who talks to whom") -> str:
    """Circular graph. ``nodes``: (label, weight, colour); ``edges``: (i, j, weight) over node indices."""
    if not nodes:
        return '<p class="empty">No characters to draw.</p>'
    cx = cy = size / 2
    radius = size / 2 - 70 if len(nodes) > 1 else 0
    pos = [(cx + radius * math.cos(2 * math.pi * k / len(nodes) - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * k / len(nodes) - math.pi / 2)) for k in range(len(nodes))]
    max_w = max((w for _, _, w in edges), default=1) or 1
    max_n = max((w for _, w, _ in nodes), default=1) or 1
    parts = [f'<svg class="network" width="{size}" viewBox="0 0 {size} {size}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, j, w in sorted(edges, key=lambda e: e[2]):
        (x1, y1), (x2, y2) = pos[i], pos[j]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#6b7280" '
                     f'stroke-opacity="{0.25 + 0.6 * w / max_w:.2f}" stroke-width="{1 + 9 * w / max_w:.1f}">'
                     f'<title>{escape(nodes[i][0])} - {escape(nodes[j][0])}: {w:g}</title></line>')
    for (label, w, col), (x, y) in zip(nodes, pos):
        r = 8 + 18 * math.sqrt(w / max_n)
        anchor = "middle"
        ly = y + r + 14 if y >= cy - 1 else y - r - 6
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{col}" stroke="#fff" stroke-width="2">'
                     f'<title>{escape(label)}</title></circle>'
                     f'<text x="{x:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="12">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_svg(items: list[tuple[str, float, str]], unit: str = "", width: int = 420, title: str = "") -> str:
    """Horizontal bars: (label, value, colour)."""
    if not items:
        return '<p class="empty">Nothing to chart.</p>'
    row, label_w = 24, 150
    height = row * len(items) + 8
    top = max(v for _, v, _ in items) or 1
    parts = [f'<svg class="bars" width="{width}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for k, (label, value, col) in enumerate(items):
        y = 4 + k * row
        w = (width - label_w - 60) * value / top
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" rx="3" fill="{col}"/>'
                     f'<text x="{label_w + w + 5:.1f}" y="{y + 15}" font-size="12">{value:g}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def heatmap_svg(rows: list[tuple[str, list[float]]], columns: list[str], title: str = "Presence by chapter") -> str:
    """One row a character, one column a chapter; darker = more mentions."""
    if not rows or not columns:
        return '<p class="empty">Nothing to chart.</p>'
    cell, label_w, head = 22, 150, 22
    width = label_w + cell * len(columns) + 4
    height = head + cell * len(rows) + 4
    top = max((v for _, vals in rows for v in vals), default=1) or 1
    parts = [f'<svg class="heatmap" width="{width}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for c, col in enumerate(columns):
        parts.append(f'<text x="{label_w + c * cell + cell / 2}" y="15" text-anchor="middle" font-size="11">'
                     f'{escape(col)}</text>')
    for r, (label, vals) in enumerate(rows):
        y = head + r * cell
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>')
        for c, v in enumerate(vals):
            opacity = 0.06 + 0.94 * (v / top) if v else 0.04
            parts.append(f'<rect x="{label_w + c * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" rx="2" '
                         f'fill="#30638e" fill-opacity="{opacity:.2f}"><title>{escape(label)}, chapter '
                         f'{escape(columns[c])}: {v:g}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)
