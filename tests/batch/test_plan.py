"""Grouping works into parts: bounded parts, huge works alone and first, resume and duplicates."""

from __future__ import annotations

from ficlens.batch.plan import MAX_PART_WORKS, DoneState, WorkItem, describe, file_sha256, make_plan, part_size_for


def items(sizes: list[int]) -> list[WorkItem]:
    return [WorkItem(f"/c/{i}.txt", s, 0, f"{i:064x}") for i, s in enumerate(sizes)]


def test_huge_work_runs_alone_and_first():
    sizes = [1_000] * 60 + [5_000_000] + [1_000] * 60
    plan = make_plan(items(sizes), "r", workers=2)
    assert plan.parts[0].items[0].size == 5_000_000 and len(plan.parts[0].items) == 1
    assert sum(len(p.items) for p in plan.parts) == len(sizes)
    target = part_size_for(sum(sizes), 2)
    assert all(p.size <= target for p in plan.parts[1:])
    assert [p.size for p in plan.parts] == sorted((p.size for p in plan.parts), reverse=True)
    assert len({p.part_id for p in plan.parts}) == len(plan.parts)


def test_small_corpus_still_spreads_over_workers():
    plan = make_plan(items([20_000] * 8), "r", workers=2)
    assert len(plan.parts) >= 2


def test_part_holds_at_most_max_works():
    plan = make_plan(items([1] * (MAX_PART_WORKS * 2 + 1)), "r", workers=1, max_part_bytes=10**9)
    assert max(len(p.items) for p in plan.parts) <= MAX_PART_WORKS


def test_done_and_duplicate_works_are_not_planned():
    its = items([10, 20, 30])
    dup = WorkItem("/c/copy.txt", 10, 0, its[0].sha256)
    done = DoneState(hashes={its[1].sha256})
    plan = make_plan(its + [dup], "r", workers=1, done=done)
    planned = [i.path for p in plan.parts for i in p.items]
    assert sorted(planned) == ["/c/0.txt", "/c/2.txt"]
    assert [i.path for i in plan.skipped] == ["/c/1.txt"]
    assert plan.duplicates == [(dup, "/c/0.txt")]


def test_describe_trusts_unchanged_stat_and_rehashes_changed(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("hello")
    item = describe(f)
    assert item.sha256 == file_sha256(f) and item.size == 5
    done = DoneState(by_path={str(f): (item.size, item.mtime_ns, "cached")})
    assert describe(f, done).sha256 == "cached"
    f.write_text("changed!")
    assert describe(f, done).sha256 == file_sha256(f)
    assert describe(tmp_path / "missing.txt").sha256 == ""
