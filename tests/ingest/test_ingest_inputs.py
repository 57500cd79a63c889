"""expand_inputs over a mixed folder, globs and manifests; then every file is read or reported."""

from __future__ import annotations

import shutil

from ficlens.errors import IngestError
from ficlens.ingest import expand_inputs, load_work


def _mixed_folder(tmp_path, formats_dir):
    root = tmp_path / "library"
    (root / "ao3").mkdir(parents=True)
    (root / "ffn" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(formats_dir / "ao3.html", root / "ao3" / "work.html")
    shutil.copy(formats_dir / "ao3_calibre.epub", root / "ao3" / "work.epub")
    shutil.copy(formats_dir / "fff.txt", root / "ffn" / "story.txt")
    shutil.copy(formats_dir / "ffn_page.html", root / "ffn" / "deeper" / "page.HTM")
    (root / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a story")
    (root / "notes.md").write_text("# not a supported suffix")
    (root / ".hidden" / "secret.txt").write_text("hidden files are skipped")
    (root / "broken.epub").write_bytes(b"PK\x03\x04 broken")
    (root / "empty.txt").write_bytes(b"")
    return root


def test_expand_mixed_folder(tmp_path, formats_dir):
    root = _mixed_folder(tmp_path, formats_dir)
    paths, problems = expand_inputs([str(root)])
    rel = [p.relative_to(root).as_posix() for p in paths]
    assert rel == ["ao3/work.epub", "ao3/work.html", "broken.epub", "empty.txt", "ffn/deeper/page.HTM", "ffn/story.txt"]
    assert problems == []
    works, errors = {}, {}
    for p in paths:
        try:
            works[p.relative_to(root).as_posix()] = load_work(p)
        except IngestError as err:
            errors[p.relative_to(root).as_posix()] = str(err)
    assert {k: w.meta.source_format for k, w in works.items()} == {
        "ao3/work.epub": "ao3-epub", "ao3/work.html": "ao3-html", "ffn/deeper/page.HTM": "ffn",
        "ffn/story.txt": "fanficfare-txt"}
    assert sorted(errors) == ["broken.epub", "empty.txt"]
    assert all("\n" not in e and str(root) in e for e in errors.values())
    # the same story, whatever the format
    assert works["ao3/work.epub"].text == works["ao3/work.html"].text == works["ffn/story.txt"].text


def test_globs_manifests_and_missing(tmp_path, formats_dir):
    root = _mixed_folder(tmp_path, formats_dir)
    manifest = tmp_path / "batch.list"
    manifest.write_text("# works to read\nlibrary/ao3/work.html\n\nlibrary/missing.txt\n" + str(root / "ffn" / "story.txt") + "\n")
    paths, problems = expand_inputs([str(root / "ao3" / "*.html"), str(manifest), str(tmp_path / "nope.txt"),
                                     str(root / "*.nothing"), str(root / "ao3" / "work.html")])
    assert [p.name for p in paths] == ["work.html", "story.txt"]  # de-duplicated, in order
    assert any("missing.txt" in p and "batch.list" in p for p in problems)
    assert any("nope.txt" in p for p in problems) and any("no file matches" in p for p in problems)


def test_empty_folder_is_a_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    paths, problems = expand_inputs([str(tmp_path / "empty")])
    assert paths == [] and len(problems) == 1 and "no supported file" in problems[0]
