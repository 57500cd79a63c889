"""A fandom pack's epithets ('the toad sage') name the character they belong to when that character is in the story."""

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze


def _characters(text: str):
    work = work_from_text(text)
    analyze(work, stages=["tokens", "characters"])
    return work


def _mention(work, surface: str):
    return [m for m in work.mentions if work.text[m.start:m.end] == surface][0]


def test_a_pack_epithet_is_the_named_characters_mention():
    work = _characters("Naruto and Sasuke waited for Kakashi at the gate, and Kakashi was late again. Naruto "
                       "trained with Sasuke all morning, and Sasuke won every bout. Naruto swore he would win the "
                       "next one. Sasuke smirked at him. At dusk the copy-nin came back through the gate.")
    kakashi = [c for c in work.characters if "Kakashi" in c.aliases][0]
    assert _mention(work, "the copy-nin").character == kakashi.id


def test_an_epithet_of_a_character_not_in_the_story_names_nobody():
    work = _characters("Naruto and Sakura walked past the rice fields of Konoha. Sakura pointed at the scarecrow "
                       "and laughed. Naruto shrugged and Sakura ran ahead.")
    assert not any("Kakashi" in c.name for c in work.characters)


def test_a_pronoun_after_a_pack_epithet_follows_it_to_the_character():
    """The epithet is pinned before linking, so "He" links to it although the name is far back."""
    far = " ".join(["Sakura laughed, and Ino told her to hush. Sakura pouted and Ino teased her."] * 8)
    work = _characters("Sakura and Ino waited for Kakashi at the gate, and Kakashi was late again. " + far +
                       " At noon the copy-nin strolled up the road. He waved a lazy hand at them.")
    kakashi = [c for c in work.characters if "Kakashi" in c.aliases][0]
    assert _mention(work, "the copy-nin").character == kakashi.id
    assert _mention(work, "He").character == kakashi.id
