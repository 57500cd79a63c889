"""Metadata labels as archives and downloaders print them -> :class:`WorkMeta` fields.

One table serves every reader (FanFicFare TXT/HTML/EPUB, AO3 downloads and
pages, scraped plain text headers, FanFiction.net header lines), so a label
means the same thing everywhere. ``Category`` is the one ambiguous label:
FanFicFare uses it for the fandom, AO3 for F/M, M/M...; readers say which.
"""

from __future__ import annotations

import re

from ficlens.document import WorkMeta

LIST_FIELDS = {"authors", "fandoms", "warnings", "categories", "relationships", "characters",
               "additional_tags", "genres", "series"}
LABELS: dict[str, str] = {
    "title": "title", "story": "title", "story title": "title",
    "author": "authors", "authors": "authors", "by": "authors", "creator": "authors", "creators": "authors",
    "writer": "authors",
    "fandom": "fandoms", "fandoms": "fandoms", "category": "fandoms", "categories": "fandoms",
    "ao3 category": "categories", "ao3 categories": "categories",
    "genre": "genres", "genres": "genres",
    "language": "language",
    "character": "characters", "characters": "characters",
    "relationship": "relationships", "relationships": "relationships", "pairing": "relationships",
    "pairings": "relationships", "ships": "relationships", "ship": "relationships",
    "series": "series",
    "status": "status",
    "published": "published", "posted": "published", "first published": "published",
    "updated": "updated", "last updated": "updated", "completed": "updated",
    "rating": "rating", "rated": "rating", "age rating": "rating",
    "warning": "warnings", "warnings": "warnings", "archive warning": "warnings", "archive warnings": "warnings",
    "content warnings": "warnings",
    "chapters": "declared_chapters", "chapter count": "declared_chapters",
    "words": "declared_words", "word count": "declared_words", "wordcount": "declared_words",
    "story url": "source_url", "url": "source_url", "source": "source_url", "link": "source_url",
    "summary": "summary", "description": "summary", "blurb": "summary",
    "additional tags": "additional_tags", "freeform tags": "additional_tags", "freeform": "additional_tags",
    "tags": "additional_tags", "other tags": "additional_tags",
}
# Labels recognised but kept in WorkMeta.extra.
EXTRA_LABELS = {"publisher", "packaged", "author url", "collections", "stats", "site", "storyid", "story id",
                "id", "reviews", "favs", "follows", "kudos", "hits", "bookmarks", "comments", "disclaimer",
                "beta", "betas", "beta reader", "notes", "author's notes", "dedication"}

KNOWN_GENRES = [
    "Action", "Adventure", "Angst", "Comedy", "Crime", "Drama", "Family", "Fantasy", "Fluff", "Friendship",
    "General", "Horror", "Humor", "Humour", "Hurt/Comfort", "Mystery", "Parody", "Poetry", "Romance",
    "Sci-Fi", "Science Fiction", "Spiritual", "Supernatural", "Suspense", "Tragedy", "Western", "Thriller",
    "Smut", "Lemon", "Lime", "Slice of Life", "Erotica", "Historical", "Psychological", "Dark", "Mythology",
    "Tragedy/Romance", "Songfic", "Crossover", "AU", "Alternate Universe",
]
_GENRE_KEYS = {g.lower(): g for g in KNOWN_GENRES}
_SLASHED = {g.lower() for g in KNOWN_GENRES if "/" in g}
_AO3_WORK = re.compile(r"archiveofourown\.org/works/(\d+)", re.I)
_FFN_STORY = re.compile(r"(?:fanfiction\.net|fictionpress\.com)/s/(\d+)", re.I)
_WATTPAD = re.compile(r"wattpad\.com/story/(\d+)", re.I)


def norm_label(label: str) -> str:
    return " ".join(label.strip().rstrip(":").strip().lower().replace("\u2019", "'").split())


def is_known_label(label: str) -> bool:
    key = norm_label(label)
    return key in LABELS or key in EXTRA_LABELS


def split_list(value: str) -> list[str]:
    """``"a, b, c"`` -> items; commas inside brackets do not split."""
    items, depth, cur = [], 0, []
    for ch in value:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [" ".join(i.split()) for i in items if i.strip()]


def split_genres(value: str) -> list[str]:
    """``"Action / Romance"`` or ``"Adventure/Hurt/Comfort"`` -> genres; Hurt/Comfort stays whole."""
    pieces = [p for p in re.split(r"\s*[/,;|]\s*|\s+&\s+|\s+-\s+", value.strip()) if p]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        if i + 1 < len(pieces) and f"{pieces[i]}/{pieces[i + 1]}".lower() in _SLASHED:
            out.append(_GENRE_KEYS[f"{pieces[i]}/{pieces[i + 1]}".lower()])
            i += 2
            continue
        out.append(_GENRE_KEYS.get(pieces[i].lower(), pieces[i].strip()))
        i += 1
    return out


def genre_line(line: str) -> list[str] | None:
    """The genres when every piece of a short line is a known genre (``"Action / Romance"``)."""
    line = line.strip()
    if not line or len(line) > 100 or not re.search(r"[/,|&-]", line) and line.lower() not in _GENRE_KEYS:
        return None
    genres = split_genres(line)
    if genres and all(g.lower() in _GENRE_KEYS for g in genres):
        return genres
    return None


def parse_words(value: str) -> int | None:
    digits = re.sub(r"[,.\s\u00a0']", "", value)
    m = re.match(r"\d+", digits)
    return int(m.group()) if m else None


def norm_status(value: str) -> str:
    v = value.strip().lower()
    if v.startswith("complete") or v in ("done", "finished"):
        return "Completed"
    if any(k in v for k in ("progress", "incomplete", "wip", "ongoing", "in-progress", "updating")):
        return "In-Progress"
    return value.strip()


def norm_date(value: str) -> str:
    """ISO ``YYYY-MM-DD`` for ``YYYY-MM-DD``, ``M/D/YYYY`` (FanFiction.net) or ``YYYY/MM/DD``; else as given."""
    v = value.strip()
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", v)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})$", v)
    if m:
        return f"{int(m.group(3)):04d}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return v


def ids_from_url(url: str) -> dict[str, str]:
    ids = {}
    for key, pattern in (("ao3", _AO3_WORK), ("ffn", _FFN_STORY), ("wattpad", _WATTPAD)):
        m = pattern.search(url or "")
        if m:
            ids[key] = m.group(1)
    return ids


def _add_unique(target: list[str], items: list[str]) -> None:
    for item in items:
        if item and item not in target:
            target.append(item)


def apply_label(meta: WorkMeta, label: str, value: str, category_is: str = "fandoms") -> bool:
    """Store ``value`` under the field ``label`` names; False when the label is unknown.

    ``category_is`` is ``"fandoms"`` (FanFicFare, FanFiction.net) or
    ``"categories"`` (AO3, where Category means F/M, Gen...).
    """
    key = norm_label(label)
    value = " ".join(value.split())
    field = LABELS.get(key)
    if key in ("category", "categories"):
        field = category_is
    if key == "stats" and re.search(r"\w:\s", value):
        for inner, inner_value in re.findall(r"([A-Z][a-z]+):\s*(.*?)(?=\s+[A-Z][a-z]+:|$)", value):
            apply_label(meta, inner, inner_value, category_is)
        return True
    if field is None:
        if key in EXTRA_LABELS:
            if value:
                meta.extra[key] = value
            return True
        return False
    if not value:
        return True
    if key == "completed":
        meta.status = "Completed"
    if field == "genres":
        _add_unique(meta.genres, split_genres(value) if "," not in value else
                    [g for part in split_list(value) for g in split_genres(part)])
    elif field in ("characters", "relationships") and "[" in value:
        chars, rels = split_bracketed_characters(value)
        _add_unique(meta.characters, chars)
        _add_unique(meta.relationships, rels)
    elif field == "authors":
        _add_unique(meta.authors, [a for a in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", value) if a])
    elif field in LIST_FIELDS:
        _add_unique(getattr(meta, field), split_list(value))
    elif field == "declared_words":
        meta.declared_words = parse_words(value)
    elif field == "status":
        meta.status = norm_status(value)
    elif field in ("published", "updated"):
        setattr(meta, field, norm_date(value))
    elif field == "source_url":
        meta.source_url = meta.source_url or value
        for k, v in ids_from_url(value).items():
            meta.ids.setdefault(k, v)
    elif field == "rating":
        meta.rating = re.sub(r"^fiction\s+", "", value, flags=re.I)
    else:
        setattr(meta, field, value)
    return True


def split_bracketed_characters(value: str) -> tuple[list[str], list[str]]:
    """``"[Kakashi H., Sakura H.] Naruto U."`` -> characters and the bracketed pairing(s)."""
    chars: list[str] = []
    rels: list[str] = []
    for group in re.findall(r"\[([^\]]*)\]", value):
        names = split_list(group)
        _add_unique(chars, names)
        if len(names) > 1:
            rels.append("/".join(names))
    rest = re.sub(r"\[[^\]]*\]", ",", value)
    _add_unique(chars, split_list(rest))
    return chars, rels


# FanFiction.net header line ------------------------------------------------

FFN_HEADER = re.compile(r"Rated:\s*(?:Fiction\s+)?(K\+|K|T|MA|M)\b[^\n]*", re.I)
_LANGUAGES = {"english", "spanish", "french", "german", "italian", "portuguese", "dutch", "russian", "polish",
              "indonesian", "japanese", "chinese", "tagalog", "filipino", "swedish", "finnish", "norwegian",
              "danish", "czech", "hungarian", "turkish", "vietnamese", "korean", "catalan", "romanian",
              "greek", "hebrew", "arabic", "hindi", "thai", "malay", "croatian", "serbian", "slovak", "bulgarian",
              "ukrainian", "latin", "esperanto", "afrikaans", "icelandic", "lithuanian", "estonian", "latvian"}


def find_ffn_header(text: str) -> re.Match[str] | None:
    """The first FanFiction.net ``Rated: ... - id: N`` line in ``text``."""
    for m in FFN_HEADER.finditer(text):
        line = m.group(0)
        if re.search(r"\s-\s", line) and (re.search(r"\b(?:id|Words|Chapters):", line, re.I)):
            return m
    return None


def apply_ffn_header(meta: WorkMeta, line: str, before: str = "") -> None:
    """Fill ``meta`` from a FanFiction.net header line; ``before`` is text preceding it on its line (breadcrumbs)."""
    crumbs = [c.strip() for c in re.split(r"[»›>]", before) if c.strip()]
    if len(crumbs) >= 2 and not meta.fandoms:
        meta.fandoms.append(crumbs[-1])
    pieces = [p.strip() for p in re.split(r"\s+-\s+", line.strip()) if p.strip()]
    for i, piece in enumerate(pieces):
        m = re.match(r"([A-Za-z][A-Za-z ]*):\s*(.*)$", piece)
        if m and m.group(1).lower() in ("rated", "chapters", "words", "reviews", "favs", "follows",
                                        "updated", "published", "status", "id"):
            label, value = m.group(1).lower(), m.group(2).strip()
            if label == "rated":
                meta.rating = re.sub(r"^fiction\s+", "", value, flags=re.I).strip()
            elif label == "id":
                meta.ids["ffn"] = parse_words(value) and str(parse_words(value)) or value
            elif label == "chapters":
                meta.declared_chapters = value
            else:
                apply_label(meta, label, value)
            continue
        if piece.lower() in _LANGUAGES and not meta.language:
            meta.language = piece
            continue
        genres = genre_line(piece) if ("/" in piece or piece.lower() in _GENRE_KEYS) else None
        if genres and i <= 2:
            _add_unique(meta.genres, genres)
            continue
        if i >= 1 and piece != "...":
            chars, rels = split_bracketed_characters(piece)
            _add_unique(meta.characters, chars)
            _add_unique(meta.relationships, rels)
