"""Private helpers shared by :mod:`analysis.frequency`, :mod:`analysis.keyness`,
:mod:`analysis.collocations` and :mod:`analysis.models`.

Input checks for token tables, the word/punctuation test, stop-word lists, and the
vectorised contingency-table statistics (G², chi-square) that keyness and collocations share.
Nothing here loops over tokens in Python: vocabularies are built with :func:`pandas.factorize`
and everything per-type is computed on the (small) array of distinct types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.special import xlogy

from ..corpus import CorpusError
from ..errors import UsageError

#: A token is a word (not punctuation) when it holds at least one letter or digit.
_WORDLIKE = re.compile(r"[^\W_]")



# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------


def as_columns(by: str | Sequence[str] | None) -> list[str]:
    """Normalise a ``by`` argument to a list of column names."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    cols = list(by)
    if not all(isinstance(c, str) for c in cols):
        raise TypeError(f"by must be a column name or a list of column names, got {by!r}")
    return cols


def check_tokens(
    tokens: pd.DataFrame,
    required: Iterable[str],
    *,
    groups: Iterable[str] = (),
    what: str = "token table",
) -> None:
    """Raise :class:`CorpusError` unless ``tokens`` is a DataFrame with the ``required`` token
    columns, the ``groups`` columns, and a ``norm`` without missing values (the message names
    the first bad row)."""
    if not isinstance(tokens, pd.DataFrame):
        raise CorpusError(f"expected a {what} (pandas DataFrame), got {type(tokens).__name__}")
    missing = [c for c in required if c not in tokens.columns]
    if missing:
        raise CorpusError(
            f"{what} lacks column(s) {', '.join(missing)}; found {', '.join(map(str, tokens.columns))}"
            " (make one with analysis.tokenise.tokens)"
        )
    missing = [c for c in groups if c not in tokens.columns]
    if missing:
        raise CorpusError(
            f"{what} lacks group column(s) {', '.join(missing)}; merge document metadata into "
            f"it first, e.g. tokens.merge(docs[['doc_id', {missing[0]!r}]], on='doc_id')"
        )
    if "norm" in tokens.columns:
        bad = tokens["norm"].isna().to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            where = f"row {i}"
            if "doc_id" in tokens.columns:
                where += f" (document {tokens['doc_id'].iloc[i]!r})"
            raise CorpusError(f"{what}, {where}: missing norm")


def in_document_order(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return ``tokens`` sorted by ``doc_id, tok_id`` (a no-op when it already is).

    Documents keep the order in which they first appear; only positions inside a document
    are reordered by ``tok_id``. Raises for a duplicated ``(doc_id, tok_id)`` key.
    """
    doc = pd.factorize(tokens["doc_id"], sort=False)[0]
    tok = tokens["tok_id"].to_numpy()
    key_sorted = bool(
        len(doc) < 2
        or np.all((np.diff(doc) > 0) | ((np.diff(doc) == 0) & (np.diff(tok) > 0)))
    )
    if key_sorted:
        return tokens
    order = np.lexsort((tok, doc))
    d, t = doc[order], tok[order]
    dup = np.flatnonzero((np.diff(d) == 0) & (np.diff(t) == 0))
    if dup.size:
        j = order[dup[0] + 1]
        raise CorpusError(
            f"token table, row {j}: duplicate (doc_id, tok_id) = "
            f"({tokens['doc_id'].iloc[j]!r}, {int(tok[j])})"
        )
    return tokens.iloc[order]


# --------------------------------------------------------------------------------------------
# Vocabulary, punctuation and stop words
# --------------------------------------------------------------------------------------------


def vocabulary(norm: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes for ``norm`` and the distinct types (sorted, so codes are stable)."""
    codes, uniques = pd.factorize(norm, sort=True)
    return codes.astype(np.int64, copy=False), np.asarray(uniques, dtype=object)


def is_word(types: np.ndarray) -> np.ndarray:
    """True for types holding at least one letter or digit (any script); False = punctuation."""
    return np.fromiter(
        (bool(_WORDLIKE.search(t)) for t in types), dtype=bool, count=len(types)
    )


def english_stopwords() -> frozenset[str]:
    """scikit-learn's English stop-word list (318 words; Glasgow IR group list)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def resolve_stopwords(stopwords: str | Iterable[str] | None) -> frozenset[str]:
    """``None`` -> empty; ``"english"`` -> scikit-learn's list; any iterable -> its words
    lower-cased; an iterable may contain ``"english"`` to add the list to its own words."""
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        if stopwords == "english":
            return english_stopwords()
        raise UsageError(
            f"stopwords must be None, 'english' or a collection of words, not {stopwords!r}"
        )
    words = {str(w).lower() for w in stopwords}
    if "english" in words:
        words.discard("english")
        words |= english_stopwords()
    return frozenset(words)


def type_mask(
    types: np.ndarray, *, punctuation: bool, stopwords: frozenset[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Per-type booleans: ``counted`` (a word, or any type when ``punctuation``) and
    ``kept`` (counted and not a stop word)."""
    counted = np.ones(len(types), dtype=bool) if punctuation else is_word(types)
    if stopwords:
        stop = np.fromiter((t in stopwords for t in types), dtype=bool, count=len(types))
        kept = counted & ~stop
    else:
        kept = counted.copy()
    return counted, kept


# --------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------


def group_codes(tokens: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer group codes for each row and the table of group keys (sorted, one row per code).

    Missing values in a group column form a group of their own (nothing is dropped).
    """
    if not by:
        return np.zeros(len(tokens), dtype=np.int64), pd.DataFrame(index=pd.RangeIndex(1))
    missing = [c for c in by if c not in tokens.columns]
    if missing:
        raise CorpusError(
            f"token table lacks group column(s) {', '.join(missing)}; "
            "merge document metadata into it first, e.g. tokens.merge(docs[['doc_id', "
            f"{missing[0]!r}]], on='doc_id')"
        )
    if len(by) == 1:
        codes, uniques = pd.factorize(tokens[by[0]], sort=True, use_na_sentinel=False)
        keys = pd.DataFrame({by[0]: pd.Series(uniques, dtype=tokens[by[0]].dtype)})
        return codes.astype(np.int64, copy=False), keys
    grouped = tokens.groupby(by, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy().astype(np.int64)
    keys = grouped.size().reset_index()[by]
    return codes, keys


# --------------------------------------------------------------------------------------------
# 2 x 2 contingency statistics, vectorised
# --------------------------------------------------------------------------------------------


def contingency(o11, r1, c1, n):
    """The four observed cells and their expected values from O11 and the margins.

    Rows: target / rest; columns: term / other terms. ``r1`` = row-1 total, ``c1`` =
    column-1 total, ``n`` = grand total. Returns ``(observed, expected)``, each a list of four
    float arrays in the order O11, O12, O21, O22.
    """
    o11 = np.asarray(o11, dtype=float)
    r1 = np.asarray(r1, dtype=float)
    c1 = np.asarray(c1, dtype=float)
    n = np.asarray(n, dtype=float)
    r2, c2 = n - r1, n - c1
    obs = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
    exp = [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
    return obs, exp


def g2(obs, exp) -> np.ndarray:
    """Log-likelihood ratio G² = 2 Σ O ln(O / E) over the four cells (0 ln 0 = 0)."""
    total = np.zeros(np.broadcast(*obs).shape)
    for o, e in zip(obs, exp):
        # O ln(O/E) on the ratio (not ln O - ln E), which keeps full precision for the large
        # cells of big corpora where O/E is within 1e-8 of one.
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(o > 0, o / e, 1.0)
        total = total + xlogy(o, ratio)
    return 2.0 * total


def pearson_chi2(obs, exp, *, yates: bool) -> np.ndarray:
    """Pearson's X² = Σ (O - E)² / E, with Yates's continuity correction when asked.

    The correction moves each observed count 0.5 towards its expected value but never past it
    (``min(0.5, |O - E|)``), exactly as :func:`scipy.stats.chi2_contingency` does.
    """
    total = np.zeros(np.broadcast(*obs).shape)
    for o, e in zip(obs, exp):
        diff = np.abs(o - e)
        if yates:
            diff = diff - np.minimum(0.5, diff)
        with np.errstate(divide="ignore", invalid="ignore"):
            total = total + np.where(e > 0, diff * diff / e, 0.0)
    return total
