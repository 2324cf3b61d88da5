"""Concordances: the seed article, NLTK's ConcordanceIndex as a reference for contexts,
AntConc-style sorting, escaping in the HTML view, and dispersion positions."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.text import ConcordanceIndex

from analysis import concordance, framing, tokenise
from analysis.corpus import CorpusError


def docs(*texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def test_seed_article_diplomatic_path(seed_docs, seed_text):
    k = concordance.kwic(seed_docs, "diplomatic path")
    assert list(k.columns) == [*concordance.KWIC_COLUMNS, "term"]
    assert all(seed_text[s:e] == "diplomatic path" for s, e in zip(k["start"], k["end"]))
    # Five word tokens each side; punctuation shown but not counted; the heading "A diplomatic
    # path forward" is its own line, and context runs across line breaks as in AntConc.
    assert k[["left", "match", "right"]].values.tolist() == [
        ['the move offered a new "', "diplomatic path", '" out of the Ukraine crisis'],
        ["U.S. and NATO rejected. A", "diplomatic path", "forward U.S. Secretary of State"],
        ["so far insisted on the", "diplomatic path", "to resolve the crisis. Ukraine"],
    ]


def test_contexts_equal_nltk_concordance_index(sotu_docs):
    """NLTK's ConcordanceIndex over the same word tokens gives the same context words
    (its right context holds ``width // 4 - 1`` tokens for a one-word query)."""
    doc = sotu_docs[sotu_docs["doc_id"] == "1962-Kennedy-1"]
    toks = tokenise.tokens(doc)
    words = toks[tokenise.is_word(toks["token"])].reset_index(drop=True)
    index = ConcordanceIndex(words["norm"].tolist(), key=lambda s: s.lower())
    for term in ["peace", "freedom", "soviet"]:
        ref = index.find_concordance(term, width=20)  # 5 tokens of context
        ours = concordance.kwic(doc, term, window=5, tokens=toks)
        # Keep our lines whose match is a whole token, as NLTK's are.
        whole = ours[ours.apply(lambda r: ((words["start"] == r.start) & (words["end"] == r.end)).any(), axis=1)]
        assert len(whole) == len(ref) > 0, term
        for line, r in zip(ref, whole.itertuples()):
            assert _words(r.left) == line.left
            assert _words(r.right)[:4] == line.right


def _words(fragment):
    t = tokenise.tokens(docs(fragment)) if fragment.strip() else None
    return [] if t is None else t.loc[tokenise.is_word(t["token"]), "norm"].tolist()


def test_antconc_sort_keys():
    d = docs("x talks b z. c talks a. b talks b a. a talks c d.")
    plain = concordance.kwic(d, "talks", window=2)
    assert plain["start"].tolist() == [2, 15, 26, 39]
    # 1R = b, a, b, c: the tie between the two "b" lines keeps document order ...
    assert concordance.kwic(d, "talks", window=2, sort="1R")["start"].tolist() == [15, 2, 26, 39]
    # ... unless a second key decides it: 2R = z (line 1) vs a (line 3).
    assert concordance.kwic(d, "talks", window=2, sort=["1R", "2R"])["start"].tolist() == [15, 26, 2, 39]
    # 1L = x, c, b, a; a missing word sorts first.
    assert concordance.kwic(d, "talks", window=1, sort="1L")["left"].tolist() == ["a", "b", "c", "x"]
    assert concordance.kwic(d, "talks", sort="3L")["start"].tolist() == [2, 15, 39, 26]
    # "0" sorts by the match itself.
    assert concordance.kwic(d, ["talks", "z"], sort="0")["match"].tolist() == ["talks"] * 4 + ["z"]


def test_char_window_phrases_and_literal_patterns():
    d = docs("The U.S. and the USA said\nan   aggressive\ncourse.")
    k = concordance.kwic(d, ["u.s.", "aggressive course"], unit="char", window=6)
    assert k[["left", "match", "right"]].values.tolist() == [
        ["The", "U.S.", "and t"],
        ["an", "aggressive course", "."],
    ]
    assert k["term"].tolist() == ["u.s.", "aggressive course"]


def test_span_table_input_keeps_its_columns(seed_docs):
    hits = framing.find(seed_docs, "corpus/frames.yml")
    agg = hits[hits["frame"] == "aggression"]
    k = concordance.kwic(seed_docs, agg[["doc_id", "start", "end", "frame", "voice", "speaker"]], window=4)
    assert list(k.columns) == [*concordance.KWIC_COLUMNS, "frame", "voice", "speaker"]
    whole = concordance.kwic(seed_docs, agg, window=4)  # its own "match" column is recomputed
    assert list(whole.columns) == [*concordance.KWIC_COLUMNS, *[c for c in agg.columns if c not in
                                                                 ("doc_id", "start", "end", "match")]]
    assert whole["match"].tolist() == agg["match"].tolist()
    assert k["match"].tolist() == agg["match"].tolist()
    with pytest.raises(ValueError, match="span row 0 .* is outside the text"):
        concordance.kwic(seed_docs, agg.assign(end=10**6))
    with pytest.raises(ValueError, match="doc_id 'nope' is not in the documents table"):
        concordance.kwic(seed_docs, agg.assign(doc_id="nope"))


def test_errors_and_empty_results():
    d = docs("Talks.")
    for bad, msg in [({"window": -1}, "window"), ({"unit": "word"}, "unit"), ({"sort": "L1"}, "sort key")]:
        with pytest.raises(ValueError, match=msg):
            concordance.kwic(d, "talks", **bad)
    with pytest.raises(ValueError, match="only wildcards"):
        concordance.kwic(d, "*")
    with pytest.raises(ValueError, match="at least one pattern"):
        concordance.kwic(d, [])
    with pytest.raises(CorpusError, match="lacks column"):
        concordance.kwic(pd.DataFrame({"text": ["x"]}), "x")
    empty = concordance.kwic(d, "threat*", sort="1L")
    assert list(empty.columns) == [*concordance.KWIC_COLUMNS, "term"] and len(empty) == 0
    assert empty.dtypes.astype(str).tolist() == ["str", "int64", "int64", "str", "str", "str", "str"]


def test_kwic_html_escapes_corpus_text():
    d = pd.DataFrame({"doc_id": ["<i>doc</i>"], "text": ['<script>alert("x")</script> talks & "threats" <b>now</b>']})
    k = concordance.kwic(d, ["talks", "alert"]).assign(speaker=['<img src=x onerror="y">', None])
    out = concordance.kwic_html(k, columns=["doc_id", "speaker"], caption="<talks>")
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;/script&gt;" in out and "&lt;img src=x onerror=&quot;y&quot;&gt;" in out
    assert "&lt;i&gt;doc&lt;/i&gt;" in out and "<caption>&lt;talks&gt;</caption>" in out
    assert out.count("<mark>") == 2 and "<mark>talks</mark>" in out
    assert out == concordance.kwic_html(k, columns=["doc_id", "speaker"], caption="<talks>")
    with pytest.raises(ValueError, match="lacks column"):
        concordance.kwic_html(k, columns=["frame"])


def test_dispersion_positions():
    d = docs("talks then threats then talks", "nothing", "de-escalation and escalation")
    disp = concordance.dispersion(d, ["talks", "threat*", "escalat*", "de-escalat*"])
    assert list(disp.columns) == ["doc_id", "term", "start", "end", "doc_chars", "position"]
    assert disp[["doc_id", "term", "start"]].values.tolist() == [
        ["d0", "talks", 0], ["d0", "talks", 24], ["d0", "threat*", 11],
        ["d2", "escalat*", 3], ["d2", "escalat*", 18], ["d2", "de-escalat*", 0],
    ]
    assert disp["position"].tolist() == pytest.approx([0, 24 / 29, 11 / 29, 3 / 28, 18 / 28, 0])


_text = st.lists(st.sampled_from(["talks", "Talks", "talk", "a", "b", " ", "  ", "\n", ".", ",", "-", "’"]),
                 max_size=40).map("".join)


@settings(max_examples=80, deadline=None)
@given(text=_text, window=st.integers(0, 4))
def test_kwic_contexts_are_the_window_around_the_match(text, window):
    d = docs(text)
    toks = tokenise.tokens(d)
    words = toks[tokenise.is_word(toks["token"])]
    k = concordance.kwic(d, "talk*", window=window, tokens=toks)
    squash = lambda s: " ".join(s.split())  # noqa: E731
    for r in k.itertuples():
        assert squash(text[r.start:r.end]) == r.match
        n_left = (words["end"] <= r.start).sum()
        n_right = (words["start"] >= r.end).sum()
        left_words = words[words["end"] <= r.start].tail(window)
        right_words = words[words["start"] >= r.end].head(window)
        assert len(left_words) == min(window, n_left) and len(right_words) == min(window, n_right)
        lo = left_words["start"].min() if len(left_words) else r.start
        hi = right_words["end"].max() if len(right_words) else r.end
        assert r.left == squash(text[lo:r.start]) and r.right == squash(text[r.end:hi])
