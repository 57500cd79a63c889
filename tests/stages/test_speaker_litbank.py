"""LitBank quotations as speaker-model training items, and their place in the leave-novels-out folds."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

from ficlens.models.speaker_litbank import detokenize, litbank_excerpts, load_litbank_excerpt, same_book

SEED_GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds" / "pdnc"

TOKENS = """Chapter 1 Anna Holt was tired .
“ Where is he ? ” asked Anna .
“ Gone , ” said Tom Reed .
“ Gone ? I do n't believe it . You 're lying .
He would n't leave . ”
“ Who told you ? ”
cried she .
Tom shrugged ."""

QUOTES = """QUOTE\tQ1\t1\t0\t1\t5\t“ Where is he ? ”
QUOTE\tQ2\t2\t0\t2\t3\t“ Gone , ”
QUOTE\tQ3\t3\t0\t4\t5\t“ Gone ? I do n't believe it . You 're lying . He would n't leave . ”
QUOTE\tQ4\t5\t0\t5\t5\t“ Who told you ? ”
ATTRIB\tQ1\tAnna_Holt-0
ATTRIB\tQ2\tTom_Reed-1
ATTRIB\tQ3\tAnna_Holt-0
ATTRIB\tQ4\tAnna_Holt-0
"""

COREF = """MENTION\tT1\t0\t2\t0\t3\tAnna Holt\tPER\tPROP
MENTION\tT2\t1\t7\t1\t7\tAnna\tPER\tPROP
MENTION\tT3\t2\t5\t2\t6\tTom Reed\tPER\tPROP
MENTION\tT4\t3\t3\t3\t3\tI\tPER\tPRON
MENTION\tT5\t4\t0\t4\t0\tHe\tPER\tPRON
MENTION\tT6\t6\t1\t6\t1\tshe\tPER\tPRON
MENTION\tT7\t7\t0\t7\t0\tTom\tPER\tPROP
COREF\tT1\tAnna_Holt-0
COREF\tT2\tAnna_Holt-0
COREF\tT4\tAnna_Holt-0
COREF\tT6\tAnna_Holt-0
COREF\tT3\tTom_Reed-1
COREF\tT5\tTom_Reed-1
COREF\tT7\tTom_Reed-1
"""


def write_doc(root: Path, name: str) -> None:
    for sub, ann in (("quotations", QUOTES), ("coref", COREF)):
        d = root / sub / "tsv"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{name}.txt").write_text(TOKENS, encoding="utf-8")
        (d / f"{name}.ann").write_text(ann, encoding="utf-8")


def test_detokenize_keeps_token_offsets_and_guesses_dialogue_paragraphs():
    sentences = [line.split(" ") for line in TOKENS.split("\n")]
    text, offsets = detokenize(sentences)
    for (si, ti), (a, b) in offsets.items():
        assert text[a:b] == sentences[si][ti]
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Chapter 1 Anna Holt was tired."
    assert paragraphs[1] == "“Where is he?” asked Anna."
    assert paragraphs[2] == "“Gone,” said Tom Reed."
    # a speech over two sentences is one paragraph; the tag split off by the tokenizer stays with its quote
    assert paragraphs[3] == "“Gone? I don't believe it. You're lying. He wouldn't leave.”"
    # narration after a tagged quote stays in its paragraph ("..." she said. She left.)
    assert paragraphs[4] == "“Who told you?” cried she. Tom shrugged."
    assert len(paragraphs) == 5


def test_excerpt_gives_characters_genders_and_quote_speakers(tmp_path):
    write_doc(tmp_path, "1_some_book_brat")
    novel = load_litbank_excerpt(tmp_path / "quotations" / "tsv" / "1_some_book_brat.ann",
                                 tmp_path / "coref" / "tsv" / "1_some_book_brat.ann")
    chars = {c.name: c for c in novel.characters}
    assert set(chars) == {"Anna Holt", "Tom Reed"}
    assert chars["Anna Holt"].aliases == {"Anna Holt", "Anna"} and chars["Anna Holt"].gender == "F"
    assert chars["Tom Reed"].aliases == {"Tom Reed", "Tom"} and chars["Tom Reed"].gender == "M"
    assert [q.speaker for q in novel.quotes] == ["Anna Holt", "Tom Reed", "Anna Holt", "Anna Holt"]
    assert [novel.text[q.spans[0][0]:q.spans[0][1]] for q in novel.quotes[:2]] == ["“Where is he?”", "“Gone,”"]
    a, b = novel.quotes[2].spans[0]
    assert novel.text[a:b] == "“Gone? I don't believe it. You're lying. He wouldn't leave.”"


def test_litbank_titles_match_pdnc_novels():
    assert same_book("1342_pride_and_prejudice_brat", "PrideAndPrejudice")
    assert same_book("5230_the_invisible_man_a_grotesque_romance_brat", "TheInvisibleMan")
    assert not same_book("2852_the_hound_of_the_baskervilles_brat", "TheSignOfTheFour")
    assert not same_book("158_emma_brat", "PrideAndPrejudice")


def test_real_litbank_excerpt_labels_reach_the_candidates(litbank_dir):
    from ficlens.models.speaker_data import gold_novel_data

    excerpts = {ex.name: ex for ex in litbank_excerpts(litbank_dir)}
    assert len(excerpts) > 50
    pp = excerpts["1342_pride_and_prejudice_brat"]
    first = pp.quotes[0]
    assert first.speaker == "Mrs. Bennet"
    assert pp.text[first.spans[0][0]:first.spans[0][1]] == "“My dear Mr. Bennet,”"
    labelled = reached = 0
    for ex in excerpts.values():
        nd = gold_novel_data(ex)
        units = np.flatnonzero(nd.gold >= 0)
        labelled += len(units)
        reached += sum(1 for u in units if nd.y[nd.unit == u].any())
    assert labelled > 900
    assert reached / labelled > 0.85  # the gold speaker is among the candidates of most quotations


def test_training_adds_litbank_but_not_to_the_fold_holding_its_book(tmp_path, monkeypatch):
    """Fold models train on LitBank minus the excerpts of their held-out novels; folds.json says which."""
    from ficlens.models import speaker_train

    seed = sorted(d.name for d in SEED_GOLD.iterdir() if d.is_dir())[0]
    lit = tmp_path / "litbank"
    write_doc(lit, f"7_{seed}_brat")  # an excerpt "from" the seed novel
    write_doc(lit, "8_a_third_book_brat")
    write_doc(lit, "9_another_book_brat")
    seen: list[list[str]] = []
    fast = functools.partial(speaker_train.train_two_pass, rounds=15)

    def spy(data, **kw):
        seen.append(sorted(nd.name for nd in data))
        return fast(data, **kw)

    monkeypatch.setattr(speaker_train, "train_two_pass", spy)
    out = tmp_path / "model"
    report = speaker_train.main(str(SEED_GOLD), folds=2, out=out, litbank=lit)
    meta = json.loads((out / "folds.json").read_text())
    held = str(meta["novel_fold"][seed])
    assert meta["litbank_excerpts"] == [f"7_{seed}_brat", "8_a_third_book_brat", "9_another_book_brat"]
    assert meta["litbank_excluded_from_fold"][held] == [f"7_{seed}_brat"]
    assert f"7_{seed}_brat" not in seen[int(held)] and "9_another_book_brat" in seen[int(held)]
    assert f"7_{seed}_brat" in seen[-1] and seed in seen[-1]  # the full model sees everything
    assert report["litbank_excerpts"] == 3 and (out / "full.joblib").is_file()
