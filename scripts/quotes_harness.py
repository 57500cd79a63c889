"""Fast iterations on the quotes stage: `ficlens eval quotes` over works whose characters stage is cached.

The cache is the one `scripts/train_speaker.py --works-cache DIR` writes (one pickled characters-stage work per
novel, named after the novel's folder); a missing novel is analysed and added. Each novel is scored by the fold
model that never saw it, as `eval quotes` does, so a change to the quotes stage (tags, rules, addressees, weights)
is measured over PDNC and the seeds in about half a minute instead of five. Figures agree with `eval quotes` to a
quotation or two while the characters stage is the one that wrote the cache; rebuild the cache after changing it.

    python scripts/quotes_harness.py --works-cache /tmp/works --out /tmp/q.json ../shared/data/pdnc/*/ ../shared/seeds/pdnc/*/
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from functools import partial


def score_novel(folder: str, cache: str) -> tuple[str, dict]:
    """(novel name, `score_work` figures with details) for one PDNC-layout folder."""
    from ficlens.eval.quotes import fold_model_for, load_gold, score_work
    from ficlens.ingest.build import work_from_text
    from ficlens.pipeline import run_stage
    from ficlens.stages.quotes import QuoteStage

    gold = load_gold(folder)
    path = os.path.join(cache, gold.name + ".pkl")
    if os.path.exists(path):
        with open(path, "rb") as f:
            work = pickle.load(f)
    else:
        work = work_from_text(gold.text, gold.name)
        run_stage(work, "characters")
        os.makedirs(cache, exist_ok=True)
        with open(path, "wb") as f:
            pickle.dump(work, f)
    QuoteStage(fold_model_for(gold.name))(work)
    return gold.name, score_work(work, gold, details=True)


def summary(novels: dict[str, dict]) -> dict:
    """Speaker accuracy overall and by quotation type, addressee accuracy, and the quotations each novel gets wrong."""
    n = sum(r["quotes"] for r in novels.values())
    correct = sum(r["_counts"]["correct"] for r in novels.values())
    types: dict[str, list[int]] = {}
    for r in novels.values():
        for t, (c, v) in r["_counts"]["by_type"].items():
            types.setdefault(t, [0, 0])
            types[t][0] += c
            types[t][1] += v
    add = [sum(r["_counts"]["add"][k] for r in novels.values()) for k in (0, 1)]
    wrong = {name: [q["id"] for q in r["details"] if q["gold"] != q["predicted"]] for name, r in novels.items()}
    return {"quotes": n, "speaker_accuracy": round(correct / max(n, 1), 4),
            "by_type": {t: round(c / v, 4) for t, (c, v) in types.items() if v},
            "addressee_accuracy": round(add[0] / max(add[1], 1), 4),
            "wrong": {name: ids for name, ids in wrong.items() if len(ids) <= 40}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", metavar="DIR")
    ap.add_argument("--works-cache", required=True)
    ap.add_argument("--out", help="also write every novel's figures and details to this JSON file")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    with ProcessPoolExecutor(a.jobs) as pool:
        novels = dict(pool.map(partial(score_novel, cache=a.works_cache), a.dirs))
    out = summary(novels)
    if a.out:
        with open(a.out, "w") as f:
            json.dump({**out, "novels": novels}, f)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
