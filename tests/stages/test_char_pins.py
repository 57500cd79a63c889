"""Descriptions pinned before linking: a fandom pack's non-human character is "the dog" of its scene."""

from ficlens.stages.char_pins import _head_phrase
from tests.stages.test_characters import by_alias, characters


def _nominal(work, surface):
    return [m for m in work.mentions if m.kind == "nominal" and work.text[m.start:m.end] == surface]


def test_animal_description_is_the_pack_animal_of_the_scene():
    text = ("Kakashi bit his thumb and summoned Pakkun. \"Find Sakura,\" Kakashi said to the ninja hounds. "
            "The pug sniffed the air and he pointed his nose at the river. \"She went that way,\" he said.\n\n"
            "Sakura waited by the river. Naruto sat beside her and he grinned.")
    work = characters(text)
    pakkun = by_alias(work, "Pakkun")[0]
    pug = _nominal(work, "The pug")
    assert pug and pug[0].character == pakkun.id


def test_animal_description_far_from_the_pack_animal_is_left_to_the_linker():
    text = ("Kakashi bit his thumb and summoned Pakkun. The pug bowed to Kakashi and he vanished.\n\n" +
            "Kakashi walked on with Sakura. \"Late again,\" Sakura said. Kakashi shrugged.\n\n" * 9 +
            "A stray dog barked at the gate. The dog ran off. Kakashi smiled at Sakura.")
    work = characters(text)
    pakkun = by_alias(work, "Pakkun")[0]
    assert _nominal(work, "The pug")[0].character == pakkun.id
    assert all(m.character != pakkun.id for m in _nominal(work, "The dog"))


def test_head_phrase_stops_at_the_head():
    assert _head_phrase("the man with the dog", "man") == ["the", "man"]
    assert _head_phrase("the canine leader", "leader") == ["the", "canine", "leader"]
