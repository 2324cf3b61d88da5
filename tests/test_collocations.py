"""Tests for analysis.collocations.

Reference: NLTK's ``BigramCollocationFinder`` + ``BigramAssocMeasures`` (pmi, student_t,
likelihood_ratio) on the same word sequence, for ``window=(0, 1)`` and ``(1, 0)``; logDice
(Rychlý 2008) and window counting checked against hand-worked examples.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from analysis import collocations, tokenise
from analysis.corpus import CorpusError

WORD = re.compile(r"[^\W_]")


@pytest.fixture(scope="module")
def seed_tokens(seed_docs):
    return tokenise.tokens(seed_docs)


@pytest.fixture(scope="module")
def finder(seed_tokens):
    words = [w for w in seed_tokens["norm"] if WORD.search(w)]
    return BigramCollocationFinder.from_words(words), words


@pytest.mark.parametrize("node", ["russia", "nato", "the", "diplomatic", "said"])
def test_right_bigram_window_equals_nltk(seed_tokens, finder, node):
    fnd, words = finder
    out = collocations.collocates(seed_tokens, node, window=(0, 1), min_count=1)
    expected = {w2: c for (w1, w2), c in fnd.ngram_fd.items() if w1 == node}
    assert dict(zip(out["collocate"], out["count"])) == expected
    assert (out["n"] == len(words)).all() and (out["node_count"] == words.count(node)).all()
    for row in out.itertuples():
        for ours, theirs in [
            (row.mi, BigramAssocMeasures.pmi),
            (row.t, BigramAssocMeasures.student_t),
            (row.ll, BigramAssocMeasures.likelihood_ratio),
        ]:
            assert ours == pytest.approx(fnd.score_ngram(theirs, node, row.collocate), rel=1e-9, abs=1e-9)


def test_left_bigram_window_equals_nltk(seed_tokens, finder):
    fnd, _ = finder
    out = collocations.collocates(seed_tokens, "russia", window=(1, 0), min_count=1)
    expected = {w1: c for (w1, w2), c in fnd.ngram_fd.items() if w2 == "russia"}
    assert dict(zip(out["collocate"], out["count"])) == expected
    for row in out.itertuples():
        assert row.mi == pytest.approx(fnd.score_ngram(BigramAssocMeasures.pmi, row.collocate, "russia"))
        assert row.ll == pytest.approx(
            fnd.score_ngram(BigramAssocMeasures.likelihood_ratio, row.collocate, "russia")
        )


def test_seed_article_russia_neighbours(seed_tokens):
    # From the article: "from Russia" x2, "to Russia" x1, "that Russia" x2, "Russia said"...
    out = collocations.collocates(seed_tokens, "russia", window=(1, 0), min_count=2)
    assert dict(zip(out["collocate"], out["count"])) == {"from": 2, "that": 2}


def _toks(words, sent_id=None, doc_id="d"):
    return pd.DataFrame(
        {
            "doc_id": doc_id,
            "sent_id": sent_id if sent_id is not None else 0,
            "tok_id": range(len(words)),
            "norm": words,
        }
    )


def test_window_counts_and_measures_by_hand():
    # Positions:   0    1     2    3     4     5    6      7     8     9
    words = ["war", "x", "peace", "y", "peace", "x", "war", "z", "peace", "y"]
    # Node "peace" at 2, 4, 8; window (1, 1) covers positions {1, 3, 5, 7, 9} (3 is in two
    # windows but counts once): x at 1 and 5 -> 2; y at 3 and 9 -> 2; z at 7 -> 1.
    out = collocations.collocates(_toks(words), "peace", window=(1, 1), min_count=1)
    got = out.set_index("collocate")
    assert got["count"].to_dict() == {"x": 2, "y": 2, "z": 1}
    # N = 10, f_node = 3, R1 = |{1, 3, 5, 7, 9}| = 5; for x: f_y = 2, E11 = 5 * 2 / 10 = 1.0
    x = got.loc["x"]
    assert (x["node_count"], x["collocate_count"], x["window_tokens"], x["n"]) == (3, 2, 5, 10)
    assert x["expected"] == pytest.approx(1.0)
    assert x["mi"] == pytest.approx(1.0)  # log2(2 / 1)
    assert x["t"] == pytest.approx((2 - 1.0) / math.sqrt(2))
    # 2 x 2 table: in window [x 2, other 3], outside [x 0, other 5]; E = [[1, 4], [1, 4]]
    g2 = 2 * (2 * math.log(2 / 1) + 3 * math.log(3 / 4) + 0 + 5 * math.log(5 / 4))
    assert x["ll"] == pytest.approx(g2)
    assert x["ll"] == pytest.approx(2.7725887 - 1.7260924 + 2.2314355, abs=1e-6)
    # logDice = 14 + log2(2 * 2 / (3 + 2)) = 14 + log2(0.8) = 13.678072
    assert x["logdice"] == pytest.approx(13.678072, abs=1e-6)
    # z: 14 + log2(2 * 1 / (3 + 1)) = 13
    assert got.loc["z", "logdice"] == pytest.approx(13.0)


def test_windows_stop_at_documents_and_optionally_sentences():
    words = ["russia", "said", "no", "nato", "russia", "said"]
    toks = _toks(words, sent_id=[0, 0, 0, 1, 1, 1])
    toks.loc[3:, "doc_id"] = "e"
    toks.loc[3:, "tok_id"] = [0, 1, 2]
    doc = collocations.collocates(toks, "nato", window=(3, 0), min_count=1)
    assert doc.empty  # nothing precedes "nato" inside its own document
    sent = collocations.collocates(
        _toks(words, sent_id=[0, 0, 0, 1, 1, 1]), "russia", window=(0, 3), min_count=1, within="sentence"
    )
    assert dict(zip(sent["collocate"], sent["count"])) == {"said": 2, "no": 1}


def test_glob_node_punctuation_stopwords_and_order(seed_tokens):
    out = collocations.collocates(seed_tokens, "russia*", window=(3, 3), min_count=2, stopwords="english")
    # russia (8) + russia's (2) + russian (4) + russians (1) = 15 node occurrences
    assert (out["node_count"] == 15).all()
    assert not set(out["collocate"]) & {"the", "to", "and", ","}
    assert out["mi"].tolist() == sorted(out["mi"], reverse=True)
    ties = out.groupby("mi")["collocate"].apply(list)
    assert all(v == sorted(v) for v in ties)
    several = collocations.collocates(seed_tokens, ["russia", "russia's", "russian*"], window=(3, 3), min_count=2, stopwords="english")
    pd.testing.assert_frame_equal(several, out)
    by_logdice = collocations.collocates(seed_tokens, "russia*", measures=["logdice", "mi"], min_count=2)
    assert by_logdice.columns.tolist()[-2:] == ["logdice", "mi"]
    assert by_logdice["logdice"].is_monotonic_decreasing


def test_empty_missing_node_and_errors():
    toks = _toks(["a", "b"])
    absent = collocations.collocates(toks, "zebra")
    assert absent.empty and absent.columns.tolist() == [
        "collocate", "count", "collocate_count", "node_count", "window_tokens", "n", "expected",
        "mi", "t", "ll", "logdice",
    ]
    assert absent["count"].dtype == "int64"
    with pytest.raises(ValueError, match="node must be"):
        collocations.collocates(toks, [])
    with pytest.raises(ValueError, match="window"):
        collocations.collocates(toks, "a", window=(0, 0))
    with pytest.raises(ValueError, match="unknown measure"):
        collocations.collocates(toks, "a", measures=["dice"])
    with pytest.raises(CorpusError, match="lacks column"):
        collocations.collocates(toks.drop(columns="tok_id"), "a")
    dup = pd.concat([toks, toks], ignore_index=True)
    with pytest.raises(CorpusError, match="duplicate \\(doc_id, tok_id\\)"):
        collocations.collocates(dup, "a")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", ".", "d"]), min_size=1, max_size=60))
def test_property_bigram_counts_and_bounds(words):
    toks = _toks(words)
    clean = [w for w in words if WORD.search(w)]
    out = collocations.collocates(toks, "a", window=(0, 1), min_count=1)
    expected = Counter(w2 for w1, w2 in zip(clean, clean[1:]) if w1 == "a")
    assert dict(zip(out["collocate"], out["count"])) == dict(expected)
    wide = collocations.collocates(toks, "a", window=(4, 4), min_count=1)
    assert (wide["count"] <= wide["collocate_count"]).all()
    assert np.isfinite(wide[["mi", "t", "logdice"]].to_numpy()).all()
    assert (wide["ll"] >= -1e-9).all()
    assert (wide["window_tokens"] <= wide["n"]).all()


def test_plot_collocates_bars(seed_tokens):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = collocations.collocates(seed_tokens, "russia*", min_count=2, stopwords="english")
    ax = collocations.plot_collocates(table, n=5)
    labels = [t.get_text() for t in ax.get_yticklabels()]  # top to bottom
    top = table.sort_values(["logdice", "collocate"], ascending=[False, True]).head(5)
    assert labels == [f"{c} ({k})" for c, k in zip(top["collocate"], top["count"])]
    plt.close(ax.figure)
