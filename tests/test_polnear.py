"""PolNeAR, real news annotated by others, read right (skips when ../shared/polnear is absent;
nothing of it is committed). The figures themselves are in benchmarks/polnear.py."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from analysis import quotes, validate
from analysis.quotes._eval import read_attributions, score_attributions

from .conftest import ROOT

POLNEAR = ROOT.parent / "shared" / "polnear"
pytestmark = pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/polnear is not here")


def test_brat_spans_are_the_texts_own_characters():
    spans, events = validate.read_brat(POLNEAR / "dev" / "attributions")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (POLNEAR / "dev" / "text").glob("*.txt")}
    single = spans[~spans["segments"].str.contains(";")]
    doc = single["doc_id"].str.rsplit("_", n=1).str[0]
    same = [texts[d][s:e] == t for d, s, e, t in zip(doc, single["start"], single["end"], single["text"])]
    assert len(single) > 8000 and all(same)
    assert set(events["role"]) >= {"Attribution", "Source", "Cue", "Content"}


def test_dev_split_is_scored_by_the_protocol():
    docs, gold = read_attributions(POLNEAR, "dev")
    assert len(docs) == 84 and len(gold) > 1000
    assert set(gold["kind"]) == {"direct", "indirect"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = score_attributions(quotes.extract(docs), gold, n_boot=200).set_index("group")
    for group in ("quote_marks", "indirect", "all"):
        row = table.loc[group]
        assert row["tp"] + row["fn"] == (gold["kind"].isin(["direct"] if group == "quote_marks" else
                                                           ["indirect"] if group == "indirect" else
                                                           ["direct", "indirect"])).sum()
        assert row["f1_low"] <= row["f1"] <= row["f1_high"]
        assert row["speaker_low"] <= row["speaker_accuracy"] <= row["speaker_high"]
