"""When scoring may use two threads (ficlens.parallel)."""

import threading

from ficlens import parallel
from ficlens.parallel import PARALLEL_ROWS, may_fork, predict_threads


def test_short_inputs_score_on_one_thread():
    assert predict_threads(10) == 1
    assert predict_threads(PARALLEL_ROWS - 1) == 1


def test_long_inputs_use_two_threads_only_where_the_process_may_fork(monkeypatch):
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 4)
    assert predict_threads(PARALLEL_ROWS) == (2 if may_fork() else 1)
    seen: list[int] = []
    th = threading.Thread(target=lambda: seen.append(predict_threads(PARALLEL_ROWS * 10)))
    th.start()
    th.join()
    assert seen == [1]  # a worker thread: the batch parallelises across works
    monkeypatch.setenv("FICLENS_TOKENS_PROCESSES", "1")
    assert predict_threads(PARALLEL_ROWS * 10) == 1


def test_one_core_means_one_thread(monkeypatch):
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 1)
    assert predict_threads(PARALLEL_ROWS * 10) == 1
