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
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial


def score_novel(folder: str, cache: str) -> tuple[str, dict]:
    """(novel name, `score_work` figures with details and the quotes stage's seconds) for one PDNC-layout folder."""
    from ficlens.eval.quotes import fold_model_for, load_gold, score_work
    from ficlens.models.speaker_data import characters_work
    from ficlens.stages.quotes import QuoteStage

    gold = load_gold(folder)
    work = characters_work(gold, cache)
    t0 = time.perf_counter()
    QuoteStage(fold_model_for(gold.name))(work)
    seconds = time.perf_counter() - t0
    return gold.name, {**score_work(work, gold, details=True), "seconds": round(seconds, 2)}


def summary(novels: dict[str, dict]) -> dict:
    """`eval quotes`' summary without the per-novel figures (its words per second are the quotes stage's alone,
    the characters stage being cached), and the quotations each novel gets wrong."""
    from ficlens.eval.quotes import summarise

    out = {k: v for k, v in summarise(novels).items() if k != "novels"}
    wrong = {name: [q["id"] for q in r["details"] if q["gold"] != q["predicted"]] for name, r in novels.items()}
    return {**out, "wrong": {name: ids for name, ids in wrong.items() if len(ids) <= 40}}


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
