"""``ficlens eval quotes`` on the bundled seed gold: the JSON shape and sane figures."""

from __future__ import annotations

import argparse
import json

from ficlens.eval import quotes as evq

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def test_eval_quotes_on_seeds(capsys, tmp_path):
    dirs = sorted(str(p) for p in (SEEDS / "pdnc").iterdir() if p.is_dir())
    out = tmp_path / "q.json"
    args = argparse.Namespace(paths=dirs[:1] + dirs[2:4] + [str(tmp_path / "missing")], out=str(out), details=True)
    assert evq.main(args) == 0
    res = json.loads(capsys.readouterr().out)
    assert json.loads(out.read_text()) == res
    assert res["quotes"] == 29 + 7 + 23
    assert res["detection"]["f1"] >= 0.95
    assert 0.5 <= res["speaker_accuracy"] <= 1.0
    assert set(res["by_type"]) == {"Explicit", "Anaphoric", "Implicit"}
    assert res["by_type"]["Explicit"] >= 0.8
    assert 0.0 <= res["addressee_accuracy"] <= 1.0
    assert res["words_per_second"] > 0
    assert len(res["novels"]) == 3 and "errors" in res and "missing" in res["errors"][0]
    first = res["novels"][sorted(res["novels"])[0]]
    assert first["model"] == "full" and len(first["details"]) == first["quotes"]


def test_cluster_mapping_uses_aliases():
    from ficlens.document import Character, Work
    from ficlens.eval.pdnc_gold import GoldCharacter, GoldNovel

    gold = GoldNovel("x", "", characters=[GoldCharacter("Miss Honeychurch", {"Lucy", "Miss Honeychurch"}),
                                           GoldCharacter("George Emerson", {"George", "George Emerson"}),
                                           GoldCharacter("Mr. Emerson", {"Mr. Emerson"})])
    work = Work(text="", characters=[Character(0, "Lucy", {"Lucy": 40}), Character(1, "George", {"George": 9}),
                                     Character(2, "Mr. Emerson", {"Mr. Emerson": 5}), Character(3, "Narrator")])
    assert evq.map_clusters(work, gold) == {0: "Miss Honeychurch", 1: "George Emerson", 2: "Mr. Emerson"}


def test_cluster_mapping_tells_apart_a_shared_first_name():
    """Two clusters both called "John": the son's cluster, called "John" more often than "John Andrew", maps to the
    son (the only gold character one of its other names exactly is), not to the lover who is the gold "John"; a
    character split in two still maps both halves to the same gold character."""
    from ficlens.document import Character, Work
    from ficlens.eval.pdnc_gold import GoldCharacter, GoldNovel

    gold = GoldNovel("x", "", characters=[GoldCharacter("John Beaver", {"John", "Beaver", "John Beaver"}),
                                           GoldCharacter("John Andrew", {"John Andrew", "John Last"}),
                                           GoldCharacter("Tony Last", {"Tony", "Tony Last"})])
    work = Work(text="", characters=[Character(0, "John Beaver", {"Beaver": 118, "John": 30, "John Beaver": 12}),
                                     Character(1, "John Andrew", {"John": 73, "John Andrew": 21}),
                                     Character(2, "Tony Last", {"Tony": 480}), Character(3, "Tony", {"Tony": 4})])
    assert evq.map_clusters(work, gold) == {0: "John Beaver", 1: "John Andrew", 2: "Tony Last", 3: "Tony Last"}
