"""The voices figure; re-exported by :mod:`analysis.quotes`.

Like every plot function in the toolkit it draws into ``ax`` (a new figure if ``None``), uses
:func:`analysis.plots.theme` and returns the Axes; saving is
:func:`analysis.plots.save_figure`'s job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from ..errors import UsageError

if TYPE_CHECKING:
    import matplotlib.axes

__all__ = ["plot_voices"]

_SEGMENTS = [
    ("direct_words", "direct quotation"),
    ("partial_words", "partial quotation"),
    ("indirect_words", "reported (indirect) speech"),
]


def plot_voices(
    voices: pd.DataFrame,
    *,
    top: int = 15,
    title: str = "Who is quoted, and how much",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Horizontal stacked bars: words attributed to each speaker, by kind of quotation.

    Parameters
    ----------
    voices : pandas.DataFrame
        The output of :func:`analysis.quotes.voices`.
    top : int, default 15
        Show the ``top`` speakers by total attributed words (the table's order).
    title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    missing = [c for c, _ in _SEGMENTS if c not in voices.columns] + (
        [] if "speaker" in voices.columns else ["speaker"]
    )
    if missing:
        raise UsageError(f"voices table lacks column(s) {', '.join(missing)}; "
                         "pass the output of analysis.quotes.voices")
    data = voices.head(top)
    labels = data["speaker"].astype(object).where(data["speaker"].notna(), "(no speaker found)")
    labels = [str(s) for s in labels][::-1]
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, 0.45 * max(len(labels), 3) + 1.4))
        colours = sns.color_palette(n_colors=len(_SEGMENTS))
        left = np.zeros(len(labels))
        y = np.arange(len(labels))
        for (col, name), colour in zip(_SEGMENTS, colours):
            values = data[col].to_numpy(dtype=float)[::-1]
            ax.barh(y, values, left=left, color=colour, label=name, height=0.7)
            left += values
        ax.set_yticks(y, labels)
        ax.set_xlabel("words attributed to the speaker")
        ax.set_ylabel("")
        ax.set_title(title)
        ax.legend(loc="lower right", frameon=True, fontsize=8)
        ax.figure.tight_layout()
    return ax
