"""Naruto pack: size, canonical names and every way of naming a character."""

from __future__ import annotations

import pytest

from ficlens.fandoms import all_packs, get_pack


@pytest.fixture(scope="module")
def naruto():
    pack = get_pack("Naruto")
    assert pack is not None
    return pack


def test_pack_found_by_synonyms(naruto):
    for name in ("Naruto", "NARUTO", "naruto", "Naruto (Anime & Manga)", "Naruto - Masashi Kishimoto"):
        assert get_pack(name) is naruto
    assert get_pack("Pride and Prejudice") is None
    assert get_pack("") is None
    assert naruto in all_packs()


def test_main_cast_size_and_fields(naruto):
    assert len(naruto.characters) >= 60
    canon = {c.canonical for c in naruto.characters}
    for name in ("Uzumaki Naruto", "Uchiha Sasuke", "Haruno Sakura", "Hatake Kakashi", "Umino Iruka",
                 "Tsunade (Naruto)", "Jiraiya (Naruto)", "Orochimaru (Naruto)", "Karin (Naruto)", "Pakkun",
                 "Gaara (Naruto)", "Uchiha Itachi", "Namikaze Minato", "Nohara Rin", "Kurama (Naruto)"):
        assert name in canon
    assert all(c.gender in {"M", "F", "N", "U"} for c in naruto.characters)
    assert naruto.lookup("Sakura").gender == "F" and naruto.lookup("Kakashi").gender == "M"
    assert naruto.lookup("Pakkun").kind == "ninken"
    assert len(canon) == len(naruto.characters), "canonical names must be unique"


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("Kakashi", "Hatake Kakashi"),
        ("Hatake Kakashi", "Hatake Kakashi"),
        ("Kakashi Hatake", "Hatake Kakashi"),
        ("KAKASHI", "Hatake Kakashi"),
        ("Kakashi-sensei", "Hatake Kakashi"),
        ("kakashi sensei", "Hatake Kakashi"),
        ("Kakashi\u2019s", "Hatake Kakashi"),
        ("Tsunade-sama", "Tsunade (Naruto)"),
        ("Lady Tsunade", "Tsunade (Naruto)"),
        ("Granny Tsunade", "Tsunade (Naruto)"),
        ("Sakura-chan", "Haruno Sakura"),
        ("Naruto-kun", "Uzumaki Naruto"),
        ("Iruka-sensei", "Umino Iruka"),
        ("the copy-nin", "Hatake Kakashi"),
        ("Copy Ninja", "Hatake Kakashi"),
        ("Sharingan no Kakashi", "Hatake Kakashi"),
        ("the Toad Sage", "Jiraiya (Naruto)"),
        ("Pervy Sage", "Jiraiya (Naruto)"),
        ("Choji", "Akimichi Chouji"),
        ("Hyuga Hinata", "Hyuuga Hinata"),
        ("Tenzou", "Yamato (Naruto)"),
        ("Kyuubi", "Kurama (Naruto)"),
        ("Might Guy", "Maito Gai"),
        ("Karin", "Karin (Naruto)"),
        ("Pakkun", "Pakkun"),
    ],
)
def test_lookup_variants(naruto, surface, expected):
    hit = naruto.lookup(surface)
    assert hit is not None, surface
    assert hit.canonical == expected


@pytest.mark.parametrize("surface", ["Uchiha", "Hokage-sama", "Hokage", "Sensei", "Hyuuga", "", "Mr. Darcy"])
def test_ambiguous_or_unknown_surfaces_give_none(naruto, surface):
    assert naruto.lookup(surface) is None


def test_family_name_alone_is_weaker_than_full_name(naruto):
    full = naruto.lookup_scored("Umino Iruka")
    family = naruto.lookup_scored("Umino")
    assert full and family and family[0] is full[0]
    assert family[1] < full[1]
