"""All bundled packs: consistency, look-ups and ship names per fandom, user packs."""

from __future__ import annotations

import json

import pytest

from ficlens.fandoms import all_packs, clear_cache, detect_fandoms, get_pack, parse_ship, relationship_tag
from ficlens.fandoms.names import strip_suffix

FANDOMS = {
    "Naruto": "Naruto",
    "Harry Potter": "Harry Potter - J. K. Rowling",
    "MCU": "Marvel Cinematic Universe",
    "Sherlock": "Sherlock (TV)",
    "My Hero Academia": "僕のヒーローアカデミア | Boku no Hero Academia | My Hero Academia",
    "Supernatural": "Supernatural (TV 2005)",
    "Star Wars": "Star Wars - All Media Types",
}


@pytest.mark.parametrize("synonym, fandom", sorted(FANDOMS.items()))
def test_every_pack_is_found_and_consistent(synonym, fandom):
    pack = get_pack(synonym)
    assert pack is not None and pack.fandom == fandom
    assert get_pack(fandom) is pack and get_pack(fandom.upper()) is pack
    assert len(pack.characters) >= 20
    canon = {c.canonical for c in pack.characters}
    assert len(canon) == len(pack.characters)
    for members in pack.ships.values():
        assert set(members) <= canon
    for ch in pack.characters:
        assert ch.gender in {"M", "F", "N", "U"}
        # every character can be found by its canonical name
        assert pack.lookup(ch.canonical) is ch, ch.canonical
    for tag in pack.relationships:  # known relationship tags name pack characters
        names = {strip_suffix(c) for c in canon}
        assert all(strip_suffix(n) in names for n in tag.split("/")), tag


def test_get_pack_author_suffix_and_unknown():
    assert get_pack("Harry Potter - J.K. Rowling").fandom == FANDOMS["Harry Potter"]
    assert get_pack("Sherlock (TV)").fandom == "Sherlock (TV)"
    assert get_pack("Boku no Hero Academia").fandom == FANDOMS["My Hero Academia"]
    assert get_pack("Supernatural").fandom == FANDOMS["Supernatural"]
    assert get_pack("Emma - Jane Austen") is None


@pytest.mark.parametrize(
    "fandom, surface, expected",
    [
        ("Harry Potter", "Harry", "Harry Potter"),
        ("Harry Potter", "Potter", "Harry Potter"),
        ("Harry Potter", "Professor Snape", "Severus Snape"),
        ("Harry Potter", "Mrs. Weasley", "Molly Weasley"),
        ("Harry Potter", "Voldemort", "Tom Riddle"),
        ("Harry Potter", "Padfoot", "Sirius Black"),
        ("MCU", "Tony", "Tony Stark"),
        ("MCU", "Mr. Stark", "Tony Stark"),
        ("MCU", "Captain America", "Steve Rogers"),
        ("MCU", "Bucky", 'James "Bucky" Barnes'),
        ("MCU", "Natasha Romanoff", "Natasha Romanov (Marvel)"),
        ("Sherlock", "Sherlock", "Sherlock Holmes"),
        ("Sherlock", "Mrs Hudson", "Mrs. Hudson (Sherlock)"),
        ("Sherlock", "Lestrade", "Greg Lestrade"),
        ("My Hero Academia", "Deku", "Midoriya Izuku"),
        ("My Hero Academia", "Kacchan", "Bakugou Katsuki"),
        ("My Hero Academia", "Izuku Midoriya", "Midoriya Izuku"),
        ("My Hero Academia", "Aizawa-sensei", "Aizawa Shouta"),
        ("My Hero Academia", "All Might", "Yagi Toshinori"),
        ("Supernatural", "Cas", "Castiel (Supernatural)"),
        ("Supernatural", "Sammy", "Sam Winchester"),
        ("Supernatural", "Dean", "Dean Winchester"),
        ("Star Wars", "Obi Wan", "Obi-Wan Kenobi"),
        ("Star Wars", "Darth Vader", "Anakin Skywalker"),
        ("Star Wars", "Rey", "Rey (Star Wars)"),
        ("Star Wars", "Padme", "Padmé Amidala"),
    ],
)
def test_lookup_in_other_fandoms(fandom, surface, expected):
    hit = get_pack(fandom).lookup(surface)
    assert hit is not None and hit.canonical == expected


@pytest.mark.parametrize(
    "fandom, surface",
    [("MCU", "James"), ("Supernatural", "Winchester"), ("Star Wars", "Skywalker"), ("Harry Potter", "Professor")],
)
def test_ambiguous_in_other_fandoms(fandom, surface):
    assert get_pack(fandom).lookup(surface) is None


@pytest.mark.parametrize(
    "ship, expected",
    [
        ("Drarry", ["Draco Malfoy", "Harry Potter"]),
        ("Harry/Draco", ["Harry Potter", "Draco Malfoy"]),
        ("Stony", ["Steve Rogers", "Tony Stark"]),
        ("Steve x Tony", ["Steve Rogers", "Tony Stark"]),
        ("Destiel", ["Dean Winchester", "Castiel (Supernatural)"]),
        ("Dean/Cas", ["Dean Winchester", "Castiel (Supernatural)"]),
        ("Johnlock", ["John Watson", "Sherlock Holmes"]),
        ("BakuDeku", ["Bakugou Katsuki", "Midoriya Izuku"]),
        ("TodoDeku", ["Todoroki Shouto", "Midoriya Izuku"]),
        ("Reylo", ["Kylo Ren", "Rey (Star Wars)"]),
        ("Stucky", ["Steve Rogers", 'James "Bucky" Barnes']),
    ],
)
def test_western_and_anime_ships(ship, expected):
    assert parse_ship(ship) == expected


@pytest.mark.parametrize(
    "names, romantic, expected",
    [
        (["Harry Potter", "Draco Malfoy"], True, "Draco Malfoy/Harry Potter"),
        (["Tony Stark", "Steve Rogers"], True, "Steve Rogers/Tony Stark"),
        (["Dean Winchester", "Castiel (Supernatural)"], True, "Castiel/Dean Winchester"),
        (["John Watson", "Sherlock Holmes"], True, "Sherlock Holmes/John Watson"),
        (["Midoriya Izuku", "Bakugou Katsuki"], True, "Bakugou Katsuki/Midoriya Izuku"),
        (["Sam Winchester", "Dean Winchester"], False, "Dean Winchester & Sam Winchester"),
        (["Thor (Marvel)", "Loki (Marvel)"], True, "Loki/Thor (Marvel)"),
    ],
)
def test_relationship_tags_other_fandoms(names, romantic, expected):
    assert relationship_tag(names, romantic) == expected


SNIPPETS = {
    "Harry Potter": "Harry shoved the Marauder's Map into his robes as Hermione hurried him past the Gryffindor "
    "common room. \"If Snape catches us out after curfew,\" Ron muttered, \"we're dead.\"",
    "MCU": "Tony tapped the arc reactor absently while Steve paced the length of the Avengers Tower kitchen. "
    "\"Bucky's not a threat,\" Steve said. Tony snorted. \"Tell that to my lab.\"",
    "Sherlock": "Sherlock didn't look up from his phone when John came in. \"Lestrade texted,\" he said. "
    "\"Triple murder. Get your coat.\" Mrs Hudson was already calling up the stairs of 221B.",
    "My Hero Academia": "Izuku scribbled another note about Kacchan's Quirk while Todoroki watched from across the "
    "training ground. \"Deku,\" Bakugou snarled, \"stop muttering and fight me.\" Aizawa-sensei sighed.",
    "Supernatural": "Dean slammed the Impala's trunk shut and tossed Sam the shotgun loaded with rock salt. "
    "\"Cas said the angel blade won't work on this thing,\" Sam said.",
    "Star Wars": "Obi-Wan ignited his lightsaber as the droids poured through the hangar. \"Anakin,\" he said "
    "into the comm, \"I could use a little help.\" Somewhere above, Ahsoka laughed.",
}


@pytest.mark.parametrize("key", sorted(SNIPPETS))
def test_detect_snippet_per_fandom(key):
    found = detect_fandoms(SNIPPETS[key])
    assert found and found[0][0] == FANDOMS[key] and found[0][1] > 0.7, found
    assert all(conf < 0.5 for f, conf in found[1:])


def test_one_name_is_not_enough():
    # a single distinctive word stays below 0.5, however often it occurs
    assert all(c < 0.5 for _, c in detect_fandoms("Hermione smiled. " * 20))
    assert all(c < 0.5 for _, c in detect_fandoms("She looked at the Holmes house.", names=["Sherlock"]))


def test_sherlock_needs_a_modern_setting():
    victorian = ("Sherlock Holmes lit his pipe in Baker Street. \"Watson,\" said Holmes, \"Mrs. Hudson has "
                 "brought Lestrade and Mycroft.\" Sherlock Holmes rose. ") * 3
    modern = victorian + " John checked his phone; Sherlock had texted him again."
    old = dict(detect_fandoms(victorian)).get("Sherlock (TV)", 0.0)
    new = dict(detect_fandoms(modern)).get("Sherlock (TV)", 0.0)
    assert old < 0.5 < new


def test_user_pack_folder(tmp_path, monkeypatch, capsys):
    pack = {
        "fandom": "Discworld - Terry Pratchett",
        "synonyms": ["Discworld"],
        "cues": [{"phrase": "Ankh-Morpork", "weight": 3}, {"phrase": "Unseen University", "weight": 3}],
        "ships": {"Vimybil": ["Samuel Vimes", "Sybil Ramkin"]},
        "characters": [
            {"canonical": "Samuel Vimes", "given": "Samuel", "family": "Vimes", "gender": "M", "aliases": ["Sam Vimes", "Commander Vimes"]},
            {"canonical": "Sybil Ramkin", "given": "Sybil", "family": "Ramkin", "gender": "F", "aliases": ["Lady Sybil"]},
            {"canonical": "Rincewind", "given": "Rincewind", "gender": "M"},
        ],
    }
    (tmp_path / "discworld.json").write_text(json.dumps(pack), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "nofandom.json").write_text("{\"characters\": []}", encoding="utf-8")
    monkeypatch.setenv("FICLENS_FANDOM_PACKS", str(tmp_path))
    clear_cache()
    try:
        disc = get_pack("Discworld")
        assert disc is not None and disc.lookup("Commander Vimes").canonical == "Samuel Vimes"
        assert get_pack("Naruto") is not None  # bundled packs still there
        assert len(all_packs()) == 8
        err = capsys.readouterr().err.splitlines()
        assert any("broken.json" in line for line in err) and any("nofandom.json" in line for line in err)
        assert all(len(line) < 300 for line in err)
        assert parse_ship("Vimybil") == ["Samuel Vimes", "Sybil Ramkin"]
        text = "Vimes walked the streets of Ankh-Morpork past Unseen University, thinking of Lady Sybil."
        assert detect_fandoms(text)[0][0] == "Discworld - Terry Pratchett"
    finally:
        monkeypatch.delenv("FICLENS_FANDOM_PACKS")
        clear_cache()
    assert get_pack("Discworld") is None


def test_user_pack_replaces_bundled_pack(tmp_path, monkeypatch):
    pack = {"fandom": "Naruto", "characters": [{"canonical": "Hatake Kakashi", "given": "Kakashi", "family": "Hatake",
                                                "aliases": ["Lord Sixth"], "gender": "M"}]}
    (tmp_path / "my_naruto.json").write_text(json.dumps(pack), encoding="utf-8")
    monkeypatch.setenv("FICLENS_FANDOM_PACKS", str(tmp_path))
    clear_cache()
    try:
        naruto = get_pack("Naruto")
        assert len(naruto.characters) == 1 and naruto.lookup("Lord Sixth").canonical == "Hatake Kakashi"
    finally:
        monkeypatch.delenv("FICLENS_FANDOM_PACKS")
        clear_cache()
    assert len(get_pack("Naruto").characters) >= 60
