"""Frame hits with voice and speaker, and their prevalence (the public names are re-exported by :mod:`analysis.framing`)."""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .._docs import documents
from ._engine import Matcher, select
from ._lexicon import Frame, FrameLexicon, LexiconError, Term, as_lexicon
from ..plots._framing import VOICES, plot_speakers, plot_voices
from ..corpus import CorpusError
from ..errors import AnalysisWarning, UsageError

# The public names are listed once, in the package's __init__.

#: Columns of :func:`find`, with their dtypes.
HIT_COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "frame": "str",
    "term": "str",
    "start": "int64",
    "end": "int64",
    "match": "str",
    "sent_id": "Int64",
    "voice": "str",
    "speaker": "str",
    "quote_id": "Int64",
    "quote_kind": "str",
}
#: Columns of :func:`prevalence` after the group columns.
PREVALENCE_COLUMNS: dict[str, str] = {
    "frame": "str",
    "hits": "int64",
    "tokens": "int64",
    "per_1000": "float64",
}
_QUOTE_COLUMNS = ("doc_id", "quote_id", "start", "end", "speaker", "kind")
#: Precedence of quotation kinds when a hit lies in several, and the voice each gives.
_KIND_RANK = {"direct": 0, "partial": 0, "indirect": 1, "scare": 2}
_RANK_VOICE = {0: "quoted", 1: "indirect", 2: "authorial"}


# --------------------------------------------------------------------------------------------
# find
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _compiled(lexicon: FrameLexicon):
    """The matcher for a lexicon, and per pattern: frame index, term order, is-exclusion."""
    patterns, frame_idx, order, excl = [], [], [], []
    for f, frame in enumerate(lexicon.frames):
        for role, terms in ((False, frame.terms), (True, frame.exclude)):
            for k, term in enumerate(terms):
                patterns.append((term.pattern, term.case_sensitive))
                frame_idx.append(f)
                order.append(k)
                excl.append(role)
    return (
        Matcher(patterns),
        np.asarray(frame_idx, dtype=np.int64),
        np.asarray(order, dtype=np.int64),
        np.asarray(excl, dtype=bool),
    )


def _empty(columns: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in columns.items()})


def find(
    docs: pd.DataFrame,
    lexicon: FrameLexicon | str | os.PathLike | Mapping,
    *,
    quotes: pd.DataFrame | None = None,
    actors=None,
    cues=None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every occurrence of the lexicon's frame terms, with sentence, voice and speaker.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table with ``doc_id`` and ``text`` (see :func:`analysis.corpus.load`).
    lexicon : FrameLexicon, path or dict
        The codebook; a path is read with :meth:`FrameLexicon.from_yaml`.
    quotes : pandas.DataFrame, optional
        Quotations as returned by :func:`analysis.quotes.extract` (at least ``doc_id,
        quote_id, start, end, speaker, kind``). Computed from ``docs`` when omitted; pass an
        empty table to skip voice attribution (every hit is then ``authorial``).
    actors, cues : optional
        Passed to :func:`analysis.quotes.extract` when ``quotes`` is omitted, so that
        ``find`` names the same speaker as ``extract`` for the same span. ``actors=None`` is
        no actor list (speakers as the documents name them). Given together with ``quotes``
        they would be ignored, which is an error.
    sentences : pandas.DataFrame, optional
        :func:`analysis.tokenise.sentences` of ``docs``; computed when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per hit, sorted by ``doc_id, start, end, frame``:

        ``doc_id``
            the document;
        ``frame``, ``term``
            the frame and the term (as written in the codebook) that matched;
        ``start``, ``end``
            character span ``[start, end)`` in the document's text;
        ``match``
            ``text[start:end]``, the words as printed;
        ``sent_id``
            the sentence holding ``start`` (missing if none does);
        ``voice``
            ``quoted``, ``indirect`` or ``authorial`` (see the module notes);
        ``speaker``
            the speaker of the quotation that gives the voice (missing for authorial hits);
        ``quote_id``, ``quote_kind``
            that quotation, and its kind (``scare`` for authorial hits inside scare quotes).

        ``attrs["frames"]`` holds the lexicon's frame names, used by :func:`prevalence` to
        report frames with no hits.

    Raises
    ------
    CorpusError
        If ``docs`` lacks ``doc_id``/``text``, repeats a ``doc_id`` or holds a non-string text,
        or ``quotes`` lacks a column or names an unknown quotation kind.
    LexiconError
        If the lexicon is malformed.

    Warns
    -----
    UserWarning
        If ``quotes`` is omitted and :mod:`analysis.quotes` is not available: every hit is then
        ``authorial``.

    References
    ----------
    Aho, A. V. & Corasick, M. J. (1975). Efficient string matching: an aid to bibliographic
    search. *Communications of the ACM* 18(6), 333-340.

    Benoit, K. et al. (2018). quanteda: An R package for the quantitative analysis of textual
    data. *Journal of Open Source Software* 3(30), 774 (``tokens_lookup``, ``nested_scope``).

    Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. *Journal of
    Communication* 43(4), 51-58.

    Fairclough, N. (1992). *Discourse and Social Change*. Polity (discourse representation).

    Semino, E. & Short, M. (2004). *Corpus Stylistics: Speech, Writing and Thought
    Presentation in a Corpus of English Writing*. Routledge.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ['Of course, "an aggressive course" he said.']})
    >>> lex = FrameLexicon.from_dict(
    ...     {"frames": {"aggression": {"terms": ["aggressive course", "course"],
    ...                                "exclude": ["of course"]}}})
    >>> quotes = pd.DataFrame({"doc_id": ["d"], "quote_id": [0], "start": [12], "end": [32],
    ...                        "speaker": ["Sergey Lavrov"], "kind": ["direct"]})
    >>> find(docs, lex, quotes=quotes)[["term", "start", "end", "voice", "speaker"]]
                    term  start  end   voice        speaker
    0  aggressive course     15   32  quoted  Sergey Lavrov
    """
    if quotes is not None and (actors is not None or cues is not None):
        raise UsageError(
            "find: actors= and cues= only apply when find extracts the quotations itself; "
            "with quotes= given, pass them to quotes.extract instead"
        )
    ids, texts = documents(docs)
    lex = as_lexicon(lexicon)
    matcher, p_frame, p_order, p_excl = _compiled(lex)
    if not ids:
        out = _empty(HIT_COLUMNS)
        out.attrs["frames"] = list(lex.names)
        return out

    doc, pat, start, end = matcher.scan(texts)
    n_frames = len(lex.frames)
    frame = p_frame[pat]
    keep = select(doc * n_frames + frame, p_order[pat], start, end, p_excl[pat])
    doc, pat, start, end, frame = doc[keep], pat[keep], start[keep], end[keep], frame[keep]

    terms = np.array([t.pattern for f in lex.frames for t in (*f.terms, *f.exclude)], dtype=object)
    names = np.array(lex.names, dtype=object)
    id_arr = np.array(ids, dtype=object)
    hits = pd.DataFrame(
        {
            "doc_id": pd.Series(id_arr[doc], dtype="str"),
            "frame": pd.Series(names[frame], dtype="str"),
            "term": pd.Series(terms[pat], dtype="str"),
            "start": start.astype(np.int64),
            "end": end.astype(np.int64),
            "match": pd.Series([texts[d][s:e] for d, s, e in zip(doc, start, end)], dtype="str"),
        }
    )
    if sentences is None:
        from .. import tokenise

        sentences = tokenise.sentences(docs)
    hits["sent_id"] = _sentence_ids(ids, doc, start, sentences)
    if quotes is None:
        quotes = _load_quotes(docs, sentences, actors=actors, cues=cues)
    voice = _voices(ids, doc, start, end, quotes)
    for col in ("voice", "speaker", "quote_id", "quote_kind"):
        hits[col] = voice[col]
    hits = hits.sort_values(["doc_id", "start", "end", "frame"], kind="stable").reset_index(drop=True)
    hits = hits.astype(HIT_COLUMNS)
    hits.attrs["frames"] = list(lex.names)
    return hits


def _sentence_ids(ids, doc, start, sentences) -> pd.Series:
    missing = [c for c in ("doc_id", "sent_id", "start", "end") if c not in sentences.columns]
    if missing:
        raise CorpusError(f"sentences table lacks column(s) {', '.join(missing)}")
    index = {d: i for i, d in enumerate(ids)}
    sdoc = sentences["doc_id"].astype("str").map(index)
    ok = sdoc.notna().to_numpy()
    if not len(doc) or not ok.any():
        return pd.Series(pd.array([pd.NA] * len(doc), dtype="Int64"))
    big = int(max(sentences["end"].max(), start.max() if len(start) else 0)) + 2
    s_key = sdoc[ok].to_numpy(dtype=np.int64) * big + sentences["start"].to_numpy()[ok]
    e_key = sdoc[ok].to_numpy(dtype=np.int64) * big + sentences["end"].to_numpy()[ok]
    sid = sentences["sent_id"].to_numpy()[ok]
    order = np.argsort(s_key, kind="stable")
    s_key, e_key, sid = s_key[order], e_key[order], sid[order]
    h_key = doc * big + start
    i = np.searchsorted(s_key, h_key, side="right") - 1
    found = (i >= 0) & (e_key[np.maximum(i, 0)] > h_key)
    out = pd.array(np.where(found, sid[np.maximum(i, 0)], 0), dtype="Int64")
    out[~found] = pd.NA
    return pd.Series(out)


def _load_quotes(docs: pd.DataFrame, sentences: pd.DataFrame, *, actors=None, cues=None) -> pd.DataFrame:
    from .. import quotes

    return quotes.extract(docs, sentences=sentences, actors=actors, cues=cues)


def _voices(ids, doc, start, end, quotes) -> dict[str, object]:
    """Voice, speaker, quote_id and quote_kind of each hit (see the module notes)."""
    n = len(doc)
    rank = np.full(n, 3, dtype=np.int64)  # 3 = in no quotation
    chosen = np.full(n, -1, dtype=np.int64)
    missing = [c for c in _QUOTE_COLUMNS if c not in quotes.columns]
    if missing:
        raise CorpusError(
            f"quotes table lacks column(s) {', '.join(missing)}; expected the output of "
            "analysis.quotes.extract"
        )
    q = quotes.reset_index(drop=True)
    kinds = q["kind"].astype(object).tolist()
    q_rank = np.empty(len(q), dtype=np.int64)
    for i, kind in enumerate(kinds):
        if kind not in _KIND_RANK:
            raise CorpusError(
                f"quotes row {i} (doc_id {q['doc_id'].iloc[i]!r}): unknown quotation kind "
                f"{kind!r}; expected one of {', '.join(_KIND_RANK)}"
            )
        q_rank[i] = _KIND_RANK[kind]
    index = {d: i for i, d in enumerate(ids)}
    q_doc = q["doc_id"].astype("str").map(index)
    usable = q_doc.notna().to_numpy()
    if n and usable.any():
        q_start = q["start"].to_numpy(dtype=np.int64)
        q_end = q["end"].to_numpy(dtype=np.int64)
        big = int(max(q_end[usable].max(), end.max())) + 2
        q_id = q["quote_id"].to_numpy()
        h_s = doc * big + start
        h_e = doc * big + end
        for r in (0, 1, 2):
            rows = np.flatnonzero(usable & (q_rank == r))
            if not len(rows):
                continue
            g_s = q_doc.to_numpy()[rows].astype(np.int64) * big + q_start[rows]
            g_e = q_doc.to_numpy()[rows].astype(np.int64) * big + q_end[rows]
            o = np.lexsort((q_id[rows], g_s))
            rows, g_s, g_e = rows[o], g_s[o], g_e[o]
            reach = np.maximum.accumulate(g_e)
            last = np.searchsorted(g_s, h_s, side="right") - 1
            todo = (rank == 3) & (last >= 0) & (reach[np.maximum(last, 0)] >= h_e)
            for h in np.flatnonzero(todo):
                best = None
                k = last[h]
                while k >= 0 and reach[k] >= h_e[h]:
                    if g_e[k] >= h_e[h]:
                        key = (g_e[k] - g_s[k], q_id[rows[k]])
                        if best is None or key < best[0]:
                            best = (key, rows[k])
                    k -= 1
                if best is not None:
                    rank[h] = r
                    chosen[h] = best[1]
    has = chosen >= 0
    voice = np.array([_RANK_VOICE.get(r, "authorial") for r in rank], dtype=object)
    speaker = np.full(n, None, dtype=object)
    quote_id = pd.array([pd.NA] * n, dtype="Int64")
    kind = np.full(n, None, dtype=object)
    if has.any():
        spk = q["speaker"].astype(object).to_numpy()
        attributed = has & (rank < 2)
        speaker[attributed] = spk[chosen[attributed]]
        quote_id[has] = q["quote_id"].to_numpy()[chosen[has]].astype(np.int64)
        kind[has] = np.asarray(kinds, dtype=object)[chosen[has]]
    speaker = np.array([None if (s is None or s is pd.NA or s != s) else str(s) for s in speaker], dtype=object)
    return {
        "voice": pd.Series(voice, dtype="str"),
        "speaker": pd.Series(speaker, dtype="str"),
        "quote_id": pd.Series(quote_id),
        "quote_kind": pd.Series(kind, dtype="str"),
    }


# --------------------------------------------------------------------------------------------
# prevalence
# --------------------------------------------------------------------------------------------


def prevalence(
    hits: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str],
    frames: FrameLexicon | Sequence[str] | None = None,
    docs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Frame hits per 1,000 word tokens, per group, with zero rows for groups without hits.

    Parameters
    ----------
    hits : pandas.DataFrame
        The output of :func:`find` (at least ``doc_id``, ``frame`` and the ``by`` columns).
    tokens : pandas.DataFrame
        :func:`analysis.tokenise.tokens` of the same documents (at least ``doc_id``,
        ``token`` and the ``by`` columns). Only **word tokens** count: tokens holding a letter
        or digit (:func:`analysis.tokenise.is_word`); punctuation and symbols do not.
    by : str or sequence of str
        Group columns, e.g. ``"doc_id"`` or ``["party"]``; an empty list gives one row per frame
        for the whole corpus. Each must be a column of ``tokens`` (the denominator is counted
        per group) and of ``hits``, or a metadata column of ``docs``.
    frames : FrameLexicon or sequence of str, optional
        The frames to report (in this order). Default: ``hits.attrs["frames"]`` (set by
        :func:`find`), else the frames present in ``hits``.
    docs : pandas.DataFrame, optional
        A corpus table whose metadata columns (``party``, ``year``, ...) are joined onto hits
        and tokens by ``doc_id`` before grouping.

    Returns
    -------
    pandas.DataFrame
        The group columns, then ``frame, hits, tokens, per_1000``: one row per group (every
        group that has tokens) and frame, including ``hits == 0``; ``tokens`` is the group's
        number of word tokens and ``per_1000 = 1000 * hits / tokens`` (missing when a group has
        no word tokens). Sorted by the group columns, then by frame in codebook order.

    Raises
    ------
    ValueError
        If a ``by`` column is missing, or hits fall in a group that has no tokens or in a frame
        not in ``frames``.

    References
    ----------
    Biber, D., Conrad, S. & Reppen, R. (1998). *Corpus Linguistics: Investigating Language
    Structure and Use*. Cambridge University Press (normalised frequencies per 1,000 words).

    Examples
    --------
    >>> hits = pd.DataFrame({"doc_id": ["a", "a"], "frame": ["threat", "threat"]})
    >>> tokens = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 2,
    ...                        "token": ["Threats", "and", "threats", ".", "Talks", "."]})
    >>> prevalence(hits, tokens, by="doc_id", frames=["threat", "talks"]).round(1)
      doc_id   frame  hits  tokens  per_1000
    0      a  threat     2       3     666.7
    1      a   talks     0       3       0.0
    2      b  threat     0       1       0.0
    3      b   talks     0       1       0.0
    """
    from ..tokenise import is_word

    by = [by] if isinstance(by, str) else list(by)
    if isinstance(frames, FrameLexicon):
        frame_names = list(frames.names)
    elif frames is not None:
        frame_names = [str(f) for f in frames]
    elif "frames" in hits.attrs:
        frame_names = list(hits.attrs["frames"])
    else:
        frame_names = sorted(hits["frame"].astype("str").unique()) if "frame" in hits else []
        warnings.warn(
            "prevalence: the hits table does not say which frames the codebook has (its "
            "attrs were lost, e.g. in a merge), so frames with no hit get no row; pass "
            "frames=lexicon to keep them",
            AnalysisWarning,
            stacklevel=2,
        )
    for name, table, needed in (("hits", hits, ["doc_id", "frame"]), ("tokens", tokens, ["doc_id", "token"])):
        missing = [c for c in needed if c not in table.columns]
        if missing:
            raise UsageError(f"{name} table lacks column(s) {', '.join(missing)}")
    if docs is not None:
        meta = [c for c in by if c in docs.columns and c not in ("doc_id", "text")]
        if meta:
            side = docs[["doc_id", *meta]].astype({"doc_id": "str"})
            hits = hits.drop(columns=[c for c in meta if c in hits.columns]).astype({"doc_id": "str"})
            tokens = tokens.drop(columns=[c for c in meta if c in tokens.columns]).astype({"doc_id": "str"})
            hits = hits.merge(side, on="doc_id", how="left", validate="many_to_one")
            tokens = tokens.merge(side, on="doc_id", how="left", validate="many_to_one")
    for name, table in (("tokens", tokens), ("hits", hits)):
        missing = [c for c in by if c not in table.columns]
        if missing:
            raise UsageError(
                f"group column(s) {', '.join(missing)} not in the {name} table; group by "
                "columns both tables share, or pass docs= to join document metadata"
            )
    unknown = sorted(set(hits["frame"].astype("str")) - set(frame_names))
    if unknown:
        raise UsageError(f"hits for frame(s) {', '.join(unknown)} not in frames={frame_names}")

    words = tokens.loc[is_word(tokens["token"].astype("str"))]
    if by:
        groups = tokens[by].drop_duplicates().sort_values(by, kind="stable").reset_index(drop=True)
        n_tok = words.groupby(by, dropna=False, sort=False).size().rename("tokens").reset_index()
        groups = groups.merge(n_tok, on=by, how="left")
    else:
        groups = pd.DataFrame({"tokens": [len(words)]})
    groups["tokens"] = groups["tokens"].fillna(0).astype("int64")
    grid = groups.merge(pd.DataFrame({"frame": pd.Series(frame_names, dtype="str")}), how="cross")
    n_hit = hits.groupby([*by, "frame"], dropna=False, sort=False).size().rename("hits").reset_index()
    n_hit["frame"] = n_hit["frame"].astype("str")
    if by:
        stray = n_hit.merge(groups[by], on=by, how="left", indicator=True)
        stray = stray[stray["_merge"] == "left_only"]
        if len(stray):
            first = stray.iloc[0]
            raise UsageError(
                "hits fall in group(s) with no tokens, e.g. "
                + ", ".join(f"{c}={first[c]!r}" for c in by)
                + "; were hits and tokens computed from the same documents?"
            )
    out = grid.merge(n_hit, on=[*by, "frame"], how="left")
    out["hits"] = out["hits"].fillna(0).astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = 1000.0 * out["hits"].to_numpy(dtype=float) / out["tokens"].to_numpy(dtype=float)
    out["per_1000"] = np.where(out["tokens"].to_numpy() > 0, rate, np.nan)
    out["_f"] = out["frame"].map({f: i for i, f in enumerate(frame_names)})
    out = out.sort_values([*by, "_f"], kind="stable").drop(columns="_f").reset_index(drop=True)
    out = out[[*by, "frame", "hits", "tokens", "per_1000"]]
    return out.astype(PREVALENCE_COLUMNS)
