"""Sentence splitting and tokenisation: the seed article, hard cases, and span properties."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import tokenise

from .conftest import ROOT


def docs(*texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def split(text, **kw):
    return tokenise.sentences(docs(text), **kw)["text"].tolist()


def toks(text):
    return tokenise.tokens(docs(text))["token"].tolist()


# --- the seed article ----------------------------------------------------------------------------


def test_seed_article_has_the_36_sentences_a_reader_sees(seed_docs):
    s = tokenise.sentences(seed_docs)
    assert len(s) == 36
    text = s["text"].tolist()
    # The 7 headline, byline and credit lines are sentences of their own.
    for line in [
        "Ukraine Crisis",
        "U.S., NATO respond to Russia's security demands",
        "Published : January 27, 2022 17:03 IST",
        "A diplomatic path forward",
        "What were Russia's demands?",
        "Ongoing diplomacy",
        "fb/msh (AFP, AP, Reuters)",
    ]:
        assert line in text
    # The no-break space after "weeks." separates the photo credit.
    assert text[3].endswith("over the past few weeks.")
    assert text[4] == "Photo: picture alliance/Zoonar"
    # Never a split after "U.S." or "D.C."; "..." inside a quotation does not split.
    assert text[8].endswith("which the U.S. and NATO rejected.")
    assert text[10].startswith("U.S. Secretary of State Antony Blinken said")
    assert text[11].startswith('"Putting things in writing is... a good way')
    assert text[32].startswith("German Chancellor Olaf Scholz will also reportedly head to Washington, D.C., in February")
    assert text[34].endswith("like the U.S. and the U.K. did, saying that the move could hamper diplomatic efforts.")
    # Closing quotes stay with their sentence, including the two-apostrophe closing.
    assert text[17].endswith('through dialogue and diplomacy."')
    assert text[27].endswith("retaliatory measures,'' he said.")
    assert text[25].endswith('"information hysteria" and "concrete actions."')
    assert not any(t.startswith(('"', "'")) and len(t) < 3 for t in text)


def test_seed_spans_round_trip(seed_docs, seed_text):
    s = tokenise.sentences(seed_docs)
    assert all(seed_text[a:b] == t for a, b, t in zip(s.start, s.end, s.text))
    t = tokenise.tokens(seed_docs, sentences=s)
    assert all(seed_text[a:b] == k for a, b, k in zip(t.start, t.end, t.token))
    assert len(t) == 741


def test_seed_tokens(seed_docs):
    t = tokenise.tokens(seed_docs)
    tokens = set(t["token"])
    for one in ["U.S.", "U.S.-led", "D.C.", "U.K.", "Russia's", "won't", "can't", "Secretary-General",
                "17:03", "...", "''", "—", "so-called"]:
        assert one in tokens, one
    lavrov = t[t["token"] == "Lavrov"]
    assert lavrov["sent_id"].tolist() == [13, 26, 28]
    assert t["tok_id"].tolist() == list(range(len(t)))


# --- hard cases ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Blinken met Dr. Lavrov. They talked.", ["Mr. Blinken met Dr. Lavrov.", "They talked."]),
        ("It moved to the U.S. The next year it left.", ["It moved to the U.S.", "The next year it left."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
        ("Talks on Jan. 26 failed. No. 5 won.", ["Talks on Jan. 26 failed.", "No. 5 won."]),
        ("Russia said no. The talks ended.", ["Russia said no.", "The talks ended."]),
        ("Shares of Acme Inc. rose. But then they fell.", ["Shares of Acme Inc. rose.", "But then they fell."]),
        ('"Why now?" he asked. Nobody knew.', ['"Why now?" he asked.', "Nobody knew."]),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("“We tried... We failed,” she said.", ["“We tried... We failed,” she said."]),
        ("We tried... We failed.", ["We tried...", "We failed."]),
        ("Headline\nBody starts here. It ends.", ["Headline", "Body starts here.", "It ends."]),
        ("It ended at 5 p.m. on Friday.", ["It ended at 5 p.m. on Friday."]),
        ("Stop! Who goes there?", ["Stop!", "Who goes there?"]),
        ("The cost was $3.5 billion. (Source: AP.) Done.", ["The cost was $3.5 billion.", "(Source: AP.)", "Done."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert split(text) == expected


def test_paragraph_mode_joins_hard_wrapped_lines():
    text = "A hard-wrapped sentence\ncontinues here. Next one.\n\nNew paragraph."
    assert split(text, line_breaks="paragraph") == [
        "A hard-wrapped sentence\ncontinues here.", "Next one.", "New paragraph."
    ]
    assert split(text)[0] == "A hard-wrapped sentence"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russia's U.S.-led bloc won't wait.", ["Russia's", "U.S.-led", "bloc", "won't", "wait", "."]),
        ("It cost 1,000,000 at 17:03, i.e. 3.5%.", ["It", "cost", "1,000,000", "at", "17:03", ",", "i.e.", "3.5", "%", "."]),
        ("“NATO’s door,” he said…", ["“", "NATO’s", "door", ",", "”", "he", "said", "…"]),
        ("course,'' he", ["course", ",", "''", "he"]),
        ("the students' union", ["the", "students", "'", "union"]),
        ("Mr. Smith, Gen. Milley and Sen. Warren", ["Mr.", "Smith", ",", "Gen.", "Milley", "and", "Sen.", "Warren"]),
        ("See www.example.org/a or mail press@nato.int.", ["See", "www.example.org/a", "or", "mail", "press@nato.int", "."]),
        ("de-escalation -- now", ["de-escalation", "--", "now"]),
        ("café naïve", ["café", "naïve"]),
    ],
)
def test_tokens(text, expected):
    assert toks(text) == expected


def test_norm_lowercases_and_folds_quotes():
    t = tokenise.tokens(docs("“NATO’s” ‘Door’ ''"))
    assert t["norm"].tolist() == ['"', "nato's", '"', "'", "door", "'", "''"]


def test_empty_inputs_give_typed_empty_tables():
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")})
    s = tokenise.sentences(empty)
    t = tokenise.tokens(empty)
    assert list(s.columns) == ["doc_id", "sent_id", "start", "end", "text"]
    assert list(t.columns) == ["doc_id", "sent_id", "tok_id", "start", "end", "token", "norm"]
    assert str(t["start"].dtype) == "int64" and len(t) == 0


def test_bad_input_is_named():
    from analysis.corpus import CorpusError

    with pytest.raises(CorpusError, match="lacks column"):
        tokenise.sentences(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(CorpusError, match=r"document 'a' \(row 0\): text is float"):
        tokenise.sentences(pd.DataFrame({"doc_id": ["a"], "text": [float("nan")]}))


def test_document_sizes(seed_docs):
    sizes = tokenise.document_sizes(seed_docs)
    assert sizes.iloc[0][["characters", "sentences", "tokens"]].tolist() == [4104, 36, 741]


# --- properties on arbitrary text --------------------------------------------------------------------

# Arbitrary unicode mixed with the pieces the rules care about.
texty = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(list(" \n\n\t\u00a0\u2028\r.!?…\"'“”‘’«»()-—,;:")),
        st.sampled_from(["U.S.", "Mr.", "Jan. 5", "...", "''", " The ", " he ", "No. 3", "won't", "A. "]),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(texty)
def test_sentence_spans_are_ordered_disjoint_and_cover_every_non_space_character(text):
    s = tokenise.sentences(docs(text))
    covered = [False] * len(text)
    prev_end = 0
    for a, b, t in zip(s.start, s.end, s.text):
        assert text[a:b] == t
        assert t and t == t.strip()
        assert a >= prev_end and b > a
        prev_end = b
        covered[a:b] = [True] * (b - a)
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
    assert s["sent_id"].tolist() == list(range(len(s)))


@settings(max_examples=300, deadline=None)
@given(texty)
def test_token_spans_round_trip_and_lie_in_their_sentence(text):
    s = tokenise.sentences(docs(text))
    t = tokenise.tokens(docs(text), sentences=s)
    assert "".join(t["token"]) == "".join(ch for ch in text if not ch.isspace())
    prev_end = 0
    for a, b, k, sid in zip(t.start, t.end, t.token, t.sent_id):
        assert text[a:b] == k and a >= prev_end
        prev_end = b
        assert s.start[sid] <= a and b <= s.end[sid]


@pytest.mark.slow
def test_every_hand_coded_sotu_sentence_is_still_a_sentence(sotu_docs):
    """Notebook 06 joins its 302 hand-coded sentences to the splitter's by offsets: a change to
    the splitter must not lose one (corpus/gold/frame_sentences.csv)."""
    gold = pd.read_csv(ROOT / "corpus" / "gold" / "frame_sentences.csv")
    coded = sotu_docs[sotu_docs["doc_id"].isin(set(gold["doc_id"]))]
    sents = tokenise.sentences(coded)
    spans = set(zip(sents["doc_id"], sents["start"], sents["end"]))
    lost = [(r.doc_id, r.start, r.end) for r in gold.itertuples() if (r.doc_id, r.start, r.end) not in spans]
    assert len(gold) == 302 and not lost
    texts = dict(zip(coded["doc_id"], coded["text"]))
    assert all(texts[r.doc_id][r.start:r.end] == r.text for r in gold.itertuples())
