"""Name normalisation helpers behind pack look-ups and ship splitting."""

from __future__ import annotations

from ficlens.fandoms.names import fold, mora_prefixes, strip_suffix, suffix_of, surface_keys, words


def test_fold_and_words():
    assert fold("Chōji") == "choji" and fold("Padmé") == "padme"
    assert words("Kakashi-sensei") == ["kakashi", "sensei"]
    assert words("Kakashi\u2019s") == ["kakashi"]
    assert words("Mr. Potter") == ["mr", "potter"]
    assert words("Obi-Wan") == ["obi", "wan"]


def test_surface_keys_strip_the_honorifics_and_titles_in_order():
    assert surface_keys("Kakashi-sensei") == ["kakashisensei", "kakashi"]
    assert surface_keys("the copy-nin") == ["thecopynin", "copynin"]
    assert surface_keys("Lady Tsunade") == ["ladytsunade", "tsunade"]
    assert surface_keys("Sensei") == ["sensei"]  # never strips a name down to nothing


def test_suffixes():
    assert strip_suffix("Tsunade (Naruto)") == "Tsunade" and suffix_of("Tsunade (Naruto)") == "Naruto"
    assert strip_suffix("Original Female Character(s)") == "Original Female Character(s)"
    assert suffix_of("Hatake Kakashi") == ""


def test_mora_prefixes():
    assert mora_prefixes("Kakashi") == ["kaka", "kakashi"]
    assert mora_prefixes("Sakura") == ["saku", "sakura"]
    assert "iru" in mora_prefixes("Iruka") and "gaa" in mora_prefixes("Gaara")
    assert "ten" in mora_prefixes("Tenten")
