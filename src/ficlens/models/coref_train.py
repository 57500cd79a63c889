"""Train the coreference ranker (:mod:`ficlens.stages.coref_rank`) on LitBank PER chains.

Each LitBank document (Bamman, Lewke and Mansoor 2020; CC BY 4.0) is analysed
by the tokens and characters stages exactly as at run time; the characters
stage's mentions are matched to the gold PER mentions on exact spans, and every
(anaphor, candidate) pair of a gold anaphor is labelled 1 when both are in the
same gold chain. Documents are dealt into 5 folds (sorted names, round robin,
``folds.json``); ``fold{k}.joblib`` never saw fold k, ``full.joblib`` saw all.
Each model's link threshold is chosen on its own training documents by an
inner two-way split (no document scores the threshold it was trained with);
so are, on the same documents prepared as run time does, the threshold at
which unnamed fragments join a character, the lone-description filter and the
filter of plural pronouns (:mod:`ficlens.stages.coref_mentions`; ``train_decoding``, ``train_plural``). Then the classifier of description ends
(:mod:`ficlens.stages.coref_spans`; ``fit_spans``) and the learned finder of unlisted nouns
(:mod:`ficlens.stages.coref_finder`; ``train_finder``: cross-fitted flags, threshold chosen on the training
documents).
The entity-level second stage (:mod:`ficlens.stages.coref_entity`) is trained
by cross-fitting: its rows come from pair probabilities of that inner split
(decoded at the chosen threshold, as at run time), and its own threshold from
a second inner split; it never sees the outer fold either. It is opt-in
(``--entity``): out of fold it moved the CoNLL average by less than 0.1 and
it costs ~0.8 s more per novel, so the shipped weights are pair-only.
Run: ``python scripts/train_coref.py [--litbank DIR] [--folds 5] [--entity]``.
"""

from __future__ import annotations

import copy
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ficlens.stages.coref_entity import CATEGORICAL2, entity_groups
from ficlens.stages.coref_finder import CATEGORICAL as FINDER_CATEGORICAL
from ficlens.stages.coref_finder import (NounFinder, NounStats, add_found, fit_person_vectors, suffix_stats,
                                         uncovered_nouns)
from ficlens.stages.coref_finder import features as noun_features
from ficlens.stages.coref_heads import HeadCounts, add_learned_nominals, count_heads, learn_heads, mention_head
from ficlens.stages.coref_mentions import features as mention_features
from ficlens.stages.coref_mentions import (head_counts, head_stats, join_repeats, lone_descriptions, plural_features,
                                           plural_pronouns)
from ficlens.stages.coref_spans import FEATURES as SPAN_FEATURES
from ficlens.stages.coref_spans import choose_ends, predicted_mentions, span_rows
from ficlens.stages.coref_linker import RANK_FEATURES, TOP, MentionRanker, rank_labels, rank_rows
from ficlens.stages.coref_rank import (CATEGORICAL, DROPPED, FEATURES, MODEL_DIR, TRAIN_WINDOW, WINDOW, CorefModel,
                                       Prepared, decode, merge_fragments, predict_chunked, prepare, rule_guess)

THRESHOLDS = [round(t, 2) for t in np.arange(0.2, 0.71, 0.05)]
MERGE_THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 2.0]  # 2.0: no merging
DROP_THRESHOLDS = [0.0, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]  # 0.0: no filter
FINDER_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 2.0]  # 2.0: no learned finder
THRESHOLD_TIE = 0.05  # CoNLL points within which link thresholds count as tied (best_threshold)


@dataclass
class DocData:
    name: str
    prep: Prepared
    spans: list[tuple[int, int]]  # per mention
    gold: np.ndarray  # gold chain id per mention, -1 when no gold PER mention has its span
    key: list[set[tuple[int, int]]]
    state: tuple = ()  # what the resolver was given: work, slots, genders, narrator, quotes, kinds
    heads: HeadCounts = (Counter(), Counter())  # learned person nouns: gold PER heads and noun counts

    def with_heads(self, heads: frozenset[str], window: int = TRAIN_WINDOW, span_clf=None, finder=None,
                   run_time: bool = True) -> DocData:
        """This document prepared again with the descriptions of learned person nouns ``heads`` added and the
        mention rules of :mod:`ficlens.stages.coref_spans` applied (descriptions ending where ``span_clf``
        says, those of the noun ``finder`` added: a NounFinder, or the nouns and flags add_found takes; by
        default with training's window; ``WINDOW``: that of run time). ``run_time`` False: the
        stage's mentions as they are (the pair model trains on those)."""
        work, slots, genders, narrator, quotes, kinds = self.state
        slots = self.mention_slots(heads)
        if run_time and isinstance(finder, tuple):
            predicted_mentions(work, slots, quotes)
            add_found(work, slots, quotes, *finder)
            choose_ends(work, slots, span_clf)
        elif run_time:
            predicted_mentions(work, slots, quotes, span_clf, finder)
        rule_guess(work, slots, dict(genders), narrator, quotes, kinds)
        prep = prepare(work, slots, dict(genders), narrator, quotes, window)
        return _labelled(self.name, prep, self.key, self.state, self.heads)

    def mention_slots(self, heads: frozenset[str]) -> list:
        """The stage's slots with the descriptions of learned person nouns ``heads``."""
        work, slots, _, _, quotes, _ = self.state
        slots = copy.deepcopy(slots)
        add_learned_nominals(work, slots, quotes, heads)
        return slots

    def span_rows(self, heads: frozenset[str]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Training rows of the description-end classifier (:func:`ficlens.stages.coref_spans.span_rows`)."""
        work, _, _, _, quotes, _ = self.state
        slots = self.mention_slots(heads)
        predicted_mentions(work, slots, quotes)
        return span_rows(work, slots, {m for c in self.key for m in c})

    def noun_rows(self, heads: frozenset[str]) -> tuple[list[int], np.ndarray]:
        """The nouns the learned finder scores (:mod:`ficlens.stages.coref_finder`) and whether each heads a gold
        PER mention."""
        work, _, _, _, quotes, _ = self.state
        slots = self.mention_slots(heads)
        predicted_mentions(work, slots, quotes)
        gold = {mention_head(work, *m) for c in self.key for m in c}
        nouns = uncovered_nouns(work, slots)
        return nouns, np.array([k in gold for k in nouns], bool)

    def labels(self) -> np.ndarray:
        g = self.gold
        return ((g[self.prep.anaphor] >= 0) & (g[self.prep.anaphor] == g[self.prep.cand])).astype(np.int8)

    def rows(self) -> np.ndarray:
        """Pairs used for training: those of anaphors that are gold mentions."""
        return self.gold[self.prep.anaphor] >= 0


class _Recorder:
    """Stands in for the resolver inside the characters stage and keeps what it was given."""

    def __init__(self) -> None:
        self.state: tuple = ()

    def resolve(self, work, slots, genders, narrator, quotes, kinds=None) -> None:
        self.state = (work, copy.deepcopy(slots), dict(genders), narrator, list(quotes), kinds)


def _labelled(name: str, prep: Prepared, key, state: tuple, heads: HeadCounts) -> DocData:
    chain_of = {span: k for k, chain in enumerate(key) for span in chain}
    spans = [(s.start, s.end) for s in prep.slots]
    gold = np.array([chain_of.get(sp, -1) for sp in spans], np.int64)
    return DocData(name, prep, spans, gold, key, state, heads)


def doc_data(path: Path) -> DocData:
    from ficlens.eval.coref import gold_document
    from ficlens.ingest.build import work_from_text
    from ficlens.pipeline import run_stage
    from ficlens.stages.characters import CharacterStage

    text, _, key = gold_document(path)
    work = work_from_text(text, title=path.stem)
    run_stage(work, "tokens")
    rec = _Recorder()
    CharacterStage(coref_model=rec)(work)
    doc = DocData(path.stem, Prepared([], np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)),
                  [], np.zeros(0, np.int64), key, rec.state, count_heads(work, [m for c in key for m in c]))
    return doc.with_heads(frozenset(), run_time=False)


def response(doc: DocData, ents: np.ndarray) -> list[set[tuple[int, int]]]:
    groups: dict[int, set] = {}
    singles = []
    for sp, e in zip(doc.spans, ents):
        if e == DROPPED:
            continue
        if e < 0:
            singles.append({sp})
        else:
            groups.setdefault(int(e), set()).add(sp)
    return list(groups.values()) + singles


def score_docs(docs: list[DocData], probas: list[np.ndarray], threshold: float) -> dict:
    return score_entities(docs, [decode(doc.prep, p, threshold) for doc, p in zip(docs, probas)])


def score_entities(docs: list[DocData], entities: list[np.ndarray]) -> dict:
    """MUC, B3, CEAF-e F1 and their average of ``docs`` with these root entities per mention."""
    from ficlens.eval.coref import _prf, bcubed, ceafe, muc

    sums = {name: np.zeros(4) for name in ("muc", "b3", "ceafe")}
    for doc, ents in zip(docs, entities):
        resp = response(doc, ents)
        for name, fn in (("muc", muc), ("b3", bcubed), ("ceafe", ceafe)):
            sums[name] += np.array(fn(doc.key, resp))
    out = {name: _prf(*sums[name])["f1"] for name in sums}
    out["avg_f1"] = round(sum(out.values()) / 3, 2)
    return out


def fit(docs: list[DocData], seed: int = 0, **params):
    from sklearn.ensemble import HistGradientBoostingClassifier

    X = np.concatenate([d.prep.X[d.rows()] for d in docs])
    y = np.concatenate([d.labels()[d.rows()] for d in docs])
    clf = HistGradientBoostingClassifier(
        max_iter=params.get("max_iter", 120), learning_rate=params.get("learning_rate", 0.1),
        max_leaf_nodes=params.get("max_leaf_nodes", 63), min_samples_leaf=params.get("min_samples_leaf", 60),
        l2_regularization=1.0, categorical_features=CATEGORICAL, early_stopping=False, random_state=seed)
    return _fit_one_thread(clf, X, y)


# the mention ranker: 60 trees of 15 leaves (150 of 31 at 0.08 scored the same out of fold, at 5x the run-time
# cost; LightGBM's lambdarank objective lost 0.3-0.7 per fold to rank_xendcg)
RANK_PARAMS = {"objective": "rank_xendcg", "num_leaves": 15, "learning_rate": 0.15, "n_estimators": 60,
               "min_child_samples": 40, "reg_lambda": 1.0}


def ranker_data(docs: list[DocData], probas: list[np.ndarray], all_anaphors: bool = False, top: int = TOP
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, relevance and query sizes of the mention ranker (:mod:`ficlens.stages.coref_linker`) over ``docs``
    with pair probabilities ``probas``: one query per anaphor that is a gold mention (``all_anaphors``: every
    anaphor, those that are none with "new" relevant), rows grouped by query."""
    X, y, sizes = [], [], []
    for d, p in zip(docs, probas):
        rows, q, ana, idx = rank_rows(d.prep, p, top)
        lab = rank_labels(d.labels(), idx, q, len(ana))
        keep = np.ones(len(ana), bool) if all_anaphors else d.gold[ana] >= 0
        order = np.argsort(q, kind="stable")
        order = order[keep[q[order]]]
        X.append(rows[order])
        y.append(lab[order])
        sizes.append(np.bincount(q[order], minlength=len(ana))[keep])
    return np.concatenate(X), np.concatenate(y), np.concatenate(sizes)


def fit_ranker(docs: list[DocData], probas: list[np.ndarray], seed: int = 0, all_anaphors: bool = False,
               margin: float = 0.0, top: int = TOP, **params) -> MentionRanker:
    """The mention ranker fitted on ``docs`` (pair probabilities ``probas`` cross-fitted), on one thread."""
    import lightgbm as lgb

    X, y, sizes = ranker_data(docs, probas, all_anaphors, top)
    cat = [RANK_FEATURES.index(f) for f in ("m_word", "c_word")]
    args = {**RANK_PARAMS, **params}
    model = lgb.LGBMRanker(random_state=seed, num_threads=1, verbose=-1, **args)
    model.fit(X, y, group=sizes, categorical_feature=cat)
    return MentionRanker(model.booster_, margin, top)


RANK_MARGINS = [-0.75, -0.5, -0.35, -0.25, -0.15, 0.0, 0.15, 0.25]


def train_ranker(model: CorefModel, run: list[DocData], probas: list[np.ndarray], inner: int = 2, **params) -> dict:
    """The mention ranker of ``model`` fitted on ``run`` (documents prepared as run time does, cross-fitted pair
    probabilities ``probas``); its margin the one that maximises the CoNLL average of ``run`` decoded as run time
    does with cross-fitted rankers (each document's gaps from a ranker that did not see it)."""
    gaps: list[np.ndarray] = [np.zeros(0)] * len(run)
    for k in range(inner):
        part = [i for i in range(len(run)) if i % inner != k]
        ranker = fit_ranker([run[i] for i in part], [probas[i] for i in part], **params)
        for i, d in enumerate(run):
            if i % inner == k:
                gaps[i] = ranker.gaps(d.prep, probas[i])
    table = {m: score_entities(run, [model.decode_pairs(d.prep, p, d.state[0], link=1 / (1 + np.exp(m - g)))
                                     for d, p, g in zip(run, probas, gaps)])["avg_f1"] for m in RANK_MARGINS}
    model.ranker = fit_ranker(run, probas, margin=max(table, key=lambda m: (table[m], -abs(m))), **params)
    return table


def _fit_one_thread(clf, X: np.ndarray, y: np.ndarray):
    """Fit on one OpenMP thread: on a shared machine two threads waiting on each other ran ten times slower
    (and one thread gives the same trees)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return clf.fit(X, y)


def inner_fits(docs: list[DocData], inner: int = 2, **params) -> list:
    """Pair classifiers ``k`` fitted on the documents ``i`` with ``i % inner != k`` (cross-fitting)."""
    return [fit([d for i, d in enumerate(docs) if i % inner != k], **params) for k in range(inner)]


def inner_probas(docs: list[DocData], inner: int = 2, clfs: list | None = None, **params) -> list[np.ndarray]:
    """Pair probabilities of ``docs``, each scored by an inner model that did not see it."""
    clfs = clfs or inner_fits(docs, inner, **params)
    return [predict_chunked(clfs[i % len(clfs)], d.prep.X) for i, d in enumerate(docs)]


def best_threshold(docs: list[DocData], scores: list[np.ndarray]) -> tuple[float, dict]:
    """The link threshold that maximises the CoNLL average of ``docs`` under these pair scores; of thresholds
    within ``THRESHOLD_TIE`` of the best, the lowest (the table is flat at its top, and the errors measured
    are links missed more than links wrongly made)."""
    table = {t: score_docs(docs, scores, t)["avg_f1"] for t in THRESHOLDS}
    best = max(table.values())
    return min(t for t in THRESHOLDS if table[t] >= best - THRESHOLD_TIE), table


def entity_rows(doc: DocData, proba: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Second-stage rows of one document: (best pair, features, label) per (anaphor, entity) group; a group
    is right when its best pair is a gold link (anaphors that are no gold mention have none: all wrong)."""
    _, best, F = entity_groups(doc.prep, proba, decode(doc.prep, proba, threshold))
    return best, F, doc.labels()[best] if len(best) else np.zeros(0, np.int8)


def fit_entity(rows: list[tuple[np.ndarray, np.ndarray, np.ndarray]], seed: int = 0):
    from sklearn.ensemble import HistGradientBoostingClassifier

    X = np.concatenate([r[1] for r in rows])
    y = np.concatenate([r[2] for r in rows])
    clf = HistGradientBoostingClassifier(max_iter=150, learning_rate=0.08, max_leaf_nodes=31, min_samples_leaf=40,
                                         l2_regularization=1.0, categorical_features=CATEGORICAL2,
                                         early_stopping=False, random_state=seed)
    return _fit_one_thread(clf, X, y)


def _entity_pair_scores(clf, doc: DocData, row: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    out = np.zeros(len(doc.prep.anaphor))
    if len(row[0]):
        out[row[0]] = predict_chunked(clf, row[1])
    return out


def fit_mentions(X: np.ndarray, y: np.ndarray, seed: int = 0):
    """The lone-description filter (:mod:`ficlens.stages.coref_mentions`)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=20,
                                         l2_regularization=1.0, early_stopping=False, random_state=seed)
    return _fit_one_thread(clf, X, y)


def fit_spans(docs: list[DocData], heads: frozenset[str], seed: int = 0):
    """The description-end classifier (:mod:`ficlens.stages.coref_spans`) on ``docs``."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    X, y = [], []
    for d in docs:
        a, b = d.span_rows(heads)
        X += a
        y += b
    cat = [SPAN_FEATURES.index(f) for f in ("connector", "last_connector", "next_kind", "determiner", "before")]
    clf = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=20,
                                         categorical_features=cat, random_state=seed)
    return _fit_one_thread(clf, np.concatenate(X), np.concatenate(y))


def fit_finder(X: np.ndarray, y: np.ndarray, seed: int = 0):
    """The classifier of the learned noun finder (:mod:`ficlens.stages.coref_finder`)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=20,
                                         categorical_features=FINDER_CATEGORICAL, random_state=seed)
    return _fit_one_thread(clf, X, y)


def train_finder(model: CorefModel, docs: list[DocData], clfs: list) -> dict:
    """The learned noun finder of ``model``: counts from ``docs`` (a row's own document left out of them and of
    the learned person nouns in training), its threshold the one that maximises the CoNLL average of ``docs`` prepared as run time does with
    the finder's cross-fitted flags, pair probabilities from the inner classifiers ``clfs`` that did not see them."""
    # as at run time, a document's nouns are those the person nouns learned without it leave uncovered
    heads = [learn_heads([o.heads for j, o in enumerate(docs) if j != i]) for i in range(len(docs))]
    rows = [d.noun_rows(h) for d, h in zip(docs, heads)]
    own = [NounStats(*d.heads) + suffix_stats(d.state[0], nouns, set(np.array(nouns)[y].tolist()))
           for d, (nouns, y) in zip(docs, rows)]
    stats = sum(own, NounStats())
    weights = person_weights(own)
    X = [noun_features(d.state[0], nouns, stats - o, weights[i % len(weights)])
         for i, (d, (nouns, _), o) in enumerate(zip(docs, rows, own))]
    inner = len(clfs)
    scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for k in range(inner):
        part = [i for i in range(len(docs)) if i % inner != k]
        clf = fit_finder(np.concatenate([X[i] for i in part]), np.concatenate([rows[i][1] for i in part]))
        for i in range(len(docs)):
            if i % inner == k and len(rows[i][0]):
                scores[i] = predict_chunked(clf, X[i])
    table = {}
    for t in FINDER_THRESHOLDS:
        run = [d.with_heads(h, WINDOW, model.span_clf, (r[0], sc >= t))
               for d, h, r, sc in zip(docs, heads, rows, scores)]
        probas = inner_probas(run, clfs=clfs)
        table[t] = score_entities(run, [model.decode_pairs(d.prep, p, d.state[0])
                                        for d, p in zip(run, probas)])["avg_f1"]
    threshold = max(table, key=lambda t: (table[t], t))
    model.finder = NounFinder(fit_finder(np.concatenate(X), np.concatenate([r[1] for r in rows])), stats, threshold,
                              fit_person_vectors(stats))
    return table


def person_weights(own: list[NounStats], groups: int = 5) -> list[np.ndarray]:
    """Cross-fitted word-vector person-ness weights: those of group ``k`` fitted on the counts of the documents
    ``i`` with ``i % groups != k`` (the finder's rows of document ``i`` read group ``i % groups``)."""
    return [fit_person_vectors(sum((o for i, o in enumerate(own) if i % groups != k), NounStats()))
            for k in range(groups)]


def train_decoding(model: CorefModel, docs: list[DocData], clfs: list, ranker: bool = True) -> dict:
    """The fragment-merge threshold and the lone-description filter of ``model``, both chosen on ``docs`` as
    run time prepares them, each document's pair probabilities from the inner classifier ``clfs`` that did
    not see it, the filter's rows cross-fitted the same way (head counts never include the row's document);
    then (``ranker``) the mention ranker on the same documents (:func:`train_ranker`)."""
    run = [d.with_heads(model.heads, WINDOW) for d in docs]
    probas = inner_probas(run, clfs=clfs)
    first = [decode(d.prep, p, model.threshold) for d, p in zip(run, probas)]
    table = {m: score_entities(run, [merge_fragments(d.prep, p, e, m) for d, p, e in zip(run, probas, first)])["avg_f1"]
             for m in MERGE_THRESHOLDS}
    model.merge_threshold = max(table, key=lambda m: (table[m], m))
    ents = [join_repeats(d.prep, merge_fragments(d.prep, p, e, model.merge_threshold), d.state[0].text)
            for d, p, e in zip(run, probas, first)]
    counts = [head_counts(d.prep.slots, {m for c in d.key for m in c}) for d in run]
    stats = head_stats(sum(counts, Counter()))
    rows = []
    for d, p, e, cnt in zip(run, probas, ents, counts):
        idx = lone_descriptions(d.prep, p, e)
        rows.append((idx, mention_features(d.state[0].text, d.prep, p, idx, stats, cnt), d.gold[idx] >= 0))
    scores = _cross_scores(rows, len(clfs))
    drop_table = {t: score_entities(run, _dropped(ents, rows, scores, t))["avg_f1"] for t in DROP_THRESHOLDS}
    model.mention_threshold = max(drop_table, key=lambda t: (drop_table[t], -t))
    model.mention_heads = stats
    model.mention_clf = fit_mentions(np.concatenate([r[1] for r in rows]), np.concatenate([r[2] for r in rows])) \
        if model.mention_threshold > 0 else None
    out = {"merge": table, "drop": drop_table,
           "plural": train_plural(model, run, probas, ents, _dropped(ents, rows, scores, model.mention_threshold),
                                  len(clfs))}
    if ranker:
        out["ranker"] = train_ranker(model, run, probas, len(clfs))
    return out


Rows = list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # per document: mention indices, features, gold mention


def _cross_scores(rows: Rows, inner: int) -> list[np.ndarray]:
    """Filter scores of each document's ``rows`` from a filter (fit_mentions) fitted on the documents of the
    other inner splits."""
    scores: list[np.ndarray] = [np.zeros(0)] * len(rows)
    for k in range(inner):
        part = [r for i, r in enumerate(rows) if i % inner != k]
        clf = fit_mentions(np.concatenate([r[1] for r in part]), np.concatenate([r[2] for r in part]))
        for i, r in enumerate(rows):
            if i % inner == k and len(r[0]):
                scores[i] = predict_chunked(clf, r[1])
    return scores


def _dropped(ents: list[np.ndarray], rows: Rows, scores: list[np.ndarray], t: float) -> list[np.ndarray]:
    """``ents`` with the rows' mentions scored under ``t`` marked DROPPED."""
    out = [e.copy() for e in ents]
    for o, r, sc in zip(out, rows, scores):
        if len(r[0]):
            o[r[0][sc < t]] = DROPPED
    return out


def train_plural(model: CorefModel, run: list[DocData], probas: list[np.ndarray], ents: list[np.ndarray],
                 after: list[np.ndarray], inner: int) -> dict:
    """The filter of plural pronouns with no name or description in their entity
    (:func:`ficlens.stages.coref_mentions.drop_plural`): rows from the decoded ``ents``, cross-fitted scores,
    its threshold the one that maximises the CoNLL average of ``run`` applied on ``after`` (the entities once
    the description filter dropped its own)."""
    rows = []
    for d, p, e in zip(run, probas, ents):
        idx = plural_pronouns(d.prep, e)
        rows.append((idx, plural_features(d.state[0], d.prep, p, e, idx, model.heads), d.gold[idx] >= 0))
    scores = _cross_scores(rows, inner)
    table = {t: score_entities(run, _dropped(after, rows, scores, t))["avg_f1"] for t in DROP_THRESHOLDS}
    model.plural_threshold = max(table, key=lambda t: (table[t], -t))
    model.plural_clf = fit_mentions(np.concatenate([r[1] for r in rows]), np.concatenate([r[2] for r in rows])) \
        if model.plural_threshold > 0 else None
    return table


def train_model(docs: list[DocData], inner: int = 2, entity: bool = False, heads: frozenset[str] = frozenset(),
                ranker: bool = True, **params) -> CorefModel:
    """Pair model and threshold, then the fragment merge, description filter and (``ranker``) mention ranker
    (:func:`train_decoding`); with
    ``entity``, instead the second stage trained on cross-fitted pair probabilities decoded at that threshold,
    its own threshold chosen on inner out-of-split scores."""
    clfs = inner_fits(docs, inner, **params)
    probas = inner_probas(docs, clfs=clfs)
    threshold, _ = best_threshold(docs, probas)
    model = CorefModel(fit(docs, **params), threshold, list(FEATURES), heads=heads)
    if not entity:
        print(f"  decoding: {train_decoding(model, docs, clfs, ranker)}", flush=True)
        model.span_clf = fit_spans(docs, heads)
        print(f"  finder: {train_finder(model, docs, clfs)}", flush=True)
    if entity:
        rows = [entity_rows(d, p, threshold) for d, p in zip(docs, probas)]
        scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
        for k in range(inner):
            clf = fit_entity([r for i, r in enumerate(rows) if i % inner != k])
            for i, d in enumerate(docs):
                if i % inner == k:
                    scores[i] = _entity_pair_scores(clf, d, rows[i])
        model.entity_threshold, _ = best_threshold(docs, scores)
        model.entity_clf = fit_entity(rows)
    return model


def fold_of(names: list[str], folds: int) -> dict[str, int]:
    """Deterministic leave-documents-out folds: sorted names dealt round-robin."""
    return {n: i % folds for i, n in enumerate(sorted(names))}


def main(litbank: str, folds: int = 5, out: Path = MODEL_DIR, entity: bool = False) -> dict:
    import joblib

    t0 = time.time()
    files = sorted((Path(litbank) / "coref" / "conll").glob("*.conll"))
    docs = [doc_data(f) for f in files]
    print(f"{len(docs)} documents prepared in {time.time() - t0:.0f}s", flush=True)
    assign = fold_of([d.name for d in docs], folds)
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {"folds": {}}
    for k in range(folds):
        train = [d for d in docs if assign[d.name] != k]
        heads = learn_heads([d.heads for d in train])
        model = train_model(train, entity=entity, heads=heads)
        test = [d.with_heads(heads, WINDOW, model.span_clf, model.finder) for d in docs
                if assign[d.name] == k]
        joblib.dump(model, out / f"fold{k}.joblib", compress=3)
        report["folds"][k] = {"threshold": model.threshold, "merge": model.merge_threshold,
                              "drop": model.mention_threshold, "plural": model.plural_threshold,
                              **score_entities(test, [model.entities(d.prep, d.state[0])[0] for d in test])}
        if model.entity_clf is not None:
            report["folds"][k]["pairs_only"] = score_docs(test, [model.proba(d.prep.X) for d in test], model.threshold)
        print(f"fold {k}: {report['folds'][k]} at {time.time() - t0:.0f}s", flush=True)
    model = train_model(docs, entity=entity, heads=learn_heads([d.heads for d in docs]))
    joblib.dump(model, out / "full.joblib", compress=3)
    (out / "folds.json").write_text(json.dumps({"folds": folds, "doc_fold": assign}, indent=1, sort_keys=True))
    report["full_threshold"] = model.threshold
    report["learned_heads"] = len(model.heads)
    report["seconds"] = round(time.time() - t0, 1)
    print(json.dumps(report), flush=True)
    return report
