"""Figures for sentence sentiment; re-exported by :mod:`analysis.sentiment`.

Like every plot function in the toolkit they draw into ``ax`` (a new figure if ``None``),
use :func:`analysis.plots.theme` and return the Axes; saving is
:func:`analysis.plots.save_figure`'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import matplotlib.axes

__all__ = ["plot_over_time", "plot_sentences"]


def plot_sentences(
    scores: pd.DataFrame,
    *,
    x: str = "sent_id",
    y: str = "compound",
    marked: str | None = None,
    marked_label: str = "contains a quotation",
    title: str = "Sentiment sentence by sentence",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Bars of sentence sentiment in document order, optionally marking some sentences.

    Parameters
    ----------
    scores : pandas.DataFrame
        One document's sentences, the output of :func:`analysis.sentiment.score`.
    x, y : str
        Sentence position and score columns.
    marked : str, optional
        A boolean column; ``True`` rows are drawn in a second colour and hatched (e.g.
        sentences that contain quotation marks).
    marked_label, title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    missing = [c for c in (x, y, marked) if c is not None and c not in scores.columns]
    if missing:
        raise KeyError(f"plot_sentences: column(s) {missing} not in the table")
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        colours = sns.color_palette()
        data = scores.sort_values(x, kind="stable")
        flag = (
            data[marked].to_numpy(dtype=bool) if marked else np.zeros(len(data), dtype=bool)
        )
        xs = data[x].to_numpy()
        ys = data[y].to_numpy(dtype=float)
        ax.bar(xs[~flag], ys[~flag], color=colours[0], width=0.8, label="other sentences")
        if marked:
            ax.bar(
                xs[flag], ys[flag], color=colours[1], width=0.8, hatch="//", edgecolor="white",
                label=marked_label,
            )
            ax.legend(
                frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2
            )
        ax.axhline(0, color="black", linewidth=0.6)
        for t in (0.05, -0.05):
            ax.axhline(t, color="grey", linewidth=0.5, linestyle=":")
        ax.set_xlim(-0.8, (xs.max() if len(xs) else 0) + 0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("sentence position (sent_id)")
        ax.set_ylabel(f"VADER {y} (-1 to 1)" if y == "compound" else y)
        ax.set_title(title)
        ax.figure.tight_layout()
    return ax


def plot_over_time(
    summary: pd.DataFrame,
    *,
    x: str = "year",
    hue: str | None = "party",
    y: str = "mean_compound",
    low: str = "mean_ci_low",
    high: str = "mean_ci_high",
    hue_order: Sequence[str] | None = None,
    title: str = "Mean sentence sentiment over time",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Points and confidence bands of a group summary against time, one colour per ``hue``.

    Parameters
    ----------
    summary : pandas.DataFrame
        The output of :func:`analysis.sentiment.aggregate`, e.g. ``by=["year", "party"]``.
    x, hue, y, low, high : str
        Time column, colour column, estimate and the interval's bounds.
    hue_order : sequence of str, optional
        Order of the colours (the theme's palette in turn); values not listed follow in
        sorted order. Default: sorted ``hue`` values.
    title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    missing = [c for c in (x, hue, y, low, high) if c is not None and c not in summary.columns]
    if missing:
        raise KeyError(f"plot_over_time: column(s) {missing} not in the table")
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 4.5))
        colours = sns.color_palette()
        data = summary.sort_values([x] + ([hue] if hue else []), kind="stable")
        if hue:
            present = sorted(data[hue].dropna().unique())
            # Levels missing from hue_order are drawn after it, never dropped.
            levels = [*(hue_order or []), *(v for v in present if v not in (hue_order or []))]
        else:
            levels = [None]
        for k, level in enumerate(levels):
            part = data if level is None else data[data[hue] == level]
            if part.empty:
                continue
            colour = colours[k % len(colours)]
            xs = part[x].to_numpy()
            ax.vlines(
                xs, part[low].to_numpy(float), part[high].to_numpy(float),
                color=colour, alpha=0.35, linewidth=2,
            )
            ax.scatter(xs, part[y].to_numpy(float), color=colour, s=10, label=level, zorder=3)
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_xlabel(x.replace("_", " "))
        ax.set_ylabel("mean VADER compound per sentence" if y == "mean_compound" else y)
        ax.set_title(title)
        if hue:
            ax.legend(
                title=hue.replace("_", " "), frameon=False, fontsize=8, title_fontsize=8,
                loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=4,
            )
        ax.figure.tight_layout()
    return ax
