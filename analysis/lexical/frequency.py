"""Word and n-gram frequencies, and document-term matrices, from token tables.

Input is a token table from :func:`analysis.tokenise.tokens` (``doc_id, sent_id, tok_id, start,
end, token, norm``). Counting is on ``norm`` (lower-cased, quotes folded), so "Russia's" and
"Russia’s" are one type.

Conventions shared by every function here
-----------------------------------------
* **Punctuation** is any token with no letter or digit (``.``, ``"``, ``—``, ``...``). It is left
  out by default (``punctuation=False``) and then counts neither as a term nor in the token
  totals; ``punctuation=True`` counts it like a word.
* **Stop words** (``stopwords=``): ``None`` (keep everything), ``"english"`` (scikit-learn's
  318-word list), or any collection of words; a collection may include ``"english"`` to extend
  that list, e.g. ``["english", "applause"]``. See :func:`stopword_list`. Stop words are removed
  from the terms counted but still count in the token totals, so ``per_million`` is always
  relative to all running words.
* **Totals and rates:** ``tokens`` is the number of running words (punctuation excluded unless
  asked for) in the group; ``per_million = count / tokens * 1e6``.
* **Order:** group columns, then count (descending), then term, so ties never reorder.

Everything is vectorised: the vocabulary is built once with :func:`pandas.factorize` and counts
are sums of a :mod:`scipy.sparse` matrix, so a 2-million-token corpus counts in well under a
second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from . import _stats
from ..plots._lexical import plot_heatmap
from ..errors import UsageError

__all__ = ["DocumentTermMatrix", "counts", "dtm", "ngrams", "plot_heatmap", "stopword_list"]


def stopword_list(*extra: str, english: bool = True) -> frozenset[str]:
    """A stop-word set: scikit-learn's English list plus any words of your own.

    Parameters
    ----------
    *extra : str
        Additional stop words (lower-cased before use).
    english : bool, default True
        Include scikit-learn's ``ENGLISH_STOP_WORDS`` (318 words).

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> words = stopword_list("applause", "Laughter")
    >>> len(words), "the" in words, "laughter" in words
    (320, True, True)
    """
    base = _stats.english_stopwords() if english else frozenset()
    return base | frozenset(w.lower() for w in extra)


def _empty(by_dtypes: dict[str, object], extra: dict[str, str]) -> pd.DataFrame:
    cols = {c: pd.Series([], dtype=t) for c, t in by_dtypes.items()}
    cols.update({c: pd.Series([], dtype=t) for c, t in extra.items()})
    return pd.DataFrame(cols)


_COUNT_COLUMNS = {"term": "str", "count": "int64", "tokens": "int64", "per_million": "float64"}


def _check_min_count(min_count: int) -> None:
    if not isinstance(min_count, (int, np.integer)) or isinstance(min_count, bool) or min_count < 1:
        raise UsageError(f"min_count must be an integer >= 1, got {min_count!r}")


def _tidy_counts(
    matrix: sparse.csr_matrix,
    terms: np.ndarray,
    keys: pd.DataFrame,
    sizes: np.ndarray,
    by: list[str],
    min_count: int,
) -> pd.DataFrame:
    coo = matrix.tocoo()
    keep = coo.data >= min_count
    row, col, cnt = coo.row[keep], coo.col[keep], coo.data[keep].astype(np.int64)
    order = np.lexsort((terms[col].astype(str), -cnt, row))
    row, col, cnt = row[order], col[order], cnt[order]
    out = keys.iloc[row].reset_index(drop=True) if by else pd.DataFrame(index=pd.RangeIndex(len(row)))
    tok = sizes[row].astype(np.int64)
    out["term"] = pd.Series(terms[col], dtype="str")
    out["count"] = cnt
    out["tokens"] = tok
    with np.errstate(divide="ignore", invalid="ignore"):
        out["per_million"] = np.where(tok > 0, cnt / np.maximum(tok, 1) * 1e6, np.nan)
    return out


def _word_counts(
    tokens: pd.DataFrame,
    by: list[str],
    *,
    stopwords: frozenset[str],
    punctuation: bool,
) -> tuple[sparse.csr_matrix, np.ndarray, pd.DataFrame, np.ndarray]:
    """Group x type count matrix, the types, the group keys and the running-word totals."""
    codes, types = _stats.vocabulary(tokens["norm"])
    counted, kept = _stats.type_mask(types, punctuation=punctuation, stopwords=stopwords)
    g, keys = _stats.group_codes(tokens, by)
    n_groups = len(keys)
    sizes = np.bincount(g[counted[codes]], minlength=n_groups).astype(np.int64)
    sel = kept[codes]
    matrix = sparse.csr_matrix(
        (np.ones(int(sel.sum()), dtype=np.int64), (g[sel], codes[sel])),
        shape=(n_groups, len(types)),
    )
    matrix.sum_duplicates()
    return matrix, types, keys, sizes


def counts(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    stopwords: str | Iterable[str] | None = None,
    min_count: int = 1,
    punctuation: bool = False,
) -> pd.DataFrame:
    """Term frequencies, overall or per group, with relative frequency per million words.

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table (at least ``norm``; plus the ``by`` columns).
    by : str or list of str, optional
        Column(s) of ``tokens`` to count within, e.g. ``"doc_id"`` or ``"president"`` (merge
        document metadata into the token table first). Missing values form their own group.
    stopwords : None, "english" or collection of str, optional
        Terms not to report (see the module notes); they still count in ``tokens``.
    min_count : int, default 1
        Report only rows whose ``count`` is at least this.
    punctuation : bool, default False
        Count punctuation tokens as terms (and in ``tokens``).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``term`` (the ``norm`` form), ``count`` (occurrences in the
        group), ``tokens`` (running words in the group) and ``per_million``
        (``count / tokens * 1e6``). Sorted by group, ``count`` descending, then ``term``.

    Raises
    ------
    CorpusError
        If ``tokens`` is not a token table, a ``by`` column is missing, or ``norm`` is missing
        in a row (the message names it).

    References
    ----------
    McEnery, T., & Hardie, A. (2012). *Corpus Linguistics: Method, Theory and Practice*,
    ch. 3 (normalised frequency). Cambridge University Press.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["d"] * 5, "norm": ["the", "nato", ",", "the", "door"]})
    >>> counts(toks)
       term  count  tokens  per_million
    0   the      2       4     500000.0
    1  door      1       4     250000.0
    2  nato      1       4     250000.0
    """
    by_cols = _stats.as_columns(by)
    _stats.check_tokens(tokens, ["norm"], groups=by_cols)
    _check_min_count(min_count)
    if tokens.empty:
        return _empty({c: tokens[c].dtype for c in by_cols}, _COUNT_COLUMNS)
    matrix, types, keys, sizes = _word_counts(
        tokens, by_cols, stopwords=_stats.resolve_stopwords(stopwords), punctuation=punctuation
    )
    return _tidy_counts(matrix, types, keys, sizes, by_cols, min_count)


def ngrams(
    tokens: pd.DataFrame,
    n: int,
    *,
    by: str | Sequence[str] | None = None,
    stopwords: str | Iterable[str] | None = None,
    min_count: int = 1,
    punctuation: bool = False,
) -> pd.DataFrame:
    """Frequencies of n-grams: runs of ``n`` consecutive tokens inside one sentence.

    An n-gram never crosses a sentence or document boundary, and (unless ``punctuation=True``)
    never contains a punctuation token: "security demands, and" yields "security demands" but
    not "demands and". With ``stopwords``, n-grams that begin or end with a stop word are
    dropped ("of the", "the alliance") while inner stop words are kept ("ball in their
    court"), the usual filter for phrase lists (as in textacy's ``filter_stops``).

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table with ``doc_id, sent_id, tok_id, norm`` (plus the ``by`` columns).
    n : int
        Length of the n-grams (1 gives word counts, as :func:`counts`).
    by, stopwords, min_count, punctuation
        As in :func:`counts`.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``term`` (the n-gram's ``norm`` forms joined by single
        spaces), ``count``, ``tokens`` (running words in the group, as in :func:`counts`) and
        ``per_million`` (n-grams per million running words). Sorted by group, ``count``
        descending, then ``term``.

    References
    ----------
    Manning, C. D., & Schütze, H. (1999). *Foundations of Statistical Natural Language
    Processing*, ch. 6. MIT Press.

    Examples
    --------
    >>> toks = pd.DataFrame({
    ...     "doc_id": ["d"] * 7, "sent_id": [0, 0, 0, 0, 1, 1, 1], "tok_id": range(7),
    ...     "norm": ["nato's", "door", "is", ".", "nato's", "door", "."]})
    >>> ngrams(toks, 2)[["term", "count"]]
              term  count
    0  nato's door      2
    1      door is      1
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise UsageError(f"n must be an integer >= 1, got {n!r}")
    by_cols = _stats.as_columns(by)
    _stats.check_tokens(tokens, ["doc_id", "sent_id", "tok_id", "norm"], groups=by_cols)
    _check_min_count(min_count)
    if tokens.empty:
        return _empty({c: tokens[c].dtype for c in by_cols}, _COUNT_COLUMNS)
    stop = _stats.resolve_stopwords(stopwords)
    tokens = _stats.in_document_order(tokens)
    codes, types = _stats.vocabulary(tokens["norm"])
    counted, _ = _stats.type_mask(types, punctuation=punctuation, stopwords=frozenset())
    stop_type = np.fromiter((t in stop for t in types), dtype=bool, count=len(types))
    g, keys = _stats.group_codes(tokens, by_cols)
    sizes = np.bincount(g[counted[codes]], minlength=len(keys)).astype(np.int64)

    m = len(codes) - n + 1
    if m <= 0:
        return _empty({c: tokens[c].dtype for c in by_cols}, _COUNT_COLUMNS)
    doc = pd.factorize(tokens["doc_id"], sort=False)[0]
    sent = tokens["sent_id"].to_numpy()
    ok = counted[codes[:m]].copy()
    for j in range(1, n):
        ok &= (doc[j : j + m] == doc[:m]) & (sent[j : j + m] == sent[:m]) & counted[codes[j : j + m]]
        # a group column could in principle change inside a sentence; keep grams within one
        ok &= g[j : j + m] == g[:m]
    if stop:
        ok &= ~stop_type[codes[:m]] & ~stop_type[codes[n - 1 : n - 1 + m]]
    starts = np.flatnonzero(ok)
    grams = np.column_stack([codes[starts + j] for j in range(n)]) if len(starts) else np.zeros((0, n), np.int64)
    key = g[starts]
    # Combine (group, code_1, ..., code_n) into one integer id, re-factorising at each step so
    # the product never overflows.
    for j in range(n):
        key = key * len(types) + grams[:, j]
        uniq, key = np.unique(key, return_inverse=True)
        key = key.astype(np.int64)
    _, first, cnt = np.unique(key, return_index=True, return_counts=True)
    cnt = cnt.astype(np.int64)
    keep = cnt >= min_count
    ids = np.flatnonzero(keep)
    rows = first[ids]
    gram_terms = pd.Series(types[grams[rows, 0]], dtype="str")
    for j in range(1, n):
        gram_terms = gram_terms.str.cat(pd.Series(types[grams[rows, j]], dtype="str"), sep=" ")
    grp = g[starts[rows]] if len(rows) else np.zeros(0, np.int64)
    matrix_terms = gram_terms.to_numpy(dtype=object)
    # Reuse the tidy builder: one "column" per n-gram id.
    matrix = sparse.csr_matrix(
        (cnt[ids], (grp, np.arange(len(ids)))), shape=(len(keys), len(ids))
    )
    return _tidy_counts(matrix, matrix_terms, keys, sizes, by_cols, min_count)


@dataclass(frozen=True)
class DocumentTermMatrix:
    """A sparse document-term count matrix with its row and column labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix of int64, shape (n_documents, n_terms)
        ``matrix[i, j]`` = occurrences of ``terms[j]`` in document ``docs.iloc[i]``.
    docs : pandas.DataFrame
        One row per matrix row: the key column(s) (``doc_id`` by default), sorted.
    terms : numpy.ndarray of str
        One entry per matrix column, sorted alphabetically.
    """

    matrix: sparse.csr_matrix
    docs: pd.DataFrame
    terms: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def to_frame(self) -> pd.DataFrame:
        """The non-zero cells as a tidy table: key column(s), ``term``, ``count``."""
        coo = self.matrix.tocoo()
        order = np.lexsort((coo.col, coo.row))
        out = self.docs.iloc[coo.row[order]].reset_index(drop=True)
        out["term"] = pd.Series(self.terms[coo.col[order]], dtype="str")
        out["count"] = coo.data[order].astype(np.int64)
        return out


def dtm(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    stopwords: str | Iterable[str] | None = None,
    min_count: int = 1,
    punctuation: bool = False,
) -> DocumentTermMatrix:
    """A sparse document-term matrix (documents or any other unit as rows).

    Built directly with :mod:`scipy.sparse` from integer codes (equivalent to scikit-learn's
    ``CountVectorizer`` with a pre-tokenised analyzer, without its per-token Python loop).

    Parameters
    ----------
    tokens : pandas.DataFrame
        A token table.
    by : str or list of str, default "doc_id"
        The unit of a row: ``"doc_id"``, ``["doc_id", "sent_id"]`` for sentences, or any
        metadata column merged into the table. Every unit present in ``tokens`` gets a row,
        even if all its tokens are filtered out (an all-zero row).
    stopwords, punctuation
        As in :func:`counts`.
    min_count : int, default 1
        Keep only terms occurring at least this often in the whole table.

    Returns
    -------
    DocumentTermMatrix
        ``matrix`` (CSR, int64), ``docs`` (the row keys) and ``terms`` (the column labels,
        sorted).

    References
    ----------
    Salton, G., Wong, A., & Yang, C. S. (1975). A vector space model for automatic indexing.
    *Communications of the ACM*, 18(11), 613-620.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b"], "norm": ["nato", "nato", "russia"]})
    >>> m = dtm(toks)
    >>> m.matrix.toarray().tolist(), m.terms.tolist(), m.docs["doc_id"].tolist()
    ([[2, 0], [0, 1]], ['nato', 'russia'], ['a', 'b'])
    """
    by_cols = _stats.as_columns(by)
    if not by_cols:
        raise UsageError("by must name at least one column (the unit of a matrix row)")
    _stats.check_tokens(tokens, ["norm"], groups=by_cols)
    _check_min_count(min_count)
    if tokens.empty:
        docs = pd.DataFrame({c: pd.Series([], dtype=tokens[c].dtype) for c in by_cols})
        return DocumentTermMatrix(
            sparse.csr_matrix((0, 0), dtype=np.int64), docs, np.array([], dtype=object)
        )
    matrix, types, keys, _ = _word_counts(
        tokens, by_cols, stopwords=_stats.resolve_stopwords(stopwords), punctuation=punctuation
    )
    totals = np.asarray(matrix.sum(axis=0)).ravel()
    cols = np.flatnonzero(totals >= min_count)
    matrix = matrix[:, cols].tocsr()
    matrix.sort_indices()
    return DocumentTermMatrix(matrix.astype(np.int64), keys, types[cols])
