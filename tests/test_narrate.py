"""The sentences of the study templates: numbers from the table, corpus text escaped, no
finding invented from an empty table."""

from __future__ import annotations

import pandas as pd

from analysis import narrate, quotes


def test_frames_names_counts_rates_and_zero_hit_frames():
    rates = pd.DataFrame({"frame": ["a", "b", "c"], "hits": [3, 40, 0],
                          "tokens": [1000, 1000, 1000], "per_1000": [3.0, 40.0, 0.0]})
    text = narrate.frames(rates, labels={"a": "Alpha", "b": "Beta", "c": "Gamma"})
    assert text.startswith("The most prevalent frame is **Beta**: 40 hits, 40.00 per 1,000 words.")
    assert "**Alpha** (3 hits, 3.00 per 1,000)" in text
    assert "1 of 3 frames has no hit in this corpus: Gamma." in text
    none = narrate.frames(rates.assign(hits=0, per_1000=0.0))
    assert "None of the 3 frames" in none and "most prevalent" not in none


def test_corpus_text_is_escaped():
    found = pd.DataFrame({"speaker": ["<script>alert(1)</script>", "*Bold* _name_"],
                          "kind": ["direct", "direct"], "text": ["We act.", "We wait now."]})
    text = narrate.voices(quotes.voices(found))
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\*Bold\\* \\_name\\_" in text


def test_voices_shares_use_every_quoted_word():
    found = pd.DataFrame({"speaker": ["A", "A", "B", None], "kind": ["direct", "direct", "direct", "direct"],
                          "text": ["one two three", "four", "five six", "seven eight nine ten"]})
    table = quotes.voices(found)
    text = narrate.voices(table, top=1)
    # A has 4 of the 10 quoted words (the unattributed quotation counts in the total).
    assert "This speaker holds 40% of all the words in quotation marks." in text
    assert "1 quotation has no speaker the rules could find." in text


def test_empty_tables_say_so():
    assert narrate.voices(quotes.voices(quotes.extract(pd.DataFrame(
        {"doc_id": ["d"], "text": ["No one spoke."]})))).startswith("The extractor found no quotation")
    assert narrate.top_words(pd.DataFrame(columns=["term", "count"])) == "The corpus has no content words to count."
    assert "no validation result" in narrate.validation(pd.DataFrame({"frame": ["x"], "tp": [0]}))


def test_validation_reports_micro_scores_and_the_weakest_frame():
    scores = pd.DataFrame({
        "frame": ["a", "b", "micro", "macro"], "tp": [8, 1, 9, 9], "fp": [2, 0, 2, 2],
        "fn": [2, 9, 11, 11], "precision": [0.8, 1.0, 9 / 11, 0.9],
        "recall": [0.8, 0.1, 9 / 20, 0.45], "f1": [0.8, 2 / 11, 18 / 31, 0.49]})
    text = narrate.validation(scores, labels={"b": "Beta"})
    assert "Against 20 hand-coded spans, the codebook found 11 hits, 9 of them matching" in text
    assert "precision 0.82, recall 0.45, F1 0.58 (micro)" in text
    assert "Recall is lowest for **Beta** (0.10: 9 of 10 coded spans missed)" in text
    assert "With 20 coded spans, these figures are rough estimates." in text


def test_small_groups_are_flagged():
    rates = pd.DataFrame({"source": ["x", "y"], "frame": ["a", "a"], "hits": [5, 1],
                          "tokens": [500, 100], "per_1000": [10.0, 10.0]})
    text = narrate.frames_by_group(rates, "source", documents={"x": 20, "y": 2})
    assert "1 group (y) has fewer than five documents" in text
