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


# --------------------------------------------------------------------------------------------
# Real news annotated by others: PolNeAR (brat standoff)
# --------------------------------------------------------------------------------------------

#: Marks that make an attribution's content a quotation.
_QUOTE_MARKS = ('"', "\u201c", "\u201d", "\u00ab", "\u00bb")


def read_attributions(folder: str | os.PathLike, split: str = "dev") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(texts, gold) of one split of a PolNeAR-style corpus: ``<folder>/<split>/text/*.txt`` and
    ``<folder>/<split>/attributions/<name>_<annotator>.ann`` (brat standoff, read with
    :func:`analysis.validate.read_brat`; the first annotator's file by name when several coded
    an article).

    ``gold`` has one row per attribution the protocol scores: ``doc_id, start, end`` (the
    content), ``kind`` (``direct`` for content holding quotation marks, else ``indirect``: kept
    only when its cue is a speech or writing verb or "according to"; inner states are not
    quotations), ``speaker`` (the Source's text), ``source_start, source_end`` and ``cue``.
    Texts are read as the annotators' offsets count them (no normalisation).
    """
    from pathlib import Path

    from ..validate import read_brat
    from . import _lexicon as lex

    root = Path(folder) / split
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "text").glob("*.txt"))}
    if not texts:
        from ..errors import GoldError

        raise GoldError(f"{root / 'text'}: no texts")
    chosen = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in texts and stem not in chosen:
            chosen[stem] = ann
    rows = []
    for stem, ann in chosen.items():
        spans, events = read_brat(ann)
        by_id = spans.set_index("ann_id")
        for _, ev in events.groupby("event_id", sort=False):
            roles = dict(zip(ev["role"], ev["ann_id"]))
            if "Content" not in roles or "Cue" not in roles:
                continue
            content = by_id.loc[roles["Content"]]
            cue = str(by_id.loc[roles["Cue"]]["text"])
            source = by_id.loc[roles["Source"]] if "Source" in roles else None
            quoted = any(m in content["text"] for m in _QUOTE_MARKS)
            words = cue.lower().replace("\u2019", "'").split()
            speech = "according to" in cue.lower() or any(w in lex.SAY_VERBS for w in words)
            if not quoted and not speech:
                continue
            rows.append({
                "doc_id": stem, "start": int(content["start"]), "end": int(content["end"]),
                "kind": "direct" if quoted else "indirect",
                "speaker": None if source is None else str(source["text"]),
                "source_start": None if source is None else int(source["start"]),
                "source_end": None if source is None else int(source["end"]),
                "cue": cue,
            })
    docs = pd.DataFrame({"doc_id": list(chosen), "text": [texts[s] for s in chosen]})
    gold = pd.DataFrame(rows, columns=["doc_id", "start", "end", "kind", "speaker", "source_start",
                                       "source_end", "cue"])
    return docs, gold


def _same_speaker(found_name, f_span, gold_name, g_span) -> bool:
    """The protocol's speaker test: the mention overlaps the gold Source, or the names agree
    (equal, or the same last word: "Clinton" for "Hillary Clinton")."""
    if f_span is not None and g_span is not None and None not in f_span and None not in g_span:
        if min(f_span[1], g_span[1]) > max(f_span[0], g_span[0]):
            return True
    if not found_name or not gold_name:
        return False
    a, b = " ".join(str(found_name).casefold().split()), " ".join(str(gold_name).casefold().split())
    if a == b:
        return True
    return a.split()[-1].strip(".,'\u2019s") == b.split()[-1].strip(".,'\u2019s")


def score_attributions(
    found: pd.DataFrame, gold: pd.DataFrame, *, overlap: float = 0.3, n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """Quotation F1 and speaker accuracy against attribution gold from
    :func:`read_attributions`, with document-bootstrap 95% intervals.

    A found span matches a gold content when it covers at least ``overlap`` of it, one to one
    (:func:`analysis.validate.match_spans`); scare quotes are left out. Groups: ``quote_marks``
    (found direct or partial against gold content with quotation marks), ``indirect`` (reported
    speech) and ``all``. The intervals resample documents with replacement (``n_boot`` times,
    seeded) and recompute F1 and accuracy from the summed counts.
    """
    import numpy as np

    from ..validate import match_spans

    groups = {"quote_marks": (("direct", "partial"), ("direct",)),
              "indirect": (("indirect",), ("indirect",)),
              "all": (("direct", "partial", "indirect"), ("direct", "indirect"))}
    docs = sorted(set(gold["doc_id"]) | set(found["doc_id"].astype(str)))
    index = {d: i for i, d in enumerate(docs)}
    rng = np.random.default_rng(random_state)
    draws = rng.integers(0, len(docs), size=(n_boot, len(docs)))
    rows = []
    for group, (fk, gk) in groups.items():
        f = found[found["kind"].isin(fk)].reset_index(drop=True)
        g = gold[gold["kind"].isin(gk)].reset_index(drop=True)
        pairs = match_spans(f[["doc_id", "start", "end"]].astype({"doc_id": str}),
                            g[["doc_id", "start", "end"]], overlap=overlap, label=None)
        counts = np.zeros((len(docs), 4))  # tp, fp, fn, speaker correct
        for r in pairs.itertuples(index=False):
            d = index[str(r.doc_id)]
            if r.status == "tp":
                fr, gr = f.iloc[int(r.found_row)], g.iloc[int(r.gold_row)]
                ok = _same_speaker(
                    fr["speaker"] if fr["speaker"] == fr["speaker"] else None,
                    (fr["speaker_start"], fr["speaker_end"]) if pd.notna(fr["speaker_start"]) else None,
                    gr["speaker"],
                    (gr["source_start"], gr["source_end"]) if pd.notna(gr["source_start"]) else None,
                )
                counts[d] += (1, 0, 0, ok)
            elif r.status == "fp":
                counts[d, 1] += 1
            else:
                counts[d, 2] += 1
        tp, fp, fn, ok = counts.sum(axis=0)
        boot = counts[draws].sum(axis=1)  # n_boot x 4
        with np.errstate(invalid="ignore", divide="ignore"):
            f1s = 2 * boot[:, 0] / (2 * boot[:, 0] + boot[:, 1] + boot[:, 2])
            accs = boot[:, 3] / boot[:, 0]
        rows.append({
            "group": group, "tp": int(tp), "fp": int(fp), "fn": int(fn),
            "precision": tp / (tp + fp) if tp + fp else float("nan"),
            "recall": tp / (tp + fn) if tp + fn else float("nan"),
            "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
            "f1_low": float(np.nanpercentile(f1s, 2.5)), "f1_high": float(np.nanpercentile(f1s, 97.5)),
            "speaker_correct": int(ok), "speaker_accuracy": ok / tp if tp else float("nan"),
            "speaker_low": float(np.nanpercentile(accs, 2.5)), "speaker_high": float(np.nanpercentile(accs, 97.5)),
        })
    return pd.DataFrame(rows)
