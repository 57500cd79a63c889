"""Speed of the relationships and tags stages beside the tokens stage they follow, in one run.

Usage: python benchmarks/tags_speed.py [NOVEL_TEXT] [--repeat N]

Analyses the novel up to quotations (tokens, characters, quotes when it can
be built), then times the relationships and tags stages on it and prints
words/s for each and the ratio (relationships + tags) / tokens: the share of
the pipeline's cost this issue adds. Stages that cannot run are skipped and
named.
"""

from __future__ import annotations

from ficlens.pipeline import get_stage, run_stage
from stage_timing import best_seconds, tokenised_novel

def main() -> None:
    a, work, words, t_tokens = tokenised_novel(__doc__)
    run_stage(work, "characters")
    try:
        run_stage(work, "quotes")
    except Exception as err:  # noqa: BLE001 - measured without it, and said so
        print(f"quotes stage skipped: {err.__class__.__name__}")
        work.stages_run.append("quotes")
    rel, tags = get_stage("relationships"), get_stage("tags")
    t_rel, _ = best_seconds(lambda _: rel(work), a.repeat)
    t_tags, _ = best_seconds(lambda _: tags(work), a.repeat)
    print(f"words: {words}  characters: {len(work.characters)}  mentions: {len(work.mentions)}  quotations: {len(work.quotations)}")
    print(f"tokens        {t_tokens:8.2f} s  {words / t_tokens:10.0f} words/s")
    print(f"relationships {t_rel:8.2f} s  {words / t_rel:10.0f} words/s  ({len(work.interactions)} interactions, {len(work.relationships)} relationships)")
    print(f"tags          {t_tags:8.2f} s  {words / t_tags:10.0f} words/s  ({len(work.tags)} tags)")
    print(f"ratio (relationships + tags) / tokens: {(t_rel + t_tags) / t_tokens:.3f}")


if __name__ == "__main__":
    main()
