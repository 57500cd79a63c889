"""Session 22: a place whose head no one bears as a surname stays a place after a title (invented text)."""

from __future__ import annotations

from coref_helpers import character_names


def test_a_title_before_an_island_is_part_of_the_places_name():
    text = ("Martha Dunn had lived on Prince Edward Island all her life. \"Prince Edward Island is the prettiest "
            "place in the world,\" she told her nephew Tom. Tom had never left Prince Edward Island, and he said "
            "so. They sailed round King George Island in the summer. \"King George Island was cold,\" said Tom.")
    names = character_names(text)
    assert {"Martha Dunn", "Tom"} <= names
    assert not any("Island" in n or n in ("Prince Edward", "King George") for n in names), names


def test_a_titled_person_is_still_a_person():
    text = ("Prince Edward rode into the courtyard. \"We leave at dawn,\" said Prince Edward to his sister. "
            "Prince Edward was tired, and he slept until noon.")
    assert "Prince Edward" in character_names(text)
