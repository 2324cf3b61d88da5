"""Keyness: which words are distinctive of one corpus (or group) against another.

Every comparison is a 2 x 2 table per term, in Rayson & Garside's (2000) notation:

================  ==========  =============
                  target      reference
================  ==========  =============
this term         ``a``       ``b``
all other words   ``c - a``   ``d - b``
================  ==========  =============

``c`` and ``d`` are the corpus sizes in running words (punctuation excluded by default, stop
words included even when they are not reported). These four raw numbers sit beside every
statistic in the output, so any value can be checked by hand.

Measures (``measures=``)
------------------------
``ll``
    Log-likelihood G² over all four cells of the table (Dunning 1993; Rayson & Garside 2000):
    ``G² = 2 Σ O ln(O / E)`` with ``E`` the expected count under independence. The column is
    *signed*: positive when the term is relatively more frequent in the target
    (``a / c > b / d``), negative when less, so sorting puts the target's keywords first and
    its negative keywords last; ``|ll|`` is Dunning's statistic.
``log_ratio``
    Hardie's (2014) effect size, ``log2((a / c) / (b / d))``: +1 means twice as frequent in the
    target. **Zero counts:** a zero ``a`` or ``b`` is replaced by 0.5 (:data:`ZERO_ADJUSTMENT`,
    Hardie's suggestion) before dividing, so a term absent from one corpus gets a finite, large
    value; the ``a`` and ``b`` columns keep the raw counts, so such rows are easy to spot.
``pct_diff``
    %DIFF (Gabrielatos & Marchi 2012): ``100 * (a/c - b/d) / (b/d)``; -100 means absent from the
    target. A zero ``b`` would divide by zero, so the reference's normalised frequency uses
    ``0.5 / d`` in that case (the same adjustment as ``log_ratio``).
``chi2``
    Pearson's X² on the same table, optionally with Yates's continuity correction
    (``yates=True``), equal to :func:`scipy.stats.chi2_contingency`; signed like ``ll``.
``fightin_words``
    Monroe, Colaresi & Quinn's (2008) log-odds ratio with an informative Dirichlet prior, and
    its z-score. The prior's pseudo-counts are the pooled counts scaled to a total of
    ``alpha0``: ``α_w = alpha0 * (a + b) / (c + d)``. Then
    ``δ_w = ln((a + α_w) / (c + alpha0 - a - α_w)) - ln((b + α_w) / (d + alpha0 - b - α_w))``,
    ``Var(δ_w) ≈ 1 / (a + α_w) + 1 / (b + α_w)``, and ``fightin_words_z = δ_w / sqrt(Var)``.
    Two columns: ``fightin_words`` (δ) and ``fightin_words_z``.

Always present: ``p``, the p-value of ``|ll|`` under a chi-square distribution with one degree
of freedom (computed even when ``ll`` is not among the measures), and ``significant``, the
Bonferroni-corrected test ``p < alpha / n_terms`` where ``n_terms`` is the number of terms
tested in that comparison (rows of the table, or of one group in :func:`compare_groups`).

Rows are sorted by the first measure, descending (for ``fightin_words``: by
``fightin_words_z``, the statistic Monroe et al. rank by), then by term.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import special

from . import _stats
from ..plots._lexical import plot_fightin_words, plot_keyness
from ..corpus import CorpusError
from ..errors import UsageError

__all__ = [
    "MEASURES",
    "ZERO_ADJUSTMENT",
    "chi2_sf_1df",
    "compare",
    "compare_groups",
    "plot_fightin_words",
    "plot_keyness",
    "scores",
]

#: The measures :func:`compare` knows, in their default order.
MEASURES: tuple[str, ...] = ("ll", "log_ratio", "pct_diff", "chi2", "fightin_words")
#: Count substituted for a zero frequency in ``log_ratio`` and the ``pct_diff`` denominator.
ZERO_ADJUSTMENT: float = 0.5

# Block size (cells) for compare_groups, to bound memory for many groups x many terms.
_BLOCK_CELLS = 4_000_000
# Slice length for scoring long arrays (keeps temporaries in cache).
_CHUNK = 32_768


def _measure_columns(measures: Sequence[str]) -> list[str]:
    cols = []
    for m in measures:
        cols.extend(["fightin_words", "fightin_words_z"] if m == "fightin_words" else [m])
    return cols


def _check_options(measures, min_count, alpha, alpha0) -> tuple[str, ...]:
    if isinstance(measures, str):
        measures = (measures,)
    measures = tuple(measures)
    unknown = [m for m in measures if m not in MEASURES]
    if unknown or not measures:
        raise UsageError(
            f"unknown measure(s) {unknown!r}; choose from {', '.join(MEASURES)}"
            if unknown
            else "measures must name at least one measure"
        )
    if len(set(measures)) != len(measures):
        raise UsageError(f"measures repeats a name: {measures!r}")
    if not isinstance(min_count, (int, np.integer)) or isinstance(min_count, bool) or min_count < 1:
        raise UsageError(f"min_count must be an integer >= 1, got {min_count!r}")
    if not 0 < alpha < 1:
        raise UsageError(f"alpha must be between 0 and 1, got {alpha!r}")
    if alpha0 is not None and not alpha0 > 0:
        raise UsageError(f"alpha0 must be positive, got {alpha0!r}")
    return measures


def chi2_sf_1df(x) -> np.ndarray:
    """Upper tail of the chi-square distribution with one degree of freedom.

    ``P(X > x) = erfc(sqrt(x / 2))``, the same values as ``scipy.stats.chi2.sf(x, 1)`` at a
    fraction of the cost.

    Examples
    --------
    >>> float(chi2_sf_1df(3.841458820694124).round(6))
    0.05
    """
    return special.erfc(np.sqrt(np.asarray(x, dtype=float) / 2.0))


def scores(
    a,
    b,
    c,
    d,
    *,
    measures: Sequence[str] = MEASURES,
    yates: bool = False,
    alpha0: float = 1.0,
) -> dict[str, np.ndarray]:
    """The keyness measures for arrays of counts, vectorised (the arithmetic behind
    :func:`compare`).

    Parameters
    ----------
    a, b : array-like
        Frequency of each term in the target and in the reference.
    c, d : array-like or scalar
        Sizes of the target and the reference in running words.
    measures : sequence of str
        Any of :data:`MEASURES`.
    yates : bool, default False
        Yates's continuity correction for ``chi2``.
    alpha0 : float, default 1.0
        Total pseudo-count of the Fightin' Words prior.

    Returns
    -------
    dict of str to numpy.ndarray
        One array per measure column (see the module notes), plus ``g2`` (unsigned G²)
        and ``p``.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.

    Examples
    --------
    Dunning's (1993) Table 2 bigram with k11=110, k12=2442, k21=111, k22=29114:

    >>> out = scores([110], [2442], [110 + 111], [2442 + 29114], measures=["ll"])
    >>> round(float(out["ll"][0]), 2)
    270.72
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    c = np.broadcast_to(np.asarray(c, dtype=float), a.shape)
    d = np.broadcast_to(np.asarray(d, dtype=float), a.shape)
    if a.ndim != 1 or len(a) <= _CHUNK:
        return _scores(a, b, c, d, measures, yates, alpha0)
    # Long inputs are scored in cache-sized slices: the same arithmetic, without paging in
    # dozens of fresh multi-megabyte temporaries.
    parts = [
        _scores(a[i : i + _CHUNK], b[i : i + _CHUNK], c[i : i + _CHUNK], d[i : i + _CHUNK],
                measures, yates, alpha0)
        for i in range(0, len(a), _CHUNK)
    ]
    return {k: np.concatenate([part[k] for part in parts]) for k in parts[0]}


def _scores(a, b, c, d, measures, yates, alpha0) -> dict[str, np.ndarray]:
    obs, exp = _stats.contingency(a, c, a + b, c + d)
    g2 = _stats.g2(obs, exp)
    with np.errstate(divide="ignore", invalid="ignore"):
        sign = np.sign(a * d - b * c)
    out: dict[str, np.ndarray] = {"g2": g2, "p": chi2_sf_1df(g2)}
    for m in measures:
        if m == "ll":
            out["ll"] = sign * g2
        elif m == "log_ratio":
            a_adj = np.where(a == 0, ZERO_ADJUSTMENT, a)
            b_adj = np.where(b == 0, ZERO_ADJUSTMENT, b)
            out["log_ratio"] = np.log2((a_adj / c) / (b_adj / d))
        elif m == "pct_diff":
            b_adj = np.where(b == 0, ZERO_ADJUSTMENT, b)
            out["pct_diff"] = 100.0 * (a / c - b / d) / (b_adj / d)
        elif m == "chi2":
            out["chi2"] = sign * _stats.pearson_chi2(obs, exp, yates=yates)
        elif m == "fightin_words":
            prior = alpha0 * (a + b) / (c + d)
            ya, yb = a + prior, b + prior
            delta = np.log(ya / (c + alpha0 - ya)) - np.log(yb / (d + alpha0 - yb))
            out["fightin_words"] = delta
            out["fightin_words_z"] = delta / np.sqrt(1.0 / ya + 1.0 / yb)
        else:  # pragma: no cover - checked by callers
            raise UsageError(f"unknown measure {m!r}")
    return out


_BASE_DTYPES = {"term": "str", "a": "int64", "b": "int64", "c": "int64", "d": "int64"}


def _empty_table(group_dtypes: dict[str, object], measures: Sequence[str]) -> pd.DataFrame:
    cols = {c: pd.Series([], dtype=t) for c, t in group_dtypes.items()}
    cols.update({c: pd.Series([], dtype=t) for c, t in _BASE_DTYPES.items()})
    for m in _measure_columns(measures):
        cols[m] = pd.Series([], dtype="float64")
    cols["p"] = pd.Series([], dtype="float64")
    cols["significant"] = pd.Series([], dtype="bool")
    return pd.DataFrame(cols)


def _sort_column(measures: Sequence[str]) -> str:
    return "fightin_words_z" if measures[0] == "fightin_words" else measures[0]


def _as_counts(
    table: pd.DataFrame, what: str, *, stopwords: frozenset[str], punctuation: bool
) -> tuple[pd.Series, int]:
    """A term -> count Series (index sorted) and the corpus size, from tokens or counts."""
    if not isinstance(table, pd.DataFrame):
        raise CorpusError(f"{what}: expected a token table or a count table, got {type(table).__name__}")
    if "norm" in table.columns:
        _stats.check_tokens(table, ["norm"], what=f"{what} token table")
        if table.empty:
            return pd.Series([], dtype="int64", index=pd.Index([], dtype="str")), 0
        codes, types = _stats.vocabulary(table["norm"])
        counted, kept = _stats.type_mask(types, punctuation=punctuation, stopwords=stopwords)
        per_type = np.bincount(codes, minlength=len(types)).astype(np.int64)
        size = int(per_type[counted].sum())
        return pd.Series(per_type[kept], index=pd.Index(types[kept], dtype="str")), size
    if "term" in table.columns and "count" in table.columns:
        return _count_table(table, what, stopwords=stopwords)
    raise CorpusError(
        f"{what}: needs a norm column (a token table) or term and count columns (a count table); "
        f"found {', '.join(map(str, table.columns))}"
    )


def _count_table(table: pd.DataFrame, what: str, *, stopwords: frozenset[str]) -> tuple[pd.Series, int]:
    if "tokens" in table.columns and table["tokens"].nunique() > 1:
        raise CorpusError(
            f"{what}: the count table holds several groups (tokens differs between rows); "
            "select one group, or use compare_groups on a token table"
        )
    terms = table["term"]
    bad = terms.isna().to_numpy()
    if bad.any():
        raise CorpusError(f"{what}, row {int(np.flatnonzero(bad)[0])}: missing term")
    cnt = pd.to_numeric(table["count"], errors="coerce")
    bad = (cnt.isna() | (cnt < 0) | (cnt != np.floor(cnt))).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise CorpusError(
            f"{what}, row {i} (term {terms.iloc[i]!r}): count must be a non-negative integer, "
            f"got {table['count'].iloc[i]!r}"
        )
    dup = terms.duplicated(keep=False).to_numpy()
    if dup.any():
        rows = np.flatnonzero(dup)
        raise CorpusError(
            f"{what}: term {terms.iloc[rows[0]]!r} appears more than once (rows "
            f"{', '.join(map(str, rows[:5]))})"
        )
    series = pd.Series(cnt.to_numpy(dtype=np.int64), index=pd.Index(terms.astype("str"), dtype="str"))
    if "tokens" in table.columns and len(table):
        size = int(table["tokens"].iloc[0])
        if size < series.sum():
            raise CorpusError(f"{what}: tokens ({size}) is smaller than the sum of counts")
    else:
        size = int(series.sum())
    if stopwords:
        series = series[~series.index.str.lower().isin(stopwords)]
    return series.sort_index(), size


def _tidy(
    keys: pd.DataFrame | None,
    groups: np.ndarray,
    labels: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    c: np.ndarray,
    d: np.ndarray,
    measures: Sequence[str],
    yates: bool,
    alpha0: float,
    alpha: float,
) -> pd.DataFrame:
    """Score and lay out a block of comparisons.

    The inputs are group-major: row ``i * len(labels) + j`` is term ``labels[j]`` (labels sorted
    alphabetically) in group ``groups[i]``; ``c`` and ``d`` hold one value per group.
    """
    n_groups, n_terms = len(groups), len(labels)
    c_rows = np.repeat(np.asarray(c, dtype=np.int64), n_terms)
    d_rows = np.repeat(np.asarray(d, dtype=np.int64), n_terms)
    res = scores(a, b, c_rows, d_rows, measures=measures, yates=yates, alpha0=alpha0)
    # Within each group: sort by the first measure, descending (NaN last); a stable sort keeps
    # the alphabetical term order among ties.
    key = np.nan_to_num(-res[_sort_column(measures)], nan=np.inf).reshape(n_groups, n_terms)
    order = np.argsort(key, axis=1, kind="stable")
    term_idx = order.ravel()
    order = (order + (np.arange(n_groups) * n_terms)[:, None]).ravel()
    group_rows = np.repeat(np.asarray(groups), n_terms)
    out = (
        keys.iloc[group_rows].reset_index(drop=True)
        if keys is not None
        else pd.DataFrame(index=pd.RangeIndex(len(order)))
    )
    out["term"] = pd.Series(pd.array(labels, dtype="str").take(term_idx))
    out["a"] = a[order].astype(np.int64)
    out["b"] = b[order].astype(np.int64)
    out["c"] = c_rows
    out["d"] = d_rows
    for col in _measure_columns(measures):
        out[col] = res[col][order]
    p = res["p"][order]
    out["p"] = p
    # Bonferroni per comparison: n_terms tests in each group.
    out["significant"] = p < alpha / n_terms
    return out


def compare(
    target: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    measures: Sequence[str] = MEASURES,
    min_count: int = 5,
    yates: bool = False,
    alpha0: float | None = None,
    alpha: float = 0.05,
    stopwords: str | Iterable[str] | None = None,
    punctuation: bool = False,
) -> pd.DataFrame:
    """Keywords of a target corpus against a reference corpus.

    Parameters
    ----------
    target, reference : pandas.DataFrame
        Each either a token table (with ``norm``; from :func:`analysis.tokenise.tokens`) or a
        count table with ``term`` and ``count`` (e.g. from :func:`analysis.frequency.counts`).
        A count table's corpus size is its ``tokens`` column when present, else the sum of
        ``count``.
    measures : sequence of str, default all of :data:`MEASURES`
        Which statistics to compute, in column order; the first one sorts the rows.
    min_count : int, default 5
        Test and report terms whose combined frequency ``a + b`` is at least this. Rarer
        terms still count in the corpus sizes ``c`` and ``d``; they are not tested, so they do
        not enter the Bonferroni ``n_terms``.
    yates : bool, default False
        Apply Yates's continuity correction to ``chi2``.
    alpha0 : float, optional
        Total pseudo-count of the Fightin' Words prior. Default: the number of distinct terms
        in the two corpora together, i.e. the same prior mass as adding one to every count,
        but spread in proportion to the pooled frequencies.
    alpha : float, default 0.05
        Family-wise error rate for the Bonferroni-corrected ``significant`` flag.
    stopwords : None, "english" or collection of str, optional
        Terms to leave out of the table (they still count in ``c`` and ``d``).
    punctuation : bool, default False
        Count punctuation tokens as terms (token-table input only).

    Returns
    -------
    pandas.DataFrame
        ``term, a, b, c, d``, one column per measure (``fightin_words`` gives two:
        ``fightin_words`` and ``fightin_words_z``), ``p`` and ``significant``; one row per term
        of either corpus with ``a + b >= min_count``, sorted by the first measure (descending),
        then term. See the module notes for the formulas.

    Raises
    ------
    CorpusError
        If an input is neither a token table nor a count table, or a count table has a
        missing term, a negative or fractional count, or a duplicated term (named).

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.

    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling. In
    *Proceedings of the Workshop on Comparing Corpora* (pp. 1-6). ACL.

    Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches
    to Social Science (CASS), Lancaster University.

    Gabrielatos, C., & Marchi, A. (2012). Keyness: appropriate metrics and practical issues.
    CADS International Conference, University of Bologna.

    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: lexical feature
    selection and evaluation for identifying the content of political conflict. *Political
    Analysis*, 16(4), 372-403.

    Examples
    --------
    >>> target = pd.DataFrame({"term": ["nato", "the"], "count": [10, 50], "tokens": 1000})
    >>> reference = pd.DataFrame({"term": ["nato", "the"], "count": [2, 600], "tokens": 10000})
    >>> compare(target, reference, measures=["ll", "log_ratio"])[["term", "a", "b", "ll", "log_ratio"]].round(2)
       term   a    b     ll  log_ratio
    0  nato  10    2  37.61       5.64
    1   the  50  600  -1.71      -0.26
    """
    measures = _check_options(measures, min_count, alpha, alpha0)
    stop = _stats.resolve_stopwords(stopwords)
    t_counts, c = _as_counts(target, "target", stopwords=stop, punctuation=punctuation)
    r_counts, d = _as_counts(reference, "reference", stopwords=stop, punctuation=punctuation)
    if c == 0 or d == 0:
        raise UsageError(
            f"the {'target' if c == 0 else 'reference'} has no words to compare (only "
            "punctuation, or nothing); keyness needs words in both corpora"
        )
    vocab = t_counts.index.union(r_counts.index).sort_values()
    a = t_counts.reindex(vocab, fill_value=0).to_numpy(dtype=np.int64)
    b = r_counts.reindex(vocab, fill_value=0).to_numpy(dtype=np.int64)
    if alpha0 is None:
        alpha0 = float(len(vocab))
    keep = (a + b) >= min_count
    idx = np.flatnonzero(keep)
    if not len(idx):
        return _empty_table({}, measures)
    return _tidy(
        None,
        np.zeros(1, dtype=np.int64),
        vocab.to_numpy(dtype=object)[idx],
        a[idx],
        b[idx],
        np.array([c]),
        np.array([d]),
        measures,
        yates,
        alpha0,
        alpha,
    )


def compare_groups(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str],
    measures: Sequence[str] = MEASURES,
    min_count: int = 5,
    yates: bool = False,
    alpha0: float | None = None,
    alpha: float = 0.05,
    stopwords: str | Iterable[str] | None = None,
    punctuation: bool = False,
) -> pd.DataFrame:
    """Keywords of every group against the rest of the corpus, for any number of groups.

    For each group (a value of ``by``), the target is that group's tokens and the reference is
    all the other tokens: ``a`` = the term's count in the group, ``b`` = its count elsewhere,
    ``c`` = the group's size, ``d`` = the size of the rest. Every term whose corpus-wide
    frequency is at least ``min_count`` gets a row in every group, including groups that never
    use it (their negative keywords). One pass builds a group x term count matrix
    (:mod:`scipy.sparse`); the statistics are computed on whole arrays.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table holding the ``by`` column(s), e.g. with ``president`` merged in from
        :func:`analysis.corpus.load_sotu`.
    by : str or list of str
        The grouping column(s); at least two groups are needed.
    measures, min_count, yates, alpha0, alpha, stopwords, punctuation
        As in :func:`compare`; ``alpha0`` defaults to the number of distinct terms in the
        corpus, and the Bonferroni correction counts the terms of one group's comparison.

    Returns
    -------
    pandas.DataFrame
        The ``by`` column(s) first, then the columns of :func:`compare`; sorted by group, then
        the first measure (descending), then term.

    References
    ----------
    See :func:`compare`; Monroe et al. (2008) compare each party with the other in the same way.

    Examples
    --------
    >>> toks = pd.DataFrame({"party": ["D"] * 6 + ["R"] * 6,
    ...                      "norm": ["care"] * 4 + ["tax"] * 2 + ["care"] * 1 + ["tax"] * 5})
    >>> out = compare_groups(toks, by="party", measures=["log_ratio"], min_count=1)
    >>> out[["party", "term", "a", "b", "c", "d", "log_ratio"]].round(3)
      party  term  a  b  c  d  log_ratio
    0     D  care  4  1  6  6      2.000
    1     D   tax  2  5  6  6     -1.322
    2     R   tax  5  2  6  6      1.322
    3     R  care  1  4  6  6     -2.000
    """
    measures = _check_options(measures, min_count, alpha, alpha0)
    by_cols = _stats.as_columns(by)
    if not by_cols:
        raise UsageError("by must name at least one grouping column")
    _stats.check_tokens(tokens, ["norm"], groups=by_cols)
    group_dtypes = {col: tokens[col].dtype for col in by_cols}
    if tokens.empty:
        return _empty_table(group_dtypes, measures)
    stop = _stats.resolve_stopwords(stopwords)
    codes, types = _stats.vocabulary(tokens["norm"])
    counted, kept = _stats.type_mask(types, punctuation=punctuation, stopwords=stop)
    g, keys = _stats.group_codes(tokens, by_cols)
    n_groups = len(keys)
    if n_groups < 2:
        raise CorpusError(
            f"compare_groups needs at least two groups in {', '.join(by_cols)}; found {n_groups}"
        )
    word = counted[codes]
    sizes = np.bincount(g[word], minlength=n_groups).astype(np.int64)
    total_words = int(sizes.sum())
    if total_words == 0:
        return _empty_table(group_dtypes, measures)
    if alpha0 is None:
        alpha0 = float(np.count_nonzero(kept))
    sel = kept[codes]
    n_types = len(types)
    if n_groups * n_types <= _BLOCK_CELLS * 4:
        # Few groups: one bincount gives the dense group x type matrix directly.
        matrix = np.bincount(g[sel] * n_types + codes[sel], minlength=n_groups * n_types)
        matrix = matrix.reshape(n_groups, n_types)
        totals = matrix.sum(axis=0)
    else:
        from scipy import sparse

        matrix = sparse.csr_matrix(
            (np.ones(int(sel.sum()), dtype=np.int64), (g[sel], codes[sel])),
            shape=(n_groups, n_types),
        )
        totals = np.asarray(matrix.sum(axis=0)).ravel()
    cols = np.flatnonzero(totals >= min_count)
    if not len(cols):
        return _empty_table(group_dtypes, measures)
    matrix = matrix[:, cols]
    col_totals = totals[cols]
    n_cols = len(cols)

    labels = types[cols]
    parts = []
    step = max(1, _BLOCK_CELLS // n_cols)
    for lo in range(0, n_groups, step):
        hi = min(n_groups, lo + step)
        block = matrix[lo:hi]
        block = block if isinstance(block, np.ndarray) else block.toarray()
        a = block.ravel()
        b = np.tile(col_totals, hi - lo) - a
        c = sizes[lo:hi]
        parts.append(
            _tidy(keys, np.arange(lo, hi), labels, a, b, c, total_words - c, measures, yates,
                  alpha0, alpha)
        )
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    for col, dtype in group_dtypes.items():
        if out[col].dtype != dtype:
            out[col] = out[col].astype(dtype)
    return out
