"""Story HTML without a known archive layout (saved pages, FanFiction.net pages, generic EPUB chapters).

Blocks become paragraph items; ``<hr>`` and break markers become scene
breaks; headings become chapter titles (never text); the header zone and the
paratext rules are those of plain text, so "A/N:" paragraphs, disclaimers and
``Label: value`` headers are handled the same way in every format.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ficlens.document import Work, WorkMeta
from ficlens.ingest import meta as labels
from ficlens.ingest.build import RawChapter, build_work
from ficlens.ingest.epub import EpubBook
from ficlens.ingest.htmltext import Block, body_of, find, find_all, html_blocks, parse_html, text_of
from ficlens.ingest.paratext import ChapterDraft, Item, chapter_heading, classify_chapter, mark_breaks
from ficlens.ingest.plaintext import parse_header


def drafts_from_blocks(blocks: list[Block], title: str = "") -> list[ChapterDraft]:
    """Chapters split at headings (or heading-like paragraphs); the first draft holds what precedes them."""
    drafts = [ChapterDraft()]
    pending = False
    for b in blocks:
        if b.kind == "h" and not b.note:
            if b.text.strip() == title.strip() and not drafts[-1].items and len(drafts) == 1:
                continue
            drafts.append(ChapterDraft(title=b.text))
            continue
        if b.kind == "hr":
            pending = True
            continue
        if b.kind == "mark" or not b.text:
            continue
        heading = chapter_heading(b.text) if not b.note and b.quote == 0 else None
        if heading:
            drafts.append(ChapterDraft(title=heading))
            continue
        drafts[-1].items.append(Item(b.text, 1, brk=pending, note=b.note))
        pending = False
    return drafts


def classify_drafts(drafts: list[ChapterDraft]) -> list[RawChapter]:
    drafts = [d for d in drafts if d.items or d.notes] or drafts[:1]
    for d in drafts:
        d.items = mark_breaks(d.items, None)
    return [classify_chapter(d, last_in_work=(k == len(drafts) - 1)) for k, d in enumerate(drafts)]


def parse_generic_html(root: etree._Element, path: Path, meta: WorkMeta | None = None) -> Work:
    """Any story HTML: headings split chapters, a header zone fills the metadata."""
    meta = meta or WorkMeta(source_format="html")
    title_el = find(root, "title")
    blocks = html_blocks(body_of(root))
    story = find(root, "div", id="storytext")
    if story is not None:  # a saved FanFiction.net chapter page
        return parse_ffn_page(root, story, path, meta)
    first_h = next((b for b in blocks if b.kind == "h"), None)
    if first_h is not None and first_h.level == 1 and sum(1 for b in blocks if b.kind == "h" and b.level == 1) == 1:
        meta.title = meta.title or first_h.text
        blocks = [b for b in blocks if b is not first_h]
    drafts = drafts_from_blocks(blocks, meta.title)
    start, notes = parse_header(drafts[0].items, meta)
    drafts[0].items = drafts[0].items[start:]
    if not meta.title:
        meta.title = text_of(title_el) or path.stem
    return build_work(meta, classify_drafts(drafts), notes)


def parse_ffn_page(root: etree._Element, story: etree._Element, path: Path, meta: WorkMeta) -> Work:
    """A FanFiction.net page saved from a browser: profile header, ``div#storytext``."""
    meta.source_format = "ffn"
    profile = find(root, "div", id="profile_top")
    scope = profile if profile is not None else body_of(root)
    header_text = text_of(scope)
    m = labels.find_ffn_header(header_text)
    if m:
        crumbs = find(root, "div", id="pre_story_links")
        labels.apply_ffn_header(meta, m.group(0), text_of(crumbs))
    if profile is not None:
        bold = find(profile, "b")
        meta.title = text_of(bold)
        for a in find_all(profile, "a"):
            if (a.get("href") or "").startswith("/u/"):
                labels.apply_label(meta, "author", text_of(a))
                break
        summary = find(profile, "div", cls="xcontrast_txt")
        if summary is not None:
            meta.summary = text_of(summary)
    canonical = next((el.get("href") for el in find_all(root, "link") if el.get("rel") == "canonical"), "")
    if canonical:
        labels.apply_label(meta, "story url", canonical)
    chapter_title = ""
    select = find(root, "select", id="chap_select")
    if select is not None:
        chosen = next((o for o in find_all(select, "option") if o.get("selected") is not None), None)
        chapter_title = re.sub(r"^\d+\.\s*", "", text_of(chosen))
    drafts = drafts_from_blocks(html_blocks(story))
    if drafts and not drafts[0].title:
        drafts[0].title = chapter_title
    if not meta.title:
        meta.title = path.stem
    return build_work(meta, classify_drafts(drafts))


def parse_generic_epub(book: EpubBook) -> Work:
    """An EPUB of unknown origin: OPF metadata; each spine document's headings split chapters."""
    meta = WorkMeta(source_format="epub", title=book.first("title"))
    for creator in book.metadata.get("creator", []):
        labels.apply_label(meta, "author", creator)
    meta.language = book.first("language")
    meta.summary = book.first("description")
    if book.first("source"):
        labels.apply_label(meta, "story url", book.first("source"))
    drafts: list[ChapterDraft] = []
    for name, text in book.documents:
        base = name.rsplit("/", 1)[-1].lower()
        if base.startswith(("nav", "toc", "cover", "titlepage", "title_page")):
            continue
        doc = drafts_from_blocks(html_blocks(body_of(parse_html(text))), meta.title)
        if doc and not doc[0].title and not doc[0].items:
            doc = doc[1:]
        drafts.extend(doc)
    if not meta.title:
        meta.title = book.path.stem
    return build_work(meta, classify_drafts(drafts))
