"""Quotations: detection, then speaker and addressee attribution.

Detection is rule-based (:mod:`ficlens.dialogue.detect`); attribution scores
candidate characters with a two-pass gradient-boosted ranker trained on PDNC
(:mod:`ficlens.models.speaker_train`): pass 1 per quotation, pass 2 with the
beliefs about the neighbouring quotations (the conversation). Speakers are
``Character.id`` values of ``work.characters``; a first-person narrator is
appended as a character when the characters stage has none. Then "I" and
"you" inside a quotation go to its speaker and addressee where the stage is
sure of them (:mod:`ficlens.stages.coref_quotes`), and in a novel in letters the
narrated "I" and "you" go to each letter's writer and addressee
(:mod:`ficlens.stages.coref_letters`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ficlens.dialogue.attribute import (name_the_called_narrator, name_the_narrator, nameless_narrator, prepare,
                                       quotations, score, update_characters)
from ficlens.document import Work
from ficlens.stages.coref_letters import link_letter_persons
from ficlens.stages.coref_quotes import absorb_narrator, link_quoted_persons, relink_speaker_pronouns

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "speaker"


@lru_cache(maxsize=8)
def load_model(name: str = "full"):
    """A shipped speaker model: ``full`` or ``fold0``... (see models/speaker/folds.json)."""
    import joblib

    from ficlens.fast_trees import warm

    model = joblib.load(MODEL_DIR / f"{name}.joblib")
    warm(model)
    return model


class QuoteStage:
    name = "quotes"
    requires: tuple[str, ...] = ("characters",)

    def __init__(self, model: str = "full") -> None:
        self.model = load_model(model)

    def __call__(self, work: Work) -> Work:
        prep = prepare(work)
        speakers, conf = score(prep, self.model)
        named = None
        if nameless_narrator(work, prep.narrator):  # the characters stage did not name them
            named = name_the_narrator(work, prep, speakers)
            if named is None:
                named = name_the_called_narrator(work, prep, speakers)
        if named is not None:
            absorb_narrator(work, prep.narrator, named)
            prep.narrator = named
        work.quotations = quotations(work, prep, speakers, conf)
        work.stats["quoted_persons_linked"] = link_quoted_persons(work)
        work.stats["speaker_pronouns_relinked"] = relink_speaker_pronouns(work)
        work.stats["letter_persons_linked"] = link_letter_persons(work)
        update_characters(work)
        work.stats["quotations"] = len(work.quotations)
        work.stats["quote_segments"] = len(prep.segments)
        return work
