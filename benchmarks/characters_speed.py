"""Speed of the characters stage beside the tokens stage it follows, in one run.

Usage: python benchmarks/characters_speed.py [NOVEL_TEXT] [--repeat N]

Tokenises the novel once, then times the characters stage (names, clustering,
gender, pronoun and nominal coreference) and prints words/s for both and the
ratio characters / tokens: the share of the pipeline's cost this stage adds.
The pipeline budget is 10,000 words/s end to end.
"""

from __future__ import annotations

import copy

from ficlens.pipeline import get_stage
from stage_timing import best_seconds, tokenised_novel

def main() -> None:
    a, work, words, t_tokens = tokenised_novel(__doc__)
    stage = get_stage("characters")
    stage(copy.deepcopy(work))  # warm up (word lists, fandom packs)
    t_chars, w = best_seconds(stage, a.repeat, lambda: copy.deepcopy(work))
    print(f"words: {words}  characters: {len(w.characters)}  mentions: {len(w.mentions)}")
    print(f"tokens     {t_tokens:8.2f} s  {words / t_tokens:10.0f} words/s")
    print(f"characters {t_chars:8.2f} s  {words / t_chars:10.0f} words/s")
    print(f"ratio characters / tokens: {t_chars / t_tokens:.3f}")


if __name__ == "__main__":
    main()
