"""Validation: how far automatic annotations agree with human coding, and coders with each other.

* :func:`match_spans` pairs automatically found spans (frame hits, quotations) with gold spans
  coded by hand, one to one; :func:`against_gold` turns the pairs into precision, recall and F1
  per label with micro and macro averages, and, for an attribute such as ``speaker``, the share
  of matched pairs that agree on it.
* :func:`agreement` computes Krippendorff's alpha for any number of coders, missing codes and
  nominal, ordinal, interval or ratio data, with the :mod:`krippendorff` package.

Span matching
-------------
A found span and a gold span *match* when they are in the same document (and carry the same
label), and their intersection covers at least ``overlap`` of the **gold** span's characters.
Matching is one to one: all candidate pairs are ranked by the number of shared characters
(largest first; ties by gold start, gold end, found start, found end, then row order) and taken
greedily, each span used at most once. A found span with no partner is a false positive, a gold
span with no partner a false negative.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from .errors import UsageError

__all__ = [
    "LEVELS", "against_gold", "agreement", "match_spans", "read_brat", "read_gold", "sentence_codings",
]

#: Levels of measurement understood by :func:`agreement`.
LEVELS = ("nominal", "ordinal", "interval", "ratio")
_AVERAGES = ("micro", "macro")


# --------------------------------------------------------------------------------------------
# Spans against gold
# --------------------------------------------------------------------------------------------


def read_gold(path: str | os.PathLike) -> pd.DataFrame:
    """Read hand-coded spans from a CSV or JSON Lines file.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` (header row) or ``.jsonl`` (one object per line) file with at least
        ``doc_id, start, end``; other columns (``frame``, ``speaker``, ``kind``, ...) are kept.

    Returns
    -------
    pandas.DataFrame
        The spans in file order; ``start``/``end`` as int64, text columns as strings, an empty
        CSV cell or a JSON ``null`` as a missing value.

    Raises
    ------
    GoldError
        (a ``CorpusError``, a ``ValueError``) naming the file and line, for a missing file or column, a
        malformed line, or a ``start``/``end``
        that is not a whole number or an empty span.

    Examples
    --------
    >>> gold = read_gold("corpus/gold/frames/seed_article.csv")  # doctest: +SKIP
    """
    import csv
    from pathlib import Path

    from .corpus import jsonl_records, read_text
    from .errors import GoldError

    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such file")
    records, lines = [], []
    if path.suffix.lower() == ".jsonl":
        for n, rec in jsonl_records(path):
            records.append(rec)
            lines.append(n)
    elif path.suffix.lower() == ".csv":
        reader = csv.DictReader(read_text(path).splitlines())
        for rec in reader:
            records.append({k: (v if v != "" else None) for k, v in rec.items()})
            lines.append(reader.line_num)
        if reader.fieldnames is None:
            raise GoldError(f"{path}: empty file, expected a header row")
    else:
        raise GoldError(f"{path}: expected a .csv or .jsonl file of spans")
    columns = list(dict.fromkeys(k for rec in records for k in rec)) or ["doc_id", "start", "end"]
    missing = [c for c in ("doc_id", "start", "end") if c not in columns]
    if missing:
        raise GoldError(f"{path}: missing column(s) {', '.join(missing)}")
    for rec, n in zip(records, lines):
        for col in ("start", "end"):
            value = rec.get(col)
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = float("nan")
            if not np.isfinite(number) or number != int(number):
                raise GoldError(f"{path}, line {n}: {col} {value!r} is not a whole number")
            rec[col] = int(number)
        if rec["end"] <= rec["start"]:
            raise GoldError(f"{path}, line {n}: empty span [{rec['start']}, {rec['end']})")
    df = pd.DataFrame.from_records(records, columns=columns)
    df[["start", "end"]] = df[["start", "end"]].astype("int64")
    for col in df.columns:
        if col not in ("start", "end") and df[col].map(lambda v: v is None or isinstance(v, str)).all():
            df[col] = df[col].astype("str")
    return df


def read_brat(path: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    r"""Annotations in brat standoff format (brat, INCEpTION's export): spans and events.

    Parameters
    ----------
    path : str or path-like
        One ``.ann`` file (its ``doc_id`` is the file stem) or a folder of them (every
        ``*.ann``, sorted by name).

    Returns
    -------
    spans : pandas.DataFrame
        One row per text-bound annotation (``T`` line): ``doc_id, ann_id, label, start, end,
        text`` and ``segments`` (``"0 5;9 12"`` for a discontinuous span, whose ``start`` and
        ``end`` cover all its segments). Offsets are characters of the text
        file the annotation belongs to.
    events : pandas.DataFrame
        One row per argument of an event (``E`` line): ``doc_id, event_id, role, ann_id``; the
        trigger is the row whose ``role`` is the event's type (``Attribution:T4``).

    Raises
    ------
    GoldError
        For a missing file, a line that is not brat standoff, or offsets that are not whole
        numbers, naming the file and line. Relation, attribute and note lines (``R``, ``A``,
        ``M``, ``#``) are read past.

    References
    ----------
    Stenetorp, P. et al. (2012). brat: a web-based tool for NLP-assisted text annotation.
    *Proceedings of EACL*, 102-107 (the standoff format).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ann = pathlib.Path(tempfile.mkdtemp()) / "doc1.ann"
    >>> _ = ann.write_text("T1\tSource 0 5\tMaria\nT2\tCue 6 10\tsaid\n"
    ...                    "E1\tAttribution:T2 Source:T1\n")
    >>> spans, events = read_brat(ann)
    >>> spans[["ann_id", "label", "start", "end", "text"]].values.tolist()
    [['T1', 'Source', 0, 5, 'Maria'], ['T2', 'Cue', 6, 10, 'said']]
    >>> events[["event_id", "role", "ann_id"]].values.tolist()
    [['E1', 'Attribution', 'T2'], ['E1', 'Source', 'T1']]
    """
    from pathlib import Path

    from .errors import GoldError

    root = Path(path)
    if root.is_dir():
        files = sorted(root.glob("*.ann"))
        if not files:
            raise GoldError(f"{root}: no .ann files")
    elif root.is_file():
        files = [root]
    else:
        raise GoldError(f"{root}: no such annotation file or folder")
    spans, events = [], []
    for f in files:
        doc_id = f.stem
        try:
            lines = f.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as err:
            raise GoldError(f"{f}: not valid UTF-8 at byte offset {err.start}") from None
        for n, line in enumerate(lines, start=1):
            if not line.strip() or line[0] in "RAM#N*":
                continue
            parts = line.split("\t")
            if line[0] == "T":
                if len(parts) < 2 or " " not in parts[1]:
                    raise GoldError(f"{f}, line {n}: expected 'T<n>\\tLabel start end\\ttext'")
                label, _, offsets = parts[1].partition(" ")
                try:
                    segs = [tuple(int(x) for x in seg.split()) for seg in offsets.split(";")]
                    if any(len(seg) != 2 or seg[1] < seg[0] for seg in segs):
                        raise ValueError
                except ValueError:
                    raise GoldError(f"{f}, line {n}: offsets {offsets!r} are not 'start end[;start end]'") from None
                spans.append((doc_id, parts[0], label, min(a for a, _ in segs), max(b for _, b in segs),
                              parts[2] if len(parts) > 2 else "",
                              ";".join(f"{a} {b}" for a, b in segs)))
            elif line[0] == "E":
                if len(parts) < 2:
                    raise GoldError(f"{f}, line {n}: expected 'E<n>\\tType:T<n> Role:T<n> ...'")
                for arg in parts[1].split():
                    role, _, ann = arg.partition(":")
                    if not ann:
                        raise GoldError(f"{f}, line {n}: argument {arg!r} is not 'Role:T<n>'")
                    events.append((doc_id, parts[0], role.rstrip("0123456789") or role, ann))
            else:
                raise GoldError(f"{f}, line {n}: not a brat standoff line: {line[:40]!r}")
    span_cols = {"doc_id": "str", "ann_id": "str", "label": "str", "start": "int64", "end": "int64",
                 "text": "str", "segments": "str"}
    event_cols = {"doc_id": "str", "event_id": "str", "role": "str", "ann_id": "str"}
    spans_df = pd.DataFrame(spans, columns=list(span_cols)).astype(span_cols)
    events_df = pd.DataFrame(events, columns=list(event_cols)).astype(event_cols)
    return spans_df, events_df


def _check_spans(df: pd.DataFrame, name: str, label: str | None, attribute: str | None) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame, not {type(df).__name__}")
    needed = ["doc_id", "start", "end"] + ([label] if label else []) + ([attribute] if attribute else [])
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise UsageError(f"{name} table lacks column(s) {', '.join(missing)}")
    out = pd.DataFrame({"row": np.arange(len(df), dtype=np.int64)})
    out["doc_id"] = df["doc_id"].astype("str").to_numpy()
    for col in ("start", "end"):
        values = pd.to_numeric(df[col], errors="coerce")
        bad = values.isna() | (values != values.round())
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise UsageError(f"{name} row {i} (doc_id {out['doc_id'][i]!r}): {col} "
                             f"{df[col].iloc[i]!r} is not a whole number")
        out[col] = values.to_numpy().astype(np.int64)
    empty = out["end"] <= out["start"]
    if empty.any():
        i = int(np.flatnonzero(empty.to_numpy())[0])
        raise UsageError(
            f"{name} row {i} (doc_id {out['doc_id'][i]!r}): empty span "
            f"[{out['start'][i]}, {out['end'][i]})"
        )
    if label:
        lab = df[label]
        if lab.isna().any():
            i = int(np.flatnonzero(lab.isna().to_numpy())[0])
            raise UsageError(f"{name} row {i} (doc_id {out['doc_id'][i]!r}): missing {label}")
        out["label"] = lab.astype("str").to_numpy()
        reserved = sorted(set(out["label"]) & set(_AVERAGES))
        if reserved:
            raise UsageError(f"{name}: {label} {reserved[0]!r} is reserved for the averages")
    else:
        out["label"] = ""
    if attribute:
        out["attr"] = df[attribute].astype(object).to_numpy()
    return out


def _same(a: object, b: object) -> bool:
    missing_a = a is None or a is pd.NA or (isinstance(a, float) and np.isnan(a))
    missing_b = b is None or b is pd.NA or (isinstance(b, float) and np.isnan(b))
    if missing_a or missing_b:
        return missing_a and missing_b
    return a == b


def match_spans(
    found: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    overlap: float = 0.3,
    label: str | None = "frame",
    attribute: str | None = None,
) -> pd.DataFrame:
    """Pair found spans with gold spans one to one, keeping the unmatched on both sides.

    Parameters
    ----------
    found, gold : pandas.DataFrame
        Spans with ``doc_id, start, end``, the ``label`` column (unless ``label=None``) and the
        ``attribute`` column when given. Other columns are ignored.
    overlap : float, default 0.3
        Minimum share of the gold span's characters the found span must cover, in ``(0, 1]``.
    label : str or None, default "frame"
        Column holding the class; spans only match within a class. ``None``: one class.
    attribute : str, optional
        A column to compare between matched spans (e.g. ``"speaker"``); two missing values
        count as agreeing.

    Returns
    -------
    pandas.DataFrame
        One row per pair or unmatched span: ``doc_id``, the ``label`` column (if any),
        ``status`` (``tp``, ``fp`` or ``fn``), ``found_row`` and ``gold_row`` (positions in the
        input tables), ``found_start, found_end, gold_start, gold_end``, ``shared`` (characters
        in common) and ``coverage`` (``shared`` over the gold span's length); with an
        attribute, ``found_<attribute>``, ``gold_<attribute>`` and ``attribute_match``. Sorted
        by ``doc_id``, label, then the span's start (gold start where there is one).

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 20], "end": [10, 30],
    ...                      "frame": ["threat", "threat"]})
    >>> found = pd.DataFrame({"doc_id": ["d", "d"], "start": [2, 40], "end": [8, 45],
    ...                       "frame": ["threat", "threat"]})
    >>> match_spans(found, gold)[["status", "found_row", "gold_row", "coverage"]]
      status  found_row  gold_row  coverage
    0     tp          0         0       0.6
    1     fn       <NA>         1       0.0
    2     fp          1      <NA>       0.0
    """
    if not 0 < overlap <= 1:
        raise UsageError(f"overlap must be in (0, 1], not {overlap!r}")
    f = _check_spans(found, "found", label, attribute)
    g = _check_spans(gold, "gold", label, attribute)

    pairs = f.merge(g, on=["doc_id", "label"], suffixes=("_f", "_g"))
    shared = (np.minimum(pairs["end_f"], pairs["end_g"]) - np.maximum(pairs["start_f"], pairs["start_g"]))
    cover = shared / (pairs["end_g"] - pairs["start_g"])
    pairs = pairs.assign(shared=shared, coverage=cover)
    pairs = pairs[(pairs["shared"] > 0) & (pairs["coverage"] >= overlap - 1e-12)]
    pairs = pairs.sort_values(
        ["shared", "start_g", "end_g", "start_f", "end_f", "row_g", "row_f"],
        ascending=[False, True, True, True, True, True, True],
        kind="stable",
    )
    used_f: set[int] = set()
    used_g: set[int] = set()
    chosen = []
    for rf, rg in zip(pairs["row_f"].tolist(), pairs["row_g"].tolist()):
        if rf in used_f or rg in used_g:
            continue
        used_f.add(rf)
        used_g.add(rg)
        chosen.append((rf, rg))

    ch = np.asarray(chosen, dtype=np.int64).reshape(-1, 2)
    rf, rg = ch[:, 0], ch[:, 1]
    lone_f = np.setdiff1d(f["row"].to_numpy(), rf)
    lone_g = np.setdiff1d(g["row"].to_numpy(), rg)
    fs, fe = f["start"].to_numpy(), f["end"].to_numpy()
    gs, ge = g["start"].to_numpy(), g["end"].to_numpy()
    shared_tp = np.minimum(fe[rf], ge[rg]) - np.maximum(fs[rf], gs[rg])
    n_tp, n_fp, n_fn = len(rf), len(lone_f), len(lone_g)

    def take(values: np.ndarray, idx: np.ndarray) -> np.ndarray:
        return np.asarray(values, dtype=object)[idx] if len(idx) else np.zeros(0, dtype=object)

    def ints(parts: list) -> pd.array:
        return pd.array(np.concatenate([np.asarray(p, dtype=object) for p in parts]), dtype="Int64")

    none = lambda n: np.full(n, None, dtype=object)  # noqa: E731
    out = pd.DataFrame(
        {
            "status": ["tp"] * n_tp + ["fp"] * n_fp + ["fn"] * n_fn,
            "doc_id": np.concatenate([take(f["doc_id"], rf), take(f["doc_id"], lone_f), take(g["doc_id"], lone_g)]),
            "label": np.concatenate([take(f["label"], rf), take(f["label"], lone_f), take(g["label"], lone_g)]),
            "found_row": ints([rf, lone_f, none(n_fn)]),
            "gold_row": ints([rg, none(n_fp), lone_g]),
            "found_start": ints([fs[rf], fs[lone_f], none(n_fn)]),
            "found_end": ints([fe[rf], fe[lone_f], none(n_fn)]),
            "gold_start": ints([gs[rg], none(n_fp), gs[lone_g]]),
            "gold_end": ints([ge[rg], none(n_fp), ge[lone_g]]),
            "shared": np.concatenate([shared_tp, np.zeros(n_fp + n_fn, dtype=np.int64)]).astype(np.int64),
            "coverage": np.concatenate(
                [shared_tp / np.maximum(ge[rg] - gs[rg], 1), np.zeros(n_fp + n_fn)]
            ).astype(np.float64),
        }
    )
    out = out.astype({"status": "str", "doc_id": "str", "label": "str"})
    if attribute:
        fa, ga = f["attr"].to_numpy(dtype=object), g["attr"].to_numpy(dtype=object)
        out["found_attr"] = np.concatenate([take(fa, rf), take(fa, lone_f), none(n_fn)])
        out["gold_attr"] = np.concatenate([take(ga, rg), none(n_fp), take(ga, lone_g)])
    else:
        out["found_attr"] = none(len(out))
        out["gold_attr"] = none(len(out))
    out["_pos"] = out["gold_start"].fillna(out["found_start"])
    out["_end"] = out["gold_end"].fillna(out["found_end"])
    out = out.sort_values(["doc_id", "label", "_pos", "_end", "status"], kind="stable")
    out = out.drop(columns=["_pos", "_end"]).reset_index(drop=True)
    front = ["doc_id", "label", "status"]
    out = out[front + [c for c in out.columns if c not in front]]
    if attribute:
        out["attribute_match"] = [
            _same(a, b) if s == "tp" else pd.NA
            for s, a, b in zip(out["status"], out["found_attr"], out["gold_attr"])
        ]
        out["attribute_match"] = out["attribute_match"].astype("boolean")
        out = out.rename(columns={"found_attr": f"found_{attribute}", "gold_attr": f"gold_{attribute}"})
    else:
        out = out.drop(columns=["found_attr", "gold_attr"])
    if label:
        out = out.rename(columns={"label": label})
    else:
        out = out.drop(columns="label")
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def against_gold(
    found: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    overlap: float = 0.3,
    label: str | None = "frame",
    attribute: str | None = None,
) -> pd.DataFrame:
    """Precision, recall and F1 of found spans against gold spans, per label and averaged.

    Parameters
    ----------
    found, gold, overlap, label, attribute
        As in :func:`match_spans`, which does the pairing.

    Returns
    -------
    pandas.DataFrame
        One row per label (sorted), then ``micro`` and ``macro``, in a column named after
        ``label`` (``"label"`` when ``label=None``, with only the two average rows). Columns:

        ``tp, fp, fn``
            matched pairs, unmatched found spans, unmatched gold spans (the average rows hold
            the totals);
        ``precision, recall, f1``
            ``tp/(tp+fp)``, ``tp/(tp+fn)``, ``2tp/(2tp+fp+fn)``; missing where the denominator
            is zero (a label never found has no precision). ``micro`` computes them from the
            totals; ``macro`` is the unweighted mean over labels of the defined values
            (scikit-learn's ``zero_division=np.nan``);
        ``attribute_correct, attribute_accuracy``
            with ``attribute``: matched pairs agreeing on it, and that count over ``tp``.

    References
    ----------
    Grimmer, J. & Stewart, B. M. (2013). Text as data: the promise and pitfalls of automatic
    content analysis methods for political texts. *Political Analysis* 21(3), 267-297
    (validating dictionaries against hand coding).

    Van Rijsbergen, C. J. (1979). *Information Retrieval*, 2nd ed. Butterworths (F-measure).

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 20], "end": [10, 30],
    ...                      "frame": ["threat", "threat"]})
    >>> found = pd.DataFrame({"doc_id": ["d", "d"], "start": [2, 40], "end": [8, 45],
    ...                       "frame": ["threat", "threat"]})
    >>> against_gold(found, gold)
        frame  tp  fp  fn  precision  recall   f1
    0  threat   1   1   1        0.5     0.5  0.5
    1   micro   1   1   1        0.5     0.5  0.5
    2   macro   1   1   1        0.5     0.5  0.5
    """
    pairs = match_spans(found, gold, overlap=overlap, label=label, attribute=attribute)
    col = label or "label"
    if label:
        labels = sorted(
            set(found[label].astype("str")) | set(gold[label].astype("str"))
        )
    else:
        labels = []
    status = pairs["status"].to_numpy()
    key = pairs[label].to_numpy() if label else np.full(len(pairs), "")
    rows = []
    for lab in labels:
        sel = key == lab
        rows.append((lab, (sel & (status == "tp")).sum(), (sel & (status == "fp")).sum(),
                     (sel & (status == "fn")).sum()))
    tp = np.array([r[1] for r in rows], dtype=np.int64)
    fp = np.array([r[2] for r in rows], dtype=np.int64)
    fn = np.array([r[3] for r in rows], dtype=np.int64)
    t_tp, t_fp, t_fn = int((status == "tp").sum()), int((status == "fp").sum()), int((status == "fn").sum())

    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    micro = (_ratio(t_tp, t_tp + t_fp), _ratio(t_tp, t_tp + t_fn), _ratio(2 * t_tp, 2 * t_tp + t_fp + t_fn))
    if labels:
        with np.errstate(all="ignore"), _quiet():
            macro = tuple(float(np.nanmean(v)) if np.isfinite(v).any() else np.nan
                          for v in (precision, recall, f1))
    else:
        macro = tuple(float(v) for v in micro)
    out = pd.DataFrame(
        {
            col: pd.Series([*labels, "micro", "macro"], dtype="str"),
            "tp": np.r_[tp, t_tp, t_tp].astype(np.int64),
            "fp": np.r_[fp, t_fp, t_fp].astype(np.int64),
            "fn": np.r_[fn, t_fn, t_fn].astype(np.int64),
            "precision": np.r_[precision, micro[0], macro[0]].astype(float),
            "recall": np.r_[recall, micro[1], macro[1]].astype(float),
            "f1": np.r_[f1, micro[2], macro[2]].astype(float),
        }
    )
    if attribute:
        match = pairs["attribute_match"].fillna(False).to_numpy(dtype=bool)
        correct = np.array([(match & (key == lab)).sum() for lab in labels], dtype=np.int64)
        accuracy = _ratio(correct, tp)
        t_correct = int(match.sum())
        micro_acc = float(_ratio(t_correct, t_tp))
        if labels and np.isfinite(accuracy).any():
            macro_acc = float(np.nanmean(accuracy))
        else:
            macro_acc = micro_acc if not labels else np.nan
        out["attribute_correct"] = np.r_[correct, t_correct, t_correct].astype(np.int64)
        out["attribute_accuracy"] = np.r_[accuracy, micro_acc, macro_acc].astype(float)
    return out


class _quiet:
    """Silence numpy's 'mean of empty slice' warnings inside averages."""

    def __enter__(self):
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", category=RuntimeWarning)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


# --------------------------------------------------------------------------------------------
# Inter-coder agreement
# --------------------------------------------------------------------------------------------


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds (for readable messages)."""
    return value.item() if isinstance(value, np.generic) else value


def sentence_codings(
    spans: Mapping[str, pd.DataFrame],
    sentences: pd.DataFrame,
    *,
    labels: Sequence[str],
    label: str = "frame",
) -> pd.DataFrame:
    """Span codes turned into sentence-level codes, one row per coder, sentence and label.

    Every (sentence, label) pair is a unit; a coder's value is 1 when one of its spans of that
    label starts in the sentence, else 0. Hand coding and a dictionary's hits become two coders
    of the same units, ready for :func:`agreement`.

    Parameters
    ----------
    spans : mapping of str to pandas.DataFrame
        Coder name -> spans with ``doc_id``, ``start`` and ``label`` columns (hand codes from
        :func:`read_gold`, hits from :func:`analysis.framing.find`).
    sentences : pandas.DataFrame
        :func:`analysis.tokenise.sentences` of the coded documents (``doc_id, sent_id, start``).
    labels : sequence of str
        Every label a unit can have (a codebook's frame names).
    label : str, default "frame"

    Returns
    -------
    pandas.DataFrame
        ``coder, unit, value`` with ``unit`` = ``"doc_id/sent_id/label"``, every coder coding
        every unit.

    Examples
    --------
    >>> sents = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "start": [0, 10]})
    >>> hand = pd.DataFrame({"doc_id": ["d"], "start": [12], "frame": ["threat"]})
    >>> lexicon = pd.DataFrame({"doc_id": ["d"], "start": [3], "frame": ["threat"]})
    >>> codes = sentence_codings({"hand": hand, "lexicon": lexicon}, sents, labels=["threat"])
    >>> codes.values.tolist()
    [['hand', 'd/0/threat', 0], ['hand', 'd/1/threat', 1], ['lexicon', 'd/0/threat', 1], ['lexicon', 'd/1/threat', 0]]
    """
    missing = [c for c in ("doc_id", "sent_id", "start") if c not in sentences.columns]
    if missing:
        raise UsageError(f"sentences lack column(s) {', '.join(missing)}")
    units = sentences[["doc_id", "sent_id"]].merge(pd.DataFrame({label: list(labels)}), how="cross")
    ordered = sentences[["doc_id", "sent_id", "start"]].sort_values("start", kind="stable")
    parts = []
    for coder, table in spans.items():
        lacking = [c for c in ("doc_id", "start", label) if c not in table.columns]
        if lacking:
            raise UsageError(f"spans of coder {coder!r} lack column(s) {', '.join(lacking)}")
        located = pd.merge_asof(
            table[["doc_id", "start", label]].sort_values("start", kind="stable"),
            ordered, on="start", by="doc_id",
        )
        coded = located[["doc_id", "sent_id", label]].dropna().drop_duplicates().assign(value=1)
        coded["sent_id"] = coded["sent_id"].astype(units["sent_id"].dtype)
        merged = units.merge(coded, how="left", on=["doc_id", "sent_id", label]).fillna({"value": 0})
        parts.append(pd.DataFrame({
            "coder": coder,
            "unit": merged["doc_id"].astype(str) + "/" + merged["sent_id"].astype(str) + "/"
            + merged[label].astype(str),
            "value": merged["value"].astype("int64"),
        }))
    return pd.concat(parts, ignore_index=True)


def agreement(
    codings: pd.DataFrame,
    *,
    level: str | Sequence[str] = "nominal",
    values: Sequence | None = None,
) -> pd.DataFrame:
    """Krippendorff's alpha for a tidy table of codes, with any number of coders and gaps.

    Parameters
    ----------
    codings : pandas.DataFrame
        ``coder, unit, value``: one row per code a coder gave a unit. A missing code is an
        absent row (a missing ``value`` counts as absent too). At most one row per coder and
        unit.
    level : {"nominal", "ordinal", "interval", "ratio"} or a sequence of them
        Level(s) of measurement; one result row per level.
    values : sequence, optional
        The ordered value domain. Needed for ordinal data coded as text ("low" < "mid" <
        "high"); by default the sorted distinct values. Every code must be in it.

    Returns
    -------
    pandas.DataFrame
        One row per level: ``level, alpha, n_units, n_coders, n_pairable`` where ``n_units``
        and ``n_coders`` count the distinct units and coders in ``codings`` and ``n_pairable``
        is the number of codes in units coded by at least two coders (Krippendorff's *n*, the
        values alpha is computed from). ``alpha`` is missing when the pairable codes show no
        variation at all (alpha is undefined then).

    Raises
    ------
    ValueError
        For missing columns, an unknown level, two codes from one coder for one unit (naming
        both rows), codes outside ``values``, text codes at the interval or ratio level, or no
        unit coded by two coders.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
    Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43

    Hayes, A. F. & Krippendorff, K. (2007). Answering the call for a standard reliability
    measure for coding data. *Communication Methods and Measures* 1(1), 77-89.

    Castro, S. (2017). Fast Krippendorff: fast computation of Krippendorff's alpha agreement
    measure. https://github.com/pln-fing-udelar/fast-krippendorff (the ``krippendorff``
    package used here).

    Examples
    --------
    >>> codings = pd.DataFrame({"coder": ["a", "a", "a", "b", "b", "b"],
    ...                         "unit": [1, 2, 3, 1, 2, 3],
    ...                         "value": ["x", "y", "y", "x", "y", "x"]})
    >>> agreement(codings).round(3)
         level  alpha  n_units  n_coders  n_pairable
    0  nominal  0.444        3         2           6
    """
    import krippendorff

    levels = [level] if isinstance(level, str) else list(level)
    for lv in levels:
        if lv not in LEVELS:
            raise UsageError(f"level must be one of {', '.join(LEVELS)}, not {lv!r}")
    missing = [c for c in ("coder", "unit", "value") if c not in codings.columns]
    if missing:
        raise UsageError(f"codings table lacks column(s) {', '.join(missing)}")
    n_units = int(codings["unit"].nunique())
    n_coders = int(codings["coder"].nunique())
    data = codings.reset_index(drop=True)
    data = data[data["value"].notna()]
    dup = data.duplicated(["coder", "unit"], keep=False)
    if dup.any():
        first = data[dup].iloc[0]
        rows = data.index[dup & (data["coder"] == first["coder"]) & (data["unit"] == first["unit"])]
        raise UsageError(
            f"coder {_plain(first['coder'])!r} coded unit {_plain(first['unit'])!r} more than once "
            f"(rows {', '.join(map(str, rows))})"
        )
    raw = data["value"].tolist()
    if values is None:
        try:
            domain = sorted(set(raw))
        except TypeError:
            domain = sorted(set(raw), key=str)
    else:
        domain = list(values)
        outside = [v for v in dict.fromkeys(raw) if v not in set(domain)]
        if outside:
            raise UsageError(f"code {outside[0]!r} is not in values={domain!r}")
    numeric = all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
                  for v in domain)

    code = {v: i for i, v in enumerate(domain)}
    units = pd.factorize(data["unit"], sort=True)[0]
    counts = np.zeros((units.max() + 1 if len(units) else 0, len(domain)), dtype=np.float64)
    np.add.at(counts, (units, np.array([code[v] for v in raw], dtype=np.int64)), 1)
    m_u = counts.sum(axis=1)
    pairable = counts[m_u >= 2]
    n_pairable = int(pairable.sum())
    if n_pairable == 0:
        raise UsageError("no unit was coded by two or more coders: alpha needs pairable values")

    rows = []
    for lv in levels:
        if lv in ("interval", "ratio") and not numeric:
            raise UsageError(f"{lv} alpha needs numeric codes; got {domain[:3]!r}")
        observed = (pairable.sum(axis=0) > 0).sum()
        if observed < 2:
            alpha = np.nan
        else:
            domain_values = np.asarray(domain, dtype=float) if numeric else np.arange(len(domain))
            alpha = float(
                krippendorff.alpha(value_counts=counts, value_domain=domain_values, level_of_measurement=lv)
            )
        rows.append((lv, alpha, n_units, n_coders, n_pairable))
    out = pd.DataFrame(rows, columns=["level", "alpha", "n_units", "n_coders", "n_pairable"])
    return out.astype({"level": "str", "alpha": "float64", "n_units": "int64", "n_coders": "int64",
                       "n_pairable": "int64"})
