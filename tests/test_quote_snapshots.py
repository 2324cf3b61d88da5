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
