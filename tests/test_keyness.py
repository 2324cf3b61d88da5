"""Tests for analysis.keyness against published numbers and reference implementations.

* Dunning (1993), Table 1/2: the 2 x 2 table k11=110, k12=2442, k21=111, k22=29114 has
  -2 log λ = 270.72; k11=10, k12=0, k21=3, k22=31764 has 167.23.
* ``chi2`` equals :func:`scipy.stats.chi2_contingency` with and without Yates's correction, and
  ``ll`` equals its ``lambda_="log-likelihood"`` statistic.
* Fightin' Words (Monroe, Colaresi & Quinn 2008, eqs. 16, 18-20) against an example worked by
  hand below.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2, chi2_contingency

from analysis import frequency, keyness, tokenise
from analysis.corpus import CorpusError


def _counts(d):
    return pd.DataFrame({"term": list(d), "count": list(d.values())})


def _dunning(k11, k12, k21, k22):
    """Dunning's table as target (k11, k21) vs reference (k12, k22) count tables."""
    return _counts({"x": k11, "other": k21}), _counts({"x": k12, "other": k22})


@pytest.mark.parametrize(
    "cells, published",
    [((110, 2442, 111, 29114), 270.72), ((10, 0, 3, 31764), 167.23)],
)
def test_ll_reproduces_dunning_1993(cells, published):
    target, reference = _dunning(*cells)
    out = keyness.compare(target, reference, measures=["ll"], min_count=1).set_index("term")
    assert round(out.loc["x", "ll"], 2) == published
    assert out.loc["x", "a"] == cells[0] and out.loc["x", "b"] == cells[1]
    assert out.loc["x", "c"] == cells[0] + cells[2] and out.loc["x", "d"] == cells[1] + cells[3]
    assert out.loc["x", "p"] == pytest.approx(chi2.sf(published, 1), rel=1e-3)
    # The same statistic from the scores() array interface.
    assert round(float(keyness.scores([cells[0]], [cells[1]], [cells[0] + cells[2]],
                                      [cells[1] + cells[3]], measures=["ll"])["ll"][0]), 2) == published


TABLES = [
    (110, 2442, 221, 31556),
    (10, 0, 13, 31764),
    (3, 7, 1000, 1200),
    (0, 25, 500, 40000),
    (45, 45, 90, 90),
    (1, 1, 2, 10),
]


@pytest.mark.parametrize("a, b, c, d", TABLES)
@pytest.mark.parametrize("yates", [False, True])
def test_chi2_and_ll_equal_scipy(a, b, c, d, yates):
    table = np.array([[a, b], [c - a, d - b]])
    ref_chi2 = chi2_contingency(table, correction=yates)[0]
    ref_g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    out = keyness.scores([a], [b], [c], [d], measures=["chi2", "ll"], yates=yates)
    assert abs(out["chi2"][0]) == pytest.approx(ref_chi2, rel=1e-12, abs=1e-12)
    assert abs(out["ll"][0]) == pytest.approx(ref_g2, rel=1e-9, abs=1e-12)
    assert np.sign(out["ll"][0]) == np.sign(a / c - b / d)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 500), st.integers(0, 500), st.integers(1, 2000), st.integers(1, 2000),
    st.booleans(),
)
def test_property_chi2_equals_scipy(a, b, extra_c, extra_d, yates):
    c, d = a + extra_c, b + extra_d
    if a + b == 0:
        return
    table = np.array([[a, b], [c - a, d - b]])
    out = keyness.scores([a], [b], [c], [d], measures=["chi2", "ll"], yates=yates)
    assert abs(out["chi2"][0]) == pytest.approx(chi2_contingency(table, correction=yates)[0], rel=1e-9, abs=1e-9)
    assert abs(out["ll"][0]) == pytest.approx(
        chi2_contingency(table, correction=False, lambda_="log-likelihood")[0], rel=1e-9, abs=1e-9
    )


def test_fightin_words_worked_example():
    # Target: war 6, peace 2 (c = 8); reference: war 2, peace 8 (d = 10); alpha0 = 9.
    # Pooled: war 8, peace 10 of 18, so the prior pseudo-counts are
    #   α_war = 9 * 8/18 = 4,  α_peace = 9 * 10/18 = 5.
    # δ_war   = ln((6+4) / (8+9-6-4)) - ln((2+4) / (10+9-2-4)) = ln(10/7) - ln(6/13)
    #         = 0.356675 + 0.773190 = 1.129865
    # Var     = 1/(6+4) + 1/(2+4) = 0.266667;  z = 1.129865 / 0.516398 = 2.187974
    # δ_peace = ln((2+5) / (17-7)) - ln((8+5) / (19-13)) = ln(0.7) - ln(13/6) = -1.129865
    # Var     = 1/7 + 1/13 = 0.219780;  z = -1.129865 / 0.468807 = -2.410084
    target = _counts({"war": 6, "peace": 2})
    reference = _counts({"war": 2, "peace": 8})
    out = keyness.compare(target, reference, measures=["fightin_words"], min_count=1, alpha0=9)
    out = out.set_index("term")
    assert out.loc["war", "fightin_words"] == pytest.approx(math.log(10 / 7) - math.log(6 / 13))
    assert out.loc["war", "fightin_words"] == pytest.approx(1.129865, abs=1e-6)
    assert out.loc["war", "fightin_words_z"] == pytest.approx(2.187974, abs=1e-6)
    assert out.loc["peace", "fightin_words"] == pytest.approx(-1.129865, abs=1e-6)
    assert out.loc["peace", "fightin_words_z"] == pytest.approx(-2.410084, abs=1e-6)
    # Sorted by the z-score when fightin_words comes first.
    assert out.index.tolist() == ["war", "peace"]


def test_fightin_words_default_alpha0_is_vocabulary_size():
    target = _counts({"war": 6, "peace": 2, "tax": 0})
    reference = _counts({"war": 2, "peace": 8, "tax": 5})
    default = keyness.compare(target, reference, measures=["fightin_words"], min_count=1)
    explicit = keyness.compare(target, reference, measures=["fightin_words"], min_count=1, alpha0=3)
    pd.testing.assert_frame_equal(default, explicit)


def test_log_ratio_and_pct_diff_by_hand():
    # a=20 of c=1000, b=10 of d=2000: relative frequencies 0.02 and 0.005.
    # log_ratio = log2(0.02 / 0.005) = log2(4) = 2;  %DIFF = 100 * (0.02 - 0.005) / 0.005 = 300.
    # A zero count becomes 0.5: a=0, b=10 -> log2((0.5/1000) / (10/2000)) = log2(0.1);
    # %DIFF = 100 * (0 - 0.005) / 0.005 = -100 (the numerator keeps the raw zero);
    # a=6, b=0 -> log2((6/1000) / (0.5/2000)) = log2(24); %DIFF = 100 * 0.006 / 0.00025 = 2400.
    target = pd.DataFrame({"term": ["x", "y", "z"], "count": [20, 0, 6], "tokens": 1000})
    reference = pd.DataFrame({"term": ["x", "y", "z"], "count": [10, 10, 0], "tokens": 2000})
    out = keyness.compare(target, reference, measures=["log_ratio", "pct_diff"], min_count=1)
    out = out.set_index("term")
    assert out.loc["x", "log_ratio"] == pytest.approx(2.0)
    assert out.loc["x", "pct_diff"] == pytest.approx(300.0)
    assert out.loc["y", "log_ratio"] == pytest.approx(math.log2(0.1))
    assert out.loc["y", "pct_diff"] == pytest.approx(-100.0)
    assert out.loc["z", "log_ratio"] == pytest.approx(math.log2(24))
    assert out.loc["z", "pct_diff"] == pytest.approx(2400.0)
    assert out.index.tolist() == ["z", "x", "y"]  # sorted by log_ratio, descending
    assert (out["c"] == 1000).all() and (out["d"] == 2000).all()


def test_columns_sort_order_and_bonferroni():
    target = _counts({"a": 30, "b": 30, "c": 5, "d": 100})
    reference = _counts({"a": 10, "b": 10, "c": 50, "d": 100})
    out = keyness.compare(target, reference, min_count=1)
    assert out.columns.tolist() == [
        "term", "a", "b", "c", "d", "ll", "log_ratio", "pct_diff", "chi2",
        "fightin_words", "fightin_words_z", "p", "significant",
    ]
    assert out["term"].tolist() == ["a", "b", "d", "c"]  # ties on ll broken by term
    assert out["ll"].is_monotonic_decreasing
    np.testing.assert_array_equal(out["significant"], out["p"] < 0.05 / 4)
    np.testing.assert_allclose(out["p"], chi2.sf(out["ll"].abs(), 1))
    assert out.dtypes["a"] == "int64" and out.dtypes["significant"] == "bool"


def test_token_tables_equal_count_tables(seed_docs, sotu_docs):
    seed = tokenise.tokens(seed_docs)
    ref = tokenise.tokens(sotu_docs[sotu_docs["doc_id"].isin(["2022-Biden-1", "2021-Biden-1"])])
    from_tokens = keyness.compare(seed, ref)
    from_counts = keyness.compare(frequency.counts(seed), frequency.counts(ref))
    pd.testing.assert_frame_equal(from_tokens, from_counts)
    # Every term of either corpus with a + b >= 5 is present, with raw counts beside.
    seed_c = frequency.counts(seed).set_index("term")["count"]
    ref_c = frequency.counts(ref).set_index("term")["count"]
    both = seed_c.add(ref_c, fill_value=0)
    assert set(from_tokens["term"]) == set(both[both >= 5].index)
    row = from_tokens.set_index("term").loc["nato"]
    assert row["a"] == seed_c["nato"] and row["b"] == ref_c.get("nato", 0)
    assert row["c"] == seed_c.sum() and row["d"] == ref_c.sum()
    # Against Biden's two addresses, the article's reporting verb and its topic lead:
    assert from_tokens["term"].head(5).tolist() == ["said", "diplomatic", "u.s.", "nato", "russia"]
    # "demands" and "moscow" tie on every measure (a=5, b=0): the term breaks the tie.
    assert from_tokens["term"].iloc[5:7].tolist() == ["demands", "moscow"]


def test_stopwords_leave_corpus_sizes_alone():
    target = pd.DataFrame({"norm": ["the", "the", "nato", "nato", "door"]})
    reference = pd.DataFrame({"norm": ["the", "tax", "tax", "door", "door", "door"]})
    out = keyness.compare(target, reference, min_count=1, stopwords="english")
    assert "the" not in set(out["term"])
    assert (out["c"] == 5).all() and (out["d"] == 6).all()


def test_compare_groups_equals_each_group_against_the_rest():
    toks = pd.DataFrame(
        {
            "president": ["A"] * 8 + ["B"] * 6 + ["C"] * 7,
            "norm": "war war peace tax . tax care war".split()
            + "peace peace peace tax care ,".split()
            + "war care care care tax jobs jobs".split(),
        }
    )
    out = keyness.compare_groups(toks, by="president", min_count=2)
    assert out.columns[0] == "president"
    assert out["president"].unique().tolist() == ["A", "B", "C"]
    for name, grp in out.groupby("president", sort=False):
        mine = toks[toks["president"] == name]
        rest = toks[toks["president"] != name]
        expected = keyness.compare(mine, rest, min_count=1)
        # compare_groups keeps terms with corpus-wide frequency >= min_count, in every group
        kept = {"war", "peace", "tax", "care", "jobs"}
        expected = expected[expected["term"].isin(kept)].reset_index(drop=True)
        got = grp.drop(columns="president").reset_index(drop=True)
        # Fightin' Words prior total = vocabulary size of the whole corpus in both calls
        expected_fw = keyness.compare(mine, rest, min_count=1, alpha0=5)
        expected_fw = expected_fw[expected_fw["term"].isin(kept)].reset_index(drop=True)
        cols = ["term", "a", "b", "c", "d", "ll", "log_ratio", "pct_diff", "chi2", "p"]
        pd.testing.assert_frame_equal(got[cols], expected[cols], check_column_type=False)
        pd.testing.assert_frame_equal(
            got[["fightin_words", "fightin_words_z"]],
            expected_fw[["fightin_words", "fightin_words_z"]],
            check_column_type=False,
        )
        # Bonferroni counts the five terms tested for this group.
        np.testing.assert_array_equal(got["significant"], got["p"] < 0.05 / 5)
    a = out[(out["president"] == "A") & (out["term"] == "jobs")].iloc[0]
    assert (a["a"], a["b"], a["c"], a["d"]) == (0, 2, 7, 12)


def test_compare_groups_multiple_columns_and_errors():
    toks = pd.DataFrame(
        {"party": ["D", "D", "R", "R"], "era": [1, 2, 1, 2], "norm": ["a", "b", "a", "b"]}
    )
    out = keyness.compare_groups(toks, by=["party", "era"], min_count=1, measures=["ll"])
    assert out.columns[:3].tolist() == ["party", "era", "term"]
    assert len(out) == 4 * 2 and out["era"].dtype == toks["era"].dtype
    with pytest.raises(CorpusError, match="at least two groups"):
        keyness.compare_groups(toks.assign(party="D", era=1), by=["party", "era"])
    with pytest.raises(CorpusError, match="group column"):
        keyness.compare_groups(toks, by="president")
    empty = keyness.compare_groups(toks.iloc[:0], by="party")
    assert empty.empty and empty.columns[:2].tolist() == ["party", "term"]


def test_bad_input_is_named():
    good = _counts({"x": 1})
    with pytest.raises(CorpusError, match="term 'x' appears more than once"):
        keyness.compare(_counts({"x": 1}).pipe(lambda t: pd.concat([t, t])), good)
    with pytest.raises(CorpusError, match="row 0 \\(term 'x'\\).*non-negative integer"):
        keyness.compare(_counts({"x": -1}), good)
    with pytest.raises(CorpusError, match="row 0 \\(term 'x'\\)"):
        keyness.compare(_counts({"x": 1.5}), good)
    with pytest.raises(CorpusError, match="reference: needs a norm column"):
        keyness.compare(good, pd.DataFrame({"word": ["x"]}))
    with pytest.raises(ValueError, match="unknown measure"):
        keyness.compare(good, good, measures=["tf_idf"])
    # A wordless side is an error, never an empty table that reads as "no keywords".
    with pytest.raises(ValueError, match="the reference has no words"):
        keyness.compare(good, good.iloc[:0])
    with pytest.raises(ValueError, match="the target has no words"):
        keyness.compare(good.iloc[:0], good)


def test_plots_draw_what_the_table_says():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    target = _counts({"war": 30, "peace": 2, "tax": 10, "jobs": 1, "the": 50})
    reference = _counts({"war": 5, "peace": 20, "tax": 10, "jobs": 15, "the": 60})
    table = keyness.compare(target, reference, min_count=1)
    ax = keyness.plot_keyness(table, measure="ll", n=2)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # two strongest positive keywords on top, two strongest negative at the bottom
    top_pos = table[table["ll"] > 0].head(2)["term"].tolist()
    top_neg = table[table["ll"] < 0].tail(2)["term"].tolist()
    assert labels == top_pos + top_neg  # strongest over-use at the top, strongest under-use last
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == sorted(round(v, 6) for v in table.set_index("term").loc[top_pos + top_neg, "ll"])
    plt.close(ax.figure)
    ax = keyness.plot_fightin_words(table, n_labels=1, z=0.5)
    texts = sorted(t.get_text() for t in ax.texts)
    z = table.set_index("term")["fightin_words_z"]
    assert texts == sorted([z.idxmax(), z.idxmin()])
    plt.close(ax.figure)
