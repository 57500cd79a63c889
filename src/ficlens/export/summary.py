"""The one-paragraph summary of an analysed work printed by ``ficlens analyze``."""

from __future__ import annotations

from pathlib import Path

from ficlens.document import Work


def summary_line(work: Work, path: Path, written: list[Path]) -> str:
    fandom = ", ".join(f"{n} ({c:.2f})" for n, c in work.fandoms[:2]) or "no known fandom"
    chars = sorted(work.characters, key=lambda c: -c.mentions)[:6]
    speakers = sorted((c for c in work.characters if c.quotes), key=lambda c: -c.quotes)[:4]
    tags = {}
    for t in sorted(work.tags, key=lambda t: -t.confidence):
        if t.confidence >= 0.5 and t.type in ("rating", "warning", "category", "relationship"):
            tags.setdefault(t.type, []).append(t.name)
    lines = [
        f"{path}: \"{work.meta.title or path.stem}\" — {work.stats.get('words', 0):,} words, "
        f"{len(work.chapters)} chapter(s), fandom: {fandom}",
        "  characters: " + (", ".join(f"{c.name} ({c.mentions})" for c in chars) or "none found"),
        "  speaks most: " + (", ".join(f"{c.name} ({c.quotes} quotes)" for c in speakers) or "nobody")
        + f"; {len(work.quotations)} quotations",
    ]
    if tags:
        lines.append("  tags: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in tags.items()))
    lines.append("  wrote: " + ", ".join(str(p) for p in written))
    return "\n".join(lines)
