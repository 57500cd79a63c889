"""LightGBM scoring of scikit-learn gradient-boosted trees gives the classifier's own probabilities."""

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from ficlens.fast_trees import FastTrees, fast_proba


def _data(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 5))
    X[:, 1] = rng.integers(0, 9, n)  # categorical codes
    X[:, 4] = rng.integers(2, 40, n) * 3  # categorical with large, sparse values
    X[rng.random(n) < 0.1, 0] = np.nan
    X[rng.random(n) < 0.05, 1] = np.nan
    y = ((X[:, 1] % 3 == 0) ^ (np.nan_to_num(X[:, 0]) > 0.2) ^ (X[:, 4] % 2 == 0)).astype(int)
    return X, y


def test_same_probabilities_with_categories_missing_and_unseen_values():
    X, y = _data(3000, 0)
    clf = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=15, categorical_features=[1, 4],
                                         random_state=0).fit(X, y)
    T, _ = _data(2000, 1)
    T[:50, 1] = 77  # a category never seen in training: scored as missing
    T[50:80, 4] = -3
    T[80:100, 0] = np.nan
    assert np.array_equal(fast_proba(clf, T), clf.predict_proba(T)[:, 1])
    assert np.array_equal(FastTrees(clf).proba(T, threads=2), clf.predict_proba(T)[:, 1])


def test_numeric_only_and_single_leaf_trees():
    X, y = _data(400, 2)
    clf = HistGradientBoostingClassifier(max_iter=5, min_samples_leaf=300).fit(X, y)  # too few rows to split
    assert np.allclose(fast_proba(clf, X), clf.predict_proba(X)[:, 1], rtol=0, atol=1e-12)
    clf = HistGradientBoostingClassifier(max_iter=30).fit(np.nan_to_num(X), y)
    assert np.array_equal(fast_proba(clf, X), clf.predict_proba(X)[:, 1])


def test_other_classifiers_fall_back_to_predict_proba():
    X, y = _data(300, 3)
    clf = LogisticRegression().fit(np.nan_to_num(X), y)
    Z = np.nan_to_num(X)
    assert np.array_equal(fast_proba(clf, Z), clf.predict_proba(Z)[:, 1])


def test_warm_rewrites_a_models_classifiers_up_front():
    from types import SimpleNamespace

    from ficlens import fast_trees

    X, y = _data(300, 4)
    outer = HistGradientBoostingClassifier(max_iter=3).fit(np.nan_to_num(X), y)
    inner = HistGradientBoostingClassifier(max_iter=4).fit(np.nan_to_num(X), y)
    model = SimpleNamespace(clf=outer, finder=SimpleNamespace(clf=inner), threshold=0.5)
    fast_trees.warm(model)
    assert isinstance(fast_trees._CACHE.get(outer), FastTrees)
    assert isinstance(fast_trees._CACHE.get(inner), FastTrees)
