"""Sentence sentiment by VADER: :func:`score` and :func:`vader_terms` (internal; the public
names are re-exported by :mod:`analysis.sentiment`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _vader as _sentiment_vader
from ..corpus import CorpusError, read_text
from ..errors import UsageError
from ._common import (  # noqa: F401
    SCORE_COLUMNS,
    _row_name,
)
from ._dictionary import (  # noqa: F401
    DictionaryScorer,
)


__all__ = ["score", "vader_terms"]


def _texts(sentences: pd.DataFrame) -> list[str]:
    if not isinstance(sentences, pd.DataFrame):
        raise CorpusError(
            f"expected a sentence table (pandas DataFrame), got {type(sentences).__name__}"
        )
    if "text" not in sentences.columns:
        raise CorpusError(
            "sentence table lacks a 'text' column; found "
            f"{', '.join(map(str, sentences.columns)) or 'no columns'} "
            "(make one with analysis.tokenise.sentences)"
        )
    texts = sentences["text"].tolist()
    for i, text in enumerate(texts):
        if isinstance(text, str):
            continue
        if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
            raise CorpusError(f"sentence table, {_row_name(sentences, i)}: missing text")
        raise CorpusError(
            f"sentence table, {_row_name(sentences, i)}: text is {type(text).__name__}, "
            "not a string"
        )
    return texts


def _vader(texts: list[str]) -> dict[str, np.ndarray]:
    # Each distinct sentence is scored once: repeated sentences (salutations, boilerplate,
    # headings) are common in speeches and news feeds.
    cache: dict[str, tuple[float, float, float, float]] = {}
    polarity = _sentiment_vader.polarity_scores
    rows = []
    for text in texts:
        hit = cache.get(text)
        if hit is None:
            hit = cache[text] = polarity(text)
        rows.append(hit)
    arr = np.array(rows, dtype=np.float64).reshape(len(texts), 4)
    return {c: arr[:, k] for k, c in enumerate(SCORE_COLUMNS)}


def score(sentences: pd.DataFrame, *, method: str | DictionaryScorer = "vader") -> pd.DataFrame:
    """Score the sentiment of each sentence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        A table with a ``text`` column, one sentence per row, usually from
        :func:`analysis.tokenise.sentences`. Every other column is kept as it is.
    method : "vader" or DictionaryScorer, default "vader"
        ``"vader"``: VADER 3.3.2 as published in the ``vaderSentiment`` package, with its
        lexicon and rules, scores identical to ``polarity_scores``. A
        :class:`DictionaryScorer`: the researcher's own lexicon (see there).

    Returns
    -------
    pandas.DataFrame
        The sentence table (same rows, order and index) plus ``neg, neu, pos, compound``
        (float64). A :class:`DictionaryScorer` also adds ``n_words`` and one ``n_<category>``
        count column per category. An empty or whitespace-only sentence scores 0 in every
        column, as in the reference.

    Raises
    ------
    CorpusError
        If the table has no ``text`` column, or a text is missing or not a string (the
        message names the row, with its ``doc_id`` and ``sent_id``).
    ValueError
        For an unknown ``method``, or if the table already holds one of the score columns.

    Notes
    -----
    VADER (Valence Aware Dictionary and sEntiment Reasoner) sums the valence of the words of
    a 7,500-entry lexicon rated by crowd workers, adjusted by rules for negation (``not
    good``), degree words (``very``, ``kind of``), capitals (``GOOD``), exclamation marks and
    a contrastive ``but``. It was built and validated on social-media posts, product reviews,
    film reviews and editorials; on diplomatic or legislative prose its lexicon reads words
    such as ``security``, ``support`` or ``crisis`` as sentiment even when they name topics.

    The implementation is an exact re-implementation of the reference that skips its
    redundant work (it lowercases the whole sentence again for every lexicon word) and scores
    each distinct sentence once; ``benchmarks/sentiment.py`` measures it against the
    reference over all State of the Union sentences and checks that every score is equal.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. *Proceedings of the International AAAI Conference on Web
    and Social Media*, 8(1), 216-225.

    Examples
    --------
    >>> sents = pd.DataFrame({"text": ["VADER is smart, handsome, and funny.",
    ...                                "VADER is not smart, handsome, nor funny.", ""]})
    >>> score(sents)
                                           text    neg    neu    pos  compound
    0      VADER is smart, handsome, and funny.  0.000  0.254  0.746    0.8316
    1  VADER is not smart, handsome, nor funny.  0.646  0.354  0.000   -0.7424
    2                                            0.000  0.000  0.000    0.0000
    """
    texts = _texts(sentences)
    if isinstance(method, str):
        if method != "vader":
            raise UsageError(f"unknown sentiment method {method!r}; use 'vader' or a DictionaryScorer")
        names = list(SCORE_COLUMNS)
    elif isinstance(method, DictionaryScorer):
        names = method.columns
    else:
        raise UsageError(
            f"method must be 'vader' or a DictionaryScorer, got {type(method).__name__}"
        )
    clash = [c for c in names if c in sentences.columns]
    if clash:
        raise UsageError(
            f"the sentence table already has column(s) {', '.join(clash)}; "
            "drop them before scoring again"
        )
    columns = _vader(texts) if isinstance(method, str) else method._score_texts(texts)
    out = sentences.copy()
    for name, values in columns.items():
        out[name] = values
    return out


def vader_terms(sentences: pd.DataFrame, *, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The VADER lexicon words in the sentences, how often each occurs, and its valence.

    Shows which words drive the scores, e.g. that ``security`` (+1.4) and ``crisis`` (-3.1)
    count as sentiment in news where they name topics. Words are those the reference scores:
    split at whitespace, outer punctuation stripped, lower-cased, emoji replaced by their
    descriptions.

    Parameters
    ----------
    sentences : pandas.DataFrame
        A table with a ``text`` column (and the ``by`` columns).
    by : str or list of str, optional
        Count per group (``doc_id``, ``year``, ...); default: over all sentences.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``term``, ``valence`` (the lexicon's mean rating, -4 to +4, before
        VADER's rules adjust it in context) and ``count``; sorted by group, then ``count``
        (descending), then ``term``.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. *ICWSM*, 8(1), 216-225.

    Examples
    --------
    >>> vader_terms(pd.DataFrame({"text": ["The crisis deepened.", "No crisis, no war."]}))
         term  valence  count
    0  crisis     -3.1      2
    1      no     -1.2      2
    2     war     -2.9      1
    """
    texts = _texts(sentences)
    cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in cols if c not in sentences.columns]
    if missing:
        raise CorpusError(f"sentence table lacks column(s) {', '.join(missing)}")
    lex = _sentiment_vader.lexicon()
    rows, terms = [], []
    for i, text in enumerate(texts):
        for w in _sentiment_vader.words(text):
            if w in lex:
                rows.append(i)
                terms.append(w)
    hits = sentences[cols].iloc[rows].reset_index(drop=True)
    hits["term"] = pd.Series(terms, dtype="str")
    counts = hits.groupby([*cols, "term"], sort=True, dropna=False, observed=True).size()
    out = counts.rename("count").reset_index()
    out.insert(len(cols) + 1, "valence", out["term"].map(lex).astype("float64"))
    out["count"] = out["count"].astype("int64")
    out = out.sort_values(
        [*cols, "count", "term"], ascending=[True] * len(cols) + [False, True], kind="stable"
    )
    return out.reset_index(drop=True)
