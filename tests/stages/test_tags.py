"""Tags: rating, warnings, category, vocabulary tags, the user vocabulary and author tag differences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ficlens.stages.relationships import RelationshipStage
from ficlens.stages.tag_vocab import VocabularyError, load_vocabulary
from ficlens.stages.tags import TagStage

from rel_helpers import make_work

ROOT = Path(__file__).resolve().parents[2]

GENTLE = """Mia baked bread on Sunday morning while the rain tapped on the window.

Leo came in with the newspaper and read her the weather report. Mia laughed at the forecast.

They ate the warm bread with butter and talked about the garden and the tomatoes.

In the afternoon Leo painted the fence and Mia planted tulips by the gate."""

VIOLENT = """The battle began at dawn. Rurik drew his sword and charged the enemy line.

Blood sprayed across the snow as Rurik slashed the first soldier; a pool of blood spread beneath the body. Severed fingers lay in the mud.

Rurik was stabbed in the side and the wound gushed. He kept fighting, and struck down two more attackers. Entrails spilled from a dying horse.

Ivar fought beside him. Ivar punched a soldier and kicked him down, then stabbed him. Blood soaked the ground and spurted from the gaping wound in Ivar's arm.

The attack broke. Rurik killed the captain, and the blood splatter covered his face. Corpses lay everywhere across the battlefield, mangled and torn.

Ivar coughed up blood and the battle went on. The fight lasted until dusk, and the killing did not stop."""

DEATH = """Elena and her brother Marco walked to the river every evening. Elena told Marco stories about the stars.

"Promise me you will look after the garden," Elena said to Marco.

Elena grew weaker through the winter. The fever would not break, and Marco sat by her bed every night.

On the last night Elena breathed her last breath in Marco's arms. Elena died before dawn, and her hand went cold. Elena was gone.

The funeral was held on a grey morning. Marco wept at the grave while the mourners laid flowers on her coffin, and grief settled over the village.

Weeks later Marco planted roses in the garden, as had been Elena's last wish. He still grieved for his sister.

Marco worked in the garden every day after that. Marco spoke to the roses. Marco walked alone to the river. Marco watched the stars."""

BACKSTORY = """Sam fixed the fence with his neighbour Jo. Sam's father had died years ago, long before the farm was sold.

Jo handed Sam the hammer. Sam hammered the nails while Jo held the boards.

They finished by noon and Jo made lemonade. Sam drank two glasses and laughed at Jo's jokes.

Sam went home and fed the chickens."""


def analysed(text: str, people: dict[str, str], quotes=(), meta=None):
    work = make_work(text, people, list(quotes))
    if meta:
        for k, v in meta.items():
            setattr(work.meta, k, v)
    RelationshipStage()(work)
    return TagStage()(work)


def names(work, tag_type: str) -> list[str]:
    return [t.name for t in work.tags if t.type == tag_type]


def test_every_tag_has_confidence_and_true_evidence():
    work = analysed(DEATH, {"Elena": "F", "Marco": "M"}, [("Promise me you will look after the garden,", "Elena", "Marco")])
    assert work.tags
    for t in work.tags:
        assert 0.0 <= t.confidence <= 1.0, t
        assert t.reasons, t
        for e in t.evidence:
            if e.end > e.start:
                assert work.text[e.start:e.end] == e.text
    assert len(names(work, "rating")) == 1
    assert names(work, "warning")


def test_gentle_story_is_general_gen_and_unwarned():
    work = analysed(GENTLE, {"Mia": "F", "Leo": "M"})
    assert names(work, "rating") == ["General Audiences"]
    assert names(work, "warning") == ["No Archive Warnings Apply"]
    assert names(work, "category") == ["Gen"]
    assert names(work, "relationship") == []
    assert "Major Character Death" not in names(work, "warning")


def test_graphic_violence_is_mature_with_warning_and_reasons():
    work = analysed(VIOLENT, {"Rurik": "M", "Ivar": "M"})
    assert "Graphic Depictions Of Violence" in names(work, "warning")
    rating = next(t for t in work.tags if t.type == "rating")
    assert rating.name == "Mature"
    assert any("violence" in r for r in rating.reasons)
    assert "Action" in names(work, "additional")
    assert "Blood" in names(work, "additional")


def test_explicit_sex_is_rated_explicit():
    text = """Jon and Kira kissed in the dark. Jon undressed her slowly and she was naked on the bed.

She moaned as his cock pressed against her. He thrust into her and she moaned his name.

Kira rode him until she came hard. Her orgasm shook her; he thrust inside her again.

Jon's erection was hard again by morning. Kira reached for his cock and they made love again, until his orgasm left him breathless."""
    work = analysed(text, {"Jon": "M", "Kira": "F"})
    assert names(work, "rating") == ["Explicit"]
    assert "Sexual Content" in names(work, "additional")


def test_main_character_death_with_funeral_and_grief():
    work = analysed(DEATH, {"Elena": "F", "Marco": "M"}, [("Promise me you will look after the garden,", "Elena", "Marco")])
    mcd = next(t for t in work.tags if t.type == "warning" and t.name == "Major Character Death")
    assert "Elena" in mcd.reasons[0]
    assert any("died" in e.text or "gone" in e.text or "breath" in e.text for e in mcd.evidence)
    extra = names(work, "additional")
    assert "Character Death" in extra
    assert "Grief/Mourning" in extra
    assert names(work, "category") == ["Gen"]  # a brother and a sister


def test_backstory_death_is_not_a_warning():
    work = analysed(BACKSTORY, {"Sam": "M", "Jo": "F"})
    assert names(work, "warning") == ["No Archive Warnings Apply"]
    assert "Character Death" not in names(work, "additional")


@pytest.mark.parametrize("people,category", [
    ({"Anna": "F", "Ben": "M"}, "F/M"),
    ({"Anna": "M", "Ben": "M"}, "M/M"),
    ({"Anna": "F", "Ben": "F"}, "F/F"),
])
def test_category_from_the_couple_genders(people, category):
    text = """Anna kissed Ben at the station. Ben held Anna close.

"I love you," Anna told Ben, and Ben kissed Anna again.

Anna and Ben went home together, holding hands."""
    work = analysed(text, people, [("I love you,", "Anna", "Ben")])
    assert names(work, "category") == [category]
    assert names(work, "relationship") == ["Anna/Ben"]
    assert "Romance" in names(work, "additional")


def test_builtin_vocabulary_is_documented():
    vocab = load_vocabulary("")
    doc = (ROOT / "docs" / "tags.md").read_text(encoding="utf-8")
    assert len(vocab) >= 30
    for td in vocab:
        assert td.definition, td.name
        assert td.name in doc, f"{td.name} missing from docs/tags.md"
    assert {"Fluff", "Angst", "Hurt/Comfort", "Injury", "Hospital", "Secret Relationship", "Established Relationship",
            "Nightmares", "Character Death", "Grief/Mourning", "Jealousy", "Friendship", "Mission", "Action",
            "Romance"} <= {t.name for t in vocab if t.type == "additional"}
    genres = {t.name for t in vocab if t.type == "genre"}
    assert {"Adventure", "Angst", "Crime", "Drama", "Horror", "Humor", "Mystery", "Sci-Fi", "Western", "Tragedy"} <= genres


def test_user_vocabulary_adds_replaces_and_disables(tmp_path, monkeypatch):
    user = tmp_path / "mine.json"
    user.write_text(json.dumps({"tags": [
        {"name": "Baking", "type": "additional", "definition": "Characters bake.",
         "cues": {"bake": ["bak(e|ed|ing)|bread|oven", 1.0]}, "min_score": 2, "per_1000": 0, "min_sentences": 1},
        {"name": "Fluff", "type": "additional", "disabled": True},
    ]}), encoding="utf-8")
    toml = tmp_path / "more.toml"
    toml.write_text('[[tags]]\nname = "Gardening"\ntype = "additional"\ndefinition = "Gardens."\n'
                    'min_score = 2\nmin_sentences = 1\n[tags.cues]\ngarden = ["garden|tulips|fence", 1.0]\n', encoding="utf-8")
    monkeypatch.setenv("FICLENS_TAG_VOCAB", f"{user}:{toml}")
    vocab = load_vocabulary()
    keys = {(t.type, t.name) for t in vocab}
    assert ("additional", "Baking") in keys and ("additional", "Gardening") in keys
    assert ("additional", "Fluff") not in keys
    work = analysed(GENTLE, {"Mia": "F", "Leo": "M"})
    extra = names(work, "additional")
    assert "Baking" in extra and "Gardening" in extra
    baking = next(t for t in work.tags if t.name == "Baking")
    assert any(re.search("bak|bread", e.text, re.I) for e in baking.evidence)


def test_bad_user_vocabulary_names_the_file(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load_vocabulary(str(bad))
    assert "broken.json" in str(err.value) and "\n" not in str(err.value)
    worse = tmp_path / "regex.json"
    worse.write_text(json.dumps({"tags": [{"name": "X", "cues": {"x": ["(unclosed", 1]}}]}), encoding="utf-8")
    with pytest.raises(VocabularyError, match="regex.json"):
        load_vocabulary(str(worse))


def test_author_tags_are_compared_with_the_text():
    meta = {"rating": "General Audiences", "warnings": ["No Archive Warnings Apply"], "categories": ["Gen"],
            "relationships": ["Elena/Marco"], "characters": ["Elena", "Marco", "Zoltan"],
            "additional_tags": ["Fluff", "Hurt/Comfort"]}
    work = analysed(DEATH, {"Elena": "F", "Marco": "M"}, [("Promise me you will look after the garden,", "Elena", "Marco")], meta)
    diff = work.stats["tag_differences"]
    first = diff["missing"][0]
    assert first["name"] == "Major Character Death" and first["important"]
    unsupported = {(u["type"], u["name"]) for u in diff["unsupported"]}
    assert ("character", "Zoltan") in unsupported
    assert ("relationship", "Elena/Marco") in unsupported
    assert ("additional", "Fluff") in unsupported
    assert diff["rating"]["author"] == "General Audiences" and diff["rating"]["text_shows_more"]


def test_no_author_tags_no_differences():
    work = analysed(GENTLE, {"Mia": "F", "Leo": "M"})
    assert "tag_differences" not in work.stats


@pytest.mark.parametrize("text", ["", "Hello.", "The rain fell. Nobody came.\n\nThe end."])
def test_texts_without_characters_get_the_mildest_tags(text):
    from ficlens.ingest.build import work_from_text
    from ficlens.pipeline import run_stage

    work = work_from_text(text)
    run_stage(work, "tokens")
    work.stages_run += ["characters", "quotes"]
    RelationshipStage()(work)
    TagStage()(work)
    assert work.interactions == [] and work.relationships == []
    assert names(work, "rating") == ["General Audiences"]
    assert names(work, "warning") == ["No Archive Warnings Apply"]
    assert names(work, "category") == ["Gen"]
    assert names(work, "genre") == ["General"]


def test_non_consent_is_warned_and_a_single_against_her_will_is_not():
    text = """Vera did not remember the party. Dmitri had raped her in the back room, against her will, while the music played.

Weeks later Vera told the police that Dmitri raped her. The detective wrote it down.

Vera went home and locked the door."""
    work = analysed(text, {"Vera": "F", "Dmitri": "M"})
    warn = next(t for t in work.tags if t.name == "Rape/Non-Con")
    assert warn.evidence and "raped" in warn.evidence[0].text
    assert names(work, "rating") == ["Mature"]
    mild = analysed("""Ola was sent to the village against her will. Ola hated the long road.

Per met her at the gate and showed her the house. Ola unpacked.""", {"Ola": "F", "Per": "M"})
    assert "Rape/Non-Con" not in names(mild, "warning")


def test_a_bad_user_vocabulary_does_not_stop_tagging(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "typo.json"
    bad.write_text("{oops", encoding="utf-8")
    monkeypatch.setenv("FICLENS_TAG_VOCAB", str(bad))
    work = analysed(GENTLE, {"Mia": "F", "Leo": "M"})
    assert names(work, "rating") == ["General Audiences"]
    assert "typo.json" in work.stats["tag_vocabulary_error"]
    err = capsys.readouterr().err
    assert "typo.json" in err and len(err.strip().splitlines()) == 1


def test_a_character_the_fandom_does_not_know_is_tagged_as_an_original_character():
    text = """Kakashi met Jiro at the gate. "You are late," Jiro said. "Again," said Kakashi.

Jiro laughed. "Some things never change," Jiro said, and Mika waved at them both. "Come in," Mika said. "Tea?"
"Later," Mika said."""
    quotes = [("You are late,", "Jiro", "Kakashi"), ("Again,", "Kakashi", "Jiro"),
              ("Some things never change,", "Jiro", "Kakashi"), ("Come in,", "Mika", "Jiro"), ("Tea?", "Mika", "Jiro"),
              ("Later,", "Mika", "Jiro")]
    work = make_work(text, {"Kakashi": "M", "Jiro": "M", "Mika": "F"}, quotes)
    work.fandoms = [("Naruto", 0.95)]
    work.characters[0].name, work.characters[0].fandom_id = "Hatake Kakashi", "kakashi"
    tags = {t.name: t for t in TagStage()(RelationshipStage()(work)).tags if t.type == "character"}
    assert set(tags) == {"Hatake Kakashi", "Original Male Character(s)", "Original Female Character(s)"}
    assert any("Jiro" in r for r in tags["Original Male Character(s)"].reasons)
    work.fandoms = []  # original fiction: every character goes by name
    names = {t.name for t in TagStage()(work).tags if t.type == "character"}
    assert {"Jiro", "Mika"} <= names
