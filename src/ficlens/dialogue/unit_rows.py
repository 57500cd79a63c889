"""Reductions over the candidate rows of each quotation (a :class:`~ficlens.dialogue.features.Table`'s rows are
grouped by quotation, in quotation order)."""

from __future__ import annotations

import numpy as np


def best_two(x: np.ndarray, unit: np.ndarray, n_units: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per quotation: the largest value of ``x`` among its rows, the second largest (0 with one row), the
    number of rows, and the first row holding the largest (-1 for a quotation without rows)."""
    best, second = np.zeros(n_units), np.zeros(n_units)
    count = np.zeros(n_units, dtype=np.int64)
    top_row = np.full(n_units, -1, dtype=np.int64)
    if len(x) == 0:
        return best, second, count, top_row
    starts = np.flatnonzero(np.r_[True, np.diff(unit) != 0])
    sizes = np.diff(np.r_[starts, len(unit)])
    ranked = np.lexsort((-x, unit))  # by quotation, then highest first; ties keep row order
    owner = unit[starts]
    best[owner] = x[ranked[starts]]
    top_row[owner] = ranked[starts]
    count[owner] = sizes
    two = sizes > 1
    second[owner[two]] = x[ranked[starts[two] + 1]]
    return best, second, count, top_row


def max_of_others(x: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """Per row: the largest value among the other rows of the same unit (``x - 1`` when it is alone)."""
    if len(x) == 0:
        return np.empty_like(x)
    best, second, count, _ = best_two(x, unit, int(unit.max()) + 1)
    others = np.where(x >= best[unit], second[unit], best[unit])
    return np.where(count[unit] == 1, x - 1.0, others).astype(x.dtype)
