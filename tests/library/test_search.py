"""Search: AO3 filter semantics checked against a brute-force reading of the stored works."""

from __future__ import annotations

import random

import pytest

from ficlens.document import Work
from ficlens.library.search import Query, QueryError, fts_query, parse_range, resolve_tag, search, tag_counts
from ficlens.library.store import _author_tags, norm_tag, sort_key

from .conftest import make_work


@pytest.mark.parametrize("text, expected", [
    ("<1000", (None, 999)), (">100", (101, None)), ("1000-5000", (1000, 5000)), ("1,000-5.000", (1000, 5000)),
    ("<10,000", (None, 9999)), ("5000-1000", (1000, 5000)), ("<=50", (None, 50)), (">= 7", (7, None)),
    ("2500", (2500, 2500)), ("", (None, None)), ("100-", (100, None)),
])
def test_parse_range(text, expected):
    assert parse_range(text) == expected


def test_parse_range_refuses_nonsense():
    with pytest.raises(QueryError):
        parse_range("lots")


def _has(work: Work, tag: str, threshold: float) -> bool:
    n = norm_tag(tag)
    return (any(norm_tag(name) == n for _, name in _author_tags(work))
            or any(norm_tag(t.name) == n and t.confidence >= threshold for t in work.tags))


def _all_ids(lib, q: Query) -> list[int]:
    q.per_page, q.page, out = 500, 1, []
    res = search(lib, q)
    out += [w["id"] for w in res["works"]]
    assert res["total"] == len(out)
    return out


def test_filters_match_brute_force(synth):
    lib, works = synth
    vocab = sorted({name for w in works.values() for _, name in _author_tags(w)} | {t.name for w in works.values()
                                                                                     for t in w.tags})
    rng = random.Random(3)
    statuses = {wid: ["unread", "reading", "read", "dropped"][wid % 4] for wid in works}
    nonempty = 0
    for _ in range(60):
        inc = rng.sample(vocab, rng.randint(0, 2))
        exc = rng.sample(vocab, rng.randint(0, 2))
        thr = rng.choice([0.3, 0.5, 0.8])
        lo = rng.choice([None, 100, 300])
        status = rng.choice(["", "read", "unread"])
        words = f">={lo}" if lo else ""
        q = Query(include=inc, exclude=exc, threshold=thr, words=words, status=status)
        expected = sorted(wid for wid, w in works.items()
                          if all(_has(w, t, thr) for t in inc) and not any(_has(w, t, thr) for t in exc)
                          and (lo is None or w.stats["words"] >= lo) and (not status or statuses[wid] == status))
        got = sorted(_all_ids(lib, q))
        assert got == expected, (inc, exc, thr, words, status)
        nonempty += bool(got)
    assert nonempty > 15  # the random queries really exercised matches


def test_tag_counts_match_results(synth):
    lib, works = synth
    q = Query(include=["Angst"], threshold=0.5)
    ids = set(_all_ids(lib, Query(include=["Angst"])))
    counts = tag_counts(lib, q, per_type=50)
    for item in counts["additional"]:
        expected = sum(1 for wid in ids if _has(works[wid], item["name"], 0.5))
        assert item["count"] == expected
    assert {i["name"] for i in counts["additional"]} >= {"Angst"}
    assert next(i for i in counts["additional"] if i["name"] == "Angst")["count"] == len(ids)


@pytest.mark.parametrize("sort, key, reverse", [("words", "words", True), ("title", "title", False),
                                                 ("author", "authors", False), ("added", "id", True)])
def test_sorting(synth, sort, key, reverse):
    lib, _ = synth
    for order in ("", "asc", "desc"):
        res = search(lib, Query(sort=sort, order=order, per_page=200))["works"]
        assert len(res) == 200
        values = [sort_key(w[key]) if isinstance(w[key], str) else w[key] for w in res]
        descending = reverse if not order else order == "desc"
        assert values == sorted(values, reverse=descending)


def test_pagination_covers_everything_once(synth):
    lib, works = synth
    seen = []
    for page in range(1, 12):
        res = search(lib, Query(sort="words", page=page, per_page=19))
        seen += [w["id"] for w in res["works"]]
    assert res["pages"] == 11 and sorted(seen) == sorted(works)


@pytest.fixture
def naruto(lib):
    ids = {}
    ids["kakairu"] = lib.add_work(make_work(
        "Mission", "Iruka dozed on Kakashi's back while the mist rolled over the water country.",
        relationships=["Hatake Kakashi/Umino Iruka"], characters=["Hatake Kakashi", "Umino Iruka"],
        additional=["Hurt/Comfort"], rating="Teen And Up Audiences")).work_id
    ids["reversed"] = lib.add_work(make_work(
        "Reversed", "A shorter tale about the academy and the chunin desk, and a kunai.",
        relationships=["Iruka Umino/Kakashi Hatake"], additional=["Fluff"])).work_id
    ids["platonic"] = lib.add_work(make_work(
        "Friends", "They trained on the bridge until dawn and ate ramen afterwards together.",
        relationships=["Hatake Kakashi & Umino Iruka"], predicted=[("warning", "Major Character Death", 0.7)])).work_id
    ids["predicted"] = lib.add_work(make_work(
        "Unlabelled", "No tags at all came with this file, only a long night of talking by the fire.",
        predicted=[("relationship", "Hatake Kakashi/Umino Iruka", 0.66), ("additional", "Hurt/Comfort", 0.4)])).work_id
    ids["other"] = lib.add_work(make_work(
        "Other", "Sakura punched the ground and the ground gave up entirely under her fist.",
        relationships=["Haruno Sakura/Hatake Kakashi"], characters=["Haruno Sakura"])).work_id
    return ids


@pytest.mark.parametrize("term", ["Hatake Kakashi/Umino Iruka", "Umino Iruka/Hatake Kakashi", "Kakashi/Iruka",
                                  "iruka / kakashi", "KakaIru", "IruKaka"])
def test_relationship_terms_match_across_orders_and_ship_names(lib, naruto, term):
    got = set(_all_ids(lib, Query(include=[term])))
    assert got == {naruto["kakairu"], naruto["reversed"], naruto["predicted"]}


def test_platonic_and_romantic_are_different_relationships(lib, naruto):
    assert set(_all_ids(lib, Query(include=["Kakashi & Iruka"]))) == {naruto["platonic"]}


def test_issue_example_query(lib, naruto):
    """Kakashi/Iruka, Hurt/Comfort, not Major Character Death, under 10,000 words, unread."""
    q = Query(include=["Kakashi/Iruka", "Hurt/Comfort"], exclude=["Major Character Death"], words="<10,000",
              status="unread")
    assert _all_ids(lib, q) == [naruto["kakairu"]]
    q.threshold = 0.3  # now the predicted Hurt/Comfort (0.4) counts too
    assert set(_all_ids(lib, q)) == {naruto["kakairu"], naruto["predicted"]}
    lib.set_status(naruto["kakairu"], "read")
    q.threshold = 0.5
    assert _all_ids(lib, q) == []


def test_character_term_matches_full_name(lib, naruto):
    assert resolve_tag(lib, "Sakura") == {"haruno sakura"}
    assert set(_all_ids(lib, Query(include=["Sakura"]))) == {naruto["other"]}


def test_unknown_tag_matches_nothing_and_excluding_it_removes_nothing(lib, naruto):
    assert _all_ids(lib, Query(include=["No Such Tag"])) == []
    assert len(_all_ids(lib, Query(exclude=["No Such Tag"]))) == len(naruto)


def test_full_text_search_and_rating(lib, naruto):
    assert _all_ids(lib, Query(text="kunai")) == [naruto["reversed"]]
    assert _all_ids(lib, Query(text='"water country"')) == [naruto["kakairu"]]
    assert _all_ids(lib, Query(text="fire talk*")) == [naruto["predicted"]]
    assert _all_ids(lib, Query(rating="teen and up audiences")) == [naruto["kakairu"]]
    res = search(lib, Query(text="ramen"))
    assert res["sort"] == "relevance" and "[ramen]" in res["works"][0]["snippet"]


@pytest.mark.parametrize("nasty", ['"unbalanced', "AND OR NOT", "title:x", "*", "a' OR 1=1 --", "NEAR(", "^", "-x"])
def test_odd_queries_are_safe(lib, naruto, nasty):
    search(lib, Query(text=nasty))
    search(lib, Query(include=[nasty], exclude=[nasty], rating=nasty))
    assert lib.count() == len(naruto)


def test_fts_query_quotes_every_word():
    assert fts_query('kakashi "water country" talk*') == '"kakashi" "water country" "talk"*'
    assert fts_query("'; DROP TABLE works; --") == '"DROP" "TABLE" "works"'


def test_bad_sort_and_status_are_errors(lib, naruto):
    with pytest.raises(QueryError):
        search(lib, Query(sort="kudos"))
    with pytest.raises(QueryError):
        search(lib, Query(status="finished"))
    with pytest.raises(QueryError):
        search(lib, Query(sort="relevance"))  # no text to rank by


def test_facet_counts_follow_changes_and_both_plans_agree(lib, naruto):
    q = Query()
    before = {i["name"]: i["count"] for i in tag_counts(lib, q)["additional"]}
    lib.add_work(make_work("More", "Another gentle evening at the ramen stand, with tea.", additional=["Fluff"]))
    after = {i["name"]: i["count"] for i in tag_counts(lib, q)["additional"]}
    assert after["Fluff"] == before["Fluff"] + 1
    from ficlens.library.search import _tag_counts

    for query in (Query(), Query(include=["Kakashi/Iruka"]), Query(exclude=["Fluff"], words=">5")):
        assert _tag_counts(lib, query, 12, few=True) == _tag_counts(lib, query, 12, few=False)
