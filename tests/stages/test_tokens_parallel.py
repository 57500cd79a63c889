"""The tokens stage: the two-process path for long works gives exactly the one-process output."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from ficlens.ingest.build import work_from_text
from ficlens.stages import tokens as tokens_mod
from ficlens.stages.tokens import PARALLEL_MIN_WORDS, TokenStage, load_nlp, may_fork

NEVER = 10**12


def _columns(work):
    t = work.tokens
    return (t.start, t.end, t.pos, t.tag, t.lemma, t.sent, t.para,
            [(s.start, s.end) for s in work.sentences], work.stats["tokens"], work.stats["sentences"])


def _run(stage: TokenStage, text: str):
    work = work_from_text(text)
    parts: list[int] = []
    original = stage._columns

    def spy(*a, **k):
        cols = original(*a, **k)
        parts.append(len(cols))
        return cols

    stage._columns = spy
    stage(work)
    return work, parts


def _seed_text(seed_paths: list[Path]) -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in seed_paths)


def test_two_processes_same_output_as_one(seed_paths):
    if not may_fork():
        pytest.skip("this test process may not fork")
    text = _seed_text(seed_paths)
    fast, fast_parts = _run(TokenStage(batch_size=32, parallel_min_words=1000), text)
    plain, plain_parts = _run(TokenStage(batch_size=32, parallel_min_words=NEVER), text)
    assert fast_parts == [2] and plain_parts == [1]
    assert len(fast.tokens) > 5000 and len(fast.sentences) > 300
    assert _columns(fast) == _columns(plain)
    # the sentence index of tokens in the second half was shifted onto the global sentence list
    assert fast.tokens.sent == sorted(fast.tokens.sent) and fast.tokens.sent[-1] == len(fast.sentences) - 1


def test_columns_match_spacy_token_attributes(seed_paths):
    """The array-based extraction gives what spaCy's Token attributes say."""
    text = seed_paths[0].read_text(encoding="utf-8")
    work = TokenStage(parallel_min_words=NEVER)(work_from_text(text))
    nlp = load_nlp()
    start, pos, tag, lemma, sents, paras = [], [], [], [], [], []
    for pi, para in enumerate(work.paragraphs):
        doc = nlp(work.text[para.start:para.end])
        for sent in doc.sents:
            sents.append((para.start + sent.start_char, para.start + sent.end_char))
            for t in sent:
                if not t.is_space:
                    start.append(para.start + t.idx)
                    pos.append(t.pos_)
                    tag.append(t.tag_)
                    lemma.append(t.lemma_)
                    paras.append(pi)
    t = work.tokens
    assert (t.start, t.pos, t.tag, t.lemma, t.para) == (start, pos, tag, lemma, paras)
    assert [(s.start, s.end) for s in work.sentences] == sents
    assert all(work.text[s:e] == work.text[s:e].strip() and e > s for s, e in zip(t.start, t.end))


def test_no_fork_off_the_main_thread_or_when_disabled(monkeypatch):
    seen: list[bool] = []
    th = threading.Thread(target=lambda: seen.append(may_fork()))
    th.start()
    th.join()
    assert seen == [False]
    monkeypatch.setenv("FICLENS_TOKENS_PROCESSES", "1")
    assert may_fork() is False


def test_split_is_a_batch_boundary_near_the_middle():
    stage = TokenStage(batch_size=10)
    texts = ["x" * 50] * 95
    split = stage._split(texts)
    assert split % 10 == 0 and 30 <= split <= 60
    assert stage._split(["short"] * 5) == 0  # one batch: nothing to split


@pytest.mark.slow
def test_long_novel_default_settings(pdnc_dir, monkeypatch):
    """A novel excerpt above the default threshold, default batch size: same output as one process."""
    if not may_fork():
        pytest.skip("this test process may not fork")
    words = (pdnc_dir / "PrideAndPrejudice" / "novel_text.txt").read_text(encoding="utf-8").split(" ")
    text = " ".join(words[: int(PARALLEL_MIN_WORDS * 1.1)])
    fast, fast_parts = _run(TokenStage(), text)
    monkeypatch.setenv("FICLENS_TOKENS_PROCESSES", "1")
    plain, plain_parts = _run(TokenStage(), text)
    assert fast_parts == [2] and plain_parts == [1]
    assert _columns(fast) == _columns(plain)
    assert tokens_mod.may_fork() is False
