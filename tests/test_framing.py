"""Framing: the lexicon format and its errors, matching rules against a naive oracle, voice and
speaker, the seed article, and prevalence."""

from __future__ import annotations

import importlib.util
import re
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from analysis import framing, tokenise
from analysis.corpus import CorpusError
from analysis.framing import FrameLexicon, LexiconError

from .conftest import CASE_ACTORS

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ROOT / "corpus" / "frames.yml"
NO_QUOTES = pd.DataFrame(
    {"doc_id": pd.Series([], dtype="str"), "quote_id": pd.Series([], dtype="int64"),
     "start": pd.Series([], dtype="int64"), "end": pd.Series([], dtype="int64"),
     "speaker": pd.Series([], dtype="str"), "kind": pd.Series([], dtype="str")}
)
NO_SENTENCES = pd.DataFrame(columns=["doc_id", "sent_id", "start", "end"])


def docs(*texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def lex(**frames):
    return FrameLexicon.from_dict({"frames": frames})


def hits(text, lexicon, **kw):
    kw.setdefault("quotes", NO_QUOTES)
    kw.setdefault("sentences", NO_SENTENCES)
    return framing.find(docs(text), lexicon, **kw)


def spans(text, lexicon, **kw):
    h = hits(text, lexicon, **kw)
    return list(zip(h["frame"], h["term"], h["match"]))


# --- the lexicon file ------------------------------------------------------------------------------


def test_default_codebook_has_the_seven_frames_each_defined():
    lexicon = FrameLexicon.from_yaml(FRAMES)
    assert lexicon.names == (
        "aggression", "information_war", "diplomacy", "security_guarantees",
        "military_posture", "de_escalation", "retaliation",
    )
    for frame in lexicon:
        assert len(frame.definition) > 80, frame.name
        assert "not" in frame.definition.lower(), f"{frame.name}: say what the frame excludes"
        assert frame.label and frame.terms
    table = lexicon.table()
    assert list(table.columns) == ["frame", "label", "role", "term", "case_sensitive", "note", "line"]
    # The example terms are in the frames it names.
    wanted = {
        "aggression": ["aggressive course", "escalat*"],
        "information_war": ["information hysteria", "propagand*", "disinformation"],
        "diplomacy": ["diplomatic path", "dialogue", "negotiat*"],
        "security_guarantees": ["security guarantee*", "eastward expansion", "open door"],
        "military_posture": ["fighter jets", "troop*", "deploy*"],
        "retaliation": ["retaliatory measures", "sanction*"],
    }
    for frame, terms in wanted.items():
        assert set(terms) <= set(table.loc[table["frame"] == frame, "term"]), frame
    swift = table[table["term"] == "SWIFT"].iloc[0]
    assert swift["case_sensitive"] and swift["frame"] == "retaliation"
    # Line numbers point into the file.
    lines = FRAMES.read_text().splitlines()
    for row in table.sample(10, random_state=0).itertuples():
        assert row.term.split("*")[0] in lines[row.line - 1]


def write(tmp_path, body, name="frames.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        ("frames:\n  a:\n    terms: [x, y\n", 4, "malformed YAML"),
        ("frames:\n  a:\n    term: [x]\n", 3, "unknown key 'term'"),
        ("frames:\n  a:\n    terms: [x]\n    colour: red\n", 4, "unknown key 'colour'"),
        ("frames:\n  a:\n    terms: [x]\nauthor: me\n", 4, "unknown key 'author'"),
        ("frames:\n  a:\n    terms:\n      - {term: x, weight: 2}\n", 4, "unknown key 'weight'"),
        ("frames:\n  a:\n    label: A\n    terms: []\n", 4, "frame 'a' is empty"),
        ("frames:\n  a:\n    label: A\n", 2, "frame 'a' is empty"),
        ("frames:\n  a:\n    terms:\n      - talks\n      - dialogue\n      - Talks\n", 6,
         "duplicate term 'Talks'"),
        ("frames:\n  a:\n    terms:\n      - '*'\n", 4, "only wildcards"),
        ("frames:\n  a:\n    terms:\n      - 'the * course'\n", 4, "only wildcards"),
        ("frames:\n  a:\n    terms:\n      - ' -- '\n", 4, "no letter or digit"),
        ("frames:\n  a:\n    terms: [x]\n  a:\n    terms: [y]\n", 4, "duplicate key 'a'"),
        ("frames:\n  a:\n    terms:\n      - {term: x, case_sensitive: maybe}\n", 4,
         "case_sensitive must be true or false"),
        ("frames:\n  a:\n    terms:\n      - 2022\n", 4, "must be a string"),
        ("frames:\n  a:\n    terms: [x]\n    exclude: [X]\n", 4, "both a term"),
        ("frames:\n  Bad Name:\n    terms: [x]\n", 2, "frame name 'Bad Name'"),
        ("name: codebook\n", 1, "no 'frames' key"),
    ],
)
def test_lexicon_errors_name_file_line_and_problem(tmp_path, body, line, problem):
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as err:
        FrameLexicon.from_yaml(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}, line {line}:"), msg
    assert problem in msg, msg


def test_duplicate_term_message_points_at_the_first_one(tmp_path):
    path = write(tmp_path, "frames:\n  a:\n    terms:\n      - open door\n      - x\n      - 'open   door'\n")
    with pytest.raises(LexiconError, match=r"line 6: duplicate term .* \(first as 'open door', line 4\)"):
        FrameLexicon.from_yaml(path)


def test_lexicon_error_for_missing_file_and_dict_input(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        FrameLexicon.from_yaml(tmp_path / "nope.yml")
    with pytest.raises(LexiconError, match=r"<dict>, frames.a.terms\[1\]: .*only wildcards"):
        FrameLexicon.from_dict({"frames": {"a": {"terms": ["x", "**"]}}})


def test_case_sensitive_and_insensitive_spellings_only_clash_when_one_is_insensitive():
    ok = lex(a={"terms": [{"term": "May", "case_sensitive": True}, {"term": "may", "case_sensitive": True}]})
    assert len(ok["a"].terms) == 2
    with pytest.raises(LexiconError, match="duplicate term"):
        lex(a={"terms": [{"term": "NATO", "case_sensitive": True}, "nato"]})


def test_yaml_is_loaded_safely(tmp_path):
    path = write(tmp_path, "frames: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(LexiconError, match="line 1: unsupported YAML tag"):
        FrameLexicon.from_yaml(path)
    path = write(tmp_path, "frames:\n  a:\n    terms: [!!python/name:os.system x]\n")
    with pytest.raises(LexiconError, match="line 3: (malformed YAML|unsupported YAML tag)"):
        FrameLexicon.from_yaml(path)


# --- matching rules --------------------------------------------------------------------------------


def test_word_boundaries_and_wildcards():
    lexicon = lex(a={"terms": ["course"]}, b={"terms": ["course*"]}, c={"terms": ["*lateral"]})
    got = spans("The courses; a course. Unilateral and bilateral talks, lateral.", lexicon)
    assert got == [
        ("b", "course*", "courses"),
        ("a", "course", "course"),
        ("b", "course*", "course"),
        ("c", "*lateral", "Unilateral"),
        ("c", "*lateral", "bilateral"),
        ("c", "*lateral", "lateral"),
    ]


def test_wildcard_stays_inside_a_word_and_hyphens_are_boundaries():
    lexicon = lex(a={"terms": ["escalat*"]}, n={"terms": ["NATO"]})
    got = spans("escalation-related de-escalation NATO's NATO-led NATOs", lexicon)
    assert got == [
        ("a", "escalat*", "escalation"),
        ("a", "escalat*", "escalation"),  # inside "de-escalation": see the exclusion test
        ("n", "NATO", "NATO"),
        ("n", "NATO", "NATO"),
    ]


def test_exclusion_overlapping_a_hit_suppresses_it():
    lexicon = lex(
        a={"terms": ["course", "escalat*"], "exclude": ["of course", "de-escalat*"]},
        b={"terms": ["course"]},
    )
    got = spans("Of course not: an aggressive course, de-escalation, escalation.", lexicon)
    assert got == [
        ("b", "course", "course"),  # exclusions are per frame
        ("a", "course", "course"),
        ("b", "course", "course"),
        ("a", "escalat*", "escalation"),
    ]


def test_longest_match_within_a_frame_and_a_term_in_two_frames_counts_in_both():
    lexicon = lex(
        aggression={"terms": ["aggress*", "aggressive course", "course"]},
        other={"terms": ["course"]},
    )
    h = hits("If the West continues its aggressive course, aggression follows.", lexicon)
    assert list(zip(h["frame"], h["term"], h["start"], h["end"])) == [
        ("aggression", "aggressive course", 26, 43),
        ("other", "course", 37, 43),
        ("aggression", "aggress*", 45, 55),
    ]


def test_longest_match_resolves_partial_overlaps_greedily():
    # "b c d" (5 chars) beats "a b" (3), which overlaps it; "a" no longer overlaps anything.
    lexicon = lex(f={"terms": ["a", "a b", "b c d"]})
    assert spans("a b c d", lexicon) == [("f", "a", "a"), ("f", "b c d", "b c d")]
    # Same span from two terms: the one listed first.
    assert spans("talks", lex(f={"terms": ["talk*", "talks"]})) == [("f", "talk*", "talks")]


def test_case_sensitivity_per_term_and_quote_folding():
    lexicon = lex(
        r={"terms": [{"term": "SWIFT", "case_sensitive": True}]},
        s={"terms": ["NATO's door", "won't"]},
    )
    got = spans("A swift cut from SWIFT. NATO’s door; they won’t. nato's  DOOR", lexicon)
    assert got == [
        ("r", "SWIFT", "SWIFT"),
        ("s", "NATO's door", "NATO’s door"),
        ("s", "won't", "won’t"),
        ("s", "NATO's door", "nato's  DOOR"),
    ]


def test_phrases_match_across_any_whitespace():
    lexicon = lex(a={"terms": ["aggressive course"]})
    assert len(hits("an aggressive\n  course", lexicon)) == 1
    assert len(hits("an aggressive-course", lexicon)) == 0


def test_patterns_are_literal_never_regular_expressions():
    lexicon = lex(a={"terms": ["a.c", "x+", "[ab]", "(talks|war)", "u.s."]})
    got = spans("abc a.c xx x+ a [ab] talks (talks|war) u.s. usa", lexicon)
    assert [m for _, _, m in got] == ["a.c", "x+", "[ab]", "(talks|war)", "u.s."]


def test_find_output_contract():
    lexicon = lex(a={"terms": ["talks"]})
    h = hits("Talks. More talks.", lexicon)
    assert list(h.columns) == list(framing.HIT_COLUMNS)
    assert h.dtypes.astype(str).to_dict() == framing.HIT_COLUMNS
    assert h.attrs["frames"] == ["a"]
    empty = framing.find(docs()[:0], lexicon)
    assert list(empty.columns) == list(framing.HIT_COLUMNS) and len(empty) == 0
    assert empty.dtypes.astype(str).to_dict() == framing.HIT_COLUMNS
    none = hits("nothing here", lexicon)
    assert len(none) == 0 and none.dtypes.astype(str).to_dict() == framing.HIT_COLUMNS


def test_find_rejects_bad_documents():
    lexicon = lex(a={"terms": ["talks"]})
    with pytest.raises(CorpusError, match="lacks column"):
        framing.find(pd.DataFrame({"text": ["x"]}), lexicon)
    with pytest.raises(CorpusError, match="duplicate doc_id 'd'"):
        framing.find(pd.DataFrame({"doc_id": ["d", "d"], "text": ["a", "b"]}), lexicon)
    with pytest.raises(CorpusError, match="document 'e' \\(row 1\\): text is float"):
        framing.find(pd.DataFrame({"doc_id": ["d", "e"], "text": ["a", np.nan]}), lexicon)


def test_find_accepts_a_path_and_sets_sentence_ids():
    d = docs("First sentence here. Then talks began.\nNew talks line.")
    h = framing.find(d, FRAMES, quotes=NO_QUOTES)
    talks = h[h["term"] == "talks"]
    assert talks["sent_id"].tolist() == [1, 2]
    sents = tokenise.sentences(d)
    for row in talks.itertuples():
        s = sents[sents["sent_id"] == row.sent_id].iloc[0]
        assert s.start <= row.start and row.end <= s.end


# --- the naive oracle --------------------------------------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _naive_regex(pattern):
    """The term syntax spelled out directly: \\w* for *, \\s+ between words, boundaries at
    word-like edges."""
    body = r"\s+".join(
        "".join(r"\w*" if ch == "*" else re.escape(ch) for ch in word) for word in pattern.split()
    )
    head = r"(?<!\w)" if re.match(r"[\w*]", pattern[0]) else ""
    tail = r"(?!\w)" if re.match(r"[\w*]", pattern[-1]) else ""
    return re.compile(head + body + tail)


def _occurrences(text, pattern, case_sensitive):
    folded = text.translate(_FOLD)
    target = folded if case_sensitive else folded.lower()
    rx = _naive_regex(pattern if case_sensitive else pattern.lower())
    return [(s, m.end()) for s in range(len(target) + 1) if (m := rx.match(target, s))]


def oracle(texts, frames):
    """Every term tried at every position of every text; exclusions; greedy longest-first."""
    out = set()
    for d, text in enumerate(texts):
        for name, terms, excl in frames:
            ex = [sp for p, cs in excl for sp in _occurrences(text, p, cs)]
            cands = [
                (s, e, k)
                for k, (p, cs) in enumerate(terms)
                for s, e in _occurrences(text, p, cs)
                if not any(s < xe and xs < e for xs, xe in ex)
            ]
            cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
            chosen = []
            for s, e, k in cands:
                if all(e <= cs_ or s >= ce for cs_, ce, _ in chosen):
                    chosen.append((s, e, k))
            out |= {(f"d{d}", name, terms[k][0], s, e) for s, e, k in chosen}
    return out


_word = st.one_of(
    st.sampled_from(["a", "b", "ab", "ba", "a*", "*b", "a*b", "ab*", "*a*", "b-a", "a'b", "𝐀a",
                     "a.", ".a", "é", "é*", "1", "a1*", "A", "*-a", "-*b"]),
    st.text(alphabet="ab*-'.é1", min_size=1, max_size=4).filter(lambda w: re.search(r"\w", w)),
)
_pattern = st.one_of(_word, st.lists(_word, min_size=2, max_size=3).map(" ".join))
_term = st.tuples(_pattern, st.booleans())
_pieces = ["a", "b", "ab", "ba", "aa", "A", "B", "Ab", "é", "É", "1", "a1",
           " ", " ", "  ", "\n", "\t", "-", "'", "’", ".", "*", "𝐀"]
_text = st.lists(st.sampled_from(_pieces), min_size=1, max_size=40).map("".join)


def _dedupe(terms):
    seen, out = set(), []
    for p, cs in terms:
        key = re.sub(r"\*+", "*", p).lower()
        if key not in seen:
            seen.add(key)
            out.append((p, cs))
    return out


@st.composite
def _frames(draw):
    frames = []
    for i in range(draw(st.integers(1, 3))):
        terms = _dedupe(draw(st.lists(_term, min_size=1, max_size=4)))
        keys = {re.sub(r"\*+", "*", p).lower() for p, _ in terms}
        excl = [t for t in _dedupe(draw(st.lists(_term, max_size=2)))
                if re.sub(r"\*+", "*", t[0]).lower() not in keys]
        frames.append((f"f{i}", terms, excl))
    return frames


def _as_lexicon(frames):
    def entry(p, cs):
        return {"term": p, "case_sensitive": cs}

    return lex(**{n: {"terms": [entry(*t) for t in terms], "exclude": [entry(*t) for t in excl]}
                  for n, terms, excl in frames})


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_text, min_size=1, max_size=3), frames=_frames())
# An exclusion that only touches a hit does not suppress it.
@example(texts=["a.b"], frames=[("f0", [("b", False)], [("a.", False)])])
# Equal-length overlapping hits: the earlier start wins.
@example(texts=["a a a"], frames=[("f0", [("a a", False)], [])])
# A star before the anchor, repeated anchors in one word, case-sensitive spelling.
@example(texts=["abab Abab -ab"], frames=[("f0", [("*ab", False), ("-*b", True)], [])])
def test_find_equals_a_naive_per_term_oracle(texts, frames):
    lexicon = _as_lexicon(frames)
    h = framing.find(docs(*texts), lexicon, quotes=NO_QUOTES, sentences=NO_SENTENCES)
    got = set(zip(h["doc_id"], h["frame"], h["term"], h["start"], h["end"]))
    assert len(got) == len(h)
    assert got == oracle(texts, frames)
    for row in h.itertuples():
        assert texts[int(row.doc_id[1:])][row.start:row.end] == row.match


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=80), frames=_frames())
def test_find_on_arbitrary_unicode_keeps_spans_exact(text, frames):
    assume("\x00" not in text)
    h = hits(text, _as_lexicon(frames))
    assert all(text[s:e] == m for s, e, m in zip(h["start"], h["end"], h["match"]))
    assert ((h["start"] >= 0) & (h["end"] <= len(text)) & (h["start"] < h["end"])).all()


# --- voice and speaker ---------------------------------------------------------------------------------

VOICE_TEXT = (
    'Moscow said NATO was escalating tensions through "information hysteria". '
    '"If the West continues its aggressive course, we respond," Lavrov said. '
    'Critics call it a "diplomatic path" to nowhere.'
)


def _quote(text, inner, speaker, kind, qid, *, outer=None):
    start = text.index(outer or inner)
    return {"doc_id": "d0", "quote_id": qid, "start": start, "end": start + len(outer or inner),
            "text": outer or inner, "speaker": speaker, "kind": kind}


def voice_quotes():
    t = VOICE_TEXT
    return pd.DataFrame(
        [
            _quote(t, "", "Moscow", "indirect", 0,
                   outer='NATO was escalating tensions through "information hysteria"'),
            _quote(t, "information hysteria", "Moscow", "partial", 1),
            _quote(t, "If the West continues its aggressive course, we respond,", "Sergey Lavrov", "direct", 2),
            _quote(t, "diplomatic path", None, "scare", 3),
        ]
    )


def test_voice_speaker_and_quote_kind_from_a_quotes_table():
    lexicon = FrameLexicon.from_yaml(FRAMES)
    h = hits(VOICE_TEXT, lexicon, quotes=voice_quotes()).set_index("match")
    assert h.loc["escalating", ["voice", "speaker", "quote_id", "quote_kind"]].tolist() == [
        "indirect", "Moscow", 0, "indirect"]
    # A partial quotation inside indirect speech: the speaker's own words.
    assert h.loc["information hysteria", ["voice", "speaker", "quote_id", "quote_kind"]].tolist() == [
        "quoted", "Moscow", 1, "partial"]
    assert h.loc["aggressive course", ["voice", "speaker"]].tolist() == ["quoted", "Sergey Lavrov"]
    # Scare quotes: the journalist's voice, but visible.
    scare = h.loc["diplomatic path"]
    assert scare["voice"] == "authorial" and pd.isna(scare["speaker"]) and scare["quote_kind"] == "scare"
    assert h.loc["NATO", "voice"] == "indirect" if "NATO" in h.index else True


def test_hits_straddling_a_quote_or_outside_any_are_authorial():
    text = 'He spoke of "aggressive" course and an aggressive course.'
    quotes = pd.DataFrame([_quote(text, '"aggressive"', "X", "direct", 0)])
    h = hits(text, lex(a={"terms": ["aggressive course"]}), quotes=quotes)
    assert h["voice"].tolist() == ["authorial"]
    assert h["speaker"].isna().all() and h["quote_id"].isna().all()


def test_innermost_quote_wins_among_nested_quotes_of_one_kind():
    text = 'X said: "Y told us \'talks now\' today."'
    quotes = pd.DataFrame([
        _quote(text, "Y told us 'talks now' today.", "X", "direct", 0),
        _quote(text, "talks now", "Y", "direct", 1),
    ])
    h = hits(text, lex(a={"terms": ["talks"], "exclude": []}, b={"terms": ["today"]}), quotes=quotes)
    assert h[["match", "speaker", "quote_id"]].values.tolist() == [["talks", "Y", 1], ["today", "X", 0]]


def test_bad_quotes_tables_are_rejected():
    lexicon = lex(a={"terms": ["talks"]})
    bad = voice_quotes().assign(kind="rumour")
    with pytest.raises(CorpusError, match="quotes row 0 .*unknown quotation kind 'rumour'"):
        hits(VOICE_TEXT, lexicon, quotes=bad)
    with pytest.raises(CorpusError, match="lacks column\\(s\\) speaker"):
        hits(VOICE_TEXT, lexicon, quotes=voice_quotes().drop(columns="speaker"))


# --- the seed article ----------------------------------------------------------------------------------

needs_quotes = pytest.mark.skipif(
    importlib.util.find_spec("analysis.quotes") is None, reason="analysis.quotes not available"
)


@pytest.fixture(scope="module")
def seed_hits(seed_docs):
    return framing.find(seed_docs, FRAMES, actors=CASE_ACTORS)


@needs_quotes
def test_seed_aggressive_course_is_lavrovs_quoted_voice(seed_hits, seed_text):
    row = seed_hits[seed_hits["term"] == "aggressive course"]
    assert len(row) == 1
    row = row.iloc[0]
    assert seed_text[row.start:row.end] == "aggressive course"
    assert (row.frame, row.voice, row.speaker) == ("aggression", "quoted", "Sergey Lavrov")


@needs_quotes
def test_seed_information_hysteria_is_moscows_quoted_voice(seed_hits):
    row = seed_hits[seed_hits["term"] == "information hysteria"].iloc[0]
    assert (row.frame, row.voice, row.speaker) == ("information_war", "quoted", "Moscow")


@needs_quotes
def test_seed_authorial_framing(seed_hits):
    by_match = seed_hits.drop_duplicates("match").set_index("match")
    # The journalist's background sentence on Russia's demands.
    assert by_match.loc["eastward expansion", "voice"] == "authorial"
    assert pd.isna(by_match.loc["eastward expansion", "speaker"])
    # "NATO announced it was dispatching additional fighter jets": reported, not quoted.
    assert by_match.loc["fighter jets", ["voice", "speaker"]].tolist() == ["indirect", "NATO"]
    assert by_match.loc["retaliatory measures", ["voice", "speaker"]].tolist() == [
        "quoted", "Sergey Lavrov"]
    assert by_match.loc["de-escalation", ["voice", "speaker"]].tolist() == [
        "quoted", "Jens Stoltenberg"]


def test_seed_counts_match_a_plain_reading(seed_docs, seed_text):
    h = framing.find(seed_docs, FRAMES, quotes=NO_QUOTES)
    low = seed_text.lower()
    # Terms that are never part of a longer match in their frame: counted by str.count.
    for term in ["diplomatic path", "security demands", "dialogue", "eastward expansion",
                 "information hysteria", "aggressive course", "retaliatory measures"]:
        assert (h["term"] == term).sum() == low.count(term), term
    # "of course" in Stoltenberg's quote is not the aggression frame; "de-escalation" is not
    # escalation.
    assert "course" not in set(h["match"].str.lower()) - {"aggressive course"}
    assert set(h.loc[h["match"] == "de-escalation", "frame"]) == {"de_escalation"}
    # "escalating tensions" (Moscow's claim) is the only escalation of the aggression frame.
    assert h.loc[h["term"] == "escalat*", "match"].tolist() == ["escalating"]
    # sent_id joins the sentence table.
    sents = tokenise.sentences(seed_docs).set_index("sent_id")
    for row in h.itertuples():
        assert sents.loc[row.sent_id, "start"] <= row.start < sents.loc[row.sent_id, "end"]


# --- prevalence ------------------------------------------------------------------------------------------


def test_prevalence_counts_word_tokens_and_keeps_zero_rows():
    d = pd.DataFrame({"doc_id": ["a", "b", "c"], "party": ["X", "Y", "X"],
                      "text": ["Talks, talks and threats!", "No — nothing.", "Threats."]})
    lexicon = lex(diplomacy={"terms": ["talks"]}, aggression={"terms": ["threat*"]})
    h = framing.find(d, lexicon, quotes=NO_QUOTES)
    toks = tokenise.tokens(d)
    per_doc = framing.prevalence(h, toks, by="doc_id")
    assert per_doc[["doc_id", "frame", "hits", "tokens"]].values.tolist() == [
        ["a", "diplomacy", 2, 4], ["a", "aggression", 1, 4],
        ["b", "diplomacy", 0, 2], ["b", "aggression", 0, 2],
        ["c", "diplomacy", 0, 1], ["c", "aggression", 1, 1],
    ]
    assert per_doc["per_1000"].tolist() == [500.0, 250.0, 0.0, 0.0, 0.0, 1000.0]
    assert per_doc.dtypes.astype(str).tolist() == ["str", "str", "int64", "int64", "float64"]
    by_party = framing.prevalence(h, toks, by="party", docs=d)
    assert by_party[["party", "frame", "hits", "tokens"]].values.tolist() == [
        ["X", "diplomacy", 2, 5], ["X", "aggression", 2, 5],
        ["Y", "diplomacy", 0, 2], ["Y", "aggression", 0, 2],
    ]
    overall = framing.prevalence(h, toks, by=[])
    assert overall[["frame", "hits", "tokens"]].values.tolist() == [["diplomacy", 2, 7], ["aggression", 2, 7]]


def test_prevalence_errors():
    d = docs("Talks.")
    h = framing.find(d, lex(a={"terms": ["talks"]}), quotes=NO_QUOTES)
    toks = tokenise.tokens(d)
    with pytest.raises(ValueError, match="group column\\(s\\) party not in the tokens table"):
        framing.prevalence(h, toks, by="party")
    with pytest.raises(ValueError, match="hits fall in group\\(s\\) with no tokens"):
        framing.prevalence(h, toks[toks["doc_id"] == "zz"], by="doc_id")
    with pytest.raises(ValueError, match="frame\\(s\\) a not in frames"):
        framing.prevalence(h, toks, by="doc_id", frames=["b"])


# --- the hand-coded sample -------------------------------------------------------------------------

GOLD = ROOT / "corpus" / "gold" / "frames" / "seed_article.csv"


def read_gold():
    from analysis import validate

    return validate.read_gold(GOLD)


def test_gold_sample_is_consistent_with_the_article_codebook_and_actors(seed_docs, seed_text):
    from analysis import actors

    gold = read_gold()
    assert len(gold) == 56
    assert set(gold["doc_id"]) == set(seed_docs["doc_id"])
    assert [seed_text[s:e] for s, e in zip(gold["start"], gold["end"])] == gold["text"].tolist()
    assert set(gold["frame"]) <= set(FrameLexicon.from_yaml(FRAMES).names)
    assert set(gold["voice"]) == {"quoted", "indirect", "authorial"}
    assert gold.loc[gold["voice"] == "authorial", "speaker"].isna().all()
    assert gold.loc[gold["voice"] != "authorial", "speaker"].notna().all()
    names = set(actors.actor_table(CASE_ACTORS)["actor"])
    assert set(gold["speaker"].dropna()) - {"Washington and NATO"} <= names


def test_lexicon_against_the_hand_coded_seed_article(seed_docs):
    from analysis import validate

    hits = framing.find(seed_docs, FRAMES, quotes=NO_QUOTES)
    result = validate.against_gold(hits, read_gold()).set_index("frame")
    # 46 of 56 coded spans found; the 10 misses are expressions no word list holds ("the ball
    # is in their court", "heightened tensions", "prepared for the worst", ...); the 2 false
    # positives are "diplomatic" in "diplomatic negotiations" (coded once, matched as two
    # terms) and "bases" (coded as security_guarantees, listed under military_posture).
    assert result.loc["micro", ["tp", "fp", "fn"]].tolist() == [46, 2, 10]
    assert result.loc["diplomacy", ["tp", "fp", "fn"]].tolist() == [24, 1, 5]
    assert result.loc["micro", "precision"] == pytest.approx(46 / 48)
    assert result.loc["micro", "recall"] == pytest.approx(46 / 56)


# --- figures ------------------------------------------------------------------------------------------


def test_plots_draw_the_counts():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    h = hits(VOICE_TEXT, FrameLexicon.from_yaml(FRAMES), quotes=voice_quotes())
    ax = framing.plot_voices(h)
    widths = {}
    for patch, (voice) in zip(ax.patches, [v for v in framing.VOICES for _ in h.attrs["frames"]]):
        widths[voice] = widths.get(voice, 0) + patch.get_width()
    assert widths == h["voice"].value_counts().reindex(framing.VOICES, fill_value=0).to_dict()
    assert [t.get_text() for t in ax.get_yticklabels()] == h.attrs["frames"]
    assert ax.get_xlabel() == "hits (count)"
    plt.close(ax.figure)
    ax = framing.plot_speakers(h)
    grid = ax.images[0].get_array()
    assert int(grid.sum()) == h["speaker"].notna().sum()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Moscow", "Sergey Lavrov"]
    plt.close(ax.figure)
