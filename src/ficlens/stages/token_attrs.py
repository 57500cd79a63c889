"""Part of speech and lemma from the tagger's fine tag, memoised per (word, tag).

In ``en_core_web_sm`` the attribute ruler (fine tag -> part of speech and
morphology, plus word exceptions) and the rule lemmatizer take about as long
as the tagger's neural network, yet what they give a token depends only on
its text and fine tag, except for the ruler's few two-token patterns ("gon
na", "let 's"). ``CachedAttributes`` runs both components once per unseen
(word, tag) pair, all of a batch in one spaCy doc, and looks the rest up.
A paragraph where a two-token pattern could match goes through the real
components instead, so the output is exactly spaCy's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SEPARATOR = "|"  # a token between looked-up words, so no two-token pattern spans two of them

def _value_test(spec) -> Callable[[str], bool] | None:
    """A test of one attribute value against a Matcher value spec, or None when the spec is not understood."""
    if isinstance(spec, str):
        return lambda v: v == spec
    if isinstance(spec, bool):
        return lambda v: bool(v) == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN":
            vals = set(arg)
            return lambda v: v in vals
        if op == "NOT_IN":
            vals = set(arg)
            return lambda v: v not in vals
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: rx.search(v) is not None
    return None


def _token_test(spec: dict) -> Callable[[str, str], bool] | None:
    """A test (lower, tag) -> bool for one token spec of a pattern; DEP is '' (no parser runs)."""
    tests = []
    for attr, val in spec.items():
        t = _value_test(val)
        if t is None or attr not in ("LOWER", "TAG", "DEP"):
            return None
        tests.append((attr, t))

    def test(lower: str, tag: str) -> bool:
        return all(t(lower if a == "LOWER" else tag if a == "TAG" else "") for a, t in tests)

    return test


def two_token_tests(ruler) -> list[tuple[Callable, Callable]] | None:
    """(first, second) token tests of the ruler's two-token patterns; None if any pattern is beyond them."""
    out = []
    for entry in ruler.patterns:
        for pattern in entry["patterns"]:
            if len(pattern) == 1:
                continue
            if len(pattern) != 2:
                return None
            first, second = _token_test(pattern[0]), _token_test(pattern[1])
            if first is None or second is None:
                return None
            out.append((first, second))
    return out


class CachedAttributes:
    """POS and lemma per (word, fine tag), computed by the real attribute ruler and lemmatizer on first sight."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        self.pairs = two_token_tests(self.ruler)
        # (orth hash, tag hash) -> (pos, lemma, patterns this token may start (bit mask), lower)
        self.cache: dict[tuple[int, int], tuple[str, str, int, str]] = {}

    @property
    def usable(self) -> bool:
        return self.pairs is not None

    def needs_real_pass(self, keys: list[tuple[int, int]]) -> bool:
        """True when a two-token pattern could match at some token of this (cached) key sequence."""
        cache = self.cache
        for i in range(len(keys) - 1):
            mask = cache[keys[i]][2]
            if mask:
                _pos, _lem, _m, lower = cache[keys[i + 1]]
                tag = self.nlp.vocab.strings[keys[i + 1][1]]
                if any(mask >> b & 1 and self.pairs[b][1](lower, tag) for b in range(len(self.pairs))):
                    return True
        return False

    def real_pass(self, doc) -> None:
        """Run the real components on a doc (the slow path)."""
        self.lemmatizer(self.ruler(doc))

    def fill(self, keys: list[tuple[int, int]]) -> None:
        """Compute the entries of the unseen keys, all in one doc."""
        from spacy.tokens import Doc

        todo = [k for k in dict.fromkeys(keys) if k not in self.cache]
        if not todo:
            return
        strings = self.nlp.vocab.strings
        words: list[str] = []
        for orth, _tag in todo:
            words += [strings[orth], SEPARATOR]
        doc = Doc(self.nlp.vocab, words=words, spaces=[True] * len(words))
        for k, (_orth, tag) in enumerate(todo):
            doc[2 * k].tag = tag
            doc[2 * k + 1].tag_ = "NFP"
        self.real_pass(doc)
        for k, key in enumerate(todo):
            tok = doc[2 * k]
            lower, tag = tok.lower_, strings[key[1]]
            mask = sum(1 << b for b, (first, _second) in enumerate(self.pairs) if first(lower, tag))
            self.cache[key] = (tok.pos_, tok.lemma_, mask, lower)
