"""Rebuild the coreference ranker weights in src/ficlens/models/coref/ from LitBank (see ficlens.models.coref_train)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ficlens.models.coref_train import MODEL_DIR, main

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--litbank", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data" / "litbank"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(MODEL_DIR))
    ap.add_argument("--entity", action="store_true", help="also train the entity-level second stage")
    a = ap.parse_args()
    main(a.litbank, a.folds, Path(a.out), a.entity)
