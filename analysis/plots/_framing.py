"""Figures for frame hits; re-exported by :mod:`analysis.framing`.

Like every plot function in the toolkit they draw into ``ax`` (a new figure if ``None``), use
:func:`analysis.plots.theme` and return the Axes; saving is :func:`analysis.plots.save_figure`'s
job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import matplotlib.axes

__all__ = ["VOICES", "plot_speakers", "plot_voices"]

#: Voices in drawing order: the journalist's words, reported speech, quoted words.
VOICES = ("authorial", "indirect", "quoted")


def _frame_order(hits: pd.DataFrame, frames: Sequence[str] | None) -> list[str]:
    if frames is not None:
        return list(frames)
    if "frames" in hits.attrs:
        return list(hits.attrs["frames"])
    return sorted(hits["frame"].astype("str").unique())


def _label(frame: str, labels: Mapping[str, str] | None) -> str:
    return str(labels.get(frame, frame)) if labels else frame


def _check(hits: pd.DataFrame, columns: Sequence[str], who: str) -> None:
    missing = [c for c in columns if c not in hits.columns]
    if missing:
        raise KeyError(f"{who}: column(s) {missing} not in the hits table")


def plot_voices(
    hits: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    title: str = "Frame hits by voice",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """Horizontal stacked bars: hits per frame, split by voice (authorial, indirect, quoted).

    Parameters
    ----------
    hits : pandas.DataFrame
        The output of :func:`analysis.framing.find`.
    frames : sequence of str, optional
        Frames to show, top to bottom; default the codebook order (``hits.attrs["frames"]``),
        frames without hits included as empty rows.
    labels : mapping of str to str, optional
        Display names of the frames (a codebook's labels, ``FrameLexicon.labels``); frames
        not in it show their name.
    title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ._base import theme

    _check(hits, ["frame", "voice"], "plot_voices")
    order = _frame_order(hits, frames)
    counts = (
        pd.crosstab(hits["frame"].astype("str"), hits["voice"].astype("str"))
        .reindex(index=order, columns=list(VOICES), fill_value=0)
        .fillna(0)
        .astype(int)
    )
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 0.45 * len(order) + 1.6))
        colours = sns.color_palette()
        y = np.arange(len(order))
        left = np.zeros(len(order))
        for i, voice in enumerate(VOICES):
            values = counts[voice].to_numpy()
            ax.barh(y, values, left=left, color=colours[i], height=0.7, label=voice)
            left += values
        for yi, total in zip(y, left):
            ax.text(total + 0.2, yi, f"{int(total)}", va="center", fontsize=8)
        ax.set_yticks(y, [_label(f, labels) for f in order])
        ax.invert_yaxis()
        ax.set_xlim(0, max(left.max() if len(left) else 0, 1) * 1.12)
        ax.set_xlabel("hits (count)")
        ax.set_ylabel("frame")
        ax.set_title(title)
        ax.legend(title="voice", frameon=False, fontsize=8, loc="upper center",
                  bbox_to_anchor=(0.5, -0.2), ncol=len(VOICES))
        ax.figure.tight_layout()
    return ax


def plot_speakers(
    hits: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    top: int | None = None,
    title: str = "Frame hits by speaker",
    ax: matplotlib.axes.Axes | None = None,
) -> matplotlib.axes.Axes:
    """A grid of counts: frames (rows) by speaker (columns), for hits with a speaker.

    Columns are sorted by the speaker's number of hits (most first), then by name; cells show
    the count. Authorial hits (no speaker) are left out: :func:`plot_voices` shows them.

    Parameters
    ----------
    hits : pandas.DataFrame
        The output of :func:`analysis.framing.find`.
    frames : sequence of str, optional
        Rows, top to bottom; default the codebook order.
    top : int, optional
        Show only the ``top`` speakers with the most hits (default: all).
    labels : mapping of str to str, optional
        Display names of the frames (a codebook's labels, ``FrameLexicon.labels``); frames
        not in it show their name.
    title : str
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    from ._base import theme

    _check(hits, ["frame", "speaker"], "plot_speakers")
    order = _frame_order(hits, frames)
    spoken = hits[hits["speaker"].notna()]
    totals = spoken["speaker"].astype("str").value_counts()
    speakers = sorted(totals.index, key=lambda s: (-totals[s], s))
    if top is not None:
        speakers = speakers[:top]
    grid = (
        pd.crosstab(spoken["frame"].astype("str"), spoken["speaker"].astype("str"))
        .reindex(index=order, columns=speakers, fill_value=0)
        .fillna(0)
        .astype(int)
    )
    with theme():
        if ax is None:
            _, ax = plt.subplots(figsize=(0.7 * max(len(speakers), 1) + 3, 0.45 * len(order) + 2.2))
        values = grid.to_numpy()
        vmax = max(int(values.max()) if values.size else 0, 1)
        ax.imshow(values if values.size else np.zeros((len(order), 1)), cmap="Blues",
                  vmin=0, vmax=vmax, aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                        color="white" if v > vmax / 2 else "black")
        ax.set_yticks(np.arange(len(order)), [_label(f, labels) for f in order])
        ax.set_xticks(np.arange(len(speakers)), speakers, rotation=40, ha="right")
        ax.grid(False)
        ax.set_xlabel("speaker (quoted or reported)")
        ax.set_ylabel("frame")
        ax.set_title(title)
        ax.figure.tight_layout()
    return ax
