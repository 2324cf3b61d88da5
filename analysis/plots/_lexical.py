"""Figures for frequencies, keyness and collocations; re-exported by :mod:`analysis.keyness`
(``plot_keyness``, ``plot_fightin_words``), :mod:`analysis.collocations` (``plot_collocates``)
and :mod:`analysis.frequency` (``plot_heatmap``).

Like every plot function in the toolkit they draw into ``ax`` (a new figure if ``None``), use
:func:`analysis.plots.theme` and return the Axes; saving is :func:`analysis.plots.save_figure`'s
job. Everything drawn is determined by the table: rows are taken in a fixed order, so the same
table gives the same figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import matplotlib.axes

__all__ = ["plot_collocates", "plot_fightin_words", "plot_heatmap", "plot_keyness"]

_MEASURE_LABELS = {
    "ll": "log-likelihood G² (signed)",
    "log_ratio": "log ratio (log2 of the ratio of relative frequencies)",
    "pct_diff": "%DIFF",
    "chi2": "chi-square (signed)",
    "fightin_words": "log-odds ratio (informative Dirichlet prior)",
    "fightin_words_z": "z-score of the log-odds ratio",
    "mi": "mutual information (bits)",
    "t": "t-score",
    "logdice": "logDice",
}


def _require(table: pd.DataFrame, columns: Sequence[str], who: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"{who}: column(s) {missing} not in the table")


def plot_keyness(
    table: pd.DataFrame,
    *,
    measure: str = "ll",
    n: int = 15,
    target_label: str = "target",
    reference_label: str = "reference",
    title: str = "Keywords",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Horizontal bars of the strongest positive and negative keywords.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`analysis.keyness.compare` (one comparison: select one group of
        :func:`~analysis.keyness.compare_groups` first).
    measure : str, default "ll"
        The column to plot; the ``n`` largest and ``n`` smallest values are drawn (ties by
        term), so over- and under-used words appear together.
    n : int, default 15
    target_label, reference_label : str
        Names of the two corpora for the legend.
    title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    _require(table, ["term", measure], "plot_keyness")
    data = table[["term", measure]].dropna()
    top = data.sort_values([measure, "term"], ascending=[False, True], kind="stable").head(n)
    top = top[top[measure] > 0]
    bottom = data.sort_values([measure, "term"], ascending=[True, True], kind="stable").head(n)
    bottom = bottom[bottom[measure] < 0]
    rows = pd.concat([top, bottom.iloc[::-1]], ignore_index=True)
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 0.22 * max(len(rows), 4) + 1.4))
        colours = sns.color_palette()
        y = np.arange(len(rows))[::-1]
        over = rows[measure].to_numpy(float) > 0
        ax.barh(y[over], rows[measure].to_numpy(float)[over], color=colours[0],
                label=f"more frequent in {target_label}")
        ax.barh(y[~over], rows[measure].to_numpy(float)[~over], color=colours[1],
                label=f"more frequent in {reference_label}")
        ax.set_yticks(y)
        ax.set_yticklabels(rows["term"].tolist(), fontsize=8)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlabel(_MEASURE_LABELS.get(measure, measure))
        ax.set_ylabel("")
        ax.set_title(title)
        ax.legend(frameon=False, fontsize=8, loc="lower right")
        ax.figure.tight_layout()
    return ax


def _spread(values: np.ndarray, gap: float) -> np.ndarray:
    """Move sorted label positions apart so neighbours are at least ``gap`` apart."""
    order = np.argsort(values, kind="stable")
    placed = values[order].astype(float).copy()
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    # centre the block of moved labels on the original positions
    placed -= (placed - values[order]).mean()
    out = np.empty_like(placed)
    out[order] = placed
    return out


def plot_fightin_words(
    table: pd.DataFrame,
    *,
    n_labels: int = 12,
    z: float = 1.96,
    target_label: str = "target",
    reference_label: str = "reference",
    title: str = "Fightin' Words: log-odds ratio against frequency",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Monroe et al.'s (2008) plot: each word's log-odds ratio against its frequency.

    One point per term: x is the combined frequency ``a + b`` (log scale), y the log-odds ratio
    with the informative Dirichlet prior (``fightin_words``). Words with ``|z| >= z`` are
    coloured by the corpus that favours them; the ``n_labels`` words with the largest and the
    smallest z-scores are labelled.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`analysis.keyness.compare` with the ``fightin_words`` measure.
    n_labels : int, default 12
        Words labelled on each side.
    z : float, default 1.96
        The |z| from which a word is coloured (1.96: two-sided 5%, uncorrected).
    target_label, reference_label, title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words. *Political
    Analysis*, 16(4), 372-403 (Figures 1-6).
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    _require(table, ["term", "a", "b", "fightin_words", "fightin_words_z"], "plot_fightin_words")
    data = table.sort_values("term", kind="stable").reset_index(drop=True)
    freq = (data["a"] + data["b"]).to_numpy(float)
    delta = data["fightin_words"].to_numpy(float)
    zs = data["fightin_words_z"].to_numpy(float)
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 6))
        colours = sns.color_palette()
        grey = (0.7, 0.7, 0.7)
        up, down = zs >= z, zs <= -z
        mid = ~(up | down)
        ax.scatter(freq[mid], delta[mid], s=6, color=grey, linewidth=0, label=f"|z| < {z:g}")
        ax.scatter(freq[up], delta[up], s=10, color=colours[0], linewidth=0,
                   label=f"favoured by {target_label} (z ≥ {z:g})")
        ax.scatter(freq[down], delta[down], s=10, color=colours[1], linewidth=0,
                   label=f"favoured by {reference_label} (z ≤ -{z:g})")
        ax.set_xscale("log")
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_xlabel("frequency in both corpora together (a + b, log scale)")
        ax.set_ylabel("log-odds ratio, target vs reference")
        ax.set_title(title)
        order = np.lexsort((data["term"].to_numpy(dtype=str), -zs))
        chosen = [i for i in order[:n_labels] if zs[i] >= z]
        order_low = np.lexsort((data["term"].to_numpy(dtype=str), zs))
        chosen_low = [i for i in order_low[:n_labels] if zs[i] <= -z]
        ax.figure.canvas.draw()  # fix the axis limits before placing labels
        lo, hi = ax.get_ylim()
        gap = 0.045 * (hi - lo)
        x_max = np.log10(ax.get_xlim()[1])
        for idx, side in ((chosen, 1), (chosen_low, -1)):
            if not idx:
                continue
            idx = np.asarray(idx)
            ys = _spread(delta[idx], gap)
            # labels sit to the right of their points, nudged apart vertically
            for i, y_label in zip(idx, ys):
                x_text = 10 ** min(np.log10(freq[i]) + 0.25, x_max - 0.05)
                ax.annotate(
                    str(data["term"].iloc[i]),
                    xy=(freq[i], delta[i]),
                    xytext=(x_text, y_label),
                    fontsize=7,
                    color=colours[0] if side > 0 else colours[1],
                    va="center",
                    arrowprops={"arrowstyle": "-", "color": grey, "linewidth": 0.5},
                )
        ax.legend(frameon=False, fontsize=8, loc="upper right")
        ax.figure.tight_layout()
    return ax


def plot_collocates(
    table: pd.DataFrame,
    *,
    measure: str = "logdice",
    n: int = 15,
    title: str = "Collocates",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Horizontal bars of the ``n`` strongest collocates by ``measure``, with their counts.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`analysis.collocations.collocates`.
    measure : str, default "logdice"
    n : int, default 15
    title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    _require(table, ["collocate", "count", measure], "plot_collocates")
    rows = table.sort_values([measure, "collocate"], ascending=[False, True], kind="stable").head(n)
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(5, 0.28 * max(len(rows), 4) + 1.2))
        y = np.arange(len(rows))[::-1]
        values = rows[measure].to_numpy(float)
        ax.barh(y, values, color=sns.color_palette()[0])
        ax.set_yticks(y)
        ax.set_yticklabels(
            [f"{c} ({k})" for c, k in zip(rows["collocate"], rows["count"])], fontsize=8
        )
        ax.set_xlabel(_MEASURE_LABELS.get(measure, measure))
        ax.set_title(title)
        if len(values) and measure == "logdice":
            ax.set_xlim(min(values.min() - 0.5, 8), 14)
        ax.figure.tight_layout()
    return ax


def plot_heatmap(
    table: pd.DataFrame,
    *,
    x: str,
    y: str,
    value: str,
    x_order: Sequence[object] | None = None,
    y_order: Sequence[object] | None = None,
    annotate: bool = True,
    fmt: str = ".1f",
    colorbar_label: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    title: str = "",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """A heatmap of a tidy table: one cell per (``y``, ``x``) pair, coloured by ``value``.

    For rates per group, e.g. frame hits per 1,000 words per decade
    (:func:`analysis.framing.prevalence`) or term frequency per million per era
    (:func:`analysis.frequency.counts`). Missing cells are left blank, never filled with zero.

    Parameters
    ----------
    table : pandas.DataFrame
    x, y, value : str
        Column for the columns of the map, for its rows, and for the colour.
    x_order, y_order : sequence, optional
        Order of the columns and rows (default: sorted values).
    annotate : bool, default True
        Print each cell's value.
    fmt : str, default ".1f"
    colorbar_label : str, optional (default: ``value``)
    xlabel, ylabel : str, optional
        Axis labels (default: the column names, underscores as spaces).
    title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    _require(table, [x, y, value], "plot_heatmap")
    grid = table.pivot_table(index=y, columns=x, values=value, aggfunc="first", dropna=False)
    grid = grid.reindex(
        index=list(y_order) if y_order is not None else sorted(grid.index),
        columns=list(x_order) if x_order is not None else sorted(grid.columns),
    )
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(max(6, 0.45 * grid.shape[1] + 2), 0.45 * grid.shape[0] + 1.6))
        sns.heatmap(
            grid.astype(float), ax=ax, cmap="rocket_r", annot=annotate, fmt=fmt,
            annot_kws={"fontsize": 6}, linewidths=0.3, linecolor="white",
            cbar_kws={"label": colorbar_label or value},
        )
        ax.set_xlabel(xlabel if xlabel is not None else x.replace("_", " "))
        ax.set_ylabel(ylabel if ylabel is not None else y.replace("_", " "))
        ax.set_title(title)
        longest = max((len(str(c)) for c in grid.columns), default=0)
        ax.tick_params(axis="x", labelrotation=90 if longest > 9 else 0, labelsize=8)
        ax.tick_params(axis="y", labelrotation=0, labelsize=8)
        ax.figure.tight_layout()
    return ax
