"""What every sentiment module shares: the score columns, VADER's constants, row names (internal).
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from . import _vader as _sentiment_vader


#: The columns :func:`score` adds, in order.
SCORE_COLUMNS = ("neg", "neu", "pos", "compound")

#: VADER's negation words (``vaderSentiment.vaderSentiment.NEGATE``), the default negators of
#: :class:`DictionaryScorer`; any word containing ``n't`` negates as well.
NEGATORS: frozenset[str] = frozenset(_sentiment_vader._NEGATE)
_ALPHA = 15  # VADER's normalisation constant


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _row_name(sentences: pd.DataFrame, i: int) -> str:
    parts = [f"row {i}"]
    for col in ("doc_id", "sent_id"):
        if col in sentences.columns:
            value = sentences[col].iloc[i]
            parts.append(f"{col} {value.item() if isinstance(value, np.generic) else value!r}")
    return parts[0] + (f" ({', '.join(parts[1:])})" if len(parts) > 1 else "")
