"""Tokens, units and the small word tests every quotation rule uses (internal).

A *unit* is a sentence, or a run of sentences joined because a quotation runs across them,
cut into word and punctuation tokens with every quotation collapsed into one QUOTE token;
:class:`Cue` is a reporting verb or phrase found in it; :class:`Lexicon` the cue list.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import _lexicon as lex
from ._marks import QuoteSpan


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
_NOUN_MARKERS = lex.LISTS["noun_markers"]
_BE = lex.LISTS["be_forms"]
_MODALS = lex.LISTS["modals"]
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
_TITLE_BEFORE = lex.LISTS["title_before"]
_TITLE_SMALL = lex.LISTS["title_small_words"]


def _title_case(content: str) -> bool:
    """Is ``content`` a title: two to eight words, every one but small words capitalised?"""
    words = re.findall(r"[^\W\d_][\w'\u2019\-]*", content)
    return 2 <= len(words) <= 8 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words
    )


#: Present-tense reporting verbs of features and radio ("Tohee says the collection includes
#: ..."), after which a clause may follow without a verb the word lists recognise.
_CORE_SAY = lex.LISTS["core_say"]
#: Prepositions opening an adjunct after a trailing attribution, whose quotations are no
#: part of the reported clause ("..., scientists have said, in what one researcher
#: described as a "deeply alarming" sign").
_ADJUNCT_PREP = lex.LISTS["adjunct_prepositions"]
#: Negations and the auxiliaries that carry them before a cue ("did not confirm", "has
#: never said", "wouldn't say"): the subject is found, but nothing is reported.
_NEGATION = lex.LISTS["negations"]
#: Words that cannot open a reported clause.
_CLAUSE_NOT_FIRST = lex.LISTS["clause_not_first"]
#: Prepositions that make a following "reports" or "claims" a noun ("about Western reports").
_NOUN_PREPS = lex.LISTS["noun_prepositions"]
_CLAUSE_PUNCT = frozenset(".,;:!?\u2026()[]\u2014\u2013-")
_ADJUNCT_START = lex.LISTS["adjunct_start"]
_SENTENCE_ADVERBS = lex.LISTS["sentence_adverbs"]


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
_POSTMOD = lex.LISTS["postmodifiers"]
#: Prepositions and words allowed inside such a post-modifier.
_POSTMOD_INNER = lex.LISTS["postmodifier_inner"]
#: Quantifiers that take a partitive "of": "one of the officials", "some of the lawyers".
_PARTITIVE = lex.LISTS["partitives"]


def _last_word(u: Unit, stop: int) -> int:
    """One past the last token of the sentence ending at ``stop`` that is not punctuation."""
    while stop > 0 and u.words[stop - 1] in _CLAUSE_PUNCT:
        stop -= 1
    return stop


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


def _span_of(u: Unit, a: int, b: int) -> tuple[int, int]:
    return u.starts[a], u.ends[b - 1]


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


_NAME_FUNCTION_WORDS = lex.LISTS["name_function_words"]


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
