"""Who says what: quotations, reported speech and their speakers, by rules over the text.

:func:`extract` finds every quotation in a document by pairing quote marks, classifies it as
a full quotation, a quoted fragment or a scare quote, attributes it to a speaker through a
lexicon of reporting verbs, and adds the reported (indirect) speech that has no quote marks.
Speakers are the names as the document gives them, resolved within the document; a study
that passes an actor list (``actors=``, see :mod:`analysis.actors`) gets its canonical names. No model is downloaded: the rules read the text and nothing else.

Quote marks
-----------
One regular-expression scan per document finds every quote character; a stack per paragraph
pairs them (see :mod:`analysis._quotes_marks`), in time linear in the text even with thousands
of stray marks. Straight and curly double quotes, single quotes (as the outer marks in British
house style, or nested inside doubles), guillemets in either orientation, and a closing ``''``
(two apostrophes) are recognised; apostrophes (``Russia's``, ``won't``, ``students'``) are
not quote marks. A quotation that runs over several paragraphs, each opening with a mark and
only the last one closing, is one quotation. An unclosed double quote or guillemet is closed at
the end of its paragraph, never later.

Speakers
--------
Text is read sentence by sentence (:func:`analysis.tokenise.sentences`), with sentences joined
where a quotation spans them, and with each quotation collapsed to one token so that the rules
see the reporter's words around it. A *cue* is a reporting verb or phrase from the lexicon
(:data:`DEFAULT_CUES`). Its speaker is the noun phrase before it ("NATO Secretary-General Jens
Stoltenberg said", with titles, possessives and ``of``-phrases; an appositive or relative clause
may intervene: "Lavrov, Russia's top diplomat, said"), or after it when it follows a quotation or
a comma ("..., said Lavrov"), or after "according to" (up to the comma that closes the source:
"According to diplomats present at the meeting, ..."). A passive cue ("was accused of", "has
been described as") has no subject speaker; a "by" phrase after it names one ("was described
by Lavrov as"). A quotation takes, in this order:

1. the cue right after it ("QUOTE, X said", "QUOTE, said X", "QUOTE X told reporters"), also
   when it opens the next sentence and says nothing else ('"When?" Kaur replied.', where the
   sentence splitter ends a sentence after the question mark);
2. the nearest cue before it in its sentence ("X said: QUOTE", "X said the alliance QUOTE" --
   a partial quotation takes the subject of its sentence's reporting verb);
3. a later cue in its sentence with no other quotation between;
4. a passive cue with no agent at most four tokens before it in its sentence: the quotation is
   reported speech without a named speaker ("was accused of 'balancing the books'"), or a
   name when the verb names ("are called "people's democracies"": scare);
5. for a quotation that opens its sentence and has no cue: the actor named last in the up to
   three sentences since the previous quotation, within its paragraph and the one before --
   a cue's speaker, or a sentence's subject that names a person or a listed actor ("Mr. Doyle
   addressed a crowd. "Brothers, ...""); failing that, the speaker of the previous attributed
   quotation of the paragraph, or of the previous paragraph when it opens the paragraph
   (continuation);
6. for a fragment with no cue in its sentence: a cue in the neighbouring sentence of the
   paragraph.

"he", "she", "they" and "it" are resolved to the most recent earlier speaker, or named
sentence subject since, of a compatible kind: a person of matching gender, a group, or an
organisation or place. A person's gender comes, in this order, from the actor list, a
gendered title or noun ("Ms", "Sir", "Dame", "spokeswoman"), the pronoun the text has
already used for them, their given name in a list of unambiguous given names from the 1990
U.S. census (:mod:`analysis._quotes_names`), or "X said she ..."; unknown, it matches either.
A sentence subject counts as a person when titled, listed, or a full name of two to four
capitalised words that are not an organisation's ("Angus MacLeod climbed ..."), or a single
name followed by ", who" ("Morag, who met Angus, ..."). A definite description ("the
minister") resolves to the latest speaker whose description contains its head word, and a
lone surname, with or without a title ("Ms Hughes"), to the latest speaker or earlier full
name of that surname whose gender agrees. A title before a name that is not in the actor
list is dropped ("White House spokeswoman Jen Psaki" -> "Jen Psaki"); a capitalised name
with "of" or "for" after an organisation's word stays whole ("the Institute for Fiscal
Studies").

Kinds
-----
``direct``   a full quoted utterance: the quotation opens its sentence and ends it or is
             followed by its attribution, or it follows ``X said:`` / ``X said,``;
``partial``  a quoted fragment inside the reporter's sentence ("escalating tensions through
             "information hysteria"");
``indirect`` reported speech without quote marks: the clause after a cue ("Blinken said [the
             document addressed Moscow's concerns]"), a clause before a trailing attribution
             ("[The talks ended], the Elysee said"), or the clause an "according to" phrase
             frames. A reported clause that contains a quotation is reported through that
             quotation (``partial``) instead;
``scare``    quotation marks with no speaker in the sentence or its neighbours, or after
             "so-called", "dubbed", ...; a full quotation of fewer than five words with no
             speaker is also counted as scare.

Known limits: a cue verb whose subject is not a noun phrase the rules recognise (a long
description with a relative clause, a subject several clauses away) leaves the quotation
without a speaker; speech reported with verbs outside the lexicon is missed; the given-name
list is American and of 1990, so many names (Priya, Morag, Sergei) tell no gender; a
capitalised two-word company name as a sentence subject ("Lumen Semiconductor fell") is taken
for a person of unknown gender.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._quotes_lexicon import (
    ACT_VERBS,
    DEFAULT_CUES,
    OBJECT_VERBS,
    PHRASE_CUES,
    SAY_VERBS,
)
from ._quotes_plots import plot_voices
from .corpus import CorpusError
from .errors import UsageError

__all__ = [
    "ACT_VERBS",
    "COLUMNS",
    "DEFAULT_CUES",
    "KINDS",
    "OBJECT_VERBS",
    "PHRASE_CUES",
    "SAY_VERBS",
    "evaluate",
    "extract",
    "plot_voices",
    "read_gold",
    "voices",
]

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
}


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in COLUMNS.items()})


def _check_docs(docs: pd.DataFrame) -> None:
    if not isinstance(docs, pd.DataFrame):
        raise CorpusError(f"expected a DataFrame of documents, got {type(docs).__name__}")
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise CorpusError(
            f"documents table lacks column(s) {', '.join(missing)}; "
            "expected doc_id and text (see analysis.corpus.load)"
        )


def _lexicon(cues: Iterable[str] | None):
    from ._quotes_rules import Lexicon

    if cues is None:
        return _default_lexicon()
    if isinstance(cues, str):
        raise TypeError("cues must be a collection of cue words or phrases, not one string")
    forms = []
    for i, cue in enumerate(cues):
        if not isinstance(cue, str) or not cue.strip():
            raise UsageError(f"cues[{i}] = {cue!r}: every cue must be a non-empty string")
        forms.append(" ".join(cue.lower().split()))
    return Lexicon(frozenset(forms))


_DEFAULT_LEXICON = None


def _default_lexicon():
    global _DEFAULT_LEXICON
    if _DEFAULT_LEXICON is None:
        from ._quotes_rules import Lexicon

        _DEFAULT_LEXICON = Lexicon(DEFAULT_CUES)
    return _DEFAULT_LEXICON


def _sentence_table(docs: pd.DataFrame, sentences: pd.DataFrame | None) -> dict:
    if sentences is None:
        from .tokenise import sentences as split

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
    cues : collection of str, optional
        Cue words and phrases, lower case, every inflected form listed ("blasted",
        "according to"). Defaults to :data:`DEFAULT_CUES`; extend it with
        ``DEFAULT_CUES | {"blasted"}``. Forms in :data:`SAY_VERBS` may introduce a clause
        without "that" ("said the talks failed"); other forms report speech only before
        "that" but attribute quotations in their sentence.
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
        ``sent_id``  the sentence (as in :func:`analysis.tokenise.sentences`) where it starts.

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
    from . import actors as _actors
    from ._quotes_marks import find_quotations
    from ._quotes_rules import analyse

    _check_docs(docs)
    lexicon = _lexicon(cues)
    index = _actors._index(actors)
    texts = []
    seen: dict[str, int] = {}
    for i, (doc_id, text) in enumerate(zip(docs["doc_id"].tolist(), docs["text"].tolist())):
        if not isinstance(text, str):
            raise CorpusError(
                f"document {doc_id!r} (row {i}): text is {type(text).__name__}, not a string"
            )
        if str(doc_id) in seen:
            raise CorpusError(
                f"duplicate doc_id {doc_id!r} (rows {seen[str(doc_id)]} and {i}); "
                "spans are per document, so every doc_id must be unique"
            )
        seen[str(doc_id)] = i
        texts.append((str(doc_id), text))
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
    from .actors import _index

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
    ``analysis._quotes_eval.gold_set(name)`` loads any set with its texts.

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
    from ._quotes_eval import load_gold

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
    from ._quotes_eval import score

    return score(found, gold, actors=actors, overlap=overlap)
