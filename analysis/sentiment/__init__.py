"""Sentence sentiment: VADER scores equal to the reference, dictionary scores, group summaries.

:func:`score` adds ``neg, neu, pos, compound`` to a sentence table (from
:func:`analysis.tokenise.sentences`). The default method is VADER (Hutto & Gilbert 2014): its
scores equal those of the ``vaderSentiment`` package's
``SentimentIntensityAnalyzer().polarity_scores(text)`` exactly, sentence for sentence, so
results can be compared with published studies; the lexicon is read from the installed
package. :class:`DictionaryScorer` scores with a researcher's own lexicon instead, and
:func:`aggregate` summarises scores per document, year, party, speaker or any other grouping,
with seeded bootstrap confidence intervals.

Columns added by :func:`score`
------------------------------
``neg``, ``neu``, ``pos``
    Shares of the sentence's (rule-adjusted) weight that is negative, neutral and positive;
    they sum to 1 up to rounding (all three are 0 for a sentence with no words).
``compound``
    The summed valence normalised to [-1, 1] by ``x / sqrt(x**2 + 15)``. By the convention of
    the VADER authors a sentence is positive when ``compound >= 0.05``, negative when
    ``compound <= -0.05`` and neutral in between.

VADER's values are rounded as the reference rounds them (3 decimals, 4 for ``compound``).
"""

from __future__ import annotations

from ..plots._sentiment import plot_over_time, plot_sentences  # noqa: F401
from ._aggregate import aggregate  # noqa: F401
from ._common import NEGATORS, SCORE_COLUMNS  # noqa: F401
from ._dictionary import DictionaryScorer  # noqa: F401
from ._score import score, vader_terms  # noqa: F401

__all__ = [
    "NEGATORS",
    "SCORE_COLUMNS",
    "DictionaryScorer",
    "aggregate",
    "plot_over_time",
    "plot_sentences",
    "score",
    "vader_terms",
]
