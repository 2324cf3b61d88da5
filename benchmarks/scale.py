"""Benchmark: analysis.scale.run over a synthetic corpus of 20 x the State of the Union
addresses, on a Dask LocalCluster of 1 and then 2 worker processes.

The corpus is built by seeded resampling of real sentences: for each of ``--multiplier``
replicas of each of the 237 addresses, a document with that address's metadata (year,
president, party) and as many sentences as it has, drawn with replacement from all SOTU
sentences (:func:`analysis.tokenise.sentences`), four to a paragraph. At the default multiplier
of 20 that is 4,740 documents, about 240 million characters and 44 million tokens, written to
one Parquet file (in a temporary folder) with row groups of about a quarter of the partition
size.

:func:`analysis.scale.run` then runs the whole pipeline (sentences, tokens, VADER sentiment,
quotations, frames; prevalence by party; term counts) on it, first with one worker, then with
two, each a fresh ``LocalCluster`` (start-up included in the time). Printed: wall time, tokens
per second, the speedup of two workers over one, and each worker's peak resident memory, after
its first partition and at the end (memory that stays flat while a worker goes through many
partitions is bounded by the partition, not by the corpus). The two runs' summaries are
checked to be equal.

Targets: two workers >= 1.7 x one worker; peak memory per worker < 2 GB.

Run: ``.venv/bin/python benchmarks/scale.py [--multiplier 20] [--partition-size "8 MiB"]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from dask.utils import parse_bytes

from analysis import corpus, scale, tokenise

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ROOT / "corpus" / "frames.yml"
ACTORS = ROOT / "corpus" / "actors.yml"
SENTENCES_PER_PARAGRAPH = 4


def synthetic_corpus(multiplier: int, seed: int) -> pd.DataFrame:
    """``multiplier`` resampled replicas of every SOTU address (see the module notes)."""
    sotu = corpus.load_sotu()
    sents = tokenise.sentences(sotu)
    pool = sents["text"].to_numpy(dtype=object)
    per_doc = sents.groupby("doc_id", sort=False).size().reindex(sotu["doc_id"]).to_numpy()
    rng = np.random.default_rng(seed)
    meta = sotu.drop(columns="text")
    frames = []
    for r in range(multiplier):
        texts = []
        for n in per_doc:
            picked = pool[rng.integers(0, len(pool), size=int(n))]
            paragraphs = [
                " ".join(picked[i : i + SENTENCES_PER_PARAGRAPH])
                for i in range(0, len(picked), SENTENCES_PER_PARAGRAPH)
            ]
            texts.append("\n\n".join(paragraphs))
        frames.append(meta.assign(doc_id=meta["doc_id"] + f"-r{r:02d}", text=texts))
    return pd.concat(frames, ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--multiplier", type=int, default=20, help="replicas of SOTU (default 20)")
    parser.add_argument("--partition-size", default="8 MiB", help='partition size (default "8 MiB")')
    parser.add_argument("--workers", default="1,2", help="worker counts to run, in order")
    parser.add_argument("--seed", type=int, default=20220127)
    args = parser.parse_args(argv)
    workers = [int(w) for w in args.workers.split(",")]

    t0 = time.perf_counter()
    docs = synthetic_corpus(args.multiplier, args.seed)
    chars = int(docs["text"].str.len().sum())
    mean_doc = chars / len(docs)
    row_group = max(1, int(parse_bytes(args.partition_size) / 4 / mean_doc))

    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        path = Path(tmp) / "corpus.parquet"
        docs.to_parquet(path, row_group_size=row_group, index=False)
        n_docs = len(docs)
        del docs
        print(
            f"synthetic corpus: {args.multiplier} x SOTU = {n_docs:,} documents, {chars:,} "
            f"characters, {path.stat().st_size / 2**20:,.0f} MiB Parquet, row groups of "
            f"{row_group} documents (built in {time.perf_counter() - t0:.0f} s, not timed)"
        )
        results = {}
        for n in workers:
            res = scale.run(
                path, lexicon=FRAMES, actors=ACTORS, out=Path(tmp) / f"out-{n}", by="party",
                partition_size=args.partition_size, n_workers=n,
            )
            results[n] = res
            tokens = int(res.partitions["tokens"].sum())
            print(
                f"{n} worker{'s' if n > 1 else ' '}: {res.seconds:7.1f} s  {tokens / res.seconds:10,.0f} "
                f"tokens/s  ({tokens:,} tokens, {len(res.partitions)} partitions of "
                f"~{res.partitions['characters'].mean() / 2**20:.1f} M characters)"
            )
            for row in res.workers.itertuples():
                mine = res.partitions[res.partitions["worker"] == row.worker]
                print(
                    f"    worker {row.worker}: {row.partitions} partitions, {row.seconds:6.1f} s busy, "
                    f"peak {mine['peak_rss_mb'].iloc[0]:,.0f} MB after its first partition, "
                    f"{row.peak_rss_mb:,.0f} MB at the end"
                )
        base = results[workers[0]]
        for n, res in results.items():
            pd.testing.assert_frame_equal(res.prevalence, base.prevalence)
            pd.testing.assert_frame_equal(res.term_counts, base.term_counts)
        print("summaries (prevalence by party, term counts) identical across runs: yes")
        if 1 in results and 2 in results:
            speedup = results[1].seconds / results[2].seconds
            print(f"speedup, 2 workers over 1: {speedup:.2f} x (target >= 1.7 x)")
        peak = max(float(r.partitions["peak_rss_mb"].max()) for r in results.values())
        print(f"largest peak memory of any worker: {peak:,.0f} MB (target < 2,048 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
