"""Ship names -> canonical characters, and AO3 relationship tag order."""

from __future__ import annotations

import pytest

from ficlens.fandoms import parse_ship, relationship_tag


@pytest.mark.parametrize(
    "ship, expected",
    [
        ("KakaSaku", ["Hatake Kakashi", "Haruno Sakura"]),
        ("kakasaku", ["Hatake Kakashi", "Haruno Sakura"]),
        ("KakaIru", ["Hatake Kakashi", "Umino Iruka"]),
        ("NaruSasu", ["Uzumaki Naruto", "Uchiha Sasuke"]),
        ("SasuSaku", ["Uchiha Sasuke", "Haruno Sakura"]),
        ("Kakashi/Iruka", ["Hatake Kakashi", "Umino Iruka"]),
        ("Kakashi x Sakura", ["Hatake Kakashi", "Haruno Sakura"]),
        ("Kakashi & Pakkun", ["Hatake Kakashi", "Pakkun"]),
        # generated from syllables, not listed in the pack's ship table
        ("ItaDei", ["Uchiha Itachi", "Deidara (Naruto)"]),
        ("GaaSaku", ["Gaara (Naruto)", "Haruno Sakura"]),
        ("KisaSaku", ["Hoshigaki Kisame", "Haruno Sakura"]),
    ],
)
def test_naruto_ships(ship, expected):
    assert parse_ship(ship) == expected
    assert parse_ship(ship, fandom="Naruto") == expected


@pytest.mark.parametrize("text", ["Hello", "Naruto", "Sakura", "Kakashi/Mr. Darcy", "", "the weather", "Darcy/Elizabeth",
                                  "fresco", "Wonderful", "Highbury", "Kakasak", "McGonagall", "Sasuke-kun"])
def test_not_ships(text):
    assert parse_ship(text) is None


def test_capitals_must_match_the_split():
    assert parse_ship("KAKASAKU") == ["Hatake Kakashi", "Haruno Sakura"]  # all caps: no boundaries given
    assert parse_ship("NaruSasuSaku") == ["Uzumaki Naruto", "Uchiha Sasuke", "Haruno Sakura"]
    assert parse_ship("GaaSaku") and parse_ship("GaAsaku") is None  # inner capital where no split can be


def test_ordinary_words_of_a_novel_are_not_ships(pdnc_dir):
    import re

    text = (pdnc_dir / "Emma" / "novel_text.txt").read_text(encoding="utf-8")
    words = sorted(set(re.findall(r"\b[A-Z][a-z]{5,13}\b", text)))
    assert len(words) > 200
    assert [w for w in words if parse_ship(w)] == []


def test_fandom_restricts_packs():
    assert parse_ship("KakaSaku", fandom="No Such Fandom") is None


@pytest.mark.parametrize(
    "names, romantic, expected",
    [
        (["Hatake Kakashi", "Haruno Sakura"], True, "Haruno Sakura/Hatake Kakashi"),
        (["Umino Iruka", "Hatake Kakashi"], True, "Hatake Kakashi/Umino Iruka"),
        (["Uzumaki Naruto", "Uchiha Sasuke"], False, "Uchiha Sasuke & Uzumaki Naruto"),
        (["Pakkun", "Hatake Kakashi"], False, "Hatake Kakashi & Pakkun"),
        (["Tsunade (Naruto)", "Jiraiya (Naruto)"], True, "Jiraiya/Tsunade (Naruto)"),
        (["Uchiha Sasuke", "Karin (Naruto)"], True, "Karin/Uchiha Sasuke"),
        # a non-canonical full name is written canonically, duplicates dropped
        (["Kakashi Hatake", "Hatake Kakashi", "Iruka Umino"], True, "Hatake Kakashi/Umino Iruka"),
        # names no pack knows: Western order, family name last
        (["Elizabeth Bennet", "Fitzwilliam Darcy"], True, "Elizabeth Bennet/Fitzwilliam Darcy"),
        (["Zed Adams", "Amy Zimmer"], False, "Zed Adams & Amy Zimmer"),
    ],
)
def test_relationship_tag_order(names, romantic, expected):
    assert relationship_tag(names, romantic) == expected
