"""Tests for analysis.frequency: counts, n-grams and document-term matrices.

References: ``collections.Counter`` and ``nltk.ngrams`` over the same token sequences, and
scikit-learn's ``CountVectorizer`` with a pre-tokenised analyzer for the document-term matrix.
"""

from __future__ import annotations

import re
from collections import Counter

import nltk
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from analysis import frequency, tokenise
from analysis.corpus import CorpusError

WORD = re.compile(r"[^\W_]")


@pytest.fixture(scope="module")
def seed_tokens(seed_docs):
    return tokenise.tokens(seed_docs)


def _toks(words, doc_id="d", sent_id=None):
    return pd.DataFrame(
        {
            "doc_id": doc_id,
            "sent_id": sent_id if sent_id is not None else [0] * len(words),
            "tok_id": range(len(words)),
            "norm": words,
        }
    )


def test_counts_match_counter_on_seed_article(seed_tokens):
    words = [w for w in seed_tokens["norm"] if WORD.search(w)]
    ref = Counter(words)
    out = frequency.counts(seed_tokens)
    assert dict(zip(out["term"], out["count"])) == dict(ref)
    assert (out["tokens"] == len(words)).all()
    # Counts checked with grep on the article: Russia x8, "Russia's" x2, NATO x9.
    got = dict(zip(out["term"], out["count"]))
    assert got["russia"] == ref["russia"] == 8
    assert got["russia's"] == 2
    assert got["nato"] == 9
    np.testing.assert_allclose(out["per_million"], out["count"] / len(words) * 1e6)


def test_counts_sorted_by_count_then_term(seed_tokens):
    out = frequency.counts(seed_tokens)
    keys = list(zip(-out["count"], out["term"]))
    assert keys == sorted(keys)
    assert out["term"].iloc[0] == "the"


def test_counts_stopwords_and_punctuation():
    toks = _toks(["The", ",", "the", "NATO", "alliance", "said", "—", "..."])
    toks["norm"] = toks["norm"].str.lower()
    out = frequency.counts(toks, stopwords="english")
    assert out["term"].tolist() == ["alliance", "nato", "said"]
    assert (out["tokens"] == 5).all()  # stop words stay in the total, punctuation does not
    assert out["per_million"].iloc[0] == pytest.approx(1e6 / 5)
    with_punct = frequency.counts(toks, punctuation=True)
    assert dict(zip(with_punct["term"], with_punct["count"]))[","] == 1
    assert (with_punct["tokens"] == 8).all()
    custom = frequency.counts(toks, stopwords=["english", "said"])
    assert custom["term"].tolist() == ["alliance", "nato"]
    assert len(frequency.stopword_list()) == len(ENGLISH_STOP_WORDS) == 318


def test_counts_by_group_and_min_count():
    toks = pd.DataFrame(
        {
            "doc_id": ["a"] * 4 + ["b"] * 3,
            "party": ["D"] * 4 + ["R"] * 3,
            "norm": ["tax", "care", "care", ".", "tax", "tax", "war"],
        }
    )
    out = frequency.counts(toks, by="party")
    assert out.columns.tolist() == ["party", "term", "count", "tokens", "per_million"]
    assert out.to_dict("records") == [
        {"party": "D", "term": "care", "count": 2, "tokens": 3, "per_million": 2e6 / 3},
        {"party": "D", "term": "tax", "count": 1, "tokens": 3, "per_million": 1e6 / 3},
        {"party": "R", "term": "tax", "count": 2, "tokens": 3, "per_million": 2e6 / 3},
        {"party": "R", "term": "war", "count": 1, "tokens": 3, "per_million": 1e6 / 3},
    ]
    assert frequency.counts(toks, by=["party"], min_count=2)["term"].tolist() == ["care", "tax"]


def test_counts_empty_and_errors():
    empty = _toks([]).astype({"norm": "str", "doc_id": "str"})
    out = frequency.counts(empty, by="doc_id")
    assert out.columns.tolist() == ["doc_id", "term", "count", "tokens", "per_million"]
    assert out.empty and out["count"].dtype == "int64" and out["per_million"].dtype == "float64"
    with pytest.raises(CorpusError, match="lacks column"):
        frequency.counts(pd.DataFrame({"token": ["a"]}))
    bad = _toks(["a", None, "b"])
    with pytest.raises(CorpusError, match="row 1 .*document 'd'.*missing norm"):
        frequency.counts(bad)
    with pytest.raises(CorpusError, match="group column"):
        frequency.counts(_toks(["a"]), by="president")
    with pytest.raises(ValueError, match="min_count"):
        frequency.counts(_toks(["a"]), min_count=0)


def test_ngrams_match_nltk_per_sentence(seed_tokens):
    ref = Counter()
    for _, sent in seed_tokens.groupby(["doc_id", "sent_id"], sort=False):
        norms = sent["norm"].tolist()
        for gram in nltk.ngrams(norms, 2):
            if all(WORD.search(w) for w in gram):
                ref[" ".join(gram)] += 1
    out = frequency.ngrams(seed_tokens, 2)
    assert dict(zip(out["term"], out["count"])) == dict(ref)
    got = dict(zip(out["term"], out["count"]))
    assert got["security demands"] == 4
    assert got["foreign minister"] == 2


def test_ngrams_stopword_edges_and_boundaries():
    words = ["the", "ball", "is", "in", "their", "court", ".", "the", "ball"]
    toks = _toks(words, sent_id=[0] * 7 + [1] * 2)
    tri = frequency.ngrams(toks, 3, stopwords="english")
    # Only trigrams that neither start nor end with a stop word survive; inner ones stay.
    assert tri["term"].tolist() == []
    four = frequency.ngrams(toks, 4, stopwords="english")
    assert four["term"].tolist() == []  # "ball is in their" ends with a stop word
    five = frequency.ngrams(toks, 5, stopwords="english")
    assert five["term"].tolist() == ["ball is in their court"]
    # "court . the" would cross a sentence and contain punctuation: never counted.
    bi = frequency.ngrams(toks, 2)
    assert "court the" not in set(bi["term"]) and bi.set_index("term")["count"]["the ball"] == 2
    uni = frequency.ngrams(toks, 1)
    pd.testing.assert_frame_equal(uni, frequency.counts(toks))


def test_ngrams_by_group():
    toks = _toks(["a", "b", "a", "b"], sent_id=[0, 0, 0, 0])
    toks["doc_id"] = ["x", "x", "y", "y"]
    toks["tok_id"] = [0, 1, 0, 1]
    out = frequency.ngrams(toks, 2, by="doc_id")
    assert out[["doc_id", "term", "count"]].values.tolist() == [["x", "a b", 1], ["y", "a b", 1]]


def test_dtm_equals_countvectorizer(seed_tokens, sotu_docs):
    docs = sotu_docs[sotu_docs["year"].between(1990, 1994)]
    toks = tokenise.tokens(docs)
    m = frequency.dtm(toks)
    lists = [
        [w for w in g["norm"] if WORD.search(w)] for _, g in toks.groupby("doc_id", sort=True)
    ]
    cv = CountVectorizer(analyzer=lambda x: x)
    ref = cv.fit_transform(lists)
    assert m.terms.tolist() == cv.get_feature_names_out().tolist()
    assert m.docs["doc_id"].tolist() == sorted(docs["doc_id"])
    assert (m.matrix != ref).nnz == 0
    assert m.matrix.dtype == np.int64
    tidy = m.to_frame()
    assert tidy["count"].sum() == ref.sum()


def test_dtm_min_count_and_empty_rows():
    toks = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "norm": ["nato", "nato", "russia", "."]})
    m = frequency.dtm(toks, min_count=2)
    assert m.terms.tolist() == ["nato"]
    assert m.docs["doc_id"].tolist() == ["a", "b", "c"]  # no document silently dropped
    assert m.matrix.toarray().tolist() == [[2], [0], [0]]
    empty = frequency.dtm(toks.iloc[:0])
    assert empty.shape == (0, 0) and empty.docs.columns.tolist() == ["doc_id"]


words = st.lists(
    st.sampled_from(["nato", "russia", "the", ",", ".", "door", "open", "—", "é"]), max_size=40
)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=4))
def test_property_counts_and_dtm_agree_with_counter(docs):
    frames = [
        pd.DataFrame({"doc_id": f"d{i}", "sent_id": 0, "tok_id": range(len(w)), "norm": w})
        for i, w in enumerate(docs)
    ]
    toks = pd.concat(frames, ignore_index=True).astype({"norm": "str", "doc_id": "str"})
    flat = [w for d in docs for w in d if WORD.search(w)]
    out = frequency.counts(toks)
    assert dict(zip(out["term"], out["count"])) == dict(Counter(flat))
    assert out["count"].sum() == len(flat)
    per_doc = frequency.counts(toks, by="doc_id")
    assert per_doc["count"].sum() == len(flat)
    m = frequency.dtm(toks)
    assert int(m.matrix.sum()) == len(flat)
    assert len(m.docs) == sum(1 for d in docs if d)
    bigrams = Counter(
        " ".join(g) for d in docs for g in nltk.ngrams(d, 2) if all(WORD.search(w) for w in g)
    )
    got = frequency.ngrams(toks, 2)
    assert dict(zip(got["term"], got["count"])) == dict(bigrams)


def test_plot_heatmap_leaves_missing_cells_blank():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = pd.DataFrame(
        {"decade": [1950, 1950, 1960], "frame": ["a", "b", "a"], "rate": [1.0, 2.5, 4.0]}
    )
    ax = frequency.plot_heatmap(table, x="decade", y="frame", value="rate")
    mesh = ax.collections[0]
    values = np.ma.getdata(mesh.get_array()).reshape(2, 2)
    mask = np.ma.getmaskarray(mesh.get_array()).reshape(2, 2)
    assert values[0].tolist()[:2] == [1.0, 4.0] and values[1, 0] == 2.5
    assert mask.tolist() == [[False, False], [False, True]]  # (b, 1960) is missing, not zero
    assert sorted(t.get_text() for t in ax.texts) == ["1.0", "2.5", "4.0"]
    plt.close(ax.figure)
