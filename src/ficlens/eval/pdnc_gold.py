"""Read a PDNC-layout folder: novel_text.txt, quotation_info.csv, character_info.csv."""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(10**8)


@dataclass
class GoldQuote:
    qid: str
    spans: list[tuple[int, int]]
    speaker: str  # gold Main Name
    addressees: list[str]
    quote_type: str
    referring: str = ""


@dataclass
class GoldCharacter:
    name: str
    aliases: set[str]
    gender: str = "U"


@dataclass
class GoldNovel:
    name: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)
    characters: list[GoldCharacter] = field(default_factory=list)

    def alias_index(self) -> dict[str, str]:
        """lower-cased surface form -> Main Name (main names win over aliases)."""
        idx: dict[str, str] = {}
        for c in self.characters:
            for a in c.aliases:
                idx.setdefault(a.lower(), c.name)
        for c in self.characters:
            idx[c.name.lower()] = c.name
        return idx


def _literal(value: str, default):
    try:
        return ast.literal_eval(value) if value else default
    except (ValueError, SyntaxError):
        return default


def load_gold(folder: str | Path) -> GoldNovel:
    folder = Path(folder)
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    novel = GoldNovel(folder.name, text)
    with open(folder / "character_info.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["Main Name"].strip()
            aliases = set(_literal(row.get("Aliases", ""), set())) | {name}
            novel.characters.append(GoldCharacter(name, {a.strip() for a in aliases if a.strip()}, row.get("Gender", "U")))
    names = novel.alias_index()
    with open(folder / "quotation_info.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            spans = [tuple(s) for s in _literal(row["quoteByteSpans"], [])]
            speaker = row["speaker"].strip()
            speaker = names.get(speaker.lower(), speaker)
            adds = [names.get(a.strip().lower(), a.strip()) for a in _literal(row.get("addressees", ""), [])]
            novel.quotes.append(GoldQuote(row["quoteID"], spans, speaker, adds, row.get("quoteType", "") or "",
                                          row.get("referringExpression", "") or ""))
    novel.quotes.sort(key=lambda q: q.spans[0][0] if q.spans else 0)
    return novel
