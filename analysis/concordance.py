"""Concordances: keyword in context (KWIC), an HTML view of it, and dispersion positions.

Patterns use the frame lexicon's term syntax (see :class:`analysis.framing.FrameLexicon`):
words and phrases, ``*`` for any letters or digits inside a word, case-insensitive by default,
word-boundary aware; they are escaped, never run as regular expressions. Matching is the same
one-pass Aho-Corasick search as :func:`analysis.framing.find`.

Context is counted in **word tokens** of :func:`analysis.tokenise.tokens` (tokens with a letter
or digit); punctuation between them is shown but not counted, as in AntConc. Sort keys follow
AntConc: ``"1L"`` is the first word to the left of the match, ``"2R"`` the second word to the
right, ``"0"`` the match itself; words compare by their ``norm`` (lower case, quotes folded).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._docs import documents
from .framing._engine import Matcher, select
from .corpus import CorpusError
from .errors import UsageError

__all__ = ["KWIC_COLUMNS", "dispersion", "kwic", "kwic_html"]

#: The columns :func:`kwic` always returns, in order.
KWIC_COLUMNS = ("doc_id", "start", "end", "left", "match", "right")
_SORT_KEY = re.compile(r"^(?:0|([1-9][0-9]*)([LR]))$")
_SPACE = re.compile(r"\s+")


def _patterns(pattern: str | Sequence[str]) -> list[str]:
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    if not patterns:
        raise UsageError("give at least one pattern")
    for p in patterns:
        if not isinstance(p, str):
            raise TypeError(f"a pattern must be a string, not {type(p).__name__} {p!r}")
    return patterns


def _occurrences(
    texts: list[str], patterns: list[str], *, case_sensitive: bool, per_pattern: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(doc, pattern, start, end) of the patterns; overlapping matches resolved longest-first,
    within each pattern (``per_pattern``) or across all of them."""
    from .framing._lexicon import parse_pattern

    for p in patterns:
        try:
            parse_pattern(p)
        except ValueError as err:
            raise UsageError(f"pattern {p!r}: {err}") from None
    matcher = Matcher([(p, case_sensitive) for p in patterns])
    doc, pat, start, end = matcher.scan(texts)
    group = doc * len(patterns) + pat if per_pattern else doc
    keep = select(group, pat, start, end, np.zeros(len(start), dtype=bool))
    return doc[keep], pat[keep], start[keep], end[keep]


def _word_tokens(docs: pd.DataFrame, tokens: pd.DataFrame | None) -> dict[str, tuple]:
    from . import tokenise

    if tokens is None:
        tokens = tokenise.tokens(docs)
    missing = [c for c in ("doc_id", "start", "end", "token", "norm") if c not in tokens.columns]
    if missing:
        raise CorpusError(f"tokens table lacks column(s) {', '.join(missing)}")
    words = tokens.loc[tokenise.is_word(tokens["token"].astype("str"))]
    words = words.sort_values(["doc_id", "start"], kind="stable")
    out = {}
    for doc_id, g in words.groupby("doc_id", sort=False):
        out[str(doc_id)] = (
            g["start"].to_numpy(dtype=np.int64),
            g["end"].to_numpy(dtype=np.int64),
            g["norm"].astype("str").to_numpy(dtype=object),
        )
    return out


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def kwic(
    docs: pd.DataFrame,
    pattern: str | Sequence[str] | pd.DataFrame,
    *,
    window: int = 5,
    unit: str = "token",
    sort: str | Sequence[str] | None = None,
    case_sensitive: bool = False,
    tokens: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with the words around it.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table with ``doc_id`` and ``text``.
    pattern : str, sequence of str, or pandas.DataFrame
        One or more terms in the lexicon's term syntax (overlapping matches of different terms
        are resolved longest-first, so each stretch of text is one line), or a table of spans
        with ``doc_id, start, end`` such as the hits of :func:`analysis.framing.find`: its
        other columns (``frame``, ``voice``, ``speaker``, ...) are kept, except ``left``,
        ``match`` and ``right``, which are recomputed.
    window : int, default 5
        Context on each side: word tokens (``unit="token"``) or characters (``unit="char"``).
    unit : {"token", "char"}, default "token"
    sort : str or sequence of str, optional
        AntConc sort keys, applied in order: ``"1L"``, ``"2R"``, ``"0"`` (the match), ...
        Default: document order (``doc_id, start``), which also breaks ties.
    case_sensitive : bool, default False
        For string patterns.
    tokens : pandas.DataFrame, optional
        :func:`analysis.tokenise.tokens` of ``docs``, computed when needed and omitted.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, start, end, left, match, right``, then ``term`` (the pattern that matched)
        for string patterns or the span table's other columns. ``left``/``right`` are the
        context as printed, whitespace runs shown as one space; ``match`` is
        ``text[start:end]`` the same way. A match inside a longer word (``NATO`` in "NATO's")
        shows the rest of that word at the start of ``right``, uncounted.

    Raises
    ------
    ValueError
        For an empty or invalid pattern, a bad ``window``, ``unit`` or sort key, or spans
        outside their document.

    References
    ----------
    Anthony, L. (2005). AntConc: design and development of a freeware corpus analysis toolkit
    for the technical writing classroom. *IEEE International Professional Communication
    Conference Proceedings*, 729-737.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Talks failed. Then new talks began, quietly."]})
    >>> kwic(docs, "talk*", window=2)[["left", "match", "right"]]
           left  match           right
    0            Talks    failed. Then
    1  Then new  talks  began, quietly
    """
    if not isinstance(window, (int, np.integer)) or isinstance(window, bool) or window < 0:
        raise UsageError(f"window must be a non-negative whole number, not {window!r}")
    if unit not in ("token", "char"):
        raise UsageError(f"unit must be 'token' or 'char', not {unit!r}")
    keys = [] if sort is None else ([sort] if isinstance(sort, str) else list(sort))
    parsed_keys = []
    for key in keys:
        m = _SORT_KEY.match(str(key))
        if not m:
            raise UsageError(f"sort key {key!r} is not like '1L', '2R' or '0'")
        parsed_keys.append((0, "") if key == "0" else (int(m.group(1)), m.group(2)))
    ids, texts = documents(docs)

    if isinstance(pattern, pd.DataFrame):
        spans = _span_table(pattern, ids, texts)
        extra = spans.drop(columns=[c for c in (*KWIC_COLUMNS, "_doc") if c in spans.columns])
        d = spans["_doc"].to_numpy(dtype=np.int64)
        s = spans["start"].to_numpy(dtype=np.int64)
        e = spans["end"].to_numpy(dtype=np.int64)
    else:
        patterns = _patterns(pattern)
        d, p, s, e = _occurrences(texts, patterns, case_sensitive=case_sensitive, per_pattern=False)
        order = np.lexsort((e, s, np.array(ids, dtype=object)[d] if len(d) else d))
        d, p, s, e = d[order], p[order], s[order], e[order]
        extra = pd.DataFrame({"term": pd.Series(np.array(patterns, dtype=object)[p], dtype="str")})

    need_tokens = unit == "token" or any(n > 0 for n, _ in parsed_keys)
    words = _word_tokens(docs, tokens) if need_tokens and len(d) else {}
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))
    left, right, match = [], [], []
    sort_cols: list[list[str]] = [[] for _ in parsed_keys]
    for di, si, ei in zip(d.tolist(), s.tolist(), e.tolist()):
        text = texts[di]
        w_start, w_end, w_norm = words.get(ids[di], empty)
        n_left = int(np.searchsorted(w_end, si, side="right"))  # words ending by the match
        first_right = int(np.searchsorted(w_start, ei, side="left"))  # words starting after it
        if unit == "token":
            ls = int(w_start[max(n_left - window, 0)]) if window and n_left else si
            last = min(first_right + window, len(w_start)) - 1
            re_ = int(w_end[last]) if window and last >= first_right else ei
        else:
            ls, re_ = max(0, si - window), min(len(text), ei + window)
        left.append(_clean(text[ls:si]))
        match.append(_clean(text[si:ei]))
        right.append(_clean(text[ei:re_]))
        for k, (n, side) in enumerate(parsed_keys):
            if n == 0:
                value = _clean(text[si:ei]).lower()
            elif side == "L":
                value = w_norm[n_left - n] if n_left - n >= 0 else ""
            else:
                value = w_norm[first_right + n - 1] if first_right + n - 1 < len(w_norm) else ""
            sort_cols[k].append(value)

    out = pd.DataFrame(
        {
            "doc_id": pd.Series(np.array(ids, dtype=object)[d] if len(d) else [], dtype="str"),
            "start": s.astype(np.int64),
            "end": e.astype(np.int64),
            "left": pd.Series(left, dtype="str"),
            "match": pd.Series(match, dtype="str"),
            "right": pd.Series(right, dtype="str"),
        }
    )
    out = pd.concat([out, extra.reset_index(drop=True)], axis=1)
    if parsed_keys and len(out):
        for k, values in enumerate(sort_cols):
            out[f"_k{k}"] = values
        by = [f"_k{k}" for k in range(len(parsed_keys))] + ["doc_id", "start", "end"]
        out = out.sort_values(by, kind="stable").drop(columns=by[: len(parsed_keys)])
    return out.reset_index(drop=True)


def _span_table(spans: pd.DataFrame, ids: list[str], texts: list[str]) -> pd.DataFrame:
    missing = [c for c in ("doc_id", "start", "end") if c not in spans.columns]
    if missing:
        raise UsageError(f"span table lacks column(s) {', '.join(missing)}")
    index = {d: i for i, d in enumerate(ids)}
    out = spans.reset_index(drop=True).copy()
    out["doc_id"] = out["doc_id"].astype("str")
    out["_doc"] = out["doc_id"].map(index)
    for i, (doc_id, doc, s, e) in enumerate(zip(out["doc_id"], out["_doc"], out["start"], out["end"])):
        if pd.isna(doc):
            raise UsageError(f"span row {i}: doc_id {doc_id!r} is not in the documents table")
        if not 0 <= s <= e <= len(texts[int(doc)]):
            raise UsageError(f"span row {i} (doc_id {doc_id!r}): [{s}, {e}) is outside the text")
    out["_doc"] = out["_doc"].astype(np.int64)
    order = np.lexsort((out["end"].to_numpy(), out["start"].to_numpy(), out["doc_id"].to_numpy(dtype=object)))
    return out.iloc[order].reset_index(drop=True)


def kwic_html(kwic_df: pd.DataFrame, *, columns: Sequence[str] = ("doc_id",), caption: str | None = None) -> str:
    """An HTML table of a concordance, the match highlighted; every piece of text is escaped.

    Parameters
    ----------
    kwic_df : pandas.DataFrame
        The output of :func:`kwic`.
    columns : sequence of str, default ("doc_id",)
        Columns shown before the context (e.g. ``("doc_id", "voice", "speaker")``).
    caption : str, optional

    Returns
    -------
    str
        A ``<table class="kwic">`` with the left context right-aligned, the match in
        ``<mark>`` and the right context left-aligned; the same input gives the same string.
        Display it in a notebook with ``IPython.display.HTML``.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["d"], "left": ["a <b>"], "match": ["x"], "right": ["&"]})
    >>> print(kwic_html(df))  # doctest: +NORMALIZE_WHITESPACE
    <table class="kwic">
    <thead><tr><th>doc_id</th><th>left</th><th>match</th><th>right</th></tr></thead>
    <tbody>
    <tr><td>d</td><td style="text-align:right">a &lt;b&gt;</td><td><mark>x</mark></td><td style="text-align:left">&amp;</td></tr>
    </tbody></table>
    """
    missing = [c for c in (*columns, "left", "match", "right") if c not in kwic_df.columns]
    if missing:
        raise UsageError(f"concordance table lacks column(s) {', '.join(missing)}")

    def esc(value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return html.escape(str(value), quote=True)

    head = "".join(f"<th>{esc(c)}</th>" for c in (*columns, "left", "match", "right"))
    parts = ['<table class="kwic">']
    if caption is not None:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append(f"<thead><tr>{head}</tr></thead>\n<tbody>")
    for row in kwic_df[[*columns, "left", "match", "right"]].itertuples(index=False, name=None):
        meta, (left, match, right) = row[: len(columns)], row[len(columns):]
        cells = "".join(f"<td>{esc(v)}</td>" for v in meta)
        parts.append(
            f'<tr>{cells}<td style="text-align:right">{esc(left)}</td>'
            f"<td><mark>{esc(match)}</mark></td>"
            f'<td style="text-align:left">{esc(right)}</td></tr>'
        )
    parts.append("</tbody></table>")
    return "\n".join(parts)


def dispersion(
    docs: pd.DataFrame,
    terms: str | Sequence[str],
    *,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Where each term occurs in each document, for dispersion plots (AntConc's "Plot").

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table with ``doc_id`` and ``text``.
    terms : str or sequence of str
        Terms in the lexicon's term syntax; each is matched on its own (overlapping matches
        of one term resolved longest-first; different terms never compete).
    case_sensitive : bool, default False

    Returns
    -------
    pandas.DataFrame
        ``doc_id, term, start, end, doc_chars, position``: one row per occurrence, where
        ``position = start / doc_chars`` is the relative offset in the document, in [0, 1).
        Sorted by ``term`` (in the order given), ``doc_id``, ``start``. A document or term with
        no occurrence has no row; ``docs`` lists every document for the plot's axis.

    References
    ----------
    Anthony, L. (2005). AntConc (see :func:`kwic`); Gries, S. Th. (2008). Dispersions and
    adjusted frequencies in corpora. *International Journal of Corpus Linguistics* 13(4),
    403-437.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["talks then threats then talks"]})
    >>> dispersion(docs, ["talks", "threat*"])[["term", "start", "position"]]
          term  start  position
    0    talks      0  0.000000
    1    talks     24  0.827586
    2  threat*     11  0.379310
    """
    patterns = _patterns(terms)
    ids, texts = documents(docs)
    d, p, s, e = _occurrences(texts, patterns, case_sensitive=case_sensitive, per_pattern=True)
    id_arr = np.array(ids, dtype=object)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    out = pd.DataFrame(
        {
            "doc_id": pd.Series(id_arr[d] if len(d) else [], dtype="str"),
            "term": pd.Series(np.array(patterns, dtype=object)[p] if len(p) else [], dtype="str"),
            "start": s.astype(np.int64),
            "end": e.astype(np.int64),
            "doc_chars": lengths[d] if len(d) else np.zeros(0, dtype=np.int64),
        }
    )
    out["position"] = (out["start"] / out["doc_chars"]).astype("float64")
    out["_t"] = p
    out = out.sort_values(["_t", "doc_id", "start"], kind="stable").drop(columns="_t")
    return out.reset_index(drop=True)
