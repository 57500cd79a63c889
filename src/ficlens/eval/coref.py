"""``ficlens eval coref DIR``: coreference of person (PER) chains on LitBank.

LitBank (Bamman, Lewke and Mansoor 2020; CC BY 4.0) gives each document as
CoNLL (tokens, one sentence per block) and, next to it in ``../tsv``, the
mentions with their entity type and chain. The text is rebuilt with tokens
joined by spaces and sentences by newlines, analysed with the ficlens
pipeline (tokens + characters), and every ficlens mention (names, pronouns
resolved to a character, person descriptions) is a response mention; a
mention resolved to a character joins that character's chain, others are
singletons, unless the stage chained them (``Mention.chain``: groups such as
'they' ... 'them', or 'you' within one quotation). Key chains are the PER chains (singletons included). Mentions
match only on exact character spans. Scores: MUC, B3 and CEAFe (entity-based,
phi4), and their average F1 (the CoNLL score), micro-summed over documents.

``--gold-mentions``: the same clustering given the key's PER mention spans instead of the mentions ficlens
finds (each classified as name, pronoun or description the way run time does; :mod:`ficlens.stages.coref_gold`),
as LitBank reports both; it separates clustering error from mention error. Predicted mentions stay the default.

The quotes stage runs after the characters stage, as ``ficlens analyze`` runs it (its last step links "I" and
"you" inside a quotation to the speaker and addressee, :mod:`ficlens.stages.coref_quotes`), with the speaker model
trained on PDNC alone (``models/speaker/pdnc.joblib``: the shipped ones also saw LitBank's quotations) and over
paragraphs guessed at dialogue turns (LitBank keeps no paragraph breaks; :func:`turn_paragraphs`).

Leave-documents-out: the coreference ranker (:mod:`ficlens.stages.coref_rank`) is
trained on LitBank, so a document it was trained on is scored with the fold
model that never saw it (``models/coref/folds.json``); other files use ``full``.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from ficlens.document import Paragraph
from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage
from ficlens.eval.report import emit

Chains = list[set[tuple[int, int]]]


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, coref column) from a LitBank CoNLL file."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cols = line.split("\t")
        cur.append((cols[3], cols[-1].strip() if len(cols) > 4 else "_"))
    if cur:
        sents.append(cur)
    return sents


def build_text(sents: list[list[tuple[str, str]]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Text with tokens joined by spaces and sentences by newlines; offsets of every token."""
    parts, offsets, pos = [], [], 0
    for si, sent in enumerate(sents):
        if si:
            parts.append("\n")
            pos += 1
        row = []
        for ti, (tok, _) in enumerate(sent):
            if ti:
                parts.append(" ")
                pos += 1
            row.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
        offsets.append(row)
    return "".join(parts), offsets


def conll_chains(sents, offsets) -> dict[str, set[tuple[int, int]]]:
    """All chains of the CoNLL coref column: chain id -> set of (start, end) character spans."""
    chains: dict[str, set] = defaultdict(set)
    for si, sent in enumerate(sents):
        stack: dict[str, list[int]] = defaultdict(list)
        for ti, (_, col) in enumerate(sent):
            if col in ("_", "-", ""):
                continue
            for part in col.split("|"):
                m = re.fullmatch(r"\(?(\d+)\)?", part)
                if not m:
                    continue
                cid = m.group(1)
                if part.startswith("("):
                    stack[cid].append(ti)
                if part.endswith(")"):
                    start = stack[cid].pop() if stack[cid] else ti
                    chains[cid].add((offsets[si][start][0], offsets[si][ti][1]))
    return chains


def tsv_path(conll: Path) -> Path:
    """The tsv layer (entity types, chains) that LitBank keeps beside a CoNLL file: ``../tsv/<doc>.ann``."""
    return conll.parent.parent / "tsv" / (conll.stem + ".ann")


Position = tuple[int, int, int, int]  # sentence and token of a mention's first and last token


def read_tsv_layer(tsv: Path) -> tuple[dict[str, tuple[Position, str, str]], dict[str, str]]:
    """LitBank's tsv layer, in file order: MENTION rows (id -> token position, entity type, PROP / NOM /
    PRON) and COREF rows (id -> chain)."""
    mentions: dict[str, tuple[Position, str, str]] = {}
    chain_of: dict[str, str] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols[0] == "MENTION" and len(cols) >= 9:
            s1, t1, s2, t2 = (int(c) for c in cols[2:6])
            mentions[cols[1]] = ((s1, t1, s2, t2), cols[7], cols[8])
        elif cols[0] == "COREF" and len(cols) >= 3:
            chain_of[cols[1]] = cols[2]
    return mentions, chain_of


def tsv_person_chains(tsv: Path, offsets) -> Chains | None:
    """PER chains from LitBank's tsv layer (MENTION and COREF rows), or None when it is missing."""
    if not tsv.is_file():
        return None
    mentions, chain_of = read_tsv_layer(tsv)
    chains: dict[str, set] = defaultdict(set)
    for tid, ((s1, t1, s2, t2), etype, _) in mentions.items():
        if etype == "PER":
            chains[chain_of.get(tid, "_" + tid)].add((offsets[s1][t1][0], offsets[s2][t2][1]))
    return list(chains.values())


def gold_document(conll: Path) -> tuple[str, list[list[tuple[int, int]]], Chains]:
    """A LitBank CoNLL file's text, token offsets and key chains (PER chains of the tsv layer; every chain of
    the CoNLL coref column when there is no tsv layer)."""
    sents = read_conll(conll)
    text, offsets = build_text(sents)
    key = tsv_person_chains(tsv_path(conll), offsets)
    if key is None:  # no entity types: score every chain
        key = list(conll_chains(sents, offsets).values())
    return text, offsets, key


def response_chains(work) -> Chains:
    by_char: dict[int, set] = defaultdict(set)
    by_chain: dict[int, set] = defaultdict(set)
    singles: Chains = []
    for m in work.mentions:
        if m.character is not None:
            by_char[m.character].add((m.start, m.end))
        elif getattr(m, "chain", None) is not None:
            by_chain[m.chain].add((m.start, m.end))
        else:
            singles.append({(m.start, m.end)})
    return list(by_char.values()) + list(by_chain.values()) + singles


# -- metrics ----------------------------------------------------------------
def muc(key: Chains, resp: Chains) -> tuple[float, float, float, float]:
    def part(a: Chains, b: Chains) -> tuple[float, float]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0.0
        for c in a:
            groups = {where.get(m, ("solo", m)) for m in c}
            num += len(c) - len(groups)
            den += len(c) - 1
        return num, den

    rn, rd = part(key, resp)
    pn, pd = part(resp, key)
    return rn, rd, pn, pd


def bcubed(key: Chains, resp: Chains) -> tuple[float, float, float, float]:
    def part(a: Chains, b: Chains) -> tuple[float, float]:
        num = 0.0
        for c in a:
            for r in b:
                inter = len(c & r)
                if inter:
                    num += inter * inter / len(c)
        return num, float(sum(len(c) for c in a))

    rn, rd = part(key, resp)
    pn, pd = part(resp, key)
    return rn, rd, pn, pd


def ceafe(key: Chains, resp: Chains) -> tuple[float, float, float, float]:
    from scipy.optimize import linear_sum_assignment

    if not key or not resp:
        return 0.0, float(len(key)), 0.0, float(len(resp))
    sim = np.zeros((len(key), len(resp)))
    index = defaultdict(list)
    for j, r in enumerate(resp):
        for m in r:
            index[m].append(j)
    for i, k in enumerate(key):
        for m in k:
            for j in index.get(m, ()):
                sim[i, j] = 2 * len(k & resp[j]) / (len(k) + len(resp[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return total, float(len(key)), total, float(len(resp))


def _prf(rn: float, rd: float, pn: float, pd: float) -> dict[str, float]:
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2)}


def mention_scores(key: Chains, resp: Chains) -> tuple[int, int, int]:
    k = {m for c in key for m in c}
    r = {m for c in resp for m in c}
    return len(k & r), len(k), len(r)


def fold_model_for(doc: str) -> str:
    """``fold{k}`` when the shipped coref model saw LitBank document ``doc`` in training, else ``full``."""
    from ficlens.models.folds import held_out_model
    from ficlens.stages.coref_rank import MODEL_DIR

    return held_out_model(MODEL_DIR, "doc_fold", doc)


_STAGES: dict[str, object] = {}
SPEAKER_MODEL = "pdnc"  # the speaker model that never saw LitBank


def _turn_marks(tokens: list[str]) -> tuple[str, str, str]:
    """(opening, closing, straight) quote tokens of a spaced text: single marks where they outnumber double ones
    (British dialogue, "‘ Old friends , ’ I said"), else double ones."""
    double = sum(t in ("\u201c", "\u201d", '"') for t in tokens)
    single = sum(t in ("\u2018", "\u2019", "'") for t in tokens)
    return ("\u2018", "\u2019", "'") if single > double else ("\u201c", "\u201d", '"')


def turn_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a one-sentence-per-line text guessed at dialogue turns: a new one at a line opening a
    quotation and after a line closing one (unless the next line goes on in lower case), none while a
    quotation is open (the rule LitBank's speaker items use, :mod:`ficlens.models.speaker_litbank`), with the
    text's dialogue marks (:func:`_turn_marks`); in a text whose dialogue opens with dashes, at each speech dash
    (:func:`_dash_paragraphs`)."""
    if _dash_turns(text):
        return _dash_paragraphs(text)
    opening, closing, straight = _turn_marks(text.split())
    paras: list[list[int]] = []
    depth, prev_closed, pos = 0, False, 0
    for line in text.split("\n"):
        a, b, toks = pos, pos + len(line), line.split()
        pos = b + 1
        if not toks:
            continue
        opens = toks[0] == opening or (toks[0] == straight and depth == 0)
        if not paras or (depth == 0 and (opens or (prev_closed and not toks[0][:1].islower()))):
            paras.append([a, b])
        else:
            paras[-1][1] = b
        for t in toks:
            if t == opening or (t == straight and depth == 0) or (t[:1] == opening and t[1:2] in "\u2018'"):
                depth += 1  # also "“‘": an inner mark glued to it
            elif t in (closing, straight) or (len(t) > 1 and t.endswith(closing)):  # "’”": nested marks glued
                depth = max(0, depth - 1)
        prev_closed = toks[-1][-1:] in ("\u201d", "\u2019", "\"", "'")
    return [Paragraph(a, b, 0) for a, b in paras]


_DASH_TURN = re.compile(r"(?:^|(?<= [:.!?] ))(?:\u2014|--) ", re.M)


def _dash_turns(text: str) -> bool:
    """Dialogue in dashes (Joyce): no double marks, and five lines or more where a dash opens speech."""
    return sum(text.count(c) for c in '"\u201c\u201d') < 10 and len(_DASH_TURN.findall(text)) >= 5


def _dash_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a dash-dialogue text: each dash that opens speech (at a line start or after ':', '.', '!', '?')
    starts one that runs to the next such dash (the original's paragraph breaks are lost: a speech of several
    sentences stays whole, and the narration after it goes with it, as 'he said' does in Joyce); the text before
    the first dash is one paragraph."""
    cuts = sorted({m.start() for m in _DASH_TURN.finditer(text)})
    paras = [Paragraph(0, cuts[0], 0)] if text[:cuts[0]].strip() else []
    for c, end in zip(cuts, cuts[1:] + [len(text)]):
        paras.append(Paragraph(c, end, 0))
    return paras


def run_quotes(work) -> None:
    """The quotes stage (speaker model :data:`SPEAKER_MODEL`) over :func:`turn_paragraphs`."""
    from ficlens.stages.quotes import QuoteStage

    if SPEAKER_MODEL not in _STAGES:
        _STAGES[SPEAKER_MODEL] = QuoteStage(model=SPEAKER_MODEL)
    paragraphs, work.paragraphs = work.paragraphs, turn_paragraphs(work.text)
    try:
        _STAGES[SPEAKER_MODEL](work)
    finally:
        work.paragraphs = paragraphs
    work.stages_run.append("quotes")


def analyse(work, model: str, spans: list[tuple[int, int]] | None = None):
    """Tokens, the characters stage with coref model ``model`` (built once per model), then the quotes stage
    (:func:`run_quotes`); with ``spans``, the characters stage resolves those mention spans instead of the ones
    it finds (:mod:`ficlens.stages.coref_gold`)."""
    from ficlens.stages.characters import CharacterStage
    from ficlens.stages.coref_gold import GivenMentions
    from ficlens.stages.coref_rank import RankResolver

    run_stage(work, "tokens")
    if model not in _STAGES:
        _STAGES[model] = CharacterStage(coref_model=model)
    stage = _STAGES[model]
    ranker = stage.ranker
    if spans is not None:
        if ranker is None:
            raise ValueError(f"--gold-mentions needs the coref model weights ({model})")
        stage.ranker = GivenMentions(RankResolver(ranker.model, learned_nominals=False, filter_mentions=False),
                                     spans)
    try:
        stage(work)
    finally:
        stage.ranker = ranker
    work.stages_run.append("characters")
    run_quotes(work)
    return work


def _files(paths: list[str]) -> list[Path]:
    out = []
    for p in paths:
        path = Path(p)
        out.extend(sorted(path.glob("*.conll")) if path.is_dir() else [path])
    return out


def evaluate(paths: list[str], details: bool = False, gold_mentions: bool = False) -> dict:
    """Scores over the CoNLL files of ``paths``; with ``gold_mentions`` the key's PER mention spans are the
    mentions to cluster (clustering error apart from mention-finding error)."""
    sums = {name: np.zeros(4) for name in ("muc", "b3", "ceafe")}
    ment = np.zeros(3)
    per, errors = [], []
    folds: dict[str, list] = defaultdict(list)
    for f in _files(paths):
        try:
            text, _, key = gold_document(f)
            work = work_from_text(text, title=f.stem)
            model = fold_model_for(f.stem)
            analyse(work, model, sorted({m for chain in key for m in chain}) if gold_mentions else None)
            resp = response_chains(work)
        except Exception as exc:  # a bad file is reported, the others still scored
            errors.append(f"{f}: {type(exc).__name__}: {exc}")
            continue
        doc = {}
        for name, fn in (("muc", muc), ("b3", bcubed), ("ceafe", ceafe)):
            vals = np.array(fn(key, resp))
            sums[name] += vals
            doc[name] = _prf(*vals)["f1"]
            doc["_" + name] = vals
        ment += mention_scores(key, resp)
        folds[model].append(doc)
        if details:
            doc["document"] = f.stem
            doc["model"] = model
            doc["avg_f1"] = round(sum(doc[n] for n in ("muc", "b3", "ceafe")) / 3, 2)
            per.append(doc)
    result: dict = {"documents": len(_files(paths)) - len(errors)}
    for name in ("muc", "b3", "ceafe"):
        result[name] = _prf(*sums[name])
    result["avg_f1"] = round(sum(result[n]["f1"] for n in ("muc", "b3", "ceafe")) / 3, 2)
    hit, nk, nr = ment
    result["mentions"] = {"precision": round(100 * hit / nr, 2) if nr else 0.0,
                          "recall": round(100 * hit / nk, 2) if nk else 0.0, "key": int(nk), "response": int(nr)}
    result["protocol"] = "PER chains incl. singletons, " + ("gold" if gold_mentions else "predicted") + \
        " mentions, exact span match, micro-summed"
    result["by_model"] = {}
    for model, docs in sorted(folds.items()):
        f1 = {n: _prf(*sum(d["_" + n] for d in docs))["f1"] for n in ("muc", "b3", "ceafe")}
        result["by_model"][model] = {"documents": len(docs), **f1, "avg_f1": round(sum(f1.values()) / 3, 2)}
    for d in per + [d for docs in folds.values() for d in docs]:
        for n in ("muc", "b3", "ceafe"):
            d.pop("_" + n, None)
    if details:
        result["per_document"] = per
    if errors:
        result["errors"] = errors
    return result


def main(args: argparse.Namespace) -> int:
    emit(evaluate(args.paths, getattr(args, "details", False), getattr(args, "gold_mentions", False)), args)
    return 0
