"""Quotations and their speakers: extract, voices, evaluate (the public names are re-exported by :mod:`analysis.quotes`)."""

from __future__ import annotations

import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._lexicon import (
    ACT_VERBS,
    DEFAULT_CUES,
    OBJECT_VERBS,
    PHRASE_CUES,
    SAY_VERBS,
)
from .._docs import documents
from ..plots._quotes import plot_voices
from ._rules import RULES
from ..corpus import CorpusError
from ..errors import UsageError

# The public names are listed once, in the package's __init__.

#: The kinds of quotation, in the order of the ``kind`` column's categories.
KINDS = ("direct", "partial", "indirect", "scare")

#: Output columns and their dtypes.
COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "quote_id": "int64",
    "start": "int64",
    "end": "int64",
    "text": "str",
    "speaker": "str",
    "speaker_start": "Int64",
    "speaker_end": "Int64",
    "cue": "str",
    "kind": "str",
    "paragraph": "int64",
    "sent_id": "int64",
    "rule": "str",
}


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in COLUMNS.items()})


def _lexicon(cues: Iterable[str] | None):
    from ._rules import Lexicon

    from ._quote_lexicon import QuoteLexicon, _forms

    if cues is None:
        return _default_lexicon()
    if isinstance(cues, QuoteLexicon):
        return Lexicon(cues.cues)
    if isinstance(cues, str):
        raise TypeError("cues must be a collection of cue words or phrases, not one string")
    return Lexicon(_forms(cues, "cues"))


_DEFAULT_LEXICON = None


def _default_lexicon():
    global _DEFAULT_LEXICON
    if _DEFAULT_LEXICON is None:
        from ._rules import Lexicon

        _DEFAULT_LEXICON = Lexicon(DEFAULT_CUES)
    return _DEFAULT_LEXICON


def _sentence_table(docs: pd.DataFrame, sentences: pd.DataFrame | None) -> dict:
    if sentences is None:
        from ..tokenise import sentences as split

        sentences = split(docs)
    missing = [c for c in ("doc_id", "start", "end") if c not in sentences.columns]
    if missing:
        raise CorpusError(
            f"sentences table lacks column(s) {', '.join(missing)}; "
            "pass the output of analysis.tokenise.sentences"
        )
    out: dict[str, tuple[list[int], list[int]]] = {}
    if len(sentences) == 0:
        return out
    ids = sentences["doc_id"].to_numpy()
    starts = sentences["start"].to_numpy(dtype=np.int64)
    ends = sentences["end"].to_numpy(dtype=np.int64)
    order = np.lexsort((starts, ids.astype(str)))
    ids, starts, ends = ids[order], starts[order], ends[order]
    cut = np.flatnonzero(ids[1:] != ids[:-1]) + 1
    for a, b in zip(np.r_[0, cut], np.r_[cut, len(ids)]):
        out[str(ids[a])] = (starts[a:b].tolist(), ends[a:b].tolist())
    return out


def extract(
    docs: pd.DataFrame,
    *,
    actors: str | os.PathLike | pd.DataFrame | None = None,
    cues: Iterable[str] | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Quotations and reported speech in each document, with speakers and kinds.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table with ``doc_id`` and ``text`` (see :func:`analysis.corpus.load`).
    actors : str, PathLike or pandas.DataFrame, optional
        The actor list used to normalise speakers: a YAML path or a table with ``actor`` and
        ``alias`` columns such as :func:`analysis.actors.actor_table` returns. ``None`` (the
        default) is no list: speakers are the names as the document gives them, resolved
        within the document ("Blinken" after "Antony Blinken" is Antony Blinken).
    cues : QuoteLexicon or collection of str, optional
        Cue words and phrases, lower case, every inflected form listed ("blasted",
        "according to"). Defaults to :data:`DEFAULT_CUES`; extend it with
        ``QuoteLexicon.default().extend(cues={"blasted"})`` (or ``DEFAULT_CUES |
        {"blasted"}``). Forms in :data:`SAY_VERBS` may introduce a clause without "that"
        ("said the talks failed"); other forms report speech only before "that" but
        attribute quotations in their sentence.
    sentences : pandas.DataFrame, optional
        :func:`analysis.tokenise.sentences` of ``docs``, when already computed.

    Returns
    -------
    pandas.DataFrame
        One row per quotation or reported clause, sorted by ``doc_id``, ``start``, ``end``:

        ``doc_id``
        ``quote_id``  0-based position of the row within its document;
        ``start``, ``end``  character span ``[start, end)`` of the quoted content, inside the
            quote marks (of the reported clause for ``indirect``); ``text`` equals
            ``document_text[start:end]``. A quotation over several paragraphs is one span and
            includes the marks that open its inner paragraphs;
        ``speaker``  the canonical actor name when the speaker matches an alias, else the
            speaker's words as printed (a resolved pronoun gives the antecedent's name, an
            unresolved one the pronoun); missing when no speaker was found;
        ``speaker_start``, ``speaker_end``  span of the mention the attribution rests on (the
            name, the pronoun, or the previous quotation's speaker for a continuation);
            missing with ``speaker``;
        ``cue``  the reporting verb or phrase as printed ("said", "according to"); missing
            for continuations and scare quotes;
        ``kind``  one of :data:`KINDS` (see the module notes);
        ``paragraph``  0-based index of the paragraph (non-empty line) where the span starts;
        ``sent_id``  the sentence (as in :func:`analysis.tokenise.sentences`) where it starts;
        ``rule``  the attribution rule that gave the speaker (or, for a scare quote, why
            there is none): one of :data:`RULES`, which lists them in the order they are tried.

        Columns and dtypes are those of :data:`COLUMNS`; an input without quotations or
        reported speech gives an empty table with the same columns.

    Raises
    ------
    CorpusError
        If ``docs`` lacks ``doc_id`` or ``text``, a text is not a string or a ``doc_id`` is
        repeated (naming the document and row), or the actor list is invalid (naming file
        and line).

    References
    ----------
    The rules follow the quotation extractors evaluated on news: Pouliquen, B., Steinberger, R.
    and Best, C. (2007). "Automatic detection of quotations in multilingual news." *Proc.
    RANLP*; Pareti, S. (2016). "PARC 3.0: A corpus of attribution relations." *Proc. LREC*;
    Asr, F. T. et al. (2021). "The Gender Gap Tracker: Using natural language processing to
    measure gender bias in media." *PLoS ONE* 16(1): e0245533; Vaucher, T. et al. (2021).
    "Quotebank: A corpus of quotations from a decade of news." *Proc. WSDM*.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": [
    ...     'Antony Blinken said the talks were useful. "The ball is in their court," he told '
    ...     'reporters. Moscow rejected the "information hysteria." "We are ready," Blinken '
    ...     'said.']})
    >>> out = extract(docs)
    >>> out[["text", "speaker", "cue", "kind"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['the talks were useful', 'Antony Blinken', 'said', 'indirect'],
     ['The ball is in their court,', 'Antony Blinken', 'told', 'direct'],
     ['information hysteria.', 'Moscow', 'rejected', 'partial'],
     ['We are ready,', 'Antony Blinken', 'said', 'direct']]
    """
    from .. import actors as _actors
    from ._marks import find_quotations
    from ._rules import analyse

    ids, raw = documents(docs)  # the one check every stage makes (names the row)
    lexicon = _lexicon(cues)
    index = _actors._index(actors)
    texts = list(zip(ids, raw))
    if not texts:
        return _empty()
    sents = _sentence_table(docs, sentences)

    cols: dict[str, list] = {c: [] for c in COLUMNS}
    for doc_id, text in texts:
        quotes = find_quotations(text)
        starts, ends = sents.get(doc_id, ([], []))
        rows = analyse(text, quotes, starts, ends, index, lexicon)
        for k, r in enumerate(rows):
            cols["doc_id"].append(doc_id)
            cols["quote_id"].append(k)
            cols["start"].append(r.start)
            cols["end"].append(r.end)
            cols["text"].append(text[r.start : r.end])
            cols["speaker"].append(r.speaker)
            cols["speaker_start"].append(r.speaker_start)
            cols["speaker_end"].append(r.speaker_end)
            cols["cue"].append(r.cue)
            cols["kind"].append(r.kind)
            cols["paragraph"].append(r.paragraph)
            cols["sent_id"].append(_sent_id(starts, r.start))
            cols["rule"].append(r.rule)
    if not cols["doc_id"]:
        return _empty()
    out = pd.DataFrame({c: pd.Series(v, dtype=COLUMNS[c]) for c, v in cols.items()})
    order = np.lexsort((out["end"].to_numpy(), out["start"].to_numpy(),
                        out["doc_id"].to_numpy().astype(str)))
    out = out.iloc[order].reset_index(drop=True)
    out["quote_id"] = out.groupby("doc_id", sort=False).cumcount().astype("int64")
    return out


def _sent_id(starts: list[int], pos: int) -> int:
    import bisect

    return max(bisect.bisect_right(starts, pos) - 1, 0)


_WORD = None


def _word_count(text: str) -> int:
    global _WORD
    if _WORD is None:
        import re

        _WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
    return len(_WORD.findall(text))


_VOICE_COLUMNS = {
    "speaker": "str",
    "type": "str",
    "affiliation": "str",
    "quotations": "int64",
    "direct": "int64",
    "partial": "int64",
    "indirect": "int64",
    "direct_words": "int64",
    "partial_words": "int64",
    "indirect_words": "int64",
    "quoted_words": "int64",
    "share_quoted_words": "float64",
}


def quoted_sentences(
    sentences: pd.DataFrame,
    found: pd.DataFrame,
    *,
    kinds: Iterable[str] = ("direct", "partial"),
) -> pd.Series:
    """Which sentences hold (part of) a quotation: True where a quotation of ``kinds`` overlaps.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``doc_id, start, end`` (as from :func:`analysis.tokenise.sentences`, or sentence
        scores from :func:`analysis.sentiment.score`).
    found : pandas.DataFrame
        The output of :func:`extract`.
    kinds : collection of str, default ("direct", "partial")
        The kinds that count: the speaker's own words in quotation marks.

    Returns
    -------
    pandas.Series of bool
        Aligned with ``sentences`` (same index).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ['Talks ended. "We are ready," Lavrov said.']})
    >>> from analysis import tokenise
    >>> sents = tokenise.sentences(docs)
    >>> quoted_sentences(sents, extract(docs)).tolist()
    [False, True]
    """
    missing = [c for c in ("doc_id", "start", "end") if c not in sentences.columns]
    if missing:
        raise UsageError(f"sentences lack column(s) {', '.join(missing)}")
    q = found[found["kind"].isin(list(kinds))]
    out = np.zeros(len(sentences), dtype=bool)
    if len(q) and len(sentences):
        ids = {d: i for i, d in enumerate(sorted(set(sentences["doc_id"].astype(str)) | set(q["doc_id"].astype(str))))}
        big = int(max(sentences["end"].max(), q["end"].max())) + 1
        q_doc = q["doc_id"].astype(str).map(ids).to_numpy(dtype=np.int64)
        q_s = q_doc * big + q["start"].to_numpy(dtype=np.int64)
        q_e = q_doc * big + q["end"].to_numpy(dtype=np.int64)
        order = np.argsort(q_s, kind="stable")
        q_s, q_e = q_s[order], q_e[order]
        # the furthest end among quotations starting at or before each one (same document:
        # a document's offsets never reach the next document's block of `big`)
        reach = np.maximum.accumulate(q_e)
        s_doc = sentences["doc_id"].astype(str).map(ids).to_numpy(dtype=np.int64)
        s_s = s_doc * big + sentences["start"].to_numpy(dtype=np.int64)
        s_e = s_doc * big + sentences["end"].to_numpy(dtype=np.int64)
        last = np.searchsorted(q_s, s_e, side="left") - 1  # quotations starting before the end
        out = (last >= 0) & (reach[np.maximum(last, 0)] > s_s)
    return pd.Series(out, index=sentences.index, name="quoted")


def voices(
    found: pd.DataFrame, *, actors: str | os.PathLike | pd.DataFrame | None = None
) -> pd.DataFrame:
    """Who is quoted and how much: one row per speaker of :func:`extract`'s output.

    Parameters
    ----------
    found : pandas.DataFrame
        The output of :func:`extract` (at least ``speaker``, ``kind`` and ``text``).
    actors : str, PathLike or pandas.DataFrame, optional
        The actor list whose ``type`` and ``affiliation`` are joined on the speaker; ``None``
        (the default) leaves both missing.

    Returns
    -------
    pandas.DataFrame
        ``speaker`` (missing for quotations with no speaker found), ``type`` and
        ``affiliation`` (missing for speakers not in the actor list), ``quotations`` (rows
        other than scare quotes) and their split into ``direct``, ``partial`` and
        ``indirect``; the words in each kind (``direct_words``, ``partial_words``,
        ``indirect_words``; a word is a run of letters or digits, with inner hyphens and
        apostrophes), ``quoted_words`` (direct + partial: the speaker's own words in quote
        marks) and ``share_quoted_words`` (of all quoted words in ``found``). Sorted by
        ``quoted_words + indirect_words`` (descending), then ``speaker``; the row without a
        speaker comes last. Scare quotes have no speaker and are not counted.

    References
    ----------
    Who is given voice, and in whose words, is the first measure of news sourcing studies:
    Bennett, W. L. (1990). "Toward a theory of press-state relations in the United States."
    *Journal of Communication* 40(2), 103-125; counted per speaker as in Asr, F. T. et al.
    (2021), *PLoS ONE* 16(1): e0245533.

    Examples
    --------
    >>> found = pd.DataFrame({"speaker": ["Moscow", "Moscow", None], "kind": ["partial",
    ...     "direct", "scare"], "text": ["information hysteria", "We will act.", "so-called"]})
    >>> sides = pd.DataFrame({"actor": ["Moscow"], "alias": ["Moscow"], "type": ["place"],
    ...                       "affiliation": ["Russia"]})
    >>> voices(found, actors=sides)[["speaker", "affiliation", "quotations", "quoted_words"]]
      speaker affiliation  quotations  quoted_words
    0  Moscow      Russia           2             5
    """
    from ..actors import _index

    missing = [c for c in ("speaker", "kind", "text") if c not in found.columns]
    if missing:
        raise UsageError(f"found lacks column(s) {', '.join(missing)}; pass extract's output")
    rows = found[found["kind"] != "scare"]
    index = _index(actors)
    table: dict[object, dict[str, int]] = {}
    for speaker, kind, text in zip(rows["speaker"].astype(object), rows["kind"], rows["text"]):
        key = None if speaker is None or (isinstance(speaker, float) and pd.isna(speaker)) else str(speaker)
        rec = table.setdefault(key, {k: 0 for k in ("direct", "partial", "indirect",
                                                     "direct_words", "partial_words",
                                                     "indirect_words")})
        if kind not in ("direct", "partial", "indirect"):
            raise UsageError(f"unknown quotation kind {kind!r}; expected one of {KINDS}")
        rec[kind] += 1
        rec[f"{kind}_words"] += _word_count(text)
    out = []
    total_quoted = sum(r["direct_words"] + r["partial_words"] for r in table.values())
    for speaker, rec in table.items():
        actor = index.by_name.get(speaker) if speaker is not None else None
        quoted = rec["direct_words"] + rec["partial_words"]
        out.append({
            "speaker": speaker,
            "type": actor.type if actor else None,
            "affiliation": actor.affiliation if actor else None,
            "quotations": rec["direct"] + rec["partial"] + rec["indirect"],
            **{k: rec[k] for k in ("direct", "partial", "indirect")},
            "direct_words": rec["direct_words"],
            "partial_words": rec["partial_words"],
            "indirect_words": rec["indirect_words"],
            "quoted_words": quoted,
            "share_quoted_words": quoted / total_quoted if total_quoted else float("nan"),
        })
    out.sort(key=lambda r: (r["speaker"] is None, -(r["quoted_words"] + r["indirect_words"]),
                            str(r["speaker"])))
    if not out:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _VOICE_COLUMNS.items()})
    df = pd.DataFrame(out, columns=list(_VOICE_COLUMNS))
    return df.astype(_VOICE_COLUMNS)


def read_gold(path: str | os.PathLike) -> pd.DataFrame:
    """Hand-annotated quotations from a JSON Lines file.

    Each line holds ``doc_id, start, end, speaker, kind`` (and optionally ``text``); the format
    and the annotation guidelines are in ``corpus/gold/quotes/README.md``. The compendium's
    first development set is ``corpus/gold/quotes/gold.jsonl``; the held-out sets, each
    annotated blind, are in
    ``corpus/gold/quotes/heldout*/gold.jsonl`` (texts in ``heldout*/texts``), and
    ``analysis.quotes._eval.gold_set(name)`` loads any set with its texts.

    Raises
    ------
    CorpusError
        For a line that is not valid JSON or lacks a field, naming the file and line.

    Examples
    --------
    >>> from analysis import paths
    >>> gold = read_gold(paths.resolve("corpus/gold/quotes/gold.jsonl"))
    >>> gold["kind"].value_counts().to_dict()
    {'direct': 44, 'partial': 23, 'indirect': 20, 'scare': 1}
    >>> len(read_gold(paths.resolve("corpus/gold/quotes/heldout/gold.jsonl")))
    159
    """
    from ._eval import load_gold

    return load_gold(path)


def evaluate(
    found: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    actors: str | os.PathLike | pd.DataFrame | None = None,
    overlap: float = 0.3,
) -> pd.DataFrame:
    """Quotation precision, recall and F1, and speaker accuracy, against gold annotations.

    A found span matches a gold span of the same document when it covers at least ``overlap``
    of the gold span's characters, one to one (:func:`analysis.validate.against_gold`). Scare
    quotes are left out on both sides. Speakers agree when they are equal after
    :func:`analysis.actors.normalise` and case folding.

    Returns
    -------
    pandas.DataFrame
        One row per ``group``: ``all`` (direct, partial and indirect), ``quote_marks``
        (direct and partial) and ``indirect``, with ``tp, fp, fn, precision, recall, f1,
        speaker_correct, speaker_accuracy``.

    References
    ----------
    The evaluation protocol of the Gender Gap Tracker: Asr, F. T. et al. (2021), *PLoS ONE*
    16(1): e0245533 (quotation F1 with a partial-overlap match, speaker accuracy among
    matched quotations).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ['"We are ready," Sergei Lavrov said.']})
    >>> gold = pd.DataFrame({"doc_id": ["d"], "start": [1], "end": [14],
    ...                      "speaker": ["Sergei Lavrov"], "kind": ["direct"]})
    >>> evaluate(extract(docs), gold)[["group", "tp", "fp", "fn", "f1", "speaker_accuracy"]]
             group  tp  fp  fn   f1  speaker_accuracy
    0          all   1   0   0  1.0               1.0
    1  quote_marks   1   0   0  1.0               1.0
    2     indirect   0   0   0  NaN               NaN
    """
    from ._eval import score

    return score(found, gold, actors=actors, overlap=overlap)
