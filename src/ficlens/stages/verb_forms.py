"""Words that may be a verb's third-person present ("grins", "bursts"), from the spaCy model's lemma index.

The tagger often reads a present-tense beat after a name as a plural noun ("Naruto/NNP grins/NNS at
Sakura", "Sakura shrugs/NNS."). Narration in the present tense, common in fan fiction, would then lose
the evidence that the name is a person's. The model's own verb lemmas say which plural-looking words
can be verbs, so no list is written here.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def verb_lemmas() -> frozenset[str]:
    """The verb lemmas of the tokens stage's lemmatizer (empty when it has none)."""
    try:
        from ficlens.stages.tokens import load_nlp

        return frozenset(load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"])
    except Exception:  # pragma: no cover - a model without a rule lemmatizer
        return frozenset()


def present_stem(word: str) -> str:
    """The verb lemma of which ``word`` is the third-person present ("grins" -> "grin", "hurries" ->
    "hurry", "reaches" -> "reach"), or '' when it is none."""
    w = word.lower()
    if len(w) < 4 or not w.endswith("s") or w.endswith("ss"):
        return ""
    verbs = verb_lemmas()
    stems = [w[:-3] + "y"] if w.endswith("ies") else []
    if w.endswith("es"):
        stems.append(w[:-2])
    stems.append(w[:-1])
    return next((s for s in stems if s in verbs), "")
