"""Characters known by descriptions, titles against titles, pet forms and family names (issue 3)."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze
from ficlens.stages.char_roles import role_head


def characters(text: str):
    work = work_from_text(text)
    analyze(work, stages=["tokens", "characters"])
    return work


def owner(work, surface: str):
    """The character using ``surface`` as an alias most, or None."""
    best = max((c for c in work.characters if surface in c.aliases), key=lambda c: c.aliases[surface], default=None)
    return best


SHIP = (
    "Colonel Brandon came in from the garden. Colonel Brandon said he had seen the ship. Anne Elliot smiled at "
    "him. The Colonel sat down by the fire and he warmed his hands. \"You are late,\" said Anne. Colonel Brandon "
    "laughed. Later the colonel walked to the harbour, and the Colonel looked at the sea.\n\n"
    "At the inn the waiter brought tea. The vicar came in and he shook hands with Anne. \"Good evening,\" said "
    "the vicar. Anne asked the vicar about his parish, and the vicar said he was content. The old man by the "
    "window slept. The man at the door left. A man came back, and the man sat down. The waiter left.\n"
)


def test_the_colonel_is_the_one_colonel():
    work = characters(SHIP)
    brandon = owner(work, "Colonel Brandon")
    assert brandon is not None
    assert owner(work, "the colonel") is brandon
    # every "the Colonel"/"the colonel" is covered by a mention of him (as a description or the name "Colonel")
    import re

    for m in re.finditer(r"the [Cc]olonel", work.text):
        cover = [x for x in work.mentions if x.start < m.end() and x.end > m.start()]
        assert cover and all(x.character == brandon.id for x in cover)


def test_a_recurring_role_is_a_character_of_its_own():
    work = characters(SHIP)
    vicar = owner(work, "the vicar")
    assert vicar is not None and vicar.name == "The Vicar"
    assert vicar.gender == "M" and vicar.mentions >= 3
    assert vicar.chapter_presence == [vicar.mentions]  # one chapter holds all its mentions
    assert all(m.character == vicar.id for m in work.mentions if work.text[m.start:m.end].lower() == "the vicar")
    assert owner(work, "the waiter") is None  # twice only
    assert not any(c.name in ("The Man", "The Old Man") for c in work.characters)  # a generic head is no role
    assert [c.id for c in work.characters] == list(range(len(work.characters)))


def test_role_heads():
    assert role_head("vicar") and role_head("station-master") and role_head("housekeeper")
    assert not role_head("man") and not role_head("mother") and not role_head("stranger") and not role_head("dog")


FAMILY = (
    "Admiral Croft walked in with Mrs. Croft. Mrs. Croft smiled and she sat down. Admiral Croft said he was "
    "tired. Mrs. Croft laughed. Admiral Croft shook his head. Admiral Croft said he would go himself. Mrs. Croft "
    "rose.\n\n"
    "Lady Bertram slept on the sofa. Miss Bertram played the harp while Lady Bertram slept. Lady Bertram woke. "
    "Miss Bertram stopped and she went out. Lady Bertram sighed.\n\n"
    "Dr. Spencer came to see Mrs. Spencer. Mrs. Spencer said she was well. Dr. Spencer said he was glad. "
    "Mrs. Spencer thanked him.\n\n"
    "John Beaver came late. John Beaver said he was sorry. Mrs. Beaver said she did not mind. Beaver said he "
    "would stay. Mrs. Beaver left. Beaver laughed and he sat down. Beaver ate.\n\n"
    "Mrs. Rachel Lynde knitted. Mrs. Rachel Lynde said she knew. Mrs. Rachel Lynde nodded. Mrs. Lynde went "
    "home. Mrs. Lynde said she was tired. Mrs. Lynde slept. Mrs. Lynde woke. Mrs. Lynde ate.\n\n"
    "Mr. Skaggs laughed. Mr. Skaggs said he knew everybody. \"Skaggsy, you are a fool,\" said Joe. Skaggsy "
    "grinned. Mr. Skaggs left.\n"
)


def test_titles_that_are_two_people():
    work = characters(FAMILY)
    assert owner(work, "Admiral Croft") is not owner(work, "Mrs. Croft")
    assert owner(work, "Lady Bertram") is not owner(work, "Miss Bertram")
    assert owner(work, "Dr. Spencer") is not owner(work, "Mrs. Spencer")
    assert owner(work, "Mrs. Croft").gender == "F" and owner(work, "Admiral Croft").gender == "M"


def test_family_name_given_name_and_pet_form():
    work = characters(FAMILY)
    beaver = owner(work, "John Beaver")
    assert beaver is not None and owner(work, "Beaver") is beaver and owner(work, "Mrs. Beaver") is not beaver
    assert owner(work, "Mrs. Lynde") is owner(work, "Mrs. Rachel Lynde")  # her own given name, not a husband's
    assert owner(work, "Skaggsy") is owner(work, "Mr. Skaggs")


def test_pronouns_after_a_name_are_gender_evidence():
    from ficlens.stages.char_names import NameFinder

    work = work_from_text(FAMILY)
    analyze(work, stages=["tokens"])
    stats = NameFinder().candidates(work)
    assert stats["Beaver"].pronoun_gender() == "M"
    assert stats["Mrs. Croft"].fem >= 1 and stats["Mrs. Croft"].masc == 0


NAMES = (
    "Gilbert Blythe came to school. Gilbert Blythe smiled at Anne Shirley. Gilbert laughed and he sat down. "
    "\"Gil, come here,\" said Charlie. Gil came. Gilbert sat with Charlie Sloane. Gilbert Blythe read. Gilbert Blythe "
    "wrote. Gilbert Blythe left.\n\n"
    "Anne Shirley walked with Ruby Gillis to the brook. There were rubies on the ruby ring and a ruby brooch, "
    "the ruby glinting. Diana told Ruby Gillis that she was late. Ruby Gillis laughed.\n\n"
    "Tony Last came home. Mr. Last was out, said the porter. Tony Last sat down. Mr. Last returned at six; "
    "Mr. Last said he was tired. Tony Last nodded.\n\n"
    "Miss Dashwood and Miss Marianne came in. Marianne Dashwood sat down. Miss Dashwood smiled at Miss "
    "Marianne. Marianne laughed. Miss Dashwood said she was glad, and Miss Marianne said she was too.\n"
)


def test_clipped_names_surnames_that_are_words_and_sisters():
    work = characters(NAMES)
    assert owner(work, "Gil") is owner(work, "Gilbert Blythe")
    assert owner(work, "Ruby Gillis") is not None  # "ruby" is also a common word of the text
    assert owner(work, "Tony Last") is not None and owner(work, "Mr. Last") is not None
    assert owner(work, "Miss Marianne") is owner(work, "Marianne Dashwood")
    assert owner(work, "Miss Dashwood") is not owner(work, "Marianne Dashwood")  # her elder sister


def test_role_characters_take_their_place_by_mentions():
    """A role character appended after the named ones is sorted in by mentions; ids stay list indices."""
    text = ("Anne Elliot came in. " + "The vicar smiled, and the vicar sat down. " * 4 +
            "Colonel Brandon nodded once. Anne looked out.\n")
    work = characters(text)
    vicar = owner(work, "the vicar")
    brandon = owner(work, "Colonel Brandon")
    assert vicar is not None and brandon is not None
    assert vicar.mentions > brandon.mentions and vicar.id < brandon.id
    assert [c.id for c in work.characters] == list(range(len(work.characters)))
    mentions = [c.mentions for c in work.characters]
    assert mentions == sorted(mentions, reverse=True)
    for m in work.mentions:  # mentions were renumbered with their characters
        if work.text[m.start:m.end].lower() == "the vicar":
            assert m.character == vicar.id
        if work.text[m.start:m.end] == "Colonel Brandon":
            assert m.character == brandon.id


def test_a_rank_is_not_a_woman_known_by_given_and_family_name():
    """'Captain Harville' does not join 'Fanny Harville' (a rank is no woman's), though they share the name."""
    text = ("Fanny Harville sang in the garden, and she laughed. \"Come in,\" said Fanny Harville. Fanny Harville "
            "smiled at her cousin.\n\nCaptain Harville came to Lyme with his friend. Anne Elliot walked on the "
            "Cobb. Captain Harville said he would never forget it, and he sighed. \"It was fine,\" said Captain "
            "Harville. Anne Elliot listened to Captain Harville.\n")
    work = characters(text)
    captain, fanny = owner(work, "Captain Harville"), owner(work, "Fanny Harville")
    assert captain is not None and fanny is not None and captain is not fanny
    assert captain.gender == "M"


def test_lady_of_the_family_is_the_wife_of_its_sir_not_its_daughter():
    """'Lady Bertram' beside 'Sir Thomas Bertram' is his wife, not 'Maria Bertram', who is never called Lady."""
    text = ("Maria Bertram walked in the park, and she laughed. \"Come,\" said Maria Bertram. Maria Bertram ran on.\n\n"
            "Sir Thomas Bertram came home from Antigua, and he looked grave. Lady Bertram smiled at Sir Thomas "
            "Bertram. \"My dear,\" said Lady Bertram, and she sat down on the sofa. Lady Bertram sighed. "
            "Lady Bertram called for her pug.\n")
    work = characters(text)
    lady, maria = owner(work, "Lady Bertram"), owner(work, "Maria Bertram")
    assert lady is not None and maria is not None and lady is not maria
    assert lady.gender == "F" and owner(work, "Sir Thomas Bertram") not in (lady, maria)


def test_a_recurring_person_with_a_postmodifier_is_a_character():
    text = ("Oliver stood before the board. The gentleman in the white waistcoat frowned at him. \"That boy will be "
            "hung,\" said the gentleman in the white waistcoat. Mr. Bumble nodded. Nobody answered the gentleman "
            "in the white waistcoat, and the gentleman in the white waistcoat said it again. The man with the keys "
            "came in. The man with the keys went out. A man at the door laughed.\n")
    work = characters(text)
    named = [c for c in work.characters if c.name == "The Gentleman In The White Waistcoat"]
    assert len(named) == 1 and named[0].gender == "M" and named[0].mentions == 4
    assert not any("Keys" in c.name for c in work.characters)  # twice only
