"""The given-name table: a name listed for both genders takes the gender its frequencies favour."""

from ficlens.stages.characters import _entry_weight, _first_names, guess_gender


def test_entry_weight_counts_english_columns_thrice() -> None:
    line = "F  Abcd" + " " * 23 + "76" + " " * 10 + "3"
    assert _entry_weight(line) == 7 * 3 + 6 * 3 + 3


def test_names_listed_for_both_genders_take_the_common_one() -> None:
    assert _first_names(), "gender-guesser (a pinned dependency) should be installed"
    assert guess_gender("Jane") == "F"  # F in Britain and the U.S., an M entry with no figures elsewhere
    assert guess_gender("Joan") == "F"
    assert guess_gender("John") == "M"
    assert guess_gender("Robin") == ""  # a unisex entry says nothing


def test_unknown_words_have_no_gender() -> None:
    assert guess_gender("Zxqvy") == ""
    assert guess_gender("A") == ""
