"""Places the name finder took for people (invented text): "Avenue" read from "Fifth Avenue" and "York" or
"Orleans" from "New York" and "New Orleans" are no characters; the people beside them still are."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage

TEXT = """Lena Hart had lived on Fifth Avenue all her life, and she had never once been to New York's harbour.

"We sail for New Orleans tomorrow," said Tom Reyes. He had come up from New Orleans in the spring.

Lena laughed. "You said that about New York too, and about the Avenue."

"This time I mean it," Tom said. "Meet me at the corner of the Avenue at nine."

She walked him back along Fifth Avenue. New York was loud that night, and New Orleans seemed very far away.

"Nine," Lena said at the door. "Don't be late, Tom."

Tom promised. Lena watched him go, then turned back to the house on the Avenue.
"""


def test_place_words_are_no_characters():
    work = work_from_text(TEXT)
    run_stage(work, "characters")
    names = {c.name for c in work.characters}
    assert {"Lena Hart", "Tom Reyes"} <= names
    assert not names & {"Avenue", "York", "Orleans", "Fifth Avenue", "New York", "New Orleans"}
