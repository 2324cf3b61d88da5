"""Sentiment: VADER equal to the reference package, dictionary scoring, group summaries."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as ref_module

from analysis import sentiment, tokenise
from analysis.sentiment import _aggregate
from analysis.sentiment._vader import polarity_scores
from analysis.corpus import CorpusError
from analysis.sentiment import DictionaryScorer, aggregate, score

REFERENCE = ref_module.SentimentIntensityAnalyzer()
COLS = ["neg", "neu", "pos", "compound"]


def reference(text: str) -> tuple[float, float, float, float]:
    d = REFERENCE.polarity_scores(text)
    return tuple(d[c] for c in COLS)


def sents(*texts, **cols) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts), **cols})


def assert_same_as_reference(texts):
    out = score(sents(*texts))
    for i, text in enumerate(texts):
        got = tuple(out[c].iloc[i] for c in COLS)
        assert got == reference(text), text


# --- VADER: the authors' published examples --------------------------------------------------

# README of github.com/cjhutto/vaderSentiment ("Code Examples" section), v3.3.2.
README = {
    "VADER is smart, handsome, and funny.": (0.0, 0.254, 0.746, 0.8316),
    "VADER is not smart, handsome, nor funny.": (0.646, 0.354, 0.0, -0.7424),
    "The book was only kind of good.": (0.0, 0.697, 0.303, 0.3832),
    "The book was good.": (0.0, 0.508, 0.492, 0.4404),
}


@pytest.mark.parametrize("text", list(README))
def test_readme_examples(text):
    out = score(sents(text))
    assert tuple(out[COLS].iloc[0]) == README[text]


def test_all_examples_of_the_reference_demo():
    # The example and "tricky" sentences of vaderSentiment.py's __main__ demo: every rule.
    assert_same_as_reference(
        [
            "VADER is smart, handsome, and funny!",
            "VADER is very smart, handsome, and funny.",
            "VADER is VERY SMART, handsome, and FUNNY.",
            "VADER is VERY SMART, handsome, and FUNNY!!!",
            "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
            "At least it isn't a horrible book.",
            "The plot was good, but the characters are uncompelling and the dialog is not great.",
            "Today SUX!",
            "Today only kinda sux! But I'll get by, lol",
            "Make sure you :) or :D today!",
            "Catch utf-8 emoji such as 💘 and 💋 and 😁",
            "Not bad at all",
            "Sentiment analysis has never been good.",
            "Sentiment analysis has never been this good!",
            "Most automated sentiment analysis tools are shit.",
            "With VADER, sentiment analysis is the shit!",
            "Other sentiment analysis tools can be quite bad.",
            "On the other hand, VADER is quite bad ass",
            "VADER is such a badass!",
            "Without a doubt, excellent idea.",
            "Roger Dodger is one of the most compelling variations on this theme.",
            "Roger Dodger is at least compelling as a variation on the theme.",
            "Roger Dodger is one of the least compelling variations on this theme.",
            "Not such a badass after all.",
            "Without a doubt, an excellent idea.",
            "It was one of the worst movies I've seen, despite good reviews.",
            "Unbelievably bad acting!! Poor direction. VERY poor production.",
            "riot", "fire", "tear gas", "happy birthday",
        ]
    )


def test_reference_quirks_are_kept():
    assert_same_as_reference(
        [
            # "but": values are rescaled by equality, so a repeated value is rescaled twice.
            "good good but good good",
            "bad, good but bad, good and good",
            # "no" before a lexicon word is a negation, alone it is a word.
            "no good", "no", "no no no", "no way, no good or nor bad",
            # "so"/"this" right before a word boosts it through an operator-precedence slip.
            "a b so good", "x y this bad", "never so good", "without doubt good",
            # emoji with "!" in the description; an emoji glued to a word.
            "fun🔛", "🆙🆙 great", "©® 😁😁",
            # punctuation-only and emoticon-like words survive stripping.
            ":) :( ;) <3 --- ... !!!! ????",
            "kind of good", "sort of bad", "just enough fun", "kiss of death is fun",
            "the bomb", "yeah right great", "the least good", "at least good", "very least bad",
        ]
    )


def test_empty_and_whitespace_score_zero_as_in_the_reference():
    texts = ["", " ", "\n\t ", "\u00a0"]
    out = score(sents(*texts))
    for i, text in enumerate(texts):
        assert tuple(out[COLS].iloc[i]) == (0.0, 0.0, 0.0, 0.0) == reference(text)


# --- VADER: real sentences --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sotu_sentences(sotu_docs):
    return tokenise.sentences(sotu_docs)


def test_seed_article_equals_reference(seed_docs):
    s = tokenise.sentences(seed_docs)
    out = score(s)
    assert list(out.columns) == ["doc_id", "sent_id", "start", "end", "text", *COLS]
    assert out[COLS].dtypes.eq("float64").all()
    for i, text in enumerate(s["text"]):
        assert tuple(out[COLS].iloc[i]) == reference(text)
    # Worked by the reference: the headline reads as negative, "no concessions, but" too.
    assert out["compound"].iloc[0] == -0.6249  # "Ukraine Crisis"
    assert out["compound"].iloc[5] == -0.8047
    assert out["compound"].iloc[14] == 0.8555  # "...diplomacy has the best chance to succeed"


def test_seeded_sotu_sample_equals_reference(sotu_sentences):
    sample = sotu_sentences.sample(n=4000, random_state=20220127)
    out = score(sample)
    assert out.index.equals(sample.index)
    expected = pd.DataFrame([REFERENCE.polarity_scores(t) for t in sample["text"]], index=sample.index)
    for c in COLS:
        np.testing.assert_array_equal(out[c].to_numpy(), expected[c].to_numpy())


# Words that drive every rule of the reference, in every case variant, with punctuation.
_RULE_WORDS = sorted(
    set(ref_module.BOOSTER_DICT)
    | set(ref_module.NEGATE)
    | {w for k in ref_module.SPECIAL_CASES for w in k.split()}
    | {"but", "no", "least", "at", "very", "never", "so", "this", "without", "doubt", "or", "nor",
       "kind", "of", "good", "bad", "great", "horrible", "love", "hate", "war", "peace", "lol",
       ":)", ":(", ":D", "<3", "fun", "sux", "the", "a"}
)
_WORD = st.tuples(
    st.sampled_from(_RULE_WORDS) | st.sampled_from(sorted(REFERENCE.lexicon)[:4000:7]),
    st.sampled_from(["lower", "upper", "title"]),
    st.sampled_from(["", "", "", '"', "(", "'", "--"]),
    st.sampled_from(["", "", "", ",", ".", "!", "?", "!!", "?!?", '."', "'s", ":)"]),
).map(lambda t: t[2] + getattr(t[0], t[1])() + t[3])
_SEP = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\u00a0", " 😁 ", "💘", " 🔛"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_WORD, _SEP), max_size=25))
def test_generated_rule_text_equals_reference(parts):
    text = "".join(w + s for w, s in parts)
    assert polarity_scores(text) == reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_equals_reference(text):
    assert polarity_scores(text) == reference(text)


# --- score: the table ---------------------------------------------------------------------------


def test_score_keeps_rows_columns_and_index():
    table = pd.DataFrame(
        {"doc_id": ["b", "a", "a"], "sent_id": [0, 1, 0], "text": ["Good.", "Bad.", "Good."]},
        index=[10, 5, 7],
    )
    out = score(table)
    assert list(out.columns) == ["doc_id", "sent_id", "text", *COLS]
    assert out.index.tolist() == [10, 5, 7]
    assert out["compound"].tolist() == [0.4404, -0.5423, 0.4404]
    assert "neg" not in table.columns  # the input is not modified


def test_empty_table_keeps_columns_and_dtypes():
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")})
    out = score(empty)
    assert list(out.columns) == ["doc_id", "text", *COLS]
    assert len(out) == 0
    assert out[COLS].dtypes.eq("float64").all()
    out = score(empty, method=DictionaryScorer({"good": 1}))
    assert list(out.columns) == ["doc_id", "text", *COLS, "n_words", "n_positive"]
    assert out["n_words"].dtype == "int64"


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA])
def test_missing_text_names_the_row(missing):
    table = pd.DataFrame(
        {"doc_id": ["d", "d"], "sent_id": [0, 1], "text": pd.Series(["Fine.", missing], dtype=object)}
    )
    with pytest.raises(CorpusError, match=r"row 1 \(doc_id 'd', sent_id 1\): missing text"):
        score(table)


def test_bad_tables_and_methods():
    with pytest.raises(CorpusError, match="lacks a 'text' column"):
        score(pd.DataFrame({"sentence": ["x"]}))
    with pytest.raises(CorpusError, match="expected a sentence table"):
        score(["a list"])
    with pytest.raises(CorpusError, match=r"row 0: text is int"):
        score(pd.DataFrame({"text": [3]}))
    with pytest.raises(ValueError, match="unknown sentiment method 'nltk'"):
        score(sents("x"), method="nltk")
    with pytest.raises(ValueError, match="already has column"):
        score(score(sents("x")))


# --- DictionaryScorer ---------------------------------------------------------------------------


def test_dictionary_worked_example():
    lex = DictionaryScorer({"threat*": -1, "escalat*": -1, "dialog*": 2})
    out = score(sents("Russia threatens escalation, but NATO wants dialogue."), method=lex)
    row = out.iloc[0]
    # Words: Russia threatens escalation but NATO wants dialogue -> 0 -1 -1 0 0 0 2 (sum 0).
    assert row["n_words"] == 7
    assert (row["n_negative"], row["n_positive"]) == (2, 1)
    assert row["compound"] == 0.0
    # pos = (2 + 1) / 11, neg = (1 + 1) * 2 / 11, neu = 4 / 11
    assert row["pos"] == pytest.approx(3 / 11)
    assert row["neg"] == pytest.approx(4 / 11)
    assert row["neu"] == pytest.approx(4 / 11)


def test_dictionary_reuses_vaders_arithmetic():
    # Without VADER's rules in play, a dictionary holding VADER's weight gives VADER's numbers.
    text = "The book was good."
    out = score(sents(text), method=DictionaryScorer({"good": REFERENCE.lexicon["good"]}))
    neg, neu, pos, compound = reference(text)
    assert round(out["compound"].iloc[0], 4) == compound == 0.4404
    assert round(out["pos"].iloc[0], 3) == pos
    assert round(out["neu"].iloc[0], 3) == neu
    assert out["compound"].iloc[0] == 1.9 / math.sqrt(1.9**2 + 15)


def test_negation_window_is_three_words():
    lex = DictionaryScorer({"good": 1})
    texts = [
        "good",
        "not good",
        "not very good",
        "not at all good",  # "not" is 3 words back
        "not at all a good",  # 4 words back: outside the window
        "It won't be good",  # n't negates
        "Never. Good.",  # punctuation is not a word: "never" is 1 word back
    ]
    out = score(sents(*texts), method=lex)
    assert np.sign(out["compound"]).tolist() == [1, -1, -1, -1, 1, -1, -1]
    assert out["n_positive"].tolist() == [1] * 7  # counts are raw matches, negated or not
    off = score(sents("not good"), method=DictionaryScorer({"good": 1}, window=0))
    assert off["compound"].iloc[0] > 0


def test_negation_does_not_cross_sentences():
    lex = DictionaryScorer({"good": 1})
    out = score(sents("It is not.", "Good."), method=lex)
    assert out["compound"].iloc[1] > 0


def test_glob_patterns_are_literal_except_star():
    lex = DictionaryScorer(
        {"u.s.*": 1, "c++": 1, "(war)": -1, "de-escalat*": 1, "threat*": -1, "threaten": -3}
    )
    words = ["U.S.-led", "uxs", "c", "cc", "war", "de-escalation", "deescalation", "threatens",
             "threaten", "Threaten"]
    out = score(sents(*words), method=lex)
    assert out["compound"].gt(0).tolist() == [True] + [False] * 4 + [True] + [False] * 4
    assert out["compound"].iloc[4] == 0  # "(war)" is the literal "(war)", never the word "war"
    # The exact term beats the pattern: -3 for "threaten", -1 for "threatens".
    assert out["compound"].iloc[8] == -3 / math.sqrt(9 + 15)
    assert out["compound"].iloc[7] == -1 / 4


def test_categories_from_yaml(tmp_path):
    path = tmp_path / "frames.yml"
    path.write_text(
        "threat:\n"
        "  weight: -1\n"
        "  terms: [threat*, aggress*, hysteria]\n"
        "diplomacy:\n"
        "  weight: 1\n"
        "  terms: [diplomac*, dialog*]\n"
        "military: [troops, jets]\n",
        encoding="utf-8",
    )
    lex = DictionaryScorer.from_yaml(path)
    assert lex.categories == ("threat", "diplomacy", "military")
    text = "NATO sent jets, and Moscow denounced the aggressive course and information hysteria."
    out = score(sents(text, "Dialogue and diplomacy."), method=lex)
    assert out[["n_threat", "n_diplomacy", "n_military"]].values.tolist() == [[2, 0, 1], [0, 2, 0]]
    assert out["compound"].iloc[0] == -2 / math.sqrt(4 + 15)
    weighted = DictionaryScorer.from_yaml(path, weights={"military": -0.5})
    assert score(sents(text), method=weighted)["compound"].iloc[0] == -2.5 / math.sqrt(2.5**2 + 15)


def test_lexicoder_style_yaml_weights_positive_and_negative(tmp_path):
    path = tmp_path / "lsd.yml"
    path.write_text("positive: [good*, peace*]\nnegative: [bad*, war]\n", encoding="utf-8")
    out = score(sents("good peace war"), method=DictionaryScorer.from_yaml(path))
    assert out["compound"].iloc[0] == 1 / 4


def test_csv_dictionary(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_text("term,weight\nthreat*,-2\n\ndialogue,1.5\nsummit,0\n", encoding="utf-8")
    lex = DictionaryScorer.from_csv(path)
    assert lex.terms.to_dict("list") == {
        "term": ["threat*", "dialogue", "summit"],
        "weight": [-2.0, 1.5, 0.0],
        "category": ["negative", "positive", "neutral"],
    }
    out = score(sents("A summit, a threat, a dialogue."), method=lex)
    assert out[["n_negative", "n_positive", "n_neutral"]].iloc[0].tolist() == [1, 1, 1]
    assert out["compound"].iloc[0] == -0.5 / math.sqrt(0.25 + 15)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("term,weight\ngood,1\nbad,minus\n", r"lex\.csv, line 3: weight 'minus' of term 'bad' is not a number"),
        ("term,weight\ngood,1\nbad,-1,x\n", r"lex\.csv, line 3: 3 fields where the header has 2"),
        ("term,score\ngood,1\n", r"lex\.csv, line 1: expected the header 'term,weight'"),
        ("term,weight\ngood,1\n\nnot good,-1\n", r"lex\.csv, line 4: term 'not good' has a space"),
        ("term,weight\ngood,1\n*,1\n", r"lex\.csv, line 3: empty term"),
        ("term,weight\ngood,1\nGood,2\n", r"lex\.csv, line 3: term 'good' already listed .*line 2"),
        ("term,weight\ngood,inf\n", r"lex\.csv, line 2: weight 'inf' .* not a finite number"),
        ("term,weight,category\ngood,1,Good Stuff\n", r"lex\.csv, line 2: category 'Good Stuff'"),
        ("", r"lex\.csv: empty file"),
    ],
)
def test_malformed_csv_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "lex.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        DictionaryScorer.from_csv(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("threat: [a, b\n", r"frames\.yml, line 2: not valid YAML"),
        ("- a\n- b\n", r"frames\.yml: expected a mapping of categories"),
        ("threat: [a]\nthreat: [b]\n", r"frames\.yml, line 2: category 'threat' already defined on line 1"),
        ("threat:\n  weight: high\n  terms: [a]\n", r"frames\.yml, line 2: weight of category 'threat'"),
        ("threat:\n  terms: [a]\n  colour: red\n", r"frames\.yml, line 1: .*unexpected key\(s\) colour"),
        ("threat: [a, 3]\n", r"frames\.yml, line 1: term 3 of category 'threat' is not a string"),
        ("threat:\n  - a\n  - [b]\n", r"frames\.yml, line 3: term \['b'\]"),
        ("threat: a\n", r"frames\.yml, line 1: terms of category 'threat' must be a list"),
        ("threat: []\n", r"frames\.yml, line 1: category 'threat' has no terms"),
        ("threat:\n  - ok\n  - two words\n", r"frames\.yml, line 3: term 'two words' has a space"),
        ("threat: !!python/object/apply:os.system [echo]\n", r"frames\.yml, line 1: not valid YAML"),
    ],
)
def test_malformed_yaml_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "frames.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        DictionaryScorer.from_yaml(path)


def test_yaml_weights_for_unknown_category(tmp_path):
    path = tmp_path / "frames.yml"
    path.write_text("threat: [a]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"weights given for unknown categories \['thraet'\]"):
        DictionaryScorer.from_yaml(path, weights={"thraet": -1})


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.text(min_size=1, max_size=12))
def test_dictionary_scores_any_text(text, term):
    # Any text scores; any term is matched literally (no regex injection); shares add up.
    term = term.strip().lower()
    if not term.replace("*", "") or any(c.isspace() for c in term):
        return
    out = score(sents(text), method=DictionaryScorer({term: 1.0}))
    row = out.iloc[0]
    assert -1 < row["compound"] < 1
    assert row["n_positive"] <= row["n_words"]
    if row["n_words"]:
        assert row["pos"] + row["neg"] + row["neu"] == pytest.approx(1.0)
    else:
        assert (row["pos"], row["neg"], row["neu"], row["compound"]) == (0, 0, 0, 0)


# --- aggregate ----------------------------------------------------------------------------------


def test_aggregate_counts_and_shares_by_hand():
    s = pd.DataFrame(
        {
            "party": ["A", "A", "A", "A", "B", "B"],
            "compound": [0.05, -0.05, 0.0499, 0.8, -0.9, -0.1],
        }
    )
    out = aggregate(s, by="party", n_boot=500)
    assert list(out.columns) == [
        "party", "n", "mean_compound", "mean_ci_low", "mean_ci_high", "median_compound",
        "n_positive", "n_neutral", "n_negative", "share_positive", "share_neutral", "share_negative",
    ]
    a, b = out.iloc[0], out.iloc[1]
    assert (a["n"], a["n_positive"], a["n_neutral"], a["n_negative"]) == (4, 2, 1, 1)
    assert a["share_positive"] == 0.5 and a["share_negative"] == 0.25
    assert a["mean_compound"] == pytest.approx((0.05 - 0.05 + 0.0499 + 0.8) / 4)
    assert a["median_compound"] == pytest.approx((0.0499 + 0.05) / 2)
    assert (b["n"], b["n_negative"], b["mean_compound"]) == (2, 2, pytest.approx(-0.5))
    assert a["mean_ci_low"] <= a["mean_compound"] <= a["mean_ci_high"]


def test_bootstrap_equals_scipy_percentile_interval():
    rng = np.random.default_rng(1)
    s = pd.DataFrame(
        {
            "year": np.repeat([2001, 1999, 2000], [120, 60, 300]),
            "compound": np.round(rng.uniform(-1, 1, 480), 4),
        }
    )
    out = aggregate(s, by="year", random_state=42, n_boot=999)
    assert out["year"].tolist() == [1999, 2000, 2001]
    children = np.random.SeedSequence(42).spawn(3)
    for k, year in enumerate([1999, 2000, 2001]):
        x = s.loc[s["year"] == year, "compound"].to_numpy()
        res = scipy.stats.bootstrap(
            (x,), np.mean, n_resamples=999, method="percentile", vectorized=True,
            rng=np.random.default_rng(children[k]),
        )
        assert out["mean_ci_low"].iloc[k] == pytest.approx(res.confidence_interval.low, rel=1e-12)
        assert out["mean_ci_high"].iloc[k] == pytest.approx(res.confidence_interval.high, rel=1e-12)


def test_bootstrap_in_batches_equals_scipy_with_the_same_batches():
    x = np.random.default_rng(3).uniform(-1, 1, 6000)
    out = aggregate(pd.DataFrame({"g": 1, "compound": x}), by="g", random_state=0, n_boot=2000)
    batch = _aggregate._batch_size(6000, 2000)
    assert batch < 2000  # memory bound: resamples are drawn in several batches
    res = scipy.stats.bootstrap(
        (x,), np.mean, n_resamples=2000, batch=batch, method="percentile", vectorized=True,
        rng=np.random.default_rng(np.random.SeedSequence(0).spawn(1)[0]),
    )
    assert out["mean_ci_low"].iloc[0] == pytest.approx(res.confidence_interval.low, rel=1e-12)
    assert out["mean_ci_high"].iloc[0] == pytest.approx(res.confidence_interval.high, rel=1e-12)


def test_aggregate_is_seeded_and_keeps_every_row():
    s = pd.DataFrame(
        {
            "year": [2020, 2020, 2021, 2021, 2021, 2022],
            "party": ["D", "R", "D", "D", None, "R"],
            "compound": [0.1, 0.4, -0.3, 0.2, 0.9, 0.0],
        }
    )
    a = aggregate(s, by=["year", "party"], random_state=3)
    pd.testing.assert_frame_equal(a, aggregate(s, by=["year", "party"], random_state=3))
    assert a["n"].sum() == len(s)  # the missing party is a group, not dropped
    assert a["year"].tolist() == [2020, 2020, 2021, 2021, 2022]
    assert a["party"].fillna("<missing>").tolist() == ["D", "R", "D", "<missing>", "R"]
    assert a["n"].tolist() == [1, 1, 2, 1, 1]
    one = a[a["n"] == 1]
    assert (one["mean_ci_low"] == one["mean_compound"]).all()
    big = pd.DataFrame({"g": 0, "compound": np.random.default_rng(0).uniform(-1, 1, 50)})
    assert aggregate(big, by="g", random_state=3).equals(aggregate(big, by="g", random_state=3))
    assert not aggregate(big, by="g", random_state=3).equals(aggregate(big, by="g", random_state=4))


def test_aggregate_bad_input():
    s = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0], "compound": [0.1, np.nan]})
    with pytest.raises(CorpusError, match=r"row 1 \(doc_id 'b', sent_id 0\): compound is missing"):
        aggregate(s, by="doc_id")
    with pytest.raises(CorpusError, match="lacks column"):
        aggregate(s, by="year")
    with pytest.raises(ValueError, match="n_boot"):
        aggregate(s.dropna(), by="doc_id", n_boot=0)


def test_aggregate_empty():
    s = pd.DataFrame({"year": pd.Series([], dtype="int64"), "compound": pd.Series([], dtype="float64")})
    out = aggregate(s, by="year")
    assert len(out) == 0
    assert out.dtypes.to_dict() == {
        "year": "int64", "n": "int64", "mean_compound": "float64", "mean_ci_low": "float64",
        "mean_ci_high": "float64", "median_compound": "float64", "n_positive": "int64",
        "n_neutral": "int64", "n_negative": "int64", "share_positive": "float64",
        "share_neutral": "float64", "share_negative": "float64",
    }


# --- figures ------------------------------------------------------------------------------------


def test_plots_draw_what_they_are_given():
    import matplotlib.pyplot as plt

    s = score(sents("Good.", "\"Bad,\" he said.", "Fine.", sent_id=[0, 1, 2]))
    s["quoted"] = s["text"].str.contains('"')
    ax = sentiment.plot_sentences(s, marked="quoted")
    heights = sorted(round(p.get_height(), 4) for p in ax.patches)
    assert heights == sorted(s["compound"].round(4).tolist())
    assert len(ax.containers) == 2 and len(ax.containers[1]) == 1  # one marked bar
    plt.close(ax.figure)
    agg = aggregate(s.assign(year=[2000, 2000, 2001], party="X"), by=["year", "party"], n_boot=50)
    ax = sentiment.plot_over_time(agg)
    assert ax.collections[1].get_offsets().shape == (2, 2)
    plt.close(ax.figure)
    two = agg.assign(party=["X", "Y"])
    ax = sentiment.plot_over_time(two, hue_order=["Y"])  # "X" is not listed, yet drawn
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Y", "X"]
    plt.close(ax.figure)


# --- vader_terms ----------------------------------------------------------------------------------


def test_vader_terms_of_the_seed_article(seed_docs):
    s = tokenise.sentences(seed_docs)
    terms = sentiment.vader_terms(s)
    assert list(terms.columns) == ["term", "valence", "count"]
    # Mean ratings as published in vader_lexicon.txt; counts read off the article.
    top = terms.head(3).values.tolist()
    assert top == [["security", 1.4, 6], ["crisis", -3.1, 3], ["tensions", -1.7, 3]]
    assert terms.loc[terms["term"] == "united", ["valence", "count"]].values.tolist() == [[1.8, 1]]
    by_doc = sentiment.vader_terms(s, by="doc_id")
    assert by_doc.drop(columns="doc_id").equals(terms)


def test_vader_terms_uses_the_words_vader_scores():
    out = sentiment.vader_terms(sents("GOOD!!! good, (good) :) 😁", "not bad", doc_id=["a", "b"]), by="doc_id")
    assert out.values.tolist() == [
        ["a", "good", 1.9, 3], ["a", ":)", 2.0, 1], ["a", "smiling", 2.0, 1], ["b", "bad", -2.5, 1],
    ]
