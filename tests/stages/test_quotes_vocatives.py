"""Vocatives: a name inside a quotation is a form of address only where it is said to its bearer ("Yes, Oskar",
"Hi Oskar!", "Oskar?"), not where it closes a clause about its bearer ("Did you hear from Oskar?") (an invented
story)."""

from __future__ import annotations

from functools import lru_cache

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import run_stage

STORY = """Mira put the kettle on while Tomas sat by the window. Oskar was late again.

"Did you hear from Oskar?" Mira asked.

"No. I wrote to Oskar on Monday," Tomas said. "He never answers."

The door opened and Oskar came in, shaking the rain off his coat.

"Hi Oskar!" Mira said.

"Sorry, Mira. The bus broke down."

"You could have called, Oskar," Tomas said. "We waited for an hour."

"Tomas? Since when do you wait for anybody?" Oskar laughed.

"Mira made soup," Tomas said.
"""


@lru_cache(maxsize=1)  # both tests read the one analysis
def _calls() -> dict[str, list[str]]:
    from ficlens.dialogue.attribute import prepare

    work = work_from_text(STORY)
    run_stage(work, "characters")
    prep = prepare(work)
    names = {c.id: c.name for c in work.characters}
    return {work.text[u.start:u.start + 12]: [names[c] for c in u.vocatives] for u in prep.units}


def test_names_said_to_their_bearer_are_vocatives() -> None:
    calls = _calls()
    assert calls["Hi Oskar!\" M"] == ["Oskar"]
    assert calls["Sorry, Mira."] == ["Mira"]
    assert calls["You could ha"] == ["Oskar"]
    assert calls["Tomas? Since"] == ["Tomas"]


def test_names_closing_a_clause_about_their_bearer_are_not() -> None:
    calls = _calls()
    assert calls["Did you hear"] == []
    assert calls["No. I wrote "] == []
    assert calls["Mira made so"] == []
