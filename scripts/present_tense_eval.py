"""How well characters and speakers hold up when the same stories are narrated in the present tense.

PDNC and the seeds are narrated in the past tense; much fan fiction is not ("Naruto grins at her. "Sure,"
he says."). This script writes PDNC-layout copies of the given folders with the narration put in the
present tense, moves the gold quotation offsets with the text, runs ``ficlens eval quotes`` on the
originals and on the copies, and prints one row each:

    python scripts/present_tense_eval.py ../shared/seeds/pdnc/*/ ../shared/data/pdnc/PrideAndPrejudice

Only narration changes (nothing inside a gold quotation): every past-tense verb the tagger finds (VBD)
becomes the present form its subject takes ("said" -> "says", "they ran" -> "they run", "was" -> "is").
The tagger and a few rules decide, so a verb here and there comes out wrong, as in a hasty rewrite.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import csv
import json
import shutil
import tempfile
from pathlib import Path

PLURAL_SUBJECTS = frozenset("you we they".split())
IRREGULAR = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"), "go": ("goes", "go")}
SKIP_BACK = frozenset(["ADV", "PART"])  # "he quickly said": look past these for the subject


def third_person(lemma: str) -> str:
    """ "grin" -> "grins", "reach" -> "reaches", "hurry" -> "hurries"."""
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def present_form(word: str, lemma: str, subject: str) -> str:
    """The present form of the past-tense ``word`` (lemma ``lemma``) for a subject of person/number ``subject``
    ("1" for I, "p" for you/we/they and plural nouns, "3" otherwise), in its capitals."""
    lemma = lemma.lower()
    if lemma == "be":
        form = {"1": "am", "p": "are"}.get(subject, "is")
    elif subject in ("1", "p"):
        form = IRREGULAR.get(lemma, ("", lemma))[1]
    else:
        form = IRREGULAR[lemma][0] if lemma in IRREGULAR else third_person(lemma)
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _subject(doc, i: int):
    """The token before verb ``i`` that is most likely its subject (past adverbs), or None."""
    k = i - 1
    while k >= 0 and doc[k].pos_ in SKIP_BACK:
        k -= 1
    return doc[k] if k >= 0 else None


def to_present(text: str, spans: list[tuple[int, int]], nlp) -> tuple[str, list[tuple[int, int]]]:
    """(new text, edits): the narration of ``text`` in the present tense; ``spans`` (the gold quotations)
    are left as they are. Each edit is (old offset, change of length), for :class:`Mover`."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]

    def quoted(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < spans[k][1]

    out, edits, last = [], [], 0
    offset = 0
    lines = text.split("\n")
    for para, doc in zip(lines, nlp.pipe(lines, batch_size=256)):
        for tok in doc:
            if tok.tag_ != "VBD" or "'" in tok.text or "\u2019" in tok.text:
                continue
            pos = offset + tok.idx
            if quoted(pos):
                continue
            subj = _subject(doc, tok.i)
            low = subj.text.lower() if subj is not None else ""
            person = "1" if low == "i" else "p" if low in PLURAL_SUBJECTS or (
                subj is not None and subj.tag_ in ("NNS", "NNPS")) else "3"
            new = present_form(tok.text, tok.lemma_, person)
            if new == tok.text:
                continue
            out.append(text[last:pos])
            out.append(new)
            edits.append((pos, len(new) - len(tok.text)))
            last = pos + len(tok.text)
        offset += len(para) + 1
    out.append(text[last:])
    return "".join(out), edits


class Mover:
    """Offsets of the old text in the new one, from :func:`to_present`'s edits."""

    def __init__(self, edits: list[tuple[int, int]]) -> None:
        self.at = [p for p, _ in edits]
        self.shift = [0]
        for _, d in edits:
            self.shift.append(self.shift[-1] + d)

    def __call__(self, pos: int) -> int:
        return pos + self.shift[bisect.bisect_left(self.at, pos)]


def write_copy(src: Path, dst: Path, nlp) -> None:
    """A PDNC-layout copy of ``src`` in the present tense under ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    text = (src / "novel_text.txt").read_text(encoding="utf-8")
    with open(src / "quotation_info.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    spans = [tuple(s) for r in rows for s in ast.literal_eval(r["quoteByteSpans"] or "[]")]
    new, edits = to_present(text, spans, nlp)
    moved = Mover(edits)
    (dst / "novel_text.txt").write_text(new, encoding="utf-8")
    for r in rows:
        old = ast.literal_eval(r["quoteByteSpans"] or "[]")
        r["quoteByteSpans"] = str([[moved(a), moved(b)] for a, b in old])
    with open(dst / "quotation_info.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ["quoteID"], quoting=csv.QUOTE_ALL)
        w.writeheader()
        w.writerows(rows)
    shutil.copy(src / "character_info.csv", dst / "character_info.csv")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path, metavar="DIR")
    ap.add_argument("--out", type=Path, help="also write both evals' JSON to this file")
    ap.add_argument("--keep", type=Path, help="write the present-tense copies here (kept) instead of a temp dir")
    a = ap.parse_args()
    import spacy
    from quote_styles_eval import eval_quotes, print_table  # scripts/, this script's own folder

    from ficlens.stages.tokens import MODEL

    nlp = spacy.load(MODEL, exclude=["parser", "ner"])
    nlp.enable_pipe("senter")
    results = {}
    with tempfile.TemporaryDirectory(prefix="ficlens-present-") as tmp:
        root = a.keep or Path(tmp)
        copies = []
        for d in a.dirs:
            write_copy(d, root / d.name, nlp)
            copies.append(root / d.name)
        for label, dirs in (("past (original)", a.dirs), ("present", copies)):
            results[label] = eval_quotes(dirs, label)
    print_table(results, "narration")
    if a.out:
        a.out.write_text(json.dumps(results))


if __name__ == "__main__":
    main()
