"""Figures: one function per figure, one theme, one reproducible way to save.

Plot functions draw and return the :class:`matplotlib.axes.Axes`; they take ``ax=None`` and
never save. :func:`save_figure` writes a figure as PNG (300 dpi), SVG and PDF, byte-identical
for the same data and the same pinned stack: no timestamps or software versions in the files,
a fixed SVG hash salt, and atomic writes (a reader never sees half a file).

Every figure uses :func:`theme`: seaborn's ``whitegrid`` style with the colour-blind-safe
palette, labelled axes with units, and a title that names the finding's subject.

Importing this module never changes the matplotlib backend: figures draw on whatever backend
the session uses (inline in Jupyter, a window in a desktop session, Agg in a script without a
display), so ``plt.show()`` shows them where the researcher is working.
"""

from __future__ import annotations

from ._base import (  # noqa: F401
    FORMATS,
    PALETTE,
    save_figure,
    size_over_time,
    theme,
)

__all__ = [
    "FORMATS",
    "PALETTE",
    "save_figure",
    "size_over_time",
    "theme",
]
