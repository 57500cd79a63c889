"""Compare the author's own tags (``work.meta``) with the tags the text shows.

``tag_differences(work)`` returns ``{}`` when the work carries no author
tags, else::

    {"missing": [{"type", "name", "confidence", "important", "evidence"}],   # shown, not tagged
     "unsupported": [{"type", "name", "reason"}],                             # tagged, not shown
     "rating": {"author": ..., "predicted": ...}}                              # when they differ

An untagged Major Character Death (or any other archive warning) is
``important``. Author ship names (``KakaIru``) and ``A/B`` tags are read
with the fandom API when present, so name order and spelling do not matter.
"""

from __future__ import annotations

import re

from ficlens.document import Work

RATING_ORDER = ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit"]
NO_WARNING_CHOICES = {"creator chose not to use archive warnings", "choose not to use archive warnings"}
_SEP = re.compile(r"\s*(/| & | x )\s*")


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9/&]+", " ", s.casefold()).strip()


def _rel_key(tag: str) -> tuple[frozenset[str], str]:
    """A relationship tag as (set of normalised names, '/' or '&')."""
    kind = "&" if "&" in tag else "/"
    names = [n for n in _SEP.split(tag) if n and n not in ("/", "&", "x")]
    if len(names) < 2:
        try:
            from ficlens.fandoms import parse_ship

            parsed = parse_ship(tag)
            if parsed and len(parsed) >= 2:
                names = list(parsed)
        except Exception:  # noqa: BLE001
            pass
    return frozenset(_norm(re.sub(r"\s*\(.*?\)", "", n)) for n in names), kind


def _name_keys(work: Work) -> dict[str, str]:
    """Every alias and name part of every character -> canonical name (normalised)."""
    keys: dict[str, str] = {}
    for c in work.characters:
        base = _norm(re.sub(r"\s*\(.*?\)", "", c.name))
        for k in [c.name, *c.aliases, *c.name.split()]:
            keys.setdefault(_norm(re.sub(r"\s*\(.*?\)", "", k)), base)
    return keys


def _resolve(name: str, names: dict[str, str]) -> str:
    """An author's character name -> the work's canonical (normalised) name, by the whole name or one distinctive word."""
    full = _norm(re.sub(r"\s*\(.*?\)", "", name))
    if full in names:
        return names[full]
    hits = {names[w] for w in full.split() if len(w) >= 3 and w in names}
    return hits.pop() if len(hits) == 1 else full


def tag_differences(work: Work) -> dict:
    m = work.meta
    if not any([m.rating, m.warnings, m.categories, m.relationships, m.characters, m.additional_tags]):
        return {}
    missing: list[dict] = []
    unsupported: list[dict] = []
    out: dict = {"missing": missing, "unsupported": unsupported}

    if m.rating and m.rating in RATING_ORDER:
        pr = next((t for t in work.tags if t.type == "rating"), None)
        if pr is not None and pr.name != m.rating:
            out["rating"] = {"author": m.rating, "predicted": pr.name, "confidence": pr.confidence,
                             "reasons": pr.reasons, "text_shows_more": RATING_ORDER.index(pr.name) > RATING_ORDER.index(m.rating)}

    author_warn = {_norm(w) for w in m.warnings}
    if m.warnings and not author_warn & NO_WARNING_CHOICES:
        for t in work.tags_of("warning"):
            if t.name != "No Archive Warnings Apply" and _norm(t.name) not in author_warn:
                missing.append(_item(t, important=True))
        shown = {_norm(t.name) for t in work.tags_of("warning")}
        for w in m.warnings:
            if _norm(w) not in shown and _norm(w) not in NO_WARNING_CHOICES and _norm(w) != _norm("No Archive Warnings Apply"):
                unsupported.append({"type": "warning", "name": w, "reason": "the text does not show it"})

    if m.categories:
        author_cat = {_norm(c) for c in m.categories}
        for t in work.tags_of("category"):
            if _norm(t.name) not in author_cat:
                missing.append(_item(t))
        shown = {_norm(t.name) for t in work.tags_of("category")}
        unsupported += [{"type": "category", "name": c, "reason": "no such relationship found"} for c in m.categories if _norm(c) not in shown]

    if m.relationships:
        names = _name_keys(work)
        author_rels = {}
        for r in m.relationships:
            keyset, kind = _rel_key(r)
            author_rels[(frozenset(names.get(n, n) for n in keyset), kind)] = r
        for t in work.tags_of("relationship"):
            keyset, kind = _rel_key(t.name)
            if (frozenset(names.get(n, n) for n in keyset), kind) not in author_rels:
                missing.append(_item(t))
        found = {(frozenset(names.get(n, n) for n in _rel_key(r.tag)[0]), "/" if r.kind == "romantic" else "&")
                 for r in work.relationships if r.tag}
        for key, r in author_rels.items():
            if key not in found and (key[0], "/" if key[1] == "&" else "&") not in found:
                unsupported.append({"type": "relationship", "name": r, "reason": "no such pair found in the text"})
            elif key not in found:
                unsupported.append({"type": "relationship", "name": r, "reason": "the pair is there, but the text shows the other kind (romantic vs platonic)"})

    if m.characters:
        names = _name_keys(work)
        author_chars = {_resolve(c, names) for c in m.characters}
        for t in work.tags_of("character"):
            if _resolve(t.name, names) not in author_chars:
                missing.append(_item(t))
        present = set(names.values())
        unsupported += [{"type": "character", "name": c, "reason": "not found in the text"}
                        for c in m.characters if _resolve(c, names) not in present]

    if m.additional_tags:
        author_add = {_norm(a) for a in m.additional_tags}
        for t in work.tags_of("additional"):
            if _norm(t.name) not in author_add:
                missing.append(_item(t, important=t.name in ("Character Death",)))
        known = _vocabulary_names()
        shown = {_norm(t.name) for t in work.tags_of("additional")}
        for a in m.additional_tags:
            if _norm(a) in known and _norm(a) not in shown:
                unsupported.append({"type": "additional", "name": a, "reason": "too few cues in the text"})
    # warnings first, and of them an untagged Major Character Death first
    missing.sort(key=lambda x: (not x["important"], x["name"] != "Major Character Death", -x["confidence"]))
    return out


def _item(t, important: bool = False) -> dict:
    return {"type": t.type, "name": t.name, "confidence": t.confidence, "important": important,
            "evidence": [e.text for e in t.evidence[:2]]}


def _vocabulary_names() -> set[str]:
    from ficlens.stages.tag_vocab import current_vocabulary

    try:
        return {_norm(t.name) for t in current_vocabulary() if t.type == "additional"}
    except Exception:  # noqa: BLE001
        return set()
