"""Documents per second of ``analysis.quotes.extract`` over all SOTU addresses, and its
behaviour on a document full of stray quote marks.

1. **SOTU.** ``extract`` over the 237 addresses, with sentences computed beforehand and end to
   end (sentences included), beside ``analysis.tokenise.sentences`` alone as the baseline: the
   cheapest pass any study makes over the same text.
2. **Stray marks.** One document of ``n`` stray quote marks (straight, curly, guillemets,
   apostrophes and ``''``, mixed with words, "said" cues and paragraph breaks), for ``n``
   doubling; and one paragraph of ``n`` opening marks that are never closed. ``extract`` must
   stay linear: its time should roughly double with ``n``. The baseline on the unclosed marks
   is the textbook pairing that scans forward from every opening mark for its closing mark
   (quadratic there), run up to a size where it still finishes quickly. A third document
   repeats a short news paragraph ``n / 5`` times (names, titles with surnames, pronouns,
   passives, unattributed quotations after a named subject): the speaker rules that look
   back at earlier speakers and sentences must stay linear in the number of speakers.
3. **Gold.** Quotation F1 and speaker accuracy on the hand-annotated articles in
   ``corpus/gold/quotes``: the development sets, whose errors the rules were revised on (the
   folder itself and ``heldout/`` to ``heldout6/``), and the test set ``heldout7/``,
   annotated blind and never used to revise the rules (see the READMEs).

Run: ``python benchmarks/quotes.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import random
import time

import pandas as pd

from analysis import corpus, quotes, tokenise

_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "''"]
_FILLER = ["word ", "said ", "he ", "Moscow ", ". ", ", ", "\n\n"]


def stray_document(n_marks: int, seed: int = 0) -> str:
    """``n_marks`` quote marks scattered among words, cues and paragraph breaks."""
    rng = random.Random(seed)
    parts = []
    for _ in range(n_marks):
        parts.append(rng.choice(_MARKS))
        parts.append(rng.choice(_FILLER) if rng.random() < 0.7 else "")
    return "".join(parts)


def unclosed_document(n_marks: int) -> str:
    """One paragraph of ``n_marks`` opening quote marks that are never closed."""
    return "\u201cword " * n_marks


_NEWS = ('Anna Lee said the talks failed. "Yes, we will go," he said. Ms Lee walked away. '
         '"Then what?" Tom Ray replied.\n"We wait and see what happens," she said. '
         'Lee was accused of "lying". ')


def speakers_document(n_marks: int) -> str:
    """A news paragraph with five quotations (ten marks) and four speakers, repeated."""
    return _NEWS * max(n_marks // 10, 1)


def naive_pairs(text: str) -> int:
    """Baseline: pair every opening mark with the next closing mark found by scanning forward.

    The textbook approach; each unclosed opener scans to the end of the text, so a document
    of unclosed marks costs time quadratic in its length.
    """
    pairs = 0
    for i, ch in enumerate(text):
        if ch in "\u201c\u00ab":
            if text.find("\u201d" if ch == "\u201c" else "\u00bb", i + 1) != -1:
                pairs += 1
    return pairs


def best_of(repeat, fn, *args, **kwargs):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    # 1. SOTU
    docs = corpus.load_sotu()
    chars = int(docs["text"].str.len().sum())
    t_sent, sents = best_of(args.repeat, tokenise.sentences, docs)
    t_q, found = best_of(args.repeat, quotes.extract, docs, sentences=sents)
    t_all, _ = best_of(args.repeat, quotes.extract, docs)
    print(f"SOTU: {len(docs)} addresses, {chars:,} characters, {len(sents):,} sentences")
    print(f"{'route':<52}{'seconds':>9}{'docs/s':>9}{'MB/s':>7}")
    for name, t in [
        ("tokenise.sentences (baseline)", t_sent),
        ("quotes.extract, sentences given", t_q),
        ("quotes.extract, end to end", t_all),
    ]:
        print(f"{name:<52}{t:>9.2f}{len(docs) / t:>9.1f}{chars / t / 1e6:>7.2f}")
    print(f"extract / sentences: {t_q / t_sent:.1f}x the cost of splitting sentences")
    kinds = found["kind"].value_counts().reindex(quotes.KINDS, fill_value=0)
    print("rows found: " + ", ".join(f"{k} {v:,}" for k, v in kinds.items()))

    # 2. Stray marks
    for title, make, naive_max in [
        ("random stray marks (every kind, with words, cues and paragraph breaks)",
         stray_document, 0),
        ("unclosed opening marks in one paragraph", unclosed_document, 80_000),
        ("quoted speakers, pronouns and surnames (a news paragraph repeated)",
         speakers_document, 0),
    ]:
        print(f"\n{title}: one document of n marks")
        print(f"{'n marks':>9}{'chars':>10}{'extract s':>11}{'ratio':>7}{'naive s':>10}{'ratio':>7}")
        prev_x = prev_n = None
        for n in (10_000, 20_000, 40_000, 80_000):
            text = make(n)
            doc = pd.DataFrame({"doc_id": ["stray"], "text": [text]})
            t_x, _ = best_of(args.repeat, quotes.extract, doc)
            t_n = best_of(1, naive_pairs, text)[0] if n <= naive_max else None
            r_x = f"{t_x / prev_x:.1f}" if prev_x else ""
            r_n = f"{t_n / prev_n:.1f}" if (prev_n and t_n) else ""
            naive = f"{t_n:.3f}" if t_n is not None else "-"
            print(f"{n:>9,}{len(text):>10,}{t_x:>11.3f}{r_x:>7}{naive:>10}{r_n:>7}")
            prev_x, prev_n = t_x, t_n
    print("(ratio: time over the previous row's; about 2 is linear, about 4 quadratic)")

    # 3. Gold: the development sets (rules revised on their errors) and the test sets
    from analysis.quotes._eval import GOLD_ROLES, GOLD_SETS, gold_set

    for name in GOLD_SETS:
        texts, gold = gold_set(name)
        scores = quotes.evaluate(quotes.extract(texts), gold)
        print(f"\ngold ({name}, {GOLD_ROLES[name]}): {len(texts)} articles, "
              f"{int((gold['kind'] != 'scare').sum())} quotations (direct, partial, indirect)")
        print(scores.round(3).to_string(index=False))


if __name__ == "__main__":
    main()
