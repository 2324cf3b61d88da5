"""A content-addressed cache of DataFrames as Parquet files (internal to :mod:`analysis.pipeline`).

Layout: ``<root>/<stage>/<key>.parquet`` and, beside it, ``<key>.json``, a sidecar holding the
SHA-256 and size of the Parquet file, the row count and the column dtypes. ``key`` is the
SHA-256 of everything the table depends on (see :func:`stage_key`), so a file is never updated
in place: new inputs give a new key, and stale entries are simply never read again.

Writes are atomic: each file is written to a temporary name in the same folder, flushed to
disk and moved into place with :func:`os.replace`; the Parquet file goes first and the sidecar
last, so a reader never trusts a Parquet file whose write did not finish. On reading, a file
whose bytes do not match the sidecar's checksum, that pyarrow cannot read, or whose rows and
dtypes differ from the sidecar's, is removed (with a :class:`CacheWarning`) and the caller
recomputes it.

Only Parquet and JSON are read back: nothing is unpickled.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import tempfile
import warnings
from pathlib import Path

import pandas as pd

__all__ = ["CacheWarning", "ParquetCache", "code_digest", "module_closure", "stage_key"]

_FORMAT = 1
_CHUNK = 1 << 20


from .._io import write_atomic
from ..errors import CacheWarning  # noqa: E402  (re-exported by analysis.pipeline)


def stage_key(**parts: object) -> str:
    """SHA-256 (hex) of a JSON-serialisable description of a computation.

    Examples
    --------
    >>> stage_key(stage="sentences", corpus="abc") == stage_key(corpus="abc", stage="sentences")
    True
    >>> len(stage_key(stage="tokens"))
    64
    """
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


#: The root of the ``analysis`` package (module names below are dotted, relative to it:
#: ``"tokenise"``, ``"quotes._rules"``; a package's name means its ``__init__``).
_PACKAGE = Path(__file__).resolve().parent.parent


def _source(name: str) -> Path | None:
    """The file of module ``name`` (relative dotted name; "" is the package itself)."""
    base = _PACKAGE.joinpath(*name.split(".")) if name else _PACKAGE
    if name and base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _is_package(name: str) -> bool:
    src = _source(name)
    return src is not None and src.name == "__init__.py"


def _imports(name: str) -> set[str]:
    """Modules of this package that module ``name`` imports anywhere (including inside
    functions), from its source, as relative dotted names."""
    tree = ast.parse(_source(name).read_text(encoding="utf-8"))
    here = name if _is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()

    def absolute(level: int, module: str | None) -> str:
        parts = here.split(".") if here else []
        base = parts[: len(parts) - (level - 1)] if level > 1 else parts
        return ".".join([*base, *(module.split(".") if module else [])])

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level >= 1:
                target = absolute(node.level, node.module)
            elif (node.module or "").startswith(f"{_PACKAGE.name}.") or node.module == _PACKAGE.name:
                target = node.module.partition(".")[2]
            else:
                continue
            found.add(target)
            for alias in node.names:  # `from . import x`: x may be a module
                sub = f"{target}.{alias.name}" if target else alias.name
                if _source(sub) is not None:
                    found.add(sub)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(f"{_PACKAGE.name}."):
                    found.add(alias.name.partition(".")[2])
    out = set()
    for m in found:
        if _source(m) is None:
            continue
        out.add(m)
        parts = m.split(".")
        for i in range(1, len(parts)):  # importing a.b runs a/__init__ first
            if _is_package(".".join(parts[:i])):
                out.add(".".join(parts[:i]))
    out.discard("")  # the top-level __init__ only lists modules; it computes nothing
    return out


def module_closure(*roots: str) -> list[str]:
    """The package modules ``roots`` import, directly or not, ``roots`` included, sorted.

    Examples
    --------
    >>> "_columns" in module_closure("tokenise")
    True
    >>> "plots" in module_closure("tokenise")
    False
    >>> {"quotes._resolve", "quotes._marks", "actors"} <= set(module_closure("quotes"))
    True
    """
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_imports(name) - seen)
    return sorted(seen)


@functools.lru_cache(maxsize=32)
def code_digest(*roots: str, imports: bool = True) -> str:
    """SHA-256 of the source files of ``roots`` and (``imports=True``) of every package module
    they import, so an edited checkout never reuses tables that older code computed, while an
    edit elsewhere in the package (a plot, a notebook helper) keeps them."""
    h = hashlib.sha256()
    for name in module_closure(*roots) if imports else sorted(roots):
        h.update(name.encode("utf-8") + b"\x00")
        h.update(_source(name).read_bytes())
        h.update(b"\x00")
    return h.hexdigest()


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _dtypes(df: pd.DataFrame) -> dict[str, str]:
    return {str(c): str(t) for c, t in df.dtypes.items()}


class ParquetCache:
    """DataFrames stored as Parquet under ``root``, keyed by stage name and content key.

    Parameters
    ----------
    root : str or Path
        The cache folder; created on first write.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> cache = ParquetCache(folder.name)
    >>> key = stage_key(stage="demo")
    >>> cache.get("demo", key) is None
    True
    >>> cache.put("demo", key, pd.DataFrame({"n": [1, 2]}))
    >>> cache.get("demo", key)["n"].tolist()
    [1, 2]
    >>> folder.cleanup()
    """

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def paths(self, stage: str, key: str) -> tuple[Path, Path]:
        """The Parquet file and its JSON sidecar for ``(stage, key)``."""
        folder = self.root / stage
        return folder / f"{key}.parquet", folder / f"{key}.json"

    def _discard(self, stage: str, key: str, why: str) -> None:
        data, meta = self.paths(stage, key)
        warnings.warn(
            f"pipeline cache: {data} {why}; removed, recomputing the {stage!r} stage",
            CacheWarning,
            stacklevel=3,
        )
        for path in (data, meta):
            if path.is_dir() and not path.is_symlink():
                import shutil

                shutil.rmtree(path, ignore_errors=True)  # a folder where an entry belongs
            else:
                path.unlink(missing_ok=True)

    def get(self, stage: str, key: str) -> pd.DataFrame | None:
        """The cached table, or None when absent or unusable (an unusable entry is removed)."""
        data, meta = self.paths(stage, key)
        if not data.exists():
            return None
        if not data.is_file():
            self._discard(stage, key, "is not a file")
            return None
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            expected = (info["format"], info["sha256"], info["bytes"], info["rows"], info["dtypes"])
        except FileNotFoundError:
            self._discard(stage, key, "has no checksum sidecar (an interrupted write?)")
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self._discard(stage, key, "has an unreadable checksum sidecar")
            return None
        fmt, sha, size, rows, dtypes = expected
        if fmt != _FORMAT:
            self._discard(stage, key, f"was written in cache format {fmt!r}")
            return None
        if data.stat().st_size != size or _file_sha256(data) != sha:
            self._discard(stage, key, "does not match its checksum (truncated or corrupted)")
            return None
        try:
            df = pd.read_parquet(data, engine="pyarrow")
        except Exception as err:  # pyarrow raises several types for damaged files
            self._discard(stage, key, f"cannot be read ({type(err).__name__}: {err})")
            return None
        if len(df) != rows or _dtypes(df) != dtypes:
            self._discard(stage, key, "does not hold the rows and dtypes it was written with")
            return None
        return df

    def put(self, stage: str, key: str, df: pd.DataFrame) -> None:
        """Store ``df`` atomically: the Parquet file is written and fsynced beside its target,
        its checksum sidecar is put in place, and only then the Parquet file, so a reader in
        another run never finds a table without its sidecar (and never discards a table that
        is still being written)."""
        data, meta = self.paths(stage, key)
        data.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{data.name}.", suffix=".tmp", dir=data.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            df.to_parquet(tmp, engine="pyarrow", index=False)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            info = {
                "format": _FORMAT,
                "stage": stage,
                "sha256": _file_sha256(tmp),
                "bytes": tmp.stat().st_size,
                "rows": len(df),
                "dtypes": _dtypes(df),
            }
            text = json.dumps(info, indent=1, sort_keys=True)
            write_atomic(meta, text)
            os.replace(tmp, data)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
