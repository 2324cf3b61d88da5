"""Tokens per second of ``analysis.tokenise.tokens`` over all SOTU addresses, beside NLTK.

The baseline is the usual NLTK route: an untrained ``PunktSentenceTokenizer`` to split
sentences, then ``NLTKWordTokenizer`` on each sentence (no offsets). Ours returns more: spans,
sentence ids, token ids and the normalised form. Both run in the same process, best of
``--repeat`` runs each.

Run: ``python benchmarks/tokenise.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import time

from analysis import corpus, tokenise


def nltk_route(texts):
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    splitter = PunktSentenceTokenizer()
    words = NLTKWordTokenizer()
    n = 0
    for text in texts:
        for sent in splitter.tokenize(text):
            n += len(words.tokenize(sent))
    return n


def best_of(repeat, fn, *args):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    docs = corpus.load_sotu()
    chars = int(docs["text"].str.len().sum())
    t_ours, toks = best_of(args.repeat, tokenise.tokens, docs)
    t_sent, sents = best_of(args.repeat, tokenise.sentences, docs)
    t_nltk, n_nltk = best_of(max(1, args.repeat - 2), nltk_route, docs["text"].tolist())

    print(f"corpus: {len(docs)} SOTU addresses, {chars:,} characters")
    print(f"{'route':<44}{'tokens':>12}{'seconds':>10}{'tokens/s':>14}")
    print(f"{'analysis.tokenise.tokens (spans, sent_id)':<44}{len(toks):>12,}{t_ours:>10.2f}{len(toks) / t_ours:>14,.0f}")
    print(f"{'NLTK Punkt (untrained) + NLTKWordTokenizer':<44}{n_nltk:>12,}{t_nltk:>10.2f}{n_nltk / t_nltk:>14,.0f}")
    print(f"speed-up (tokens/s, ours / NLTK): {(len(toks) / t_ours) / (n_nltk / t_nltk):.1f}x  (target: 5x)")
    print(f"sentences alone: {len(sents):,} in {t_sent:.2f} s ({len(sents) / t_sent:,.0f} sentences/s)")


if __name__ == "__main__":
    main()
