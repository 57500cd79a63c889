"""Idiolect features: a quotation sounds like the lines a character's speech tags give them."""

from __future__ import annotations

import numpy as np

from ficlens.dialogue.attribute import prepare
from ficlens.dialogue.features import BASE_FEATURES
from ficlens.dialogue.idiolect import IDIOLECT_FEATURES
from ficlens.dialogue.unit_rows import max_of_others
from ficlens.document import Character
from ficlens.ingest.build import work_from_text

CAST = [Character(0, "Mr. Hobb", aliases={"Mr. Hobb": 5}, gender="M"),
        Character(1, "Lady Ames", aliases={"Lady Ames": 5}, gender="F")]
LINES = [
    '"Ain\'t no use, guv\'nor, ain\'t no use at all," said Mr. Hobb.',
    '"My dear, how perfectly delightful," said Lady Ames.',
    '"The cart ain\'t coming, guv\'nor," said Mr. Hobb.',
    '"How delightful, my dear, how perfectly charming," said Lady Ames.',
    '"Ain\'t that a rum go, guv\'nor?"',  # untagged: Mr. Hobb's words
    '"Perfectly delightful, my dear."',  # untagged: Lady Ames's words
]


def idiolect_of(prep, unit: int) -> dict[int, np.ndarray]:
    t = prep.table
    cols = [BASE_FEATURES.index(f) for f in IDIOLECT_FEATURES]
    return {int(c): t.X[r, cols] for r, c in enumerate(t.cand) if t.unit[r] == unit}


def test_an_untagged_line_is_closest_to_the_character_whose_tagged_lines_share_its_words():
    work = work_from_text("\n\n".join(LINES))
    work.characters = [Character(c.id, c.name, aliases=dict(c.aliases), gender=c.gender) for c in CAST]
    prep = prepare(work, detect_narrator=False)
    hobb_line, ames_line = idiolect_of(prep, 4), idiolect_of(prep, 5)
    assert hobb_line[0][0] > hobb_line[1][0] and hobb_line[0][1] > 0 > hobb_line[1][1]
    assert ames_line[1][0] > ames_line[0][0] and ames_line[1][1] > 0
    # two tagged lines each: log(1 + 2)
    assert abs(hobb_line[0][2] - np.log1p(2)) < 1e-5


def test_a_tagged_line_is_left_out_of_its_own_speakers_profile():
    work = work_from_text("\n\n".join(LINES))
    work.characters = [Character(c.id, c.name, aliases=dict(c.aliases), gender=c.gender) for c in CAST]
    prep = prepare(work, detect_narrator=False)
    own = idiolect_of(prep, 0)[0]
    assert own[0] < 0.99  # not compared with itself
    assert abs(own[2] - np.log1p(1)) < 1e-5  # one other tagged line


def test_max_of_others_per_unit():
    x = np.array([0.2, 0.5, 0.1, 0.7], dtype=np.float32)
    unit = np.array([0, 0, 0, 1])
    assert np.allclose(max_of_others(x, unit), [0.5, 0.2, 0.5, -0.3])


def test_believed_profiles_weight_every_line_by_the_first_pass_belief():
    from ficlens.dialogue.idiolect import believed_idiolect

    untagged = [LINES[4], LINES[5], LINES[4].replace("rum", "fine"), LINES[5].replace("dear", "love")]
    # no speech tag at all: only beliefs make profiles
    work = work_from_text("\n\n".join(["Mr. Hobb and Lady Ames sat by the fire."] + untagged))
    work.characters = [Character(c.id, c.name, aliases=dict(c.aliases), gender=c.gender) for c in CAST]
    prep = prepare(work, detect_narrator=False)
    t = prep.table
    # the first pass believes Hobb says the guv'nor lines (0, 2) and Ames the "my dear" lines (1, 3)
    beliefs = np.array([0.9 if int(c) == (0 if int(u) in (0, 2) else 1) else 0.1 for u, c in zip(t.unit, t.cand)],
                       dtype=np.float32)
    sims = believed_idiolect(t.vectors, t.unit, t.cand, beliefs, len(prep.units))
    by = {(int(u), int(c)): s for u, c, s in zip(t.unit, t.cand, sims[:, 0])}
    assert by[(0, 0)] > by[(0, 1)] and by[(1, 1)] > by[(1, 0)]
    assert by[(2, 0)] > by[(2, 1)] and by[(3, 1)] > by[(3, 0)]
    # with no belief anywhere there is no profile
    assert not believed_idiolect(t.vectors, t.unit, t.cand, np.zeros_like(beliefs), len(prep.units)).any()


def test_stack_features_read_the_neighbours_beliefs():
    from ficlens.dialogue.features import NEIGHBOUR_FEATURES, stack_features

    work = work_from_text("\n\n".join(LINES))
    work.characters = [Character(c.id, c.name, aliases=dict(c.aliases), gender=c.gender) for c in CAST]
    prep = prepare(work, detect_narrator=False)
    t = prep.table
    n = len(prep.units)
    # unit k believes Hobb (0) with 0.8 when k is even, else Ames (1) with 0.7
    beliefs = np.array([(0.8 if int(c) == 0 else 0.2) if int(u) % 2 == 0 else (0.7 if int(c) == 1 else 0.3)
                        for u, c in zip(t.unit, t.cand)])
    X = stack_features(t, beliefs, prep.units, n)
    col = {f: k for k, f in enumerate(NEIGHBOUR_FEATURES)}
    row = {(int(u), int(c)): r for r, (u, c) in enumerate(zip(t.unit, t.cand))}
    r = row[(2, 0)]  # Hobb at unit 2: unit 1 gave Hobb 0.3, unit 0 gave him 0.8, unit 3 0.3, unit 4 0.8
    assert np.allclose(X[r, [col["p_m1"], col["p_m2"], col["p_p1"], col["p_p2"]]], [0.3, 0.8, 0.3, 0.8])
    assert X[r, col["p_self_first"]] == 1.0 and X[row[(2, 1)], col["p_self_first"]] == 0.0
    assert np.isclose(X[r, col["p_max_other_m1"]], 0.7)  # unit 1's best other than Hobb: Ames 0.7
    assert np.isclose(X[row[(1, 1)], col["p_max_other_m1"]], 0.8)
    assert np.isclose(X[row[(2, 1)], col["p_rank_first"]], 0.2 / 0.8)
    assert np.allclose(X[row[(0, 0)], [col["p_m1"], col["p_m2"]]], 0.0)  # nothing before the first line
