"""The pipeline over a corpus too large for one process: Parquet partitions on Dask.

:func:`run` reads a Parquet corpus (one row per document: ``doc_id``, ``text``, metadata) with
:func:`dask.dataframe.read_parquet` and runs :func:`analysis.pipeline.run` on each partition
on Dask's distributed scheduler: a :class:`distributed.LocalCluster` of worker processes on
this machine by default, or any cluster, given a :class:`distributed.Client` or a scheduler
address. Each worker writes the tables of its partition into one Parquet dataset per stage:

.. code-block:: text

    out/
      sentences/part.00000.parquet ...   analysis.tokenise.sentences
      tokens/ sentiment/ quotes/ frames/ the other stage tables, one file per partition
      prevalence.parquet                 frame prevalence by the `by` columns, whole corpus
      term_counts.parquet                term counts of the whole corpus (for keyness)
      partitions.parquet                 one row per partition: sizes, seconds, worker, memory
      _parts/                            the per-partition counts the two summaries add up
      _scale.json                        parameters and totals of the run

Every stage table is per document (ids, offsets and counters restart in each document), so
the union of the partitions' tables is the table :func:`analysis.pipeline.run` computes for
the whole corpus, row for row. The corpus-level summaries are sums of per-partition counts
(hits and word tokens per group and frame; term counts and running words), combined by a
Dask group-by on the workers: no process ever holds more than one partition's text.

Memory per worker is bounded by the partition, not the corpus. Partitions are whole Parquet
row groups, gathered until they hold about ``partition_size`` bytes of (uncompressed) column
data. A worker needs about 100 bytes of memory per character of text in its partition on top
of the ~0.25 GB the process starts with: with the default of 8 MiB (about 7 million
characters of English text) each worker peaked at 0.9-1.0 GB in ``benchmarks/scale.py``, the
same after its first partition as after its thirtieth. Write the corpus with row groups well
below the partition size (``docs.to_parquet(path, row_group_size=500)``): a row group is
never split.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import CorpusError
from ..errors import UsageError

__all__ = ["PARTITION_COLUMNS", "ScaleResult", "run"]

#: Columns of ``partitions`` (one row per partition), with dtypes.
PARTITION_COLUMNS: dict[str, str] = {
    "partition": "int64",
    "worker": "str",
    "documents": "int64",
    "characters": "int64",
    "sentences": "int64",
    "tokens": "int64",
    "words": "int64",
    "quotes": "int64",
    "hits": "int64",
    "seconds": "float64",
    "peak_rss_mb": "float64",
}
_STAGE_DIRS = ("sentences", "tokens", "sentiment", "quotes", "frames")
_MARKER = "_scale.json"


def _empty_partitions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in PARTITION_COLUMNS.items()})


def _write_parquet(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        table.to_parquet(tmp, engine="pyarrow", index=False)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # not on a POSIX system
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def _as_str_columns(part: pd.DataFrame) -> pd.DataFrame:
    """Dask may hand strings over as ``string[pyarrow]``; the toolkit's tables use ``str``."""
    conv = {
        c: "str"
        for c, t in part.dtypes.items()
        if isinstance(t, pd.StringDtype) and str(t) != "str"
    }
    return part.astype(conv) if conv else part


def _partition(
    part: pd.DataFrame,
    partition_info: dict | None = None,
    *,
    columns: list[str],
    lexicon,
    actors,
    by: tuple[str, ...],
    line_breaks: str,
    out: str,
) -> pd.DataFrame:
    """Run the pipeline on one partition, write its tables, return one row of sizes."""
    from . import pipeline

    if partition_info is None:
        raise RuntimeError("scale: a partition ran without its partition number")
    number = int(partition_info["number"])
    t0 = time.perf_counter()
    res = pipeline.run(
        _as_str_columns(part[columns]), lexicon=lexicon, actors=actors, cache_dir=False, by=by,
        line_breaks=line_breaks,
    )
    root = Path(out)
    name = f"part.{number:05d}.parquet"
    tables = res.tables()
    for stage, table in tables.items():
        _write_parquet(table, root / stage / name)
    terms = res.term_counts
    _write_parquet(res.prevalence, root / "_parts" / "prevalence" / name)
    _write_parquet(terms[["term", "count"]], root / "_parts" / "term_counts" / name)
    row = {
        "partition": number,
        "worker": _worker_name(),
        "documents": len(res.docs),
        "characters": int(res.docs["text"].str.len().sum()),
        "sentences": len(tables["sentences"]),
        "tokens": len(tables["tokens"]),
        "words": int(terms["tokens"].iloc[0]) if len(terms) else 0,
        "quotes": len(tables["quotes"]),
        "hits": len(tables["frames"]),
        "seconds": time.perf_counter() - t0,
        "peak_rss_mb": _peak_rss_mb(),
    }
    return pd.DataFrame({c: pd.Series([row[c]], dtype=t) for c, t in PARTITION_COLUMNS.items()})


@dataclasses.dataclass(eq=False)
class ScaleResult:
    """Where :func:`run` wrote its tables, and the corpus-level summaries.

    Attributes
    ----------
    sentences, tokens, sentiment, quotes, frames : dask.dataframe.DataFrame
        The stage tables as lazy Dask DataFrames over ``out/<stage>/`` (one partition per
        input partition); ``.compute()`` one only when it fits in memory, or read the Parquet
        datasets with any tool.
    prevalence : pandas.DataFrame
        The ``by`` columns, then ``frame, hits, tokens, per_1000``, as
        :func:`analysis.framing.prevalence` computes for the whole corpus.
    term_counts : pandas.DataFrame
        ``term, count, tokens, per_million`` for the whole corpus, as
        :func:`analysis.frequency.counts` computes (a count table for
        :func:`analysis.keyness.compare`).
    partitions : pandas.DataFrame
        One row per partition (:data:`PARTITION_COLUMNS`): its sizes, the seconds it took,
        the worker that ran it and that worker process's peak resident memory so far.
    out : pathlib.Path
    seconds : float
        Wall time of the run, including starting and stopping a local cluster.
    """

    out: Path
    prevalence: pd.DataFrame
    term_counts: pd.DataFrame
    partitions: pd.DataFrame
    seconds: float

    def _dataset(self, stage: str):
        import dask
        import dask.dataframe as dd

        with dask.config.set({"dataframe.convert-string": False}):
            return dd.read_parquet(str(self.out / stage), split_row_groups=False)

    @property
    def sentences(self):
        """Lazy ``out/sentences`` (:func:`analysis.tokenise.sentences`)."""
        return self._dataset("sentences")

    @property
    def tokens(self):
        """Lazy ``out/tokens`` (:func:`analysis.tokenise.tokens`)."""
        return self._dataset("tokens")

    @property
    def sentiment(self):
        """Lazy ``out/sentiment`` (:func:`analysis.sentiment.score`)."""
        return self._dataset("sentiment")

    @property
    def quotes(self):
        """Lazy ``out/quotes`` (:func:`analysis.quotes.extract`)."""
        return self._dataset("quotes")

    @property
    def frames(self):
        """Lazy ``out/frames`` (:func:`analysis.framing.find`)."""
        return self._dataset("frames")

    @property
    def workers(self) -> pd.DataFrame:
        """Per worker: partitions, documents, tokens, busy seconds and peak memory (MB)."""
        p = self.partitions
        return (
            p.groupby("worker", sort=True)
            .agg(
                partitions=("partition", "size"),
                documents=("documents", "sum"),
                tokens=("tokens", "sum"),
                seconds=("seconds", "sum"),
                peak_rss_mb=("peak_rss_mb", "max"),
            )
            .reset_index()
        )


def _prepare_out(out: Path) -> None:
    """Create ``out``, or clear the tables of an earlier run there; never touch other folders."""
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not (out / _MARKER).exists():
            raise FileExistsError(
                f"{out}: folder is not empty and holds no earlier scale.run output "
                f"(no {_MARKER}); choose an empty or new folder"
            )
        (out / _MARKER).unlink()
        for name in (*_STAGE_DIRS, "_parts"):
            shutil.rmtree(out / name, ignore_errors=True)
        for name in ("prevalence.parquet", "term_counts.parquet", "partitions.parquet"):
            (out / name).unlink(missing_ok=True)
    for name in (*_STAGE_DIRS, "_parts/prevalence", "_parts/term_counts"):
        (out / name).mkdir(parents=True, exist_ok=True)
    # Claimed at once, so that a run that fails half-way can be repeated into the same folder.
    _write_marker(out, {"status": "incomplete"})


def _write_marker(out: Path, info: dict) -> None:
    tmp = out / f".{_MARKER}.tmp"
    tmp.write_text(json.dumps(info, indent=1), encoding="utf-8")
    os.replace(tmp, out / _MARKER)


def _client(client, n_workers: int | None, timeout: float | None):
    """The client to use and a closer for whatever this function started."""
    from distributed import Client, LocalCluster

    if client is None:
        cluster = LocalCluster(
            n_workers=n_workers or _cpu_count(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # No dashboard; the scheduler's small HTTP server (health checks) takes a free
            # loopback port instead of 8787, so clusters never collide.
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        )
        try:
            made = Client(cluster, timeout=timeout or 60)
        except BaseException:
            cluster.close()
            raise

        def close():
            made.close()
            cluster.close()

        return made, close
    if isinstance(client, str):
        made = Client(client, timeout=timeout or 60)
        return made, made.close
    return client, lambda: None


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _check_columns(ddf, needed: Sequence[str], paths) -> None:
    missing = [c for c in needed if c not in ddf.columns]
    if missing:
        raise CorpusError(
            f"{paths}: Parquet corpus lacks column(s) {', '.join(missing)}; found "
            f"{', '.join(map(str, ddf.columns))}"
        )


def _combine_prevalence(out: Path, by: tuple[str, ...], frames: list[str], client, timeout):
    import dask
    import dask.dataframe as dd

    with dask.config.set({"dataframe.convert-string": False}):
        parts = dd.read_parquet(str(out / "_parts" / "prevalence"), split_row_groups=False)
    meta = parts._meta
    sums = parts.groupby([*by, "frame"], dropna=False)[["hits", "tokens"]].sum()
    table = client.compute(sums).result(timeout=timeout).reset_index()
    for c in by:
        table[c] = table[c].astype(meta[c].dtype)
    table["frame"] = table["frame"].astype("str")
    table["hits"] = table["hits"].astype("int64")
    table["tokens"] = table["tokens"].astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = 1000.0 * table["hits"].to_numpy(dtype=float) / table["tokens"].to_numpy(dtype=float)
    table["per_1000"] = np.where(table["tokens"].to_numpy() > 0, rate, np.nan)
    table["_f"] = table["frame"].map({f: i for i, f in enumerate(frames)})
    table = table.sort_values([*by, "_f"], kind="stable").drop(columns="_f")
    return table[[*by, "frame", "hits", "tokens", "per_1000"]].reset_index(drop=True)


def _combine_terms(out: Path, words: int, client, timeout) -> pd.DataFrame:
    import dask
    import dask.dataframe as dd

    with dask.config.set({"dataframe.convert-string": False}):
        parts = dd.read_parquet(str(out / "_parts" / "term_counts"), split_row_groups=False)
    sums = client.compute(parts.groupby("term")["count"].sum()).result(timeout=timeout)
    terms = sums.index.to_numpy(dtype=object)
    count = sums.to_numpy(dtype=np.int64)
    order = np.lexsort((terms.astype(str), -count))
    table = pd.DataFrame(
        {
            "term": pd.Series(terms[order], dtype="str"),
            "count": count[order],
            "tokens": np.full(len(order), words, dtype=np.int64),
        }
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        cnt, tok = table["count"].to_numpy(), table["tokens"].to_numpy()
        table["per_million"] = np.where(tok > 0, cnt / np.maximum(tok, 1) * 1e6, np.nan)
    return table


def run(
    paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    lexicon,
    actors: str | os.PathLike | pd.DataFrame | None = None,
    client=None,
    out: str | os.PathLike,
    by: str | Sequence[str] | None = None,
    line_breaks: str = "boundary",
    partition_size: str | int = "8 MiB",
    n_workers: int | None = None,
    timeout: float | None = None,
) -> ScaleResult:
    """Run the pipeline over a Parquet corpus partition by partition on Dask.

    Parameters
    ----------
    paths : path or list of paths
        Parquet file(s) or a folder of them, one row per document with ``doc_id``, ``text``
        and any metadata (``analysis.corpus.load(...).to_parquet(path, row_group_size=500)``).
        On a cluster, every worker must see the same paths (a shared file system).
    lexicon : FrameLexicon, path or dict
        The frame codebook, read here and sent to the workers.
    actors : path or pandas.DataFrame, optional
        The actor list (see :func:`analysis.pipeline.run`); a path must be visible to the
        workers.
    client : distributed.Client or str, optional
        Where to run: a client of a running cluster, or a scheduler address such as
        ``"tcp://10.0.0.5:8786"`` (a client is opened and closed here). Default: a
        ``LocalCluster`` of ``n_workers`` single-threaded worker processes on this machine,
        closed before returning.
    out : path
        Output folder: new, empty, or holding an earlier ``run``'s output (replaced). Any other
        non-empty folder is refused.
    by : str or sequence of str, optional
        Metadata columns to group ``prevalence`` by (default: the whole corpus).
    line_breaks : {"boundary", "paragraph"}, default "boundary"
        Passed to :func:`analysis.tokenise.sentences`.
    partition_size : str or int, default "8 MiB"
        Target (uncompressed) size of a partition, in whole row groups (``blocksize`` of
        :func:`dask.dataframe.read_parquet`); bounds the memory of each worker.
    n_workers : int, optional
        Worker processes of the local cluster (default: one per CPU core).
    timeout : float, optional
        Seconds to wait for the cluster to start and for each computation; default: no limit
        on computations.

    Returns
    -------
    ScaleResult
        ``sentences``, ``tokens``, ``sentiment``, ``quotes``, ``frames`` (lazy Dask
        DataFrames over ``out``), ``prevalence`` and ``term_counts`` (pandas), and
        ``partitions`` / ``workers`` (sizes, time and peak memory).

    Raises
    ------
    CorpusError
        For a corpus without ``doc_id``/``text`` (or a ``by`` column), a ``doc_id`` found in
        more than one row (named), and anything :func:`analysis.corpus.validate` rejects in a
        partition (naming the document).
    FileExistsError
        If ``out`` is a non-empty folder that is not an earlier output.

    References
    ----------
    Rocklin, M. (2015). Dask: Parallel computation with blocked algorithms and task
    scheduling. *Proceedings of the 14th Python in Science Conference*, 130-136.

    Dean, J., & Ghemawat, S. (2008). MapReduce: simplified data processing on large clusters.
    *Communications of the ACM* 51(1), 107-113 (partial counts per partition, summed).

    Examples
    --------
    >>> res = run("corpus.parquet", lexicon="corpus/frames.yml", out="out/",
    ...           by="party")  # doctest: +SKIP
    >>> res.prevalence.head()  # doctest: +SKIP
    >>> res.frames.groupby("voice").size().compute()  # doctest: +SKIP
    """
    try:
        import dask
        import dask.dataframe as dd
        import distributed  # noqa: F401
    except ModuleNotFoundError as err:
        raise ModuleNotFoundError(
            f"analysis.scale needs Dask ({err.name} is not installed): "
            'pip install "analysis[scale]"'
        ) from None

    from ..framing import FrameLexicon, as_lexicon
    from .pipeline import _actors_digest, _as_by

    t_start = time.perf_counter()
    lex = lexicon if isinstance(lexicon, FrameLexicon) else as_lexicon(lexicon)
    _actors_digest(actors)  # a missing or unreadable actor list fails here, not on a worker
    if isinstance(actors, (str, os.PathLike)):
        actors = str(Path(actors).resolve())
    by_cols = _as_by(by)
    if line_breaks not in ("boundary", "paragraph"):
        raise UsageError(f"line_breaks must be 'boundary' or 'paragraph', not {line_breaks!r}")
    if isinstance(paths, (str, os.PathLike)):
        read_paths: str | list[str] = str(paths)
    else:
        read_paths = [str(p) for p in paths]
    out = Path(out).resolve()

    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.read_parquet(
            read_paths, split_row_groups="adaptive", blocksize=partition_size
        )
        _check_columns(ddf, ["doc_id", "text", *by_cols], read_paths)
    # All columns are read: selecting some would let Dask's optimiser fuse partitions (it
    # assumes that fewer columns mean less data), undoing the partition size. Each partition
    # keeps only the columns it needs.
    columns = ["doc_id", "text", *[c for c in by_cols if c not in ("doc_id", "text")]]

    _prepare_out(out)
    client, close = _client(client, n_workers, timeout)
    try:
        counts = ddf["doc_id"].value_counts()
        dups = client.compute(counts[counts > 1]).result(timeout=timeout)
        if len(dups):
            shown = ", ".join(repr(d) for d in sorted(map(str, dups.index))[:5])
            raise CorpusError(
                f"{read_paths}: doc_id found in more than one row: {shown}"
                + (f" and {len(dups) - 5} more" if len(dups) > 5 else "")
            )
        summary = ddf.map_partitions(
            _partition,
            columns=columns,
            lexicon=lex,
            actors=actors,
            by=by_cols,
            line_breaks=line_breaks,
            out=str(out),
            meta=_empty_partitions(),
            enforce_metadata=False,
        )
        partitions = client.compute(summary).result(timeout=timeout)
        partitions = partitions.sort_values("partition", kind="stable").reset_index(drop=True)
        words = int(partitions["words"].sum())
        prevalence = _combine_prevalence(out, by_cols, list(lex.names), client, timeout)
        term_counts = _combine_terms(out, words, client, timeout)
    finally:
        close()

    _write_parquet(prevalence, out / "prevalence.parquet")
    _write_parquet(term_counts, out / "term_counts.parquet")
    _write_parquet(partitions, out / "partitions.parquet")
    seconds = time.perf_counter() - t_start
    marker = {
        "status": "complete",
        "paths": read_paths if isinstance(read_paths, list) else [read_paths],
        "by": list(by_cols),
        "line_breaks": line_breaks,
        "partition_size": partition_size,
        "partitions": len(partitions),
        "documents": int(partitions["documents"].sum()),
        "tokens": int(partitions["tokens"].sum()),
        "frames": list(lex.names),
    }
    _write_marker(out, marker)
    return ScaleResult(
        out=out,
        prevalence=prevalence,
        term_counts=term_counts,
        partitions=partitions,
        seconds=seconds,
    )
