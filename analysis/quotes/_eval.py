"""Scoring :func:`analysis.quotes.extract` against hand-annotated gold quotations.

Internal helper shared by ``tests/test_quotes.py``, ``benchmarks/quotes.py`` and the voices
notebook. The matching itself is :func:`analysis.validate.against_gold`; this module only
prepares the two tables (scare quotes out, speakers normalised) and reports the figures per
group of kinds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..corpus import CorpusError, jsonl_records
from ..errors import UsageError

#: The gold set shipped with the repository: the development set (the rules were revised
#: while looking at its errors) in ``gold.jsonl`` and ``texts/``.
GOLD_DIR = Path(__file__).resolve().parents[2] / "corpus" / "gold" / "quotes"
#: The gold sets by name, for :func:`gold_set`: the development set in the folder itself,
#: then the held-out sets in sub-folders of the same layout, in the order they were written.
#: Each held-out set was written and annotated blind to the code and measured once; the sets
#: whose errors the rules were then revised on are development data since (their READMEs
#: record the blind figures).
GOLD_SETS = {
    "dev": GOLD_DIR,
    "heldout": GOLD_DIR / "heldout",
    "heldout2": GOLD_DIR / "heldout2",
    "heldout3": GOLD_DIR / "heldout3",
    "heldout4": GOLD_DIR / "heldout4",
    "heldout5": GOLD_DIR / "heldout5",
    "heldout6": GOLD_DIR / "heldout6",
    "heldout7": GOLD_DIR / "heldout7",
}
#: The role of each set: "development" (the rules were revised on its errors) or "test"
#: (never used to revise them; its figures measure quality on unseen news).
GOLD_ROLES = {
    "dev": "development",
    "heldout": "development",
    "heldout2": "development",
    "heldout3": "development",
    "heldout4": "development",
    "heldout5": "development",
    "heldout6": "development",
    "heldout7": "test",
}


def gold_set(name: str = "dev") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(texts, gold spans) of the gold set ``name``, one of :data:`GOLD_SETS` (its role in
    :data:`GOLD_ROLES`)."""
    from ..corpus import load

    if name not in GOLD_SETS:
        raise UsageError(f"unknown gold set {name!r}; expected one of {sorted(GOLD_SETS)}")
    folder = GOLD_SETS[name]
    if not folder.is_dir():
        from ..errors import StudyError

        raise StudyError(
            f"{folder}: the compendium's gold sets are not here (they are part of the "
            "repository, not of the installed package)"
        )
    return load(folder / "texts"), load_gold(folder / "gold.jsonl")

#: Groups of kinds scored separately: every quotation, those in quote marks, reported speech.
GROUPS = {
    "all": ("direct", "partial", "indirect"),
    "quote_marks": ("direct", "partial"),
    "indirect": ("indirect",),
}


def load_gold(path: str | os.PathLike = GOLD_DIR / "gold.jsonl") -> pd.DataFrame:
    """Gold spans as a table: ``doc_id, start, end, text, speaker, kind``.

    Raises
    ------
    CorpusError
        For a line that is not a JSON object with those fields (file and line named).
    """
    path = Path(path)
    rows = []
    for n, rec in jsonl_records(path):
        missing = {"doc_id", "start", "end", "speaker", "kind"} - set(rec)
        if missing:
            raise CorpusError(f"{path}, line {n}: missing field(s) {', '.join(sorted(missing))}")
        rows.append(rec)
    df = pd.DataFrame.from_records(rows)
    return df.astype({"doc_id": "str", "start": "int64", "end": "int64", "kind": "str"})


def _speaker_key(value, index) -> str | None:
    from ..actors import _key

    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    return _key(index.normalise(str(value))) or None


def score(
    found: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    actors=None,
    overlap: float = 0.3,
) -> pd.DataFrame:
    """Precision, recall, F1 and speaker accuracy of ``found`` against ``gold``.

    Returns
    -------
    pandas.DataFrame
        One row per group of :data:`GROUPS` (``group``), with ``tp, fp, fn, precision, recall,
        f1`` and ``speaker_correct, speaker_accuracy`` (among matched pairs), from
        :func:`analysis.validate.against_gold` with ``label=None, attribute="speaker"``.
    """
    from ..actors import _index
    from ..validate import against_gold

    index = _index(actors)
    rows = []
    for group, kinds in GROUPS.items():
        f = found[found["kind"].isin(kinds)]
        g = gold[gold["kind"].isin(kinds)]
        f = pd.DataFrame({
            "doc_id": f["doc_id"].astype("str").to_numpy(),
            "start": f["start"].to_numpy(),
            "end": f["end"].to_numpy(),
            "speaker": [_speaker_key(s, index) for s in f["speaker"].astype(object)],
        })
        g = pd.DataFrame({
            "doc_id": g["doc_id"].astype("str").to_numpy(),
            "start": g["start"].to_numpy(),
            "end": g["end"].to_numpy(),
            "speaker": [_speaker_key(s, index) for s in g["speaker"].astype(object)],
        })
        res = against_gold(f, g, overlap=overlap, label=None, attribute="speaker")
        micro = res[res["label"] == "micro"].iloc[0]
        rows.append({
            "group": group,
            "tp": int(micro["tp"]),
            "fp": int(micro["fp"]),
            "fn": int(micro["fn"]),
            "precision": float(micro["precision"]),
            "recall": float(micro["recall"]),
            "f1": float(micro["f1"]),
            "speaker_correct": int(micro["attribute_correct"]),
            "speaker_accuracy": float(micro["attribute_accuracy"]),
        })
    return pd.DataFrame(rows)
