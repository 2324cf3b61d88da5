"""The figure theme, save_figure and the corpus-size plot (the public names are re-exported by :mod:`analysis.plots`)."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import pandas as pd

from .._io import atomic_open
from ..errors import UsageError

__all__ = ["FORMATS", "PALETTE", "save_figure", "size_over_time", "theme"]

#: Output formats written by :func:`save_figure`, with the metadata that would vary per run.
FORMATS: dict[str, dict[str, object]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
#: seaborn's colour-blind-safe qualitative palette (Okabe-Ito-like), used for every figure.
PALETTE = "colorblind"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_RC = {
    "svg.hashsalt": "discourse-analysis",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "figure.dpi": 100,
    "savefig.bbox": "standard",
    "font.family": "DejaVu Sans",
    "axes.titleweight": "bold",
    "axes.titlesize": 12,
    "axes.labelsize": 10,
}


@contextlib.contextmanager
def theme() -> Iterator[None]:
    """Apply the toolkit's figure theme inside a ``with`` block.

    seaborn ``whitegrid`` with the colour-blind palette and fixed fonts; restores the
    previous settings on exit.
    """
    import seaborn as sns

    with plt.rc_context():
        sns.set_theme(style="whitegrid", palette=PALETTE, rc=_RC)
        yield


def save_figure(
    fig: matplotlib.figure.Figure,
    name: str,
    *,
    figures_dir: str | os.PathLike = "figures",
    formats: Sequence[str] = ("png", "svg", "pdf"),
    dpi: int = 300,
) -> list[Path]:
    """Write ``fig`` as ``<figures_dir>/<name>.<format>``, reproducibly and atomically.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem: letters, digits, ``_``, ``-`` and ``.``; conventionally the notebook
        number and the subject, e.g. ``"01_sotu_tokens_by_year"``.
    figures_dir : str or path-like, default "figures"
        Created if missing.
    formats : sequence of {"png", "svg", "pdf"}
    dpi : int, default 300
        Resolution of the PNG.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Notes
    -----
    Follows matplotlib's guidance on reproducible output: ``svg.hashsalt`` fixed, the
    ``Date``/``CreationDate``/``Software`` metadata removed, and ``SOURCE_DATE_EPOCH``
    respected by the PDF backend. Each file is written to a temporary file in the same folder
    and moved into place with :func:`os.replace`.
    """
    if not _SAFE_NAME.match(name):
        raise UsageError(f"figure name {name!r} must be a plain file stem (letters, digits, _-.)")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown figure format(s) {unknown}; choose from {sorted(FORMATS)}")
    out_dir = Path(figures_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with plt.rc_context({"svg.hashsalt": _RC["svg.hashsalt"], "svg.fonttype": "path"}):
        for fmt in formats:
            target = out_dir / f"{name}.{fmt}"
            with atomic_open(target) as fh:
                fig.savefig(fh, format=fmt, dpi=dpi, metadata=FORMATS[fmt])
            written.append(target)
    return written


def size_over_time(
    sizes: pd.DataFrame,
    *,
    x: str = "year",
    y: str = "tokens",
    hue: str | None = None,
    ylabel: str = "tokens per address",
    title: str = "Length of State of the Union addresses, 1790 to today",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Scatter of document size against time, one point per document.

    Parameters
    ----------
    sizes : pandas.DataFrame
        One row per document with columns ``x`` and ``y`` (e.g. the output of
        :func:`analysis.tokenise.document_sizes` joined with corpus metadata).
    x, y : str
        Columns for the axes.
    hue : str, optional
        A categorical column to colour by (e.g. ``"sotu_type"`` or ``"party"``).
    ylabel, title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import seaborn as sns

    missing = [c for c in (x, y, hue) if c is not None and c not in sizes.columns]
    if missing:
        raise KeyError(f"size_over_time: column(s) {missing} not in the table")
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        data = sizes.sort_values([x, y], kind="stable")
        hue_order = sorted(data[hue].dropna().unique()) if hue else None
        sns.scatterplot(
            data=data, x=x, y=y, hue=hue, hue_order=hue_order, ax=ax, s=18, linewidth=0
        )
        ax.set_xlabel(x.replace("_", " "))
        if pd.api.types.is_datetime64_any_dtype(data[x]):
            import matplotlib.dates as mdates

            locator = mdates.AutoDateLocator(maxticks=8)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        ax.set_title(title)
        if hue:
            ax.legend(title=hue.replace("_", " "), frameon=False, fontsize=8)
        ax.figure.tight_layout()
    return ax
