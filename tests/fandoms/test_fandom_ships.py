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


@pytest.mark.parametrize("text", ["Hello", "Naruto", "Sakura", "Kakashi/Mr. Darcy", "", "the weather", "Darcy/Elizabeth"])
def test_not_ships(text):
    assert parse_ship(text) is None


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
