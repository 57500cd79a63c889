"""Where the coreference points are: `eval coref` with one kind of error repaired at a time (oracles).

Runs ficlens on the LitBank CoNLL files as `ficlens eval coref` does (each document by the fold model that never
saw it) and prints the CoNLL average F1 of the response as it is and with one error class repaired from the key:
spurious mentions dropped, missed mentions added as singletons, every mention moved to the response chain that
holds most of its gold entity (per mention kind), description boundaries replaced by the key span. Each figure is
an upper bound on what repairing that class alone can give.

    python scripts/coref_oracles.py [CONLL_DIR] [--cache FILE]
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from pathlib import Path

import numpy as np

from ficlens.eval.coref import (_files, _prf, analyse, bcubed, ceafe, fold_model_for, gold_document, muc,
                                response_chains, work_from_text)
from ficlens.stages.coref_rank import PRONOUNS

Span = tuple[int, int]


def documents(conll_dir: str, cache: Path | None) -> list[tuple[list[set], list[set], dict[Span, str]]]:
    """(key chains, response chains, kind of each response mention) per document."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    docs = []
    for f in _files([conll_dir]):
        text, _, key = gold_document(f)
        work = analyse(work_from_text(text, title=f.stem), fold_model_for(f.stem))
        kinds = {(m.start, m.end): kind_of(m.kind, text[m.start:m.end]) for m in work.mentions}
        docs.append((key, response_chains(work), kinds))
    if cache is not None:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def kind_of(kind: str, surface: str) -> str:
    """name, description, or the pronoun group (you / plural / I / he-she) from the ranker's pronoun table."""
    if kind != "pronoun":
        return "description" if kind == "nominal" else kind
    _, person, number = PRONOUNS.get(surface.lower(), ("", 3, "sg"))
    return "you" if person == 2 else "plural" if number == "pl" else "I" if person == 1 else "he/she"


def average(pairs) -> float:
    sums = {n: np.zeros(4) for n in ("muc", "b3", "ceafe")}
    for key, resp in pairs:
        for name, metric in (("muc", muc), ("b3", bcubed), ("ceafe", ceafe)):
            sums[name] += metric(key, resp)
    return round(sum(_prf(*v)["f1"] for v in sums.values()) / 3, 2)


def no_spurious(key, resp, kinds, selected=lambda m: True):
    gold = {m for c in key for m in c}
    kept = [{m for m in c if m in gold or not selected(m)} for c in resp]
    return [c for c in kept if c]


def missed_as_singletons(key, resp, kinds):
    found = {m for c in resp for m in c}
    return resp + [{m} for c in key for m in c if m not in found]


def relinked(key, resp, kinds, selected=lambda m: True):
    """Selected key-matched mentions moved to the chain holding most of their gold entity's other mentions."""
    entity = {m: i for i, c in enumerate(key) for m in c}
    moving = {m for c in resp for m in c if m in entity and selected(m)}
    rest = [c - moving for c in resp if c - moving]
    where = {m: j for j, c in enumerate(rest) for m in c}
    new: dict[int, set] = {}
    for m in moving:
        votes = Counter(where[o] for o in key[entity[m]] if o in where)
        if votes:
            rest[votes.most_common(1)[0][0]].add(m)
        else:
            new.setdefault(entity[m], set()).add(m)
    return rest + list(new.values())


def key_boundaries(key, resp, kinds):
    """A description missing the key is replaced by the one missed key span sharing its start or end."""
    gold = {m for c in key for m in c}
    missed = gold - {m for c in resp for m in c}
    out = []
    for c in resp:
        fixed = set()
        for m in c:
            near = [x for x in missed if x[0] == m[0] or x[1] == m[1]] if m not in gold and \
                kinds.get(m) == "description" else []
            fixed.add(near[0] if len(near) == 1 else m)
        out.append(fixed)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("conll", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared/data/litbank/coref/conll"))
    ap.add_argument("--cache", type=Path, help="pickle of the analysed documents (written, then reused)")
    args = ap.parse_args()
    docs = documents(args.conll, args.cache)
    base = average((k, r) for k, r, _ in docs)
    print(f"as is: {base}")
    rows = [("spurious mentions dropped", no_spurious), ("missed mentions added as singletons", missed_as_singletons),
            ("every mention in its entity's main chain", relinked), ("description boundaries from the key", key_boundaries)]
    for group in ("name", "description", "he/she", "plural", "you", "I"):
        rows.append((f"{group} mentions in their entity's main chain",
                     lambda k, r, kd, g=group: relinked(k, r, kd, lambda m: kd.get(m) == g)))
    for label, repair in rows:
        score = average((k, repair(k, r, kd)) for k, r, kd in docs)
        print(f"{label}: {score} ({score - base:+.2f})")


if __name__ == "__main__":
    main()
