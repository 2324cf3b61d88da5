"""Who is who in a document: speaker noun phrases to names, in document order (internal).

:class:`Resolver` turns a cue's subject into a speaker: names, titles and descriptions of
earlier speakers ("the minister"), surnames, pronouns ("he said") and the actor list.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import _lexicon as lex
from ._names import gender as _name_gender
from ._units import (  # noqa: F401
    Entity,
    Lexicon,
    Unit,
    _BYLINE,
    _COMPANY,
    _COMPANY_APPOSITIVE,
    _FULL_NAME,
    _LEGAL_FORM,
    _NAME_RUN,
    _ONE_OF,
    _SENTENCE_ADVERBS,
    _acronym,
    _acronym_definitions,
    _gender_of,
    _is_cap,
    _is_title,
    _is_word,
    _personal_name,
    _pronoun_of,
    _span_of,
    _type_of,
    _verb_like,
)
from ._phrases import (  # noqa: F401
    _np_forward,
    _without_leading_function_words,
)


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


#: How a speaker's noun phrase becomes a name (:meth:`Resolver._named`): the rules in the
#: order they are tried; the first that answers wins, else the phrase is its own name.
NAME_RULES = (
    "listed_actor",
    "document_issuer",
    "capitalised_title",
    "definite_description",
    "described_company",
    "title_holder",
    "police",
    "surname",
    "possessive_person",
    "person_of_organisation",
    "family_name",
    "without_constituency",
    "title_and_name",
    "company_after_description",
    "descriptor_and_name",
)


@dataclass
class _Phrase:
    """A speaker noun phrase: tokens ``a:b`` of unit ``u``, its text and words (a rule may
    narrow it for the rules after it)."""

    u: Unit
    a: int
    b: int
    surface: str
    lows: list
    words: list


class Resolver:
    """Turns speaker noun phrases into canonical names, in document order."""

    def __init__(self, text: str, index, sent_starts, sent_ends, lexicon: Lexicon) -> None:
        self.text = text
        self.index = index
        self.sent_starts = sent_starts
        self.sent_ends = sent_ends
        self.lexicon = lexicon
        self._name_rules = [getattr(self, f"_name_{rule}") for rule in NAME_RULES]
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
        """The entity a (non-pronoun) phrase names, and the span of the name inside it: the
        first of :data:`NAME_RULES` that answers, else the phrase itself."""
        phrase = _Phrase(u, a, b, surface, lows, words)
        for rule in self._name_rules:
            hit = rule(phrase)
            if hit is not None:
                return hit
        lows, words = phrase.lows, phrase.words
        return Entity(phrase.surface.strip(), _type_of(lows, words), None, phrase.surface), None

    # -- the name rules, in the order of NAME_RULES; each returns (entity, span) or None --

    def _name_listed_actor(self, p: _Phrase):
        """The actor list names it ("the top US diplomat" -> Antony Blinken)."""
        name = self.index.normalise(p.surface)
        if name == p.surface.strip():
            return None
        actor = self.index.by_name.get(name)
        if actor is None:  # a coordination of known actors
            return Entity(name, "group", "they", p.surface), None
        gender = actor.pronoun if actor.pronoun in ("he", "she", "they") else None
        return Entity(actor.name, actor.type, gender, p.surface), None

    def _name_document_issuer(self, p: _Phrase):
        """A document speaks for its issuer: "a statement from the Kremlin", "the statement"."""
        u, a, b, lows, words = p.u, p.a, p.b, p.lows, p.words
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
        return None

    def _name_capitalised_title(self, p: _Phrase):
        """A capitalised title for an earlier speaker: "the Foreign Secretary" after "Liz
        Truss", when the actor list gives her that title or it was printed with her name."""
        lows, words = p.lows, p.words
        if (lows[0] == "the" and len(words) >= 2 and _is_title(lows[-1])
                and all(_is_cap(w) and _is_word(w) for w in words[1:])):
            ent = self._titled(" ".join(lows[1:]))
            if ent is not None:
                return ent, None
        return None

    def _name_definite_description(self, p: _Phrase):
        """A definite description of an earlier speaker: "the minister", "the ministry" (a
        lower-case description that matches nobody is itself the speaker)."""
        u, a, surface, lows, words = p.u, p.a, p.surface, p.lows, p.words
        if not (lows[0] == "the" and not any(_is_cap(w) for w in words[1:])):
            return None
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

    def _name_described_company(self, p: _Phrase):
        """"The FTSE 250 group said": a described company is the one named before."""
        lows, words = p.lows, p.words
        if (lows[0] == "the" and 3 <= len(lows) <= 5 and lows[-1] in lex.COMPANY_NOUNS
                and words[-1][:1].islower()):
            org = self._company_before(p.u.starts[p.a])
            if org is not None:
                return org, None
        return None

    def _name_title_holder(self, p: _Phrase):
        """A description by title: "Houthi spokesman says ..." where the text names "Houthi
        military spokesman Yahya Saree", "A Foreign Ministry spokesperson said" where it names
        "Foreign Ministry spokesperson Guo Jiakun", a headline's "Premier says": the one person
        printed with that title (and the description's capitalised words)."""
        lows, words = p.lows, p.words
        indefinite = lows[0] in ("a", "an", "one", "another", "two", "three", "several", "some")
        capitalised_mods = [w for w in words[1:-1] if w[:1].isupper()]
        if (_is_title(lows[-1]) and len(lows) <= 4
                and (words[-1][:1].islower() or len(lows) == 1)
                and (not indefinite or capitalised_mods)):
            named = self._unique_titled(lows, words)
            if named is not None:
                return named, None
        return None

    def _name_police(self, p: _Phrase):
        """"Police said" -> the police force the text names ("Tasmania Police")."""
        if len(p.lows) == 1 and p.lows[0] == "police":
            org = self._org_named("police", p.u.starts[p.a])
            if org is not None:
                return org, None
        return None

    def _name_surname(self, p: _Phrase):
        """A surname of an earlier speaker ("Petrova" after "Maria Petrova"), or of a full
        name printed earlier ("... led by Sergei Vershinin. Vershinin told reporters")."""
        if p.b - p.a == 1 and _is_cap(p.words[0]) and not _acronym(p.words[0]):
            ent = self._by_surname(p.lows[0], p.u.starts[p.a], None, p.surface)
            if ent is not None:
                return ent, None
        return None

    def _name_possessive_person(self, p: _Phrase):
        """An outlet's or organisation's person: "Al Jazeera's Natalia Reyes" -> the name."""
        u, a, b, lows, words = p.u, p.a, p.b, p.lows, p.words
        for t in range(len(lows) - 2, 0, -1):
            if lows[t].endswith(("'s", "\u2019s")):
                if _personal_name(words[t + 1 :], lows[t + 1 :]):
                    start = u.starts[a + t + 1]
                    name = self.text[start : u.ends[b - 1]]
                    ent = Entity(self.index.normalise(name), "person", _gender_of(lows), p.surface)
                    return ent, (start, u.ends[b - 1])
                break
        return None

    def _name_person_of_organisation(self, p: _Phrase):
        """A full name with its organisation or constituency: "Sabine Krause of the Federation
        of German Consumer Organizations", "Former corporator Sandeep Deshmukh of the
        Congress" -> the name (after the last title word)."""
        u, a, lows, words = p.u, p.a, p.lows, p.words
        if "of" not in lows[2:]:
            return None
        o = lows.index("of", 2)
        r = o
        while r > 0 and _is_cap(words[r - 1]) and _is_word(words[r - 1]) and not _is_title(
            lows[r - 1]
        ):
            r -= 1
        if o + 1 < len(lows) and 2 <= o - r <= 4 and _personal_name(words[r:o], lows[r:o]):
            name = self.text[u.starts[a + r] : u.ends[a + o - 1]]
            return Entity(self.index.normalise(name), "person", _gender_of(lows[:o]), p.surface), (
                u.starts[a + r], u.ends[a + o - 1])
        return None

    def _name_family_name(self, p: _Phrase):
        """A family name of two words after the full name: "Ní Mhurchú" after "Aoife Ní
        Mhurchú" ("Hui Lin" is not matched this way: it is no tail of a longer name)."""
        lows, words = p.lows, p.words
        if len(words) == 2 and all(_is_cap(w) and _is_word(w) for w in words):
            full = self._earlier_name(lows[-1], p.u.starts[p.a])
            if full is not None and full.lower().endswith(" " + " ".join(lows)) and len(full.split()) > 2:
                name = self.index.normalise(full)
                return Entity(name, "person", None, p.surface), None
        return None

    def _name_without_constituency(self, p: _Phrase):
        """A titled name with its constituency or state: "Senator Dale Hutchins of Montana"
        is read as "Senator Dale Hutchins" by the rules after this one (answers nothing)."""
        u, a, lows, words = p.u, p.a, p.lows, p.words
        if "of" in lows[2:]:
            o = lows.index("of", 2)
            if (_is_title(lows[0]) and o + 1 < len(words) and o >= 3 - (lows[0] in ("mr", "ms", "mrs", "dr"))
                    and all(_is_cap(w) and _is_word(w) and not _acronym(w) for w in words[1:o])
                    and not _is_title(lows[o - 1]) and lows[o - 1] not in lex.ORG_HEADS
                    and all(_is_cap(w) for w in words[o + 1:])):
                p.b = a + o
                p.words, p.lows = words[:o], lows[:o]
                p.surface = self.text[u.starts[a] : u.ends[p.b - 1]]
        return None

    def _name_title_and_name(self, p: _Phrase):
        """Title + name: the name is the speaker ("Defence Minister Oleksii Reznikov"; "Ms
        Hughes" is the earlier "Rachel Hughes" when the title's gender allows)."""
        u, a, b, surface, lows, words = p.u, p.a, p.b, p.surface, p.lows, p.words
        last_title = None
        for t in range(len(lows)):
            low = lows[t].rstrip(".")
            if low in lex.TITLES or any(q in lex.TITLES for q in low.split("-")):
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
                ent = self._by_surname(lows[-1], u.starts[a], gender, surface)
                if ent is not None:
                    return ent, (start, u.ends[b - 1])
            ent = Entity(self.index.normalise(name), "person", gender, surface)
            return ent, (start, u.ends[b - 1])
        return None

    def _name_company_after_description(self, p: _Phrase):
        """A company after its description: "Swiss drugmaker Novarith" -> "Novarith"."""
        u, a, b, lows, words = p.u, p.a, p.b, p.lows, p.words
        r = len(words)
        while r > 0 and _is_cap(words[r - 1]) and _is_word(words[r - 1]):
            r -= 1
        if 0 < r < len(words) and lows[r - 1] in lex.COMPANY_NOUNS and words[r - 1][:1].islower():
            start = u.starts[a + r]
            name = _LEGAL_FORM.sub("", self.text[start : u.ends[b - 1]]).strip()
            actor = self.index.lookup(name)
            if actor is not None:
                return Entity(actor.name, actor.type, None, p.surface), (start, u.ends[b - 1])
            return Entity(name, "organisation", None, p.surface), (start, u.ends[b - 1])
        return None

    def _name_descriptor_and_name(self, p: _Phrase):
        """A descriptor before a full name: "Turkish mediator Ahmet Yilmaz" -> the name."""
        u, a, b, lows, words = p.u, p.a, p.b, p.lows, p.words
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
            ent = Entity(self.index.normalise(name), "person", _gender_of(lows), p.surface)
            return ent, (start, u.ends[b - 1])
        return None

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
