"""Noun phrases and subjects: who a cue's subject is, read from the tokens (internal).

Backward and forward noun phrases, post-modifiers ("a spokesman for the ministry"),
appositives ("Lavrov, Russia's foreign minister,"), described names ("retired teacher
Graham Oakes") and the subject of a sentence after a dateline.
"""

from __future__ import annotations

from . import _lexicon as lex
from ._units import (  # noqa: F401
    Lexicon,
    Unit,
    _BE,
    _NEGATION,
    _PARTITIVE,
    _POSTMOD,
    _POSTMOD_INNER,
    _SENTENCE_ADVERBS,
    _acronym,
    _is_cap,
    _is_word,
    _personal_name,
    _pronoun_of,
    _verb_like,
)


def _np_backward(u: Unit, j: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The speaker noun phrase that ends at token ``j``, or None.

    A description with a post-modifier is taken whole ("a person familiar with the Russian
    position", "the Russian embassy in London"), and a partitive with its quantifier ("one
    of the officials").
    """
    if j < 0 or u.quote[j] >= 0:
        return None
    np = _postmodified(u, j, lexicon)
    if np is None:
        np = _np_core(u, j, lexicon)
    if np is not None:
        a = np[0]
        if (a >= 2 and u.lows[a - 1] == "of" and u.lows[a - 2] in _PARTITIVE
                and u.lows[a] in lex.DETERMINERS and u.quote[a - 2] < 0):
            np = (a - 2, np[1])
    return np


def _postmodified(u: Unit, j: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A lower-case head noun with a post-modifier ending at token ``j``, or None."""
    w = u.words[j]
    if not _is_word(w) or u.lows[j] in lex.BOUNDARY or lexicon.is_cue_word(u.lows[j]):
        return None
    t = j - 1
    while t > 0 and j - t <= 7:
        if u.quote[t] >= 0 or not _is_word(u.words[t]):
            return None
        low = u.lows[t]
        if low in _POSTMOD:
            h = t - 1
            if (lex.is_head_noun(u.lows[h])
                    and (u.words[h][:1].islower() or h == u.sent_first[h]
                         or u.lows[h] in lex.ORG_HEADS)  # "The Russian Embassy in New Delhi"
                    and u.quote[h] < 0 and u.lows[h] not in lex.SOURCE_NOUNS):
                head = _np_core(u, h, lexicon)
                if head is not None:
                    return (head[0], j + 1)
            if low not in _POSTMOD_INNER:
                return None
        elif lexicon.is_cue_word(low) or _verb_like(u, t) or (
            low in lex.BOUNDARY and low not in _POSTMOD_INNER
        ):
            return None
        t -= 1
    return None


def _np_core(u: Unit, j: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The plain noun phrase that ends at token ``j`` (no post-modifier), or None."""
    w, low = u.words[j], u.lows[j]
    if _pronoun_of(low) is not None:
        return (j, j + 1)
    if not _is_word(w):
        return None
    if _is_cap(w):
        if low in lex.BOUNDARY or low in _SENTENCE_ADVERBS or low in lex.DETERMINERS:
            return None
        if (low.endswith("ly") and len(low) > 4 and j == u.sent_first[j] and j + 1 < len(u)
                and u.words[j + 1] == ","):
            return None  # "Clearly, ...": a sentence adverb
    elif not lex.is_head_noun(low):
        return None
    start = j
    k = j - 1
    while k >= 0 and j - k < 12:
        if u.quote[k] >= 0:
            break
        w, low = u.words[k], u.lows[k]
        if low in lex.DETERMINERS:
            start = k
            if (k >= 2 and u.lows[k - 1] in ("of", "for") and u.quote[k - 2] < 0 and not _is_cap(w)
                    and ((_is_cap(u.words[k - 2]) and _is_word(u.words[k - 2]))
                         or u.lows[k - 2] in lex.HEAD_NOUNS)):
                # "Sandeep Deshmukh of the Congress", "a spokesman of the ministry": the
                # phrase before "of the" belongs to it
                start = k - 1
                k -= 2
                continue
            break
        if _is_cap(w) and _is_word(w):
            if not _acronym(w) and (
                low in lex.BOUNDARY or low in _SENTENCE_ADVERBS or lexicon.is_cue_word(low)
            ):
                break
            start = k
            k -= 1
            continue
        if low in ("of", "for") and k > 0 and (
            _is_cap(u.words[k - 1]) or u.lows[k - 1] in lex.HEAD_NOUNS
        ) and u.quote[k - 1] < 0:
            start = k
            k -= 1
            continue
        if low in ("and", "&") and k > 0 and _is_cap(u.words[k - 1]) and _is_cap(u.words[k + 1]):
            start = k
            k -= 1
            continue
        if not _is_word(w) or low in lex.BOUNDARY or lexicon.is_cue_word(low):
            break
        if low.endswith("ly") and low not in lex.HEAD_NOUNS and low not in lex.LY_ADJECTIVES:
            break
        if low in ("quoted", "cited"):
            break  # "RIA Novosti later quoted Galuzin as saying"
        if (k > 0 and _is_cap(u.words[k - 1]) and _is_cap(u.words[k + 1])
                and (_verb_like(u, k) or low in _BE)):
            break  # "RIA Novosti quoted Galuzin": a verb between subject and object
        start = k  # a lower-case modifier or possessive: "top", "country's"
        k -= 1
    # Drop leading time words ("Tuesday Lavrov") and a leading lower-case non-determiner run
    # that does not lead to a head ("border officials" keeps both: both are words).
    while start < j and (u.lows[start] in lex.TIME_WORDS or u.lows[start] in ("of", "for", "and", "&")):
        start += 1
    if start >= 1 and u.lows[start] == "least" and u.lows[start - 1] == "at":
        start -= 1  # "At least 14 Republicans"
    return (start, j + 1)


def _with_postmodifier(u: Unit, np: tuple[int, int], stop: int,
                       lexicon: Lexicon) -> tuple[int, int]:
    """``np`` extended over a post-modifier that runs to a comma or the sentence end ("a
    person [familiar with the deliberations]", "two diplomats [briefed on the talks]")."""
    t = np[1]
    if t >= stop or u.lows[t] not in _POSTMOD or not lex.is_head_noun(u.lows[t - 1]):
        return np
    e = t + 1
    while e < stop and e - t <= 8 and u.quote[e] < 0 and _is_word(u.words[e]):
        if lexicon.is_cue_word(u.lows[e]) or _verb_like(u, e) or u.lows[e] in (
            "who", "which", "that", "whose"
        ) or u.words[e][:1].isdigit() or u.lows[e] in lex.TIME_WORDS or u.lows[e] in ("last", "ago"):
            return np  # "wrote our late minister [in 1856]": a time, not a post-modifier
        e += 1
    if e >= stop or u.words[e] in (",", ".", ";", ":", "!", "?"):
        return (np[0], e)
    return np


def _np_forward(u: Unit, i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The speaker noun phrase that starts at token ``i`` ("said NATO's chief"), or None."""
    n = len(u)
    if i >= n or u.quote[i] >= 0:
        return None
    if u.lows[i] in lex.PRONOUNS and u.lows[i] not in ("it", "you"):
        return (i, i + 1)
    start = j = i
    if u.lows[j] in lex.DETERMINERS:
        j += 1
    while j < n and j - start < 12:
        if u.quote[j] >= 0:
            break
        w, low = u.words[j], u.lows[j]
        if _is_cap(w) and _is_word(w) and (low not in lex.BOUNDARY or _acronym(w)):
            j += 1
            continue
        if (
            (low in ("of", "for") or (low in ("from", "by") and u.lows[j - 1] in lex.SOURCE_NOUNS))
            and j + 1 < n
            and u.quote[j + 1] < 0
            and (_is_cap(u.words[j + 1]) or u.lows[j + 1] in lex.DETERMINERS)
        ):
            j += 1
            continue
        if low in lex.DETERMINERS and j > start and u.lows[j - 1] in ("of", "for"):
            j += 1
            continue
        if low in ("and", "&") and j > start and j + 1 < n and _is_cap(u.words[j - 1]) and _is_cap(
            u.words[j + 1]
        ):
            j += 1
            continue
        if not _is_word(w) or low in lex.BOUNDARY or (
            lexicon.is_cue_word(low)
            and not (low in lex.NOUN_LIKE_CUES and (
                u.lows[j - 1] in lex.DETERMINERS or lex.is_head_noun(u.lows[j - 1])
                or u.lows[j - 1].endswith(("'s", "\u2019s"))))
        ):
            break
        if low.endswith("ly") and low not in lex.HEAD_NOUNS and low not in lex.LY_ADJECTIVES:
            break
        if j > start and w[:1].islower() and _verb_like(u, j):
            break  # "said the industry [understood] ...": a clause, not a speaker
        if (
            low not in lex.HEAD_NOUNS
            and not low.endswith(("'s", "'"))
            and not (j + 1 < n and _is_cap(u.words[j + 1]) and not _verb_like(u, j))
            # a compound title: "Shadow housing secretary Priya Kaur"
            and not (j + 1 < n and u.lows[j + 1] in lex.HEAD_NOUNS and u.lows[j + 1] in lex.TITLES
                     and not _verb_like(u, j))
            and any(
                ((_is_cap(u.words[t]) and _is_word(u.words[t])) or u.lows[t] in lex.HEAD_NOUNS)
                and u.lows[t] not in lex.DETERMINERS
                for t in range(start, j)
            )
        ):
            break  # a lower-case word after the head: "the Ministry [issued]"
        j += 1
    end = j
    while end > start and not (
        (_is_cap(u.words[end - 1]) and _is_word(u.words[end - 1]))
        or lex.is_head_noun(u.lows[end - 1])
    ):
        end -= 1
    if end <= start or (end - start == 1 and u.lows[start] in lex.DETERMINERS):
        return None
    return (start, end)


def _subject_before(
    u: Unit, i: int, lexicon: Lexicon, form: str = ""
) -> tuple[tuple[int, int] | None, int | None]:
    """The subject of the cue at token ``i``: (noun phrase, first token of the subject region).

    The region starts before the phrase when an appositive holds the name ("The minister,
    Dmytro Kuleba, said" -> the phrase is the name, the region starts at "The").

    A passive cue ("were called", "it's said") has no subject: None.
    """
    participle = form.endswith("ing")
    negated = False
    j = i - 1
    if form == "as saying":
        # "X was quoted as saying", "the agency quoted X as saying": X is the speaker.
        while j >= 0 and (u.lows[j] in _BE or u.lows[j] in ("quoted", "cited")
                          or u.lows[j] in lex.SKIP_BEFORE_CUE):
            j -= 1
        np = _np_backward(u, j, lexicon)
        return np, (np[0] if np else None)
    while j >= 0 and u.quote[j] < 0:
        low = u.lows[j]
        if low in _BE and not participle:
            return None, None
        if low in ("not", "never", "cannot") or low.endswith("n't"):
            negated = True  # "did not confirm ... but said": the subject still speaks later
            j -= 1
            continue
        if low in lex.SKIP_BEFORE_CUE or (low in _NEGATION and negated) or (
            low.endswith("ly") and len(low) > 4 and low not in lex.HEAD_NOUNS
            and u.words[j][:1].islower()
        ):
            j -= 1
            continue
        if low in lex.TIME_WORDS and j > 0 and u.lows[j - 1] in (
            "on", "last", "this", "next", "late", "early", "earlier", "later", "that"
        ):
            j -= 2
            continue
        if low == "far" and j > 0 and u.lows[j - 1] == "so":
            j -= 2
            continue
        break
    if j < 0 or u.quote[j] >= 0:
        return None, None
    if u.lows[j] == "who":
        j -= 1
        if j >= 0 and u.words[j] == ",":
            j -= 1
        np = _np_backward(u, j, lexicon)
        if np is None or u.lows[np[0]] in lex.PRONOUNS:
            return None, None
        return np, np[0]
    pron = _pronoun_of(u.lows[j])
    if pron is not None and pron != u.lows[j] and not participle:
        if "'" + u.lows[j].partition("'")[2] in ("'re", "'m") or u.lows[j] == "it's":
            return None, None  # "we're told", "it's said"
    if u.words[j] == ")" and not participle:
        # "The Department for Transport (DfT) said": the name before the bracket
        k = j - 1
        while k >= 0 and j - k <= 6 and u.words[k] != "(" and u.quote[k] < 0:
            k -= 1
        if k >= 1 and u.words[k] == "(":
            j = k - 1
    if u.words[j] in (",", "\u2014", "\u2013"):
        # Appositives and relative clauses between subject and verb: "Lavrov, Russia's top
        # diplomat, said"; "Sen. Maria Delgado, D-N.M., who wrote the bill, said"; "23
        # governors \u2014 14 Republicans and nine Democrats \u2014 wrote".
        return _appositive_subject(u, j, lexicon)
    np = _np_backward(u, j, lexicon)
    return np, (np[0] if np else None)


#: Words opening a relative clause or participial phrase set off by commas after a subject.
_RELATIVE = lex.LISTS["relative_words"]


def _segment_np(u: Unit, a: int, b: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The noun phrase that fills the comma-delimited segment ``[a, b)`` exactly, or None."""
    if b > a and u.words[b - 1] == ")":
        p = b - 2
        while p > a and u.words[p] != "(":
            p -= 1
        if p > a:
            b = p  # "The Rail Delivery Group (RDG)"
    if b <= a:
        return None
    w, low = u.words[a], u.lows[a]
    if w[:1].islower() and not (low in lex.DETERMINERS or low in lex.PRONOUNS
                                or low.endswith(("'s", "\u2019s")) or low in _PARTITIVE):
        if _described_name(u, a, b, lexicon):
            return (a, b)  # "pensioner Nomsa Mahlangu"
        return None  # "cover more people": a verb phrase, not a subject
    if low in lex.BOUNDARY and low not in lex.DETERMINERS or (
        b - a == 1 and low.endswith("ly") and not _acronym(w)
    ):
        return None  # "of Mississippi", "Clearly"
    np = _np_backward(u, b - 1, lexicon)
    if np is not None and np[0] == a and np[1] == b:
        return np
    np = _np_forward(u, a, lexicon)
    if np is not None and np[0] == a and np[1] == b:
        return np
    return None


def _without_leading_function_words(words: list[str]) -> list[str]:
    """``words`` without the determiners, function words and sentence adverbs that open them
    ("But the Rockport Police" -> "Rockport Police")."""
    k = 0
    while k < len(words) and (words[k].lower() in lex.DETERMINERS or words[k].lower() in lex.BOUNDARY
                              or words[k].lower() in _SENTENCE_ADVERBS):
        k += 1
    return words[k:]


def _described_name(u: Unit, a: int, b: int, lexicon: Lexicon) -> bool:
    """Is ``[a, b)`` up to three lower-case descriptor words and a full name ("retired
    teacher Graham Oakes", "pensioner Nomsa Mahlangu")?"""
    r = b
    while r > a and _is_cap(u.words[r - 1]) and _is_word(u.words[r - 1]):
        r -= 1
    return (a < r <= a + 3 and b - r >= 2 and u.words[a][:1].islower()
            and _personal_name(u.words[r:b], u.lows[r:b])
            and not any(lexicon.is_cue_word(u.lows[t]) or u.lows[t] in lex.BOUNDARY
                        or u.lows[t] in lex.CLAUSE_VERBS for t in range(a, r)))


def _appositive_like(u: Unit, a: int, b: int, lexicon: Lexicon) -> bool:
    """Can the segment ``[a, b)`` stand between a subject and its verb: an appositive noun
    phrase ("a British officer attached to the battlegroup"), a relative clause ("who wrote
    the bill"), an age, a party tag ("D-N.M."), a partitive ("most of them Republicans"), an
    adverb or an adjunct ("in a statement")? Not a clause with a verb of its own."""
    if b <= a:
        return False
    if u.lows[a] in _RELATIVE:
        return True
    if (u.words[a][:1].islower() and _verb_like(u, a) and u.lows[a] not in lex.CLAUSE_VERBS
            and not any(u.lows[t] in lex.CLAUSE_VERBS
                        or (lexicon.is_cue_word(u.lows[t]) and u.lows[t - 1] != "to")
                        for t in range(a, b))):
        return True  # "a GOP aide, granted anonymity to describe private talks, said"
    if _described_name(u, a, b, lexicon):
        return True  # "retired teacher Graham Oakes"
    described = u.lows[a] in lex.DETERMINERS or u.lows[a].endswith(("'s", "\u2019s"))
    for t in range(a, b):
        low = u.lows[t]
        if low in ("who", "whose", "whom", "which") and t > a:
            return True  # "a specialist at King's College London who was not involved"
        if lexicon.is_cue_word(low) and t > a:
            return False
        if _verb_like(u, t) and not (described and low not in lex.CLAUSE_VERBS):
            return False
    return True


def _appositive_subject(
    u: Unit, j: int, lexicon: Lexicon
) -> tuple[tuple[int, int] | None, int | None]:
    """The subject of a cue whose verb follows the comma at token ``j``.

    The segments between commas before the verb are read right to left: each must be able
    to stand between a subject and its verb (an appositive, a relative clause, an age, a
    party tag, an adjunct), and the leftmost noun phrase reached so is the subject. A name
    in a later segment wins over a description before it ("The minister, Dmytro Kuleba,
    warned"; "Her co-author, Professor Anders Holm of Aarhus University, said").

    Returns (noun phrase, first token of the subject region), or (None, None).
    """
    first = u.sent_first[j]
    commas = [j]
    k = j - 1
    dash = u.words[j] != ","
    while k >= first and j - k <= 48 and len(commas) <= 5:
        if u.words[k] == ")" and u.quote[k] < 0:
            p = k - 1
            while p >= first and k - p <= 6 and u.words[p] != "(" and u.quote[p] < 0:
                p -= 1
            if p >= first and u.words[p] == "(":
                k = p - 1  # "The Rail Delivery Group (RDG), which ..., said"
                continue
        if u.quote[k] >= 0 or u.words[k] in (";", ":", "(", ")"):
            break
        if u.words[k] in ("\u2014", "\u2013"):
            if not dash:
                break
            commas.append(k)  # the dash opening the aside
            dash = False
        elif u.words[k] == ",":
            commas.append(k)
        k -= 1
    reached_start = k < first or u.quote[k] >= 0 or u.words[k] in (";", ":", "\u2014", "\u2013")
    commas.reverse()
    bounds = [(commas[i] + 1, commas[i + 1]) for i in range(len(commas) - 1)]
    lead0 = k + 1
    while lead0 < commas[0] and not _is_word(u.words[lead0]):
        lead0 += 1  # a comma, a bullet ("\u2022 Brekke, a former engineer, told")
    if reached_start and lead0 < commas[0]:
        if u.lows[lead0] in ("as", "and", "but", "so", "yet") and lead0 + 1 < commas[0]:
            lead0 += 1  # "As Bishop Galloway, of Mississippi, has said"
        bounds.insert(0, (lead0, commas[0]))
    subject: tuple[int, int] | None = None
    at = None
    for idx in range(len(bounds) - 1, -1, -1):
        a, b = bounds[idx]
        np = _segment_np(u, a, b, lexicon)
        if np is not None:
            subject, at = np, idx
        elif not _appositive_like(u, a, b, lexicon):
            break
    if subject is None:
        return None, None
    lead = subject[0]
    if not all(_is_cap(u.words[t]) for t in range(*subject)):
        for a, b in bounds[at + 1 :]:
            if 0 < b - a <= 7 and all(
                (_is_cap(u.words[t]) and _is_word(u.words[t])) or (u.lows[t] == "of" and a < t < b - 1)
                for t in range(a, b)
            ):
                return (a, b), lead
            # "Another speaker, retired teacher Graham Oakes, 71, asked": a described name
            if (u.lows[a] not in lex.DETERMINERS and u.lows[a] not in _RELATIVE
                    and _described_name(u, a, b, lexicon)):
                return (a, b), lead
    return subject, lead


def _after_dateline(u: Unit, first: int, stop: int) -> int:
    """The first token after a dateline opening the sentence at ``first`` ("WASHINGTON —",
    "MUMBAI:", "KYIV, Ukraine (AP) —"), or ``first`` when there is none."""
    if first >= stop or not (u.words[first].isupper() and len(u.words[first]) > 1
                             and u.words[first][:1].isalpha()):
        return first
    for t in range(first + 1, min(first + 10, stop)):
        w = u.words[t]
        if w in ("\u2014", "\u2013", ":", "--") or (w == "-" and t + 1 < stop and u.words[t + 1][:1].isupper()):
            return t + 1 if t + 1 < stop else first
        if u.quote[t] >= 0 or (_is_word(w) and w[:1].islower()):
            return first
    return first


def _sentence_subject(u: Unit, i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The noun phrase opening the sentence of token ``i`` (after a dateline and a leading
    adverbial)."""
    first = _after_dateline(u, u.sent_first[i], u.sent_stop[i])
    if u.lows[first] in _SENTENCE_ADVERBS or u.lows[first] in lex.BOUNDARY:
        for t in range(first, min(first + 8, i)):
            if u.words[t] == ",":
                first = t + 1
                break
    return _np_forward(u, first, lexicon)
