"""The whole analysis of one corpus, each stage computed once and cached on disk as Parquet.

:func:`run` chains the stages of the toolkit over a corpus table:

=============  ==============================================  ==============================
attribute      computed by                                     depends on
=============  ==============================================  ==============================
``sentences``  :func:`analysis.tokenise.sentences`             the texts, ``line_breaks``
``tokens``     :func:`analysis.tokenise.tokens`                ``sentences``
``sentiment``  :func:`analysis.sentiment.score` (VADER)        ``sentences``
``quotes``     :func:`analysis.quotes.extract`                 the texts, the actor list,
                                                               ``sentences``
``frames``     :func:`analysis.framing.find`                   the texts, the lexicon,
                                                               ``quotes``, ``sentences``
=============  ==============================================  ==============================

plus two small summaries that are not cached (they take well under a second from the cached
tables): ``prevalence`` (:func:`analysis.framing.prevalence` by the ``by`` columns) and
``term_counts`` (:func:`analysis.frequency.counts`, the input of
:func:`analysis.keyness.compare`).

Stages are computed lazily, on first access of the attribute (``tables()`` computes them
all), in this process or, with ``n_jobs``, in worker processes over chunks of documents. Each
is stored under ``cache_dir`` (by default :func:`default_cache_dir`: ``.cache/pipeline`` at
the root of the compendium the current folder lies in, where ``make clean-cache`` removes it;
elsewhere the user's cache folder). The cache key of a stage is the SHA-256 of

* the corpus fingerprint (:func:`analysis.corpus.fingerprint` of ``doc_id`` and ``text``:
  metadata does not change any stage table, so editing it keeps the cache),
* the stage's parameters: ``line_breaks``, the frame lexicon's frames, terms and exclusions,
  the bytes of the actor list (or "none"), the cue list, the ``vaderSentiment`` version:
  exactly the inputs the stage reads,
* the package version (``analysis.__version__``) and a digest of the source of the stage's
  module, of every package module it imports (found by reading their ``import`` statements)
  and of this module, so an edited checkout never reuses tables computed by older code, while
  editing an unrelated module (plots, keyness) keeps the cache,
* and the keys of the stages it depends on.

A second :func:`run` on the same inputs therefore reads every table back instead of computing
it, and any change upstream recomputes exactly the stages downstream of it. A computed table is
written by a background thread while the next stage computes (``tables()`` and ``flush()``
wait for the writes; a write that fails only warns, the table is then computed again next
time). Files are written atomically; a truncated or corrupted file (checksum mismatch, unreadable Parquet) is removed
with a :class:`CacheWarning` and recomputed. Parquet keeps every dtype (``str``, ``int64``,
nullable ``Int64``, UTC timestamps) and ``DataFrame.attrs``, so a warm table equals the cold
one exactly.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from ._cache import CacheWarning, ParquetCache, code_digest, stage_key
from ..corpus import CorpusError, fingerprint, validate
from ..errors import UsageError

__all__ = [
    "DEFAULT_CACHE_DIR", "STAGES", "CacheWarning", "PipelineResult", "default_cache_dir", "run",
]

#: The cached stages, in the order they are computed.
STAGES = ("sentences", "tokens", "sentiment", "quotes", "frames")
#: The stages each stage reads, besides the documents.
DEPENDS = {
    "sentences": (),
    "tokens": ("sentences",),
    "sentiment": ("sentences",),
    "quotes": ("sentences",),
    "frames": ("sentences", "quotes"),
}
#: Below this many characters of text, ``n_jobs=-1`` computes in this process (starting
#: worker processes costs about a second; the seed article takes a few milliseconds).
PARALLEL_MIN_CHARS = 2_000_000
#: Chunks of documents per worker process, so that one long document does not idle a core.
_CHUNKS_PER_JOB = 4
#: Where the cache lives unless ``cache_dir`` says otherwise (relative to the repository root).
DEFAULT_CACHE_DIR = Path(".cache") / "pipeline"


def default_cache_dir() -> Path:
    """Where :func:`run` caches its tables unless told otherwise.

    In this order: the folder named by the environment variable ``DISCOURSE_CACHE_DIR``;
    ``.cache/pipeline`` at the root of the compendium the current folder lies in (the case
    study, where ``make clean-cache`` empties it; see :func:`analysis.paths.project_root`);
    else the user's cache folder, ``$XDG_CACHE_HOME/discourse/pipeline`` (by default
    ``~/.cache/discourse/pipeline``). Code never caches into the installed package or into a
    checkout the current folder is not part of. ``discourse report`` keeps each study's
    cache inside its ``--out`` folder.
    """
    env = os.environ.get("DISCOURSE_CACHE_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from ..paths import project_root

    root = project_root()
    if root is not None:
        return root / DEFAULT_CACHE_DIR
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser().resolve() / "discourse" / "pipeline"


def _dist_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _lexicon_digest(lexicon) -> str:
    """What the matching depends on: frame names and order, terms, exclusions, case flags."""
    spec = [
        [
            frame.name,
            [[t.pattern, bool(t.case_sensitive)] for t in frame.terms],
            [[t.pattern, bool(t.case_sensitive)] for t in frame.exclude],
        ]
        for frame in lexicon.frames
    ]
    return hashlib.sha256(json.dumps(spec, ensure_ascii=False).encode("utf-8")).hexdigest()


def _actors_digest(actors) -> str:
    """The bytes of the actor list (or the canonical JSON of an actor table)."""
    if isinstance(actors, pd.DataFrame):
        table = actors.astype(str)
        table = table[sorted(table.columns)]
        table = table.sort_values(list(table.columns), kind="stable")
        blob = table.to_json(orient="values", force_ascii=False).encode("utf-8")
        return "table:" + hashlib.sha256(blob).hexdigest()
    if actors is None:
        return "none"
    if isinstance(actors, (str, os.PathLike)):
        path = Path(actors)
    else:
        raise TypeError(
            "actors must be a path to an actors YAML file, an actor table or None, "
            f"not {type(actors).__name__}"
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read the actor list ({err.strerror})") from None
    return "file:" + hashlib.sha256(data).hexdigest()


#: The module implementing each stage; its source and that of every package module it
#: imports are part of the stage's cache key.
_STAGE_MODULES = {
    "sentences": "tokenise",
    "tokens": "tokenise",
    "sentiment": "sentiment",
    "quotes": "quotes",
    "frames": "framing",
}


def _cues_digest(cues) -> str:
    """The cue list extraction reads: ``default`` or the digest of the sorted forms."""
    if cues is None:
        return "default"
    if isinstance(cues, str):
        raise TypeError("cues must be a collection of cue words or phrases, not one string")
    forms = sorted({" ".join(str(c).lower().split()) for c in cues})
    return "cues:" + hashlib.sha256(json.dumps(forms).encode("utf-8")).hexdigest()


def _stage_keys(
    corpus: str, lexicon: str, actors: str, line_breaks: str, cues: str = "default"
) -> dict[str, str]:
    from .. import __version__

    def common(stage: str) -> dict[str, str]:
        return {
            "stage": stage,
            "analysis": __version__,
            "code": code_digest(_STAGE_MODULES[stage]),
            "pipeline": code_digest("workflow.pipeline", "workflow._cache", imports=False),
        }

    keys: dict[str, str] = {}
    keys["sentences"] = stage_key(corpus=corpus, line_breaks=line_breaks, **common("sentences"))
    keys["tokens"] = stage_key(sentences=keys["sentences"], **common("tokens"))
    keys["sentiment"] = stage_key(
        sentences=keys["sentences"],
        method="vader",
        vader_sentiment=_dist_version("vaderSentiment"),
        **common("sentiment"),
    )
    keys["quotes"] = stage_key(
        corpus=corpus, actors=actors, cues=cues, sentences=keys["sentences"],
        **common("quotes"),
    )
    keys["frames"] = stage_key(
        corpus=corpus,
        lexicon=lexicon,
        quotes=keys["quotes"],
        sentences=keys["sentences"],
        **common("frames"),
    )
    return keys


@dataclasses.dataclass(eq=False, repr=False)
class PipelineResult:
    """The tables of one corpus, computed on first access and cached (see the module notes).

    Attributes
    ----------
    sentences, tokens, sentiment, quotes, frames : pandas.DataFrame
        The stage tables (columns documented in the stage modules).
    prevalence : pandas.DataFrame
        Frame hits per 1,000 word tokens by the ``by`` columns given to :func:`run`.
    term_counts : pandas.DataFrame
        ``term, count, tokens, per_million`` over the whole corpus (punctuation left out).
    docs : pandas.DataFrame
        The corpus in canonical form (sorted by ``doc_id``).
    lexicon : analysis.framing.FrameLexicon
    keys : dict of str to str
        The cache key of each stage.
    provenance : dict of str to dict
        For each stage accessed so far: ``source`` (``"cache"`` or ``"computed"``) and
        ``seconds`` (time to read or compute it; for stages computed together in worker
        processes, the time of the whole batch).
    """

    docs: pd.DataFrame
    lexicon: object
    actors: object
    by: tuple[str, ...]
    line_breaks: str
    cache: ParquetCache | None
    keys: dict[str, str]
    n_jobs: int | None = None
    cues: object = None
    provenance: dict[str, dict[str, object]] = dataclasses.field(default_factory=dict)
    _pending: list[tuple[str, Future]] = dataclasses.field(default_factory=list)
    _tables: dict[str, pd.DataFrame] = dataclasses.field(default_factory=dict)

    def __repr__(self) -> str:
        where = self.cache.root if self.cache is not None else "no cache"
        done = ", ".join(f"{s} ({self.provenance[s]['source']})" for s in self.provenance) or "none"
        return f"<PipelineResult: {len(self.docs)} documents, {where}; stages loaded: {done}>"

    # -- stages ---------------------------------------------------------------------------

    def _compute(self, stage: str) -> pd.DataFrame:
        text = self.docs[["doc_id", "text"]]
        if stage == "sentences":
            from .. import tokenise

            return tokenise.sentences(text, line_breaks=self.line_breaks)
        if stage == "tokens":
            from .. import tokenise

            return tokenise.tokens(text, sentences=self.sentences)
        if stage == "sentiment":
            from .. import sentiment

            return sentiment.score(self.sentences)
        if stage == "quotes":
            from .. import quotes

            return quotes.extract(
                text, actors=self.actors, cues=self.cues, sentences=self.sentences
            )
        if stage == "frames":
            from .. import framing

            return framing.find(text, self.lexicon, quotes=self.quotes, sentences=self.sentences)
        raise KeyError(stage)

    def _stage(self, stage: str) -> pd.DataFrame:
        """The table of ``stage``: from memory, else the cache, else computed (after the
        stages it reads) and cached."""
        table = self._tables.get(stage)
        if table is None:
            self._ensure([stage])
            table = self._tables[stage]
        return table

    def _ensure(self, stages: Sequence[str]) -> None:
        """Read or compute ``stages``, and whatever they need that the cache lacks."""
        missing: list[str] = []

        def visit(stage: str) -> None:
            if stage in self._tables or stage in missing:
                return
            t0 = time.perf_counter()
            table = self.cache.get(stage, self.keys[stage]) if self.cache is not None else None
            if table is not None:
                self._tables[stage] = table
                self.provenance[stage] = {"source": "cache", "seconds": time.perf_counter() - t0}
                return
            for dep in DEPENDS[stage]:
                visit(dep)
            missing.append(stage)

        for stage in stages:
            visit(stage)
        missing.sort(key=STAGES.index)
        if not missing:
            return
        jobs = self._jobs()
        if jobs > 1:
            t0 = time.perf_counter()
            computed = self._compute_parallel(missing, jobs)
            elapsed = time.perf_counter() - t0
            for stage in missing:
                self._store(stage, computed[stage], f"computed ({jobs} processes)", elapsed)
            return
        for stage in missing:
            t0 = time.perf_counter()
            table = self._compute(stage).reset_index(drop=True)
            self._store(stage, table, "computed", time.perf_counter() - t0)

    def _report_failed_writes(self, *, wait: bool) -> None:
        """Warn about cache writes that failed: those finished so far, or (``wait``) all."""
        still = []
        for stage, future in self._pending:
            if not wait and not future.done():
                still.append((stage, future))
                continue
            err = future.exception()
            if err is not None:
                warnings.warn(
                    f"pipeline cache: could not write the {stage!r} table under "
                    f"{self.cache.root} ({type(err).__name__}: {err}); it will be computed "
                    "again next time",
                    CacheWarning,
                    stacklevel=3,
                )
        self._pending = still

    def _store(self, stage: str, table: pd.DataFrame, source: str, seconds: float) -> None:
        # A write that failed while this stage computed is reported now, not only at flush().
        self._report_failed_writes(wait=False)
        if self.cache is not None:
            # Written by a background thread while the next stage computes (pyarrow encodes
            # and compresses without the GIL). A shallow copy is a snapshot under pandas'
            # copy-on-write, so a caller changing the returned table cannot race the writer.
            snapshot = table.copy(deep=False)
            self._pending.append(
                (stage, _writer().submit(self.cache.put, stage, self.keys[stage], snapshot))
            )
        self._tables[stage] = table
        self.provenance[stage] = {"source": source, "seconds": seconds}

    def flush(self) -> PipelineResult:
        """Wait until every computed table is in the cache; a failed write only warns.

        Returns
        -------
        PipelineResult
            ``self``.
        """
        self._report_failed_writes(wait=True)
        return self

    def _jobs(self) -> int:
        if self.n_jobs is None or self.n_jobs == 1 or len(self.docs) < 2:
            return 1
        if self.n_jobs > 1:
            return min(self.n_jobs, len(self.docs))
        if int(self.docs["text"].str.len().sum()) < PARALLEL_MIN_CHARS:
            return 1
        return max(1, min(_cpu_count(), len(self.docs)))

    def _compute_parallel(self, stages: list[str], jobs: int) -> dict[str, pd.DataFrame]:
        """Compute ``stages`` over contiguous chunks of documents in ``jobs`` processes.

        Every stage table is per document (ids, offsets and counters restart in each
        document), so concatenating the chunks' tables in document order gives exactly the
        table one process computes.
        """
        bounds = _chunk_bounds(self.docs["text"].str.len().to_numpy(), jobs * _CHUNKS_PER_JOB)
        given = [s for s in STAGES if s in self._tables and any(s in DEPENDS[m] for m in stages)]
        ids = self.docs["doc_id"]
        tasks = []
        for lo, hi in bounds:
            chunk = self.docs.iloc[lo:hi][["doc_id", "text"]].reset_index(drop=True)
            keep = set(ids.iloc[lo:hi])
            upstream = {
                s: self._tables[s][self._tables[s]["doc_id"].isin(keep)].reset_index(drop=True)
                for s in given
            }
            tasks.append((chunk, upstream))
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            futures = [
                pool.submit(
                    _chunk_tables, chunk, upstream, stages, self.lexicon, self.actors,
                    self.line_breaks, self.cues,
                )
                for chunk, upstream in tasks
            ]
            parts = [f.result() for f in futures]
        out = {}
        for stage in stages:
            pieces = [p[stage] for p in parts]
            table = pd.concat(pieces, ignore_index=True)
            table.attrs = dict(pieces[0].attrs)
            out[stage] = table
        return out

    @property
    def sentences(self) -> pd.DataFrame:
        """``doc_id, sent_id, start, end, text`` (:func:`analysis.tokenise.sentences`)."""
        return self._stage("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        """``doc_id, sent_id, tok_id, start, end, token, norm`` (:func:`~analysis.tokenise.tokens`)."""
        return self._stage("tokens")

    @property
    def sentiment(self) -> pd.DataFrame:
        """Sentence columns plus ``neg, neu, pos, compound`` (:func:`analysis.sentiment.score`)."""
        return self._stage("sentiment")

    @property
    def quotes(self) -> pd.DataFrame:
        """Quotations with speaker and kind (:func:`analysis.quotes.extract`)."""
        return self._stage("quotes")

    @property
    def frames(self) -> pd.DataFrame:
        """Frame hits with sentence, voice and speaker (:func:`analysis.framing.find`)."""
        return self._stage("frames")

    # -- summaries ------------------------------------------------------------------------

    @property
    def prevalence(self) -> pd.DataFrame:
        """Frame hits per 1,000 word tokens by ``by`` (:func:`analysis.framing.prevalence`)."""
        table = self._tables.get("prevalence")
        if table is None:
            from .. import framing

            table = framing.prevalence(
                self.frames, self.tokens, by=list(self.by), frames=self.lexicon, docs=self.docs
            )
            self._tables["prevalence"] = table
        return table

    @property
    def term_counts(self) -> pd.DataFrame:
        """``term, count, tokens, per_million`` (:func:`analysis.frequency.counts`)."""
        table = self._tables.get("term_counts")
        if table is None:
            from ..lexical import frequency

            table = frequency.counts(self.tokens)
            self._tables["term_counts"] = table
        return table

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every stage table, computing or reading the missing ones, in :data:`STAGES` order;
        returns once the computed ones are written to the cache."""
        self._ensure(STAGES)
        self.flush()
        return {stage: self._tables[stage] for stage in STAGES}


_WRITER: ThreadPoolExecutor | None = None


def _writer() -> ThreadPoolExecutor:
    """The one background thread that writes cache files (joined when Python exits)."""
    global _WRITER
    if _WRITER is None:
        _WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pipeline-cache")
    return _WRITER


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _chunk_bounds(lengths, n_chunks: int) -> list[tuple[int, int]]:
    """Split documents into at most ``n_chunks`` contiguous runs of similar total length
    (a document goes to the chunk where its middle character falls).

    Examples
    --------
    >>> _chunk_bounds([5, 5, 5, 5], 2)
    [(0, 2), (2, 4)]
    >>> _chunk_bounds([1, 1, 1, 1, 100], 3)
    [(0, 4), (4, 5)]
    """
    import numpy as np

    lengths = np.asarray(lengths, dtype=np.float64)
    if not len(lengths):
        return []
    total = max(float(lengths.sum()), 1.0)
    middle = np.cumsum(lengths) - lengths / 2
    chunk = np.minimum((middle * n_chunks / total).astype(np.int64), n_chunks - 1)
    edges = np.flatnonzero(np.diff(chunk)) + 1
    cuts = [0, *edges.tolist(), len(lengths)]
    return [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:])]


def _chunk_tables(
    docs, upstream, stages, lexicon, actors, line_breaks, cues=None
) -> dict[str, pd.DataFrame]:
    """The worker-process side of :meth:`PipelineResult._compute_parallel`."""
    res = PipelineResult(
        docs=docs, lexicon=lexicon, actors=actors, by=(), line_breaks=line_breaks, cache=None,
        keys={}, n_jobs=None, cues=cues,
    )
    res._tables.update(upstream)
    res._ensure(stages)
    return {stage: res._tables[stage] for stage in stages}


def _as_by(by: str | Sequence[str] | None) -> tuple[str, ...]:
    if by is None:
        return ()
    if isinstance(by, str):
        return (by,)
    return tuple(str(c) for c in by)


def run(
    docs: pd.DataFrame,
    *,
    lexicon,
    actors: str | os.PathLike | pd.DataFrame | None = None,
    cues=None,
    cache_dir: str | os.PathLike | None | bool = None,
    by: str | Sequence[str] | None = None,
    line_breaks: str = "boundary",
    n_jobs: int | None = None,
) -> PipelineResult:
    """Run (or read back from the cache) every stage of the analysis of one corpus.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus table (``doc_id``, ``text`` and any metadata), as from
        :func:`analysis.corpus.load`; it is validated and put in canonical order first.
    lexicon : FrameLexicon, path or dict
        The frame codebook (:class:`analysis.framing.FrameLexicon` or a YAML path).
    actors : path or pandas.DataFrame, optional
        The actor list for speaker normalisation, passed to :func:`analysis.quotes.extract`;
        ``None`` (the default) is no list: speakers as the documents name them.
    cues : collection of str, optional
        Reporting cues for :func:`analysis.quotes.extract` (default: its
        :data:`~analysis.quotes.DEFAULT_CUES`); part of the quotation stage's cache key.
    cache_dir : path, optional
        Cache folder; default: see :func:`default_cache_dir`. ``False`` computes everything
        in memory and writes nothing.
    by : str or sequence of str, optional
        Group columns of the ``prevalence`` summary (``doc_id`` or metadata columns such as
        ``party``); default: the whole corpus, one row per frame.
    line_breaks : {"boundary", "paragraph"}, default "boundary"
        Passed to :func:`analysis.tokenise.sentences`.
    n_jobs : int, optional
        Worker processes for the stages that are not cached, as in scikit-learn: ``None`` or
        1 computes in this process; ``k > 1`` starts ``k``; ``-1`` one per CPU core when the
        corpus has at least :data:`PARALLEL_MIN_CHARS` characters (below that, starting
        processes costs more than it saves). Documents are split into contiguous chunks of
        similar length and the chunks' tables concatenated in document order, so every table
        is the same whatever ``n_jobs``. Workers are started with ``spawn``: a script (not a
        notebook) that uses ``n_jobs`` must run under ``if __name__ == "__main__":``.

    Returns
    -------
    PipelineResult
        With ``sentences``, ``tokens``, ``sentiment``, ``quotes`` and ``frames`` (computed or
        read on first access), ``prevalence`` and ``term_counts``.

    Raises
    ------
    CorpusError
        For an invalid corpus (see :func:`analysis.corpus.validate`) or an unreadable actor
        list (naming the file).
    LexiconError
        For a malformed lexicon (naming the file and line).

    Warns
    -----
    CacheWarning
        When a cached file is truncated or corrupted; it is removed and recomputed.

    References
    ----------
    Sandve, G. K., Nekrutenko, A., Taylor, J., & Hovig, E. (2013). Ten simple rules for
    reproducible computational research. *PLoS Computational Biology* 9(10), e1003285
    (rule 5: record all intermediate results, in standardised formats).

    Examples
    --------
    >>> from analysis import framing
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["Moscow warned of escalation. Talks go on."]})
    >>> lex = framing.FrameLexicon.from_dict({"frames": {"aggression": {"terms": ["escalat*"]}}})
    >>> res = run(docs, lexicon=lex, actors=pd.DataFrame(columns=["actor", "alias"]),
    ...           cache_dir=False)
    >>> res.sentences["text"].tolist()
    ['Moscow warned of escalation.', 'Talks go on.']
    >>> res.prevalence[["frame", "hits", "tokens"]].to_dict("records")
    [{'frame': 'aggression', 'hits': 1, 'tokens': 7}]
    """
    from ..framing import FrameLexicon, as_lexicon

    docs = validate(docs)
    lex = lexicon if isinstance(lexicon, FrameLexicon) else as_lexicon(lexicon)
    if line_breaks not in ("boundary", "paragraph"):
        raise UsageError(f"line_breaks must be 'boundary' or 'paragraph', not {line_breaks!r}")
    if n_jobs is not None and (
        not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -1
    ):
        raise UsageError(f"n_jobs must be None, -1 or a positive integer, not {n_jobs!r}")
    by_cols = _as_by(by)
    missing = [c for c in by_cols if c not in docs.columns]
    if missing:
        raise UsageError(
            f"by column(s) {', '.join(missing)} not in the corpus; found "
            f"{', '.join(map(str, docs.columns))}"
        )
    keys = _stage_keys(
        fingerprint(docs[["doc_id", "text"]]),
        _lexicon_digest(lex),
        _actors_digest(actors),
        line_breaks,
        _cues_digest(cues),
    )
    if cache_dir is False:
        cache = None
    elif cache_dir is None or cache_dir is True:
        cache = ParquetCache(default_cache_dir())
    else:
        cache = ParquetCache(cache_dir)
    return PipelineResult(
        docs=docs,
        lexicon=lex,
        actors=actors,
        cues=cues,
        by=by_cols,
        line_breaks=line_breaks,
        cache=cache,
        keys=keys,
        n_jobs=n_jobs,
    )
