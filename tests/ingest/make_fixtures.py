"""Write small but faithful fixtures of every supported format to tests/data/formats/.

Run ``python tests/ingest/make_fixtures.py`` to regenerate. The layouts follow
../shared/docs/formats.md (FanFicFare writers, AO3 downloads/pages, Calibre
EPUBs, FanFiction.net headers). All fixtures tell the same two-chapter story
(:data:`CHAPTERS`), so tests can assert the exact text every reader must give.
"""

from __future__ import annotations

import html
import io
import textwrap
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "formats"

TITLE = "The Long Way Home"
AUTHOR = "inkfox"
SUMMARY = "Two ninja, one long winter, and a walk home."
AO3_URL = "https://archiveofourown.org/works/22334455"
FFN_URL = "https://www.fanfiction.net/s/8067258/1/The-Long-Way-Home"
# (title, paragraphs, index of the paragraph preceded by a scene break or None, chapter note, chapter end note)
CHAPTERS = [
    ("Snowfall", [
        "Snow had been falling on the Leaf village since dawn, and Kakashi watched it from the roof of the Hokage tower.",
        "\u201cYou're late,\u201d Sakura said, not looking up from her scroll.",
        "He shrugged. \u201cI got lost on the road of life.\u201d",
        "Later, when the lamps were lit, they walked home *together* through the quiet streets, past shuttered shops and the old academy swings.",
    ], 3, "Thanks to my beta, Rin, for reading this first.", ""),
    ("Thaw", [
        "By morning the snow had turned to slush, and Naruto was already banging on the door.",
        "\u201cBreakfast!\u201d he shouted. \u201cIchiraku opens in ten minutes!\u201d",
        "Sakura laughed, and for once Kakashi did not pretend to be asleep.",
    ], None, "", "Thank you for reading!"),
]
META = {
    "rating": "Teen And Up Audiences",
    "warnings": ["No Archive Warnings Apply"],
    "categories": ["F/M"],
    "fandoms": ["Naruto"],
    "relationships": ["Haruno Sakura/Hatake Kakashi"],
    "characters": ["Hatake Kakashi", "Haruno Sakura", "Uzumaki Naruto"],
    "additional_tags": ["Fluff", "Snow", "Hurt/Comfort"],
    "language": "English",
    "series": "Seasons",
    "published": "2020-01-05",
    "updated": "2020-02-10",
    "words": "1,234",
    "chapters": "2/2",
}


def plain(par: str) -> str:
    """A paragraph as readers must return it (emphasis markers dropped)."""
    return par.replace("*", "")


def expected_text() -> str:
    return "\n\n".join(plain(p) for _, pars, _, _, _ in CHAPTERS for p in pars)


def _html_par(par: str) -> str:
    parts = html.escape(par, quote=False).split("*")
    return "".join(f"<em>{x}</em>" if i % 2 else x for i, x in enumerate(parts))


# FanFicFare ------------------------------------------------------------------

def fff_txt() -> bytes:
    def wrap(s: str) -> list[str]:
        return textwrap.wrap(s, 78) or [""]
    lines = ["", "", "", TITLE, "", f"by {AUTHOR}", "", ""]
    fields = [("Category", "Naruto"), ("Genre", "Romance, Hurt/Comfort"), ("Language", "English"),
              ("Characters", "Kakashi H., Sakura H., Naruto U."), ("Relationships", "Kakashi H./Sakura H."),
              ("Status", "Completed"), ("Published", "2020-01-05"), ("Updated", "2020-02-10"),
              ("Packaged", "2024-03-01 10:00:00"), ("Rating", "T"), ("Chapters", "2"), ("Words", "1,234"),
              ("Publisher", "www.fanfiction.net"), ("Story URL", FFN_URL),
              ("Author URL", "https://www.fanfiction.net/u/123/inkfox"),
              ("Summary", SUMMARY + " It was supposed to be a simple escort mission, but nothing with Team Seven is ever simple, least of all the weather.")]
    for label, value in fields:
        lines += wrap(f"{label}: {value}")
    lines += ["", "", "", "TABLE OF CONTENTS", ""]
    for title, *_ in CHAPTERS:
        lines += [title, ""]
    for ci, (title, pars, brk, note, end) in enumerate(CHAPTERS):
        lines += ["", "", f"\t{title}", ""]
        if note:
            lines += wrap(f"A/N: {note}") + [""]
        for pi, par in enumerate(pars):
            if pi == brk:
                lines += ["* * *", ""]
            lines += wrap(par.replace("*", "_")) + [""]
        if end:
            lines += wrap(f"A/N: {end}") + [""]
    lines += ["", "End file."]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def fff_html() -> bytes:
    rows = [("Category", "Naruto"), ("Genre", "Romance, Hurt/Comfort"), ("Language", "English"),
            ("Characters", "Kakashi H., Sakura H., Naruto U."), ("Relationships", "Kakashi H./Sakura H."),
            ("Status", "Completed"), ("Published", "2020-01-05"), ("Updated", "2020-02-10"), ("Rating", "T"),
            ("Chapters", "2"), ("Words", "1,234"), ("Publisher", "www.fanfiction.net"), ("Story URL", FFN_URL)]
    out = ["<html>", "<head>", '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>',
           f"<title>{TITLE} by {AUTHOR}</title>", '<style type="text/css">body { margin: 2%; }</style>', "</head>",
           "<body>", f'<h1><a href="{FFN_URL}">{TITLE}</a> by <a class="authorlink" href="https://www.fanfiction.net/u/123/inkfox">{AUTHOR}</a></h1>',
           '<div>', '<table class="full">']
    for label, value in rows:
        out.append(f"<tr><td><b>{label}:</b></td><td>{html.escape(value)}</td></tr>")
    out.append(f'<tr><td colspan="2"><b>Summary:</b> {html.escape(SUMMARY)}</td></tr>')
    out += ["</table>", "</div>", '<a name="TOCTOP"><h2>Table of Contents</h2></a>']
    for ci, (title, *_rest) in enumerate(CHAPTERS, 1):
        out.append(f'<p><a href="#section{ci:04d}">{title}</a></p>')
    for ci, (title, pars, brk, note, end) in enumerate(CHAPTERS, 1):
        out.append(f'<a name="section{ci:04d}"><h2>{title}</h2></a>')
        if note:
            out.append(f'<div class="fff_chapter_notes"><b>Author\'s Note:</b> {html.escape(note)}</div>')
        out.append("<div>")
        for pi, par in enumerate(pars):
            if pi == brk:
                out.append("<hr/>")
            out.append(f"<p>{_html_par(par)}</p>")
        if end:
            out.append(f"<p>A/N: {html.escape(end)}</p>")
        out.append("</div>")
    out += ["</body>", "</html>"]
    return "\n".join(out).encode("utf-8")


def _epub(files: dict[str, str], opf_meta: str, spine: list[str], opf_dir: str = "OEBPS") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        def put(name: str, data: str, deflate: bool = True) -> None:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            z.writestr(info, data)
        put("mimetype", "application/epub+zip", deflate=False)
        put("META-INF/container.xml",
                   '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                   f'<rootfiles><rootfile full-path="{(opf_dir + "/content.opf").lstrip("/")}" media-type="application/oebps-package+xml"/></rootfiles></container>')
        manifest = "".join(f'<item id="i{k}" href="{name}" media-type="application/xhtml+xml"/>' for k, name in enumerate(files))
        itemrefs = "".join(f'<itemref idref="i{list(files).index(name)}"/>' for name in spine)
        put(f"{opf_dir}/content.opf".lstrip("/"),
                   '<?xml version="1.0" encoding="utf-8"?>'
                   '<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uid">'
                   '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">'
                   f"{opf_meta}</metadata><manifest>{manifest}"
                   '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>'
                   f'<spine toc="ncx">{itemrefs}</spine></package>')
        for name, content in files.items():
            put(f"{opf_dir}/{name}".lstrip("/"), content)
    return buf.getvalue()


def _xhtml(title: str, body: str, head_extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
            '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{html.escape(title)}</title>{head_extra}</head>'
            f"<body>{body}</body></html>")


def fff_epub() -> bytes:
    title_page = (f'<h3><a href="{FFN_URL}">{TITLE}</a> by <a class="authorlink" href="https://www.fanfiction.net/u/123/inkfox">{AUTHOR}</a></h3>'
                  "<div>"
                  "<b>Category:</b> Naruto<br />\n<b>Genre:</b> Romance, Hurt/Comfort<br />\n<b>Language:</b> English<br />\n"
                  "<b>Characters:</b> Kakashi H., Sakura H., Naruto U.<br />\n<b>Relationships:</b> Kakashi H./Sakura H.<br />\n"
                  "<b>Status:</b> Completed<br />\n<b>Published:</b> 2020-01-05<br />\n<b>Updated:</b> 2020-02-10<br />\n"
                  "<b>Rating:</b> T<br />\n<b>Chapters:</b> 2<br />\n<b>Words:</b> 1,234<br />\n"
                  f"<b>Summary:</b> {html.escape(SUMMARY)}<br />\n</div>")
    files = {"title_page.xhtml": _xhtml(TITLE, title_page),
             "toc_page.xhtml": _xhtml("Table of Contents", "<h3>Table of Contents</h3>" + "".join(
                 f'<a href="file{k:04d}.xhtml">{t}</a><br />' for k, (t, *_r) in enumerate(CHAPTERS, 1)))}
    for ci, (title, pars, brk, note, end) in enumerate(CHAPTERS, 1):
        body = f'<h3 class="fff_chapter_title">{title}</h3>'
        if note:
            body += f'<div class="fff_chapter_notes"><b>Author\'s Note:</b><br />{html.escape(note)}</div>'
        body += "<div>" + "".join(("<hr />" if pi == brk else "") + f"<p>{_html_par(p)}</p>" for pi, p in enumerate(pars))
        if end:
            body += f"<p>A/N: {html.escape(end)}</p>"
        body += "</div>"
        files[f"file{ci:04d}.xhtml"] = _xhtml(title, body)
    opf = (f"<dc:title>{TITLE}</dc:title><dc:creator opf:role=\"aut\">{AUTHOR}</dc:creator>"
           '<dc:identifier id="uid">fanficfare-uid:www.fanfiction.net-u123-s8067258</dc:identifier>'
           f"<dc:source>{FFN_URL}</dc:source><dc:language>en</dc:language><dc:publisher>FanFicFare</dc:publisher>"
           f"<dc:description>{html.escape(SUMMARY)}</dc:description><dc:subject>Romance</dc:subject>")
    return _epub(files, opf, list(files))


# AO3 -------------------------------------------------------------------------

def _ao3_dl(cls: bool = True) -> str:
    c = (lambda name: f' class="{name}"') if cls else (lambda name: "")
    rows = [("Rating", [META["rating"]]), ("Archive Warning", META["warnings"]), ("Category", META["categories"]),
            ("Fandom", META["fandoms"]), ("Relationship", META["relationships"]), ("Characters", META["characters"]),
            ("Additional Tags", META["additional_tags"])]
    out = [f"<dl{c('tags')}>"]
    for label, values in rows:
        links = ", ".join(f'<a href="https://archiveofourown.org/tags/{html.escape(v)}">{html.escape(v)}</a>' for v in values)
        out.append(f"<dt>{label}:</dt>\n<dd>{links}</dd>")
    out.append(f"<dt>Language:</dt>\n<dd>{META['language']}</dd>")
    out.append(f'<dt>Series:</dt>\n<dd>Part 2 of <a href="https://archiveofourown.org/series/99">{META["series"]}</a></dd>')
    out.append(f"<dt>Stats:</dt>\n<dd>Published: {META['published']}<br/>Completed: {META['updated']}<br/>"
               f"Words: {META['words']}<br/>Chapters: {META['chapters']}</dd>")
    out.append("</dl>")
    return "\n".join(out)


def ao3_body(cls: bool = True, split_marker: str = "") -> str:
    """The AO3 download body; ``split_marker`` is inserted where Calibre splits files."""
    c = (lambda name: f' class="{name}"') if cls else (lambda name: "")
    out = [f'<div id="preface">', f'<p{c("message")}><b>{TITLE}</b><br/>Posted originally on the '
           f'<a href="https://archiveofourown.org/">Archive of Our Own</a> at <a href="{AO3_URL}">{AO3_URL}</a>.</p>',
           f'<div{c("meta")}>', _ao3_dl(cls), f"<h1>{TITLE}</h1>",
           f'<div{c("byline")}>by <a rel="author" href="https://archiveofourown.org/users/{AUTHOR}">{AUTHOR}</a></div>',
           "<p>Summary</p>", f'<blockquote{c("userstuff")}><p>{html.escape(SUMMARY)}</p></blockquote>',
           "<p>Notes</p>", f'<blockquote{c("userstuff")}><p>Written for the winter exchange.</p></blockquote>',
           "<p>(See the end of the work for more notes.)</p>",
           "</div>", "</div>", f'<div id="chapters"{c("userstuff")}>']
    for ci, (title, pars, brk, note, end) in enumerate(CHAPTERS, 1):
        out.append(split_marker)
        out.append(f'<div{c("meta group")}><h2{c("heading")}>Chapter {ci}: {title}</h2>')
        if note:
            out += ["<p>Chapter Notes</p>", f'<blockquote{c("userstuff")}><p>{html.escape(note)}</p></blockquote>']
        if end:
            out.append("<p>(See the end of the chapter for more notes.)</p>")
        out.append("</div>")
        out.append(f'<div{c("userstuff")}>' + "".join(("<hr/>" if pi == brk else "") + f"<p>{_html_par(p)}</p>"
                                                      for pi, p in enumerate(pars)) + "</div>")
        if end:
            out.append(f'<div id="endnotes{ci}"><p>Chapter End Notes</p><blockquote{c("userstuff")}><p>{html.escape(end)}</p></blockquote></div>')
    out.append("</div>")
    out.append(split_marker)
    out += ['<div id="afterword">', '<div id="endnotes"><p>End Notes</p>',
            f'<blockquote{c("userstuff")}><p>Come say hi on my blog.</p></blockquote></div>',
            '<div id="children"><p>Works inspired by this one:</p><ul><li><a href="https://archiveofourown.org/works/1">Spring</a> by other</li></ul></div>',
            f'<p{c("message")}>Please <a href="{AO3_URL}#comments">drop by the Archive and comment</a> to let the creator know if you enjoyed their work!</p>',
            "</div>"]
    return "\n".join(out)


def ao3_html() -> bytes:
    return ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="UTF-8">\n'
            f"<title>{TITLE} - {AUTHOR} - Naruto</title>\n"
            '<link rel="stylesheet" type="text/css" href="https://archiveofourown.org/stylesheets/ebooks.css">\n'
            "</head>\n<body>\n" + ao3_body() + "\n</body>\n</html>\n").encode("utf-8")


def _ao3_opf() -> str:
    subjects = "".join(f"<dc:subject>{html.escape(s)}</dc:subject>" for s in
                       [META["rating"], *META["warnings"], *META["categories"], *META["fandoms"],
                        *META["relationships"], *META["characters"], *META["additional_tags"]])
    return (f"<dc:title>{TITLE}</dc:title><dc:creator opf:role=\"aut\">{AUTHOR}</dc:creator>"
            f'<dc:identifier id="uid">{AO3_URL}</dc:identifier><dc:publisher>Archive of Our Own</dc:publisher>'
            f"<dc:language>en</dc:language><dc:description>{html.escape(SUMMARY)}</dc:description>{subjects}")


def ao3_epub() -> bytes:
    body = ao3_body()
    files = {"preface.xhtml": _xhtml(TITLE, body[:body.index('<div id="chapters"')] + "</div>"),
             "chapters.xhtml": _xhtml(TITLE, body[body.index('<div id="chapters"'):])}
    return _epub(files, _ao3_opf(), list(files))


def ao3_calibre_epub() -> bytes:
    """Calibre's conversion: classes renamed to calibreN, files split, no ids kept."""
    body = ao3_body(cls=False, split_marker="@@SPLIT@@")
    for k, cls in enumerate(["message", "meta", "byline", "userstuff"]):
        body = body.replace(f'<div id="{cls}"', f'<div class="calibre{k}"')
    body = body.replace("<p>", '<p class="calibre3">').replace("<blockquote>", '<blockquote class="calibre5">')
    body = body.replace('<div id="afterword">', '<div class="calibre7">').replace('<div id="endnotes">', "<div>")
    body = body.replace('<div id="preface">', '<div class="calibre1">').replace('<div id="chapters">', '<div class="calibre2">')
    pieces = [p for p in body.split("@@SPLIT@@")]
    files = {f"index_split_{k:03d}.html": _xhtml(TITLE, p, '<link href="stylesheet.css" rel="stylesheet" type="text/css"/>')
             for k, p in enumerate(pieces)}
    files["titlepage.xhtml"] = _xhtml("Cover", '<div><img src="cover.jpeg" alt="cover"/></div>')
    return _epub(files, _ao3_opf(), ["titlepage.xhtml", *[f for f in files if f.startswith("index")]], opf_dir="")


def ao3_page() -> bytes:
    def tags(kind: str, values: list[str]) -> str:
        lis = "".join(f'<li><a class="tag" href="/tags/{html.escape(v)}/works">{html.escape(v)}</a></li>' for v in values)
        return f'<dt class="{kind} tags">{kind.title()}:</dt><dd class="{kind} tags"><ul class="commas">{lis}</ul></dd>'
    chapters = []
    for ci, (title, pars, brk, note, end) in enumerate(CHAPTERS, 1):
        pre = f'<div class="chapter preface group" role="complementary"><h3 class="title"><a href="/works/22334455/chapters/{100 + ci}">Chapter {ci}</a>: {title}</h3>'
        if note:
            pre += f'<div id="notes" class="notes module" role="complementary"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>{html.escape(note)}</p></blockquote></div>'
        pre += "</div>"
        text = ('<div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>'
                + "".join(("<hr/>" if pi == brk else "") + f"<p>{_html_par(p)}</p>" for pi, p in enumerate(pars)) + "</div>")
        post = ""
        if end:
            post = (f'<div class="chapter preface group" role="complementary"><div id="chapter_{ci}_endnotes" class="end notes module">'
                    f'<h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>{html.escape(end)}</p></blockquote></div></div>')
        chapters.append(f'<div class="chapter" id="chapter-{ci}">{pre}{text}{post}</div>')
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/>
<title>{TITLE} - Chapter 1 - {AUTHOR} - Naruto [Archive of Our Own]</title>
<link rel="canonical" href="{AO3_URL}"/>
<script>window.ao3 = {{tracking: true}}; document.write("<p>INJECTED</p>");</script>
<style>#main {{ color: red; }}</style>
</head><body class="logged-out">
<div id="outer" class="wrapper"><ul id="skiplinks"><li><a href="#main">Main Content</a></li></ul>
<header id="header" class="region"><h1 class="heading"><a href="/">Archive of Our Own</a></h1>
<nav><ul class="primary navigation actions"><li><a href="/menu/fandoms">Fandoms</a></li></ul></nav></header>
<div id="inner" class="wrapper"><div id="main" class="works-show region" role="main">
<div class="wrapper"><dl class="work meta group">
{tags("rating", [META["rating"]])}{tags("warning", META["warnings"])}{tags("category", META["categories"])}
{tags("fandom", META["fandoms"])}{tags("relationship", META["relationships"])}{tags("character", META["characters"])}
{tags("freeform", META["additional_tags"])}
<dt class="language">Language:</dt><dd class="language" lang="en">English</dd>
<dt class="series">Series:</dt><dd class="series"><span class="series"><span class="position">Part 2 of <a href="/series/99">{META["series"]}</a></span></span></dd>
<dt class="stats">Stats:</dt><dd class="stats"><dl class="stats">
<dt class="published">Published:</dt><dd class="published">{META["published"]}</dd>
<dt class="status">Completed:</dt><dd class="status">{META["updated"]}</dd>
<dt class="words">Words:</dt><dd class="words">{META["words"]}</dd>
<dt class="chapters">Chapters:</dt><dd class="chapters">{META["chapters"]}</dd>
<dt class="kudos">Kudos:</dt><dd class="kudos">42</dd><dt class="hits">Hits:</dt><dd class="hits">1,001</dd>
</dl></dd></dl></div>
<div id="workskin"><div class="preface group">
<h2 class="title heading">{TITLE}</h2>
<h3 class="byline heading"><a rel="author" href="/users/{AUTHOR}/pseuds/{AUTHOR}">{AUTHOR}</a></h3>
<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>{html.escape(SUMMARY)}</p></blockquote></div>
<div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Written for the winter exchange.</p></blockquote></div>
</div>
<div id="chapters" role="article">{"".join(chapters)}</div>
<div class="afterword preface group"><div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3>
<blockquote class="userstuff"><p>Come say hi on my blog.</p></blockquote></div></div>
</div>
<div id="feedback" class="feedback"><h3 class="landmark heading">Actions</h3>
<form action="/works/22334455/kudos" method="post"><input type="submit" value="Kudos ♥"/></form>
<div id="comments_placeholder"><p onmouseover="steal()">Comment: great fic!</p></div></div>
</div></div></div>
<script src="/javascripts/livevalidation.js"></script><script>$(function() {{ alert("hi"); }});</script>
</body></html>
"""
    return page.encode("utf-8")


# FanFiction.net ----------------------------------------------------------------

FFN_HEADER = ("Rated: Fiction T - English - Romance/Hurt/Comfort - [Kakashi H., Sakura H.] Naruto U. - "
              "Chapters: 2 - Words: 1,234 - Reviews: 5 - Favs: 3 - Follows: 2 - Updated: 2/10/2020 - "
              "Published: 1/5/2020 - Status: Complete - id: 8067258")


def ffn_txt() -> bytes:
    lines = [TITLE, "", f"By: {AUTHOR}", "", SUMMARY, "", FFN_HEADER, ""]
    for ci, (title, pars, brk, note, end) in enumerate(CHAPTERS, 1):
        lines += [f"Chapter {ci}: {title}", ""]
        if note:
            lines += [f"Author's Note: {note}", ""]
        for pi, par in enumerate(pars):
            if pi == brk:
                lines += ["-o-o-o-", ""]
            lines += [plain(par), ""]
        if end:
            lines += [end + " Please review!", ""]
    return "\n".join(lines).encode("utf-8")


def ffn_page() -> bytes:
    title, pars, brk, note, _ = CHAPTERS[0]
    body = "".join(("<hr size=1 noshade>" if pi == brk else "") + f"<p>{_html_par(p)}</p>" for pi, p in enumerate(pars))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE} Chapter 1: {title}, a naruto fanfic | FanFiction</title>
<link rel="canonical" href="{FFN_URL}"></head><body>
<div id="pre_story_links"><span class="lc-left"><a href="/anime/">Anime</a> <span>»</span> <a href="/anime/Naruto/">Naruto</a></span></div>
<div id="profile_top"><b class="xcontrast_txt">{TITLE}</b> <span class="xcontrast_txt">By:</span> <a class="xcontrast_txt" href="/u/123/inkfox">{AUTHOR}</a>
<div class="xcontrast_txt">{html.escape(SUMMARY)}</div>
<span class="xgray xcontrast_txt">Rated: <a class="xcontrast_txt" href="https://www.fictionratings.com/" target="rating">Fiction  T</a> - English - Romance/Hurt/Comfort - [Kakashi H., Sakura H.] Naruto U. - Chapters: 2 - Words: 1,234 - Reviews: <a href="/r/8067258/">5</a> - Favs: 3 - Follows: 2 - Updated: <span data-xutime="1581292800">2/10/2020</span> - Published: <span data-xutime="1578182400">1/5/2020</span> - Status: Complete - id: 8067258 </span></div>
<select id="chap_select" onChange="self.location = '/s/8067258/'+ this.options[this.selectedIndex].value;"><option value="1" selected>1. {title}</option><option value="2">2. Thaw</option></select>
<div role="main" id="storytextp"><div class="storytext xcontrast_txt nocopy" id="storytext"><p>A/N: {html.escape(note)}</p>{body}</div></div>
<script>var storyid = 8067258; alert('x');</script>
</body></html>"""
    return page.encode("utf-8")


# plain text and generic HTML ---------------------------------------------------

PLAIN_NOTES = """Sakura and Kakashi wait out a storm in an abandoned shrine.

Romance / Hurt/Comfort
Age Rating: T

Chapter 1: The Shrine

Disclaimer: I don't own Naruto, Masashi Kishimoto does.

A/N: This is my first fic, so please be nice!

-----

The rain came down in sheets as they reached the shrine steps.

"In here," Kakashi said, shouldering the old door open.

~~~

Inside, the air smelled of cedar and dust. Sakura wrung out her hair and laughed at the puddle forming at her feet.

A/N: Sorry this chapter is short! Please review!

Thanks for reading, see you next time.

Chapter 2

A/N: Hi everyone! This is not an update, just letting you know that the next chapter is coming soon.

Chapter 3 - Morning

The storm had passed by dawn.



They walked back to the village without a word, and neither of them minded.

______

Later, Sakura would remember the shrine every time it rained.

To be continued...
"""


def generic_html() -> bytes:
    """A hand-made story page with hostile content: scripts, handlers, javascript: links, an iframe."""
    page = f"""<html><head><meta charset="utf-8"><title>{TITLE}</title>
<script>document.cookie = "stolen";</script><style>p {{ color: red }}</style></head>
<body onload="evil()">
<h1>{TITLE}</h1>
<p>Summary: {html.escape(SUMMARY)}</p>
<iframe src="https://evil.example/"></iframe><object data="x.swf">OBJECT TEXT</object>
<h2>Chapter 1: {CHAPTERS[0][0]}</h2>
{"".join(f"<p onclick='alert(1)'>{_html_par(p)}</p>" for p in CHAPTERS[0][1][:3])}
<p>* * *</p>
<div>{_html_par(CHAPTERS[0][1][3])}</div>
<h2>Chapter 2: {CHAPTERS[1][0]}</h2>
<div>{"<br/>".join(_html_par(p) for p in CHAPTERS[1][1])}</div>
<p><a href="javascript:alert('pwned')">A/N: Thank you for reading!</a></p>
<script>alert("END SCRIPT");</script><noscript>NOSCRIPT TEXT</noscript>
</body></html>"""
    return page.encode("utf-8")


def ao3_single_html() -> bytes:
    """A one-chapter AO3 download: ``h2.toc-heading`` with the title, then the text; no chapter headings."""
    title, pars, brk, _, _ = CHAPTERS[0]
    body = ao3_body()
    preface = body[:body.index('<div id="chapters"')]
    text = "".join(("<hr/>" if pi == brk else "") + f"<p>{_html_par(p)}</p>" for pi, p in enumerate(pars))
    chapters = (f'<div id="chapters" class="userstuff"><h2 class="toc-heading">{TITLE}</h2>'
                f'<div class="userstuff">{text}</div></div>')
    stats = f"Words: {META['words']}<br/>Chapters: {META['chapters']}"
    preface = preface.replace(stats, "Words: 180<br/>Chapters: 1/1")
    return ('<!DOCTYPE html>\n<html><head><meta charset="UTF-8"><title>' + f"{TITLE} - {AUTHOR} - Naruto</title></head><body>"
            + preface + chapters + "</body></html>").encode("utf-8")


def generic_epub() -> bytes:
    """An EPUB from an unknown tool: OPF metadata, a nav page, one file per chapter with an h1 title."""
    files = {"nav.xhtml": _xhtml("Contents", "<nav><ol><li>Snowfall</li><li>Thaw</li></ol></nav>")}
    for ci, (title, pars, brk, _, _) in enumerate(CHAPTERS, 1):
        files[f"ch{ci}.xhtml"] = _xhtml(title, f"<h1>{title}</h1>" + "".join(
            ("<p>* * *</p>" if pi == brk else "") + f"<p>{_html_par(p)}</p>" for pi, p in enumerate(pars)))
    opf = (f"<dc:title>{TITLE}</dc:title><dc:creator>{AUTHOR}</dc:creator><dc:language>en</dc:language>"
           f'<dc:identifier id="uid">urn:uuid:1234</dc:identifier><dc:description>{html.escape(SUMMARY)}</dc:description>')
    return _epub(files, opf, list(files))


FIXTURES = {
    "fff.txt": fff_txt, "fff.html": fff_html, "fff.epub": fff_epub,
    "ao3.html": ao3_html, "ao3.epub": ao3_epub, "ao3_calibre.epub": ao3_calibre_epub, "ao3_page.html": ao3_page,
    "ao3_single.html": ao3_single_html, "generic.epub": generic_epub,
    "ffn.txt": ffn_txt, "ffn_page.html": ffn_page, "plain_notes.txt": lambda: PLAIN_NOTES.encode("utf-8"),
    "scripts.html": generic_html,
}


def write_all(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in FIXTURES.items():
        path = out / name
        path.write_bytes(make())
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all():
        print(p.relative_to(OUT.parents[2]), p.stat().st_size)
