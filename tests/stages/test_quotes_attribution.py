"""Attribution internals: name matching over line breaks, tags, the narrator, and the trainer."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.context import build_name_index
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

SEED_GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds" / "pdnc"


def chars(*specs):
    return [Character(i, name, aliases={a: 5 for a in aliases}, gender=g) for i, (name, aliases, g) in enumerate(specs)]


def test_names_match_across_line_breaks_and_by_single_token():
    text = 'said Mr.\nWoodhouse to Miss Quested and the Gryphon.'
    cs = chars(("Mr. Woodhouse", ["Mr. Woodhouse"], "M"), ("Adela Quested", ["Adela Quested"], "F"),
               ("The Gryphon", ["The Gryphon"], "U"))
    idx = build_name_index(text, cs)
    found = {text[s:e]: c[0] for s, e, c in zip(idx.starts, idx.ends, idx.chars)}
    assert found == {"Mr.\nWoodhouse": 0, "Quested": 1, "the Gryphon": 2}


def test_tags_of_each_kind():
    text = "\n\n".join(['"Hello," said Mrs. Bennet.', '"Well," he replied, "perhaps."',
                       'Lucy wrinkled her nose at the sight,', '"Must we?"', '"Yes," cried the old man.'])
    work = work_from_text(text)
    work.characters = chars(("Mrs. Bennet", ["Mrs. Bennet"], "F"), ("Lucy", ["Lucy"], "F"))
    prep = prepare(work, detect_narrator=False)
    tags = [(u.tag.kind, u.tag.text, u.tag.gender) for u in prep.units]
    assert tags[0][:2] == ("name", "Mrs. Bennet")
    assert tags[1] == ("pronoun", "he", "M")
    assert tags[2][:2] == ("name", "Lucy")  # the lead-in paragraph ending with a comma
    assert tags[3][0] == "noun" and tags[3][2] == "M"
    assert [len(u.segments) for u in prep.units] == [1, 2, 1, 1]


def test_first_person_narration_gets_a_narrator_candidate():
    paras = ['"Come in," said I.', "I opened the door and I looked at him. I was tired.",
             '"Thank you," Holmes answered.', "I sat down, and I waited while I watched him."] * 4
    work = work_from_text("\n\n".join(paras))
    work.characters = chars(("Holmes", ["Holmes"], "M"))
    prep = prepare(work)
    assert prep.narrator is not None and work.character(prep.narrator).name == "Narrator"
    assert prep.narrator in set(prep.table.cand[prep.table.unit == 0].tolist())


def test_trainer_learns_from_seed_gold():
    from ficlens.dialogue.attribute import score
    from ficlens.models.speaker_data import novel_data
    from ficlens.models.speaker_train import fold_of, train_two_pass

    data = [novel_data(str(d)) for d in sorted(SEED_GOLD.iterdir()) if d.is_dir()]
    assert sum(int(nd.y.sum()) for nd in data) > 100
    model = train_two_pass(data, inner_folds=2, rounds=40)
    big = max(data, key=lambda nd: len(nd.gold))
    speakers, conf = score(big.prep, model)
    assert big.correct(speakers)[big.gold >= 0].mean() > 0.6  # fits its own training data
    assert np.all((conf >= 0) & (conf <= 1))
    assert sorted(set(fold_of(["b", "a", "c"], 2).values())) == [0, 1]


def test_narrator_is_named_by_the_replies_vocatives():
    from ficlens.dialogue.attribute import name_the_narrator

    paras = ['"Where were you?" I asked.', '"Out, Watson. Simply out," said Holmes.',
             "I sat down, and I waited while I watched him."] * 6
    work = work_from_text("\n\n".join(paras))
    work.characters = chars(("Holmes", ["Holmes"], "M"), ("Watson", ["Watson"], "M"))
    prep = prepare(work)
    speakers = np.array([prep.narrator if k % 2 == 0 else 0 for k in range(len(prep.units))])
    assert name_the_narrator(work, prep, speakers) == 1
    assert set(speakers[::2].tolist()) == {1}


def test_a_character_given_more_lines_than_votes_is_not_the_narrator():
    """'Small' is addressed beside the narrator's lines as often as Watson, but speaks for himself: Watson wins."""
    from ficlens.dialogue.attribute import name_the_narrator

    paras = ['"And you?" I asked.', '"Hush, Small," said Holmes.', '"I will not," said Small.',
             '"Never," said Small.', '"Not I," said Small.', '"Out, Watson. Simply out," said Holmes.'] * 6
    work = work_from_text("\n\n".join(paras))
    work.characters = chars(("Holmes", ["Holmes"], "M"), ("Watson", ["Watson"], "M"), ("Small", ["Small"], "M"))
    prep = prepare(work)
    speakers = np.array([[prep.narrator, 0, 2, 2, 2, 0][k % 6] for k in range(len(prep.units))])
    # votes: Small 6, Watson 5 (no vote twice the other's), but Small has 18 lines of his own
    assert name_the_narrator(work, prep, speakers) == 1


def test_descriptive_alias_matches_lowercase_and_function_words_are_not_names():
    text = '"I\'ll ask," said the parlourmaid. And then the Stranger left, and a haughty man came.'
    cs = chars(("The Parlourmaid", ["The Parlourmaid"], "F"), ("The Stranger", ["The Stranger"], "M"),
               ("A Haughty And Magnificent Nephew", ["A Haughty And Magnificent Nephew"], "M"))
    idx = build_name_index(text, cs)
    found = {text[s:e]: c[0] for s, e, c in zip(idx.starts, idx.ends, idx.chars)}
    assert found == {"the parlourmaid": 0, "the Stranger": 1}
    work = work_from_text(text)
    work.characters = cs
    prep = prepare(work, detect_narrator=False)
    assert prep.units[0].tag.kind == "name" and prep.units[0].tag.chars == (0,)


def test_pronoun_tag_features_point_to_the_subject_and_last_tagged_speaker():
    from ficlens.dialogue.features import BASE_FEATURES

    text = "\n\n".join(['"Good day," said Anne.', 'Anne looked at Diana and Marilla. Marilla frowned.',
                        '"Well," said she.'])
    work = work_from_text(text)
    work.characters = chars(("Anne", ["Anne"], "F"), ("Diana", ["Diana"], "F"), ("Marilla", ["Marilla"], "F"))
    prep = prepare(work, detect_narrator=False)
    t = prep.table
    rows = {int(c): t.X[k] for k, c in enumerate(t.cand) if t.unit[k] == 1}
    subj, tagged, n = (BASE_FEATURES.index(f) for f in ("pron_subject", "pron_last_tagged", "pron_same_gender_n"))
    assert [c for c, x in rows.items() if x[subj] == 1.0] == [2]  # "Marilla frowned." is the last sentence
    assert [c for c, x in rows.items() if x[tagged] == 1.0] == [0]  # Anne was the last tagged woman
    assert all(x[n] == 3.0 for x in rows.values())


def test_training_items_over_the_characters_stages_own_clusters(tmp_path):
    from ficlens.eval.pdnc_gold import load_gold
    from ficlens.eval.quotes import map_clusters
    from ficlens.models.speaker_data import gold_novel_data, predicted_novel_data
    from ficlens.models.speaker_train import train_two_pass

    gold = load_gold(str(SEED_GOLD / "000_a39a3c7be31de24e"))
    nd = predicted_novel_data(gold, str(tmp_path))
    assert (tmp_path / f"{gold.name}.pkl").is_file()  # the analysed work is kept for the next run
    work = nd.prep.table  # candidates are the stage's character ids, labels what they map to
    mapped = map_clusters(_analysed(tmp_path / f"{gold.name}.pkl", nd), gold)
    names = [g.name for g in gold.characters]
    pos = nd.y == 1
    assert pos.sum() >= 10
    for u, c in zip(work.unit[pos], work.cand[pos]):
        assert mapped.get(int(c)) == names[nd.gold[u]]
    again = predicted_novel_data(gold, str(tmp_path))  # from the cache: the same rows
    assert np.array_equal(again.X, nd.X) and np.array_equal(again.y, nd.y)
    other = gold_novel_data(load_gold(str(SEED_GOLD / "002_3d02974a2cdccd16")))
    model = train_two_pass([gold_novel_data(gold), nd, other], inner_folds=2, rounds=20)
    assert model.pass2 is not None


def _analysed(path, nd):
    """The cached work with the characters ``prepare`` added (described speakers, entrants)."""
    import pickle

    from ficlens.dialogue.attribute import prepare

    with open(path, "rb") as f:
        work = pickle.load(f)
    prepare(work)
    return work


STRANGERS = ('The ship rolled in the grey morning.\n\n"Who goes there?" the girl asked.\n\n"A friend," the man said.\n\n'
             'Years later, in London, Tommy met Tuppence at the corner of the street.\n\n"Hello, old bean," said Tommy.'
             '\n\n"Hello yourself," Tuppence answered.')


def test_lines_before_anyone_is_named_keep_a_low_confidence():
    from ficlens.dialogue.attribute import DOUBT_CONFIDENCE
    from ficlens.pipeline import analyze

    work = work_from_text(STRANGERS)
    analyze(work, stages=["tokens", "characters", "quotes"])
    confs = [q.speaker_confidence for q in work.quotations]
    assert len(confs) == 4 and max(confs[:2]) <= DOUBT_CONFIDENCE < confs[2]


def test_a_character_is_met_where_the_text_first_names_it():
    from ficlens.dialogue.attribute import first_named
    from ficlens.document import Mention

    work = work_from_text(STRANGERS)
    work.characters = chars(("Tuppence", ["Tuppence"], "F"))
    work.characters[0].first_offset = STRANGERS.index("the girl")  # coreference gave her the early description
    work.mentions = [Mention(STRANGERS.index("the girl"), STRANGERS.index("the girl") + 8, 0, "nominal"),
                     Mention(STRANGERS.index("Tuppence"), STRANGERS.index("Tuppence") + 8, 0, "name")]
    assert first_named(work) == {0: STRANGERS.index("Tuppence")}


def test_a_first_person_narrator_is_no_he_or_she():
    # the narrator says "I" of themself: a line tagged "he" or "the man" is someone else's
    from ficlens.dialogue.attribute import not_the_narrator
    from ficlens.dialogue.context import QuoteUnit, Tag
    from ficlens.dialogue.features import Table

    units = [QuoteUnit(0, 0, [], Tag("pronoun", gender="M")), QuoteUnit(1, 1, [], Tag("pronoun", gender="I")),
             QuoteUnit(2, 2, [], Tag("noun", gender="M"))]
    table = Table(np.array([0, 0, 1, 1, 2, 2]), np.array([7, 3, 7, 3, 7, 3]), np.zeros((6, 1)))
    scores = np.array([0.9, 0.4, 0.9, 0.4, 0.9, 0.4])
    out = not_the_narrator(table, scores, units, narrator=7)
    assert out.tolist() == [0.0, 0.4, 0.9, 0.4, 0.0, 0.4]
    assert not_the_narrator(table, scores, units, narrator=None).tolist() == scores.tolist()


def test_a_third_person_line_left_to_the_narrator_is_doubted():
    from ficlens.dialogue.attribute import DOUBT_CONFIDENCE, doubt_narrator
    from ficlens.dialogue.context import QuoteUnit, Tag

    units = [QuoteUnit(0, 0, [], Tag("pronoun", gender="M")), QuoteUnit(1, 1, [], Tag("pronoun", gender="I")),
             QuoteUnit(2, 2, [], Tag("pronoun", gender="M"))]
    best, conf = np.array([7, 7, 3]), np.array([1.0, 1.0, 1.0])
    doubt_narrator(units, 7, best, conf)
    assert conf.tolist() == [DOUBT_CONFIDENCE, 1.0, 1.0]


def test_a_line_given_to_the_one_it_calls_is_doubted():
    from ficlens.dialogue.attribute import DOUBT_CONFIDENCE, doubt_the_called
    from ficlens.dialogue.context import QuoteUnit, Tag

    called = QuoteUnit(0, 0, [], Tag("none"))
    called.vocatives = [4]
    units = [called, QuoteUnit(1, 1, [], Tag("none"))]
    best, conf = np.array([4, 4]), np.array([0.95, 0.95])
    doubt_the_called(units, best, conf)
    assert conf.tolist() == [DOUBT_CONFIDENCE, 0.95]


def test_the_narrators_i_goes_to_the_name_the_others_call_them():
    # Holmes calls the narrator "Watson": the narration's "I" is Watson's, one character, one chain
    from ficlens.pipeline import analyze

    paras = ['"Where were you?" I asked.', '"Out, Watson. Simply out," said Holmes.',
             "I sat down, and I waited while I watched him."] * 6
    work = work_from_text("\n\n".join(paras))
    analyze(work, stages=["tokens", "characters", "quotes"])
    watson = next(c for c in work.characters if "Watson" in c.aliases)
    narrated_i = [m for m in work.mentions if work.text[m.start:m.end] == "I"
                  and not any(q.start <= m.start < q.end for q in work.quotations)]
    assert narrated_i and all(m.character == watson.id for m in narrated_i)
    assert all(c.mentions == 0 for c in work.characters if c.name == "Narrator")


def test_a_kinship_description_brings_the_relative_in_before_the_name():
    # "cried his wife" chapters before the text says "Mrs. Bennet": she is on stage from the description on; a
    # description of someone never named does not move them earlier than their first mention of any kind
    from ficlens.dialogue.attribute import first_named
    from ficlens.document import Mention

    text = ('"Do you not want to know?" cried his wife.\n\n"You want to tell me."\n\nLater Mrs. Quill came down. '
            'The narrator met his elder brother.')
    work = work_from_text(text)
    work.characters = chars(("Mrs. Quill", ["Mrs. Quill"], "F"), ("Narrator", [], "U"))
    work.characters[0].first_offset = text.index("his wife")
    work.characters[1].first_offset = 0
    wife, name, brother = text.index("his wife"), text.index("Mrs. Quill"), text.index("his elder brother")
    work.mentions = [Mention(wife, wife + 8, 0, "nominal"), Mention(name, name + 10, 0, "name"),
                     Mention(brother, brother + 17, 1, "nominal")]
    assert first_named(work) == {0: wife, 1: 0}


def test_a_clean_exchange_confirms_its_untagged_line():
    # A B [A] B A with every neighbour likely right: the middle line becomes as sure as a tagged one; a broken
    # exchange (A B [A] A A) or an unsure neighbour leaves it alone, and the speakers never change
    from ficlens.dialogue.attribute import ALTERNATION_CONFIDENCE, confirm_alternation
    from ficlens.dialogue.context import QuoteUnit, Tag

    units = [QuoteUnit(k, k, [], Tag("none")) for k in range(5)]
    best = np.array([0, 1, 0, 1, 0])
    conf = np.array([0.8, 0.7, 0.6, 0.7, 0.8])
    confirm_alternation(units, best, conf)
    assert conf[2] == ALTERNATION_CONFIDENCE and conf[[0, 1, 3, 4]].tolist() == [0.8, 0.7, 0.7, 0.8]
    assert best.tolist() == [0, 1, 0, 1, 0]
    broken = np.array([0.8, 0.7, 0.6, 0.7, 0.8])
    confirm_alternation(units, np.array([0, 1, 0, 0, 0]), broken)
    assert broken[2] == 0.6
    unsure = np.array([0.8, 0.3, 0.6, 0.7, 0.8])
    confirm_alternation(units, best, unsure)
    assert unsure[2] == 0.6
    far = [QuoteUnit(k, 4 * k, [], Tag("none")) for k in range(5)]  # paragraphs apart: no one exchange
    spread = np.array([0.8, 0.7, 0.6, 0.7, 0.8])
    confirm_alternation(far, best, spread)
    assert spread[2] == 0.6
