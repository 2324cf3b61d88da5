"""Where a notebook's parameters point, whichever folder it runs from.

Every notebook's ``parameters`` cell names its inputs and outputs relative to the repository
root (``corpus = "corpus/news"``, ``figures_dir = "figures"``). Jupyter and nbval run a
notebook from ``notebooks/``, ``make report`` likewise, and papermill from wherever it is
called; :func:`resolve` makes all of them mean the same files:

* an absolute path is used as it is;
* a relative path that exists from the current folder is used from there (a researcher's
  ``-p corpus my/corpus`` on the command line);
* otherwise it is taken relative to the repository root: the first folder with
  ``pyproject.toml``, ``corpus/`` and ``notebooks/`` found walking up from the current folder
  (never the checkout the package happens to be installed from: a researcher's notebook
  elsewhere must not read or write the toolkit's own files);
* with no repository at all, relative to the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["project_root", "resolve", "resolve_parameters"]


def project_root(start: str | os.PathLike | None = None) -> Path | None:
    """The repository root above ``start`` (default: the current folder), or None."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "corpus").is_dir() and (
            folder / "notebooks"
        ).is_dir():
            return folder
    return None


def resolve(path: str | os.PathLike, *, output: bool = False) -> str:
    """Resolve a parameter path as described in the module notes; returns an absolute path.

    Parameters
    ----------
    path : str or path-like
    output : bool, default False
        An output location (a figures folder): it need not exist yet, so the current-folder
        rule only applies when its parent folder exists there and no repository is found.
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return str(p)
    here = Path.cwd()
    if not output and (here / p).exists():
        return str((here / p).resolve())
    root = project_root(here)
    base = root if root is not None else here
    return str((base / p).resolve())


def resolve_parameters(
    corpus: str, lexicon: str, actors: str, reference: str, figures_dir: str
) -> tuple[str, str, str, str, str]:
    """Resolve a notebook's five standard parameters (``reference="sotu"`` stays as it is)."""
    return (
        resolve(corpus),
        resolve(lexicon),
        resolve(actors),
        reference if reference == "sotu" else resolve(reference),
        resolve(figures_dir, output=True),
    )
