"""Name finding and clustering rules of the character stage (issue 3, round 3): small texts, real assertions."""

from __future__ import annotations

from ficlens.ingest.build import work_from_text
from ficlens.pipeline import analyze
from ficlens.stages.char_names import NAME_RE, _name_matches


def characters(text: str):
    work = work_from_text(text)
    analyze(work, stages=["tokens", "characters"])
    return work


def names_in(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(p[0], tuple(p[1])) for _m, p in _name_matches(text, 0, len(text)) if p is not None]


def test_a_name_after_a_double_hyphen_keeps_its_title():
    found = names_in("said Mrs. Lynde amiably--Mrs. Lynde dearly loved advice--and Anne--")
    assert found.count(("mrs", ("Lynde",))) == 2
    assert ("", ("Lynde",)) not in found
    # a single hyphen still binds: "Jean-Luc" is no "Luc"
    assert not NAME_RE.match("Jean-Luc", 5)


def test_a_title_inside_a_run_of_capitals_starts_the_next_name():
    found = names_in("As the door closed behind Anne Mrs. Lynde got up to light a lamp.")
    assert ("", ("Anne",)) in found and ("mrs", ("Lynde",)) in found
    assert ("", ("Lynde",)) not in found
