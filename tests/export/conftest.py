"""A small hand-annotated work, so export tests do not depend on the analysis stages."""

from __future__ import annotations

import pytest

from ficlens.document import Character, Evidence, Interaction, Mention, Quotation, Span, Tag
from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage

TEXT = ('Mara climbed the stairs. "You\'re late," she said.\n\n'
        '"The steps are <script>alert(1)</script> ridiculous," Tobin said.\n\n'
        'Mara smiled at Tobin.<img src=x onerror="window.pwned=1"> <a href="javascript:window.pwned=2">x</a>')


@pytest.fixture()
def annotated_work():
    work = work_from_text(TEXT, title="Lantern <b>test</b>")
    run_stage(work, "tokens")
    work.characters = [Character(0, "Mara", {"Mara": 2}, "F", 0.9, 3, 0, [3], quotes=1, words_spoken=2),
                       Character(1, "Tobin", {"Tobin": 2}, "M", 0.8, 2, 80, [2], quotes=1, words_spoken=5)]
    mara_she = TEXT.index("she")
    tobin = TEXT.index("Tobin said")
    work.mentions = [Mention(0, 4, 0, "name"), Mention(mara_she, mara_she + 3, 0, "pronoun"),
                     Mention(tobin, tobin + 5, 1, "name")]
    q1s = TEXT.index("You're")
    q2s = TEXT.index("The steps")
    q2e = TEXT.index('," Tobin')
    work.quotations = [
        Quotation(0, q1s - 1, q1s + 13, [Span(q1s, q1s + 12)], 0, 0.9, [(1, 0.8)], "Anaphoric", "pronoun-tag",
                  [Evidence(mara_she, mara_she + 8, "she said", "speech tag")]),
        Quotation(1, q2s - 1, q2e + 2, [Span(q2s, q2e + 1)], 1, 0.95, [(0, 0.7)], "Explicit", "name-tag", []),
    ]
    work.interactions = [Interaction(0, 1, 2, 2, 0, 4.0, {0: 4.0})]
    work.tags = [Tag("rating", "General Audiences", 0.8, [], ["no violence or sex found"])]
    work.meta.rating = "Teen And Up Audiences"
    return work
