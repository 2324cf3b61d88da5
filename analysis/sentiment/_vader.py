"""An exact, faster re-implementation of ``vaderSentiment`` 3.3.2's ``polarity_scores``.

The reference (``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer``) lowercases the
whole sentence again for every lexicon word it meets (in its negation and idiom checks) and
rebuilds each string character by character to replace emoji, so its cost grows with the
square of the sentence length. This module

* lowercases each sentence once, and remembers how each whitespace-separated word is stripped
  of punctuation;
* skips the emoji pass for a sentence holding no emoji character;
* goes through the rules only for words in the lexicon, and skips the three-word look-back for
  a word with no booster, negation or idiom word among the three words before it (where the
  reference's look-back adds ``0.0`` and multiplies by nothing);

and otherwise performs the same floating-point operations in the same order on values of the
same types (an ``int`` 0 for a word outside the lexicon, as in the reference), so every score
is identical (``==``) to the reference's, quirks included. ``tests/test_sentiment.py`` checks
that over a seeded sample of State of the Union sentences and over generated text that
exercises every rule; ``benchmarks/sentiment.py`` checks it over all SOTU sentences.

The lexicon, the emoji descriptions and the rule constants are read from the installed
``vaderSentiment`` package, never copied here, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import math
import string
from itertools import compress

from vaderSentiment import vaderSentiment as _ref

__all__ = ["lexicon", "polarity_scores", "reference_analyzer", "words"]

_BOOSTER = _ref.BOOSTER_DICT
_SPECIAL = _ref.SPECIAL_CASES
_NEGATE = frozenset(_ref.NEGATE)
_N_SCALAR = _ref.N_SCALAR
_C_INCR = _ref.C_INCR
_PUNCT = string.punctuation
# Every word of a multi-word idiom or booster: each sequence the idiom check builds holds the
# word before the lexicon word, the one before that, or the lexicon word itself, so when none
# of those three is in this set the check cannot change the valence and is skipped.
_IDIOM_WORDS = frozenset(
    w for key in (*_SPECIAL, *_BOOSTER) if " " in key for w in key.split(" ")
)
# Words that can change a lexicon word's valence from up to three places before it: boosters
# and dampeners, negations (with "never ... so/this" and "without doubt") and, through a
# precedence quirk of the reference, a bare "so" or "this" right before it. When none of the
# three preceding words is one of these (nor holds "n't"), the reference's window loop adds
# 0.0 and multiplies by nothing, so it can be skipped for a non-zero valence.
_TRIGGERS = frozenset(_BOOSTER) | _NEGATE | {"never", "without", "so", "this"}


@functools.lru_cache(maxsize=1)
def reference_analyzer() -> _ref.SentimentIntensityAnalyzer:
    """The reference analyzer, built once (it reads its lexicon files from its own package)."""
    return _ref.SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], dict[str, str], frozenset[str]]:
    sia = reference_analyzer()
    # The reference tests membership one character at a time, so only one-character keys can
    # ever match.
    emojis = {k: v for k, v in sia.emojis.items() if len(k) == 1}
    return sia.lexicon, emojis, frozenset(emojis)


def _replace_emoji(text: str, emojis: dict[str, str]) -> str:
    # Verbatim logic of the reference's first loop (a space before, none after, a description).
    out = []
    prev_space = True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                out.append(" ")
            out.append(emojis[ch])
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out)


class _StrippedWords(dict):
    """Memo of the reference's ``_strip_punc_if_word``: strip leading and trailing ASCII
    punctuation unless two or fewer characters would remain (emoticons such as ``:)``).

    Looked up with ``map(memo.__getitem__, ...)``, so a word seen before costs one dict lookup
    in C. Holds at most ``_MEMO_SIZE`` words; beyond that new words are computed, not stored.
    """

    def __missing__(self, token: str) -> str:
        stripped = token.strip(_PUNCT)
        value = token if len(stripped) <= 2 else stripped
        if len(self) < _MEMO_SIZE:
            self[token] = value
        return value


_MEMO_SIZE = 1 << 18
_NO_WORDS = (0.0, 0.0, 0.0, 0.0)
_ALL_NEUTRAL = (0.0, 1.0, 0.0, 0.0)
_stripped = _StrippedWords()


def _negated(word_lower: str) -> bool:
    # The reference's ``negated([word])`` for a single, already lowercased word.
    return word_lower in _NEGATE or "n't" in word_lower


def _scalar_inc_dec(word: str, word_lower: str, valence: float, is_cap_diff: bool) -> float:
    scalar = 0.0
    if word_lower in _BOOSTER:
        scalar = _BOOSTER[word_lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and is_cap_diff:
            if valence > 0:
                scalar += _C_INCR
            else:
                scalar -= _C_INCR
    return scalar


def _negation_check(valence: float, low: list[str], start_i: int, i: int) -> float:
    if start_i == 0:
        if _negated(low[i - 1]):
            valence = valence * _N_SCALAR
    if start_i == 1:
        if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _negated(low[i - 2]):
            valence = valence * _N_SCALAR
    if start_i == 2:
        if (
            low[i - 3] == "never"
            and (low[i - 2] == "so" or low[i - 2] == "this")
            or (low[i - 1] == "so" or low[i - 1] == "this")
        ):
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _negated(low[i - 3]):
            valence = valence * _N_SCALAR
    return valence


def _special_idioms_check(valence: float, low: list[str], i: int) -> float:
    # Only called with i >= 3, as in the reference.
    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    n = len(low)
    if n - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTER:
            valence = valence + _BOOSTER[n_gram]
    return valence


def _least_check(valence: float, low: list[str], lexicon: dict[str, float], i: int) -> float:
    if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * _N_SCALAR
    elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
        valence = valence * _N_SCALAR
    return valence


def _but_check(low: list[str], sentiments: list) -> list:
    # The reference's quirk is kept on purpose: each value is looked up by *equality*
    # (``list.index``), so repeated values rescale their first occurrence.
    if "but" in low:
        bi = low.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments[si] = sentiment * 0.5
            elif si > bi:
                sentiments[si] = sentiment * 1.5
    return sentiments


def _punctuation_emphasis(text: str) -> float:
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        if qm_count <= 3:
            qm_amplifier = qm_count * 0.18
        else:
            qm_amplifier = 0.96
    return ep_amplifier + qm_amplifier


def _score_valence(sentiments: list, text: str) -> tuple[float, float, float, float]:
    if sentiments:
        sum_s = float(sum(sentiments))
        punct_emph_amplifier = _punctuation_emphasis(text)
        if sum_s > 0:
            sum_s += punct_emph_amplifier
        elif sum_s < 0:
            sum_s -= punct_emph_amplifier

        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0

        # Zeros (int 0, 0.0 and -0.0) only count as neutral; the sums visit the other values
        # in the reference's order.
        nonzero = [s for s in sentiments if s != 0]
        neu_count = len(sentiments) - len(nonzero)
        pos_sum = 0.0
        neg_sum = 0.0
        for s in nonzero:
            if s > 0:
                pos_sum += float(s) + 1
            else:
                neg_sum += float(s) - 1

        if pos_sum > math.fabs(neg_sum):
            pos_sum += punct_emph_amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= punct_emph_amplifier

        total = pos_sum + math.fabs(neg_sum) + neu_count
        pos = math.fabs(pos_sum / total)
        neg = math.fabs(neg_sum / total)
        neu = math.fabs(neu_count / total)
    else:
        compound = 0.0
        pos = 0.0
        neg = 0.0
        neu = 0.0
    return round(neg, 3), round(neu, 3), round(pos, 3), round(compound, 4)


def lexicon() -> dict[str, float]:
    """VADER's lexicon as the reference loads it: lower-case word or emoticon -> mean valence."""
    return _tables()[0]


def words(text: str) -> list[str]:
    """The lower-cased words the reference scores: emoji replaced by their descriptions, split
    at whitespace, outer punctuation stripped (unless two or fewer characters would remain).

    Examples
    --------
    >>> words("NATO's door is open -- :) 😁")
    ["nato's", 'door', 'is', 'open', '--', ':)', 'beaming', 'face', 'with', 'smiling', 'eyes']
    """
    _, emojis, emoji_chars = _tables()
    if not emoji_chars.isdisjoint(text):
        text = _replace_emoji(text, emojis)
    return [w.lower() for w in map(_stripped.__getitem__, text.split())]


def polarity_scores(text: str) -> tuple[float, float, float, float]:
    """``(neg, neu, pos, compound)`` of one string, equal to the reference's ``polarity_scores``.

    Examples
    --------
    >>> polarity_scores("VADER is smart, handsome, and funny.")
    (0.0, 0.254, 0.746, 0.8316)
    >>> polarity_scores("")
    (0.0, 0.0, 0.0, 0.0)
    """
    lexicon, emojis, emoji_chars = _tables()
    if not emoji_chars.isdisjoint(text):
        text = _replace_emoji(text, emojis)
    text = text.strip()

    words = list(map(_stripped.__getitem__, text.split()))
    n = len(words)
    allcaps = sum(map(str.isupper, words))
    is_cap_diff = 0 < n - allcaps < n
    low = list(map(str.lower, words))
    has_nt = "'" in text and any("n't" in w for w in low)

    # Words outside the lexicon (and boosters, and "kind" before "of") score an int 0, as in
    # the reference; only lexicon words go through the rules.
    hits = list(compress(range(n), map(lexicon.__contains__, low)))
    if not hits:
        # All words score 0: the reference's arithmetic gives neu = n / n and zeros elsewhere.
        return _NO_WORDS if n == 0 else _ALL_NEUTRAL
    sentiments: list = [0] * n
    for i in hits:
        item_lower = low[i]
        if item_lower in _BOOSTER:
            continue
        if i < n - 1 and item_lower == "kind" and low[i + 1] == "of":
            continue

        valence = lexicon[item_lower]
        if item_lower == "no" and i != n - 1 and low[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and low[i - 1] == "no")
            or (i > 1 and low[i - 2] == "no")
            or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[item_lower] * _N_SCALAR

        if is_cap_diff and words[i].isupper():
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR

        if valence != 0 and not has_nt and _TRIGGERS.isdisjoint(low[max(i - 3, 0) : i]):
            if (
                i > 2
                and low[i - 3] not in lexicon
                and (low[i] in _IDIOM_WORDS or low[i - 1] in _IDIOM_WORDS or low[i - 2] in _IDIOM_WORDS)
            ):
                valence = _special_idioms_check(valence, low, i)
            sentiments[i] = _least_check(valence, low, lexicon, i)
            continue

        for start_i in range(3):
            j = i - (start_i + 1)
            if i > start_i and low[j] not in lexicon:
                s = _scalar_inc_dec(words[j], low[j], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, low, start_i, i)
                if start_i == 2 and (
                    low[i] in _IDIOM_WORDS or low[i - 1] in _IDIOM_WORDS or low[i - 2] in _IDIOM_WORDS
                ):
                    valence = _special_idioms_check(valence, low, i)

        valence = _least_check(valence, low, lexicon, i)
        sentiments[i] = valence

    if "but" in low:
        sentiments = _but_check(low, sentiments)
    return _score_valence(sentiments, text)
