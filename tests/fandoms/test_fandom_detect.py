"""Fandom detection: seeds are Naruto, ordinary novels are no fandom."""

from __future__ import annotations

import pytest

from ficlens.fandoms import detect_fandoms


def top(text: str, names: list[str] | None = None) -> tuple[str, float] | None:
    found = detect_fandoms(text, names)
    return found[0] if found else None


def test_seeds_are_naruto(seed_paths):
    assert seed_paths
    for path in seed_paths:
        found = detect_fandoms(path.read_text(encoding="utf-8"))
        assert found and found[0][0] == "Naruto" and found[0][1] > 0.9, (path.name, found)


def test_names_alone(seed_paths):
    fandom, conf = top("", names=["Kakashi", "Iruka", "Tsunade"])
    assert fandom == "Naruto" and conf > 0.5
    assert detect_fandoms("", names=["Harry"]) == [] or detect_fandoms("", names=["Harry"])[0][1] < 0.5


def test_naruto_snippet():
    text = ("Kakashi slouched against the training post while Sasuke glared at Naruto. "
            "\"Focus your chakra,\" he said, \"or the jutsu will fail again.\"")
    fandom, conf = top(text)
    assert fandom == "Naruto" and conf > 0.8


@pytest.mark.parametrize("text", [
    "", "The weather was fine and Harry walked to the shops with Sam and Dean.",
    "Tony said to John that Lee and Rin would come to dinner on Sunday.",
])
def test_common_names_do_not_fire(text):
    assert all(conf < 0.5 for _, conf in detect_fandoms(text))


def test_pdnc_novels_have_no_fandom(pdnc_dir):
    for novel in ("PrideAndPrejudice", "Emma", "TheSignOfTheFour", "OliverTwist"):
        path = pdnc_dir / novel / "novel_text.txt"
        if not path.exists():
            continue
        found = detect_fandoms(path.read_text(encoding="utf-8"))
        assert all(conf < 0.5 for _, conf in found), (novel, found)


def test_modern_original_story_with_common_names():
    text = ("John texted Mary from the train. Sam and Dean were already at the pub with Tony, Peter and Steve, "
            "arguing about football. Harry checked his phone again; Rose had sent a photo of the new flat in "
            "Baker Street. \"Are you coming or not?\" Dean asked when John finally walked in. Molly laughed and "
            "ordered another round. Later, Steve drove everyone home while Peter fell asleep. ") * 5
    assert all(conf < 0.5 for _, conf in detect_fandoms(text))


def test_crossover_gives_both_fandoms():
    naruto = ("Kakashi looked up from his book as Naruto and Sasuke bickered about who would master the jutsu "
              "first. Sakura rolled her eyes and gathered her chakra.")
    potter = ("Harry shoved the Marauder's Map into his robes as Hermione hurried him past the Gryffindor common "
              "room. \"If Snape catches us out after curfew,\" Ron muttered.")
    found = dict(detect_fandoms(naruto + " " + potter))
    assert found.get("Naruto", 0) > 0.8 and found.get("Harry Potter - J. K. Rowling", 0) > 0.8
