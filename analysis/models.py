"""Text models: topics (NMF over TF-IDF) and a supervised frame classifier.

Two tools for frames a dictionary does not anticipate, both seeded and both built on
scikit-learn:

* :func:`topics` finds groups of words that co-occur across documents (or sentences), an
  inductive complement to a frame lexicon;
* :class:`FrameClassifier` learns frames from hand-coded sentences (``text, frame``), with
  :func:`cross_validate_report` to say how well it does before anyone trusts its labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from .lexical import frequency
from .corpus import CorpusError
from .errors import UsageError

__all__ = ["FrameClassifier", "Topics", "cross_validate_report", "topics"]


def _one_blas_thread():
    """Run BLAS single-threaded: these problems are small (hundreds to thousands of rows) and
    multi-threaded BLAS on many small products is several times slower, and much slower still
    when numpy and scipy each bring their own thread pool onto a busy machine."""
    return threadpool_limits(limits=1, user_api="blas")


# --------------------------------------------------------------------------------------------
# Topics
# --------------------------------------------------------------------------------------------


class Topics(NamedTuple):
    """The result of :func:`topics`: two tidy tables.

    Attributes
    ----------
    terms : pandas.DataFrame
        ``topic, rank, term, weight, count``: the ``n_top`` heaviest terms of each topic
        (``rank`` 1 = heaviest; ``weight`` = the term's loading in the NMF component ``H``;
        ``count`` = the term's raw frequency in the corpus). Sorted by topic, rank.
    docs : pandas.DataFrame
        The unit column(s) (``doc_id`` by default), ``topic``, ``weight`` (the NMF document
        loading ``W``) and ``share`` (the weight divided by the unit's total weight; 0 for a
        unit with no weight at all). One row per unit and topic, sorted by unit, topic.
    """

    terms: pd.DataFrame
    docs: pd.DataFrame

    def labels(self, n: int = 3) -> pd.Series:
        """A short label per topic: its ``n`` heaviest terms joined by " / ".

        Examples
        --------
        >>> t = Topics(pd.DataFrame({"topic": [0, 0], "rank": [1, 2], "term": ["tax", "budget"],
        ...                          "weight": [1.0, 0.5], "count": [3, 2]}), pd.DataFrame())
        >>> t.labels().tolist()
        ['tax / budget']
        """
        top = self.terms[self.terms["rank"] <= n]
        return top.groupby("topic", sort=True)["term"].agg(" / ".join).rename("label")


def topics(
    tokens: pd.DataFrame,
    n_topics: int,
    *,
    by: str | Sequence[str] = "doc_id",
    random_state: int = 0,
    n_top: int = 10,
    stopwords: str | Sequence[str] | None = "english",
    min_count: int = 2,
    max_iter: int = 500,
) -> Topics:
    """Topics by non-negative matrix factorisation of a TF-IDF document-term matrix.

    The document-term matrix comes from :func:`analysis.frequency.dtm` (punctuation out; stop
    words out by default, since they would otherwise dominate every topic); it is weighted by
    scikit-learn's ``TfidfTransformer`` (smooth idf, l2-normalised rows) and factorised as
    ``X ≈ W H`` with ``NMF(init="nndsvda")`` and the coordinate-descent solver, which is
    deterministic for a given ``random_state``.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table.
    n_topics : int
        Number of topics (NMF components).
    by : str or list of str, default "doc_id"
        The unit of a row, e.g. ``["doc_id", "sent_id"]`` to model sentences.
    random_state : int, default 0
        Seed for NMF.
    n_top : int, default 10
        Terms reported per topic.
    stopwords : None, "english" or collection of str, default "english"
        Terms left out of the matrix (see :func:`analysis.frequency.counts`).
    min_count : int, default 2
        Keep terms occurring at least this often in the whole table.
    max_iter : int, default 500
        Maximum NMF iterations.

    Returns
    -------
    Topics
        ``terms`` and ``docs`` tables (see :class:`Topics`). Units whose terms were all
        filtered out keep their rows, with weight 0.

    Raises
    ------
    ValueError
        If ``n_topics`` is not a positive integer or exceeds the number of units or terms.

    References
    ----------
    Lee, D. D., & Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
    factorization. *Nature*, 401(6755), 788-791.

    Greene, D., & Cross, J. P. (2017). Exploring the political agenda of the European
    Parliament using a dynamic topic modeling approach. *Political Analysis*, 25(1), 77-94.

    Examples
    --------
    >>> words = ["tax budget deficit tax", "missile soviet arms missile",
    ...          "budget tax deficit", "soviet arms missile"]
    >>> toks = pd.DataFrame([(f"d{i}", w) for i, s in enumerate(words) for w in s.split()],
    ...                     columns=["doc_id", "norm"])
    >>> result = topics(toks, 2, n_top=2)
    >>> sorted(result.labels(2).tolist())
    ['missile / arms', 'tax / budget']
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    if not isinstance(n_topics, (int, np.integer)) or isinstance(n_topics, bool) or n_topics < 1:
        raise UsageError(f"n_topics must be a positive integer, got {n_topics!r}")
    if not isinstance(n_top, (int, np.integer)) or n_top < 1:
        raise UsageError(f"n_top must be a positive integer, got {n_top!r}")
    m = frequency.dtm(tokens, by=by, stopwords=stopwords, min_count=min_count)
    by_cols = list(m.docs.columns)
    if m.matrix.shape[0] == 0:
        return Topics(_empty_terms(), _empty_docs(m.docs))
    n_units, n_terms = m.matrix.shape
    if n_topics > min(n_units, n_terms):
        raise UsageError(
            f"n_topics={n_topics} exceeds the {n_units} units and {n_terms} terms available; "
            "lower n_topics or min_count"
        )
    x = TfidfTransformer().fit_transform(m.matrix.astype(float))
    model = NMF(
        n_components=n_topics,
        init="nndsvda",
        solver="cd",
        max_iter=max_iter,
        random_state=random_state,
    )
    # errstate: NMF's reconstruction error can come out a hair below zero (-1e-17) when a
    # unit has no terms, and its sqrt then warns; the factorisation itself is unaffected.
    with _one_blas_thread(), np.errstate(invalid="ignore"):
        w = model.fit_transform(x)
    h = model.components_
    totals = np.asarray(m.matrix.sum(axis=0)).ravel()

    k = min(n_top, n_terms)
    # For each topic: weight descending, then term (terms are sorted, so column index).
    order = np.lexsort((np.tile(np.arange(n_terms), (n_topics, 1)), -h), axis=1)[:, :k]
    terms = pd.DataFrame(
        {
            "topic": np.repeat(np.arange(n_topics, dtype=np.int64), k),
            "rank": np.tile(np.arange(1, k + 1, dtype=np.int64), n_topics),
            "term": pd.Series(m.terms[order.ravel()], dtype="str"),
            "weight": np.take_along_axis(h, order, axis=1).ravel(),
            "count": totals[order.ravel()].astype(np.int64),
        }
    )
    row_sum = w.sum(axis=1, keepdims=True)
    share = np.divide(w, row_sum, out=np.zeros_like(w), where=row_sum > 0)
    docs = m.docs.iloc[np.repeat(np.arange(n_units), n_topics)].reset_index(drop=True)
    docs["topic"] = np.tile(np.arange(n_topics, dtype=np.int64), n_units)
    docs["weight"] = w.ravel()
    docs["share"] = share.ravel()
    docs = docs[[*by_cols, "topic", "weight", "share"]]
    return Topics(terms, docs)


def _empty_terms() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic": pd.Series([], dtype="int64"),
            "rank": pd.Series([], dtype="int64"),
            "term": pd.Series([], dtype="str"),
            "weight": pd.Series([], dtype="float64"),
            "count": pd.Series([], dtype="int64"),
        }
    )


def _empty_docs(keys: pd.DataFrame) -> pd.DataFrame:
    out = keys.iloc[:0].copy()
    out["topic"] = pd.Series([], dtype="int64")
    out["weight"] = pd.Series([], dtype="float64")
    out["share"] = pd.Series([], dtype="float64")
    return out


# --------------------------------------------------------------------------------------------
# Supervised frames
# --------------------------------------------------------------------------------------------


def _texts(X, what: str = "X") -> np.ndarray:
    """Texts from a DataFrame with a ``text`` column, a Series, or a sequence of strings."""
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise CorpusError(
                f"{what}: a DataFrame needs a text column; found {', '.join(map(str, X.columns))}"
            )
        values = X["text"]
    elif isinstance(X, str):
        raise TypeError(f"{what}: expected a collection of texts, got a single string")
    else:
        values = pd.Series(list(X), dtype=object)
    arr = values.to_numpy(dtype=object)
    bad = np.flatnonzero([not isinstance(t, str) for t in arr])
    if bad.size:
        raise CorpusError(f"{what}, row {int(bad[0])}: text is {type(arr[bad[0]]).__name__}, not a string")
    return arr


def _labels(X, y, n: int) -> np.ndarray:
    if y is None:
        if isinstance(X, pd.DataFrame) and "frame" in X.columns:
            y = X["frame"]
        else:
            raise UsageError("fit needs labels: pass y, or a DataFrame with a frame column")
    labels = pd.Series(list(y) if not isinstance(y, pd.Series) else y.to_list(), dtype=object)
    if len(labels) != n:
        raise UsageError(f"{n} texts but {len(labels)} labels")
    missing = np.flatnonzero(labels.isna().to_numpy())
    if missing.size:
        raise CorpusError(f"row {int(missing[0])}: missing frame label")
    return labels.astype(str).to_numpy(dtype=object)


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Assign a frame to each sentence: TF-IDF features and a logistic regression.

    A scikit-learn estimator (``get_params``/``set_params``/``clone`` work, ``fit`` returns
    ``self``, learned attributes end in ``_``). Words are scikit-learn's default tokens
    (two or more word characters), lower-cased, as unigrams and bigrams by default; TF-IDF is
    sublinear; the logistic regression is multinomial with balanced class weights, since
    hand-coded frame data are rarely balanced.

    Unlike a plain scikit-learn classifier, :meth:`predict` returns a tidy table (the input
    rows with ``frame`` and ``probability``); use ``predict(X)["frame"]`` for the labels
    alone. :meth:`score` is accuracy, as for any classifier.

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.
    ngram_range : (int, int), default (1, 2)
        Word n-gram lengths used as features.
    min_df : int or float, default 1
        Ignore terms in fewer documents than this (see ``TfidfVectorizer``).
    class_weight : "balanced", dict or None, default "balanced"
        Passed to ``LogisticRegression``.
    max_iter : int, default 2000
        Maximum solver iterations.
    random_state : int, default 0
        Seed passed to ``LogisticRegression``.

    Attributes
    ----------
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted ``TfidfVectorizer`` -> ``LogisticRegression`` pipeline.
    classes_ : numpy.ndarray
        The frames, sorted.

    References
    ----------
    Burscher, B., Odijk, D., Vliegenthart, R., de Rijke, M., & de Vreese, C. H. (2014).
    Teaching the computer to code frames in news: comparing two supervised machine learning
    approaches to frame analysis. *Communication Methods and Measures*, 8(3), 190-206.

    Examples
    --------
    >>> train = pd.DataFrame({
    ...     "text": ["troops massed at the border", "new sanctions on banks",
    ...              "more troops and missiles", "sanctions and export controls"],
    ...     "frame": ["military_posture", "retaliation", "military_posture", "retaliation"]})
    >>> clf = FrameClassifier().fit(train)
    >>> clf.predict(["they sent troops"])[["text", "frame"]]
                   text             frame
    0  they sent troops  military_posture
    """

    def __init__(
        self,
        *,
        C: float = 1.0,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 1,
        class_weight: str | dict | None = "balanced",
        max_iter: int = 2000,
        random_state: int = 0,
    ):
        self.C = C
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def _make_pipeline(self):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        return Pipeline(
            [
                (
                    "tfidf",
                    TfidfVectorizer(
                        lowercase=True,
                        ngram_range=tuple(self.ngram_range),
                        min_df=self.min_df,
                        sublinear_tf=True,
                    ),
                ),
                (
                    "logreg",
                    LogisticRegression(
                        C=self.C,
                        class_weight=self.class_weight,
                        max_iter=self.max_iter,
                        random_state=self.random_state,
                    ),
                ),
            ]
        )

    def fit(self, X, y=None) -> FrameClassifier:
        """Fit on texts and their frames.

        Parameters
        ----------
        X : DataFrame with a ``text`` column (and ``frame`` if ``y`` is None), or texts
        y : sequence of str, optional
            The frame of each text.

        Returns
        -------
        self
        """
        texts = _texts(X)
        labels = _labels(X, y, len(texts))
        if len(np.unique(labels)) < 2:
            raise UsageError("fit needs at least two different frames")
        with _one_blas_thread():
            self.pipeline_ = self._make_pipeline().fit(texts, labels)
        self.classes_ = self.pipeline_.classes_
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Probability of each frame (columns in the order of ``classes_``)."""
        check_is_fitted(self, "pipeline_")
        with _one_blas_thread():
            return self.pipeline_.predict_proba(_texts(X))

    def decision_function(self, X) -> np.ndarray:
        """The logistic regression's decision scores."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.decision_function(_texts(X))

    def predict(self, X) -> pd.DataFrame:
        """The most probable frame of each text, as a tidy table.

        Parameters
        ----------
        X : DataFrame with a ``text`` column (e.g. :func:`analysis.tokenise.sentences`), or texts

        Returns
        -------
        pandas.DataFrame
            The columns of ``X`` (or just ``text``), then ``frame`` (the most probable frame;
            ties go to the first in ``classes_``) and ``probability`` (its probability). A
            ``frame`` column already in ``X`` (hand codes, say) is kept as ``coded_frame`` so
            the two can be compared row by row.
        """
        proba = self.predict_proba(X)
        best = proba.argmax(axis=1)
        if isinstance(X, pd.DataFrame):
            out = X.reset_index(drop=True).copy()
            clash = [c for c in ("coded_frame", "probability") if c in out.columns]
            if clash:
                raise UsageError(f"X already has column(s) {', '.join(clash)}; rename them first")
            out = out.rename(columns={"frame": "coded_frame"})
        else:
            out = pd.DataFrame({"text": pd.Series(_texts(X), dtype="str")})
        out["frame"] = pd.Series(self.classes_[best], dtype="str")
        out["probability"] = proba[np.arange(len(best)), best]
        return out

    def score(self, X, y=None, sample_weight=None) -> float:
        """Accuracy on ``X`` against ``y`` (or ``X["frame"]``)."""
        from sklearn.metrics import accuracy_score

        texts = _texts(X)
        labels = _labels(X, y, len(texts))
        return float(accuracy_score(labels, self.predict(texts)["frame"], sample_weight=sample_weight))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The vocabulary features (words and n-grams) the classifier uses."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.named_steps["tfidf"].get_feature_names_out()

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """The features with the largest coefficients for each frame.

        Returns
        -------
        pandas.DataFrame
            ``frame, rank, term, coef``; sorted by frame, rank. For two frames the second
            frame's terms have positive coefficients and the first frame's negative ones
            (shown as their absolute value's rank, with the sign kept in ``coef``).
        """
        check_is_fitted(self, "pipeline_")
        coef = self.pipeline_.named_steps["logreg"].coef_
        names = self.get_feature_names_out()
        if coef.shape[0] == 1:  # binary: one row, positive = classes_[1]
            coef = np.vstack([-coef[0], coef[0]])
            signs = [-1.0, 1.0]
        else:
            signs = [1.0] * coef.shape[0]
        k = min(n, coef.shape[1])
        rows = []
        for i, frame in enumerate(self.classes_):
            order = np.lexsort((np.arange(coef.shape[1]), -coef[i]))[:k]
            for rank, j in enumerate(order, start=1):
                rows.append((str(frame), rank, str(names[j]), signs[i] * float(coef[i, j])))
        return pd.DataFrame(rows, columns=["frame", "rank", "term", "coef"]).astype(
            {"frame": "str", "rank": "int64", "term": "str", "coef": "float64"}
        )


def cross_validate_report(
    data: pd.DataFrame,
    *,
    classifier: FrameClassifier | None = None,
    n_splits: int = 5,
    random_state: int = 0,
) -> pd.DataFrame:
    """Per-frame precision, recall and F1 from stratified k-fold cross-validation.

    Each sentence is predicted once, by a classifier trained on the other folds
    (``StratifiedKFold(n_splits, shuffle=True, random_state)``); the pooled predictions are
    scored against the hand codes with ``precision_recall_fscore_support``.

    Parameters
    ----------
    data : pandas.DataFrame
        Hand-coded sentences with ``text`` and ``frame`` (e.g.
        ``corpus/gold/frame_sentences.csv``).
    classifier : FrameClassifier, optional
        The (unfitted) configuration to evaluate; default ``FrameClassifier()``. It is cloned.
    n_splits : int, default 5
        Folds; every frame needs at least this many sentences.
    random_state : int, default 0
        Seed for the fold shuffle.

    Returns
    -------
    pandas.DataFrame
        ``frame, precision, recall, f1, support, predicted`` (``support`` = hand-coded
        sentences of the frame, ``predicted`` = sentences the classifier gave it), one row per
        frame, sorted by frame. A frame never predicted has precision 0. Macro-F1 is
        ``f1.mean()``; accuracy is in ``.attrs["accuracy"]``.

    Raises
    ------
    ValueError
        If a frame has fewer than ``n_splits`` sentences (named).

    References
    ----------
    Kohavi, R. (1995). A study of cross-validation and bootstrap for accuracy estimation and
    model selection. In *Proceedings of IJCAI* (pp. 1137-1143).
    """
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support
    from sklearn.model_selection import StratifiedKFold

    if not isinstance(data, pd.DataFrame):
        raise CorpusError(f"expected a DataFrame with text and frame, got {type(data).__name__}")
    texts = _texts(data, "data")
    labels = _labels(data, None, len(texts))
    frames, support = np.unique(labels, return_counts=True)
    small = [(f, int(s)) for f, s in zip(frames, support) if s < n_splits]
    if small:
        raise UsageError(
            "too few hand-coded sentences for "
            + ", ".join(f"frame {f!r} ({s})" for f, s in small)
            + f"; each frame needs at least n_splits={n_splits}"
        )
    base = classifier if classifier is not None else FrameClassifier()
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    predicted = np.empty(len(texts), dtype=object)
    for train, test in folds.split(texts, labels):
        model = clone(base).fit(texts[train], labels[train])
        predicted[test] = model.predict(texts[test])["frame"].to_numpy(dtype=object)
    p, r, f1, s = precision_recall_fscore_support(
        labels, predicted, labels=frames, zero_division=0
    )
    out = pd.DataFrame(
        {
            "frame": pd.Series(frames, dtype="str"),
            "precision": p,
            "recall": r,
            "f1": f1,
            "support": s.astype(np.int64),
            "predicted": np.array([(predicted == f).sum() for f in frames], dtype=np.int64),
        }
    )
    out.attrs["accuracy"] = float(accuracy_score(labels, predicted))
    out.attrs["n_splits"] = n_splits
    return out
