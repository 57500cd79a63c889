"""Speakers, session 14 (seeds, round 6): a gendered speech tag or noun beat rules out the other gender (invented
texts)."""

from __future__ import annotations

import numpy as np
from quote_helpers import two_person_prepared

from ficlens.dialogue.attribute import agreeing_tags
from ficlens.dialogue.features import Table


def _two_candidates(paragraphs: list[str], tom: float, clara: float) -> np.ndarray:
    """Scores after agreeing_tags of the last quotation of ``paragraphs``, the model giving Tom and Clara these."""
    prep = two_person_prepared(paragraphs)
    i = len(prep.units) - 1
    table = Table(np.array([i, i]), np.array([1, 0]), np.zeros((2, 1)))
    return agreeing_tags(table, np.array([tom, clara]), prep.units, {0: "F", 1: "M"})


def test_a_she_said_tag_rules_out_the_man_the_model_prefers():
    assert _two_candidates(['"I must go," she said.'], 0.7, 0.2).tolist() == [0.0, 0.2]
    assert _two_candidates(['"I must go," the woman replied.'], 0.7, 0.2).tolist() == [0.0, 0.2]


def test_a_pronoun_beat_leaves_the_model_alone():
    # "She sat down." before a line may be the listener's beat: no speech verb, no rule
    assert _two_candidates(['She sat down. "I must go."'], 0.7, 0.2).tolist() == [0.7, 0.2]


def test_a_noun_beat_rules_out_the_other_gender():
    # '"Don't." The man stood.': a sentence opening with one man is his beat
    assert _two_candidates(['"Don\'t." The man stood and turned away.'], 0.2, 0.7).tolist() == [0.2, 0.0]


def test_no_candidate_of_the_tag_gender_leaves_the_scores_alone():
    prep = two_person_prepared(['"I must go," she said.'])
    table = Table(np.array([0]), np.array([1]), np.zeros((1, 1)))
    assert agreeing_tags(table, np.array([0.7]), prep.units, {0: "F", 1: "M"}).tolist() == [0.7]


def test_a_denied_speech_verb_leads_into_nothing():
    # "she made no answer." / '"..."': nobody spoke, so the next paragraph's quotation has no tag
    for narration in ("Naturally enough she made no answer.", "She smiled, but she said nothing.",
                      "He did not reply.", "He didn't answer."):
        assert two_person_prepared([narration, '"Go."']).units[-1].tag.verb is False
    # a later speech verb of the same sentence still leads in
    tag = two_person_prepared(["He didn't answer at once, but said softly,", '"Go."']).units[-1].tag
    assert (tag.kind, tag.gender, tag.verb) == ("pronoun", "M", True)
