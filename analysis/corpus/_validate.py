"""Checking a corpus table: safe unique ids, texts, dates by one stated rule (internal; see
:mod:`analysis.corpus`).
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CorpusError, CorpusWarning, UsageError  # noqa: F401
from ._read import (  # noqa: F401
    surrogate_at,
    _check_columns,
    _decode,
)


# A doc_id becomes a file stem (cache files, per-document exports), so it must not be able to
# name another place: no path separators, no "..", no leading dot, no control characters.
_UNSAFE_ID = re.compile(r"[/\\<>:\"|?*]|\.\.|^\.|^\s|\s$")
# Names Windows reserves for devices, with or without an extension.
_RESERVED_ID = re.compile(r"^(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\..*)?$", re.IGNORECASE)
#: Longest doc_id, in UTF-8 bytes (a file stem must fit a file system's 255-byte names).
_MAX_ID_BYTES = 200
_DATE_WORDS = frozenset({"today", "now", "yesterday", "tomorrow"})


def _where(df: pd.DataFrame, source: Sequence[str] | None, i: int) -> str:
    """Name row ``i``: its file and line when known, else its doc_id, else its row number."""
    parts = []
    if source is not None:
        parts.append(source[i])
    doc_id = df["doc_id"].iloc[i] if "doc_id" in df.columns else None
    if isinstance(doc_id, str) and doc_id:
        parts.append(f"document {doc_id!r}")
    if not parts:
        parts.append(f"row {i}")
    return ", ".join(parts)


def _unsafe_id(doc_id: str) -> str | None:
    """Why ``doc_id`` is not a safe file stem, or None."""
    if _UNSAFE_ID.search(doc_id):
        return "path separators, '..', a leading dot, surrounding spaces or one of < > : \" | ? *"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn") for ch in doc_id):
        return "control, format (zero-width, bidirectional), line-separator or unassigned characters"
    if _RESERVED_ID.match(doc_id):
        return "a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1, LPT1, ...)"
    if len(doc_id.encode("utf-8", "surrogatepass")) > _MAX_ID_BYTES:
        return f"more than {_MAX_ID_BYTES} bytes in UTF-8"
    return None


def validate(
    df: pd.DataFrame,
    *,
    source: Sequence[str] | None = None,
    date_source: Sequence[str] | None = None,
    date_format: str | None = None,
    dayfirst: bool | None = None,
    date_unit: str | None = None,
) -> pd.DataFrame:
    """Check a corpus table and return it in canonical form, never changing a text.

    Canonical form: ``doc_id`` and ``text`` as strings (``text`` decoded from UTF-8 bytes if
    need be), ``date`` as UTC timestamps, rows sorted by ``doc_id``, a fresh ``RangeIndex``.
    The input is not modified. Validating twice gives the same table (every stage validates,
    so every stage's spans index the same strings).

    Parameters
    ----------
    df : pandas.DataFrame
        At least ``doc_id`` and ``text``.
    source : sequence of str, optional
        Where each row came from (``"docs.csv, line 4"``), used in error messages. Defaults
        to ``df.attrs["source"]`` when present.
    date_source : sequence of str, optional
        Where each row's date came from, when not from ``source`` (a ``metadata.csv`` line).
    date_format, dayfirst, date_unit : optional
        The date rule (see the module notes); default ISO 8601.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    CorpusError
        Naming the file, line or document, for: a missing ``doc_id``/``text`` column; a text
        that is missing (a metadata row with no text), empty or whitespace only, holding an
        unpaired surrogate, or bytes that are not UTF-8 (with the byte offset); a ``doc_id``
        that is missing, duplicated (also under Unicode normalisation), or not a safe file stem
        (path separators, ``..``, a leading dot, ``< > : " | ? *``, control or invisible
        characters, a reserved device name, more than 200 bytes); a ``date`` the rule cannot
        read.

    Warns
    -----
    CorpusWarning
        For texts with carriage returns or not in NFC: :func:`load` and :func:`normalise` fix
        both, ``validate`` leaves the text as it is.
    """
    if not isinstance(df, pd.DataFrame):
        raise CorpusError(f"expected a pandas DataFrame of documents, got {type(df).__name__}")
    _check_columns(list(df.columns), Path("<corpus table>"))
    if source is None and isinstance(df.attrs.get("source"), Mapping):
        src = df.attrs["source"]
        source = [src.get(d, f"row {i}") for i, d in enumerate(df["doc_id"])]
    if source is not None and len(source) != len(df):
        raise UsageError("source must name every row of df")

    df = df.reset_index(drop=True).copy()
    ids = df["doc_id"].tolist()
    for i, doc_id in enumerate(ids):
        if doc_id is None or (isinstance(doc_id, float) and math.isnan(doc_id)) or doc_id == "":
            raise CorpusError(f"{_where(df, source, i)}: missing doc_id")
        if not isinstance(doc_id, str):
            doc_id = str(doc_id)
            ids[i] = doc_id
        why = _unsafe_id(doc_id)
        if why:
            raise CorpusError(
                f"{_where(df, source, i)}: doc_id {doc_id!r} is not a safe file stem ({why})"
            )
    df["doc_id"] = pd.Series(ids, dtype=object)
    seen: dict[str, int] = {}
    for i, doc_id in enumerate(ids):
        key = unicodedata.normalize("NFC", doc_id)
        if key in seen:
            same = "" if ids[seen[key]] == doc_id else " (the same name in two Unicode forms)"
            raise CorpusError(
                f"duplicate doc_id {doc_id!r}{same}: {_where(df, source, seen[key])} and "
                f"{_where(df, source, i)}"
            )
        seen[key] = i

    texts = df["text"].tolist()
    unnormalised = []
    for i, text in enumerate(texts):
        if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
            raise CorpusError(f"{_where(df, source, i)}: metadata row with no text")
        if isinstance(text, (bytes, bytearray)):
            text = _decode(bytes(text), _where(df, source, i))
        elif isinstance(text, str):
            at = surrogate_at(text)
            if at is not None:
                raise CorpusError(
                    f"{_where(df, source, i)}: text holds an unpaired surrogate at character "
                    f"{at} (undecodable bytes smuggled in); re-read the file as UTF-8"
                )
            if "\r" in text or not unicodedata.is_normalized("NFC", text):
                unnormalised.append(ids[i])
        else:
            raise CorpusError(
                f"{_where(df, source, i)}: text must be a string, got {type(text).__name__}"
            )
        if not text.strip():
            raise CorpusError(f"{_where(df, source, i)}: empty or whitespace-only text")
        texts[i] = text
    df["text"] = pd.Series(texts, dtype=object)
    if unnormalised:
        warnings.warn(
            f"{len(unnormalised)} text(s) with carriage returns or not in Unicode NFC, kept as "
            "they are: " + ", ".join(unnormalised[:5]) + (" ..." if len(unnormalised) > 5 else "")
            + "; corpus.load and corpus.normalise put texts in the form the toolkit's terms and "
            "cues are written in",
            CorpusWarning,
            stacklevel=2,
        )

    if "date" in df.columns:
        df["date"] = _parse_dates(
            df, date_source if date_source is not None else source,
            date_format=date_format, dayfirst=dayfirst, date_unit=date_unit,
        )

    order = np.argsort(np.asarray(ids, dtype=object), kind="stable")
    df = df.iloc[order].reset_index(drop=True)
    df["doc_id"] = df["doc_id"].astype("str")
    df["text"] = df["text"].astype("str")
    if source is not None:
        df.attrs["source"] = {ids[j]: source[j] for j in order}
    return df


def _parse_dates(
    df: pd.DataFrame,
    source: Sequence[str] | None,
    *,
    date_format: str | None = None,
    dayfirst: bool | None = None,
    date_unit: str | None = None,
) -> pd.Series:
    """The ``date`` column by one rule (see the module notes); a value the rule cannot read is
    an error naming its row."""
    col = df["date"]
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        return col.dt.tz_convert("UTC").rename("date")
    if pd.api.types.is_datetime64_dtype(col.dtype):
        return col.dt.tz_localize("UTC").rename("date")
    values = col.astype(object)
    present = [
        not (v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and math.isnan(v))
             or (isinstance(v, str) and not v.strip()))
        for v in values
    ]
    numeric = [
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and ok
        for v, ok in zip(values, present)
    ]
    if date_unit is not None:
        bad = [i for i, (ok, num) in enumerate(zip(present, numeric)) if ok and not num]
        if bad:
            i = bad[0]
            raise CorpusError(
                f"{_where(df, source, i)}: date {values[i]!r} is not a number, but "
                f"date_unit={date_unit!r} reads numbers"
            )
        nums = pd.to_numeric(pd.Series([v if ok else np.nan for v, ok in zip(values, present)]))
        try:
            parsed = pd.to_datetime(nums, unit=date_unit, utc=True)
        except (ValueError, OverflowError) as err:
            raise CorpusError(f"date column: cannot read the numbers as {date_unit!r} ({err})") from None
        return pd.Series(pd.DatetimeIndex(parsed), index=col.index, name="date")
    if any(numeric):
        i = numeric.index(True)
        raise CorpusError(
            f"{_where(df, source, i)}: date {values[i]!r} is a number; dates are read as text "
            "(ISO 8601: 2022-01-27), or pass date_unit='s' (or 'ms') if the numbers are Unix times"
        )
    strings = []
    for i, (v, ok) in enumerate(zip(values, present)):
        if not ok:
            strings.append(None)
            continue
        if isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "isoformat"):
            v = pd.Timestamp(v).isoformat()
        v = str(v).strip()
        if v.lower() in _DATE_WORDS:
            raise CorpusError(
                f"{_where(df, source, i)}: date {v!r} depends on when the analysis runs; give "
                "the date itself"
            )
        strings.append(v)
    series = pd.Series(strings, dtype=object)
    rule = (f"the format {date_format!r}" if date_format else
            f"dayfirst={dayfirst}" if dayfirst is not None else "ISO 8601")
    try:
        if date_format:
            parsed = pd.to_datetime(series, format=date_format, utc=True, errors="coerce")
        elif dayfirst is not None:
            parsed = pd.to_datetime(series, dayfirst=dayfirst, utc=True, errors="coerce")
        else:
            parsed = pd.to_datetime(series, format="ISO8601", utc=True, errors="coerce")
    except (ValueError, TypeError) as err:
        raise CorpusError(f"date column: cannot be read by {rule} ({err})") from None
    failed = [i for i, ok in enumerate(present) if ok and pd.isna(parsed.iloc[i])]
    if failed:
        i = failed[0]
        hint = ("; give the rule of this column: date_format='%d/%m/%Y' (or --date-format), "
                "or dayfirst=True/False" if rule == "ISO 8601" else "")
        more = f" ({len(failed) - 1} more such values)" if len(failed) > 1 else ""
        raise CorpusError(
            f"{_where(df, source, i)}: cannot read date {values[i]!r} by {rule}{hint}{more}"
        )
    return pd.Series(pd.DatetimeIndex(parsed), index=col.index, name="date")
