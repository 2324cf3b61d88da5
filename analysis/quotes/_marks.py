"""Find quotations by pairing quote marks: one regex scan per document, one stack per paragraph.

Internal to :mod:`analysis.quotes`. The scan is linear in the length of the text whatever the
marks: every mark is looked at once, pushed at most once and popped at most once, and a
paragraph's unclosed marks are settled when the paragraph ends.

Mark classes
------------
``double``  ``"`` (either way), ``“`` ``”`` ``„`` ``‟``, two apostrophes ``''`` (a closing
            double quote in typewriter style, as in ``measures,'' he said``), two right single
            quotes ``’’``, two backticks ````` `` ````` and two left single quotes ``‘‘`` (openers).
``single``  ``'`` ``‘`` ``’`` ``‚``, told apart from apostrophes (see below).
``guill``   ``«`` ``»`` (either orientation: «French» and »Danish«).
``sguill``  ``‹`` ``›``.

A straight mark opens when it follows a space, a paragraph start, an opening bracket or dash
(or another quote mark) and precedes a non-space character; it closes when it follows a
non-space character and precedes a space, punctuation or the paragraph end. An apostrophe is a
``'`` or ``’`` between two letters or digits (``Russia's``, ``won't``), before a digit after a
space (``'90s``), or a word-final one (``students'``) when no single quotation is open, or
when the next mark of the paragraph could close the open single quotation instead.

A closing mark whose class is open deeper in the stack closes that quotation and discards the
marks opened above it. Only outermost quotations are returned; quotes nested inside them
(``"NATO's 'open door' policy"``) stay part of the outer quotation.

Paragraph ends
--------------
A paragraph is a line. When a paragraph ends inside a quotation and the next non-empty
paragraph starts with an opening mark of the same class, the quotation continues there (the
convention for a quotation running over several paragraphs: each paragraph opens with a mark
and only the last one closes). Otherwise an open double quotation or guillemet is closed at
the end of the paragraph (``recovered``); an unclosed single quote is taken for an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile("''|``|\u2019\u2019|\u2018\u2018|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a'\u2018\u2019\u201a]")
_LINE = re.compile(r"[^\n]+")

_QUOTE_CHARS = frozenset("\"'`\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a")
_OPEN_CONTEXT = frozenset("([{<\u2014\u2013-/") | _QUOTE_CHARS
_CLOSE_CONTEXT = frozenset(".,;:!?)]}>\u2014\u2013-/\u2026*") | _QUOTE_CHARS

# Opening marks of each class, for recognising the opener of a continuation paragraph.
_OPENERS = {
    "double": ('"', "''", "``", "\u2018\u2018", "\u201c", "\u201e", "\u201f", "\u201d"),
    "single": ("'", "\u2018", "\u201a"),
    "guill": ("\u00ab", "\u00bb"),
    "sguill": ("\u2039", "\u203a"),
}


@dataclass
class QuoteSpan:
    """An outermost quotation: the marks and the content between them.

    ``start``/``end`` delimit the quoted content (inside the marks, surrounding whitespace
    removed); ``open_start`` is where the opening mark starts and ``close_end`` where the closing
    mark ends (the paragraph end for a recovered quotation).
    """

    open_start: int
    start: int
    end: int
    close_end: int
    mark: str
    recovered: bool = False
    paragraphs: int = 1


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _prev_opens(ch: str | None) -> bool:
    return ch is None or ch.isspace() or ch in _OPEN_CONTEXT


def _next_closes(ch: str | None) -> bool:
    return ch is None or ch.isspace() or ch in _CLOSE_CONTEXT


def _single_can_close(text: str, m: re.Match, line_start: int, line_end: int) -> bool:
    s, e = m.span()
    if m.group() not in ("'", "\u2019"):
        return False
    prev = text[s - 1] if s > line_start else None
    nxt = text[e] if e < line_end else None
    if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
        return False
    return not _is_space(prev) and _next_closes(nxt)


def find_quotations(text: str) -> list[QuoteSpan]:
    """All outermost quotations of ``text``, in order of their opening marks.

    Examples
    --------
    >>> t = 'He said "NATO\\'s door is \\'open\\'" and left.'
    >>> [(q.start, q.end, t[q.start:q.end]) for q in find_quotations(t)]
    [(9, 30, "NATO's door is 'open'")]
    >>> t = "\\"If the West continues,'' he said."
    >>> [t[q.start:q.end] for q in find_quotations(t)]
    ['If the West continues,']
    """
    marks = list(_MARK.finditer(text))
    out: list[QuoteSpan] = []
    if not marks:
        return out
    # Paragraphs: lines with something other than whitespace on them.
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if not m.group().isspace()]
    li = 0  # index of the current line
    stack: list[tuple[str, int, int, str]] = []  # (class, mark start, mark end, mark)
    counts = {"double": 0, "single": 0, "guill": 0, "sguill": 0}
    carried: QuoteSpan | None = None  # a quotation carried over from earlier paragraphs
    carried_paras = 1
    skip_at = -1  # start of a continuation opener to skip

    def push(cls: str, m: re.Match) -> None:
        stack.append((cls, m.start(), m.end(), m.group()))
        counts[cls] += 1

    def close(cls: str, m: re.Match) -> None:
        nonlocal carried, carried_paras
        while stack and stack[-1][0] != cls:
            counts[stack.pop()[0]] -= 1
        opened = stack.pop()
        counts[cls] -= 1
        if not stack:
            _emit(out, text, opened[1], opened[2], m.start(), m.end(), opened[3], False,
                  carried_paras)
            carried = None
            carried_paras = 1

    def end_paragraph(line_idx: int) -> None:
        """Settle the open marks at the end of line ``line_idx``."""
        nonlocal skip_at, carried_paras
        if not stack:
            return
        bottom = stack[0]
        cls = bottom[0]
        nxt = line_idx + 1
        if nxt < len(lines):
            ns, ne = lines[nxt]
            body = text[ns:ne]
            lead = len(body) - len(body.lstrip())
            head = body[lead:]
            if head.startswith(_OPENERS[cls]) and _continuation_opener(text, ns + lead, ne):
                # The quotation runs on into the next paragraph.
                stack[:] = [bottom]
                for k in counts:
                    counts[k] = 0
                counts[cls] = 1
                skip_at = ns + lead
                carried_paras += 1
                return
        if cls in ("double", "guill", "sguill") or carried_paras > 1:
            ls, le = lines[line_idx]
            _emit(out, text, bottom[1], bottom[2], le, le, bottom[3], True, carried_paras)
        stack.clear()
        for k in counts:
            counts[k] = 0
        carried_paras = 1

    n_marks = len(marks)
    for i, m in enumerate(marks):
        s, e = m.span()
        while li < len(lines) and lines[li][1] <= s:
            end_paragraph(li)
            li += 1
        if li >= len(lines):  # cannot happen: a mark is never a newline
            break
        ls, le = lines[li]
        if s == skip_at:
            skip_at = -1
            continue
        mark = m.group()
        prev = text[s - 1] if s > ls else None
        nxt = text[e] if e < le else None

        if mark in ('"', "''", "\u2019\u2019"):
            can_close = not _is_space(prev) and _next_closes(nxt)
            can_open = mark != "\u2019\u2019" and not _is_space(nxt) and _prev_opens(prev)
            if can_close and counts["double"]:
                close("double", m)
            elif can_open:
                push("double", m)
        elif mark in ("``", "\u2018\u2018", "\u201e", "\u201f"):
            if not _is_space(nxt):
                push("double", m)
        elif mark == "\u201c":
            if stack and stack[-1][0] == "double" and stack[-1][3] == "\u201e":
                close("double", m)  # German „…“
            elif not _is_space(nxt):
                push("double", m)
            elif counts["double"] and not _is_space(prev):
                close("double", m)
        elif mark == "\u201d":
            if counts["double"] and not _is_space(prev):
                close("double", m)
            elif _prev_opens(prev) and not _is_space(nxt):
                push("double", m)  # ”…” house style
            elif counts["double"]:
                close("double", m)
        elif mark in ("'", "\u2019"):
            if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
                continue  # Russia's, won't
            if _prev_opens(prev) and nxt is not None and nxt.isdigit():
                continue  # '90s
            can_close = not _is_space(prev) and _next_closes(nxt)
            if can_close and counts["single"]:
                if (
                    prev is not None
                    and prev in "sS"
                    and _is_space(nxt)
                    and i + 1 < n_marks
                    and marks[i + 1].start() < le
                    and _single_can_close(text, marks[i + 1], ls, le)
                ):
                    continue  # students' ... the real closer comes next
                close("single", m)
            elif mark == "'" and _prev_opens(prev) and not _is_space(nxt):
                push("single", m)
        elif mark in ("\u2018", "\u201a"):
            if not _is_space(nxt):
                push("single", m)
        elif mark in ("\u00ab", "\u2039"):
            cls = "guill" if mark == "\u00ab" else "sguill"
            back = "\u00bb" if mark == "\u00ab" else "\u203a"
            if counts[cls] and _top_mark(stack, cls) == back:
                close(cls, m)
            elif nxt is not None:  # French spacing: « Bonjour »
                push(cls, m)
        elif mark in ("\u00bb", "\u203a"):
            cls = "guill" if mark == "\u00bb" else "sguill"
            if counts[cls]:
                close(cls, m)
            elif _prev_opens(prev) and not _is_space(nxt):
                push(cls, m)  # »Danish« orientation
    while li < len(lines):
        end_paragraph(li)
        li += 1
    out.sort(key=lambda q: q.start)
    return out


def _top_mark(stack: list[tuple[str, int, int, str]], cls: str) -> str | None:
    for entry in reversed(stack):
        if entry[0] == cls:
            return entry[3]
    return None


def _continuation_opener(text: str, pos: int, line_end: int) -> bool:
    """True if the mark at ``pos`` (a paragraph's first character) opens a quotation."""
    m = _MARK.match(text, pos)
    if m is None:
        return False
    e = m.end()
    return e < line_end


def _emit(
    out: list[QuoteSpan],
    text: str,
    open_start: int,
    open_end: int,
    close_start: int,
    close_end: int,
    mark: str,
    recovered: bool,
    paragraphs: int,
) -> None:
    start, end = open_end, close_start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if not any(ch.isalnum() for ch in text[start:end]):
        return
    out.append(QuoteSpan(open_start, start, end, close_end, mark, recovered, paragraphs))
