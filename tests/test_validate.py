"""Validation: Krippendorff's (2011) worked example, NLTK and scikit-learn as references, and
properties of one-to-one span matching."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import interval_distance
from sklearn.metrics import precision_recall_fscore_support

from analysis import validate

ROOT = Path(__file__).resolve().parents[1]

# --- Krippendorff's alpha --------------------------------------------------------------------------

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: 4 observers,
# 12 units, missing values (None).
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def tidy(matrix):
    return pd.DataFrame(
        [(coder, unit + 1, v) for coder, row in matrix.items() for unit, v in enumerate(row) if v is not None],
        columns=["coder", "unit", "value"],
    )


def test_krippendorff_2011_worked_example():
    result = validate.agreement(tidy(KRIPPENDORFF_2011), level=["nominal", "ordinal", "interval", "ratio"])
    assert result["level"].tolist() == ["nominal", "ordinal", "interval", "ratio"]
    assert result["alpha"].round(3).tolist() == [0.743, 0.815, 0.849, 0.797]
    # 12 units, 4 coders, n = 40 pairable values (unit 12 has a single value).
    assert result[["n_units", "n_coders", "n_pairable"]].drop_duplicates().values.tolist() == [[12, 4, 40]]
    assert list(result.columns) == ["level", "alpha", "n_units", "n_coders", "n_pairable"]


def test_krippendorff_2011_with_text_codes_and_an_ordered_domain():
    names = {1: "very low", 2: "low", 3: "mid", 4: "high", 5: "very high"}
    codings = tidy(KRIPPENDORFF_2011).assign(value=lambda d: d["value"].map(names))
    ordinal = validate.agreement(codings, level="ordinal", values=list(names.values()))
    assert round(ordinal["alpha"].iloc[0], 3) == 0.815
    nominal = validate.agreement(codings)
    assert round(nominal["alpha"].iloc[0], 3) == 0.743
    with pytest.raises(ValueError, match="interval alpha needs numeric codes"):
        validate.agreement(codings, level="interval")


def test_missing_values_as_absent_rows_or_nan_are_the_same():
    codings = tidy(KRIPPENDORFF_2011)
    with_nan = pd.concat([codings, pd.DataFrame({"coder": ["A"], "unit": [12], "value": [np.nan]})])
    assert validate.agreement(with_nan).equals(validate.agreement(codings))


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=3, max_size=3),
        min_size=3,
        max_size=12,
    )
)
def test_alpha_equals_nltk_annotation_task(data):
    """NLTK's AnnotationTask (an independent implementation) as the reference."""
    codings = pd.DataFrame(
        [(f"c{c}", f"u{u}", v) for u, row in enumerate(data) for c, v in enumerate(row) if v is not None],
        columns=["coder", "unit", "value"],
    )
    pairable = codings.groupby("unit").size()
    pairable_units = pairable[pairable >= 2].index
    values = codings[codings["unit"].isin(pairable_units)]["value"]
    if values.nunique() < 2:
        return
    triples = list(codings.itertuples(index=False, name=None))
    ours = validate.agreement(codings, level=["nominal", "interval"])["alpha"].tolist()
    ref_nominal = AnnotationTask(triples).alpha()
    ref_interval = AnnotationTask(triples, distance=interval_distance).alpha()
    assert ours == pytest.approx([ref_nominal, ref_interval], abs=1e-9)


def test_alpha_edge_cases():
    perfect = pd.DataFrame({"coder": list("aabb"), "unit": [1, 2, 1, 2], "value": ["x", "y", "x", "y"]})
    assert validate.agreement(perfect)["alpha"].iloc[0] == 1.0
    constant = perfect.assign(value="x")
    assert math.isnan(validate.agreement(constant)["alpha"].iloc[0])
    with pytest.raises(ValueError, match=r"coder 'a' coded unit 1 more than once \(rows 0, 4\)"):
        validate.agreement(pd.concat([perfect, perfect.iloc[[0]]], ignore_index=True))
    with pytest.raises(ValueError, match="no unit was coded by two"):
        validate.agreement(pd.DataFrame({"coder": ["a", "b"], "unit": [1, 2], "value": [1, 2]}))
    with pytest.raises(ValueError, match="level must be one of"):
        validate.agreement(perfect, level="cardinal")
    with pytest.raises(ValueError, match="code 'y' is not in values"):
        validate.agreement(perfect, level="ordinal", values=["x"])
    with pytest.raises(ValueError, match="lacks column"):
        validate.agreement(perfect.drop(columns="value"))


# --- spans against gold ----------------------------------------------------------------------------


def spans(rows, **extra):
    df = pd.DataFrame(rows, columns=["doc_id", "start", "end", "frame"])
    for k, v in extra.items():
        df[k] = v
    return df


def test_against_gold_worked_example():
    gold = spans([
        ("d1", 0, 10, "threat"),      # found exactly
        ("d1", 20, 40, "threat"),     # found 6 of 20 chars = 0.30: a match at overlap=0.3
        ("d1", 50, 60, "talks"),      # found 2 of 10 = 0.2: not a match
        ("d2", 0, 5, "talks"),        # found, but labelled threat: no match
    ])
    found = spans([
        ("d1", 0, 10, "threat"),
        ("d1", 34, 45, "threat"),
        ("d1", 58, 70, "talks"),
        ("d2", 0, 5, "threat"),
    ])
    result = validate.against_gold(found, gold)
    assert result["frame"].tolist() == ["talks", "threat", "micro", "macro"]
    assert result[["tp", "fp", "fn"]].values.tolist() == [[0, 1, 2], [2, 1, 0], [2, 2, 2], [2, 2, 2]]
    talks, threat, micro, macro = result[["precision", "recall", "f1"]].values.tolist()
    assert talks == [0.0, 0.0, 0.0]
    assert threat == pytest.approx([2 / 3, 1.0, 0.8])
    assert micro == pytest.approx([0.5, 0.5, 0.5])
    assert macro == pytest.approx([1 / 3, 0.5, 0.4])
    strict = validate.against_gold(found, gold, overlap=0.31)
    assert strict.loc[strict["frame"] == "threat", ["tp", "fp", "fn"]].values.tolist() == [[1, 2, 1]]


def test_coverage_is_measured_on_the_gold_span():
    gold = spans([("d", 10, 20, "f")])
    long_found = spans([("d", 0, 100, "f")])  # covers all of gold: a match, however long
    assert validate.against_gold(long_found, gold)["tp"].iloc[0] == 1
    touching = spans([("d", 20, 30, "f")])  # shares no character
    assert validate.against_gold(touching, gold, overlap=1e-9)["tp"].iloc[0] == 0


def test_one_to_one_greedy_by_largest_overlap_with_deterministic_ties():
    gold = spans([("d", 0, 10, "f"), ("d", 8, 20, "f")])
    found = spans([("d", 0, 9, "f"), ("d", 5, 12, "f"), ("d", 0, 9, "f")])
    pairs = validate.match_spans(found, gold)
    tp = pairs[pairs["status"] == "tp"]
    # found 0 shares 9 with gold 0 (largest); found 1 shares 4 with gold 1; the duplicate of
    # found 0 is left over: one-to-one.
    assert tp[["found_row", "gold_row", "shared"]].values.tolist() == [[0, 0, 9], [1, 1, 4]]
    assert pairs.loc[pairs["status"] == "fp", "found_row"].tolist() == [2]
    # Ties in shared characters go to the earlier gold span.
    gold2 = spans([("d", 0, 4, "f"), ("d", 4, 8, "f")])
    found2 = spans([("d", 2, 6, "f")])
    assert validate.match_spans(found2, gold2, overlap=0.5).query("status == 'tp'")["gold_row"].tolist() == [0]


def test_attribute_accuracy_among_matched_pairs():
    gold = spans([("d", 0, 10, "f"), ("d", 20, 30, "f"), ("d", 40, 50, "g"), ("d", 60, 70, "g")],
                 speaker=["Lavrov", "Moscow", None, "Blinken"])
    found = spans([("d", 0, 10, "f"), ("d", 20, 30, "f"), ("d", 40, 50, "g"), ("d", 90, 95, "g")],
                  speaker=["Lavrov", "Sergey Lavrov", None, "Blinken"])
    result = validate.against_gold(found, gold, attribute="speaker")
    assert result[["frame", "tp", "attribute_correct"]].values.tolist() == [
        ["f", 2, 1], ["g", 1, 1], ["micro", 3, 2], ["macro", 3, 2]]
    assert result["attribute_accuracy"].tolist() == pytest.approx([0.5, 1.0, 2 / 3, 0.75])
    pairs = validate.match_spans(found, gold, attribute="speaker")
    assert {"found_speaker", "gold_speaker", "attribute_match"} <= set(pairs.columns)


def test_unlabelled_spans_and_errors():
    gold = spans([("d", 0, 10, "f")]).drop(columns="frame")
    found = spans([("d", 2, 8, "x"), ("d", 30, 40, "x")]).drop(columns="frame")
    result = validate.against_gold(found, gold, label=None)
    assert result["label"].tolist() == ["micro", "macro"]
    assert result[["tp", "fp", "fn"]].values.tolist() == [[1, 1, 0], [1, 1, 0]]
    with pytest.raises(ValueError, match="gold row 0 \\(doc_id 'd'\\): empty span \\[5, 5\\)"):
        validate.against_gold(found, spans([("d", 5, 5, "f")]), label=None)
    with pytest.raises(ValueError, match="found table lacks column\\(s\\) frame"):
        validate.against_gold(found, spans([("d", 0, 10, "f")]))
    with pytest.raises(ValueError, match="overlap must be in"):
        validate.against_gold(found, gold, label=None, overlap=0)
    with pytest.raises(ValueError, match="'micro' is reserved"):
        validate.against_gold(spans([("d", 0, 1, "micro")]), spans([("d", 0, 1, "f")]))


def test_empty_inputs():
    empty = spans([])
    result = validate.against_gold(empty, spans([("d", 0, 5, "f")]))
    assert result[["frame", "tp", "fp", "fn"]].values.tolist() == [["f", 0, 0, 1], ["micro", 0, 0, 1], ["macro", 0, 0, 1]]
    assert math.isnan(result["precision"].iloc[0]) and result["recall"].iloc[0] == 0.0
    pairs = validate.match_spans(empty, empty)
    assert len(pairs) == 0 and "status" in pairs.columns


_span = st.tuples(st.sampled_from(["d1", "d2"]), st.integers(0, 40), st.integers(1, 12), st.sampled_from("abc"))


def _table(rows):
    return spans([(d, s, s + n, f) for d, s, n, f in rows])


@settings(max_examples=100, deadline=None)
@given(found=st.lists(_span, max_size=12), gold=st.lists(_span, max_size=12),
       overlap=st.sampled_from([0.1, 0.3, 0.5, 1.0]))
def test_matching_properties_and_scores_equal_sklearn(found, gold, overlap):
    f, g = _table(found), _table(gold)
    pairs = validate.match_spans(f, g, overlap=overlap)
    tp = pairs[pairs["status"] == "tp"]
    # Every span appears exactly once; matched pairs meet the criterion.
    assert sorted(pairs["found_row"].dropna().tolist()) == list(range(len(f)))
    assert sorted(pairs["gold_row"].dropna().tolist()) == list(range(len(g)))
    assert (tp["coverage"] >= overlap - 1e-12).all() and (tp["shared"] > 0).all()
    # Maximal: no unmatched found span could still be paired with an unmatched gold span.
    lone_f = f.iloc[pairs.loc[pairs["status"] == "fp", "found_row"].astype(int).tolist()]
    lone_g = g.iloc[pairs.loc[pairs["status"] == "fn", "gold_row"].astype(int).tolist()]
    for a in lone_f.itertuples():
        for b in lone_g.itertuples():
            if a.doc_id == b.doc_id and a.frame == b.frame:
                shared = min(a.end, b.end) - max(a.start, b.start)
                assert shared <= 0 or shared / (b.end - b.start) < overlap
    # Scores equal scikit-learn's on the same decisions.
    result = validate.against_gold(f, g, overlap=overlap)
    labels = sorted(set(f["frame"]) | set(g["frame"]))
    if not labels:
        return
    y_true = [r.frame if r.status != "fp" else "<none>" for r in pairs.itertuples()]
    y_pred = [r.frame if r.status != "fn" else "<none>" for r in pairs.itertuples()]
    per = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=np.nan)
    ours = result.set_index("frame")
    np.testing.assert_allclose(ours.loc[labels, "precision"], per[0], equal_nan=True)
    np.testing.assert_allclose(ours.loc[labels, "recall"], per[1], equal_nan=True)
    np.testing.assert_allclose(ours.loc[labels, "f1"], per[2], equal_nan=True)
    for avg in ("micro", "macro"):
        p, r, f1, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=avg, zero_division=np.nan)
        np.testing.assert_allclose(ours.loc[avg, ["precision", "recall", "f1"]].astype(float),
                                   [p, r, f1], equal_nan=True)


# --- reading gold files ------------------------------------------------------------------------------


def test_read_gold_csv_and_jsonl(tmp_path):
    csv_path = tmp_path / "gold.csv"
    csv_path.write_text("doc_id,start,end,frame,speaker\nd,0,5,talks,\nd,7,9,threat,Lavrov\n", encoding="utf-8")
    gold = validate.read_gold(csv_path)
    assert gold.dtypes.astype(str).tolist() == ["str", "int64", "int64", "str", "str"]
    assert gold["speaker"].isna().tolist() == [True, False]
    jsonl = tmp_path / "gold.jsonl"
    jsonl.write_text('{"doc_id": "d", "start": 0, "end": 5, "speaker": null}\n\n'
                     '{"doc_id": "d", "start": 7, "end": 9, "speaker": "Lavrov"}\n', encoding="utf-8")
    assert validate.read_gold(jsonl)[["start", "end"]].values.tolist() == [[0, 5], [7, 9]]
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,start,end\nd,0,5\nd,x,9\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.csv, line 3: start 'x' is not a whole number"):
        validate.read_gold(bad)
    bad.write_text("doc_id,start,end\nd,4,4\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 2: empty span \[4, 4\)"):
        validate.read_gold(bad)
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"doc_id": "d", "start": 0, "end": 5}\n{"doc_id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl, line 2: invalid JSON"):
        validate.read_gold(bad_json)
    with pytest.raises(ValueError, match="missing column\\(s\\) end"):
        (tmp_path / "x.csv").write_text("doc_id,start\nd,1\n", encoding="utf-8")
        validate.read_gold(tmp_path / "x.csv")


def test_read_gold_reads_the_shipped_samples():
    frames = validate.read_gold(ROOT / "corpus" / "gold" / "frames" / "seed_article.csv")
    assert len(frames) == 56 and {"frame", "voice", "speaker"} <= set(frames.columns)
    quotes = validate.read_gold(ROOT / "corpus" / "gold" / "quotes" / "gold.jsonl")
    assert len(quotes) > 0 and {"speaker", "kind"} <= set(quotes.columns)
