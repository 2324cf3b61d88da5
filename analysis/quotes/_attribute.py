"""Attribution: every quotation and reported clause of a document with its speaker, kind
and rule (internal; :func:`analyse` is the entry point).

:data:`RULES` lists the attribution rules in the order they are tried; every output
:class:`Row` names the rule that gave its speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import _lexicon as lex
from ._marks import QuoteSpan
from ._units import (  # noqa: F401
    Cue,
    Lexicon,
    Unit,
    _CLAUSE_PUNCT,
    _CueHits,
    _FINAL,
    _MODALS,
    _SENTENCE_ADVERBS,
    _TITLE_BEFORE,
    _acronym,
    _acronym_definitions,
    _is_cap,
    _is_word,
    _personal_name,
    _pronoun_of,
    _span_of,
    _title_case,
)
from ._cues import (  # noqa: F401
    _clause_after,
    _find_cues,
    _indirect_clause,
    _only_adjuncts,
)
from ._resolve import (  # noqa: F401
    Resolver,
)


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


_HEADLINE_COLON = re.compile(r"^(?P<clause>[^\n:\"\u201c\u201d\u2018\u00ab\u00bb]{15,160}?):[ \u00a0]+"
                             r"(?P<speaker>[^\n:.!?\"\u201c\u201d]{2,40}?)[ \t]*$", re.M)


_CREDIT_LABELS = lex.LISTS["credit_labels"]


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
    """One quotation's row: its cue (the cue rules of :data:`RULES`), whether it is a full
    quotation or a fragment, the speaker of an uncued quotation (the fallback rules), and
    whether its marks are anybody's words at all (the scare rules)."""
    text, units = ctx.text, ctx.units
    para = ctx.para_of(q.open_start)
    prev = qt - 1 if qt > 0 else None
    starts_sentence, ends_sentence = _sentence_position(ctx, u, qt, q)
    cue, how = _speaker_cue(u, qt, q)
    rule = _CUE_RULES.get(how, "")
    cue_unit = u
    nxt = qt + 1 if qt + 1 < len(u) else None
    if cue is None and starts_sentence and (
        nxt is None or all(u.words[t] in _CLAUSE_PUNCT for t in range(nxt, len(u)))
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
    direct = _is_direct(u, qt, q, cue, how, starts_sentence, ends_sentence, text)
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
        found = _uncued_speaker(ctx, u, qt, q, ui, para, direct, starts_sentence,
                                has_speaker=speaker is not None)
        if found is not None:
            speaker, span, direct, rule, neighbour = found
            if neighbour is not None:
                cue_text = neighbour
    kind = "direct" if direct else "partial"
    if kind_override == "scare":
        speaker = span = cue_text = None
        kind = "scare"
    reason = _scare_reason(u, qt, q, prev, how, kind, text)
    if reason is not None:
        speaker = span = cue_text = None
        kind, rule = "scare", reason
    if speaker is None and passive is None:
        words = len(text[q.start : q.end].split())
        if kind == "partial" or (kind == "direct" and words < 5):
            kind = "scare"
            rule = "no speaker"
        elif not rule or kind == "direct":
            rule = "no speaker"  # a full quotation no rule attributes
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


def _sentence_position(ctx: _Context, u: Unit, qt: int, q: QuoteSpan) -> tuple[bool, bool]:
    """Does the quotation open its sentence, and does it end it?"""
    n = len(u)
    prev = qt - 1 if qt > 0 else None
    nxt = qt + 1 if qt + 1 < n else None
    starts_sentence = (
        prev is None
        or u.sent[prev] != u.sent[qt]
        or u.words[prev] in _FINAL
        or u.quote[prev] >= 0
        or q.open_start == u.start
    )
    close_sent = ctx.sent_of(max(q.close_end - 1, q.open_start))
    ends_sentence = (
        nxt is None
        or u.words[nxt] in _FINAL
        or u.quote[nxt] >= 0
        or u.sent[nxt] > close_sent
    )
    return starts_sentence, ends_sentence


def _is_direct(u: Unit, qt: int, q: QuoteSpan, cue, how: str, starts_sentence: bool,
               ends_sentence: bool, text: str) -> bool:
    """A full quotation rather than a fragment: it opens and ends its sentence (or its cue
    follows), it follows "X said:" or "X said,", or it opens with a capital right after a
    cue."""
    prev = qt - 1 if qt > 0 else None
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
    return direct


def _uncued_speaker(ctx: _Context, u: Unit, qt: int, q: QuoteSpan, ui: int, para: int,
                    direct: bool, starts_sentence: bool, *, has_speaker: bool):
    """The speaker of a quotation no cue attributes, by the fallback rules in order:
    ``(speaker, span, direct, rule, cue text or None)``, or None. ``has_speaker``: a colon
    already named one (a named actor or a continuation may still take its place, a
    neighbouring sentence's cue may not)."""
    if direct or starts_sentence:
        # An actor named since the previous quotation, in this paragraph or the one before,
        # speaks an unattributed quotation that opens its sentence ("Mr. Doyle addressed a
        # crowd. 'Brothers, ...'"); else a continuation: the speaker of the paragraph's
        # previous attributed quotation, or of the previous paragraph's when the quotation
        # opens its paragraph.
        bound = max(ctx.prev_quote_end, ctx.para_starts[para - 1] if para > 0 else 0)
        hit = ctx.resolver.salient(q.open_start, bound)
        if hit is not None:
            return hit[0].name, hit[1], True, "named actor before", None
        last = ctx.last_by_para.get(para)
        if last is None and para > 0 and q.open_start == ctx.para_start(q.open_start):
            prev_last = ctx.last_by_para.get(para - 1)
            if prev_last is not None and prev_last[2]:
                last = prev_last
        if last is not None:
            return last[0], last[1], True, "continuation", None
    if not direct and not has_speaker:
        # A fragment: look at the neighbouring sentences of the paragraph.
        units = ctx.units
        for nb in (ui - 1, ui + 1):
            if 0 <= nb < len(units) and units[nb] is not None and units[nb].paragraph == u.paragraph:
                cands = [c for c in units[nb].cues if c.speaker is not None]
                if cands:
                    c = cands[-1] if nb < ui else cands[0]
                    return (c.speaker, c.span, direct, "cue in neighbouring sentence",
                            _cue_text(ctx.text, units[nb], c))
    return None


def _scare_reason(u: Unit, qt: int, q: QuoteSpan, prev, how: str, kind: str, text: str) -> str | None:
    """Why a quotation's marks are nobody's words ("so-called", a programme's title), if so."""
    if how != "post" and prev is not None and (
        u.lows[prev] in lex.SCARE_MARKERS
        or (u.lows[prev] == "as" and prev > 0 and u.lows[prev - 1] == "known")
    ):
        return "scare marker"
    if kind == "partial" and prev is not None and u.lows[prev] in _TITLE_BEFORE and _title_case(
        text[q.start : q.end]
    ):
        return "title of a work"  # 'she said on "CNN This Morning."': nobody's words
    return None
