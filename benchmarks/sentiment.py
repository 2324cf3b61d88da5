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
identical (``==``) to the reference's. The methods run in turn, ``--repeat`` times, and the best
time of each is kept; the word memo of the re-implementation is emptied before each run, so
every timed run starts cold.

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

from analysis import corpus, sentiment, tokenise
from analysis.sentiment import _vader as _sentiment_vader

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

    polarity = _sentiment_vader.polarity_scores
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    methods = {
        "reference": lambda: [analyzer.polarity_scores(t) for t in texts],
        "score": lambda: sentiment.score(sents),
        "loop": lambda: [polarity(t) for t in texts],
        "processes": lambda: score_in_processes(sents, cores),
    }
    # Round robin: each repeat runs every method once, so a busy machine slows all alike.
    best = dict.fromkeys(methods, math.inf)
    results = {}
    for _ in range(args.repeat):
        for name, fn in methods.items():
            _sentiment_vader._stripped.clear()
            start = time.perf_counter()
            results[name] = fn()
            best[name] = min(best[name], time.perf_counter() - start)

    expected = np.array([[d[c] for c in COLS] for d in results["reference"]])
    check_identical("score", results["score"][COLS].to_numpy(), expected)
    check_identical("re-implementation loop", np.array(results["loop"]), expected)
    check_identical(f"score in {cores} processes", results["processes"][COLS].to_numpy(), expected)
    t_ref = best["reference"]

    def line(label: str, seconds: float) -> str:
        return (f"{label:<48} {n / seconds:9,.0f} sentences/s  {seconds:6.2f} s  "
                f"{t_ref / seconds:5.1f} x")

    print(f"scores identical to the reference for all {n:,} sentences, every method: yes")
    print(line("vaderSentiment polarity_scores loop (baseline)", t_ref))
    print(line("analysis.sentiment.score", best["score"]))
    print(line("  re-implementation alone, no cache, no table", best["loop"]))
    print(line(f"  score, {cores} partitions in {cores} processes", best["processes"]))
    print(f"(best of {args.repeat}, run in turn; target >= 1 x the baseline, stretch 3 x, "
          "with identical scores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
