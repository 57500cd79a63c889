"""Build src/ficlens/models/noun_senses.json.gz: the WordNet lexicographer file of each sense of each noun.

Source: WordNet 3.0 (Princeton University; WordNet 3.0 license, which allows copying and redistribution with its
notice, kept in the output's ``notice``), as Debian's ``wordnet-base`` package ships it
(``/usr/share/wordnet/index.noun`` and ``data.noun``; ``apt-get install wordnet-base``, or unpack its .deb with
``dpkg-deb -x`` and pass ``--dict DIR``). Every one-word noun lemma (letters, hyphens, apostrophes) gets one
letter per sense, its senses in WordNet's order (most frequent first), at most ``MAX_SENSES``: the letter names
the sense's lexicographer file (``p`` person, ``a`` animal, ``l`` plant, ``g`` group, ``t`` artifact, ``c``
location, ``o`` anything else; the top synsets "person", "animal", "plant" and "group" count as their files).
Run time reads it through :mod:`ficlens.stages.noun_senses`.

    python scripts/build_noun_senses.py [--dict /usr/share/wordnet]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "ficlens" / "models" / "noun_senses.json.gz"
MAX_SENSES = 8
LETTERS = {"noun.person": "p", "noun.animal": "a", "noun.plant": "l", "noun.group": "g", "noun.artifact": "t",
           "noun.location": "c"}
TOPS = {"person": "p", "animal": "a", "plant": "l", "group": "g"}  # noun.Tops synsets that head those files
LEXFILES = ["adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
            "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling",
            "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object", "noun.person",
            "noun.phenomenon", "noun.plant", "noun.possession", "noun.process", "noun.quantity", "noun.relation",
            "noun.shape", "noun.state", "noun.substance", "noun.time"]
NOTICE = ("WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS "
          "PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. "
          "Permission to use, copy, modify and distribute this software and database and its documentation for any "
          "purpose and without fee or royalty is granted under the WordNet 3.0 license.")


def lexfile_letters(data_noun: Path) -> dict[str, str]:
    """Synset offset -> letter of its lexicographer file."""
    out = {}
    for line in data_noun.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        offset, lexnum, _, _, first_word = line.split(" ", 5)[:5]
        lexfile = LEXFILES[int(lexnum)]
        out[offset] = TOPS.get(first_word, "o") if lexfile == "noun.Tops" else LETTERS.get(lexfile, "o")
    return out


def noun_senses(wordnet: Path) -> dict[str, str]:
    """One-word noun lemma -> letters of its senses (most frequent first)."""
    letters = lexfile_letters(wordnet / "data.noun")
    out = {}
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        lemma, senses = parts[0], int(parts[2])
        if not re.fullmatch(r"[a-z][a-z'-]*", lemma):
            continue
        out[lemma] = "".join(letters[o] for o in parts[-senses:][:MAX_SENSES])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dict", type=Path, default=Path("/usr/share/wordnet"))
    args = ap.parse_args()
    table = noun_senses(args.dict)
    payload = {"source": "WordNet 3.0 (index.noun, data.noun)", "notice": NOTICE, "letters": LETTERS,
               "nouns": table}
    data = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as fh:  # mtime 0: the same bytes on every build
        fh.write(data)
    print(f"{len(table)} nouns -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
