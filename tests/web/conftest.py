"""A test library built once per session: the seeds through the real pipeline, synthetic works, a hostile work."""

from __future__ import annotations

import random
import socket
import threading
import time
from pathlib import Path

import pytest

from ficlens.document import Character, Evidence, Quotation, Span, Tag
from ficlens.ingest.build import work_from_text
from ficlens.library.importer import import_paths
from ficlens.library.store import Library
from ficlens.library.synthetic import synthetic_work

HOSTILE = """<script>window.__pwned = "script"</script> The page must stay still.

<img src=x onerror="window.__pwned='onerror'"> An image that fails to load.

<a href="javascript:window.__pwned='link'" id="jslink">click me</a> and <svg onload="window.__pwned='svg'"></svg>

<style>body { display: none !important; } .text::after { content: url(http://127.0.0.1:1/x) }</style>
"Look," said Mallory, "<iframe src='javascript:alert(1)'></iframe> nothing here runs."

<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">overlay</div> Ends."""


def _hostile_work():
    w = work_from_text(HOSTILE, title='<img src=x onerror="window.__pwned=\'title\'">Evil title')
    m = w.meta
    m.authors = ["<script>window.__pwned='author'</script>"]
    m.summary = ('<p>Fine <b>bold</b></p><script>window.__pwned="summary"</script>'
                 '<a href="javascript:window.__pwned=\'sumlink\'">x</a><p style="display:none" onclick="x()">y</p>')
    m.additional_tags = ['<script>window.__pwned="tag"</script>', "Hostile"]
    m.source_url = "javascript:window.__pwned='url'"
    look = HOSTILE.index('"Look,"')
    w.characters = [Character(0, "Mallory<img src=x onerror=\"window.__pwned='name'\">", aliases={"Mallory": 1},
                              mentions=1, quotes=1, words_spoken=1)]
    w.quotations = [Quotation(0, look, look + 7, [Span(look + 1, look + 6)], speaker=0, speaker_confidence=0.9)]
    w.tags = [Tag("additional", "<b onmouseover=\"window.__pwned='pred'\">Angst</b>", 0.9,
                  evidence=[Evidence(0, 40, "<script>window.__pwned='evidence'</script>", "<i onclick=x>why</i>")])]
    return w


@pytest.fixture(scope="session")
def web_library(tmp_path_factory, seed_paths) -> dict:
    path = tmp_path_factory.mktemp("web") / "library.sqlite"
    ids: dict[str, int] = {}
    with Library(path) as lib:
        report = import_paths(lib, list(seed_paths), progress=False)
        assert not report.errors, report.errors
        ids["seeds"] = report.added
        rng = random.Random(11)
        ids["synthetic"] = [lib.add_work(synthetic_work(i, random.Random(rng.random()), paragraphs=12)).work_id
                            for i in range(30)]
        ids["chapters"] = lib.add_work(synthetic_work(999, random.Random(5), paragraphs=8, chapters=4)).work_id
        ids["hostile"] = lib.add_work(_hostile_work()).work_id
    return dict(path=path, ids=ids)


@pytest.fixture(scope="session")
def client(web_library):
    from fastapi.testclient import TestClient

    from ficlens.web.app import create_app

    with TestClient(create_app(web_library["path"])) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_library):
    """The real app under uvicorn on a free localhost port, in a thread."""
    import uvicorn

    from ficlens.web.app import create_app

    port = free_port()
    app = create_app(web_library["path"], allowed_hosts=["127.0.0.1", "localhost"])
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
