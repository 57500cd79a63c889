"""Which shipped model scores a text: the fold model that left it out of training, else ``full``."""

from __future__ import annotations

import json
from pathlib import Path


def held_out_model(model_dir: Path, mapping_key: str, name: str) -> str:
    """``fold{k}`` when ``name`` is listed under ``mapping_key`` in ``model_dir/folds.json``, else ``full``."""
    path = model_dir / "folds.json"
    if path.is_file():
        mapping = json.loads(path.read_text()).get(mapping_key, {})
        if name in mapping:
            return f"fold{mapping[name]}"
    return "full"
