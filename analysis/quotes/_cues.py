"""Cues and reported clauses: which reporting verbs speak, and what they report (internal).

Finding cues and their subjects in a unit (``_find_cues``), passives, "according to", and
the reported clause of a cue: after it (``_clause_after``/``_clause_end``), before it
(trailing attributions) or around it (parentheticals), with the adjuncts that may follow.
"""

from __future__ import annotations

from . import _lexicon as lex
from ._units import (  # noqa: F401
    Cue,
    Lexicon,
    Unit,
    _ADJUNCT_PREP,
    _ADJUNCT_START,
    _CLAUSE_NOT_FIRST,
    _CLAUSE_PUNCT,
    _CORE_SAY,
    _FINAL,
    _NEGATION,
    _NOUN_PREPS,
    _POSTMOD,
    _SENTENCE_ADVERBS,
    _is_cap,
    _is_word,
    _last_word,
    _personal_name,
    _pronoun_of,
    _verb_like,
)
from ._phrases import (  # noqa: F401
    _after_dateline,
    _appositive_like,
    _np_forward,
    _sentence_subject,
    _subject_before,
    _with_postmodifier,
)


# --------------------------------------------------------------------------------------------
# Cues and clauses
# --------------------------------------------------------------------------------------------


def _find_cues(u: Unit, lexicon: Lexicon) -> list[Cue]:
    cues: list[Cue] = []
    words, phrases = lexicon.words, lexicon.phrases
    nxt = 0  # tokens before this one belong to a cue already found
    for i in [t for t, low in enumerate(u.lows) if low in words or low in phrases]:
        if i < nxt:
            continue
        low = u.lows[i]
        if u.quote[i] >= 0:
            continue
        hit: Cue | None = None
        for phrase in lexicon.phrases.get(low, ()):
            m = len(phrase)
            if tuple(u.lows[i : i + m]) == phrase and all(q < 0 for q in u.quote[i : i + m]):
                hit = Cue(i, i + m, " ".join(phrase), "phrase", phrase[-1].endswith("ing"))
                break
        if hit is None and low in lexicon.words:
            w = u.words[i]
            first_of_sentence = i == 0 or u.sent[i - 1] != u.sent[i]
            if w[:1].islower() or first_of_sentence:
                prev = u.lows[i - 1] if i > 0 else ""
                nxt_low = u.lows[i + 1] if i + 1 < len(u) else ""
                if not (
                    prev in lex.DETERMINERS
                    or prev.endswith("'s")
                    or prev in ("to", "so-called", "of")
                    or (low in lex.NOUN_LIKE_CUES and (not (
                        nxt_low == "that" or i + 1 >= len(u) or u.sent[i + 1] != u.sent[i]
                        or u.words[i + 1] in _FINAL
                    ) or any(u.lows[t] in _NOUN_PREPS for t in range(max(i - 2, 0), i))))
                ):
                    hit = Cue(i, i + 1, low, lexicon.words[low], low.endswith("ing"))
        if hit is not None:
            if hit.form == "as saying":
                hit.participle = False
            elif hit.participle and not (hit.i0 > 0 and u.words[hit.i0 - 1] == ","):
                hit.participle = False
            cues.append(hit)
            nxt = hit.i1
    last_named: int | None = None  # the latest cue of the unit with a speaker phrase
    for idx, c in enumerate(cues):
        c.pos = idx
        if c.form == "according to":
            c.np = _according_to_source(u, c, lexicon)
        elif c.participle:
            main = next((k for k in range(idx - 1, -1, -1) if u.sent[cues[k].i0] == u.sent[c.i0]
                         and cues[k].np is not None and not cues[k].passive
                         and cues[k].form != "according to"), None)
            if main is not None:
                c.ref = main  # "X said ..., warned by Washington, adding": X adds
            elif last_named is not None and u.sent[cues[last_named].i0] == u.sent[c.i0]:
                c.ref = last_named
            else:
                c.np = _sentence_subject(u, c.i0, lexicon)
        else:
            _cue_subject(u, c, lexicon, cues[:idx])
        if c.np is not None:
            last_named = idx
    return cues


_PASSIVE_SKIP = lex.LISTS["passive_skip"]


def _is_passive(u: Unit, c: Cue) -> bool:
    """Is the cue a passive participle ("was accused of", "has been described as", "we're
    told")? Adverbs may intervene ("was also widely criticised")."""
    if c.cls == "phrase" or c.form.endswith("ing"):
        return False
    j = c.i0 - 1
    while j >= 0 and u.quote[j] < 0 and (
        u.lows[j] in _PASSIVE_SKIP
        or (u.lows[j].endswith("ly") and len(u.lows[j]) > 4 and u.words[j][:1].islower()
            and u.lows[j] not in lex.HEAD_NOUNS)
    ):
        j -= 1
    if j < 0 or u.quote[j] >= 0:
        return False
    low = u.lows[j]
    if low in lex.PASSIVE_AUX:
        return True
    pron = _pronoun_of(low)
    return pron is not None and (low == "it's" or low.endswith(("'re", "'m")))


def _according_to_source(u: Unit, c: Cue, lexicon: Lexicon) -> tuple[int, int] | None:
    """The source phrase after "according to": its noun phrase, extended over a short
    modifier up to the comma or sentence end that closes it ("According to diplomats
    present at the meeting, ...")."""
    np = _np_forward(u, c.i1, lexicon)
    stop = u.sent_stop[c.i0]
    if np is None:
        # Any phrase up to the comma of a sentence-initial "According to an analysis by the
        # comparison portal Energiepreis.de, ..."
        t = c.i1
        while t < stop and t - c.i1 < 14 and u.quote[t] < 0 and u.words[t] not in (",", ";", ":"):
            if (u.lows[t] in lex.CLAUSE_VERBS and not u.lows[t].endswith("ed")) or (
                lexicon.is_cue_word(u.lows[t]) and u.lows[t] not in lex.NOUN_LIKE_CUES
            ):
                return None
            t += 1
        while t > c.i1 and u.words[t - 1] in _FINAL:
            t -= 1
        trailing = c.i0 > u.sent_first[c.i0] and u.words[c.i0 - 1] == "," and (
            t >= stop or all(u.words[x] in _FINAL for x in range(t, stop)))
        if (trailing or (c.i0 == u.sent_first[c.i0] and t < stop and u.words[t] == ",")) and t > c.i1 and any(
            (_is_cap(u.words[x]) and _is_word(u.words[x])) or lex.is_head_noun(u.lows[x])
            or u.lows[x] in lex.EVIDENCE_NOUNS
            for x in range(c.i1, t)
        ):
            return (c.i1, t)
        return None
    t = np[1]
    while t < stop and t - np[1] < 8 and u.quote[t] < 0 and _is_word(u.words[t]):
        low = u.lows[t]
        if t == np[1] and low in _POSTMOD and u.lows[t - 1] in lex.HEAD_NOUNS:
            t += 1  # "according to two diplomats briefed on the negotiations"
            continue
        if lexicon.is_cue_word(low) or low in ("that", "who", "which") or _verb_like(u, t):
            return np
        if low in lex.BOUNDARY and low not in ("at", "in", "on", "of", "from", "with", "to",
                                               "for", "by", "close", "near", "familiar"):
            return np
        t += 1
    if t > np[1] and (t >= stop or u.words[t] in (",", ".", ";", ":")):
        return (np[0], t)
    return np


def _cue_subject(u: Unit, c: Cue, lexicon: Lexicon, earlier: list[Cue] = ()) -> None:
    """Find the speaker phrase of an ordinary cue: its subject, or after it when inverted.

    A passive cue has no subject speaker; the agent of a "by" phrase right after it is its
    speaker ("was described by Lavrov as ...")."""
    if _is_passive(u, c):
        c.passive = True
        k = c.i1
        if k + 1 < len(u) and u.lows[k] == "by" and u.quote[k] < 0:
            np = _np_forward(u, k + 1, lexicon)
            if np is not None and u.lows[np[0]] not in lex.PRONOUNS:
                c.np, c.inverted = np, True
        return
    if (c.i0 > 0 and u.words[c.i0 - 1] == "," and c.form not in lex.OBJECT_VERBS
            and not u.quote_between(u.sent_first[c.i0], c.i0)):
        # "India, Russia agree to ..., says Jaishankar": a name after the cue closing its
        # sentence makes the cue inverted, whatever precedes the comma.
        stop = u.sent_stop[c.i0]
        np = _inverted_np(u, c, stop, lexicon)
        if np is not None and u.lows[np[0]] not in lex.PRONOUNS and (
            np[1] >= stop or all(u.words[t] in _FINAL for t in range(np[1], stop))
            # "..., said a person familiar with the deliberations, who asked not to be named."
            or (u.words[np[1]] == "," and np[1] + 1 < stop
                and (u.lows[np[1] + 1] in ("who", "whose", "which", "speaking")
                     # "..., said senior author Lars Eriksen, a professor of public health."
                     or (u.lows[np[1] + 1] in ("a", "an", "the") and _appositive_like(
                         u, np[1] + 1, _last_word(u, stop), lexicon))))
        ):
            c.np, c.inverted = np, True
            return
    np, lead = _subject_before(u, c.i0, lexicon, c.form)
    if np is not None:
        c.np, c.lead, c.appositive = np, lead, lead != np[0]
        t = c.i0 - 1  # only the words right before the verb: "did not confirm"
        while t >= np[1] and u.quote[t] < 0 and (
            u.lows[t] in _NEGATION or u.lows[t] in lex.SKIP_BEFORE_CUE
            or (u.lows[t].endswith("ly") and u.words[t][:1].islower())
        ):
            if u.lows[t] in ("not", "never") or u.lows[t].endswith("n't") or u.lows[t] == "cannot":
                c.negated = True
            t -= 1
        return
    if c.i0 > 0 and u.lows[c.i0 - 1] in ("but", "and") and c.i0 - 1 > u.sent_first[c.i0]:
        # A second verb of the sentence's subject: "Kuleba welcomed the effort but said ...".
        k = u.sent_first[c.i0]
        same = [c2 for c2 in earlier if u.sent[c2.i0] == u.sent[c.i0]]
        if same and same[0].np is not None and not same[0].passive and same[0].np[1] <= c.i0 - 1:
            # "The union called the vote "a long overdue step" and said ...": the speaker of
            # the sentence's first cue, quotations between them or not.
            c.np, c.lead = same[0].np, same[0].lead if same[0].lead is not None else same[0].np[0]
            return
        if not u.quote_between(k, c.i0) and all(c2.np is not None for c2 in same):
            np = _sentence_subject(u, c.i0, lexicon)
            if same and (np is None or same[0].np[1] != np[1]):
                return
            if np is not None and u.lows[np[0]] not in ("it", "you") and np[1] < c.i0 and (
                _verb_like(u, np[1]) or u.lows[np[1]] in lex.SKIP_BEFORE_CUE
                or u.lows[np[1]].endswith("ed")
                # "Zelenskyy, who addressed the leaders by video link, thanked them ... but warned"
                or (u.words[np[1]] == "," and np[1] + 1 < c.i0 and u.lows[np[1] + 1] in ("who", "which"))
            ):
                c.np, c.lead = np, np[0]
                return
    prev_tok = u.words[c.i0 - 1] if c.i0 > 0 else ""
    if c.form not in lex.OBJECT_VERBS and (
        c.i0 == 0 or prev_tok in (",", ":") or u.quote[c.i0 - 1] >= 0
    ):
        np = _inverted_np(u, c, u.sent_stop[c.i0], lexicon)
        if np is not None:
            c.np, c.inverted = np, True


def _inverted_np(u: Unit, c: Cue, stop: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """The speaker phrase after an inverted cue ("said X"), with a post-modifier ("said a
    person familiar with the talks"); a description followed by a name in apposition at the
    end of the sentence gives the name ("said the group's executive director, Mr Arjun
    Pillai.")."""
    np = _np_forward(u, c.i1, lexicon)
    if np is None:
        return None
    np = _with_postmodifier(u, np, stop, lexicon)
    if np[1] + 2 < stop and u.words[np[1]] == "," and not all(
        _is_cap(u.words[t]) for t in range(*np)
    ):
        e = _last_word(u, stop)
        if 2 <= e - np[1] - 1 <= 5 and _personal_name(u.words[np[1] + 1 : e], u.lows[np[1] + 1 : e]):
            return (np[1] + 1, e)
    return np


def _clause_after(u: Unit, c: Cue, lexicon: Lexicon) -> int | None:
    """First token of the clause a cue reports ("said [the talks failed]"), or None."""
    n = len(u)
    k = c.i1
    if k >= n or u.sent[k] != u.sent[c.i0]:
        return None
    if c.inverted and c.np is not None:
        k = c.np[1]
        if k < n and u.words[k] == ",":
            return None
    low = u.lows[k] if k < n else ""
    if (low.endswith("ly") and len(low) > 4 and k + 1 < n and u.lows[k + 1] == "that"
            and u.words[k][:1].islower()):
        k += 1  # "said separately that"
        low = "that"
    if (low == "," and k + 3 < n and u.words[k + 2] == "," and u.lows[k + 3] == "that"
            and (u.lows[k + 1] in _SENTENCE_ADVERBS or u.lows[k + 1].endswith("ly")
                 or u.lows[k + 1] in ("though", "too", "moreover", "furthermore", "nonetheless",
                                      "nevertheless", "again"))):
        k += 3  # "She noted, however, that ..."
        low = "that"
    if low == "that":
        return k if k + 1 < n and _verb_like(u, k + 1) else k + 1  # "said that was wrong"
    pron = _pronoun_of(low)
    if pron is not None and pron != "you":
        return k if c.cls == "say" or c.participle else None
    # Adjuncts before "that": "said on January 26 that", "said in a statement that"; or
    # before a pronoun subject: "said on Wednesday it would ...".
    if (low in _ADJUNCT_START or low in lex.TIME_WORDS) and not (
        k + 1 < n and (low, u.lows[k + 1]) == ("at", "least")
    ):
        t = k
        while t < n and t - k < 10 and u.quote[t] < 0 and u.sent[t] == u.sent[c.i0]:
            if u.lows[t] == "that":
                # "insist on trade that is fair": a relative clause, not reported speech;
                # "repeated in that of December": a pronoun
                if t + 1 < n and (u.lows[t + 1] in lex.CLAUSE_VERBS or u.lows[t + 1] in ("of", "in", "to")):
                    return None
                return t + 1
            if u.words[t] in (",", ".", ";", ":") or (t > k and _verb_like(u, t)) or u.lows[t] in (
                "which", "who", "whom", "whose", "where"
            ):
                break
            if (t == k + 1 and u.lows[k] in lex.TIME_WORDS and c.cls == "say"
                    and _bare_clause(u, t, c)):
                return t  # "said Thursday the minister would travel"
            if (t > k and c.cls == "say" and low != "to"
                    and u.lows[t] in ("he", "she", "it", "they", "we", "i")
                    and t + 1 < n and (_verb_like(u, t + 1) or u.lows[t + 1] in lex.SKIP_BEFORE_CUE)):
                return t
            t += 1
        return None
    if c.form in lex.OBJECT_VERBS:
        obj = _np_forward(u, k, lexicon)
        if obj is None and k < n and _is_word(u.words[k]) and u.lows[k] not in lex.BOUNDARY:
            obj = (k, k + 1)
        if obj is not None:
            t = obj[1]
            for x in range(t, min(t + 8, n)):
                # "told Parliament's portfolio committee on Tuesday that ..."
                if u.quote[x] >= 0 or not _is_word(u.words[x]) or _verb_like(u, x) or (
                    lexicon.is_cue_word(u.lows[x])
                ):
                    break
                if u.lows[x] == "that":
                    if x > t and not (x + 1 < n and _verb_like(u, x + 1)):
                        return x + 1
                    break
            if t < n and u.lows[t] == "that":
                return None if t + 1 < n and _verb_like(u, t + 1) else t + 1
            if t < n and _pronoun_of(u.lows[t]) is not None:
                return t
            if t < n and u.lows[t] not in _ADJUNCT_START and _bare_clause(u, t, c):
                return t  # "told reporters the talks had failed"
            if t < n and (u.lows[t] in lex.DETERMINERS or u.lows[t] in lex.PRONOUNS) and u.quote[t] < 0:
                stop = u.sent_stop[c.i0]
                e = _last_word(u, stop)
                if 4 <= e - t <= 40 and not u.quote_between(t, stop) and all(
                    _is_word(u.words[x]) for x in range(t, min(t + 4, e))
                ):
                    return t  # "tells NPR the long hours underground worry him"
            if t < n and (u.lows[t] in _ADJUNCT_START or u.lows[t] in ("by", "via", "for")):
                # "told reporters on Tuesday that", "told Al Jazeera by phone that"
                for s in range(t, min(t + 7, n)):
                    if u.lows[s] == "that":
                        return s + 1
                    if not _is_word(u.words[s]) or _verb_like(u, s):
                        break
    if c.cls != "say":
        return None
    if _bare_clause(u, k, c):
        return k
    if c.form in _CORE_SAY and k < n and u.quote[k] < 0 and (
        u.lows[k] in lex.DETERMINERS or (_is_cap(u.words[k]) and _is_word(u.words[k]))
    ) and u.lows[k] not in ("one", "two", "three", "four"):
        # "says the collection includes ...", "said Chinese fishing vessels ... abide by":
        # a present-tense verb the word lists do not know; the clause runs to the end
        stop = u.sent_stop[c.i0]
        e = _last_word(u, stop)
        if 6 <= e - k <= 50 and not u.quote_between(k, stop) and all(
            _is_word(u.words[x]) for x in range(k, k + 6)
        ):
            return k
    return None


def _bare_clause(u: Unit, k: int, c: Cue) -> bool:
    n = len(u)
    if k >= n or u.quote[k] >= 0 or not _is_word(u.words[k]):
        return False
    low = u.lows[k]
    if low in _CLAUSE_NOT_FIRST:
        return False  # "asked for privacy while he recovered"
    if low == "there" and k + 1 < n and u.lows[k + 1] in lex.CLAUSE_VERBS:
        return True  # "said there was frustration"
    if low in lex.BOUNDARY and low not in lex.PRONOUNS and low != "no" and not (
        k + 1 < n and ((low, u.lows[k + 1]) in (("at", "least"), ("more", "than"), ("as", "many"))
                       or (low in ("about", "around", "nearly", "almost", "over", "some", "up")
                           and u.words[k + 1][:1].isdigit()))
    ):  # "said at least eight rounds hit the house", "say about 60 classrooms are open"
        return False
    t = k + 1
    limit = min(k + 11, n)
    while t < limit:
        if (u.words[t] == "," and t + 1 < n and u.quote[t + 1] < 0 and (
                u.lows[t + 1] in ("which", "who", "whose")
                or (u.words[t + 1][:1].islower() and (u.lows[t + 1].endswith(("ed", "ing"))
                                                     or u.lows[t + 1] in lex.CLAUSE_VERBS)))):
            # "said the Gargai dam project, which is expected to ..., was awaiting ...";
            # "say Moscow, stretched by its war in Ukraine, is struggling ..."
            # "said the Gargai dam project, which is expected to ..., was awaiting ..."
            e = t + 1
            while e < n and e - t < 25 and u.words[e] != "," and u.sent[e] == u.sent[c.i0]:
                e += 1
            if e < n and u.words[e] == "," and u.quote[e] < 0:
                t = e + 1
                limit = min(t + 6, n)
                continue
            return False
        if (u.words[t] == "," and t + 1 < n and u.quote[t + 1] < 0 and _is_word(u.words[t + 1])
                and u.lows[t + 1] not in lex.BOUNDARY and u.lows[t + 1] not in lex.DETERMINERS
                and not _verb_like(u, t + 1)
                and any(u.lows[x] in ("and", "or") for x in range(t + 2, min(t + 5, n)))):
            t += 1  # a list: "said the band office, school and nursing station were damaged"
            limit = min(max(limit, t + 8), n)
            continue
        if u.quote[t] >= 0 or u.sent[t] != u.sent[c.i0] or u.words[t] in _CLAUSE_PUNCT:
            return False
        if u.lows[t] == "to":  # "ask every leader to join": an infinitive, not a clause
            return False
        if u.lows[t] in ("which", "who", "whom", "whose"):
            return False  # "continued a guard of men which had been stationed there"
        if _verb_like(u, t):
            return True
        t += 1
    return False


#: How many later cues of its sentence can end a reported clause early (see _clause_end).
_LATER_CUES = 32
#: The longest reported clause, in tokens.
_MAX_CLAUSE = 200


def _clause_end(u: Unit, k: int, c: Cue, cues: list[Cue]) -> int:
    """One past the last token of a reported clause starting at ``k``."""
    # At most _MAX_CLAUSE tokens: a reported clause of real news is a few dozen words (the
    # longest in 237 SOTU addresses is 147), and the bound keeps a sentence of thousands of
    # cues ("he said he said ...") from reporting clauses of quadratic total length.
    end = min(u.sent_stop[c.i0], k + _MAX_CLAUSE)
    # Later cues of the sentence, at most _LATER_CUES of them: bounded look-ahead keeps a
    # sentence of thousands of cues linear (and no slice of the list is copied per cue).
    for j in range(c.pos + 1, min(len(cues), c.pos + 1 + _LATER_CUES)):
        other = cues[j]
        if other.i0 >= end:
            break
        if (other.i0 > k + 1 and other.np is not None and other.np[1] <= k
                and u.lows[other.i0 - 1] in ("and", "but") and u.quote[other.i0 - 1] < 0
                and not (other.i1 < len(u) and u.lows[other.i1] == "to")):
            # "said the evidence pointed to a strike and called ...": a second verb of the
            # subject ends the clause
            end = min(end, other.i0 - 1)
            break
        if other.i0 > k and (other.participle or other.np is not None):
            # Stop before ", saying ..." or ", X said": the comma before the next cue's phrase.
            first = other.i0 if other.participle or other.inverted else min(
                other.i0, other.np[0] if other.np else other.i0
            )
            if first > k and u.words[first - 1] == ",":
                end = min(end, first - 1)
                break
            if (first > k + 1 and u.lows[first - 1] in ("while", "whereas", "but", "as", "though",
                                                        "although")
                    and u.words[first - 2] == ","):
                # "Ukraine says A, while Russia insists B"
                end = min(end, first - 2)
                break
    while end > k and (u.words[end - 1] in _CLAUSE_PUNCT or u.words[end - 1] in ('"',)):
        end -= 1
    return end


def _only_adjuncts(u: Unit, t: int, stop: int, c: Cue, lexicon: Lexicon) -> bool:
    """After a trailing attribution only adjuncts may follow: "said [in a statement]."."""
    if t < stop and c.form in lex.OBJECT_VERBS:
        if _last_word(u, stop) - t <= 8 and all(
            _is_word(u.words[x]) and not _verb_like(u, x) and not lexicon.is_cue_word(u.lows[x])
            for x in range(t, _last_word(u, stop))
        ):
            return True  # "..., X told a regular press briefing."
        obj = _np_forward(u, t, lexicon)
        if obj is not None:
            t = obj[1]
    while t < stop and (u.words[t] == "," or u.lows[t] in lex.TIME_WORDS):
        t += 1  # "said Monday, adding that ..."
    if t >= stop or all(u.words[x] in _CLAUSE_PUNCT for x in range(t, stop)):
        return True
    low = u.lows[t]
    if low in ("who", "whose", "which") and u.words[t - 1] == "," and not u.quote_between(t, stop):
        return True  # "..., said a person familiar with ..., who asked not to be named."
    if (low in ("a", "an", "the") and u.words[t - 1] == "," and c.inverted
            and _appositive_like(u, t, _last_word(u, stop), lexicon)):
        return True  # "..., said senior author Lars Eriksen, a professor at Aarhus."
    if (low.endswith("ing") or low in _ADJUNCT_PREP) and u.words[t - 1] == "," and u.words[t][:1].islower():
        return True  # "..., a minister has admitted, prompting Labour to accuse ..."
    return low in _ADJUNCT_START or any(c2.i0 == t for c2 in u.cues[c.pos + 1 : c.pos + 2])


def _indirect_clause(u: Unit, c: Cue, lexicon: Lexicon) -> tuple[int, int, str] | None:
    """The reported clause of cue ``c`` as ``(first token, end token, rule)``, or None."""
    n = len(u)
    stop = u.sent_stop[c.i0]
    first = u.sent_first[c.i0]
    if c.i0 > first:
        first = min(_after_dateline(u, first, stop), c.i0)
    rule = "reported clause"
    if c.form == "according to":
        rule = "according to"
        if c.np is None:
            return None
        if c.i0 == first:
            k = c.np[1]
            if k < n and u.words[k] == ",":
                k += 1
            clause = (k, _clause_end(u, k, c, u.cues))
        elif c.i0 > first and u.words[c.i0 - 1] == ",":
            clause = (first, c.i0 - 1)
        else:
            return None
    else:
        k = _clause_after(u, c, lexicon)
        if k is not None:
            clause = (k, _clause_end(u, k, c, u.cues))
        else:
            # Trailing attribution: "The talks ended, the Elysee said in a statement."
            lead = c.i0 if (c.inverted or c.np is None or c.ref is not None) else c.np[0]
            if c.participle or lead <= first or u.words[lead - 1] != ",":
                return None
            after = c.np[1] if c.inverted and c.np else c.i1
            if _parenthetical(u, c, lead, after, first, stop, lexicon):
                # "Russia, he said, was counting on ...": one clause around the attribution.
                clause = (first, _clause_end(u, first, c, u.cues))
                a, b = clause
                while b > a and (u.words[b - 1] in _CLAUSE_PUNCT):
                    b -= 1
                return None if b - a < 4 or u.quote_between(a, b) else (a, b, "parenthetical")
            rule = "trailing attribution"
            a2 = after
            while a2 < stop and u.lows[a2] in lex.TIME_WORDS:
                a2 += 1  # "said Tuesday, calling its placement "...""
            participial = (a2 + 1 < stop and u.words[a2] == "," and u.words[a2 + 1][:1].islower()
                           and (u.lows[a2 + 1].endswith("ing") or u.lows[a2 + 1] in _ADJUNCT_PREP))
            if (u.quote_between(after, stop) and not participial) or not _only_adjuncts(
                u, after, stop, c, lexicon
            ):
                return None
            if not any(_verb_like(u, t) for t in range(first, lead - 1)) and not (
                # a headline in the present tense: "India, Russia agree to ..., says X",
                # "Years of night shifts raise diabetes risk, researchers report"
                u.words[stop - 1] not in _FINAL and lead - 1 - first >= 4
                and (c.inverted or c.np is not None)
                and not c.form.endswith("ed") and c.form not in lex.PAST_IRREGULAR
            ):
                return None
            clause = (first, lead - 1)
    a, b = clause
    while b > a and (u.words[b - 1] in _CLAUSE_PUNCT):
        b -= 1
    while a < b and u.words[a] in _CLAUSE_PUNCT:
        a += 1
    if b - a < 2 or u.quote_between(a, b):
        return None
    words = 0
    for t in range(a, b):
        words += _is_word(u.words[t])
        if words >= 2:
            return a, b, rule
    return None


def _parenthetical(u: Unit, c: Cue, lead: int, after: int, first: int, stop: int,
                   lexicon: Lexicon) -> bool:
    """Is the cue an attribution set off by commas inside its clause ("Russia, he said, was
    counting on ...")? A short subject before it, a verb after it."""
    if c.cls != "say" or c.passive or after >= stop or u.words[after] != ",":
        return False
    if not 1 <= lead - 1 - first <= 12 or u.quote_between(first, stop):
        return False
    if after + 1 >= stop or not _is_word(u.words[after + 1]):
        return False
    if any(not _is_word(u.words[t]) for t in range(first, lead - 1)):
        return False
    if any(_verb_like(u, t) for t in range(first, lead - 1)):
        # "She has missed, she says, eleven days in total": the attribution inside the
        # clause after its verb, with a short subject (a pronoun or a name) of its own.
        nxt = u.lows[after + 1]
        return (c.np is not None and not c.inverted and c.np[1] - c.np[0] <= 3
                and u.words[after + 1][:1].islower()
                and (nxt not in lex.BOUNDARY or nxt in ("and", "but"))
                and not lexicon.is_cue_word(nxt))
    if lead - 1 - first > 6:
        return False
    return any(_verb_like(u, t) for t in range(after + 1, min(after + 4, stop)))
