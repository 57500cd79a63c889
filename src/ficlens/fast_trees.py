"""Score a fitted scikit-learn HistGradientBoostingClassifier with LightGBM's faster tree walker, same numbers.

scikit-learn's predictor walks every tree for every row in a generic loop; LightGBM's is about 2.5x faster on
the same trees (a novel's 250,000 coreference pairs: 2.6 s -> ~1 s on one core). :func:`fast_proba` rewrites
the classifier's trees once into a LightGBM model string (thresholds, missing-value directions, categorical
bitsets and the baseline score carried over exactly) and caches the booster per classifier. Categorical
columns are ordinal-encoded here as scikit-learn's own preprocessor does (its encoded columns first), with an
unknown or missing category mapped to one extra code that goes where the classifier sends missing values.
Anything the rewrite does not cover (multi-class, no lightgbm) falls back to ``predict_proba``.
"""

from __future__ import annotations

import weakref

import numpy as np

_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NAN_MISSING = 2 << 2  # LightGBM decision_type: missing values are NaN
_DEFAULT_LEFT = 2
_CATEGORICAL = 1


class _Encoder:
    """Column order and category codes of the classifier's preprocessing (categorical columns first)."""

    def __init__(self, clf) -> None:
        cat = getattr(clf, "is_categorical_", None)
        n = clf.n_features_in_
        self.cat_cols = np.flatnonzero(cat) if cat is not None else np.zeros(0, np.int64)
        self.num_cols = np.setdiff1d(np.arange(n), self.cat_cols)
        self.categories: list[np.ndarray] = []
        if len(self.cat_cols):
            enc = clf._preprocessor.named_transformers_["encoder"]
            self.categories = [np.asarray(c, np.float64) for c in enc.categories_]

    def missing_code(self, k: int) -> int:
        """The code of an unknown or missing value of the ``k``-th categorical column."""
        return len(self.categories[k])

    def transform(self, X: np.ndarray) -> np.ndarray:
        out = np.empty((len(X), len(self.cat_cols) + len(self.num_cols)), np.float64)
        for k, col in enumerate(self.cat_cols):
            cats, x = self.categories[k], np.asarray(X[:, col], np.float64)
            pos = np.clip(np.searchsorted(cats, x), 0, max(len(cats) - 1, 0))
            known = (cats[pos] == x) if len(cats) else np.zeros(len(x), bool)
            out[:, k] = np.where(known, pos, self.missing_code(k))
        out[:, len(self.cat_cols):] = X[:, self.num_cols]
        return out


def _tree_text(index: int, nodes: np.ndarray, cat_bitsets: np.ndarray, enc: _Encoder, baseline: float) -> str:
    """One tree in LightGBM's model-string format."""
    internal = np.flatnonzero(nodes["is_leaf"] == 0)
    leaves = np.flatnonzero(nodes["is_leaf"] == 1)
    inode = {int(n): i for i, n in enumerate(internal)}
    ileaf = {int(n): i for i, n in enumerate(leaves)}

    def child(n: int) -> int:
        return inode[n] if n in inode else -1 - ileaf[n]

    feats, thresholds, dtypes, lefts, rights = [], [], [], [], []
    cat_words: list[int] = []
    cat_bounds = [0]
    for n in internal:
        node = nodes[n]
        f = int(node["feature_idx"])
        feats.append(f)
        lefts.append(child(int(node["left"])))
        rights.append(child(int(node["right"])))
        if node["is_categorical"]:
            bits = cat_bitsets[int(node["bitset_idx"])].astype(np.uint64)
            words = [int(w) for w in bits]
            if node["missing_go_to_left"]:
                code = enc.missing_code(f)
                words[code // 32] |= 1 << (code % 32)
            thresholds.append(repr(float(len(cat_bounds) - 1)))
            cat_words += words
            cat_bounds.append(len(cat_words))
            dtypes.append(_CATEGORICAL)
        else:
            thresholds.append(repr(float(node["num_threshold"])))
            dtypes.append(_NAN_MISSING | (_DEFAULT_LEFT if node["missing_go_to_left"] else 0))
    values = [repr(float(nodes["value"][n]) + baseline) for n in leaves]
    ni = len(internal)
    lines = [f"Tree={index}", f"num_leaves={len(leaves)}", f"num_cat={len(cat_bounds) - 1}",
             "split_feature=" + " ".join(map(str, feats)), "split_gain=" + " ".join(["1"] * ni),
             "threshold=" + " ".join(thresholds), "decision_type=" + " ".join(map(str, dtypes)),
             "left_child=" + " ".join(map(str, lefts)), "right_child=" + " ".join(map(str, rights)),
             "leaf_value=" + " ".join(values), "leaf_weight=" + " ".join(["1"] * len(leaves)),
             "leaf_count=" + " ".join(["1"] * len(leaves)), "internal_value=" + " ".join(["0"] * ni),
             "internal_weight=" + " ".join(["1"] * ni), "internal_count=" + " ".join(["1"] * ni)]
    if len(cat_bounds) > 1:
        lines += ["cat_boundaries=" + " ".join(map(str, cat_bounds)),
                  "cat_threshold=" + " ".join(map(str, cat_words))]
    lines += ["is_linear=0", "shrinkage=1"]
    return "\n".join(lines) + "\n\n"


def model_string(clf) -> str:
    """The binary classifier ``clf``'s trees as a LightGBM model string (columns as :class:`_Encoder` orders them)."""
    enc = _Encoder(clf)
    nf = len(enc.cat_cols) + len(enc.num_cols)
    baseline = float(np.ravel(clf._baseline_prediction)[0])
    trees = []
    for i, (pred,) in enumerate(clf._predictors):
        trees.append(_tree_text(i, pred.nodes, pred.raw_left_cat_bitsets, enc, baseline if i == 0 else 0.0))
    head = ["tree", "version=v4", "num_class=1", "num_tree_per_iteration=1", "label_index=0",
            f"max_feature_idx={nf - 1}", "objective=binary sigmoid:1",
            "feature_names=" + " ".join(f"f{k}" for k in range(nf)), "feature_infos=" + " ".join(["none"] * nf),
            "tree_sizes=" + " ".join(str(len(t.encode())) for t in trees), ""]
    return "\n".join(head) + "\n" + "".join(trees) + "end of trees\n\nparameters:\nend of parameters\n"


class FastTrees:
    """A LightGBM booster equivalent to one fitted binary HistGradientBoostingClassifier."""

    def __init__(self, clf) -> None:
        import lightgbm

        self.encoder = _Encoder(clf)
        self.booster = lightgbm.Booster(model_str=model_string(clf))

    def proba(self, X: np.ndarray, threads: int = 1) -> np.ndarray:
        """Positive-class probability per row."""
        return self.booster.predict(self.encoder.transform(X), num_threads=threads)


def _fast(clf) -> FastTrees | None:
    try:
        hit = _CACHE.get(clf)
    except TypeError:  # not weak-referenceable
        return None
    if hit is None:
        ok = _is_hgb(clf) and getattr(clf, "n_trees_per_iteration_", 0) == 1
        try:
            hit = FastTrees(clf) if ok else False
        except (ImportError, AttributeError, KeyError, ValueError):
            hit = False
        _CACHE[clf] = hit
    return hit or None


def fast_proba(clf, X: np.ndarray, threads: int = 1) -> np.ndarray:
    """``clf.predict_proba(X)[:, 1]``, through LightGBM when ``clf`` is a binary HistGradientBoostingClassifier;
    a model scoring rows itself (``clf.proba(X, threads)``, as :class:`ficlens.models.ranker.CandidateRanker`) does."""
    if hasattr(clf, "proba"):
        return clf.proba(X, threads)
    fast = _fast(clf)
    if fast is None:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(threads):
            return clf.predict_proba(X)[:, 1]
    return fast.proba(np.asarray(X), threads)


def _is_hgb(obj: object) -> bool:
    return type(obj).__name__ == "HistGradientBoostingClassifier"


def warm(model: object, depth: int = 2) -> None:
    """Rewrite now every binary HistGradientBoostingClassifier among ``model``'s attributes (and theirs, ``depth``
    levels down), so that loading a model, not its first document, pays the ~0.1 s per classifier."""
    for value in vars(model).values():
        if _is_hgb(value):
            _fast(value)
        elif depth > 1 and hasattr(value, "__dict__") and not isinstance(value, type):
            warm(value, depth - 1)
