"""Rebuild the speaker model weights in src/ficlens/models/speaker/ from PDNC and LitBank (see ficlens.models.speaker_train)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ficlens.models.speaker_train import MODEL_DIR, main

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pdnc", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pdnc"))
    ap.add_argument("--litbank", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data" / "litbank"),
                    help="LitBank root (quotations/, coref/); 'none' trains on PDNC alone")
    ap.add_argument("--litbank-cv", action="store_true",
                    help="also report LitBank speaker accuracy, 5-fold leave-documents-out")
    ap.add_argument("--folds", type=int, default=5,
                    help="leave-novels-out folds; 0 trains the full model alone (pdnc.joblib is DIR/full.joblib "
                         "of --litbank none --folds 0 --out DIR)")
    ap.add_argument("--gold-characters-only", action="store_true",
                    help="train on the gold character lists only (not also on the characters stage's clusters)")
    ap.add_argument("--works-cache", default=None,
                    help="directory of pickled analysed novels to reuse (written when missing)")
    ap.add_argument("--out", default=str(MODEL_DIR))
    a = ap.parse_args()
    main(a.pdnc, a.folds, Path(a.out), None if a.litbank == "none" else a.litbank, a.litbank_cv,
         predicted=not a.gold_characters_only, works_cache=a.works_cache)
