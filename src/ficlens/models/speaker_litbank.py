"""LitBank quotation excerpts as speaker-model training items (gold quotes, speakers and characters).

LitBank (Bamman et al., CC BY 4.0) ships each ~2,000-word excerpt as tokenized
text, one sentence per line, with annotations addressed by (sentence, token):

* ``quotations/tsv/<doc>.ann``: ``QUOTE Qid s1 t1 s2 t2 text`` and ``ATTRIB Qid chain``;
* ``coref/tsv/<doc>.ann``: ``MENTION Tid s1 t1 s2 t2 text TYPE PROP|NOM|PRON`` and
  ``COREF Tid chain`` (the same chain ids as the speakers).

The excerpt is detokenized into ordinary prose (paragraph breaks guessed at
dialogue turns, since LitBank keeps none), every token keeps its character
offsets, and the result is a :class:`GoldNovel` like a PDNC folder: a PER chain
is a character, its proper-name mentions are its aliases (its definite
descriptions when it has no name), its pronouns give its gender, and each
quotation's speaker is its chain's character.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from ficlens.eval.coref import read_tsv_layer
from ficlens.eval.pdnc_gold import GoldCharacter, GoldNovel, GoldQuote

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "”", "’", "%", "...", "n't", "n’t"}
_NO_SPACE_AFTER = {"“", "‘", "(", "[", "{", "$"}
_CLITIC = re.compile(r"^['’](s|S|re|ll|ve|d|m|t)$")
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_OPEN = {"“": "”", "‘": "’"}


def _pos(field: str) -> int:
    return int(field)


def read_sentences(path: Path) -> list[list[str]]:
    return [line.split(" ") if line.strip() else [] for line in path.read_text(encoding="utf-8").split("\n")]


def _roles(sentences: list[list[str]], marks: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """"open" / "close" / "apostrophe" for each straight quote token.

    ``marks`` (from the gold quotation spans) says which tokens open or close a
    quotation; other ``"`` alternate, other lone ``'`` are apostrophes ("a'", "boys'").
    """
    roles: dict[tuple[int, int], str] = {}
    open_double = False
    for si, toks in enumerate(sentences):
        for ti, tok in enumerate(toks):
            if tok not in ('"', "'"):
                continue
            role = marks.get((si, ti))
            if role is None:
                role = ("close" if open_double else "open") if tok == '"' else "apostrophe"
            if tok == '"' and role != "apostrophe":
                open_double = role == "open"
            roles[(si, ti)] = role
    return roles


def detokenize(sentences: list[list[str]], marks: dict[tuple[int, int], str] | None = None
               ) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """Prose text and (sentence, token) -> (start, end) character offsets.

    A new paragraph starts at a sentence that opens a quotation, and after a
    sentence that closes one, unless a quotation is still open (a speech running
    over several sentences stays in one paragraph); narration after a tagged
    quotation stays in its paragraph. ``marks``: see :func:`_roles`.
    """
    roles = _roles(sentences, marks or {})
    out: list[str] = []
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    pos = 0
    depth = 0  # quotations still open
    prev_closed = False
    for si, raw in enumerate(sentences):
        toks = [(ti, t) for ti, t in enumerate(raw) if t not in ("", "_")]
        if not toks:
            continue
        first_ti, first = toks[0]
        starts_quote = first in _OPEN or roles.get((si, first_ti)) == "open"
        continues = first[:1].islower()  # '“Who?” | cried his wife.' is one sentence split by the tokenizer
        if out and depth == 0 and (starts_quote or (prev_closed and not continues)):
            sep = "\n\n"
        elif out:
            sep = " "
        else:
            sep = ""
        out.append(sep)
        pos += len(sep)
        no_space = True
        for ti, tok in enumerate(raw):
            if tok == "" or tok == "_":  # "_" marks italics
                offsets[(si, ti)] = (pos, pos)
                continue
            role = roles.get((si, ti))
            glue = no_space or tok in _NO_SPACE_BEFORE or _CLITIC.match(tok) or role in ("close", "apostrophe")
            if not glue:
                out.append(" ")
                pos += 1
            offsets[(si, ti)] = (pos, pos + len(tok))
            out.append(tok)
            pos += len(tok)
            no_space = tok in _NO_SPACE_AFTER or role == "open"
            if tok == "“" or role == "open":
                depth += 1
            elif tok == "”" or role == "close":
                depth = max(0, depth - 1)
        last_ti, last = toks[-1]
        prev_closed = last in ("”", "’") or roles.get((si, last_ti)) == "close"
    return "".join(out), offsets


def _span(offsets, s1: int, t1: int, s2: int, t2: int) -> tuple[int, int] | None:
    a, b = offsets.get((s1, t1)), offsets.get((s2, t2))
    if a is None or b is None:
        return None
    return a[0], b[1]


def _chain_label(chain: str) -> str:
    """``Mrs_Bennet-7`` -> ``Mrs Bennet``."""
    return " ".join(re.sub(r"-\d+$", "", chain).replace("_", " ").split())


def load_litbank_excerpt(quotations: Path, coref: Path | None = None) -> GoldNovel | None:
    """One LitBank document as a :class:`GoldNovel`; None when it has no attributed quotation."""
    ann = quotations.with_suffix(".ann")
    txt = quotations.with_suffix(".txt")
    if not ann.is_file() or not txt.is_file():
        return None
    sentences = read_sentences(txt)
    lines = [line.split("\t") for line in ann.read_text(encoding="utf-8").splitlines()]
    quote_pos = {f[1]: tuple(int(x) for x in f[2:6]) for f in lines if f[0] == "QUOTE" and len(f) >= 6}
    marks: dict[tuple[int, int], str] = {}
    for s1, t1, s2, t2 in quote_pos.values():  # the straight quote marks that open and close gold quotations
        marks[(s1, t1)] = "open"
        marks[(s2, t2)] = "close"
    text, offsets = detokenize(sentences, marks)
    spans: dict[str, tuple[int, int]] = {}
    for qid, (s1, t1, s2, t2) in quote_pos.items():
        sp = _span(offsets, s1, t1, s2, t2)
        if sp is not None:
            spans[qid] = sp
    speaker_of = {f[1]: f[2] for f in lines if f[0] == "ATTRIB" and len(f) >= 3}
    if not any(q in spans for q in speaker_of):
        return None

    # characters: PER coreference chains
    mentions: dict[str, list[tuple[str, str, tuple[int, int]]]] = {}
    chain_of: dict[str, str] = {}
    per_chains: set[str] = set()
    if coref is not None and coref.with_suffix(".ann").is_file():
        rows, chain_of = read_tsv_layer(coref.with_suffix(".ann"))
        for tid, (pos, etype, kind) in rows.items():
            sp = _span(offsets, *pos)
            if sp is not None:
                mentions[tid] = [(etype, kind, sp)]
    by_chain: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for tid, chain in chain_of.items():
        for etype, kind, (a, b) in mentions.get(tid, ()):
            by_chain[chain].append((etype, kind, text[a:b]))
            if etype == "PER":
                per_chains.add(chain)
    speakers = set(speaker_of.values())
    novel = GoldNovel(txt.stem, text)
    names: dict[str, str] = {}
    used: Counter = Counter()
    for chain in sorted(per_chains | speakers):
        ms = [m for m in by_chain.get(chain, []) if m[0] == "PER"] or by_chain.get(chain, [])
        props = Counter(m[2] for m in ms if m[1] == "PROP")
        aliases = set(props)
        if not aliases and chain in speakers:
            aliases = {m[2] for m in ms if m[1] == "NOM" and m[2].lower().startswith("the ") and len(m[2].split()) <= 4}
            label = _chain_label(chain)
            if label in text:
                aliases.add(label)
        if not aliases and chain not in speakers:
            continue
        name = props.most_common(1)[0][0] if props else (max(sorted(aliases), key=len) if aliases else _chain_label(chain))
        used[name] += 1
        if used[name] > 1:
            name = f"{name} ({used[name]})"
        pron = Counter("M" if m[2].lower() in _MALE else "F" if m[2].lower() in _FEMALE else ""
                       for m in ms if m[1] == "PRON")
        pron.pop("", None)
        gender = "U"
        if pron:
            g, k = pron.most_common(1)[0]
            if k > sum(pron.values()) - k:
                gender = g
        names[chain] = name
        novel.characters.append(GoldCharacter(name, aliases, gender))
    for qid, sp in sorted(spans.items(), key=lambda kv: kv[1]):
        chain = speaker_of.get(qid)
        if chain in names:
            novel.quotes.append(GoldQuote(qid, [sp], names[chain], [], ""))
    return novel


def litbank_excerpts(root: str | Path) -> list[GoldNovel]:
    """Every LitBank document with attributed quotations, in name order."""
    root = Path(root)
    qdir = root / "quotations" / "tsv"
    cdir = root / "coref" / "tsv"
    out = []
    for ann in sorted(qdir.glob("*.ann")):
        novel = load_litbank_excerpt(ann, cdir / ann.name)
        if novel is not None and novel.quotes:
            out.append(novel)
    return out


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def same_book(litbank_name: str, pdnc_name: str) -> bool:
    """True when a LitBank excerpt (``1342_pride_and_prejudice_brat``) comes from a PDNC novel (``PrideAndPrejudice``)."""
    a = _key(re.sub(r"_brat$", "", re.sub(r"^\d+_", "", litbank_name)))
    b = _key(pdnc_name)
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))
