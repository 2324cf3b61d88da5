"""Quotations: quote-mark pairing, speakers, kinds, the seed article, and properties on any text."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis import quotes, tokenise
from analysis.quotes._marks import find_quotations
from analysis.corpus import CorpusError
from analysis.quotes import COLUMNS

from .conftest import CASE_ACTORS


def extract(docs, **kw):
    """quotes.extract with the case study's actor list, which the gold sets' annotation
    guidelines name speakers by (corpus/gold/quotes/README.md); the behaviour with no actor
    list is tested by the tests that pass ``actors=None``."""
    kw.setdefault("actors", CASE_ACTORS)
    return quotes.extract(docs, **kw)


#: How far a development set's figures may fall below the recorded ones before a test fails
#: (the snapshot files in tests/snapshots/quotes show every span that changed either way).
F1_TOLERANCE = 0.01
SPEAKER_TOLERANCE = 0.02


def assert_within_tolerance(got, recorded):
    """Quotation F1 and speaker accuracy of each group at most a tolerance below the recorded
    tp/fp/fn/speaker_correct (better is always fine; snapshots show what changed)."""
    for group, rec in recorded.items():
        row = got.loc[group]
        f1 = 2 * rec["tp"] / (2 * rec["tp"] + rec["fp"] + rec["fn"]) if rec["tp"] else 0.0
        acc = rec["speaker_correct"] / rec["tp"] if rec["tp"] else 1.0
        got_f1 = 2 * row["tp"] / (2 * row["tp"] + row["fp"] + row["fn"]) if row["tp"] else 0.0
        got_acc = row["speaker_correct"] / row["tp"] if row["tp"] else 1.0
        assert got_f1 >= f1 - F1_TOLERANCE, f"{group}: F1 {got_f1:.3f}, recorded {f1:.3f}"
        assert got_acc >= acc - SPEAKER_TOLERANCE, f"{group}: speakers {got_acc:.3f}, recorded {acc:.3f}"


def score(found, gold, **kw):
    from analysis.quotes._eval import score as _score

    kw.setdefault("actors", CASE_ACTORS)
    return _score(found, gold, **kw)


def docs(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def found(text: str, **kw) -> list[tuple]:
    out = extract(docs(text), **kw)
    return list(zip(out["text"], out["speaker"].astype(object).where(out["speaker"].notna(), None),
                    out["kind"]))


def marks(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


# --- the seed article: the list of 12 quotations and their speakers ------------------

SEED_QUOTES = [
    # (opening words of the quoted content, speaker as the issue lists it, kind)
    ("diplomatic path", "Washington", "partial"),
    ("Putting things in writing is... a good way", "Antony Blinken", "direct"),
    ("because we think that diplomacy", "Antony Blinken", "partial"),
    ("I can't be more clear", "Antony Blinken", "direct"),
    ("firmly believes that tensions", "Jens Stoltenberg", "partial"),
    ("We are now reaching out to Russia", "Jens Stoltenberg", "direct"),
    ("But of course while we are hoping", "Jens Stoltenberg", "direct"),
    ("The head of the American diplomatic mission", "the Russian Foreign Ministry", "direct"),
    ("information hysteria", "Moscow", "partial"),
    ("concrete actions", "Moscow", "partial"),
    ("If the West continues its aggressive course", "Sergey Lavrov", "direct"),
    ("won't allow our proposals", "Sergey Lavrov", "partial"),
]

SEED_INDIRECT = [
    # (opening words of the reported clause, speaker, cue)
    ("they delivered written replies", "Washington and NATO", "said"),
    ("the document addressed Moscow's concerns", "Antony Blinken", "said"),
    ("he would speak with his Russian counterpart", "Antony Blinken", "said"),
    ("it had received Washington's response", "Moscow", "said"),
    ("it was dispatching additional fighter jets", "NATO", "announced"),
    ("he would advise President Vladimir Putin", "Sergey Lavrov", "told"),
    ("The talks, which lasted more than eight hours", "Elysee", "said"),
    ("German Chancellor Olaf Scholz will also reportedly", "Bild", "according to"),
    ("the move could hamper diplomatic efforts", "Ukraine", "saying"),
]


@pytest.fixture(scope="module")
def seed_quotes(seed_docs):
    return extract(seed_docs)


def test_seed_quotations_and_speakers(seed_quotes):
    q = seed_quotes[seed_quotes["kind"] != "indirect"]
    assert len(q) == 12
    got = list(zip(q["text"], q["speaker"], q["kind"]))
    for (text, speaker, kind), (head, want_speaker, want_kind) in zip(got, SEED_QUOTES):
        assert text.startswith(head)
        assert (speaker, kind) == (want_speaker, want_kind), head
    counts = q["speaker"].value_counts().to_dict()
    assert counts == {"Antony Blinken": 3, "Jens Stoltenberg": 3, "Sergey Lavrov": 2,
                      "Moscow": 2, "the Russian Foreign Ministry": 1, "Washington": 1}


def test_seed_spans_are_the_content_inside_the_marks(seed_quotes, seed_text):
    q = seed_quotes[seed_quotes["kind"] != "indirect"]
    for start, end, text in zip(q["start"], q["end"], q["text"]):
        assert seed_text[start:end] == text
        assert seed_text[start - 1] == '"'
        assert seed_text[end] == '"' or seed_text[end : end + 2] == "''"
    # the two-apostrophe closing of Lavrov's quotation
    lavrov = q[q["text"].str.startswith("If the West")].iloc[0]
    assert seed_text[lavrov["end"] : lavrov["end"] + 2] == "''"
    assert lavrov["text"].endswith("retaliatory measures,")
    # a quotation over two sentences is one span
    blinken = q[q["text"].str.startswith("Putting")].iloc[0]
    assert blinken["text"].endswith("the ball is in their court,")


def test_seed_speaker_mentions(seed_quotes, seed_text):
    q = seed_quotes.set_index(seed_quotes["text"].str[:12])
    mention = lambda head: seed_text[q.loc[head, "speaker_start"] : q.loc[head, "speaker_end"]]  # noqa: E731
    assert mention("Putting thin") == "he"  # "he told reporters", resolved to Blinken
    assert mention("We are now r") == "Stoltenberg"
    assert mention("The head of ") == "the Russian Foreign Ministry"
    assert mention("firmly belie") == "NATO Secretary-General Jens Stoltenberg"


def test_seed_indirect_speech(seed_quotes):
    ind = seed_quotes[seed_quotes["kind"] == "indirect"]
    got = list(zip(ind["text"], ind["speaker"], ind["cue"]))
    assert len(got) == len(SEED_INDIRECT)
    for (text, speaker, cue), (head, want_speaker, want_cue) in zip(got, SEED_INDIRECT):
        assert text.startswith(head)
        assert (speaker, cue) == (want_speaker, want_cue)
    # "Blinken reiterated Washington's stance": an object, not a clause, so not reported speech
    assert not ind["text"].str.contains("stance").any()


def test_seed_order_ids_and_dtypes(seed_quotes):
    assert {c: str(t) for c, t in seed_quotes.dtypes.items()} == COLUMNS
    assert seed_quotes["quote_id"].tolist() == list(range(len(seed_quotes)))
    assert seed_quotes["start"].is_monotonic_increasing


# --- quote marks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("He said \u201cyes\u201d.", ["yes"]),
        ("Il a dit \u00ab oui \u00bb.", ["oui"]),
        ("Han sagde \u00bbja\u00ab.", ["ja"]),
        ("Er sagte \u201eja\u201c.", ["ja"]),
        ("'We will not,' she said.", ["We will not,"]),
        ("\u2018We will not,\u2019 she said.", ["We will not,"]),
        ('"the measures,\'\' he said.', ["the measures,"]),
        ("``Quote,'' he said.", ["Quote,"]),
        # nested single quotes stay inside the outer quotation
        ("\u201cNATO\u2019s \u2018open door\u2019 stays,\u201d he said.", ["NATO\u2019s \u2018open door\u2019 stays,"]),
        ('"the \'open door\' policy," he said.', ["the 'open door' policy,"]),
        # apostrophes are not quote marks
        ("Russia's demands won't wait for the students' union.", []),
        ("In the '90s it was 6'2\" tall.", []),
        ("'The students' union is closed,' she said.", ["The students' union is closed,"]),
        # unbalanced: closed at the end of the paragraph, never later
        ('He said "we will see.\nThen "nothing" happened.', ["we will see.", "nothing"]),
        ('Stray " marks " everywhere "', []),
        ('""', []),
    ],
)
def test_quote_marks(text, expected):
    assert marks(text) == expected


def test_multi_paragraph_quotation():
    text = 'Lavrov said: "The West ignored us.\n\n"We will not wait.\n\n"Our patience has ended."\n\nNext.'
    (q,) = find_quotations(text)
    assert text[q.start : q.end] == (
        'The West ignored us.\n\n"We will not wait.\n\n"Our patience has ended.'
    )
    assert q.paragraphs == 3 and not q.recovered
    (row,) = found(text)
    assert row[1:] == ("Sergey Lavrov", "direct")


def test_unclosed_quotation_stops_at_its_paragraph():
    text = 'The ministry said "this is unacceptable.\n\nLater, officials said nothing.'
    (q,) = find_quotations(text)
    assert q.recovered and text[q.start : q.end] == "this is unacceptable."


# --- speakers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # "X said" and "said X", titles, canonical names through actors.yml
        ('"The door is open," NATO Secretary-General Jens Stoltenberg said.',
         [("The door is open,", "Jens Stoltenberg", "direct")]),
        ('"The door is open," said Jens Stoltenberg, NATO\'s chief.',
         [("The door is open,", "Jens Stoltenberg", "direct")]),
        ('The top US diplomat said: "We are ready."', [("We are ready.", "Antony Blinken", "direct")]),
        # a title before an unknown name is dropped; an appositive may intervene
        ('"Talks must go on," Maria Petrova, a senior adviser, said on Tuesday.',
         [("Talks must go on,", "Maria Petrova", "direct")]),
        ('"We are ready," White House spokeswoman Jen Psaki told reporters.',
         [("We are ready,", "Jen Psaki", "direct")]),
        ('"We are ready," said a senior State Department official.',
         [("We are ready,", "a senior State Department official", "direct")]),
        # a split quotation: both halves
        ('"We are ready," Blinken said, "but prepared for the worst."',
         [("We are ready,", "Antony Blinken", "direct"),
          ("but prepared for the worst.", "Antony Blinken", "direct")]),
        # a partial quotation takes the subject of its sentence's reporting verb
        ('Moscow accused NATO of "information hysteria" and "concrete actions."',
         [("information hysteria", "Moscow", "partial"), ("concrete actions.", "Moscow", "partial")]),
        ('The "hysteria" must stop, Lavrov said.', [("hysteria", "Sergey Lavrov", "partial")]),
        # according to
        ('"Nothing was agreed," according to the Kremlin.',
         [("Nothing was agreed,", "the Kremlin", "direct")]),
        # scare quotes
        ('The so-called "peacekeeping" mission began.', [("peacekeeping", None, "scare")]),
        ('It was a "special" day in Moscow.', [("special", None, "scare")]),
    ],
)
def test_attribution(text, expected):
    assert [r for r in found(text) if r[2] != "indirect"] == expected


def test_pronouns_resolve_to_the_latest_compatible_speaker():
    text = (
        'White House spokeswoman Jen Psaki said the United States was prepared. "We are ready," '
        'she said. Russian Foreign Minister Sergey Lavrov disagreed. "This is hysteria," he said. '
        'The Russian Foreign Ministry issued a statement. "Talks are over," it said.'
    )
    got = [r for r in found(text) if r[2] != "indirect"]
    assert got == [
        ("We are ready,", "Jen Psaki", "direct"),  # she: the female speaker (actors.yml)
        ("This is hysteria,", "Sergey Lavrov", "direct"),  # he: the named subject since then
        ("Talks are over,", "the Russian Foreign Ministry", "direct"),  # it: an organisation
    ]


def test_gender_from_the_text_and_titles():
    text = (
        '"We will respond," Anna Kovalenko said, adding that she had warned Moscow. '
        '"It is late," Mr Ivan Sidorov said. "No," she said.'
    )
    got = [(r[0], r[1]) for r in found(text) if r[2] != "indirect"]
    assert got == [("We will respond,", "Anna Kovalenko"), ("It is late,", "Ivan Sidorov"),
                   ("No,", "Anna Kovalenko")]


def test_continuation_within_and_across_paragraphs():
    text = (
        '"We are close to a deal," Scholz told reporters. "But there is work to do."\n\n'
        '"Nobody wants a war."\n\nThe meeting ended. "Peace is possible."'
    )
    got = found(text)
    assert [r[1] for r in got] == ["Olaf Scholz", "Olaf Scholz", "Olaf Scholz", None]
    assert got[3][2] == "scare"  # unattributed and short


def test_definite_description_and_surname():
    text = (
        'Defence Minister Oleksii Reznikov said the troops were ready. "We will hold," the '
        'minister said. "Always," Reznikov added.'
    )
    got = [r[1] for r in found(text) if r[2] != "indirect"]
    assert got == ["Oleksii Reznikov", "Oleksii Reznikov"]


@pytest.mark.parametrize(
    "text, clause, speaker",
    [
        ("Blinken said the document addressed Moscow's concerns.",
         "the document addressed Moscow's concerns", "Antony Blinken"),
        ("Lavrov told lawmakers that he would advise Putin.", "he would advise Putin",
         "Sergey Lavrov"),
        ("The talks ended without a deal, the Elysee said in a statement.",
         "The talks ended without a deal", "Elysee"),
        ("According to the Kremlin, the talks were productive.", "the talks were productive",
         "the Kremlin"),
        ("Ukraine criticized Berlin, saying that the move could hamper talks.",
         "the move could hamper talks", "Ukraine"),
    ],
)
def test_indirect_speech(text, clause, speaker):
    assert found(text) == [(clause, speaker, "indirect")]


@pytest.mark.parametrize(
    "text",
    [
        "Blinken reiterated Washington's stance on the demand.",  # object, not a clause
        "Governors of States were called Excellency.",  # passive
        "We would insist on trade that is fair and free.",  # relative clause
        "I ask every business leader to join us.",  # infinitive
        "It's said that nobody came.",  # impersonal
        "Russia's security demands were rejected.",  # a noun, not a cue
    ],
)
def test_not_reported_speech(text):
    assert found(text) == []


def test_custom_cues():
    text = 'Lavrov blasted the West, saying nothing. "Enough," Lavrov blasted.'
    assert found(text, cues=["blasted"])[-1] == ("Enough,", "Sergey Lavrov", "direct")
    # without "blasted" among the cues nothing attributes the quotation (the text before it
    # is left out here: its subject would be taken as the speaker of a quotation opening the
    # next sentence)
    assert found('"Enough," Lavrov blasted.', cues=["said"]) == [("Enough,", None, "scare")]
    extended = quotes.DEFAULT_CUES | {"blasted"}
    assert "said" in extended and found(text, cues=extended)[-1][1] == "Sergey Lavrov"
    with pytest.raises(TypeError):
        extract(docs(text), cues="said")
    with pytest.raises(ValueError, match="cues\\[1\\]"):
        extract(docs(text), cues=["said", ""])


def test_actor_table_and_surface_forms():
    text = '"We are ready," the top US diplomat said.'
    assert found(text)[0][1] == "Antony Blinken"
    from analysis.actors import actor_table

    assert found(text, actors=actor_table(CASE_ACTORS).iloc[:0])[0][1] == "the top US diplomat"


# --- rules for speakers the cue alone does not give ---------------------------------------


def test_role_nouns_head_speaker_phrases():
    # "chair", "federation": without them in the list of speaker nouns the subject is not
    # found and the quotation goes to a neighbouring sentence's speaker
    text = (
        "The hospital's chair, Joan Baker, said the ward would close. "
        '"We had no choice," she said.\n\n'
        'The teachers\' federation said in a statement that the offer was "an insult." '
        'A spokesman added that talks would go on.'
    )
    got = found(text)
    assert got == [
        ("the ward would close", "Joan Baker", "indirect"),
        ("We had no choice,", "Joan Baker", "direct"),
        ("an insult.", "The teachers' federation", "partial"),
        ("talks would go on", "A spokesman", "indirect"),
    ]


def test_gender_from_given_names():
    # Neither person is in actors.yml; "she" skips the later Robert Hale because Linda is
    # a woman's name in the census list (analysis.quotes._names)
    text = ('Linda Park said the plan was fair. Robert Hale said it was not. '
            '"It is a good plan," she said.')
    assert found(text)[-1] == ("It is a good plan,", "Linda Park", "direct")
    from analysis.quotes._names import gender

    assert (gender("Linda"), gender("ROBERT"), gender("Jordan"), gender("Virginia")) == (
        "she", "he", None, None)  # Jordan: given to both; Virginia: excluded as a place


def test_gender_from_titles_and_from_pronouns_already_used():
    # Names outside the census list: the title tells the gender ...
    text = ('Dame Ngozi Okafor said the report was late. Sir Tunde Mills said it was not. '
            '"It was late," she said.')
    assert found(text)[-1] == ("It was late,", "Ngozi Okafor", "direct")
    # ... or the pronoun the text has already used for the person
    text = ('Tendai Obi spoke first. "We are ready," he said. Kemi Ade spoke next. '
            '"We are not," she said. "Nor will we be," he added.')
    assert [(r[0], r[1]) for r in found(text)] == [
        ("We are ready,", "Tendai Obi"), ("We are not,", "Kemi Ade"),
        ("Nor will we be,", "Tendai Obi")]


def test_named_subject_speaks_a_following_unattributed_quotation():
    text = (
        'Mr. Doyle addressed the crowd outside the hall. "Brothers, we will not give in."\n\n'
        "Rosa Diaz walked to the podium.\n\n"
        '"This is our moment, and we will take it."\n\n'
        'Rosa Diaz sat down. "We go on," said Tom Hill. "And we go on together."'
    )
    got = found(text)
    assert [(r[1], r[2]) for r in got] == [
        ("Doyle", "direct"),  # title dropped; no full name earlier
        ("Rosa Diaz", "direct"),  # named in the previous paragraph
        ("Tom Hill", "direct"),
        ("Tom Hill", "direct"),  # continuation: nobody named since Tom Hill's quotation
    ]
    out = extract(docs(text))
    assert text[out["speaker_start"][0] : out["speaker_end"][0]] == "Doyle"
    assert out["cue"].isna()[[0, 1, 3]].all()
    # The untitled name's surname and a pronoun refer back to it
    text = ('For thirty years, Angus Reid kept the light. "It was quiet," he says. '
            'Morna, who met Angus in 1979, remembers it differently. "It was loud," she says. '
            '"Nobody knew," Reid says.')
    assert [r[1] for r in found(text)] == ["Angus Reid", "Morna", "Angus Reid"]


def test_surname_with_title_refers_back_to_the_full_name():
    text = ('Presenting the budget, Joan Carter said: "It is fair." Asked whether she would '
            'reconsider, Ms Carter replied: "The plan is the plan."')
    assert [r[1] for r in found(text)] == ["Joan Carter", "Joan Carter"]
    # a title of the other gender is someone else
    text = 'Paul Carter said: "It is fair." Mrs Carter replied: "It is not fair at all."'
    assert [r[1] for r in found(text)] == ["Paul Carter", "Carter"]


def test_organisation_names_with_of_and_for_are_not_persons():
    text = ('The Centre for Policy Research said the cuts would hurt families. '
            '"The poorest will pay the most," it said.')
    got = found(text)
    assert [r[1] for r in got] == ["The Centre for Policy Research"] * 2


def test_passive_reports_have_no_speaker_unless_by_names_one():
    text = ("The minister was accused of \"hiding the facts\" on Monday. "
            'The plan was described by Lavrov as "a provocation". '
            'Police states are called "people\'s democracies."')
    assert found(text) == [
        ("hiding the facts", None, "partial"),  # reported speech, speaker not named
        ("a provocation", "Sergey Lavrov", "partial"),
        ("people's democracies.", None, "scare"),  # a name, not speech
    ]
    out = extract(docs(text))
    assert out["cue"].tolist()[:2] == ["accused", "described"]


def test_attribution_in_the_next_sentence_after_a_question():
    # The sentence splitter ends a sentence after '?"' before a capitalised word
    text = ('Ngozi Okafor asked where the homes were. "When?" Okafor asked again.\n\n'
            '"Soon?" asked Tom Reid.')
    out = extract(docs(text))
    assert list(zip(out["text"], out["speaker"], out["cue"], out["kind"])) == [
        ("When?", "Ngozi Okafor", "asked", "direct"), ("Soon?", "Tom Reid", "asked", "direct")]
    # a following sentence with its own reported clause is not an attribution
    text = '"Why?" Tom Reid said the talks had failed.'
    assert found(text)[0] == ("Why?", None, "scare")


def test_according_to_a_source_with_a_modifier():
    text = "According to officials close to the talks, the deal is done."
    assert found(text) == [("the deal is done", "officials close to the talks", "indirect")]


def test_compound_titles_before_a_name():
    text = ('Shadow health secretary Ngozi Okafor was scathing. "This is a disgrace," she '
            'told MPs. Health Minister Tom Reid disagreed. "It is not," he said.')
    assert [r[1] for r in found(text)] == ["Ngozi Okafor", "Tom Reid"]


# --- input and output contract ---------------------------------------------------------------


def test_no_quotations_gives_an_empty_typed_table():
    for table in (extract(docs("No quotation marks here at all.")), extract(docs()[:0])):
        assert table.empty
        assert {c: str(t) for c, t in table.dtypes.items()} == COLUMNS


def test_bad_input_names_the_document():
    with pytest.raises(CorpusError, match="lacks column"):
        extract(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(CorpusError, match="'b' \\(row 1\\)"):
        extract(pd.DataFrame({"doc_id": ["a", "b"], "text": ["fine", 3]}))
    with pytest.raises(CorpusError):
        extract(["not a table"])


def test_sentences_argument_and_determinism(seed_docs):
    sents = tokenise.sentences(seed_docs)
    a = extract(seed_docs)
    pd.testing.assert_frame_equal(a, extract(seed_docs, sentences=sents))
    pd.testing.assert_frame_equal(a, extract(seed_docs))


def test_several_documents_sorted_by_doc_id():
    out = extract(pd.DataFrame({"doc_id": ["b", "a"], "text": ['"Yes," he said.', '"No," she said.']}))
    assert out["doc_id"].tolist() == ["a", "b"]
    assert out["quote_id"].tolist() == [0, 0]


# --- properties on arbitrary text ------------------------------------------------------------

ALPHABET = list('ab .,:;!?\n"\'') + list("\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a")
WORDS = ["said", "he", "she", "Blinken", "told", "according to", "The", "NATO", "''", "``",
         "that", "Moscow", "so-called", "I'm", "adding", ", ", ". ", '"']


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(ALPHABET), st.sampled_from(WORDS)), max_size=80)
       .map("".join))
@example('"a\n\n"b\n"c" said he')
@example("'' said '' he '' ``")
def test_spans_are_always_exact(text):
    out = extract(docs(text))
    assert {c: str(t) for c, t in out.dtypes.items()} == COLUMNS
    assert out["quote_id"].tolist() == list(range(len(out)))
    assert out["start"].is_monotonic_increasing
    for row in out.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start : row.end] == row.text
        assert row.kind in quotes.KINDS
        if pd.notna(row.speaker_start):
            assert 0 <= row.speaker_start < row.speaker_end <= len(text)
        # a span crosses a line break only where a quotation runs on into a paragraph that
        # opens with a quote mark
        for m in re.finditer(r"\n\s*", row.text):
            nxt = row.text[m.end() : m.end() + 2]
            assert nxt[:1] in "\"'\u201c\u201d\u2018\u00ab\u00bb\u201e\u2039\u203a`" or nxt == "''"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET + ["x", "y", "Z"]), max_size=300))
def test_marks_never_overlap(text):
    qs = find_quotations(text)
    for a, b in zip(qs, qs[1:]):
        assert a.close_end <= b.open_start
    for q in qs:
        assert q.open_start < q.start < q.end <= q.close_end


# --- the hand-annotated gold set (corpus/gold/quotes) ----------------------------------------


@pytest.fixture(scope="module")
def gold_run():
    from analysis.quotes import _eval as _quotes_eval
    from analysis.corpus import load

    texts = load(_quotes_eval.GOLD_DIR / "texts")
    return texts, extract(texts), _quotes_eval.load_gold()


def test_gold_file_matches_its_texts(gold_run):
    texts, _, gold = gold_run
    by_id = dict(zip(texts["doc_id"], texts["text"]))
    assert set(gold["doc_id"]) == set(by_id)
    for row in gold.itertuples():
        assert by_id[row.doc_id][row.start : row.end] == row.text
    assert gold["kind"].value_counts().to_dict() == {"direct": 44, "partial": 23, "indirect": 20,
                                                      "scare": 1}


def test_gold_scores(gold_run):
    """The development set's recorded figures, within tolerance. The rules were revised while looking at this
    set's errors (it was 84/87 quotations found, 70/84 speakers right before), so these
    figures overstate quality on unseen text; the held-out set below measures that."""
    _, found, gold = gold_run
    got = score(found, gold).set_index("group")
    assert_within_tolerance(got, {
        "all": {"tp": 87, "fp": 0, "fn": 0, "speaker_correct": 87},
        "quote_marks": {"tp": 67, "fp": 0, "fn": 0, "speaker_correct": 67},
        "indirect": {"tp": 20, "fp": 0, "fn": 0, "speaker_correct": 20},
    })


@pytest.fixture(scope="module")
def heldout_run():
    from analysis.quotes import _eval as _quotes_eval

    texts, gold = _quotes_eval.gold_set("heldout")
    return texts, extract(texts), gold


def test_heldout_file_matches_its_texts(heldout_run):
    texts, _, gold = heldout_run
    by_id = dict(zip(texts["doc_id"], texts["text"]))
    assert set(gold["doc_id"]) == set(by_id) and len(by_id) == 10
    for row in gold.itertuples():
        assert by_id[row.doc_id][row.start : row.end] == row.text
    assert gold["kind"].value_counts().to_dict() == {"direct": 61, "partial": 52,
                                                      "indirect": 42, "scare": 4}


def test_heldout_scores(heldout_run):
    """The first held-out set, now development data: the rules were revised on its errors
    after its single blind measurement (then all kinds tp 141, fp 0, fn 14, F1 0.953,
    speakers 121/141 = 0.858), so its figures are held to the tolerance and no longer measure
    quality on unseen text (the test set ``heldout7`` does)."""
    _, found, gold = heldout_run
    got = score(found, gold).set_index("group")
    assert_within_tolerance(got, {
        "all": {"tp": 155, "fp": 0, "fn": 0, "speaker_correct": 154},
        "quote_marks": {"tp": 113, "fp": 0, "fn": 0, "speaker_correct": 112},
        "indirect": {"tp": 42, "fp": 0, "fn": 0, "speaker_correct": 42},
    })
    assert got.loc["all", "f1"] == 1.0
    assert got.loc["all", "speaker_accuracy"] == pytest.approx(154 / 155)


@pytest.fixture(scope="module")
def heldout2_run():
    from analysis.quotes import _eval as _quotes_eval

    texts, gold = _quotes_eval.gold_set("heldout2")
    return texts, extract(texts), gold


def test_heldout2_file_matches_its_texts(heldout2_run):
    texts, _, gold = heldout2_run
    by_id = dict(zip(texts["doc_id"], texts["text"]))
    assert set(gold["doc_id"]) == set(by_id) and len(by_id) == 10
    for row in gold.itertuples():
        assert by_id[row.doc_id][row.start : row.end] == row.text
    assert gold["kind"].value_counts().to_dict() == {"direct": 55, "partial": 30,
                                                      "indirect": 57}


def test_heldout2_scores(heldout2_run):
    """The second held-out set, now development data: the rules were revised on its errors
    after its single blind measurement (then all kinds tp 121, fp 1, fn 21, F1 242/264 =
    0.917, speakers 95/121 = 0.785; quote marks F1 0.988, speakers 68/83; indirect F1 0.792,
    speakers 27/38), so its figures are held to the tolerance and no longer measure quality on
    unseen text (``heldout4`` does)."""
    _, found, gold = heldout2_run
    got = score(found, gold).set_index("group")
    assert_within_tolerance(got, {
        "all": {"tp": 141, "fp": 0, "fn": 1, "speaker_correct": 135},
        "quote_marks": {"tp": 85, "fp": 0, "fn": 0, "speaker_correct": 83},
        "indirect": {"tp": 56, "fp": 0, "fn": 1, "speaker_correct": 52},
    })


@pytest.mark.parametrize("name, n_docs, kinds, counts", [
    ("heldout3", 12, {"direct": 74, "partial": 74, "indirect": 64, "scare": 4}, {
        "all": {"tp": 209, "fp": 1, "fn": 3, "speaker_correct": 198},
        "quote_marks": {"tp": 147, "fp": 1, "fn": 1, "speaker_correct": 136},
        "indirect": {"tp": 62, "fp": 0, "fn": 2, "speaker_correct": 62},
    }),
    ("heldout4", 12, {"direct": 72, "indirect": 62, "partial": 57, "scare": 5}, {
        "all": {"tp": 183, "fp": 1, "fn": 8, "speaker_correct": 178},
        "quote_marks": {"tp": 126, "fp": 1, "fn": 3, "speaker_correct": 122},
        "indirect": {"tp": 57, "fp": 0, "fn": 5, "speaker_correct": 56},
    }),
    ("heldout5", 12, {"indirect": 83, "direct": 75, "partial": 32, "scare": 2}, {
        "all": {"tp": 182, "fp": 0, "fn": 8, "speaker_correct": 170},
        "quote_marks": {"tp": 105, "fp": 0, "fn": 2, "speaker_correct": 99},
        "indirect": {"tp": 77, "fp": 0, "fn": 6, "speaker_correct": 71},
    }),
    ("heldout6", 10, {"partial": 74, "indirect": 69, "direct": 61, "scare": 5}, {
        "all": {"tp": 198, "fp": 1, "fn": 6, "speaker_correct": 183},
        "quote_marks": {"tp": 133, "fp": 0, "fn": 2, "speaker_correct": 124},
        "indirect": {"tp": 65, "fp": 1, "fn": 4, "speaker_correct": 59},
    }),
])
def test_later_development_sets(name, n_docs, kinds, counts):
    """The third to sixth held-out sets, development data since their single blind
    measurements (third: all kinds tp 201, fp 3, fn 11, F1 0.966, speakers 159/201 = 0.791;
    fourth: tp 171, fp 1, fn 20, F1 0.942, speakers 150/171 = 0.877; fifth: tp 172, fp 0,
    fn 18, F1 0.950, speakers 143/172 = 0.831; sixth: tp 187, fp 1, fn 17, F1 0.954,
    speakers 168/187 = 0.898): the files match their texts, and the revised figures are
    held to the tolerance (the snapshots show every span that changes)."""
    from analysis.quotes import _eval as _quotes_eval
    texts, gold = _quotes_eval.gold_set(name)
    by_id = dict(zip(texts["doc_id"], texts["text"]))
    assert set(gold["doc_id"]) == set(by_id) and len(by_id) == n_docs
    for row in gold.itertuples():
        assert by_id[row.doc_id][row.start : row.end] == row.text
    assert gold["kind"].value_counts().to_dict() == kinds
    got = score(extract(texts), gold).set_index("group")
    assert_within_tolerance(got, counts)


def test_test_set_scores_do_not_fall():
    """The seventh held-out set, the test set: written and annotated blind, measured once with
    the final rules and never used to revise them (all kinds tp 185, fp 0, fn 7, F1 370/377 =
    0.981; speakers 168/185 = 0.908; quote marks F1 232/233 = 0.996, speakers 104/116;
    reported speech F1 138/144 = 0.958, speakers 64/69). A floor against regressions: a
    change that lowers these figures is worse on unseen news."""
    from analysis.quotes import _eval as _quotes_eval
    texts, gold = _quotes_eval.gold_set("heldout7")
    by_id = dict(zip(texts["doc_id"], texts["text"]))
    assert set(gold["doc_id"]) == set(by_id) and len(by_id) == 10
    for row in gold.itertuples():
        assert by_id[row.doc_id][row.start : row.end] == row.text
    assert gold["kind"].value_counts().to_dict() == {"indirect": 75, "direct": 63, "partial": 54,
                                                      "scare": 2}
    got = score(extract(texts), gold).set_index("group")
    assert got.loc["all", "f1"] >= 370 / 377 - 1e-9
    assert got.loc["all", "speaker_correct"] >= 168
    assert got.loc["all", "speaker_accuracy"] >= 168 / 185 - 1e-9
    assert got.loc["quote_marks", "f1"] >= 232 / 233 - 1e-9
    assert got.loc["indirect", "f1"] >= 138 / 144 - 1e-9


# --- rules added on the errors of the first held-out set ------------------------------------


@pytest.mark.parametrize("text, speaker", [
    # a description with a post-modifier is the speaker as printed
    ("Two diplomats briefed on the negotiations said the draft was ready.",
     "Two diplomats briefed on the negotiations"),
    ("A person familiar with the Russian position said Moscow was not in a hurry.",
     "A person familiar with the Russian position"),
    ("Analysts at one Frankfurt bank said the plan would stall.", "Analysts at one Frankfurt bank"),
    ("The Russian embassy in London said the sanctions were illegal.",
     "The Russian embassy in London"),
    # a partitive keeps its quantifier
    ("One of the officials said the talks would resume.", "One of the officials"),
    # plural heads of groups
    ("Several Conservative backbenchers said the Treasury lacked staff.",
     "Several Conservative backbenchers"),
    ("Democratic aides said no such offer had been made.", "Democratic aides"),
])
def test_speaker_descriptions_are_whole(text, speaker):
    assert found(text) == [(text[len(speaker) + 6 : -1], speaker, "indirect")]


def test_according_to_a_description_with_a_participle():
    text = "The plant would be demilitarised, according to two diplomats briefed on the talks."
    assert found(text) == [("The plant would be demilitarised",
                            "two diplomats briefed on the talks", "indirect")]


def test_titles_and_places_leave_the_name():
    text = ('"We are not against helping Ukraine," said Senator Dale Hutchins of Montana.\n\n'
            'One of them, Senator Ruth Calloway of Maine, said that she was still reading it.\n\n'
            'Major Rebecca Hale said the soldiers were aware of it.')
    got = found(text)
    assert [s for _, s, _ in got] == ["Dale Hutchins", "Ruth Calloway", "Rebecca Hale"]


def test_a_sentence_adverb_is_no_given_name():
    assert found("But Labour said the Government had been too slow.") == [
        ("the Government had been too slow", "Labour", "indirect")]


def test_a_capitalised_title_refers_to_its_holder():
    # "British Foreign Secretary" is one of Liz Truss's aliases in corpus/actors.yml
    text = ("Liz Truss has vowed that sanctions will work.\n\n"
            "The Foreign Secretary said: 'There will be no hiding place.'")
    assert found(text)[-1] == ("There will be no hiding place.", "Liz Truss", "direct")


def test_an_intention_inside_a_reported_clause_is_the_reporters_quote():
    text = ("The embassy issued a statement. It said the sanctions were illegal and that "
            "Moscow would respond 'in a manner it deems appropriate'.")
    assert found(text)[-1] == ("in a manner it deems appropriate", "The embassy", "partial")
    # a relayed report stays with the person said to have spoken
    text = "The readout said Putin had told Macron that Kyiv was 'creating the conditions'."
    assert found(text)[-1] == ("creating the conditions", "Vladimir Putin", "partial")


def test_an_attribution_inside_its_clause():
    text = "Blinken spoke on Monday. Russia, he said, was counting on Western unity to fray."
    assert found(text) == [("Russia, he said, was counting on Western unity to fray",
                            "Antony Blinken", "indirect")]


def test_a_second_verb_of_the_subject_reports():
    text = ("Foreign Minister Dmytro Kuleba welcomed the French effort but said it would be "
            "judged by its results.")
    assert found(text)[-1] == ("it would be judged by its results", "Dmytro Kuleba", "indirect")


def test_headline_attributions():
    text = ("India, Russia agree to expand rupee trade, says Jaishankar\n\n"
            "External Affairs Minister S. Jaishankar met his counterpart on Friday.")
    assert found(text) == [("India, Russia agree to expand rupee trade", "S. Jaishankar",
                            "indirect")]
    text = ("Truss: Sanctions will \u2018bite hard\u2019 on Kremlin\u2019s inner circle\n\n"
            "Liz Truss announced new measures on Tuesday.")
    assert found(text)[0] == ("bite hard", "Liz Truss", "partial")
    # a dateline is no speaker
    assert found("MOSCOW: Officials called it 'hysteria'.")[0][1] != "MOSCOW"


def test_as_one_official_put_it():
    text = "Leaders will return to the \u201ctechnical work\u201d, as one official put it, in December."
    assert found(text) == [("technical work", "one official", "partial")]


def test_documents_speak_as_printed():
    text = ("Prosecutor Dana Whitaker spoke first. Orders were paid in cash, according to the "
            "indictment.")
    assert found(text)[-1] == ("Orders were paid in cash", "the indictment", "indirect")


def test_an_appositive_name_is_an_antecedent():
    text = ("Prosecutor Michael Brennan said the case was strong.\n\n"
            "The company's chief executive, Alan Reyes, who is not charged, attended the hearing. "
            "In a statement, he said Coastline had \"cooperated fully\" with investigators.")
    assert found(text)[-1] == ("cooperated fully", "Alan Reyes", "partial")


def test_a_subject_needs_a_verb_to_be_named():
    text = ("The Kremlin spokesman, Dmitry Peskov, dismissed the debate. Additional American "
            "weapons would \u201cchange nothing on the ground,\u201d he told reporters.")
    assert found(text)[-1] == ("change nothing on the ground,", "Dmitry Peskov", "partial")


# --- voices, evaluation and the figure ---------------------------------------------------------


def test_voices_of_the_seed(seed_quotes):
    v = quotes.voices(seed_quotes, actors=CASE_ACTORS).set_index("speaker")
    blinken = v.loc["Antony Blinken"]
    # three quotations in quote marks and two reported clauses
    assert (blinken["direct"], blinken["partial"], blinken["indirect"]) == (2, 1, 2)
    assert (blinken["type"], blinken["affiliation"]) == ("person", "US")
    moscow = v.loc["Moscow"]
    assert (moscow["partial"], moscow["partial_words"]) == (2, 4)  # information hysteria, concrete actions
    assert v["quoted_words"].sum() == sum(
        len(re.findall(r"[^\W_]+(?:[-'\u2019][^\W_]+)*", t))
        for t in seed_quotes.loc[seed_quotes["kind"].isin(["direct", "partial"]), "text"]
    )
    assert v["share_quoted_words"].sum() == pytest.approx(1.0)
    order = (v["quoted_words"] + v["indirect_words"]).tolist()
    assert order == sorted(order, reverse=True)


def test_voices_keeps_unattributed_rows_and_handles_empty():
    found = pd.DataFrame({"speaker": [None, "X"], "kind": ["direct", "direct"],
                          "text": ["one two three four five", "six"]})
    v = quotes.voices(found, actors=CASE_ACTORS)
    assert v["speaker"].isna().tolist() == [False, True]  # the row without a speaker comes last
    assert quotes.voices(extract(docs("No quotes."))).empty


def test_evaluate_on_a_small_worked_example():
    text = 'Lavrov said the talks failed. "We are ready," he said.\n\nThe "so-called" deal.'
    found = extract(docs(text))
    gold = pd.DataFrame({
        "doc_id": ["d0", "d0", "d0"],
        "start": [text.index("the talks"), text.index("We are"), text.index("so-called")],
        "end": [text.index(". "), text.index(",\""), text.index("so-called") + 9],
        "speaker": ["Lavrov", "Sergei Lavrov", None],  # aliases agree after normalisation
        "kind": ["indirect", "direct", "scare"],
    })
    got = quotes.evaluate(found, gold, actors=CASE_ACTORS).set_index("group")
    assert got.loc["all", ["tp", "fp", "fn", "speaker_correct"]].tolist() == [2, 0, 0, 2]
    assert got.loc["all", "f1"] == 1.0


def test_plot_voices(seed_quotes):
    import matplotlib.pyplot as plt

    ax = quotes.plot_voices(quotes.voices(seed_quotes, actors=CASE_ACTORS), top=5)
    assert len(ax.get_yticklabels()) == 5
    assert ax.get_xlabel() == "words attributed to the speaker"
    assert ax.get_yticklabels()[-1].get_text() == quotes.voices(seed_quotes, actors=CASE_ACTORS)["speaker"].iloc[0]
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="lacks column"):
        quotes.plot_voices(pd.DataFrame({"speaker": ["x"]}))


def test_duplicate_doc_ids_are_refused():
    with pytest.raises(CorpusError, match="duplicate doc_id 'a' in rows 0 and 1"):
        extract(pd.DataFrame({"doc_id": ["a", "a"], "text": ['"x," he said.', "y"]}))


# --- house styles of wire, broadsheet and local news ---------------------------------------
# Each case names the rule it pins; each was an error on a held-out set before the rule.


@pytest.mark.parametrize("text, expected", [
    # appositives, party tags and relative clauses between subject and verb
    ("Sen. Maria Delgado, D-N.M., who wrote the bill with a Republican colleague, said the "
     "vote showed that safety mattered.", ("the vote showed that safety mattered", "Maria Delgado")),
    ("Rep. Glenn Ashby, R-Texas, chairman of the Transportation Committee, said he had not "
     "decided.", ("he had not decided", "Glenn Ashby")),
    ("Her co-author, Professor Anders Holm of Aarhus University, said the findings fitted.",
     ("the findings fitted", "Anders Holm")),
    ("Opponents, most of them Republicans from farm states, argued that the rule would raise "
     "costs.", ("the rule would raise costs", "Opponents")),
    ("Major Rebecca Hale, a British officer attached to the battlegroup, said the soldiers "
     "were aware.", ("the soldiers were aware", "Rebecca Hale")),
    # an outlet's correspondent, a name with its organisation, court titles
    ("Al Jazeera's Natalia Reyes said residents had heard explosions.",
     ("residents had heard explosions", "Natalia Reyes")),
    ("Former corporator Sandeep Deshmukh of the Congress said the plan had failed.",
     ("the plan had failed", "Sandeep Deshmukh")),
    ("Recorder Helen Shaw said the sentence had been reduced.",
     ("the sentence had been reduced", "Helen Shaw")),
    # nouns for people outside the list, by their ending; plural heads with "and"
    ("Consumer advocates warn that savings may not reach households.",
     ("savings may not reach households", "Consumer advocates")),
    ("Shift workers are more likely to develop diabetes, researchers in Sweden and Denmark "
     "reported on Wednesday.",
     ("Shift workers are more likely to develop diabetes", "researchers in Sweden and Denmark")),
    # adjuncts before the clause, and "told X by phone that"
    ("Germany's Economy Ministry said on Wednesday it would abolish the levy.",
     ("it would abolish the levy", "Germany's Economy Ministry")),
    ("Vasyl Hrytsenko told Al Jazeera by phone that he had been on a night shift.",
     ("he had been on a night shift", "Vasyl Hrytsenko")),
    # any source phrase before the comma of "According to ..."
    ("According to an analysis by the portal Energiepreis.de, a household would save EUR 60.",
     ("a household would save EUR 60", "an analysis by the portal Energiepreis.de")),
    # a dateline is part of neither the clause nor the subject
    ("WASHINGTON \u2014 The United States has requested consular access, State Department "
     "spokesman Ned Price said Monday, adding that Moscow had not responded.",
     ("The United States has requested consular access", "Ned Price")),
    # a relative clause inside a reported clause without "that"
    ("Civic officials said the dam project, which is expected to add water, was awaiting "
     "clearance.", ("the dam project, which is expected to add water, was awaiting clearance",
                    "Civic officials")),
])
def test_news_subjects_and_clauses(text, expected):
    assert expected in [(t, s) for t, s, k in found(text) if k == "indirect"]


def test_second_verbs_headlines_and_contrasts():
    got = found(
        "Years of night shifts raise diabetes risk, Nordic researchers report\n\n"
        'The union called the vote "a long overdue step" and said it would press the House.\n\n'
        "Ukraine says a grain terminal was targeted, while Russia insists it struck a depot.\n\n"
        "Asked about Western reports that talks were under way, he declined to comment."
    )
    assert ("Years of night shifts raise diabetes risk", "Nordic researchers", "indirect") in got
    assert ("a long overdue step", "The union", "partial") in got
    assert ("it would press the House", "The union", "indirect") in got
    assert ("a grain terminal was targeted", "Ukraine", "indirect") in got
    assert ("it struck a depot", "Moscow", "indirect") in got  # "Russia" is Moscow in actors.yml
    # "reports" after a preposition is a noun, not a cue
    assert not any(t.startswith("talks were") for t, s, k in got)


def test_parenthetical_attribution_after_the_verb():
    got = found("Morag MacLeod keeps the book. She has missed, she says, eleven days in total.")
    assert ("She has missed, she says, eleven days in total", "Morag MacLeod", "indirect") in got


def test_references_back_to_named_actors():
    text = (
        "The Brihanmumbai Municipal Corporation (BMC) announced a water cut. "
        "BMC officials said lake levels were 'alarming'.\n\n"
        "Tesla Inc said on Wednesday it would cut prices. The carmaker also said it expected "
        "deliveries to rise.\n\n"
        "Three diplomats familiar with the talks said a deal was close. One of the diplomats "
        "said it could be signed this month. The package will follow, the diplomats said.\n\n"
        "The rain gauge sits at the end of Morag MacLeod's garden.\n\n"
        "\u201cPeople ask what happens if I\u2019m ill,\u201d she says."
    )
    got = found(text)
    assert ("it expected deliveries to rise", "Tesla Inc", "indirect") in got
    assert ("it could be signed this month", "One of the diplomats", "indirect") in got
    assert ("The package will follow", "Three diplomats familiar with the talks", "indirect") in got
    assert ("People ask what happens if I\u2019m ill,", "Morag MacLeod", "direct") in got
    from analysis.quotes._units import _acronym_definitions

    assert _acronym_definitions(text) == {"BMC": "the Brihanmumbai Municipal Corporation"}
    assert _acronym_definitions("He joined the International Monetary Fund (IMF) in May. "
                                "Yesterday Ofwat (the regulator) said.") == {
        "IMF": "the International Monetary Fund"}
    got = found('The BMC (BMC) said. The Brihanmumbai Municipal Corporation (BMC) said. '
                '"Water is short," BMC said.')
    assert ("Water is short,", "the Brihanmumbai Municipal Corporation", "direct") in got


def test_place_names_as_surnames():
    from analysis.actors import normalise

    assert normalise("George Washington", actors=CASE_ACTORS) == "George Washington"
    assert normalise("President Washington", actors=CASE_ACTORS) == "Washington"
    assert normalise("official Washington", actors=CASE_ACTORS) == "Washington"


def test_name_particles_titles_and_chants():
    got = found(
        "\u201cWe did everything we could,\u201d coach Erik ten Hag told reporters. "
        "Commission President Ursula von der Leyen said the plan was ready. "
        "Speaker Mike Johnson said the House would vote.\n\n"
        "\u201cStop the war,\u201d protesters chanted outside the embassy."
    )
    assert ("We did everything we could,", "Erik ten Hag", "direct") in got
    assert ("the plan was ready", "Ursula von der Leyen", "indirect") in got
    assert ("the House would vote", "Mike Johnson", "indirect") in got
    assert ("Stop the war,", "protesters", "direct") in got


def test_organisations_named_by_their_descriptions():
    got = found(
        "He was flown to hospital, Tasmania Police said in a statement. Police say he "
        "survived by sheltering under a rock.\n\n"
        "Sgt. Tasha Greene, a spokesperson for the Rockport Police Department, said officers "
        "were called. In a post, the department said it needed video.\n\n"
        "The European Commission opened a probe. The commission said it was widening it.\n\n"
        "The Rail Delivery Group (RDG), which represents train operators, said the industry "
        "understood the frustration.\n\n"
        "23 governors \u2014 14 Republicans and nine Democrats \u2014 wrote that the rule would "
        "hurt families.\n\n"
        "The government is weighing a mediator, said a person familiar with the "
        "deliberations, who asked not to be identified.\n\n"
        "The Ministry of Commerce said separately that it had lodged a complaint. "
        "Police say at least eight rounds hit the house."
    )
    assert ("he survived by sheltering under a rock", "Tasmania Police", "indirect") in got
    assert ("it needed video", "Rockport Police Department", "indirect") in got
    assert ("it was widening it", "European Commission", "indirect") in got
    assert ("the industry understood the frustration", "The Rail Delivery Group",
            "indirect") in got
    assert ("the rule would hurt families", "23 governors", "indirect") in got
    assert ("The government is weighing a mediator",
            "a person familiar with the deliberations", "indirect") in got
    assert ("it had lodged a complaint", "The Ministry of Commerce", "indirect") in got
    # "Police" is the force named last before it
    assert ("at least eight rounds hit the house", "Rockport Police Department", "indirect") in got


def test_pronouns_companies_and_titles():
    got = found(
        "Russia\u2019s Defense Ministry said its forces had taken the village.\n\n"
        "Ukraine\u2019s General Staff did not confirm the capture. In its evening update, it "
        "said Ukrainian troops had repelled 14 assaults.\n\n"
        "Shares in Halden fell on Thursday. Halden makes sofas. Analysts like Halden. The "
        "FTSE 250 group said it expected lower profit.\n\n"
        "A push by European Commission President Ursula von der Leyen ran into a wall. "
        "She has called it a \u201cEuropean sky shield.\u201d\n\n"
        "\u201cWe are ready,\u201d Renee Colton said on \u201cCNN This Morning.\u201d Mr "
        "Dawson's family asked for privacy while he recovered."
    )
    assert ("Ukrainian troops had repelled 14 assaults", "Ukraine\u2019s General Staff",
            "indirect") in got
    assert ("it expected lower profit", "Halden", "indirect") in got
    assert ("European sky shield.", "Ursula von der Leyen", "partial") in got
    assert ("CNN This Morning.", None, "scare") in got
    assert not any(t.startswith("for privacy") for t, s, k in got)


def test_rules_from_the_fourth_held_out_set():
    got = found(
        "U.S. Ambassador Karen Whitlow said the evidence pointed to a missile strike and called "
        "Moscow's account \"a story written after the fact.\"\n\n"
        "City officials say about 60 underground classrooms are now operating.\n\n"
        "Oleh Savchuk, a child psychologist who works in the city, tells NPR the long hours "
        "underground worry him.\n\n"
        "She noted, however, that participants tend to be healthier.\n\n"
        "People who walked 7,000 steps had a lower risk, according to a study published Monday "
        "in JAMA Neurology.\n\n"
        "To address that, the team excluded early cases, said senior author Lars Eriksen, a "
        "professor of public health at Aarhus University.\n\n"
        "The Russian Embassy in New Delhi said in a post that the restrictions were illegitimate.\n\n"
        "Abdulrahman al-Hakimi, a 42-year-old shopkeeper, said the blasts had shaken windows.\n\n"
        "Another speaker, retired teacher Graham Oakes, 71, said the charges were unfair."
    )
    assert ("the evidence pointed to a missile strike", "Karen Whitlow", "indirect") in got
    assert ("about 60 underground classrooms are now operating", "City officials", "indirect") in got
    assert ("the long hours underground worry him", "Oleh Savchuk", "indirect") in got
    assert ("People who walked 7,000 steps had a lower risk",
            "a study published Monday in JAMA Neurology", "indirect") in got
    assert ("To address that, the team excluded early cases", "Lars Eriksen", "indirect") in got
    assert ("the restrictions were illegitimate", "The Russian Embassy in New Delhi",
            "indirect") in got
    assert ("the blasts had shaken windows", "Abdulrahman al-Hakimi", "indirect") in got
    assert ("the charges were unfair", "Graham Oakes", "indirect") in got


def test_companies_by_description_and_abbreviation():
    got = found(
        "Swiss drugmaker Novarith sued its rival. \u201cWe will defend our innovation,\u201d "
        "Swiss drugmaker Novarith said.\n\n"
        "Thalassa Maritime, the Athens-based company that manages the ship, confirmed the "
        "strike. \u201cAll 23 crew members are safe,\u201d the company said.\n\n"
        "US Central Command (CENTCOM) said the ship was damaged. \u201cThese attacks are "
        "reckless,\u201d CENTCOM said."
    )
    assert ("We will defend our innovation,", "Novarith", "direct") in got
    assert ("All 23 crew members are safe,", "Thalassa Maritime", "direct") in got
    assert ("These attacks are reckless,", "US Central Command", "direct") in got


def test_descriptions_by_title_and_unresolved_it():
    got = found(
        "Houthi spokesman says vessel was struck by \u2018several naval missiles\u2019\n\n"
        "In a statement, Houthi military spokesman Yahya Saree said the forces had struck.\n\n"
        "Keir Starmer has said Britain will help. Speaking in Kyiv, the prime minister said: "
        "\u201cOur support is unwavering.\u201d Prime Minister Keir Starmer left on Monday.\n\n"
        "The US Central Command (CENTCOM) said the vessel had minor damage. The ship was "
        "continuing its voyage, it said.\n\n"
        "Rival manager says the referee was wrong\n\n"
        "Kingsmere manager Luis Carvalho praised his side. Ashford manager Steve Moran "
        "was furious."
    )
    assert ("several naval missiles", "Yahya Saree", "partial") in got
    assert ("Our support is unwavering.", "Keir Starmer", "direct") in got
    assert ("The ship was continuing its voyage", "The US Central Command", "indirect") in got
    # two managers are named: the headline's "Rival manager" stays a description
    assert ("the referee was wrong", "Rival manager", "indirect") in got


def test_rules_from_the_fifth_held_out_set():
    got = found(
        "The High Court ordered the Kenya Revenue Authority (KRA) to stop. The KRA said in a "
        "statement that it would comply.\n\n"
        "Deputy Minister of Water and Sanitation Zolani Mthembu told Parliament's portfolio "
        "committee on Tuesday that his department would send engineers.\n\n"
        "In Protea Glen, pensioner Nomsa Mahlangu, 67, said she had been buying water.\n\n"
        "Chief Thomas Keeper said the band office, school and nursing station were damaged.\n\n"
        "A senior Government source said there was frustration at Cabinet level.\n\n"
        "L\u00e9vesque's office said Thursday the minister would travel to Thompson.\n\n"
        "\"Naming and shaming works,\" said the group's executive director, Mr Arjun Pillai.\n\n"
        "Singer Jonah Reyes wrote that the stage would wait.\n\n"
        "Tohee says the collection includes three varieties of tepary bean.\n\n"
        "Today it has lent seeds to 600 households, she says, and asks only for a portion back."
    )
    assert ("it would comply", "the Kenya Revenue Authority", "indirect") in got
    assert ("his department would send engineers", "Zolani Mthembu", "indirect") in got
    assert ("she had been buying water", "Nomsa Mahlangu", "indirect") in got
    assert ("the band office, school and nursing station were damaged", "Thomas Keeper",
            "indirect") in got
    assert ("there was frustration at Cabinet level", "A senior Government source",
            "indirect") in got
    assert ("the minister would travel to Thompson", "L\u00e9vesque's office", "indirect") in got
    assert ("Naming and shaming works,", "Arjun Pillai", "direct") in got
    assert ("the stage would wait", "Jonah Reyes", "indirect") in got
    assert ("the collection includes three varieties of tepary bean", "Tohee", "indirect") in got
    assert any(t.startswith("Today it has lent seeds") and k == "indirect" for t, s, k in got)


def test_documents_after_according_to_and_people_by_description():
    got = found(
        "City Manager Paul Novak spoke first. According to the staff report, the shelter "
        "would cost $1.3 million.\n\n"
        "Foreign Ministry spokesperson Guo Jiakun spoke on Monday. A Foreign Ministry "
        "spokesperson said China was ready to work with the islands.\n\n"
        "\"Refunds will be available,\" a spokesperson for tour promoter Skyline Live said."
    )
    assert ("the shelter would cost $1.3 million", "the staff report", "indirect") in got
    assert ("China was ready to work with the islands", "Guo Jiakun", "indirect") in got
    assert ("Refunds will be available,", "a spokesperson for tour promoter Skyline Live",
            "direct") in got


def test_negations_post_nominals_and_asides():
    got = found(
        "Ukraine's General Staff did not confirm the capture but said its troops had repelled "
        "38 assaults. She did not say what the plan would cost.\n\n"
        "Prosecuting, Simon Ashcroft KC said the phone data was clear. \"This was no lapse,\" "
        "Ashcroft said.\n\n"
        "But a GOP aide, granted anonymity to describe private talks, said leadership was "
        "sounding out Democrats.\n\n"
        "The Prime Minister says the levy will free up homes, but the opposition calls it "
        "\u201ca tax on a tax\u201d.\n\n"
        "Japan has lodged a protest over the buoy, the government's top spokesperson said "
        "Tuesday, calling it \"extremely regrettable.\"\n\n"
        "Heavy equipment was seen removing the roof, ministry spokesperson Yoon Ji-hoon told a "
        "regular press briefing."
    )
    assert ("its troops had repelled 38 assaults", "Ukraine's General Staff", "indirect") in got
    assert not any(t.startswith("what the plan") for t, s, k in got)  # a negated report
    assert ("the phone data was clear", "Simon Ashcroft", "indirect") in got
    assert ("This was no lapse,", "Simon Ashcroft", "direct") in got
    assert ("leadership was sounding out Democrats", "a GOP aide", "indirect") in got
    assert ("the levy will free up homes", "The Prime Minister", "indirect") in got
    assert ("a tax on a tax", "the opposition", "partial") in got
    assert ("Japan has lodged a protest over the buoy", "the government's top spokesperson",
            "indirect") in got
    assert ("Heavy equipment was seen removing the roof", "Yoon Ji-hoon", "indirect") in got


def test_headlines_that_name_their_source_after_a_colon():
    got = found(
        "N. Korea tearing down family reunion center at Mount Kumgang: unification ministry\n\n"
        "Analysis: Why the talks failed\n\n"
        "Jaishankar with Lavrov at Hyderabad House in New Delhi on Friday. Photo: PTI\n\n"
        "The ministry said the demolition had begun."
    )
    assert ("N. Korea tearing down family reunion center at Mount Kumgang",
            "unification ministry", "indirect") in got
    assert [k for t, s, k in got].count("indirect") == 2  # no label, no photo credit


# --- no actor list: the document's own names ------------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    # a description stays a description: no study's list turns it into its 2022 holder
    ('The U.S. Secretary of State said: "We will not waver."', "The U.S. Secretary of State"),
    ('"The bloc is united," the EU foreign policy chief said.', "the EU foreign policy chief"),
    ('"Bread is dear," said Scholz, a local baker.', "Scholz"),
    # resolved within the document: a surname after the full name
    ('Antony Blinken arrived. "We are ready," Blinken said.', "Antony Blinken"),
])
def test_without_an_actor_list_speakers_are_the_documents_own(text, speaker):
    got = quotes.extract(docs(text), actors=None)
    assert got["speaker"].iloc[-1] == speaker
    assert quotes.extract(docs(text)).equals(got)  # None is the default
