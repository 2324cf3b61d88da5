"""Tests for analysis.models: NMF topics and the supervised frame classifier.

References: scikit-learn itself. ``topics`` must equal ``CountVectorizer`` ->
``TfidfTransformer`` -> ``NMF`` run by hand on the same tokens; ``FrameClassifier`` must equal
the ``TfidfVectorizer`` -> ``LogisticRegression`` pipeline it documents; and
``cross_validate_report`` must equal ``precision_recall_fscore_support`` over the same seeded
``StratifiedKFold`` predictions.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.decomposition import NMF
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from analysis import models, tokenise
from analysis.corpus import CorpusError

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "frame_sentences.csv"
WORD = re.compile(r"[^\W_]")


def _toks(texts: dict[str, str]) -> pd.DataFrame:
    rows = [(d, w) for d, t in texts.items() for w in t.split()]
    return pd.DataFrame(rows, columns=["doc_id", "norm"])


# ------------------------------------------------------------------------------- topics


@pytest.fixture(scope="module")
def nineties(sotu_docs):
    docs = sotu_docs[sotu_docs["year"].between(1990, 1999)]
    return tokenise.tokens(docs)


def test_topics_equal_sklearn_pipeline(nineties):
    result = models.topics(nineties, 4, n_top=8, min_count=2)
    # The same thing by hand with scikit-learn.
    groups = nineties.groupby("doc_id", sort=True)["norm"]
    lists = [
        [w for w in g if WORD.search(w) and w not in ENGLISH_STOP_WORDS] for _, g in groups
    ]
    cv = CountVectorizer(analyzer=lambda x: x, min_df=1)
    counts = cv.fit_transform(lists)
    keep = np.flatnonzero(np.asarray(counts.sum(axis=0)).ravel() >= 2)
    counts, vocab = counts[:, keep], cv.get_feature_names_out()[keep]
    x = TfidfTransformer().fit_transform(counts.astype(float))
    nmf = NMF(n_components=4, init="nndsvda", solver="cd", max_iter=500, random_state=0)
    w = nmf.fit_transform(x)
    h = nmf.components_
    for k in range(4):
        top = result.terms[result.terms["topic"] == k]
        expected = [vocab[j] for j in np.argsort(-h[k], kind="stable")[:8]]
        assert top["term"].tolist() == expected
        np.testing.assert_allclose(top["weight"], np.sort(h[k])[::-1][:8], rtol=1e-6)
        assert top["rank"].tolist() == list(range(1, 9))
    docs = result.docs.pivot(index="doc_id", columns="topic", values="weight")
    np.testing.assert_allclose(docs.to_numpy(), w, rtol=1e-6, atol=1e-9)
    assert result.docs.groupby("doc_id")["share"].sum().round(12).eq(1).all()
    counts_by_term = dict(zip(vocab, np.asarray(counts.sum(axis=0)).ravel()))
    assert all(counts_by_term[t] == c for t, c in zip(result.terms["term"], result.terms["count"]))


def test_topics_separate_two_clear_themes():
    texts = {
        "a1": "tax budget deficit tax spending budget",
        "a2": "budget deficit tax cuts spending",
        "a3": "spending tax budget deficit",
        "b1": "missile soviet arms treaty missile",
        "b2": "soviet arms missile treaty",
        "b3": "arms treaty soviet missile warheads",
    }
    result = models.topics(_toks(texts), 2, n_top=3, min_count=1)
    best = result.docs.loc[result.docs.groupby("doc_id")["weight"].idxmax()].set_index("doc_id")["topic"]
    assert best[["a1", "a2", "a3"]].nunique() == 1 and best[["b1", "b2", "b3"]].nunique() == 1
    assert best["a1"] != best["b1"]
    assert sorted(result.labels(2)) == ["budget / tax", "missile / arms"]
    assert result.terms.columns.tolist() == ["topic", "rank", "term", "weight", "count"]
    assert result.docs.columns.tolist() == ["doc_id", "topic", "weight", "share"]
    # Seeded and deterministic: the same call gives the same tables.
    again = models.topics(_toks(texts), 2, n_top=3, min_count=1)
    pd.testing.assert_frame_equal(result.terms, again.terms)
    pd.testing.assert_frame_equal(result.docs, again.docs)


def test_topics_sentences_units_and_edge_cases():
    toks = pd.DataFrame(
        {
            "doc_id": ["d"] * 6,
            "sent_id": [0, 0, 1, 1, 2, 2],
            "norm": ["tax", "budget", "missile", "arms", "the", "."],
        }
    )
    result = models.topics(toks, 2, by=["doc_id", "sent_id"], min_count=1)
    assert result.docs.columns.tolist()[:2] == ["doc_id", "sent_id"]
    # sentence 2 has only a stop word and punctuation: kept, with zero weight and share
    last = result.docs[result.docs["sent_id"] == 2]
    assert len(last) == 2 and (last["weight"] == 0).all() and (last["share"] == 0).all()
    with pytest.raises(ValueError, match="n_topics=5 exceeds"):
        models.topics(toks, 5, min_count=1)
    with pytest.raises(ValueError, match="n_topics"):
        models.topics(toks, 0)
    empty = models.topics(toks.iloc[:0], 2)
    assert empty.terms.empty and empty.docs.empty
    assert empty.docs.columns.tolist() == ["doc_id", "topic", "weight", "share"]


# ------------------------------------------------------------------------------ classifier

SEPARABLE = pd.DataFrame(
    {
        "text": [
            "troops massed along the border",
            "more troops and tanks moved to the border",
            "warships and troops deployed",
            "new sanctions hit the banks",
            "sanctions on banks and oligarchs",
            "export controls and sanctions announced",
            "talks resumed in Geneva with the envoy",
            "the envoy held talks and negotiations",
            "negotiations and talks continue",
        ],
        "frame": ["military_posture"] * 3 + ["retaliation"] * 3 + ["diplomacy"] * 3,
    }
)


def test_separable_data_classified_perfectly():
    clf = models.FrameClassifier()
    assert clf.fit(SEPARABLE) is clf
    out = clf.predict(SEPARABLE)
    assert out["frame"].tolist() == SEPARABLE["frame"].tolist()
    assert out.columns.tolist() == ["text", "coded_frame", "frame", "probability"]
    assert (out["coded_frame"] == out["frame"]).all()
    assert clf.score(SEPARABLE) == 1.0
    new = clf.predict(["sanctions on the central bank", "troops at the border", "talks with the envoy"])
    assert new["frame"].tolist() == ["retaliation", "military_posture", "diplomacy"]
    assert new.columns.tolist() == ["text", "frame", "probability"]
    assert ((new["probability"] > 1 / 3) & (new["probability"] <= 1)).all()
    report = models.cross_validate_report(SEPARABLE, n_splits=3)
    assert report["frame"].tolist() == ["diplomacy", "military_posture", "retaliation"]
    assert (report[["precision", "recall", "f1"]] == 1.0).all().all()
    assert report["support"].tolist() == [3, 3, 3] and report.attrs["accuracy"] == 1.0


def test_classifier_equals_documented_sklearn_pipeline():
    gold = pd.read_csv(GOLD)
    train, test = gold.iloc[::2], gold.iloc[1::2]
    clf = models.FrameClassifier().fit(train["text"], train["frame"])
    ref_vec = TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=1, sublinear_tf=True)
    ref_lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000, random_state=0)
    with threadpool_limits(1, user_api="blas"):
        ref_lr.fit(ref_vec.fit_transform(train["text"]), train["frame"])
    ref_proba = ref_lr.predict_proba(ref_vec.transform(test["text"]))
    np.testing.assert_allclose(clf.predict_proba(test), ref_proba, rtol=1e-7, atol=1e-10)
    pred = clf.predict(test)
    assert pred["frame"].tolist() == ref_lr.predict(ref_vec.transform(test["text"])).tolist()
    # Input columns are kept, in front of the prediction; the hand codes as coded_frame.
    assert pred.columns.tolist() == [
        "doc_id", "start", "end", "year", "president", "sampling", "text", "coded_frame",
        "frame", "probability",
    ]
    assert pred["coded_frame"].tolist() == test["frame"].tolist()
    assert clf.get_feature_names_out().tolist() == ref_vec.get_feature_names_out().tolist()


def test_cross_validate_report_equals_sklearn_metrics():
    gold = pd.read_csv(GOLD)
    counts = gold["frame"].value_counts()
    gold = gold.assign(frame=gold["frame"].where(gold["frame"].map(counts) >= 5, "other"))
    report = models.cross_validate_report(gold, n_splits=5, random_state=0)
    texts, labels = gold["text"].to_numpy(), gold["frame"].to_numpy()
    predicted = np.empty(len(gold), dtype=object)
    with threadpool_limits(1, user_api="blas"):  # as the classifier does; only for speed
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
            vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
            lr = LogisticRegression(class_weight="balanced", max_iter=2000, random_state=0)
            lr.fit(vec.fit_transform(texts[train]), labels[train])
            predicted[test] = lr.predict(vec.transform(texts[test]))
    frames = np.unique(labels)
    p, r, f, s = precision_recall_fscore_support(labels, predicted, labels=frames, zero_division=0)
    assert report["frame"].tolist() == frames.tolist()
    np.testing.assert_allclose(report["precision"], p)
    np.testing.assert_allclose(report["recall"], r)
    np.testing.assert_allclose(report["f1"], f)
    assert report["support"].tolist() == s.tolist()
    assert report.attrs["accuracy"] == pytest.approx((predicted == labels).mean())
    # Better than guessing the most common frame, worse than a reason to stop hand-coding.
    assert report.attrs["accuracy"] > counts.max() / counts.sum()


def test_sklearn_conventions_and_errors():
    clf = models.FrameClassifier(C=2.0, ngram_range=(1, 1))
    assert clf.get_params()["C"] == 2.0 and clone(clf).get_params() == clf.get_params()
    assert not [k for k in vars(clf) if k.endswith("_")]  # nothing learned before fit
    with pytest.raises(NotFittedError):
        clf.predict(["troops"])
    clf.fit(SEPARABLE)
    assert {"pipeline_", "classes_"} <= set(vars(clf))
    top = clf.top_terms(2)
    assert top.columns.tolist() == ["frame", "rank", "term", "coef"]
    assert set(top[top["frame"] == "retaliation"]["term"]) <= {"sanctions", "banks", "and", "on"}
    with pytest.raises(ValueError, match="two different frames"):
        models.FrameClassifier().fit(["a b", "c d"], ["x", "x"])
    with pytest.raises(ValueError, match="2 texts but 1 labels"):
        models.FrameClassifier().fit(["a b", "c d"], ["x"])
    with pytest.raises(CorpusError, match="needs a text column"):
        models.FrameClassifier().fit(pd.DataFrame({"sentence": ["a"], "frame": ["x"]}))
    with pytest.raises(CorpusError, match="row 1: text is float"):
        models.FrameClassifier().fit(["a b", np.nan], ["x", "y"])
    with pytest.raises(ValueError, match="frame 'diplomacy' \\(3\\)"):
        models.cross_validate_report(SEPARABLE, n_splits=5)


def test_gold_file_is_well_formed(sotu_docs):
    gold = pd.read_csv(GOLD)
    assert gold.columns.tolist() == [
        "doc_id", "start", "end", "year", "president", "sampling", "text", "frame"
    ]
    texts = sotu_docs.set_index("doc_id")["text"]
    assert all(
        texts[d][s:e] == t for d, s, e, t in zip(gold["doc_id"], gold["start"], gold["end"], gold["text"])
    )
    assert set(gold["sampling"]) == {"stratified_random", "purposive"}
    assert not gold.duplicated(["doc_id", "start"]).any()
    assert set(gold["frame"]) == {
        "aggression", "cooperation", "de_escalation", "diplomacy", "ideology",
        "information_war", "military_posture", "other", "retaliation", "security_guarantees",
    }
