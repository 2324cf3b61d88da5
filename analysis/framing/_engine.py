"""One-pass matching of many term patterns over many texts (Aho-Corasick + local checks).

How it works
------------
1. The texts are joined with ``"\\x00"`` (no pattern can match across it) into one string
   ``G``, with quotes folded; ``L`` is ``G`` lower-cased character by character (so offsets
   never shift); ``S`` is ``L`` with every non-word character replaced by a space and one space
   added at each end.
2. Each pattern is anchored on the first run of word characters of its first word. The anchor
   goes into one Aho-Corasick automaton (:mod:`ahocorasick`) as a key over ``S``, with a space
   on each side where the pattern demands a word boundary there (``" course "``; ``"lateral "``
   for ``*lateral``), so the automaton only reports anchors that sit on word boundaries.
3. One pass of the automaton over ``S`` yields every anchor occurrence. From an occurrence, the
   pattern's start is fixed (literal characters before the anchor step back by their length; a
   leading ``*`` steps back to the start of the word), and the pattern's compiled regular
   expression (from :func:`analysis.framing._lexicon.pattern_regex`, everything escaped) is
   matched there, anchored, on ``L`` or (case-sensitive terms) ``G``. A single-word literal
   term needs no check at all: the bounded anchor is the match.

The result is the set of all occurrences of every pattern, one per (pattern, start): the same
set a naive search that tries every pattern at every position would find, which is what the
hypothesis test checks.
"""

from __future__ import annotations

import bisect
import functools
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from ._lexicon import normalise_pattern, parse_pattern, pattern_regex
from ..tokenise import fold_quotes

_SEP = "\x00"


def lower_aligned(text: str) -> str:
    """Lower-case ``text`` without changing its length (characters whose lower case is longer,
    such as ``"İ"``, are kept as they are), so offsets into the result are offsets into ``text``.

    Examples
    --------
    >>> lower_aligned("NATO İs")
    'nato İs'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


@functools.lru_cache(maxsize=1)
def _bmp_word() -> np.ndarray:
    """Lookup table: is code point ``c`` (< 65536) a word character (``\\w``)?"""
    return np.array([chr(c).isalnum() or c == 95 for c in range(65536)], dtype=bool)


def _codes(text: str) -> np.ndarray:
    """The code points of ``text`` as a writable uint32 array (no copy beyond the encoding)."""
    return np.frombuffer(bytearray(text.encode("utf-32-le")), dtype=np.uint32)


def word_mask(codes: np.ndarray) -> np.ndarray:
    """Boolean array: is each code point a word character (``\\w``)?"""
    if not len(codes) or codes.max() < 65536:
        return _bmp_word()[codes]
    out = np.zeros(len(codes), dtype=bool)
    bmp = codes < 65536
    out[bmp] = _bmp_word()[codes[bmp]]
    rest = np.flatnonzero(~bmp)
    uniq, inv = np.unique(codes[rest], return_inverse=True)
    out[rest] = np.array([chr(int(c)).isalnum() for c in uniq], dtype=bool)[inv]
    return out


def prepare(text: str) -> tuple[str, str, str]:
    """``(folded, lowered, sentinel)`` views of ``text``, all aligned with it character for
    character: quotes folded; then lower-cased; then non-word characters as spaces, padded
    with one space at each end."""
    folded = text
    if not text.isascii():
        codes = _codes(text)
        rest = np.flatnonzero(codes >= 128)
        uniq, inv = np.unique(codes[rest], return_inverse=True)
        mapped = np.array(
            [ord(f) if len(f := fold_quotes(chr(int(c)))) == 1 else int(c) for c in uniq],
            dtype=np.uint32,
        )
        if (mapped != uniq).any():
            codes[rest] = mapped[inv]
            folded = codes.tobytes().decode("utf-32-le")
    low = lower_aligned(folded)
    if low.isascii():
        sent = low.encode("ascii").translate(_ASCII_SENTINEL).decode("ascii")
    else:
        codes = _codes(low)
        codes[~word_mask(codes)] = 32
        sent = codes.tobytes().decode("utf-32-le")
    return folded, low, " " + sent + " "


_ASCII_SENTINEL = bytes(c if (chr(c).isalnum() or c == 95) else 32 for c in range(128)) + bytes(128)


class Matcher:
    """Find every occurrence of each of many patterns in one Aho-Corasick pass per batch.

    Parameters
    ----------
    patterns : sequence of (str, bool)
        ``(pattern, case_sensitive)`` pairs in the term syntax; duplicates are allowed and
        reported under each index.
    """

    def __init__(self, patterns: Sequence[tuple[str, bool]]):
        import re

        import ahocorasick

        self.patterns = list(patterns)
        # Identical patterns share one job; `owners` maps it back to every input index.
        canon: dict[tuple[str, bool], int] = {}
        self._owners: list[list[int]] = []
        specs: list[tuple[str, bool]] = []
        for i, (pattern, cs) in enumerate(self.patterns):
            norm = normalise_pattern(pattern)
            key = (norm if cs else lower_aligned(norm), bool(cs))
            if key not in canon:
                canon[key] = len(specs)
                specs.append(key)
                self._owners.append([])
            self._owners[canon[key]].append(i)

        keys: dict[str, list[tuple]] = defaultdict(list)
        for j, (pattern, cs) in enumerate(specs):
            words = parse_pattern(pattern)
            first = words[0]
            a = next(k for k, el in enumerate(first) if el[0] == "word")
            anchor = lower_aligned(first[a][1])
            lb = a == 0 or first[a - 1][0] == "punct"
            rb = a == len(first) - 1 or first[a + 1][0] == "punct"
            key = (" " if lb else "") + anchor + (" " if rb else "")
            # Steps back from the anchor to the pattern's start: -1 = a star (to word start).
            back = tuple(-1 if el[0] == "star" else len(el[1]) for el in reversed(first[:a]))
            exact = not cs and len(words) == 1 and len(first) == 1
            regex = None if exact else re.compile(pattern_regex(pattern))
            keys[key].append((j, len(key) - lb, back, -1 in back, len(anchor), cs, regex))
        self._automaton = ahocorasick.Automaton()
        for key, jobs in keys.items():
            self._automaton.add_word(key, tuple(jobs))
        self._automaton.make_automaton()

    def scan(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """All occurrences of all patterns in ``texts``.

        Returns
        -------
        text_index, pattern_index, start, end : numpy.ndarray of int64
            One entry per occurrence per input pattern; offsets into each text. Unsorted.
        """
        if not len(texts) or not self.patterns:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty
        folded, low, sent = prepare(_SEP.join(texts))
        out_j: list[int] = []
        out_s: list[int] = []
        out_e: list[int] = []
        seen: set[tuple[int, int]] = set()
        spaces = None  # positions of the spaces of `sent`, for star patterns (word starts)
        for end, jobs in self._automaton.iter(sent):
            for j, off, back, star, n, cs, regex in jobs:
                p = end - off
                if regex is None:
                    out_j.append(j)
                    out_s.append(p)
                    out_e.append(p + n)
                    continue
                s = p
                for step in back:
                    if step < 0:
                        # Back to the space before the word (sent[s] is character s - 1 of
                        # low), by bisection: a 30,000-letter word costs no more than a short one.
                        if spaces is None:
                            spaces = np.flatnonzero(_codes(sent) == 32)
                        s = int(spaces[np.searchsorted(spaces, s, side="right") - 1])
                    else:
                        s -= step
                if s < 0:
                    continue
                if star:
                    if (j, s) in seen:
                        continue
                    seen.add((j, s))
                m = regex.match(folded if cs else low, s)
                if m is not None:
                    out_j.append(j)
                    out_s.append(s)
                    out_e.append(m.end())
        job = np.asarray(out_j, dtype=np.int64)
        start = np.asarray(out_s, dtype=np.int64)
        end_ = np.asarray(out_e, dtype=np.int64)
        # Back from the joined string to (text, offset).
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        bases = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
        doc = np.searchsorted(bases, start, side="right") - 1
        start = start - bases[doc]
        end_ = end_ - bases[doc]
        # Expand shared jobs to every pattern index that asked for them.
        if all(len(o) == 1 for o in self._owners):
            owner = np.array([o[0] for o in self._owners], dtype=np.int64)
            return doc, owner[job] if len(job) else job, start, end_
        counts = np.array([len(o) for o in self._owners], dtype=np.int64)[job]
        flat = np.concatenate([np.asarray(o, dtype=np.int64) for o in self._owners])
        firsts = np.concatenate([[0], np.cumsum([len(o) for o in self._owners])[:-1]])
        rep = np.repeat(np.arange(len(job)), counts)
        within = np.arange(len(rep)) - np.repeat(np.cumsum(counts) - counts, counts)
        pattern = flat[firsts[job[rep]] + within]
        return doc[rep], pattern, start[rep], end_[rep]


def select(
    group: np.ndarray,
    order: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    is_exclusion: np.ndarray,
) -> np.ndarray:
    """Indices of the candidate hits that survive exclusions and longest-match selection.

    Within each ``group`` (a document x frame), a candidate overlapping any exclusion span of
    its group is dropped; then, among the remaining candidates, the longest wins and every
    candidate overlapping a chosen one is dropped (ties: earlier start, then lower ``order``,
    the term's position in its frame). Offsets must be distinct across documents (or the group
    must include the document).

    Returns
    -------
    numpy.ndarray of int64
        Indices into the inputs, sorted by group then start.
    """
    n = len(start)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    span = int(max(end.max(), 1)) + 1
    ks = group.astype(np.int64) * span + start
    ke = group.astype(np.int64) * span + end
    cand = np.flatnonzero(~is_exclusion)
    excl = np.flatnonzero(is_exclusion)
    if len(excl) and len(cand):
        ex_order = np.argsort(ks[excl], kind="stable")
        ex_s = ks[excl][ex_order]
        ex_e_max = np.maximum.accumulate(ke[excl][ex_order])
        last = np.searchsorted(ex_s, ke[cand], side="left") - 1
        hit = (last >= 0) & (ex_e_max[np.maximum(last, 0)] > ks[cand])
        cand = cand[~hit]
    if not len(cand):
        return np.zeros(0, dtype=np.int64)
    # Sort by group/start, longer first, then term order; drop exact duplicate spans.
    srt = np.lexsort((order[cand], -(end[cand] - start[cand]), ks[cand]))
    cand = cand[srt]
    dup = np.zeros(len(cand), dtype=bool)
    dup[1:] = (ks[cand][1:] == ks[cand][:-1]) & (ke[cand][1:] == ke[cand][:-1])
    cand = cand[~dup]
    # Clusters of overlapping candidates: only those need the greedy choice.
    c_s, c_e = ks[cand], ke[cand]
    reach = np.maximum.accumulate(c_e)
    new = np.ones(len(cand), dtype=bool)
    new[1:] = c_s[1:] >= reach[:-1]
    cluster = np.cumsum(new) - 1
    sizes = np.bincount(cluster)
    keep = sizes[cluster] == 1
    # Clusters are contiguous runs of `cand` (sorted by start): walk them by their bounds, and
    # keep the chosen spans (disjoint) sorted by start, so each overlap test is a bisection.
    firsts = np.flatnonzero(new)
    lasts = np.append(firsts[1:], len(cand))
    length = end - start
    for c in np.flatnonzero(sizes > 1):
        lo, hi = int(firsts[c]), int(lasts[c])
        idx = cand[lo:hi]
        prio = sorted(
            range(len(idx)),
            key=lambda i: (-int(length[idx[i]]), int(ks[idx[i]]), int(order[idx[i]])),
        )
        starts: list[int] = []
        ends: list[int] = []
        for i in prio:
            a, b = int(ks[idx[i]]), int(ke[idx[i]])
            at = bisect.bisect_left(starts, b)  # chosen spans starting before b
            if at and ends[at - 1] > a:
                continue  # overlaps the chosen span that starts last before b
            starts.insert(at, a)
            ends.insert(at, b)
            keep[lo + i] = True
    return cand[keep]
