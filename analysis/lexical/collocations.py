"""Collocations: the words that keep company with a node word, and how strongly.

How window counts are defined
-----------------------------
Tokens are taken in document order (``doc_id``, then ``tok_id``); punctuation is removed first
(unless ``punctuation=True``), so windows count words. For every occurrence of the node (a term
or a glob such as ``"russia*"``), the window is the ``left`` words before it and the ``right``
words after it, cut at the end of the document (or of the sentence, with
``within="sentence"``). Then, for each collocate ``y``:

* ``window_tokens`` (R1): the number of distinct token positions inside at least one node
  window. A position covered by two overlapping windows counts once, and a window cut by a
  boundary contributes only the positions it has, so R1 never exceeds ``n`` (Evert 2008's
  treatment of surface co-occurrence).
* ``count`` (O11, f_xy): how many of those positions hold ``y``. So ``count`` never exceeds
  ``y``'s frequency and all four cells of the 2 x 2 table are non-negative. With
  ``window=(0, 1)`` this is exactly the bigram count ``(node, y)``.
* ``node_count`` (f_x): occurrences of the node; ``collocate_count`` (f_y): occurrences of
  ``y``; ``n`` (N): running words in the table; ``expected`` (E11) =
  ``window_tokens * collocate_count / n``, the count of ``y`` expected in that many positions
  drawn at random.

The measures, on the 2 x 2 table with O11 = ``count``, row total R1, column total f_y and
grand total N:

* ``mi``: pointwise mutual information, ``log2(O11 / E11)`` (Church & Hanks 1990);
* ``t``: ``(O11 - E11) / sqrt(O11)`` (Church et al. 1991);
* ``ll``: log-likelihood G² over the four cells, ``2 Σ O ln(O / E)`` (Dunning 1993); unsigned,
  as in NLTK;
* ``logdice``: ``14 + log2(2 f_xy / (f_x + f_y))`` (Rychlý 2008), which does not depend on
  corpus size.

With ``window=(0, 1)`` (or ``(1, 0)``), ``mi``, ``t`` and ``ll`` equal NLTK's
``BigramAssocMeasures.pmi``, ``student_t`` and ``likelihood_ratio`` for the same bigram counts,
with one difference at the edges: a node that is the last word of a document (first, for
``(1, 0)``) has no window position here, whereas NLTK still counts it in the node's marginal.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from . import _stats
from ..plots._lexical import plot_collocates
from ..errors import UsageError

__all__ = ["MEASURES", "collocates", "plot_collocates"]

#: The association measures :func:`collocates` knows.
MEASURES: tuple[str, ...] = ("mi", "t", "ll", "logdice")

_COLUMNS = {
    "collocate": "str",
    "count": "int64",
    "collocate_count": "int64",
    "node_count": "int64",
    "window_tokens": "int64",
    "n": "int64",
    "expected": "float64",
}


def _empty(measures: Sequence[str]) -> pd.DataFrame:
    cols = {c: pd.Series([], dtype=t) for c, t in _COLUMNS.items()}
    cols.update({m: pd.Series([], dtype="float64") for m in measures})
    return pd.DataFrame(cols)


def _check_window(window) -> tuple[int, int]:
    try:
        left, right = window
    except (TypeError, ValueError):
        raise UsageError(f"window must be a pair (left, right), got {window!r}") from None
    for w in (left, right):
        if not isinstance(w, (int, np.integer)) or isinstance(w, bool) or w < 0:
            raise UsageError(f"window sizes must be non-negative integers, got {window!r}")
    if left + right == 0:
        raise UsageError("window must include at least one position, e.g. (5, 5) or (0, 1)")
    return int(left), int(right)


def collocates(
    tokens: pd.DataFrame,
    node: str | Sequence[str],
    *,
    window: tuple[int, int] = (5, 5),
    measures: Sequence[str] = MEASURES,
    min_count: int = 3,
    stopwords: str | Iterable[str] | None = None,
    within: str = "document",
    punctuation: bool = False,
) -> pd.DataFrame:
    """Collocates of a node word within a window, with their association scores.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table (``doc_id, tok_id, norm``; plus ``sent_id`` for ``within="sentence"``).
    node : str or sequence of str
        The node: a ``norm`` form (``"russia"``) or a shell-style glob matched against the
        ``norm`` forms (``"russia*"`` matches russia, russian, russia's, russians), or several
        of them treated as one node (``["russia*", "soviet*", "moscow"]``). Matching is
        case-insensitive since ``norm`` is lower case.
    window : (int, int), default (5, 5)
        Words to the left and to the right of the node.
    measures : sequence of str, default ("mi", "t", "ll", "logdice")
        Which scores to compute, in column order; the first one sorts the rows.
    min_count : int, default 3
        Report collocates with ``count`` (co-occurrences) at least this.
    stopwords : None, "english" or collection of str, optional
        Collocates not to report; they still fill window positions and count in ``n``.
    within : {"document", "sentence"}, default "document"
        Where windows stop.
    punctuation : bool, default False
        Keep punctuation tokens as words (in windows, counts and ``n``).

    Returns
    -------
    pandas.DataFrame
        ``collocate, count, collocate_count, node_count, window_tokens, n, expected`` and one
        column per measure (see the module notes), sorted by the first measure (descending),
        then collocate. Empty (with these columns) when the node does not occur.

    Raises
    ------
    CorpusError
        If ``tokens`` is not a token table or has a duplicated ``(doc_id, tok_id)``.

    References
    ----------
    Church, K. W., & Hanks, P. (1990). Word association norms, mutual information, and
    lexicography. *Computational Linguistics*, 16(1), 22-29.

    Church, K., Gale, W., Hanks, P., & Hindle, D. (1991). Using statistics in lexical analysis.
    In U. Zernik (Ed.), *Lexical Acquisition* (pp. 115-164). Erlbaum.

    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.

    Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (Eds.), *Corpus
    Linguistics: An International Handbook* (Vol. 2, pp. 1212-1248). Mouton de Gruyter.

    Rychlý, P. (2008). A lexicographer-friendly association score. In *Proceedings of Recent
    Advances in Slavonic Natural Language Processing (RASLAN 2008)* (pp. 6-9).

    Examples
    --------
    >>> words = "nato door open . nato door closed . russia door".split()
    >>> toks = pd.DataFrame({"doc_id": "d", "tok_id": range(len(words)), "norm": words})
    >>> collocates(toks, "nato", window=(0, 1), min_count=1)[["collocate", "count", "mi", "logdice"]].round(3)
      collocate  count     mi  logdice
    0      door      2  1.415   13.678
    """
    left, right = _check_window(window)
    if isinstance(measures, str):
        measures = (measures,)
    measures = tuple(measures)
    unknown = [m for m in measures if m not in MEASURES]
    if unknown or not measures:
        raise UsageError(f"unknown measure(s) {unknown!r}; choose from {', '.join(MEASURES)}")
    if within not in ("document", "sentence"):
        raise UsageError(f"within must be 'document' or 'sentence', not {within!r}")
    if not isinstance(min_count, (int, np.integer)) or isinstance(min_count, bool) or min_count < 1:
        raise UsageError(f"min_count must be an integer >= 1, got {min_count!r}")
    patterns = [node] if isinstance(node, str) else list(node)
    if not patterns or not all(isinstance(p, str) and p.strip() for p in patterns):
        raise UsageError(f"node must be a non-empty string or a list of them, got {node!r}")
    required = ["doc_id", "tok_id", "norm"] + (["sent_id"] if within == "sentence" else [])
    _stats.check_tokens(tokens, required)
    if tokens.empty:
        return _empty(measures)

    tokens = _stats.in_document_order(tokens)
    codes, types = _stats.vocabulary(tokens["norm"])
    counted, _ = _stats.type_mask(types, punctuation=punctuation, stopwords=frozenset())
    keep = counted[codes]
    codes = codes[keep]
    unit = pd.factorize(tokens["doc_id"], sort=False)[0][keep]
    if within == "sentence":
        sent = tokens["sent_id"].to_numpy()[keep]
        unit = pd.factorize(pd.MultiIndex.from_arrays([unit, sent]), sort=False)[0]
    n = len(codes)
    if n == 0:
        return _empty(measures)

    patterns = [p.strip().lower() for p in patterns]
    node_type = np.fromiter(
        (any(fnmatch.fnmatchcase(t, p) for p in patterns) for t in types),
        dtype=bool,
        count=len(types),
    ) & counted
    positions = np.flatnonzero(node_type[codes])
    f_x = len(positions)
    if f_x == 0:
        return _empty(measures)

    in_window = np.zeros(n, dtype=bool)
    for offset in [*range(-left, 0), *range(1, right + 1)]:
        q = positions + offset
        ok = (q >= 0) & (q < n)
        q, p = q[ok], positions[ok]
        in_window[q[unit[q] == unit[p]]] = True
    o11 = np.bincount(codes[in_window], minlength=len(types)).astype(np.int64)
    f_y = np.bincount(codes, minlength=len(types)).astype(np.int64)

    stop = _stats.resolve_stopwords(stopwords)
    report = (o11 >= min_count) & counted
    if stop:
        report &= ~np.fromiter((t in stop for t in types), dtype=bool, count=len(types))
    idx = np.flatnonzero(report)
    if not len(idx):
        return _empty(measures)

    r1 = int(in_window.sum())
    o, fy = o11[idx].astype(float), f_y[idx].astype(float)
    obs, exp = _stats.contingency(o, r1, fy, float(n))
    e11 = exp[0]
    values = {}
    for m in measures:
        if m == "mi":
            values[m] = np.log2(o / e11)
        elif m == "t":
            values[m] = (o - e11) / np.sqrt(o)
        elif m == "ll":
            values[m] = _stats.g2(obs, exp)
        elif m == "logdice":
            values[m] = 14.0 + np.log2(2.0 * o / (f_x + fy))
    order = np.lexsort((idx, np.nan_to_num(-values[measures[0]], nan=np.inf)))
    out = pd.DataFrame(
        {
            "collocate": pd.Series(types[idx][order], dtype="str"),
            "count": o11[idx][order],
            "collocate_count": f_y[idx][order],
            "node_count": np.full(len(idx), f_x, dtype=np.int64),
            "window_tokens": np.full(len(idx), r1, dtype=np.int64),
            "n": np.full(len(idx), n, dtype=np.int64),
            "expected": e11[order],
        }
    )
    for m in measures:
        out[m] = values[m][order]
    return out
