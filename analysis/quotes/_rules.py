"""Speaker attribution and classification of quotations (internal to :mod:`analysis.quotes`).

Works on *units*: a sentence, or a run of sentences joined because a quotation runs across
them. A unit's text is cut into word and punctuation tokens with every quotation collapsed
into one QUOTE token, so the rules read the reporter's syntax around the quotations
("QUOTE , he said", "X said : QUOTE", "X said the alliance QUOTE") without being misled by
words inside them. See :func:`analysis.quotes.extract` for the rules in prose.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import _lexicon as lex
from ._marks import QuoteSpan
from ._names import gender as _name_gender

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?:-\w+)*"  # U.S., D.C., U.S.-led
    r"|(?:" + "|".join(lex.DOTTED_TITLES) + r")\.(?=\s+[A-Z])"  # Mr. Doyle
    r"|[A-Z]\.(?=\s[A-Z])"  # an initial: H. G. Wells
    r"|\w+(?:[-'\u2019.]\w+)*(?:(?<=s)['\u2019](?=\s))?"  # words; "nurses'" before a space
    r"|\.{2,}|\u2026|\S"
)
# Runs of capitalised words, for full names a lone surname may refer back to.
_NAME_RUN = re.compile(
    r"(?:[A-Z]\.|[A-Z][\w'\u2019-]*)(?:[ \t]+(?:[A-Z]\.(?=[ \t]+[A-Z])|[A-Z][\w'\u2019-]*))+"
)
_NOUN_MARKERS = lex.DETERMINERS | frozenset("any no such all what which whose".split())
_BE = frozenset("is are was were be been being 's 're 'm".split())
_MODALS = frozenset("would will could can should shall may might must".split())
_FINAL = frozenset(".!?\u2026")
#: Openings of a description of one member of a group ("one of the diplomats").
_ONE_OF = ("one of", "another", "a ", "an ", "two of", "some of", "several of", "many of")
#: A company's name with its corporate suffix: "Apple Inc.", "Southvale Water plc".
_COMPANY = re.compile(
    r"(?<![\w'\u2019])((?:[A-Z][\w&'\u2019.\-]*[ \u00a0]){1,4}(?:Inc|Corp|Corporation|Ltd|LLC|PLC|plc|"
    r"AG|SA|NV|SE|ASA|AB|Group|Holdings|Co|Company|Airlines|Motors|Bank|Water|Energy)\b\.?)"
)
#: A company's legal form after its name: "Apple Inc." -> "Apple".
_LEGAL_FORM = re.compile(r",?[ \u00a0](?:Inc|Corp|Ltd|LLC|PLC|plc|AG|SA|NV|SE|ASA|AB|Co)\.?$")
#: A byline: "By Camille Girard and Jakob Weiss", "Oliver Pemberton in London".
_BYLINE = re.compile(r"(?:By|BY|From)[ \u00a0][A-Z]|[A-Z][\w'\u2019-]+(?:[ \u00a0][A-Z][\w'\u2019-]+){1,3}[ \u00a0]in[ \u00a0][A-Z][\w-]+[ \t]*(?:\n|$)")
#: A name with a company description in apposition: "Orbit Labs, the San Francisco startup".
_COMPANY_APPOSITIVE = re.compile(
    r"((?:[A-Z][\w&'\u2019.\-]*[ \u00a0]){0,4}[A-Z][\w&'\u2019.\-]*), (?:the|a|an) "
    r"(?:[^\s,.;\"\u201c]+[ \u00a0]){1,8}?"
    r"\b(?:company|firm|startup|start-up|group|carmaker|automaker|chipmaker|drugmaker|lender|"
    r"bank|insurer|airline|retailer|miner|producer|manufacturer|supplier|operator|conglomerate|"
    r"developer|maker|brewer|utility|publisher|broadcaster|platform)\b"
)
#: A run of two to four capitalised words: a candidate full name.
_FULL_NAME = re.compile(
    r"(?<![\w'\u2019])[A-Z][\w'\u2019.\-]*"
    r"(?:(?:[ \u00a0](?:van|von|de|der|den|ten|ter|da|du|del|di|la|le|bin|al)){0,2}"
    r"[ \u00a0][A-Z][\w'\u2019\-]*){1,5}"
)
#: Words before a quoted title ("on "Meet the Press"", "a report titled "...""").
_TITLE_BEFORE = frozenset("on in titled entitled".split())
_TITLE_SMALL = frozenset("a an the of and or for to in on at by with from".split())


def _title_case(content: str) -> bool:
    """Is ``content`` a title: two to eight words, every one but small words capitalised?"""
    words = re.findall(r"[^\W\d_][\w'\u2019\-]*", content)
    return 2 <= len(words) <= 8 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words
    )


#: Present-tense reporting verbs of features and radio ("Tohee says the collection includes
#: ..."), after which a clause may follow without a verb the word lists recognise.
_CORE_SAY = frozenset("says tells".split())
#: Prepositions opening an adjunct after a trailing attribution, whose quotations are no
#: part of the reported clause ("..., scientists have said, in what one researcher
#: described as a "deeply alarming" sign").
_ADJUNCT_PREP = frozenset("in with amid after as".split())
#: Negations and the auxiliaries that carry them before a cue ("did not confirm", "has
#: never said", "wouldn't say"): the subject is found, but nothing is reported.
_NEGATION = frozenset(
    "not never n't did does do didn't doesn't don't won't wouldn't couldn't can't cannot "
    "could can should may might must".split()
)
#: Words that cannot open a reported clause.
_CLAUSE_NOT_FIRST = frozenset(
    "for of with into onto upon without toward towards despite via among per like".split()
)
#: Prepositions that make a following "reports" or "claims" a noun ("about Western reports").
_NOUN_PREPS = frozenset(
    "about of on amid despite following after over against denied dismissed rejected".split()
)
_CLAUSE_PUNCT = frozenset(".,;:!?\u2026()[]\u2014\u2013-")
_ADJUNCT_START = frozenset(
    "on in at during to after following late earlier later last this over via through before "
    "yesterday today tonight when while".split()
)
_SENTENCE_ADVERBS = frozenset(
    "meanwhile however but and or so yet still also then now later earlier separately instead "
    "on in at after before during when while as if although though since because for with "
    "last this next".split()
)


def _pronoun_of(low: str) -> str | None:
    """The subject pronoun a token is or starts with ("he", "i'm" -> "i"), else None."""
    if low in lex.PRONOUNS:
        return low
    head, sep, _ = low.partition("'")
    return head if sep and head in lex.PRONOUNS else None


def _acronym(word: str) -> bool:
    """"US", "NATO", "EU": upper case throughout (so never a sentence-initial "It" or "As")."""
    return len(word) > 1 and word.isupper()


def _is_cap(word: str) -> bool:
    c = word[:1]
    return c.isupper() or (c.isdigit() and any(ch.isupper() for ch in word)) or (
        c in "aedl" and _ARABIC_PREFIX.match(word) is not None)  # "al-Hakimi", "el-Sisi"


_ARABIC_PREFIX = re.compile(r"(?:al|el|ad|as|ash|at|az|ar|an|ed|d|l)[-'\u2019][A-Z]")


def _is_word(word: str) -> bool:
    return word[:1].isalnum()


@dataclass
class Cue:
    i0: int  # first token
    i1: int  # one past the last token
    form: str  # lower-case cue form ("said", "according to")
    cls: str  # "say", "act" or "phrase"
    participle: bool
    np: tuple[int, int] | None = None  # speaker noun phrase, token range
    inverted: bool = False
    appositive: bool = False
    lead: int | None = None  # first token of the subject, appositive included
    ref: int | None = None  # for participles: index of the cue whose speaker they share
    used: bool = False
    passive: bool = False  # "was accused of": no subject; np is the "by" agent if any
    negated: bool = False  # "did not confirm": a subject, but no reported speech
    pos: int = 0  # index of the cue in its unit's list
    clause: int | None = None  # first token of the reported clause, if any
    # resolution results
    speaker: str | None = None
    span: tuple[int, int] | None = None  # character span of the speaker mention
    entity: "Entity | None" = None


@dataclass
class Entity:
    name: str
    type: str  # person, organisation, place, group, unknown
    gender: str | None
    surface: str


@dataclass
class Unit:
    """Tokens of text[start:end] with each quotation collapsed to one token."""

    start: int
    end: int
    paragraph: int
    words: list[str] = field(default_factory=list)
    lows: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    quote: list[int] = field(default_factory=list)  # quotation index or -1
    sent: list[int] = field(default_factory=list)  # sentence index of each token
    cues: list[Cue] = field(default_factory=list)
    # Filled by finish(): next quotation token at or after t, first and one-past-last token of
    # t's sentence; they keep every rule below constant-time per look-up.
    next_quote: list[int] = field(default_factory=list)
    sent_first: list[int] = field(default_factory=list)
    sent_stop: list[int] = field(default_factory=list)
    cue_after: list = field(default_factory=list)
    named_after: list = field(default_factory=list)
    named_before: list = field(default_factory=list)
    passive_before: list = field(default_factory=list)

    def finish(self) -> None:
        n = len(self.words)
        # Filled run by run (list repetition) rather than token by token.
        nq: list[int] = []
        prev = 0
        for t in [t for t, q in enumerate(self.quote) if q >= 0]:
            nq += [t] * (t + 1 - prev)
            prev = t + 1
        nq += [n] * (n + 1 - prev)
        self.next_quote = nq
        sent = self.sent
        cuts = [t for t in range(1, n) if sent[t] != sent[t - 1]]
        first: list[int] = []
        stop: list[int] = []
        a = 0
        for b in cuts + [n] if n else []:
            first += [a] * (b - a)
            stop += [b] * (b - a)
            a = b
        self.sent_first = first
        self.sent_stop = stop

    def quote_between(self, a: int, b: int) -> bool:
        """True if a quotation token lies in [a, b)."""
        return a < b and self.next_quote[a] < b

    def add_text(self, text: str, a: int, b: int) -> None:
        ms = list(_TOKEN.finditer(text, a, b))
        if not ms:
            return
        words = [m.group() for m in ms]
        self.words += words
        if "\u2019" in text[a:b]:
            self.lows += [w.lower().replace("\u2019", "'") for w in words]
        else:
            self.lows += [w.lower() for w in words]
        self.starts += [m.start() for m in ms]
        self.ends += [m.end() for m in ms]
        self.quote += [-1] * len(ms)

    def add_quote(self, qi: int, q: QuoteSpan) -> None:
        self.words.append("\x00")
        self.lows.append("\x00")
        self.starts.append(q.open_start)
        self.ends.append(q.close_end)
        self.quote.append(qi)

    def __len__(self) -> int:
        return len(self.words)


def _trie_pattern(words: set[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes (fast to match).

    >>> _trie_pattern({"said", "says", "told"})
    '(?:sa(?:id|ys)|told)'
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


class Lexicon:
    """The cue lexicon, split into single words and phrases."""

    def __init__(self, cues: frozenset[str]) -> None:
        self.words: dict[str, str] = {}
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for cue in cues:
            parts = tuple(cue.lower().split())
            if len(parts) == 1:
                w = parts[0]
                self.words[w] = (
                    "say" if w in lex.SAY_VERBS else "act"
                )
            else:
                self.phrases.setdefault(parts[0], []).append(parts)
        for v in self.phrases.values():
            v.sort(key=len, reverse=True)
        words = set(self.words) | set(self.phrases)
        self.prefilter = (
            re.compile(r"\b" + _trie_pattern(words) + r"\b", re.IGNORECASE) if words else None
        )
        # Cues of ASCII letters only match whole words, so one scan of a document finds
        # every place a cue may start (see :class:`_CueHits`).
        self.automaton = None
        if words and all(w.isascii() and w.isalpha() for w in words):
            import ahocorasick

            self.automaton = ahocorasick.Automaton()
            for w in words:
                self.automaton.add_word(w, len(w))
            self.automaton.make_automaton()

    def is_cue_word(self, low: str) -> bool:
        """Is ``low`` a cue, or the first word of a cue phrase that is no function word?"""
        return low in self.words or (low in self.phrases and low not in lex.BOUNDARY)


#: Characters other than ASCII letters that a case-insensitive pattern of ASCII letters
#: matches ("\u017f" long s, "\u212a" Kelvin sign, dotted and dotless i).
_CASE_FOLDS = frozenset("\u0130\u0131\u017f\u212a")


def _is_w(c: str) -> bool:
    return c.isalnum() or c == "_"


class _CueHits:
    """Does text[a:b] contain a cue word? Answers ``prefilter.search(text, a, b)`` for many
    spans with one Aho-Corasick scan of the lower-cased text.

    With cue words of ASCII letters only, a match of the prefilter is a whole run of word
    characters, so the matches inside [a, b) are the document's whole-word hits that start
    there, unless b cuts a word (then the span itself is searched). Texts whose lower-casing
    shifts offsets or that hold characters case-folding to ASCII letters are searched span
    by span.
    """

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.prefilter = lexicon.prefilter
        self.starts: list[int] | None = None
        if lexicon.automaton is None:
            return
        low = text.lower()
        if len(low) != len(text) or (not text.isascii() and not _CASE_FOLDS.isdisjoint(text)):
            return
        n = len(low)
        starts = []
        for end, size in lexicon.automaton.iter(low):
            a = end - size + 1
            if (a == 0 or not _is_w(low[a - 1])) and (end + 1 == n or not _is_w(low[end + 1])):
                starts.append(a)
        starts.sort()
        self.starts = starts

    def __call__(self, a: int, b: int) -> bool:
        if self.prefilter is None:
            return False
        text = self.text
        if self.starts is None or (b < len(text) and b > a and _is_w(text[b]) and _is_w(text[b - 1])):
            return self.prefilter.search(text, a, b) is not None
        k = bisect.bisect_left(self.starts, a)
        return k < len(self.starts) and self.starts[k] < b


# --------------------------------------------------------------------------------------------
# Noun phrases
# --------------------------------------------------------------------------------------------


#: Words that open a post-modifier of a speaker description: "two diplomats [briefed on the
#: talks]", "a person [familiar with the Russian position]", "the embassy [in London]".
_POSTMOD = frozenset(
    "briefed familiar close involved knowledgeable present speaking in at from with".split()
)
#: Prepositions and words allowed inside such a post-modifier.
_POSTMOD_INNER = frozenset(
    "on with to by in at from of for about the a an its their his her this that and".split()
)
#: Quantifiers that take a partitive "of": "one of the officials", "some of the lawyers".
_PARTITIVE = frozenset("one two three four some many most several none each all both few".split())


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


def _last_word(u: Unit, stop: int) -> int:
    """One past the last token of the sentence ending at ``stop`` that is not punctuation."""
    while stop > 0 and u.words[stop - 1] in _CLAUSE_PUNCT:
        stop -= 1
    return stop


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
_RELATIVE = frozenset("who whose whom which where speaking writing asked".split())


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


_PASSIVE_SKIP = frozenset("also not never widely often once repeatedly previously publicly".split())


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


def _verb_like(u: Unit, t: int) -> bool:
    """Does token ``t`` look like a finite verb (an auxiliary, a listed form, a past tense)?"""
    lw = u.lows[t]
    if t > 0 and (u.lows[t - 1] in _NOUN_MARKERS or u.lows[t - 1].endswith("'s")):
        return False  # "any plans", "the armed forces", "Russia's demands"
    if lw in lex.CLAUSE_VERBS:
        return True
    return (
        lw.endswith("ed")
        and len(lw) >= 5
        and u.words[t][:1].islower()
        and lw not in lex.NOT_VERBS_ED
    )


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


def _span_of(u: Unit, a: int, b: int) -> tuple[int, int]:
    return u.starts[a], u.ends[b - 1]


# --------------------------------------------------------------------------------------------
# Speaker resolution
# --------------------------------------------------------------------------------------------


def _compatible(pronoun: str, ent: Entity, gender: str | None = None) -> bool:
    """Can ``pronoun`` refer to ``ent`` (whose gender, when known, is ``gender``)?"""
    if pronoun in ("he", "she"):
        return ent.type == "person" and (gender or ent.gender) in (None, pronoun)
    if pronoun == "it":
        return ent.type in ("organisation", "place")
    if pronoun == "they":
        return ent.type in ("group", "organisation", "place") or (
            ent.type == "person" and ent.gender == "they"
        )
    return False


#: How many earlier speakers a pronoun or a surname looks back at (keeps resolution linear).
_LOOKBACK = 64


_UNSET = object()  # a lazily computed value not computed yet


class Resolver:
    """Turns speaker noun phrases into canonical names, in document order."""

    def __init__(self, text: str, index, sent_starts, sent_ends, lexicon: Lexicon) -> None:
        self.text = text
        self.index = index
        self.sent_starts = sent_starts
        self.sent_ends = sent_ends
        self.lexicon = lexicon
        self.history: list[Entity] = []
        self.positions: list[int] = []  # where each history entry was mentioned
        self.spans: list[tuple[int, int]] = []  # the mention of each history entry
        self.genders: dict[str, str] = {}
        self._mentions: dict[int, tuple[Entity, tuple[int, int]] | None] = {}
        self._names: dict[str, list[tuple[int, str]]] | None = None
        self._titles: dict[str, list[str]] | None = None
        self._order: list[int] | None = None  # history sorted by position (for salient())
        self._acronyms: dict[str, str] | None = None
        self._titled_cache: dict[tuple, Entity | None] = {}
        self._main: str | None | object = _UNSET  # see _main_name()

    def _remember(self, ent: Entity, pos: int, span: tuple[int, int] | None = None) -> None:
        self.history.append(ent)
        self.positions.append(pos)
        self.spans.append(span or (pos, pos + len(ent.surface)))
        self._order = None

    def gender(self, ent: Entity) -> str | None:
        """What is known of a person's gender: the actor list, a gendered title, a pronoun
        already used for them in this text, else their given name (:mod:`._quotes_names`)."""
        if ent.type != "person":
            return None
        g = ent.gender or self.genders.get(ent.name)
        if g is None:
            g = _name_gender(ent.name.split()[0]) if ent.name.split() else None
        return g

    def compatible(self, pronoun: str, ent: Entity) -> bool:
        return _compatible(pronoun, ent, self.gender(ent))

    def _pronoun(self, pronoun: str, pos: int) -> Entity | None:
        """The antecedent of a pronoun at ``pos``: the latest compatible speaker, unless a
        sentence since then opens with a compatible named subject."""
        found, found_pos = None, -1
        for k in range(len(self.history) - 1, max(len(self.history) - _LOOKBACK, 0) - 1, -1):
            ent, at = self.history[k], self.positions[k]
            if at < pos and self.compatible(pronoun, ent):
                found, found_pos = ent, at
                break
        s = max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)
        for t in range(s, max(s - 8, -1), -1):
            start = self.sent_starts[t]
            if start <= found_pos:
                break
            if start >= pos:
                continue
            hit = self._mention(t)
            if hit is not None and hit[1][0] < pos and self.compatible(pronoun, hit[0]):
                return hit[0]
        if found is None and pronoun in ("he", "she"):
            found = self._name_before(pronoun, pos)
        if found is None and pronoun == "it":
            # the latest speaker named with a capital that is no person ("The US Central
            # Command (CENTCOM) said ... The ship was continuing its voyage, it said.")
            for k in range(len(self.history) - 1, max(len(self.history) - _LOOKBACK, 0) - 1, -1):
                ent, at = self.history[k], self.positions[k]
                if at < pos and ent.type == "unknown" and ent.name[:1].isupper() and not _personal_name(
                    ent.name.split(), ent.name.lower().split()
                ):
                    return ent
        return found

    def _name_before(self, pronoun: str, pos: int) -> Entity | None:
        """The last person's full name printed anywhere in the ~2,000 characters before
        ``pos`` whose gender allows ``pronoun`` ("The rain gauge sits at the end of Morag
        MacLeod's garden. ... "...," she says"): the fallback when no speaker or sentence
        subject before the pronoun fits."""
        lo = max(0, pos - 2000)
        for m in reversed(list(_FULL_NAME.finditer(self.text, lo, pos))):
            line = self.text.rfind("\n", 0, m.start()) + 1
            if _BYLINE.match(self.text, line):
                continue  # "By Camille Girard and Jakob Weiss": the reporters
            words = m.group().split()
            if words[-1].lower().endswith(("'s", "\u2019s")):
                words[-1] = words[-1][:-2]
            lows = [w.lower() for w in words]
            t = max((i + 1 for i, lw in enumerate(lows[:-2]) if _is_title(lw)), default=0)
            words, lows = words[t:], lows[t:]  # "European Commission President Ursula ..."
            if not _personal_name(words, lows):
                continue
            if lows[0] in _SENTENCE_ADVERBS or lows[0] in lex.BOUNDARY:
                continue
            name = self.index.normalise(" ".join(words))
            ent = Entity(name, "person", _gender_of(lows), " ".join(words))
            if self.compatible(pronoun, ent):
                return ent
        return None

    def salient(self, pos: int, bound: int) -> tuple[Entity, tuple[int, int]] | None:
        """The actor last named in the sentences between ``bound`` and ``pos``: a speaker
        of a cue there, else a sentence's subject that names a person or a listed actor
        ("Mr. Doyle addressed a crowd.").

        Looks at most three sentences back, and only at sentences that start at or after
        ``bound`` (the end of the previous quotation, or the start of the previous paragraph).
        """
        if self._order is None:
            self._order = sorted(range(len(self.positions)), key=lambda k: self.positions[k])
            self._sorted_pos = [self.positions[k] for k in self._order]
        s = max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)
        first = s - 1 if self.sent_starts[s] >= pos else s
        for t in range(first, max(first - 3, -1), -1):
            a, b = self.sent_starts[t], min(self.sent_ends[t], pos)
            if a < bound:
                break
            k = bisect.bisect_left(self._sorted_pos, b) - 1
            if k >= 0 and self._sorted_pos[k] >= a:
                h = self._order[k]
                ent = self.history[h]
                if ent.type != "unknown":
                    return ent, self.spans[h]
            hit = self._mention(t)
            if hit is not None and hit[1][1] <= pos and (
                hit[0].type == "person" or hit[0].name in self.index.by_name
            ):
                return hit
        return None

    def resolve(self, u: Unit, np: tuple[int, int], hint: str | None) -> tuple[
        str, tuple[int, int], Entity | None
    ]:
        """(speaker name, span of the mention, entity) for the speaker phrase ``np``.

        ``hint`` is a pronoun heard right after the cue ("X said she ..."), used as the
        gender of a person whose gender is not otherwise known.
        """
        a, b = np
        span = _span_of(u, a, b)
        surface = self.text[span[0] : span[1]]
        lows = u.lows[a:b]
        words = u.words[a:b]
        pron = _pronoun_of(lows[0]) if b - a == 1 else None
        if pron is not None:
            span = (span[0], span[0] + len(pron))
            surface = self.text[span[0] : span[1]]
            ent = self._pronoun(pron, span[0])
            if ent is None:
                return surface, span, None
            if ent.type == "person" and pron in ("he", "she"):
                # The pronoun used for a person tells their gender for later pronouns.
                self.genders.setdefault(ent.name, pron)
            self._remember(ent, span[0], span)
            return ent.name, span, ent
        ent, name_span = self._named(u, a, b, surface, lows, words)
        parts = ent.name.split()
        if (len(parts) >= 3 and parts[-1].rstrip(".,").lower() in lex.POSTNOMINALS
                and _personal_name(parts[:-1], [p.lower() for p in parts[:-1]])):
            # "Simon Ashcroft KC", "Peter Walsh MP": the name without its letters
            ent = Entity(" ".join(parts[:-1]).rstrip(","), ent.type, ent.gender, ent.surface)
        full = None
        bare = re.sub(r"^[Tt]he[ \u00a0]+", "", ent.name.strip())
        if _acronym(bare):
            if self._acronyms is None:
                self._acronyms = _acronym_definitions(self.text)
            full = self._acronyms.get(bare)
        if full is not None and self.index.lookup(ent.name) is None:
            # "The Brihanmumbai Municipal Corporation (BMC) ...". "BMC said": the full name.
            ent = Entity(full, "organisation", None, ent.surface)
        if ent.type == "person":
            if ent.gender is None:
                ent.gender = (self.genders.get(ent.name) or _gender_of(lows)
                              or self.gender(ent) or hint)
            if ent.gender is not None:
                self.genders.setdefault(ent.name, ent.gender)
        self._remember(ent, span[0], name_span or span)
        return ent.name, name_span or span, ent

    def _mention(self, t: int) -> tuple[Entity, tuple[int, int]] | None:
        """The subject of sentence ``t`` and its span, when it names a known actor, a person
        ("Russian Foreign Minister Sergey Lavrov disagreed.", "Angus MacLeod climbed ...",
        "Morag, who met Angus, ...") or an organisation by a definite description, else None;
        cached."""
        if t in self._mentions:
            return self._mentions[t]
        self._mentions[t] = None
        a0, b0 = self.sent_starts[t], self.sent_ends[t]
        u = Unit(a0, b0, 0)
        u.add_text(self.text, a0, min(b0, a0 + 160))
        u.sent = [t] * len(u)
        u.finish()
        n = len(u)
        if n == 0:
            return None
        k = 0
        if u.lows[0] in _SENTENCE_ADVERBS or u.lows[0] in lex.BOUNDARY:
            for i in range(min(8, n)):
                if u.words[i] == ",":
                    k = i + 1
                    break
        elif n > 2 and u.words[1] == "," and u.lows[0] in ("another", "one", "others", "meanwhile"):
            k = 2  # "Another, Sir Graham Ashby, the MP for Mid Wealdshire, was more forgiving."
        np = _np_forward(u, k, self.lexicon)
        if np is None or np[1] >= n or u.lows[np[0]] in lex.PRONOUNS:
            return None
        after = u.words[np[1]]
        if not (after == "," or after[:1].islower()):
            return None
        if after != "," and not (
            _verb_like(u, np[1]) or self.lexicon.is_cue_word(u.lows[np[1]])
            or u.lows[np[1]] in lex.SKIP_BEFORE_CUE or u.lows[np[1]] in lex.BOUNDARY
        ):
            return None  # "Additional American weapons would ...": no named subject
        a, b = np
        span = (u.starts[a], u.ends[b - 1])
        surface = self.text[span[0] : span[1]]
        actor = self.index.lookup(surface)
        ent: Entity | None = None
        if actor is not None:
            gender = actor.pronoun if actor.pronoun in ("he", "she", "they") else None
            ent = Entity(actor.name, actor.type, gender, surface)
        else:
            named, name_span = self._named(u, a, b, surface, u.lows[a:b], u.words[a:b])
            span = name_span or span
            if named.type == "person" and (
                named.name != surface.strip()  # a titled name, or an earlier full name
                or _personal_name(u.words[a:b], u.lows[a:b])  # "Angus MacLeod climbed"
            ):
                ent = named
            elif (
                b - a == 1 and _is_cap(u.words[a]) and not _acronym(u.words[a])
                and after == "," and np[1] + 1 < n and u.lows[np[1] + 1] == "who"
            ):
                ent = Entity(surface, "person", None, surface)  # "Morag, who met Angus, ..."
            elif named.type in ("organisation", "group") and (
                u.lows[a] == "the" or (named.type == "organisation" and _is_cap(u.words[b - 1]))
            ):
                # "The ministry issued a statement." ... "it said"; "Ukraine's General Staff
                # did not confirm the capture. In its evening update, it said ..."
                ent = named
            elif named.type == "person" and after == ",":
                # "The company's chief executive, Alan Reyes, who ..., attended": the name
                # in the appositive.
                e = np[1] + 1
                while e < n and e - np[1] <= 5 and u.words[e] != ",":
                    e += 1
                if e < n and u.words[e] == "," and _personal_name(
                    u.words[np[1] + 1 : e], u.lows[np[1] + 1 : e]
                ):
                    span = (u.starts[np[1] + 1], u.ends[e - 1])
                    name = self.index.normalise(self.text[span[0] : span[1]])
                    ent = Entity(name, "person", None, surface)
        if ent is not None and ent.type == "person" and ent.gender is None:
            ent.gender = self.genders.get(ent.name) or _gender_of(u.lows[a:b])
        self._mentions[t] = (ent, span) if ent is not None else None
        return self._mentions[t]

    def _named(
        self, u: Unit, a: int, b: int, surface: str, lows, words
    ) -> tuple[Entity, tuple[int, int] | None]:
        """The entity a (non-pronoun) phrase names, and the span of the name inside it."""
        name = self.index.normalise(surface)
        if name != surface.strip():
            actor = self.index.by_name.get(name)
            if actor is None:  # a coordination of known actors
                return Entity(name, "group", "they", surface), None
            gender = actor.pronoun if actor.pronoun in ("he", "she", "they") else None
            return Entity(actor.name, actor.type, gender, surface), None
        # A document speaks for its issuer: "a statement from the Kremlin", "the statement".
        for t, low in enumerate(lows):
            if low in lex.SOURCE_NOUNS:
                if t + 2 < len(lows) and lows[t + 1] in ("from", "by", "of"):
                    start = u.starts[a + t + 2]
                    issuer = self.text[start : u.ends[b - 1]]
                    actor = self.index.lookup(issuer)
                    if actor is not None:
                        gender = actor.pronoun if actor.pronoun in ("he", "she", "they") else None
                        return Entity(actor.name, actor.type, gender, issuer), (start, u.ends[b - 1])
                    return Entity(issuer.strip(), _type_of(lows[t + 2 :], words[t + 2 :]), None,
                                  issuer), (start, u.ends[b - 1])
                if t == len(lows) - 1 and lows[0] == "the" and low not in lex.DOCUMENT_SPEAKERS:
                    for ent in reversed(self.history[-_LOOKBACK:]):
                        if ent.type in ("organisation", "place", "person"):
                            return ent, None
                break
        # A capitalised title for an earlier speaker: "the Foreign Secretary" after "Liz
        # Truss", when the actor list gives her that title or it was printed with her name.
        if (lows[0] == "the" and len(words) >= 2 and _is_title(lows[-1])
                and all(_is_cap(w) and _is_word(w) for w in words[1:])):
            ent = self._titled(" ".join(lows[1:]))
            if ent is not None:
                return ent, None
        # A definite description of an earlier speaker: "the minister", "the ministry".
        if lows[0] == "the" and not any(_is_cap(w) for w in words[1:]):
            head = lows[-1]
            pattern = re.compile(rf"(?<!\w){re.escape(head)}(?!\w)")
            for ent in reversed(self.history[-_LOOKBACK:]):
                low_surface = ent.surface.lower().lstrip()
                if head in lex.GROUP_HEADS and low_surface.startswith(_ONE_OF):
                    continue  # "the diplomats" is the group, not "one of the diplomats"
                if pattern.search(low_surface):
                    return ent, None
            named = self._unique_titled(lows, words) if len(lows) <= 3 else None
            if named is not None:
                return named, None  # "the singer" after "pop singer Maya Castell"
            if head in lex.ORG_DESCRIPTIONS and len(lows) == 2:
                # "the department" after "the Rockport Police Department", "the commission"
                # after "the European Commission": the organisation named with that word.
                org = self._org_named(head, u.starts[a])
                if org is not None:
                    return org, None
            if head in lex.COMPANY_NOUNS and len(lows) <= 3:
                # "Tesla Inc said ... The carmaker also said": the company named before.
                org = self._company_before(u.starts[a])
                if org is not None:
                    return org, None
            return Entity(surface, _type_of(lows, words), None, surface), None
        if (lows[0] == "the" and 3 <= len(lows) <= 5 and lows[-1] in lex.COMPANY_NOUNS
                and words[-1][:1].islower()):
            # "The FTSE 250 group said": a described company is the one named before.
            org = self._company_before(u.starts[a])
            if org is not None:
                return org, None
        indefinite = lows[0] in ("a", "an", "one", "another", "two", "three", "several", "some")
        capitalised_mods = [w for w in words[1:-1] if w[:1].isupper()]
        if (_is_title(lows[-1]) and len(lows) <= 4
                and (words[-1][:1].islower() or len(lows) == 1)
                and (not indefinite or capitalised_mods)):
            # "Houthi spokesman says ..." where the text names "Houthi military spokesman Yahya
            # Saree", "A Foreign Ministry spokesperson said" where it names "Foreign Ministry
            # spokesperson Guo Jiakun", a headline's "Premier says": the one person printed
            # with that title (and the description's capitalised words)
            # "Houthi spokesman says ..." where the text names "Houthi military spokesman Yahya
            # Saree": the one person printed with that title (and its modifiers)
            named = self._unique_titled(lows, words)
            if named is not None:
                return named, None
        if len(lows) == 1 and lows[0] == "police":
            org = self._org_named("police", u.starts[a])  # "Police said" -> "Tasmania Police"
            if org is not None:
                return org, None
        # A surname of an earlier speaker ("Petrova" after "Maria Petrova"), or of a full
        # name printed earlier ("... led by Sergei Vershinin. Vershinin told reporters").
        if b - a == 1 and _is_cap(words[0]) and not _acronym(words[0]):
            ent = self._by_surname(lows[0], u.starts[a], None, surface)
            if ent is not None:
                return ent, None
        # An outlet's or organisation's person: "Al Jazeera's Natalia Reyes" -> the name.
        for t in range(len(lows) - 2, 0, -1):
            if lows[t].endswith(("'s", "\u2019s")):
                if _personal_name(words[t + 1 :], lows[t + 1 :]):
                    start = u.starts[a + t + 1]
                    name = self.text[start : u.ends[b - 1]]
                    ent = Entity(self.index.normalise(name), "person", _gender_of(lows), surface)
                    return ent, (start, u.ends[b - 1])
                break
        # A full name with its organisation or constituency: "Sabine Krause of the Federation
        # of German Consumer Organizations", "Former corporator Sandeep Deshmukh of the
        # Congress" -> the name (after the last title word).
        if "of" in lows[2:]:
            o = lows.index("of", 2)
            r = o
            while r > 0 and _is_cap(words[r - 1]) and _is_word(words[r - 1]) and not _is_title(
                lows[r - 1]
            ):
                r -= 1
            if o + 1 < len(lows) and 2 <= o - r <= 4 and _personal_name(words[r:o], lows[r:o]):
                name = self.text[u.starts[a + r] : u.ends[a + o - 1]]
                return Entity(self.index.normalise(name), "person", _gender_of(lows[:o]), surface), (
                    u.starts[a + r], u.ends[a + o - 1])
        # A family name of two words after the full name: "Ní Mhurchú" after "Aoife Ní
        # Mhurchú", "Hui Lin" is not matched this way (it is no tail of a longer name).
        if len(words) == 2 and all(_is_cap(w) and _is_word(w) for w in words):
            full = self._earlier_name(lows[-1], u.starts[a])
            if full is not None and full.lower().endswith(" " + " ".join(lows)) and len(full.split()) > 2:
                name = self.index.normalise(full)
                return Entity(name, "person", None, surface), None
        # A titled name with its constituency or state: "Senator Dale Hutchins of Montana".
        if "of" in lows[2:]:
            o = lows.index("of", 2)
            if (_is_title(lows[0]) and o + 1 < len(words) and o >= 3 - (lows[0] in ("mr", "ms", "mrs", "dr"))
                    and all(_is_cap(w) and _is_word(w) and not _acronym(w) for w in words[1:o])
                    and not _is_title(lows[o - 1]) and lows[o - 1] not in lex.ORG_HEADS
                    and all(_is_cap(w) for w in words[o + 1:])):
                b = a + o
                words, lows = words[:o], lows[:o]
                surface = self.text[u.starts[a] : u.ends[b - 1]]
        # Title + name: the name is the speaker ("Defence Minister Oleksii Reznikov").
        last_title = None
        for t in range(len(lows)):
            low = lows[t].rstrip(".")
            if low in lex.TITLES or any(p in lex.TITLES for p in low.split("-")):
                last_title = t
        if last_title is None and len(words) >= 3 and lex.is_head_noun(lows[0]) and _personal_name(
            words[1:], lows[1:]
        ):
            last_title = 0  # "Singer Jonah Reyes" opening a sentence
        if last_title is not None:
            # the department in a title: "Minister of Water and Sanitation Zolani Mthembu"
            t = last_title + 1
            while t < len(lows) - 2 and (lows[t] in ("of", "for", "and", "the", "&")
                                         or lows[t] in lex.DEPARTMENT_WORDS):
                t += 1
            if t > last_title + 1 and lows[t - 1] not in ("of", "for", "and", "the", "&"):
                last_title = t - 1
        if last_title is not None and last_title + 1 < len(words) and all(
            (_is_cap(words[t]) and _is_word(words[t]))
            or (lows[t] in lex.NAME_PARTICLES and last_title + 1 < t < len(words) - 1)
            for t in range(last_title + 1, len(words))
        ) and not lows[-1].endswith("'s") and lows[-1] not in lex.ORG_HEADS:
            start = u.starts[a + last_title + 1]
            name = self.text[start : u.ends[b - 1]]
            gender = _gender_of(lows)
            if last_title + 2 == len(words) and not _acronym(words[-1]):
                # Title + surname refers back to the full name ("Ms Hughes" after "Rachel
                # Hughes"), if the title's gender allows.
                ent = self._by_surname(lows[-1], u.starts[a], gender, surface)
                if ent is not None:
                    return ent, (start, u.ends[b - 1])
            ent = Entity(self.index.normalise(name), "person", gender, surface)
            return ent, (start, u.ends[b - 1])
        # A company after its description: "Swiss drugmaker Novarith" -> "Novarith".
        r = len(words)
        while r > 0 and _is_cap(words[r - 1]) and _is_word(words[r - 1]):
            r -= 1
        if 0 < r < len(words) and lows[r - 1] in lex.COMPANY_NOUNS and words[r - 1][:1].islower():
            start = u.starts[a + r]
            name = _LEGAL_FORM.sub("", self.text[start : u.ends[b - 1]]).strip()
            actor = self.index.lookup(name)
            if actor is not None:
                return Entity(actor.name, actor.type, None, surface), (start, u.ends[b - 1])
            return Entity(name, "organisation", None, surface), (start, u.ends[b - 1])
        # A descriptor before a full name: "Turkish mediator Ahmet Yilmaz".
        r = len(words)
        while r > 0 and _is_cap(words[r - 1]) and _is_word(words[r - 1]) and not lows[
            r - 1
        ].endswith("'s"):
            r -= 1
        if (
            0 < r <= len(words) - 2
            and words[r - 1][:1].islower()
            and lows[r - 1] not in lex.DETERMINERS
            and lows[r - 1] not in lex.BOUNDARY
            # "a spokesperson for tour promoter Skyline Live" is the spokesperson ("the example
            # of Andrew Jackson" is Andrew Jackson)
            and not any(lows[t] in ("of", "for") and t > 0 and (
                lex.is_head_noun(lows[t - 1]) or _is_title(lows[t - 1])) for t in range(r))
            # an organisation's name is no descriptor: "Institute for Fiscal Studies"
            and not (lows[r - 1] in ("of", "for", "&") and r >= 2 and _is_cap(words[r - 2]))
            and lows[-1] not in lex.ORG_HEADS
            and not _acronym(words[-1])
        ):
            start = u.starts[a + r]
            name = self.text[start : u.ends[b - 1]]
            ent = Entity(self.index.normalise(name), "person", _gender_of(lows), surface)
            return ent, (start, u.ends[b - 1])
        return Entity(surface.strip(), _type_of(lows, words), None, surface), None

    def _unique_titled(self, lows, words) -> Entity | None:
        """The person a description by title refers to ("the prime minister", "Houthi
        spokesman"): the only full name the text prints right after that title word, with the
        description's capitalised words shortly before it; None if there is none or several."""
        title = lows[-1].rstrip(".")
        if not (_is_title(title) or lex.is_head_noun(title)) or title in (
            "mr", "mrs", "ms", "dr", "sir"
        ) or title in lex.GROUP_HEADS or title in lex.ORG_HEADS:
            return None
        mods = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in lex.DETERMINERS]
        if len(words) == 1:
            mods = []  # a headline's capitalised "Premier"
        key = (title, tuple(mods))
        if key in self._titled_cache:
            return self._titled_cache[key]
        self._titled_cache[key] = result = self._scan_titled(title, mods)
        return result

    def _scan_titled(self, title: str, mods: list[str]) -> Entity | None:
        found: set[str] = set()
        pattern = re.compile(rf"(?i:(?<![\w-]){re.escape(title)})[ \u00a0]+([A-Z][\w'\u2019\-]+"
                             rf"(?:[ \u00a0][A-Z][\w'\u2019\-]+){{1,2}})")
        for m in pattern.finditer(self.text):
            ws = m.group(1).split()
            for k in (3, 2):
                if len(ws) >= k and _personal_name(ws[:k], [w.lower() for w in ws[:k]]):
                    before = self.text[max(0, m.start() - 60) : m.start()]
                    before = re.split(r"\n|[.!?][ \u00a0]", before)[-1]  # this sentence only
                    if all(re.search(rf"(?<![\w-]){re.escape(mod)}(?![\w-])", before) for mod in mods):
                        found.add(" ".join(ws[:k]))
                    break
        if len(found) != 1:
            return None
        name = self.index.normalise(found.pop())
        return Entity(name, "person", None, name)

    def _org_named(self, head: str, pos: int) -> Entity | None:
        """The organisation whose printed name contains the word ``head`` ("Police" in
        "Tasmania Police", "Department" in "the Department for Transport"): the latest such
        name before ``pos``, else the first after it (a headline's "police say" before the
        body names the force), within ~4,000 characters."""
        word = re.compile(rf"(?<![\w-]){re.escape(head.capitalize())}(?![\w-])")
        lo, hi = max(0, pos - 4000), min(len(self.text), pos + 4000)
        before, after = None, None
        for m in word.finditer(self.text, lo, hi):
            name = self._org_around(m.start(), m.end())
            if name is None:
                continue
            if m.start() < pos:
                before = name
            elif after is None:
                after = name
                break
        name = before or after
        if name is None:
            return None
        actor = self.index.lookup(name)
        if actor is not None:
            return Entity(actor.name, actor.type, None, name)
        return Entity(name, "organisation", None, name)

    def _org_around(self, a: int, b: int) -> str | None:
        """The capitalised name around the word at ``[a, b)``, or None if the word stands
        alone: capitalised words before it, and "of"/"for" (+ "the") + capitalised words
        after it ("the Ministry of Commerce")."""
        text = self.text
        start = a
        left = re.search(r"((?:[A-Z][\w'\u2019&.\-]*[ \u00a0]){1,4})$", text[max(0, a - 80) : a])
        if left is not None:
            words = _without_leading_function_words(left.group(1).split())
            if words:
                start = a - len(left.group(1)) + left.group(1).index(words[0])
        right = re.match(r"(?:[ \u00a0](?:Department|Service|Force|Authority|Agency|Office|Bureau|"
                         r"Commission|Ministry|Council|Board|Centre|Center))*"
                         r"(?:[ \u00a0](?:of|for|on)[ \u00a0](?:the[ \u00a0])?[A-Z][\w'\u2019\-]*"
                         r"(?:[ \u00a0](?:and[ \u00a0])?[A-Z][\w'\u2019\-]*){0,3})?", text[b : b + 80])
        end = b + (right.end() if right is not None else 0)
        if start == a and end == b:
            return None
        name = text[start:end].strip()
        if name.lower().endswith(("'s", "\u2019s")):
            return None
        return name

    def _company_before(self, pos: int) -> Entity | None:
        """The latest company named in the ~3,000 characters before ``pos``: a speaker of
        type organisation, or a capitalised name with a corporate suffix ("Apple Inc.",
        "Southvale Water plc", "Rosneft Group")."""
        best: tuple[int, Entity] | None = None
        for k in range(len(self.history) - 1, max(len(self.history) - _LOOKBACK, 0) - 1, -1):
            ent, at = self.history[k], self.positions[k]
            if at < pos and ent.type == "organisation" and ent.name.split()[-1].lower().rstrip(
                "."
            ) in lex.CORPORATE_SUFFIXES:
                best = (at, ent)
                break
        lo = max(0, pos - 3000)
        for m in reversed(list(_COMPANY_APPOSITIVE.finditer(self.text, lo, pos))):
            # "Thalassa Maritime, the Athens-based company that manages the ship, ..."
            if best is None or m.start() > best[0]:
                name = _LEGAL_FORM.sub("", m.group(1).strip()) or m.group(1).strip()
                words = name.split()
                if words and words[-1].lower() in lex.TIME_WORDS:
                    continue  # "in the three months ending in September, the company ..."
                words = _without_leading_function_words(words)
                if words:
                    name = " ".join(words)
                    actor = self.index.lookup(name)
                    best = (m.start(), Entity(actor.name, actor.type, None, name) if actor is not None
                            else Entity(name, "organisation", None, name))
            break
        for m in reversed(list(_COMPANY.finditer(self.text, lo, pos))):
            if best is None or m.start() > best[0]:
                name = _LEGAL_FORM.sub("", m.group(1).strip()) or m.group(1).strip()
                actor = self.index.lookup(name)
                ent = (Entity(actor.name, actor.type, None, name) if actor is not None
                       else Entity(name, "organisation", None, name))
                best = (m.start(), ent)
            break
        if best is None:
            name = self._main_name()
            if name is not None:
                return Entity(name, "organisation", None, name)
        return best[1] if best is not None else None

    def _main_name(self) -> str | None:
        """The capitalised word a business story names most often, at least three times,
        that is no listed actor, personal name, title or calendar word ("Halden"): the
        company its descriptions ("the retailer", "the FTSE 250 group") refer to."""
        if self._main is _UNSET:
            counts: dict[str, int] = {}
            people: set[str] = set()
            for m in _NAME_RUN.finditer(self.text):
                parts = [p[:-2] if p.endswith(("'s", "\u2019s")) else p for p in m.group().split()]
                if _personal_name(parts, [p.lower() for p in parts]):
                    people.update(p.lower() for p in parts)
            for m in re.finditer(r"(?<![\w'\u2019])[A-Z][a-z][\w\-]+", self.text):
                low = m.group().lower()
                counts[low] = counts.get(low, 0) + 1
            best, best_n = None, 2
            for low, k in sorted(counts.items()):
                if (k > best_n and low not in people and low not in lex.BOUNDARY
                        and low not in lex.DETERMINERS and low not in _SENTENCE_ADVERBS
                        and not _is_title(low) and low not in lex.TIME_WORDS
                        and low not in lex.ORG_HEADS and low not in lex.HEAD_NOUNS
                        and self.index.lookup(low) is None and not self.lexicon.is_cue_word(low)):
                    best, best_n = low, k
            self._main = None
            if best is not None:
                m = re.search(rf"(?<![\w'\u2019]){best.capitalize()}(?![\w\-])", self.text)
                self._main = m.group() if m else None
        return self._main

    def _titled(self, title: str) -> Entity | None:
        """The latest earlier speaker who holds ``title`` (lower case): one of their aliases
        in the actor list ends with it, or it was printed in their mention."""
        if self._titles is None:
            titles: dict[str, list[str]] = {}
            for key, actor in self.index.by_key.items():
                titles.setdefault(actor.name, []).append(" " + key)
            self._titles = titles
        key = " " + title.replace(".", "")
        for ent in reversed(self.history[-_LOOKBACK:]):
            if ent.type != "person":
                continue
            if any(a.endswith(key) for a in self._titles.get(ent.name, ())):
                return ent
            if key in " " + ent.surface.lower():
                return ent
        return None

    def _by_surname(self, surname: str, pos: int, gender: str | None,
                    surface: str) -> Entity | None:
        """The person a lone surname refers back to: the latest earlier speaker of that
        surname, else the latest full name printed before ``pos`` ending in it; a known
        ``gender`` (from a title) must agree."""
        for k in range(len(self.history) - 1, max(len(self.history) - _LOOKBACK, 0) - 1, -1):
            ent, at = self.history[k], self.positions[k]
            if at < pos and ent.type == "person" and ent.name.split()[-1].lower() == surname:
                if gender is None or self.gender(ent) in (None, gender):
                    return ent
        full = self._earlier_name(surname, pos)
        if full is not None:
            ent = Entity(self.index.normalise(full), "person", None, surface)
            known = self.gender(ent)
            if gender is None or known in (None, gender):
                ent.gender = known or gender
                return ent
        return None

    def _earlier_name(self, surname: str, pos: int) -> str | None:
        """The latest full name ("Sergei Vershinin") ending in ``surname`` before ``pos``."""
        if self._names is None:
            names: dict[str, list[tuple[int, str]]] = {}
            for m in _NAME_RUN.finditer(self.text):
                parts = m.group().split()
                t = len(parts)
                while t > 0 and not _is_title(parts[t - 1].lower()):
                    t -= 1
                parts = parts[t:]
                while parts and (parts[0].lower() in lex.BOUNDARY
                                 or parts[0].lower() in _SENTENCE_ADVERBS
                                 or parts[0].lower() in lex.DETERMINERS):
                    parts = parts[1:]  # "But Labour", "The Kremlin": no given name
                if parts and parts[-1].lower().endswith(("'s", "\u2019s")):
                    parts[-1] = parts[-1][:-2]  # "Nikol Pashinyan's warning"
                if (len(parts) >= 3 and parts[-1].rstrip(".,").lower() in lex.POSTNOMINALS
                        and _personal_name(parts[:-1], [p.lower() for p in parts[:-1]])):
                    parts = parts[:-1]  # "Simon Ashcroft KC"
                if len(parts) >= 2 and parts[-1].lower() not in lex.ORG_HEADS:
                    names.setdefault(parts[-1].lower(), []).append((m.start(), " ".join(parts)))
                    # A family name first ("Lin Jian" ... "Lin said") or a given name in a
                    # feature ("Maria Lopez" ... "Maria said"): looked up after surnames.
                    if _personal_name(parts, [p.lower() for p in parts]) and self.index.lookup(
                        parts[0]
                    ) is None:
                        names.setdefault("^" + parts[0].lower(), []).append(
                            (m.start(), " ".join(parts)))
            self._names = names
        entries = self._names.get(surname) or self._names.get("^" + surname, ())
        if not entries:
            return None
        # entries are in text order: the latest before ``pos`` by bisection
        k = bisect.bisect_left(entries, (pos, ""))
        if k > 0:
            return entries[k - 1][1]
        # A headline names a person by surname before the body gives the full name ("...,
        # says Jaishankar" ... "Minister S. Jaishankar"): the first one after it.
        return entries[0][1] if self._in_headline(pos) else None

    def _in_headline(self, pos: int) -> bool:
        """Is ``pos`` on a line that ends without a full stop (a headline or standfirst)?"""
        end = self.text.find("\n", pos)
        line = self.text[self.text.rfind("\n", 0, pos) + 1 : len(self.text) if end < 0 else end]
        return not line.rstrip().endswith((".", "!", "?", "\"", "\u201d", "'", "\u2019"))


_ACRONYM_PAREN = re.compile(r" \(([A-Z][A-Za-z&]{1,9})\)")


def _acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms a text defines in brackets after a name: "the Brihanmumbai Municipal
    Corporation (BMC)" -> {"BMC": "the Brihanmumbai Municipal Corporation"}.

    The name is the shortest run of words before the bracket whose capitalised initials
    spell the acronym (function words inside it and a leading "the" allowed), so a
    sentence's first words are not taken into it; an acronym that no run spells is left
    undefined.
    """
    out: dict[str, str] = {}
    for m in _ACRONYM_PAREN.finditer(text):
        acro = m.group(1)
        if acro in out:
            continue
        letters = acro.replace("&", "").upper()
        words = text[max(0, m.start() - 160) : m.start()].split()[-(2 * len(letters) + 4):]
        for start in range(len(words) - 1, -1, -1):
            run = words[start:]
            if not run[0][:1].isupper():
                continue
            if any(not w or not (w[:1].isupper() or w in _NAME_FUNCTION_WORDS) for w in run):
                break
            initials = "".join(w[0] for w in run if w[:1].isupper()).upper()
            if initials == letters:
                lead = "the " if start > 0 and words[start - 1].lower() == "the" else ""
                out[acro] = lead + " ".join(run)
                break
            if len(initials) > len(letters):
                break
        if acro not in out and len(acro) >= 4:
            # an abbreviation, not initials: "US Central Command (CENTCOM)"
            run: list[str] = []
            for w in reversed(words):
                if w[:1].isupper() and (w.isupper() or (w.lower() not in lex.BOUNDARY
                                                        and w.lower() not in lex.DETERMINERS)):
                    run.insert(0, w)
                else:
                    break
            if 2 <= len(run) <= 5 and not run[-1].endswith(("'s", "\u2019s")):
                out[acro] = " ".join(run)
    return out


_NAME_FUNCTION_WORDS = frozenset("of for and the on & de du la".split())


def _type_of(lows: list[str], words: list[str]) -> str:
    for t in range(1, len(lows)):
        if lows[t] in _POSTMOD and lows[t - 1] in lex.HEAD_NOUNS:
            lows, words = lows[:t], words[:t]  # "the Russian embassy in London": an embassy
            break
    head = lows[-1]
    if head in lex.DOCUMENT_SPEAKERS:
        return "unknown"  # a document is nobody "he", "she" or "it" refers to
    if "and" in lows or "&" in lows or lows[0] in ("both", "many", "several", "some", "all"):
        return "group"
    if head in lex.GROUP_HEADS or (
        head.endswith("s") and head not in lex.HEAD_NOUNS and lex.is_head_noun(head)
    ) or head in ("countries", "nations", "states", "partners", "advocates", "groups",
                  "families", "communities", "neighbours", "neighbors", "locals", "academics",
                  "scholars", "crews"):
        return "group"
    if head in ("companies", "firms", "banks", "agencies", "unions"):
        return "group"
    if head in lex.ORG_HEADS:
        return "organisation"
    for t in range(len(lows) - 2):  # "Institute for Fiscal Studies", "Bank of England"
        if lows[t] in lex.ORG_HEADS and lows[t + 1] in ("of", "for") and _is_cap(words[t]):
            return "organisation"
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return "organisation"
    if head in lex.HEAD_NOUNS:
        return "person"
    caps = [w for w in words if _is_cap(w)]
    if len(caps) >= 2 and caps[-1] == words[-1] and not words[-1].isupper():
        return "person"
    return "unknown"


def _is_title(low: str) -> bool:
    """"minister", "Mr.", "secretary-general", "major-general": a title word."""
    low = low.rstrip(".")
    return low in lex.TITLES or any(p in lex.TITLES for p in low.split("-"))


def _personal_name(words: list[str], lows: list[str]) -> bool:
    """Does a capitalised phrase look like a person's full name ("Angus MacLeod")? Two to
    four capitalised words, none an acronym, a function word, an organisation's or a time
    word; it may start with a title. Known actors are looked up before this is asked."""
    t = 0
    while t < len(lows) and lows[t].rstrip(".") in lex.TITLES:
        t += 1
    name, low = words[t:], lows[t:]
    # particles inside a name: "Ursula von der Leyen", "Erik ten Hag"
    keep = [i for i, lw in enumerate(low)
            if not (0 < i < len(low) - 1 and lw in lex.NAME_PARTICLES and name[i][:1].islower())]
    name, low = [name[i] for i in keep], [low[i] for i in keep]
    if not 2 <= len(name) <= 4:
        return False
    return all(
        _is_cap(w) and _is_word(w) and not _acronym(w) and w[:1].isalpha()
        and lw not in lex.ORG_HEADS and lw not in lex.BOUNDARY and lw not in lex.TIME_WORDS
        and lw not in lex.DETERMINERS and not lw.endswith("'s")
        for w, lw in zip(name, low)
    )


def _gender_of(lows: list[str]) -> str | None:
    for w in lows:
        w = w.rstrip(".")
        if w in lex.FEMALE_WORDS:
            return "she"
        if w in lex.MALE_WORDS:
            return "he"
    return None


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


_HEADLINE_COLON = re.compile(r"^(?P<clause>[^\n:\"\u201c\u201d\u2018\u00ab\u00bb]{15,160}?):[ \u00a0]+"
                             r"(?P<speaker>[^\n:.!?\"\u201c\u201d]{2,40}?)[ \t]*$", re.M)


_CREDIT_LABELS = frozenset("photo photos picture image images video credit source file graphic map".split())


def _headline_colon_rows(text: str, rows: list, resolver: "Resolver", para_of) -> list:
    """Headlines that name their source after a colon: "N. Korea tearing down family reunion
    center at Mount Kumgang: unification ministry", "Employers to face stiffer penalties:
    Ong Hui Lin". The clause before the colon is reported speech of the source after it, when
    the line has no quotation marks, the source is one to four words naming a person or a
    body, and no quotation or clause found elsewhere overlaps the line."""
    out = []
    for m in _HEADLINE_COLON.finditer(text):
        clause, who = m.group("clause").strip(), m.group("speaker").strip()
        if re.search(r"[a-z]{2}[.!?][ \u00a0]", clause) or clause.split()[-1].lower() in _CREDIT_LABELS:
            continue  # "... in New Delhi on Friday. Photo: PTI": a caption's credit
        if clause.isupper() or (who.isupper() and " " in who):
            continue  # "OVERHAULING THE MACHINERY OF GOVERNMENT: EXECUTIVE REORGANIZATION"
        words = who.split()
        if len(clause.split()) < 4 or not 1 <= len(words) <= 4:
            continue
        lows = [w.lower() for w in words]
        if lows[0] in lex.BOUNDARY and lows[0] not in lex.DETERMINERS:
            continue
        named = all(w[:1].isupper() for w in words if w.lower() not in ("of", "for", "the", "and"))
        if not (named or lex.is_head_noun(lows[-1])):
            continue
        a, b = m.start("clause"), m.start("clause") + len(m.group("clause").rstrip())
        if any(r.start < m.end() and r.end > m.start() for r in rows):
            continue
        bare = re.sub(r"^[Tt]he[ \u00a0]+", "", who)
        name = None
        if _acronym(bare):
            if resolver._acronyms is None:
                resolver._acronyms = _acronym_definitions(text)
            name = resolver._acronyms.get(bare)
        if name is None and len(words) == 1 and words[0][:1].isupper() and not _acronym(words[0]):
            name = resolver._earlier_name(lows[0], m.start("speaker"))
        if name is None:
            name = resolver.index.normalise(who)
        s0 = m.start("speaker")
        out.append(Row(a, b, name, s0, s0 + len(who), ":", "indirect", para_of(a), "headline colon"))
    return out


#: The rule each answer of _speaker_cue stands for.
_CUE_RULES = {"post": "cue after quotation", "pre": "cue before quotation",
              "after": "later cue in sentence"}
#: The attribution rules, in the order they are tried, with what each one covers. Every
#: output row names the rule that gave its speaker (or, for scare quotes, why it has none).
RULES: dict[str, str] = {
    # quotations, by the cue that attributes them
    "cue after quotation": '"QUOTE," X said / "QUOTE," said X: the cue right after the marks',
    "cue before quotation": 'X said: "QUOTE" / X said the alliance "QUOTE": the nearest earlier cue',
    "later cue in sentence": 'The "QUOTE" must stop, X said: a later cue of the same sentence',
    "cue in next sentence": '"QUOTE." X said so on Tuesday.: a quotation alone, its cue next',
    "colon after a name": 'X: "QUOTE" (a name, or a headline\'s source, before a colon)',
    "passive report": 'was accused of "QUOTE": speech reported without a speaker',
    # quotations without a cue
    "named actor before": 'an actor named since the previous quotation speaks one that opens its sentence',
    "continuation": "the speaker of the paragraph's (or the previous paragraph's) last quotation",
    "cue in neighbouring sentence": "a fragment takes the cue of a neighbouring sentence of its paragraph",
    # quotation marks that are nobody's words
    "name, not speech": 'are called "QUOTE": a naming verb gives a name',
    "scare marker": 'so-called "QUOTE", "QUOTE" as it is known',
    "title of a work": 'said on "CNN This Morning": a capitalised title after its preposition',
    "no speaker": "no rule found a speaker: a fragment (or a short quotation) is a scare quote",
    # reported speech without marks
    "reported clause": "X said (that) CLAUSE: the clause after the cue",
    "according to": "According to X, CLAUSE / CLAUSE, according to X",
    "trailing attribution": "CLAUSE, X said (in a statement).",
    "parenthetical": "CLAUSE-START, X said, CLAUSE-END",
    "headline colon": "HEADLINE: source (a headline that names its source after a colon)",
}


@dataclass
class Row:
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    kind: str
    paragraph: int
    rule: str = ""


def analyse(
    text: str,
    quotes: list[QuoteSpan],
    sent_starts: list[int],
    sent_ends: list[int],
    index,
    lexicon: Lexicon,
) -> list[Row]:
    """Quotations with speakers and kinds, plus reported speech, for one document."""
    if not sent_starts:
        return []
    para_starts = [m.start() for m in re.finditer(r"[^\n]+", text) if not m.group().isspace()]

    def para_of(pos: int) -> int:
        return max(bisect.bisect_right(para_starts, pos) - 1, 0)

    def para_start(pos: int) -> int:
        return para_starts[para_of(pos)] if para_starts else 0

    def sent_of(pos: int) -> int:
        return max(bisect.bisect_right(sent_starts, pos) - 1, 0)

    n_sent = len(sent_starts)
    reach = list(range(n_sent))
    q_first: dict[int, list[int]] = {}
    for qi, q in enumerate(quotes):
        a, b = sent_of(q.open_start), sent_of(max(q.close_end - 1, q.open_start))
        reach[a] = max(reach[a], b)
        q_first.setdefault(a, []).append(qi)

    has_cue = _CueHits(text, lexicon)
    units: list[Unit | None] = []
    unit_sents: list[tuple[int, int]] = []
    i = 0
    while i < n_sent:
        end = reach[i]
        j = i
        while j <= end:
            end = max(end, reach[j])
            j += 1
        qis = [qi for s in range(i, end + 1) for qi in q_first.get(s, ())]
        u_start = sent_starts[i]
        u_end = max([sent_ends[end]] + [quotes[qi].close_end for qi in qis])
        if qis or has_cue(u_start, u_end):
            u = Unit(u_start, u_end, para_of(u_start))
            pos = u_start
            for qi in qis:
                q = quotes[qi]
                u.add_text(text, pos, q.open_start)
                u.add_quote(qi, q)
                pos = max(pos, q.close_end)
            u.add_text(text, pos, u_end)
            if end == i:
                u.sent = [i] * len(u)  # one sentence (most units)
            else:
                s = i
                for t in range(len(u)):
                    while s + 1 <= end and u.starts[t] >= sent_starts[s + 1]:
                        s += 1
                    u.sent.append(s)
            u.finish()
            u.cues = _find_cues(u, lexicon)
            units.append(u)
        else:
            units.append(None)
        unit_sents.append((i, end))
        i = end + 1

    # Resolve every cue's speaker in document order. Pronouns look back at earlier speakers
    # and at the named subjects of the sentences since ("Lavrov disagreed. '...,' he said").
    resolver = Resolver(text, index, sent_starts, sent_ends, lexicon)
    for u in units:
        if u is None:
            continue
        for c in u.cues:
            _resolve_cue(u, c, resolver, lexicon)
        _index_cues(u)

    rows: list[Row] = []
    last_by_para: dict[int, tuple[str, tuple[int, int] | None, bool]] = {}
    ctx = _Context(text, units, last_by_para, para_of, para_start, sent_of, resolver, lexicon,
                   para_starts)
    for ui, u in enumerate(units):
        if u is None:
            continue
        n = len(u)
        for qt in range(n):
            qi = u.quote[qt]
            if qi < 0:
                continue
            q = quotes[qi]
            row = _attribute_quote(ctx, u, qt, q, ui)
            ctx.prev_quote_end = q.close_end
            rows.append(row)
            if row.speaker is not None and row.kind == "direct" or (
                row.speaker is not None and row.kind == "partial"
            ):
                last_by_para[row.paragraph] = (
                    row.speaker,
                    (row.speaker_start, row.speaker_end) if row.speaker_start is not None else None,
                    row.kind == "direct",
                )
        for c in u.cues:
            if c.used or c.speaker is None or c.negated:
                continue
            clause = _indirect_clause(u, c, lexicon)
            if clause is None:
                continue
            a, b, rule = clause
            s, e = _span_of(u, a, b)
            rows.append(
                Row(s, e, c.speaker, c.span[0] if c.span else None,
                    c.span[1] if c.span else None, _cue_text(text, u, c), "indirect",
                    para_of(s), rule)
            )
    rows.extend(_headline_colon_rows(text, rows, resolver, para_of))
    rows.sort(key=lambda r: (r.start, r.end, r.kind))
    return rows


def _resolve_cue(u: Unit, c: Cue, resolver: Resolver, lexicon: Lexicon) -> None:
    if c.ref is not None:
        ref = u.cues[c.ref]
        c.speaker, c.span, c.entity = ref.speaker, ref.span, ref.entity
        return
    if c.np is None:
        return
    a, b = c.np
    if c.form == "according to" and (u.lows[b - 1] in lex.SOURCE_NOUNS or u.lows[b - 1] in lex.EVIDENCE_NOUNS) and not any(
        u.lows[t] in ("from", "by", "of") for t in range(a, b)
    ):
        # "According to the staff report, ...": a document cited as the source speaks as
        # printed (the documents of "the statement said" speak for their issuer)
        span = _span_of(u, a, b)
        c.speaker, c.span, c.entity = resolver.text[span[0] : span[1]], span, None
        c.clause = _clause_after(u, c, lexicon)
        return
    k = c.clause = _clause_after(u, c, lexicon)
    hint = _pronoun_of(u.lows[k]) if k is not None and k < len(u) else None
    if hint not in ("he", "she") or _pronoun_of(u.lows[c.np[0]]) is not None:
        hint = None
    c.speaker, c.span, c.entity = resolver.resolve(u, c.np, hint)


def _cue_text(text: str, u: Unit, c: Cue) -> str:
    return text[u.starts[c.i0] : u.ends[c.i1 - 1]]


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


def _speaker_cue(u: Unit, qt: int, q: QuoteSpan) -> tuple[Cue | None, str]:
    """The cue attributing the quotation at token ``qt`` and the rule that found it.

    Uses the unit's ``cue_after``/``named_before``/``named_after`` tables, so the cost per
    quotation does not grow with the number of cues.
    """
    n = len(u)
    t = qt + 1
    if t < n and u.words[t] == ",":
        t += 1
    # (a) right after the quotation: "QUOTE, X said", "QUOTE, said X", "QUOTE, X, the ..., said"
    ci = u.cue_after[qt + 1] if qt + 1 <= n else None
    if ci is not None:
        c = u.cues[ci]
        if not u.quote_between(qt + 1, c.i0) and c.speaker is not None and (
            c.i0 == t or (c.np is not None and not c.inverted and t in (c.np[0], c.lead))
        ):
            return c, "post"
    # (b) the nearest earlier cue of the unit ("X said the alliance QUOTE", "X said: QUOTE")
    ci = u.named_before[qt]
    if ci is not None:
        c = u.cues[ci]
        if (c.np is not None and not c.inverted and c.np[0] > u.sent_first[qt]
                and c.i0 > 0 and u.lows[c.i0 - 1] in _MODALS):
            # A verb of an intention inside a reported clause: "it said ... that Moscow would
            # respond 'in a manner ...'" quotes the reporter of the clause, the speaker of
            # "said" (a relayed report, "said Putin had told him '...'", stays with Putin).
            for k in range(ci - 1, -1, -1):
                c2 = u.cues[k]
                if c2.i0 < u.sent_first[qt] or u.quote_between(c2.i1, c.i0):
                    break
                if (c2.cls == "say" and c2.speaker is not None and not c2.passive
                        and c2.clause is not None and c2.clause <= c.np[0]):
                    return c2, "pre"
        return c, "pre"
    # (c) a later cue with no other quotation between ("The QUOTE must stop, X said")
    ci = u.named_after[qt + 1] if qt + 1 <= n else None
    if ci is not None and not u.quote_between(qt + 1, u.cues[ci].i0):
        return u.cues[ci], "after"
    return None, ""


def _last_at_or_before(size: int, marks: list[tuple[int, int]]) -> list[int | None]:
    """``out[t]`` = value of the last mark (position, value) at or before ``t``, else None
    (marks sorted by position); filled run by run."""
    out: list[int | None] = []
    cur: int | None = None
    at = 0
    for pos, value in marks:
        pos = min(max(pos, 0), size)
        out += [cur] * (pos - at)
        at = max(at, pos)
        cur = value
    out += [cur] * (size - at)
    return out


def _first_at_or_after(size: int, marks: list[tuple[int, int]]) -> list[int | None]:
    """``out[t]`` = value of the first mark (position, value) at or after ``t``, else None
    (marks sorted by position)."""
    out: list[int | None] = []
    at = 0
    for pos, value in marks:
        if pos < at:
            continue
        out += [value] * (pos + 1 - at)
        at = pos + 1
    out += [None] * (size - at)
    return out


def _index_cues(u: Unit) -> None:
    """Per-token tables of the next cue, and the nearest cues with a resolved speaker."""
    n = len(u)
    cues = u.cues
    # Cues are in token order and never overlap, so their starts and ends both increase.
    u.cue_after = _first_at_or_after(n + 1, [(c.i0, k) for k, c in enumerate(cues) if c.i0 < n])
    u.named_after = _first_at_or_after(
        n + 1, [(c.i0, k) for k, c in enumerate(cues) if c.i0 < n and c.speaker is not None]
    )
    u.named_before = _last_at_or_before(
        n + 1, sorted((c.i1, k) for k, c in enumerate(cues) if c.speaker is not None)
    )
    u.passive_before = _last_at_or_before(
        n + 1, [(c.i1, k) for k, c in enumerate(cues) if c.passive and c.speaker is None]
    )


@dataclass
class _Context:
    """What attributing a quotation needs to know of the document beyond its unit."""

    text: str
    units: list
    last_by_para: dict
    para_of: object
    para_start: object
    sent_of: object
    resolver: Resolver
    lexicon: Lexicon
    para_starts: list
    prev_quote_end: int = 0


def _next_sentence_cue(ctx: _Context, u: Unit, ui: int) -> Cue | None:
    """A bare attribution opening the next sentence of the paragraph, for a quotation that
    ends its unit ("When?" / "Kaur replied." when the sentence splitter cut after "?")."""
    if ui + 1 >= len(ctx.units):
        return None
    nu = ctx.units[ui + 1]
    if nu is None or nu.paragraph != u.paragraph or not nu.cues:
        return None
    c = nu.cues[0]
    if c.speaker is None or c.used or c.participle or nu.quote_between(0, c.i0):
        return None
    if c.inverted:
        if c.i0 != 0 or c.np is None:
            return None
        after = c.np[1]
    else:
        if c.np is None or c.np[0] != 0 or c.appositive:
            return None
        after = c.i1
    if u.sent[0] == nu.sent[0]:
        return None
    stop = nu.sent_stop[c.i0]
    while after < stop and (nu.lows[after] in lex.SKIP_BEFORE_CUE or nu.lows[after] == "again"
                            or (nu.lows[after].endswith("ly") and nu.words[after].islower())):
        after += 1  # "Kaur replied sharply", "Okafor asked again"
    if not _only_adjuncts(nu, after, stop, c, ctx.lexicon):
        return None
    if _clause_after(nu, c, ctx.lexicon) is not None:
        return None
    return c


def _colon_speaker(ctx: _Context, u: Unit, qt: int) -> tuple[str, tuple[int, int]] | None:
    """A headline's speaker before a colon ("Truss: Sanctions will 'bite hard' ..."): one to
    three capitalised words opening the sentence, naming a listed actor or a person whose
    full name the text prints."""
    first = u.sent_first[qt]
    for c in range(first + 1, min(first + 4, qt)):
        if u.words[c] == ":":
            break
        if not (_is_cap(u.words[c]) and _is_word(u.words[c])):
            return None
    else:
        return None
    words = u.words[first:c]
    if not all(_is_cap(w) and _is_word(w) and not w.isupper() for w in words):
        return None  # a dateline ("NEW DELHI:") or a label
    if u.lows[first] in lex.BOUNDARY or u.lows[first] in _SENTENCE_ADVERBS:
        return None
    surface = ctx.text[u.starts[first] : u.ends[c - 1]]
    resolver = ctx.resolver
    actor = resolver.index.lookup(surface)
    if actor is not None:
        return actor.name, (u.starts[first], u.ends[c - 1])
    if len(words) == 1:
        full = resolver._earlier_name(u.lows[first], u.starts[first])
        if full is not None:
            return resolver.index.normalise(full), (u.starts[first], u.ends[c - 1])
    elif _personal_name(words, u.lows[first:c]):
        return resolver.index.normalise(surface), (u.starts[first], u.ends[c - 1])
    return None


def _attribute_quote(ctx: _Context, u: Unit, qt: int, q: QuoteSpan, ui: int) -> Row:
    text, units, last_by_para = ctx.text, ctx.units, ctx.last_by_para
    para_of, para_start, sent_of = ctx.para_of, ctx.para_start, ctx.sent_of
    n = len(u)
    para = para_of(q.open_start)
    prev = qt - 1 if qt > 0 else None
    nxt = qt + 1 if qt + 1 < n else None
    starts_sentence = (
        prev is None
        or u.sent[prev] != u.sent[qt]
        or u.words[prev] in _FINAL
        or u.quote[prev] >= 0
        or q.open_start == u.start
    )
    close_sent = sent_of(max(q.close_end - 1, q.open_start))
    ends_sentence = (
        nxt is None
        or u.words[nxt] in _FINAL
        or u.quote[nxt] >= 0
        or u.sent[nxt] > close_sent
    )
    cue, how = _speaker_cue(u, qt, q)
    rule = _CUE_RULES.get(how, "")
    cue_unit = u
    if cue is None and starts_sentence and (
        nxt is None or all(u.words[t] in _CLAUSE_PUNCT for t in range(nxt, n))
    ):
        cue = _next_sentence_cue(ctx, u, ui)
        if cue is not None:
            how, cue_unit = "post", units[ui + 1]
            rule = "cue in next sentence"
    speaker = span = None
    cue_text = None
    if cue is None:
        hit = _colon_speaker(ctx, u, qt)
        if hit is not None:
            speaker, span = hit
            cue_text = ":"
            rule = "colon after a name"
    if cue is not None:
        cue.used = True
        speaker, span = cue.speaker, cue.span
        cue_text = _cue_text(text, cue_unit, cue)
    # Position decides direct vs partial.
    direct = starts_sentence and (ends_sentence or how == "post")
    if not direct and prev is not None:
        if u.words[prev] == ":":
            direct = True
        elif how == "pre" and cue is not None:
            cue_end = cue.np[1] if (cue.inverted and cue.np) else cue.i1
            gap = prev - cue_end
            content = text[q.start : q.start + 1]
            if u.words[prev] == "," and 0 <= gap <= 6:
                direct = True
            elif prev == cue_end - 1 and content.isupper():
                direct = True
    if starts_sentence and not direct and how == "" and ends_sentence:
        direct = True
    passive = None
    kind_override = None
    if cue is None:
        pk = u.passive_before[qt]
        if pk is not None:
            pc = u.cues[pk]
            if u.sent[pc.i0] == u.sent[qt] and qt - pc.i1 <= 4 and not u.quote_between(pc.i1, qt):
                passive = pc  # "was accused of 'balancing the books'": nobody named
    if passive is not None and passive.form in lex.NAMING_VERBS:
        passive = None  # "are called 'people's democracies'": a name, not speech
        kind_override = "scare"
        rule = "name, not speech"
    elif passive is not None:
        passive.used = True
        cue_text = _cue_text(text, u, passive)
        rule = "passive report"
    elif cue is None:
        if direct or starts_sentence:
            # An actor named since the previous quotation, in this paragraph or the one
            # before, speaks an unattributed quotation that opens its sentence ("Mr. Doyle
            # addressed a crowd. 'Brothers, ...'"); else a continuation: the speaker of the
            # paragraph's previous attributed quotation, or of the previous paragraph's when
            # the quotation opens its paragraph.
            bound = max(ctx.prev_quote_end, ctx.para_starts[para - 1] if para > 0 else 0)
            hit = ctx.resolver.salient(q.open_start, bound)
            if hit is not None:
                speaker, span = hit[0].name, hit[1]
                direct = True
                rule = "named actor before"
            else:
                last = last_by_para.get(para)
                if last is None and para > 0 and q.open_start == para_start(q.open_start):
                    prev_last = last_by_para.get(para - 1)
                    if prev_last is not None and prev_last[2]:
                        last = prev_last
                if last is not None:
                    speaker, span = last[0], last[1]
                    direct = True
                    rule = "continuation"
        if speaker is None and not direct:
            # A fragment: look at the neighbouring sentences of the paragraph.
            for nb in (ui - 1, ui + 1):
                if 0 <= nb < len(units) and units[nb] is not None and units[nb].paragraph == u.paragraph:
                    cands = [c for c in units[nb].cues if c.speaker is not None]
                    if cands:
                        c = cands[-1] if nb < ui else cands[0]
                        speaker, span = c.speaker, c.span
                        cue_text = _cue_text(text, units[nb], c)
                        rule = "cue in neighbouring sentence"
                        break
    kind = "direct" if direct else "partial"
    if kind_override == "scare":
        speaker = span = cue_text = None
        kind = "scare"
    if how != "post" and prev is not None and (
        u.lows[prev] in lex.SCARE_MARKERS
        or (u.lows[prev] == "as" and prev > 0 and u.lows[prev - 1] == "known")
    ):
        speaker = span = cue_text = None
        kind = "scare"
        rule = "scare marker"
    if kind == "partial" and prev is not None and u.lows[prev] in _TITLE_BEFORE and _title_case(
        text[q.start : q.end]
    ):
        speaker = span = cue_text = None  # 'she said on "CNN This Morning."': a programme's
        kind = "scare"  # or a book's title, nobody's words
        rule = "title of a work"
    if speaker is None and passive is None:
        words = len(text[q.start : q.end].split())
        if kind == "partial" or (kind == "direct" and words < 5):
            kind = "scare"
        if kind == "scare" or not rule:
            rule = "no speaker"
    return Row(
        q.start,
        q.end,
        speaker,
        span[0] if span else None,
        span[1] if span else None,
        cue_text,
        kind,
        para,
        rule,
    )
