"""No input makes a stage quadratic: each adversarial input at n, 2n and 4n, with the time ratios.

A linear stage shows ratios near 2 (a little less while fixed costs dominate); a quadratic one
near 4. The inputs are the ones that were quadratic before their fixes: runs of "+" and "a+"
(the e-mail pattern rescanned from every position), 40,000 full stops (the sentence candidate
rescanned every suffix), a ``*a*`` term inside one long word (a walk back to the word start per
letter), "he said" repeated in one sentence (every cue scanned every later cue, and reported
clauses ran to the end of the sentence), many overlapping frame hits in one document (the
longest-match choice rescanned its cluster), and the whole SOTU corpus repeated (``find`` at
scale). Each size runs once; ``--scale`` multiplies every size.

Run: ``python benchmarks/adversarial.py [--scale 1]``
"""

from __future__ import annotations

import argparse
import time
import warnings

import pandas as pd

from analysis import concordance, corpus, framing, quotes, tokenise
from analysis.framing import FrameLexicon

NO_QUOTES = pd.DataFrame(columns=["doc_id", "quote_id", "start", "end", "speaker", "kind"])


def one(text: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["d"], "text": [text]})


def cases(scale: int):
    overlapping = FrameLexicon.from_terms({"f": ["a", "a a", "a a a", "a*"]})
    star = FrameLexicon.from_terms({"f": ["*a*"]})
    sotu = corpus.load_sotu()
    codebook = FrameLexicon.from_yaml("corpus/frames.yml")
    n = 10_000 * scale
    yield "tokens: a run of '+'", n, lambda k: tokenise.tokens(one("+" * k))
    yield "tokens: 'a+a+...'", n, lambda k: tokenise.tokens(one("a+" * (k // 2)))
    yield "sentences: a run of '.'", 4 * n, lambda k: tokenise.sentences(one("." * k))
    yield "framing.find: '*a*' in one long word", n, lambda k: framing.find(
        one("a" * k), star, quotes=NO_QUOTES)
    yield "framing.find: overlapping hits in one run", n, lambda k: framing.find(
        one("a " * (k // 2)), overlapping, quotes=NO_QUOTES)
    yield "quotes.extract: 'he said' in one sentence", n, lambda k: quotes.extract(
        one("he said " * (k // 8)))
    yield "quotes.extract: stray quote marks", n, lambda k: quotes.extract(one('"a ' * (k // 3)))
    yield "kwic: every word a match", n, lambda k: concordance.kwic(one("a " * (k // 2)), "a*")

    def sotu_times(k):
        docs = pd.concat(
            [sotu.assign(doc_id=sotu["doc_id"] + f"-{i}") for i in range(k)], ignore_index=True)
        framing.find(docs, codebook, quotes=NO_QUOTES)

    yield "framing.find: SOTU corpus repeated (x copies)", scale, sotu_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    print(f"{'input':<48} {'n':>9} {'t(n)':>7} {'t(2n)':>7} {'t(4n)':>7}  ratios")
    worst = 0.0
    for name, n, fn in cases(args.scale):
        times = []
        for k in (n, 2 * n, 4 * n):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t0 = time.perf_counter()
                fn(k)
                times.append(time.perf_counter() - t0)
        r1, r2 = times[1] / times[0], times[2] / times[1]
        worst = max(worst, r2)
        print(f"{name:<48} {n:>9,} {times[0]:>6.2f}s {times[1]:>6.2f}s {times[2]:>6.2f}s  "
              f"{r1:.1f} {r2:.1f}")
    print(f"largest ratio per doubling: {worst:.1f} (linear: about 2; quadratic: about 4)")


if __name__ == "__main__":
    main()
