"""Every encoding is detected and decoded to the same text; nothing crashes."""

from __future__ import annotations

import codecs

import pytest

from ficlens.ingest import load_work
from ficlens.ingest.encoding import decode_bytes

STORY = ("Chapter 1: Caf\u00e9\n\n"
         "\u201cNaïve,\u201d said Zo\u00eb \u2014 and the r\u00e9sum\u00e9 fell to the floor.\n\n"
         "He didn\u2019t answer; the cr\u00e8me br\u00fbl\u00e9e was getting cold.\n")
LATIN = ("Chapter 1: Caf\u00e9\n\n"
         "\u00abNa\u00efve\u00bb, said Zo\u00eb, and the r\u00e9sum\u00e9 fell to the floor.\n\n"
         "He did not answer; the cr\u00e8me br\u00fbl\u00e9e was getting cold. \u00a1Ol\u00e9!\n")

CASES = [
    ("utf-8", STORY, STORY.encode("utf-8")),
    ("utf-8-sig", STORY, codecs.BOM_UTF8 + STORY.encode("utf-8")),
    ("utf-16-le", STORY, codecs.BOM_UTF16_LE + STORY.encode("utf-16-le")),
    ("utf-16-be", STORY, codecs.BOM_UTF16_BE + STORY.encode("utf-16-be")),
    ("utf-16-le", STORY, STORY.encode("utf-16-le")),  # no BOM
    ("utf-16-be", STORY, STORY.encode("utf-16-be")),  # no BOM
    ("cp1252", STORY, STORY.encode("cp1252")),  # smart quotes are 0x93/0x94
    ("latin-1", LATIN, LATIN.encode("latin-1")),
]


@pytest.mark.parametrize("encoding,text,data", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_text_encodings(tmp_path, encoding, text, data):
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    work = load_work(path)
    assert work.meta.encoding == encoding
    body = text.split("\n\n", 1)[1].strip()
    assert work.text == body
    assert work.chapters[0].title == "Chapter 1: Caf\u00e9"


def test_cp1252_smart_quotes_bytes(tmp_path):
    path = tmp_path / "q.txt"
    path.write_bytes(b"\x93Hello,\x94 she said. It\x92s late \x96 very late.\n")
    work = load_work(path)
    assert work.meta.encoding == "cp1252"
    assert work.text == "\u201cHello,\u201d she said. It\u2019s late \u2013 very late."


@pytest.mark.parametrize("declared,codec,expected", [
    ("windows-1252", "cp1252", "cp1252"),
    ("iso-8859-1", "cp1252", "latin-1"),  # browsers read ISO-8859-1 labels as windows-1252
    ("utf-8", "utf-8", "utf-8"),
])
def test_html_meta_charset_is_respected(tmp_path, declared, codec, expected):
    html = (f'<html><head><meta charset="{declared}"><title>T</title></head><body>'
            "<p>\u201cCaf\u00e9?\u201d he asked.</p><p>Zo\u00eb nodded.</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(html.encode(codec))
    work = load_work(path)
    assert work.text == "\u201cCaf\u00e9?\u201d he asked.\n\nZo\u00eb nodded."
    assert work.meta.encoding == expected


def test_http_equiv_charset(tmp_path):
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15"></head>'
            "<body><p>Price: 5 \u20ac, said Ren\u00e9e.</p></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("iso8859-15"))
    work = load_work(path)
    assert work.text == "Price: 5 \u20ac, said Ren\u00e9e."


def test_wrong_declaration_falls_back_to_detection(tmp_path):
    html = '<html><head><meta charset="utf-8"></head><body><p>\u201cCaf\u00e9,\u201d she said.</p></body></html>'
    path = tmp_path / "liar.html"
    path.write_bytes(html.encode("cp1252"))
    work = load_work(path)
    assert work.text == "\u201cCaf\u00e9,\u201d she said."


def test_invalid_bytes_never_crash(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Caf\u00e9 au lait, said Zo\u00eb, naïve as ever.\n\n".encode("utf-8") + b"A stray \x81 byte and \xff here.\n")
    work = load_work(path)
    assert work.meta.encoding == "utf-8"  # mostly UTF-8: damaged bytes become U+FFFD, the rest is not mojibake
    assert work.text == "Caf\u00e9 au lait, said Zo\u00eb, naïve as ever.\n\nA stray \ufffd byte and \ufffd here."
    other = tmp_path / "latin.txt"
    other.write_bytes(b"Caf\xe9 au lait, she said. \xa9 marks nothing here.\n\nThe end of the \x81 story.\n")
    work = load_work(other)
    assert work.meta.encoding == "latin-1" and work.text.startswith("Caf\u00e9 au lait")


def test_cyrillic_cp1251(tmp_path):
    text = ("\u0413\u043b\u0430\u0432\u0430 \u043f\u0435\u0440\u0432\u0430\u044f. \u041a\u0430\u043a\u0430\u0448\u0438 "
            "\u0441\u043c\u043e\u0442\u0440\u0435\u043b \u043d\u0430 \u0441\u043d\u0435\u0433, \u0430 \u0421\u0430\u043a\u0443\u0440\u0430 "
            "\u0447\u0438\u0442\u0430\u043b\u0430 \u0441\u0432\u0438\u0442\u043e\u043a \u0438 \u043c\u043e\u043b\u0447\u0430\u043b\u0430. ") * 8
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    work = load_work(path)
    assert work.text == text.strip()


def test_decode_bytes_reports_names():
    assert decode_bytes(b"plain ascii") == ("plain ascii", "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + b"x") == ("x", "utf-8-sig")
    assert decode_bytes("é".encode("latin-1")) == ("é", "latin-1")
