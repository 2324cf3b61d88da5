"""What the quotation rules find on every gold set, span by span: snapshot files to review.

Each gold set's extraction is kept in ``tests/snapshots/quotes/<set>.tsv``: one line per found
quotation or reported clause (document, span, kind, speaker, the rule that attributed it, the
first words). A change to the rules that changes any line fails here with the lines that
changed, as a diff, so its effect can be read; when the change is intended, regenerate the
files and commit them with the change::

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_quote_snapshots.py

Quality is held separately: development sets to a tolerance below their recorded figures, the
test set to its floor (tests/test_quotes.py).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from analysis import quotes

from .conftest import CASE_ACTORS

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "quotes"
HEADER = "doc_id\tstart\tend\tkind\tspeaker\trule\ttext"


def _lines(found) -> list[str]:
    out = [HEADER]
    for r in found.itertuples(index=False):
        speaker = "" if r.speaker is None or r.speaker != r.speaker else str(r.speaker)
        words = " ".join(str(r.text).split()[:8]).replace("\t", " ")
        out.append(f"{r.doc_id}\t{r.start}\t{r.end}\t{r.kind}\t{speaker}\t{r.rule}\t{words}")
    return out


@pytest.mark.parametrize("name", list(quotes.GOLD_SETS))
def test_gold_set_snapshot(name):
    texts, _ = quotes.gold_set(name)
    got = _lines(quotes.extract(texts, actors=CASE_ACTORS))
    path = SNAPSHOTS / f"{name}.tsv"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(got) + "\n", encoding="utf-8")
    assert path.is_file(), f"{path} missing: run with UPDATE_SNAPSHOTS=1 and commit it"
    want = path.read_text(encoding="utf-8").splitlines()
    if got != want:
        diff = "\n".join(difflib.unified_diff(want, got, "snapshot", "now", n=0, lineterm=""))
        pytest.fail(
            f"the rules find something else on {name} (review, then UPDATE_SNAPSHOTS=1):\n{diff}",
            pytrace=False,
        )


def test_every_row_names_its_rule():
    texts, _ = quotes.gold_set("heldout7")
    found = quotes.extract(texts, actors=CASE_ACTORS)
    assert found["rule"].notna().all() and set(found["rule"]) <= set(quotes.RULES)
    assert {"cue after quotation", "cue before quotation", "reported clause"} <= set(found["rule"])


# One example of every rule, in the order of quotes.RULES: the row it makes and its speaker.
RULE_EXAMPLES = {
    "cue after quotation": ('"We are ready," said Maria Lopez.', "Maria Lopez", "direct"),
    "cue before quotation": ('Maria Lopez said: "We are ready for anything that comes."',
                             "Maria Lopez", "direct"),
    "later cue in sentence": ('The "hysteria" must stop, Maria Lopez said.', "Maria Lopez", "partial"),
    "cue in next sentence": ('Priya Kaur stood up.\n\n"When?" Kaur replied.', "Priya Kaur", "direct"),
    "colon after a name": ('Maria Lopez: "We are ready for anything that comes."', "Maria Lopez", "direct"),
    "passive report": ('The minister was accused of "balancing the books on the backs of the poor".',
                       None, "partial"),
    "named actor before": ('Mr. Doyle addressed a crowd of workers. "Brothers, we will win this fight '
                           'together."', "Doyle", "direct"),
    "continuation": ('"We are ready," said Maria Lopez. "We have waited for this moment for years."',
                     "Maria Lopez", "direct"),
    "cue in neighbouring sentence": ('Maria Lopez spoke at length. She said the plan was bold. It was, '
                                     'in her words, "a leap of faith".', "Maria Lopez", "partial"),
    "name, not speech": ('The states are called "people\'s democracies" by their rulers.', None, "scare"),
    "scare marker": ('The so-called "peace plan" was never published.', None, "scare"),
    "title of a work": ('Maria Lopez said on "Morning Edition" that the plan was bold.', None, "scare"),
    "no speaker": ('The plan was a "leap of faith" for the town.', None, "scare"),
    "reported clause": ("Maria Lopez said the talks had failed.", "Maria Lopez", "indirect"),
    "according to": ("According to Maria Lopez, the talks had failed.", "Maria Lopez", "indirect"),
    "trailing attribution": ("The talks ended without a deal, the ministry said in a statement.",
                             "the ministry", "indirect"),
    "parenthetical": ("Russia, Maria Lopez said, was counting on a long war of attrition.",
                      "Maria Lopez", "indirect"),
    "headline colon": ("N. Korea tearing down family reunion center at Mount Kumgang: unification "
                       "ministry\n\nThe ministry said the demolition had begun.",
                       "unification ministry", "indirect"),
}


def test_every_rule_has_an_example():
    assert list(RULE_EXAMPLES) == list(quotes.RULES)


@pytest.mark.parametrize("rule", list(RULE_EXAMPLES))
def test_rule_example(rule):
    import pandas as pd

    text, speaker, kind = RULE_EXAMPLES[rule]
    found = quotes.extract(pd.DataFrame({"doc_id": ["d"], "text": [text]}))
    rows = found[found["rule"] == rule]
    assert len(rows), f"{rule!r} made no row: {found[['text', 'rule', 'speaker']].values.tolist()}"
    row = rows.iloc[0]
    assert row["kind"] == kind
    assert (None if row["speaker"] != row["speaker"] else row["speaker"]) == speaker
