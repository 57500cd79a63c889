"""HTML -> a flat list of text blocks (paragraphs, headings, rules, dt/dd labels).

Readers of HTML formats (AO3, FanFicFare, FanFiction.net, EPUB chapters) all
go through :func:`parse_html` (which also defuses the document: scripts,
styles, frames, objects, ``on*`` handlers and ``javascript:`` links are
removed) and :func:`html_blocks`, then interpret the blocks. Paragraphs come
from ``p``/``div``/... and from ``<br>``; inline markup such as italics is
kept as plain text; headings become ``h`` blocks, never story text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from lxml import etree, html as lxml_html

DROP_TAGS = {"script", "style", "iframe", "frame", "frameset", "object", "applet", "noscript",
             "template", "svg", "math", "canvas", "audio", "video", "button", "textarea"}
# Void elements: removed, but what a lenient parser nested inside them (unclosed ``<embed>``) is kept.
UNWRAP_TAGS = {"embed", "source", "track", "input", "base", "param", "keygen"}
SILENT_TAGS = {"head", "title", "meta", "link", "select", "option", "datalist", "form", "nav"}  # kept, but never story text
BLOCK_TAGS = {"p", "div", "blockquote", "li", "ul", "ol", "section", "article", "header", "footer", "main",
              "aside", "nav", "center", "pre", "table", "tbody", "thead", "tfoot", "tr", "dl", "dd", "dt",
              "address", "figure", "figcaption", "body", "html", "caption", "details", "summary",
              "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data")


@dataclass(slots=True)
class Block:
    """One block of an HTML document, in reading order."""

    kind: str  # p | h | hr | dt | dd | mark
    text: str = ""
    level: int = 0  # heading level for ``h``
    quote: int = 0  # blockquote depth
    note: str = ""  # note kind of an enclosing element the reader marked as a note
    cls: str = ""  # class attribute of the nearest enclosing block element


def parse_html(text: str) -> etree._Element:
    """Parse (leniently) and defuse an HTML or XHTML document; returns the root element."""
    text = _XML_DECL.sub("", text, count=1)
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, recover=True)
    try:
        root = lxml_html.document_fromstring(text or "<html></html>", parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml_html.document_fromstring("<html><body></body></html>", parser=parser)
    sanitize(root)
    return root


def sanitize(root: etree._Element) -> None:
    """Remove active content in place: dangerous elements, event handlers, script URLs."""
    for el in list(root.iter()):
        tag = _tag(el)
        if tag in DROP_TAGS:
            _remove_keep_tail(el)
            continue
        if tag in UNWRAP_TAGS and el.getparent() is not None:
            el.drop_tag()
            continue
        for attr in list(el.attrib):
            low = attr.lower()
            value = el.attrib[attr]
            if low.startswith("on") or low == "style" or low == "srcdoc":
                del el.attrib[attr]
            elif low in _URL_ATTRS and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                del el.attrib[attr]


def _remove_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _tag(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def find_all(root: etree._Element, tag: str = "*", cls: str | None = None, **attrs: str) -> list[etree._Element]:
    """Elements by tag (namespace-agnostic), class and exact attribute values."""
    out = []
    for el in root.iter():
        t = _tag(el)
        if not t or (tag != "*" and t != tag):
            continue
        if cls and not set(cls.split()) <= classes(el):
            continue
        if any(el.get(k) != v for k, v in attrs.items()):
            continue
        out.append(el)
    return out


def find(root: etree._Element, tag: str = "*", cls: str | None = None, **attrs: str) -> etree._Element | None:
    found = find_all(root, tag, cls, **attrs)
    return found[0] if found else None


def text_of(el: etree._Element | None) -> str:
    """All text of an element, whitespace collapsed; blocks and ``<br>`` become spaces."""
    if el is None:
        return ""
    return " ".join(b.text for b in html_blocks(el) if b.text)


def html_blocks(root: etree._Element,
                note_of: Callable[[etree._Element], str | None] | None = None,
                mark_of: Callable[[etree._Element], str | None] | None = None,
                skip: Callable[[etree._Element], bool] | None = None) -> list[Block]:
    """Flatten ``root`` into blocks in reading order.

    ``note_of(el)`` may name a note kind for an element whose text is paratext;
    ``mark_of(el)`` may emit a ``mark`` block (chapter anchors, section ids);
    ``skip(el)`` drops an element and its content.
    """
    blocks: list[Block] = []
    buf: list[str] = []
    stack: list[tuple[str, str, str]] = []  # (tag, note kind, class)

    def context() -> tuple[str, int, int, str, str]:
        kind, level, quote, note, cls = "p", 0, 0, "", ""
        for tag, n, c in stack:
            if tag in HEADINGS:
                kind, level = "h", HEADINGS[tag]
            elif tag in ("dt", "dd") and kind == "p":
                kind = tag
            elif tag == "blockquote":
                quote += 1
            if n:
                note = n
            if tag in BLOCK_TAGS and c:
                cls = c
        return kind, level, quote, note, cls

    def flush() -> None:
        if not buf:
            return
        text = " ".join("".join(buf).split())
        buf.clear()
        if text:
            kind, level, quote, note, cls = context()
            blocks.append(Block(kind, text, level, quote, note, cls))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if not tag:
                continue
            if el is not root and (tag in SILENT_TAGS or (skip is not None and skip(el))):
                walker.skip_subtree()
                stack.append(("#skip", "", ""))
                continue
            if tag in BLOCK_TAGS:
                flush()
            if tag == "pre":
                _, _, quote, note, cls = context()
                for para in pre_paragraphs("".join(el.itertext())):
                    blocks.append(Block("p", para, 0, quote, note, cls))
                walker.skip_subtree()
                stack.append(("#skip", "", ""))
                continue
            if tag == "hr":
                _, _, quote, note, _ = context()
                blocks.append(Block("hr", quote=quote, note=note))
            mark = mark_of(el) if mark_of is not None else None
            if mark:
                flush()
                blocks.append(Block("mark", mark))
            stack.append((tag, (note_of(el) or "") if note_of is not None else "", el.get("class") or ""))
            if el.text and tag not in ("br", "hr"):
                buf.append(el.text)
        else:
            if tag:
                popped = stack[-1][0] if stack else ""
                if popped != "#skip" and (tag in BLOCK_TAGS or tag in ("td", "th")):
                    if tag in ("td", "th"):
                        buf.append(" ")
                    else:
                        flush()
                if stack:
                    stack.pop()
            if el.tail and el is not root:
                buf.append(el.tail)
    flush()
    return blocks


def pre_paragraphs(text: str) -> list[str]:
    """Paragraphs of preformatted text: blocks between blank lines (lines unwrapped), else single lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t]*\n", text):
        parts = re.split(r"\n[ \t]*\n", text)
    else:
        parts = text.split("\n")
    return [p for p in (" ".join(part.split()) for part in parts) if p]


def body_of(root: etree._Element) -> etree._Element:
    body = find(root, "body")
    return body if body is not None else root
