"""Reading corpus files: folders of .txt files, CSV, JSON Lines, Parquet, with their rows'
places for error messages (internal; see :mod:`analysis.corpus`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CorpusError, CorpusWarning, UsageError  # noqa: F401


_BOM = "\ufeff"
_NEWLINES = re.compile(r"\r\n?")
#: What stands for "/" in the doc_id of a file in a subfolder (``load(..., recursive=True)``).
ID_SEPARATOR = "__"


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


def surrogate_at(text: str) -> int | None:
    """The position of the first unpaired surrogate in ``text`` (undecodable bytes smuggled
    into a string), or None when the text is valid Unicode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return err.start
    return None


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
            at = surrogate_at(value) if isinstance(value, str) else None
            if at is not None:
                raise CorpusError(
                    f"{path}, line {n}: field {key!r} holds an unpaired surrogate "
                    f"(\\u{ord(value[at]):04x}) at character {at}, which is no text; fix the "
                    "exporter that wrote it"
                )
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
