"""Speed of the dialogue stage with what it needs upstream, beside spaCy's full pipeline, in one run.

Usage: python benchmarks/dialogue_speed.py [NOVEL_TEXT] [--spacy-words N]

Prints words/s for: tokens + characters + quotes (the whole novel, as the
pipeline runs it), the quotes stage alone, and spaCy's full
en_core_web_sm pipeline (tagger, parser, NER...) on the first N words of the
same text; then the ratios. Also the peak RSS of the process, the load
average before the run (other work on the machine slows every figure) and
whether the tokens stage tagged in two processes (long works, see
``ficlens.stages.tokens``; FICLENS_TOKENS_PROCESSES=1 forces one).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import get_stage, run_stage
from ficlens.stages.tokens import MODEL, PARALLEL_MIN_WORDS, may_fork

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pdnc" / "PrideAndPrejudice" / "novel_text.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("text", nargs="?", default=str(DEFAULT))
    ap.add_argument("--spacy-words", type=int, default=30000)
    a = ap.parse_args()
    text = Path(a.text).read_text(encoding="utf-8")
    for name in ("tokens", "characters", "quotes"):
        get_stage(name)  # load models outside the timing

    work = work_from_text(text)
    words = work.stats["words"]
    procs = 2 if words >= PARALLEL_MIN_WORDS and may_fork() else 1
    print(f"load average before the run: {os.getloadavg()[0]:.2f}; tokens stage processes: {procs}")
    t0 = time.perf_counter()
    run_stage(work, "quotes")
    total = time.perf_counter() - t0
    stage_s = work.stats["stage_seconds"]
    print(f"text: {a.text} ({words} words, {len(work.quotations)} quotations)")
    print(f"stage seconds: {stage_s}")
    ficlens_wps = words / total
    quotes_wps = words / max(stage_s.get("quotes", 1e-9), 1e-9)
    print(f"ficlens tokens+characters+quotes: {ficlens_wps:,.0f} words/s")
    print(f"quotes stage alone: {quotes_wps:,.0f} words/s")

    import spacy

    nlp = spacy.load(MODEL)
    paras = [work.text[p.start:p.end] for p in work.paragraphs]
    sample, n = [], 0
    for p in paras:
        sample.append(p)
        n += len(p.split())
        if n >= a.spacy_words:
            break
    t0 = time.perf_counter()
    for _ in nlp.pipe(sample, batch_size=256):
        pass
    spacy_wps = n / (time.perf_counter() - t0)
    print(f"spaCy full {MODEL} pipeline ({', '.join(nlp.pipe_names)}) on {n} words: {spacy_wps:,.0f} words/s")
    print(f"ratio ficlens dialogue (with upstream) / spaCy full: {ficlens_wps / spacy_wps:.2f}")
    print(f"ratio quotes stage alone / spaCy full: {quotes_wps / spacy_wps:.2f}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
