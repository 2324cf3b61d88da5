"""Sentence scores summarised per group, with seeded bootstrap intervals: :func:`aggregate`
(internal; public as :func:`analysis.sentiment.aggregate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..corpus import CorpusError, read_text
from ..errors import UsageError
from ._common import (  # noqa: F401
    _row_name,
)


_AGG_COLUMNS = {
    "n": "int64",
    "mean_compound": "float64",
    "mean_ci_low": "float64",
    "mean_ci_high": "float64",
    "median_compound": "float64",
    "n_positive": "int64",
    "n_neutral": "int64",
    "n_negative": "int64",
    "share_positive": "float64",
    "share_neutral": "float64",
    "share_negative": "float64",
}
_POSITIVE = 0.05
_NEGATIVE = -0.05


# --------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------


def _bootstrap_means(x: np.ndarray, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """Means of ``n_boot`` resamples of ``x``, drawn in batches to bound memory.

    Each batch draws ``rng.integers(0, n, (batch, n))``, as :func:`scipy.stats.bootstrap` does
    with the same ``batch``; the results equal scipy's for the same generator.
    """
    n = len(x)
    batch = _batch_size(n, n_boot)
    out = []
    for k in range(0, n_boot, batch):
        b = min(batch, n_boot - k)
        idx = rng.integers(0, n, (b, n))
        out.append(x[idx].mean(axis=-1))
    return np.concatenate(out)


def _batch_size(n: int, n_boot: int) -> int:
    return max(1, min(n_boot, (1 << 22) // max(n, 1)))


def aggregate(
    scores: pd.DataFrame,
    *,
    by: str | Sequence[str],
    random_state: int = 0,
    n_boot: int = 2000,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Summarise sentence sentiment per group, with bootstrap confidence intervals.

    Parameters
    ----------
    scores : pandas.DataFrame
        The output of :func:`score`, with ``compound`` and the ``by`` columns (merge document
        metadata such as ``year`` or ``party`` onto it first).
    by : str or list of str
        The grouping: ``doc_id``, ``year``, ``party``, ``president``, ``speaker``, ``voice``,
        or several. Missing values form a group of their own; no sentence is dropped.
    random_state : int, default 0
        Seeds the bootstrap: group ``k`` (in sorted order) resamples with
        ``numpy.random.default_rng(SeedSequence(random_state).spawn(...)[k])``.
    n_boot : int, default 2000
        Bootstrap resamples per group.
    confidence : float, default 0.95
        Coverage of the interval.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by the ``by`` columns: the ``by`` columns, ``n`` (sentences),
        ``mean_compound`` with its percentile bootstrap interval ``mean_ci_low`` and
        ``mean_ci_high``, ``median_compound``, the counts ``n_positive`` (compound >= 0.05),
        ``n_neutral`` and ``n_negative`` (<= -0.05), and the matching shares
        ``share_positive``, ``share_neutral``, ``share_negative``.

    Raises
    ------
    CorpusError
        If ``compound`` or a ``by`` column is absent, or a ``compound`` is missing (the
        message names the row).

    Notes
    -----
    The interval is the percentile bootstrap (Efron & Tibshirani 1993, ch. 13): the
    ``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` quantiles of the means of ``n_boot``
    resamples of the group's sentences drawn with replacement. It treats sentences as
    independent, which they are not within one speech, so for groups of documents it is
    narrower than an interval that resamples documents. Each group's interval equals
    ``scipy.stats.bootstrap(..., method="percentile")`` with the same generator.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    Hutto, C. J., & Gilbert, E. (2014). VADER. *ICWSM*, 8(1), 216-225 (the +-0.05 thresholds).

    Examples
    --------
    >>> s = pd.DataFrame({"party": ["A", "A", "A", "B"], "compound": [0.5, -0.2, 0.0, 0.3]})
    >>> aggregate(s, by="party", n_boot=200)[["party", "n", "mean_compound", "n_positive"]]
      party  n  mean_compound  n_positive
    0     A  3            0.1           1
    1     B  1            0.3           1
    """
    if not isinstance(scores, pd.DataFrame):
        raise CorpusError(f"expected a table of scores (DataFrame), got {type(scores).__name__}")
    cols = [by] if isinstance(by, str) else list(by)
    if not cols or not all(isinstance(c, str) for c in cols):
        raise UsageError(f"by must be a column name or a non-empty list of names, got {by!r}")
    missing = [c for c in ["compound", *cols] if c not in scores.columns]
    if missing:
        raise CorpusError(
            f"score table lacks column(s) {', '.join(missing)}; found "
            f"{', '.join(map(str, scores.columns))}"
        )
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise UsageError(f"n_boot must be a positive integer, got {n_boot!r}")
    if not 0 < confidence < 1:
        raise UsageError(f"confidence must lie between 0 and 1, got {confidence!r}")
    compound = pd.to_numeric(scores["compound"], errors="coerce").to_numpy(dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(compound))
    if len(bad):
        raise CorpusError(
            f"score table, {_row_name(scores, int(bad[0]))}: compound is missing or not a "
            f"number ({scores['compound'].iloc[int(bad[0])]!r})"
        )

    keys = scores[cols].reset_index(drop=True)
    if not len(keys):
        empty = {c: keys[c].iloc[:0] for c in cols}
        empty.update({c: pd.Series([], dtype=t) for c, t in _AGG_COLUMNS.items()})
        return pd.DataFrame(empty)
    codes = keys.groupby(cols, sort=True, dropna=False, observed=True).ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    members = np.split(order, bounds)
    children = np.random.SeedSequence(random_state).spawn(len(members))
    alpha = (1 - confidence) / 2
    rows = []
    for idx, child in zip(members, children):
        x = compound[idx]
        boot = _bootstrap_means(x, np.random.default_rng(child), int(n_boot))
        lo, hi = np.quantile(boot, [alpha, 1 - alpha])
        n = len(x)
        n_pos = int(np.count_nonzero(x >= _POSITIVE))
        n_neg = int(np.count_nonzero(x <= _NEGATIVE))
        n_neu = n - n_pos - n_neg
        rows.append(
            (n, x.mean(), lo, hi, np.median(x), n_pos, n_neu, n_neg, n_pos / n, n_neu / n, n_neg / n)
        )
    out = keys.iloc[[m[0] for m in members]].reset_index(drop=True)
    stats = pd.DataFrame(rows, columns=list(_AGG_COLUMNS)).astype(_AGG_COLUMNS)
    return pd.concat([out, stats], axis=1)
