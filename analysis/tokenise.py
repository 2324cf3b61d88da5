"""Sentence splitting and tokenisation for edited news and speeches, offline and span-exact.

Both functions return tidy tables whose ``[start, end)`` character offsets point into the
document's ``text``: ``text[start:end]`` is always the sentence or token.

Sentences (rules, no trained model, nothing downloaded)
-------------------------------------------------------
1. A line break ends a sentence. Headlines, bylines, photo credits and paragraphs are separated
   by line breaks in news text; with ``line_breaks="paragraph"`` only a blank line does (for
   texts hard-wrapped at a fixed width).
2. Inside a line, a sentence ends after ``.``, ``!``, ``?`` or an ellipsis, together with any
   closing quotes and brackets that follow (``."``, ``,''``, ``?”``, ``.)``), when whitespace
   (including a no-break space) follows and the next text opens a sentence: an upper-case
   letter or digit, possibly behind an opening quote or bracket.
3. Never after a title (``Mr.``, ``Dr.``, ``Gen.``: :data:`TITLES`); not after ``No.``,
   ``Jan.``, ``pp.`` before a number (:data:`NUMERIC_ABBREVIATIONS`); and after dotted
   abbreviations, initials and other abbreviations (``U.S.``, ``D.C.``, ``J.``, ``Inc.``:
   :data:`ABBREVIATIONS`) only when the next word clearly starts a sentence (``The``, ``He``,
   ``But``, ...: :data:`SENTENCE_STARTERS`).
4. An ellipsis inside an open quotation does not end the sentence.

The rules are tuned for edited English prose; they do not know about lower-case sentence starts
(e.g. "iPhone sales rose.") and will miss such boundaries.

Tokens
------
One compiled pattern, tried in this order at each position:

* URLs and e-mail addresses;
* dotted abbreviations, optionally hyphen-joined to a word: ``U.S.``, ``D.C.``, ``U.S.-led``;
* titles and known abbreviations with their full stop: ``Mr.``, ``Gen.``, ``Inc.``, and
  ``No.``, ``Jan.``, ``pp.`` before a number;
* numbers with internal separators: ``1,000``, ``3.5``, ``17:03``, ``2022/01/27``;
* words, keeping internal hyphens and apostrophes: ``Russia's``, ``won't``, ``de-escalation``,
  ``Secretary-General`` are one token each (clitics stay attached, unlike Penn Treebank style,
  so a token is always a contiguous word as printed);
* ellipsis ``...``, double hyphen ``--`` and the two-apostrophe quote ``''`` as one token each;
* every other non-space character as a token of its own.

``norm`` is the token lower-cased, with curly and typographic quotes and apostrophes folded to
``"`` and ``'`` (so ``Russia’s`` and ``Russia's`` count as one type).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._columns import repeat_strings, str_column
from ._docs import documents
from .corpus import CorpusError
from ._abbreviations import ABBREVIATIONS as _ABBREVIATIONS
from ._abbreviations import NUMERIC_ABBREVIATIONS as _NUMERIC_ABBREVIATIONS
from ._abbreviations import SENTENCE_STARTERS as _SENTENCE_STARTERS
from ._abbreviations import TITLE_ABBREVIATIONS
from .errors import UsageError

__all__ = [
    "ABBREVIATIONS",
    "NUMERIC_ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "TITLES",
    "document_sizes",
    "fold_quotes",
    "is_word",
    "sentences",
    "tokens",
]

#: Titles before a name: never end a sentence ("Mr. Blinken", "Gen. Milley", "Sens. Warren");
#: the same list the quotation rules read. This and the next three lists are package data
#: (``analysis/data/abbreviations.yml``, read by :mod:`analysis._abbreviations`).
TITLES: frozenset[str] = TITLE_ABBREVIATIONS
#: Abbreviations that are abbreviations only before a number ("No. 5", "Jan. 26", "pp. 12").
NUMERIC_ABBREVIATIONS: frozenset[str] = _NUMERIC_ABBREVIATIONS
#: Other abbreviations: like "U.S.", they end a sentence only before a clear sentence start.
ABBREVIATIONS: frozenset[str] = _ABBREVIATIONS
#: Capitalised words that, after an abbreviation or initial, show that a new sentence starts.
SENTENCE_STARTERS: frozenset[str] = _SENTENCE_STARTERS

_QUOTE_FOLD = str.maketrans(
    {
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2033": '"',  # ″
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u02bc": "'",  # ʼ
    }
)

_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)\\]}"
_OPENERS = "\"'\u201c\u2018\u00ab\u2039(\\[{"
_LINE_BREAK = r"\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# A candidate sentence end: terminal punctuation, then closing quotes/brackets, then whitespace
# (group "ws"). Lookahead captures what follows so the rules can inspect it. A candidate starts
# only where a run of terminal punctuation starts, so a run of 40,000 dots is scanned once.
_CANDIDATE = re.compile(
    rf"(?<![.!?…])(?P<term>\.{{3,}}|…|[.!?]+)(?P<close>[{_CLOSERS}]*)(?P<ws>[^\S{_LINE_BREAK}]+)"
)
_LINE = re.compile(rf"[^{_LINE_BREAK}]+")
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![^\S\n]*\n))+")
_PREV_WORD = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$|[\w'’-]+$")
_NEXT = re.compile(rf"[{_OPENERS}]*(?P<word>[\w'’-]+)?")

_WORD = r"[\w\u0300-\u036f]+(?:[-'’][\w\u0300-\u036f]+)*"


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


_TOKEN = re.compile(
    "|".join(
        [
            # Fast path for the common case: a word that cannot be the start of one of the
            # special tokens below (nothing like "@", ".", "1,000", "://" follows it). Atomic, so
            # it never backtracks; when it fails, the full list decides, so results are the same.
            rf"(?>{_WORD})(?![@.]|[,:/+][\w/])",
            r"(?:https?://|www\.)[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]]",
            # An e-mail address: its local part starts a run and is at most 64 characters
            # (RFC 5321), so a long run of "+" or "a+a+" is scanned once, not once per position.
            r"(?<![\w.+-])[\w.+-]{1,64}+@[\w-]+(?:\.[\w-]+)+",
            rf"(?:[A-Za-z]\.){{2,}}(?:-{_WORD})*",
            rf"(?<!\w)(?i:{_alternation(TITLES | ABBREVIATIONS)})\.(?!\w)",
            rf"(?<!\w)(?i:{_alternation(NUMERIC_ABBREVIATIONS)})\.(?=\s*\d)",
            r"\d+(?:[.,:/]\d+)+",
            _WORD,
            r"\.{2,}|-{2,}|''|``",
            r"\S",
        ]
    )
)


def fold_quotes(text: str) -> str:
    """Fold curly and typographic quotes and apostrophes to ``"`` and ``'``.

    Examples
    --------
    >>> fold_quotes("“NATO’s door”")
    '"NATO\\'s door"'
    """
    return text.translate(_QUOTE_FOLD)


def _is_boundary(line: str, m: re.Match) -> bool:
    """Decide whether candidate ``m`` (inside ``line``) ends a sentence."""
    after = m.end()
    nxt = _NEXT.match(line, after)
    first = line[after] if after < len(line) else ""
    word = nxt.group("word") if nxt else None
    head = word[0] if word else first
    if not (head.isupper() or head.isdigit() or (head.isalpha() and not head.islower())):
        # Lower case (or punctuation) follows: the sentence goes on ("is... a good way").
        return False
    term = m.group("term")
    if term != "." or m.group("close"):
        if (term.startswith("..") or term == "…") and not m.group("close"):
            return not _inside_quotation(line, m.start())  # ellipsis in an open quotation
        return True
    prev = _PREV_WORD.search(line, max(0, m.start() - 40), m.start())
    if prev is None:
        return True
    before = prev.group(0)
    if "." in before or (len(before) == 1 and before.isalpha()):
        # Dotted abbreviation ("U.S", "D.C") or an initial ("J"): only a clear start splits.
        return bool(word) and word.lower() in SENTENCE_STARTERS and word[0].isupper()
    low = before.lower()
    if low in TITLES:
        return False
    if low in NUMERIC_ABBREVIATIONS:
        return not head.isdigit()
    if low in ABBREVIATIONS:
        return bool(word) and word.lower() in SENTENCE_STARTERS
    return True


def _inside_quotation(line: str, pos: int) -> bool:
    """Whether position ``pos`` of a line lies inside an open double quotation.

    Curly quotes and guillemets say which way they face; straight quotes toggle.
    """
    seg = line[:pos]
    last_open = max(seg.rfind("\u201c"), seg.rfind("\u00ab"))
    last_close = max(seg.rfind("\u201d"), seg.rfind("\u00bb"))
    last = max(last_open, last_close)
    inside = last >= 0 and last == last_open
    tail = seg[last + 1 :] if last >= 0 else seg
    return inside ^ (tail.count('"') % 2 == 1)


def _split_line(line: str, offset: int, starts: list[int], ends: list[int]) -> None:
    """Append the sentence spans of one line (no line breaks inside) to ``starts``/``ends``."""
    begin = 0
    for m in _CANDIDATE.finditer(line):
        if _is_boundary(line, m):
            end = m.start("ws")
            seg = line[begin:end]
            lead = len(seg) - len(seg.lstrip())
            if begin + lead < end:
                starts.append(offset + begin + lead)
                ends.append(offset + end)
            begin = m.end()
    seg = line[begin:]
    stripped = seg.strip()
    if stripped:
        lead = len(seg) - len(seg.lstrip())
        starts.append(offset + begin + lead)
        ends.append(offset + begin + lead + len(stripped))


def _sentence_spans(text: str, line_breaks: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    if line_breaks == "boundary":
        for block in _LINE.finditer(text):
            _split_line(block.group(0), block.start(), starts, ends)
    else:
        for block in _PARAGRAPH.finditer(text):
            # Inside a paragraph single line breaks are ordinary spaces; splitting the
            # paragraph as one "line" keeps offsets because we never rewrite the text.
            para = block.group(0)
            _split_line(
                para.translate({ord(c): " " for c in "\n\r"}), block.start(), starts, ends
            )
    return starts, ends


_SENT_COLUMNS = {
    "doc_id": "str",
    "sent_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "str",
}
_TOKEN_COLUMNS = {
    "doc_id": "str",
    "sent_id": "int64",
    "tok_id": "int64",
    "start": "int64",
    "end": "int64",
    "token": "str",
    "norm": "str",
}


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in columns.items()})


def sentences(docs: pd.DataFrame, *, line_breaks: str = "boundary") -> pd.DataFrame:
    """Split each document into sentences.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table with ``doc_id`` and ``text`` (see :func:`analysis.corpus.load`).
    line_breaks : {"boundary", "paragraph"}, default "boundary"
        ``"boundary"``: every line break ends a sentence (news: headlines, bylines and
        paragraphs sit on their own lines). ``"paragraph"``: only a blank line does, for
        hard-wrapped texts.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, text``, one row per sentence in document order;
        ``sent_id`` counts from 0 within each document; ``text`` equals
        ``document_text[start:end]``, stripped of surrounding whitespace. Sentences do not
        overlap and together cover every non-space character.

    Raises
    ------
    CorpusError
        If ``docs`` lacks ``doc_id`` or ``text``, or a text is not a string.

    References
    ----------
    Rules in the spirit of Grefenstette & Tapanainen (1994), "What is a word, what is a
    sentence? Problems of tokenization", and of the abbreviation handling of Kiss & Strunk
    (2006), "Unsupervised multilingual sentence boundary detection", *Computational
    Linguistics* 32(4), with a fixed abbreviation list instead of a trained one.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["The U.S. said no. Moscow waits."]})
    >>> sentences(docs)["text"].tolist()
    ['The U.S. said no.', 'Moscow waits.']
    """
    ids_all, texts_all = documents(docs)
    if line_breaks not in ("boundary", "paragraph"):
        raise UsageError(f"line_breaks must be 'boundary' or 'paragraph', not {line_breaks!r}")
    ids: list[str] = []
    counts: list[int] = []
    all_starts: list[int] = []
    all_ends: list[int] = []
    texts: list[str] = []
    for doc_id, text in zip(ids_all, texts_all):
        starts, ends = _sentence_spans(text, line_breaks)
        ids.append(doc_id)
        counts.append(len(starts))
        all_starts.extend(starts)
        all_ends.extend(ends)
        texts.extend([text[s:e] for s, e in zip(starts, ends)])
    if not texts:
        return _empty(_SENT_COLUMNS)
    counts_arr = np.asarray(counts, dtype=np.int64)
    first = np.repeat(np.cumsum(counts_arr) - counts_arr, counts_arr)
    return pd.DataFrame(
        {
            "doc_id": repeat_strings(ids, counts_arr),
            "sent_id": np.arange(len(texts), dtype=np.int64) - first,
            "start": np.asarray(all_starts, dtype=np.int64),
            "end": np.asarray(all_ends, dtype=np.int64),
            "text": str_column(texts),
        }
    )


# Every Unicode whitespace code point (what ``str.isspace`` and ``\\s`` accept).
_SPACE_CODES = np.array([c for c in range(0x3000 + 1) if chr(c).isspace()], dtype=np.uint32)


def _token_spans(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Tokens of one text with their spans, from one ``findall`` and array arithmetic.

    No token contains whitespace and every non-space character belongs to a token, so the
    tokens, concatenated, are the text with its whitespace removed; a token's start is found by
    mapping its offset in that concatenation back through the positions of non-space characters.
    """
    toks = _TOKEN.findall(text)
    if not toks:
        empty = np.zeros(0, dtype=np.int64)
        return toks, empty, empty
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    solid = np.flatnonzero(~np.isin(codes, _SPACE_CODES))
    lengths = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
    offsets = np.cumsum(lengths) - lengths
    starts = solid[offsets]
    ends = solid[offsets + lengths - 1] + 1
    return toks, starts.astype(np.int64), ends.astype(np.int64)


def tokens(
    docs: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    line_breaks: str = "boundary",
) -> pd.DataFrame:
    """Tokenise each document, with the sentence each token belongs to.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table with ``doc_id`` and ``text``.
    sentences : pandas.DataFrame, optional
        The output of :func:`sentences` for the same ``docs``, to avoid splitting twice.
    line_breaks : {"boundary", "paragraph"}, default "boundary"
        Passed to :func:`sentences` when ``sentences`` is not given.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, tok_id, start, end, token, norm``: one row per token in document
        order; ``tok_id`` counts from 0 within each document (so ``(doc_id, tok_id)`` is a
        key); ``token == text[start:end]``; ``norm`` is lower-cased with quotes folded.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["The U.S.-led bloc won't wait."]})
    >>> tokens(docs)["token"].tolist()
    ['The', 'U.S.-led', 'bloc', "won't", 'wait', '.']
    """
    doc_ids, doc_texts = documents(docs)
    if sentences is None:
        sentences = globals()["sentences"](docs, line_breaks=line_breaks)
    sent_groups = {
        d: g["start"].to_numpy() for d, g in sentences[["doc_id", "start"]].groupby("doc_id", sort=False)
    }
    ids: list[str] = []
    counts: list[int] = []
    parts_sent, parts_tok, parts_start, parts_end = [], [], [], []
    toks: list[str] = []
    for doc_id, text in zip(doc_ids, doc_texts):
        words, s, ends = _token_spans(text)
        if not words:
            continue
        ids.append(doc_id)
        counts.append(len(words))
        sent_starts = sent_groups.get(doc_id)
        if sent_starts is None:
            raise CorpusError(f"document {doc_id!r}: no sentences given for a non-empty text")
        sid = np.searchsorted(sent_starts, s, side="right") - 1
        parts_sent.append(sid.astype(np.int64))
        parts_tok.append(np.arange(len(words), dtype=np.int64))
        parts_start.append(s)
        parts_end.append(ends)
        toks.extend(words)
    if not ids:
        return _empty(_TOKEN_COLUMNS)
    token_arr = pa.array(toks, type=pa.large_string())
    return pd.DataFrame(
        {
            "doc_id": repeat_strings(ids, counts),
            "sent_id": np.concatenate(parts_sent),
            "tok_id": np.concatenate(parts_tok),
            "start": np.concatenate(parts_start),
            "end": np.concatenate(parts_end),
            "token": str_column(token_arr),
            "norm": str_column(_norm(token_arr)),
        }
    )


def _norm(tokens: pa.Array) -> pa.Array:
    """Lower-case and fold quotes, once per distinct type (a corpus has few types)."""
    enc = pc.dictionary_encode(tokens)
    types = enc.dictionary.to_pylist()
    normed = pa.array([t.translate(_QUOTE_FOLD).lower() for t in types], type=pa.large_string())
    return pc.take(normed, enc.indices)


def is_word(token: pd.Series) -> pd.Series:
    """True for tokens holding a letter or digit (words, numbers, abbreviations), False for
    punctuation and symbols. Counts "per 1,000 tokens" in this toolkit use word tokens.

    Examples
    --------
    >>> is_word(pd.Series(["NATO's", "—", "2022", "''"])).tolist()
    [True, False, True, False]
    """
    return token.str.contains(r"[^\W_]", regex=True)


def document_sizes(
    docs: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Size of each document: characters, sentences, tokens and word tokens.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table.
    sentences, tokens : pandas.DataFrame, optional
        Outputs of :func:`sentences` and :func:`tokens` for ``docs``, computed when missing.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, characters, sentences, tokens, words`` in ``docs`` order; ``words`` counts
        tokens with a letter or digit (see :func:`is_word`).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Talks ended. NATO waits!"]})
    >>> document_sizes(docs).to_dict("records")
    [{'doc_id': 'd', 'characters': 24, 'sentences': 2, 'tokens': 6, 'words': 4}]
    """
    documents(docs)
    if sentences is None:
        sentences = globals()["sentences"](docs)
    if tokens is None:
        tokens = globals()["tokens"](docs, sentences=sentences)
    out = pd.DataFrame(
        {
            "doc_id": docs["doc_id"].astype("str").to_numpy(),
            "characters": docs["text"].str.len().astype("int64").to_numpy(),
        }
    )
    n_sent = sentences.groupby("doc_id", sort=False).size()
    n_tok = tokens.groupby("doc_id", sort=False).size()
    n_word = tokens.loc[is_word(tokens["token"]), "doc_id"].value_counts(sort=False)
    for col, counts in (("sentences", n_sent), ("tokens", n_tok), ("words", n_word)):
        out[col] = out["doc_id"].map(counts).fillna(0).astype("int64")
    return out
