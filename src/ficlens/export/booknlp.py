"""BookNLP-compatible tables: ``.tokens``, ``.entities`` and ``.quotes`` (tab-separated).

Columns follow BookNLP's output so researchers can swap tools. ficlens does
not run a dependency parser, so ``dependency_relation`` is ``_`` and
``syntactic_head_ID`` is the token's own id; ``byte_onset``/``byte_offset``
are, as in BookNLP, character offsets into the text. Entities cover the PER
category only (characters): names (PROP), descriptions (NOM) and pronouns (PRON).
"""

from __future__ import annotations

import bisect
from pathlib import Path

from ficlens.document import Work

TOKENS_HEADER = ["paragraph_ID", "sentence_ID", "token_ID_within_sentence", "token_ID_within_document", "word",
                 "lemma", "byte_onset", "byte_offset", "POS_tag", "fine_POS_tag", "dependency_relation",
                 "syntactic_head_ID", "event"]
ENTITIES_HEADER = ["COREF", "start_token", "end_token", "prop", "cat", "text"]
QUOTES_HEADER = ["quote_start", "quote_end", "mention_start", "mention_end", "mention_phrase", "char_id", "quote"]
_PROP = {"name": "PROP", "nominal": "NOM", "pronoun": "PRON"}


def _clean(s: str) -> str:
    return " ".join(s.split())


class TokenIndex:
    """Maps character offsets to token indices."""

    def __init__(self, work: Work) -> None:
        self.starts = work.tokens.start if work.tokens else []
        self.ends = work.tokens.end if work.tokens else []

    def first(self, offset: int) -> int:
        """Index of the first token ending after ``offset``."""
        return min(bisect.bisect_right(self.ends, offset), max(len(self.ends) - 1, 0))

    def last(self, offset: int) -> int:
        """Index of the last token starting before ``offset``."""
        return max(bisect.bisect_left(self.starts, offset) - 1, 0)


def token_rows(work: Work) -> list[list[str]]:
    toks = work.tokens
    rows: list[list[str]] = []
    if toks is None:
        return rows
    sent_first: dict[int, int] = {}
    for i in range(len(toks)):
        first = sent_first.setdefault(toks.sent[i], i)
        word = work.text[toks.start[i]:toks.end[i]]
        rows.append([str(toks.para[i]), str(toks.sent[i]), str(i - first), str(i), _clean(word) or "_",
                     _clean(toks.lemma[i]) or "_", str(toks.start[i]), str(toks.end[i]), toks.pos[i], toks.tag[i],
                     "_", str(i), "O"])
    return rows


def entity_rows(work: Work) -> list[list[str]]:
    index = TokenIndex(work)
    rows = []
    for m in sorted(work.mentions, key=lambda m: (m.start, m.end)):
        if m.character is None:
            continue
        rows.append([str(m.character), str(index.first(m.start)), str(index.last(m.end)), _PROP.get(m.kind, "PROP"),
                     "PER", _clean(work.text[m.start:m.end])])
    return rows


def quote_rows(work: Work) -> list[list[str]]:
    index = TokenIndex(work)
    rows = []
    for q in work.quotations:
        mention = _speaker_mention(work, q)
        if mention is None:
            ms, me, phrase = "-1", "-1", ""
        else:
            ms, me, phrase = str(index.first(mention[0])), str(index.last(mention[1])), work.text[mention[0]:mention[1]]
        rows.append([str(index.first(q.start)), str(index.last(q.end)), ms, me, _clean(phrase),
                     str(q.speaker if q.speaker is not None else -1), _clean(q.text(work))])
    return rows


def _speaker_mention(work: Work, q) -> tuple[int, int] | None:
    """The speaker's mention nearest to the quotation (its tag when there is one)."""
    if q.speaker is None:
        return None
    best = None
    for m in work.mentions:
        if m.character != q.speaker or (q.start <= m.start < q.end):
            continue
        dist = q.start - m.end if m.end <= q.start else m.start - q.end
        if best is None or dist < best[0]:
            best = (dist, m.start, m.end)
    return (best[1], best[2]) if best and best[0] < 2000 else None


def write_booknlp(work: Work, out_dir: Path, stem: str) -> list[Path]:
    """Write ``stem.tokens``, ``stem.entities`` and ``stem.quotes`` into ``out_dir``."""
    paths = []
    for suffix, header, rows in ((".tokens", TOKENS_HEADER, token_rows(work)),
                                 (".entities", ENTITIES_HEADER, entity_rows(work)),
                                 (".quotes", QUOTES_HEADER, quote_rows(work))):
        path = out_dir / f"{stem}{suffix}"
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write("\t".join(header) + "\n")
            for row in rows:
                fh.write("\t".join(row) + "\n")
        paths.append(path)
    return paths
