"""Bad input: a one-line IngestError naming the file, other inputs still processed, nothing written."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from ficlens.errors import IngestError
from ficlens.ingest import detect, epub, load_work


def _error(path) -> str:
    with pytest.raises(IngestError) as info:
        load_work(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message


def test_missing_and_folder(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt")
    assert "not a file" in _error(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty file" in _error(path)


def test_whitespace_only_has_no_story(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n\n   \r\n\t\n")
    assert "no story text" in _error(path)


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (bytes(range(256)) * 16, "binary"),
    (b"\x00\x01\x02\x03" * 1000, "binary"),
], ids=["png", "pdf", "all-bytes", "nul-bytes"])
def test_binary_files(tmp_path, data, kind):
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    assert kind in _error(path)


def test_only_notes_no_story(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Chapter 5\n\nA/N: Sorry everyone, this story is on hiatus.\n\n"
                    "Disclaimer: I don't own Naruto.\n\nPlease review!\n", encoding="utf-8")
    assert "no story text" in _error(path)


def test_html_without_story(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title><script>var a = 'lots of text here';</script></head><body></body></html>")
    assert "no story text" in _error(path)


def test_truncated_epub(tmp_path, formats_dir):
    data = (formats_dir / "fff.epub").read_bytes()
    path = tmp_path / "cut.epub"
    path.write_bytes(data[: len(data) // 2])
    assert "zip" in _error(path).lower()


def test_bad_zip(tmp_path):
    path = tmp_path / "bad.epub"
    path.write_bytes(b"PK\x03\x04" + b"this is not really a zip archive" * 10)
    _error(path)


def test_epub_without_content(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("images/cover.jpg", b"\xff\xd8\xff" + b"0" * 100)
    path = tmp_path / "nothing.epub"
    path.write_bytes(buf.getvalue())
    assert "no package document" in _error(path)


def test_zip_bomb_ratio(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("OEBPS/bomb.xhtml", b"\0" * (20 * 1024 * 1024))
    path = tmp_path / "bomb.epub"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 100_000
    assert "zip bomb" in _error(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.epub"]  # nothing extracted


def test_zip_bomb_member_count(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(epub.MAX_MEMBERS + 1):
            z.writestr(f"f{i}.xhtml", b"")
    path = tmp_path / "many.epub"
    path.write_bytes(buf.getvalue())
    assert "entries" in _error(path)


def test_zip_bomb_lying_sizes(tmp_path, monkeypatch):
    """Declared sizes can lie: the cap is enforced while decompressing."""
    monkeypatch.setattr(epub, "MAX_MEMBER_BYTES", 64 * 1024)
    body = "<p>" + "All work and no play. " * 20000 + "</p>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("OEBPS/a.xhtml", f"<html><body>{body}</body></html>")
    path = tmp_path / "big.epub"
    path.write_bytes(buf.getvalue())
    assert "size limit" in _error(path)


def test_file_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no disk used
        fh.truncate(detect.MAX_FILE_BYTES + 1)
    assert "too large" in _error(path)


def test_other_files_still_processed(tmp_path, formats_dir):
    good = tmp_path / "good.txt"
    good.write_text("Once upon a time there was a story.\n\nIt ended well.\n")
    bad = tmp_path / "bad.epub"
    bad.write_bytes(b"PK\x03\x04junk")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    works, errors = [], []
    for path in (bad, good, empty, formats_dir / "ao3.html"):
        try:
            works.append(load_work(path))
        except IngestError as err:
            errors.append(str(err))
    assert [w.meta.source_format for w in works] == ["plaintext", "ao3-html"]
    assert len(errors) == 2 and str(bad) in errors[0] and str(empty) in errors[1]
    assert bad.read_bytes() == b"PK\x03\x04junk"  # inputs are never modified


def test_hostile_html(tmp_path):
    page = """<html><head><script>alert('head')</script></head>
<body onload="steal()"><h1>Title</h1>
<p onclick="evil()">She opened the <a href="javascript:alert(1)">door</a> slowly.</p>
<script type="text/javascript">document.write('<p>INJECTED PARAGRAPH</p>')</script>
<iframe src="javascript:alert(2)">IFRAME TEXT</iframe><object>OBJECT</object><embed src="x">
<style>p { display: none }</style><svg><text>SVG TEXT</text></svg>
<p>He followed <img src=x onerror="alert(3)"> her inside.</p></body></html>"""
    path = tmp_path / "hostile.html"
    path.write_text(page)
    work = load_work(path)
    assert work.text == "She opened the door slowly.\n\nHe followed her inside."
    assert work.meta.title == "Title"


def test_sanitize_removes_active_content():
    from lxml import etree

    from ficlens.ingest.htmltext import parse_html
    root = parse_html('<body onload="x()"><a href=" JaVaScRiPt:alert(1)" onmouseover="y()">a</a>'
                      '<script>s</script><iframe></iframe><p style="x" onclick="z">t</p></body>')
    html = etree.tostring(root, encoding="unicode").lower()
    for bad in ("onload", "onmouseover", "onclick", "javascript", "<script", "<iframe", "style="):
        assert bad not in html


@pytest.mark.slow
def test_fifty_megabyte_text(tmp_path, seed_paths):
    """A 50 MB scraped text loads (linear-time steps; see benchmarks/ingest_scaling.py for the ratio)."""
    body = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in seed_paths)
    path = tmp_path / "big.txt"
    chapters = 0
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            chapters += 1
            fh.write(f"Chapter {chapters}\n\n{body}\n\n")
    assert os.path.getsize(path) >= 50 * 1024 * 1024
    one = tmp_path / "one.txt"
    one.write_text(f"Chapter 1\n\n{body}\n\n", encoding="utf-8")
    small = load_work(one)  # seed 001 brings its own "Chapter 1" heading: two chapters per repetition
    work = load_work(path)
    assert len(work.chapters) == chapters * len(small.chapters)
    assert [c.title for c in work.chapters[-2:]] == [f"Chapter {chapters}", "Chapter 1"]
    assert len(work.paragraphs) == chapters * len(small.paragraphs)
    assert len(work.text) > 45_000_000


def test_ingest_error_survives_pickling():
    """Worker processes (batch, library import) send errors back pickled."""
    import pickle
    err = pickle.loads(pickle.dumps(IngestError("/x/story.txt", "empty\nfile")))
    assert isinstance(err, IngestError) and str(err) == "/x/story.txt: empty file" and err.path == "/x/story.txt"
