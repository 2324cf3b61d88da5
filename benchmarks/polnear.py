"""Who says what on real news: quotation extraction against PolNeAR's trained annotators.

PolNeAR (Newell, Margolin & Ruths 2018) is kept beside the repository (``../shared/polnear``,
never committed; read its ABOUT.md). This scores ``quotes.extract`` with no actor list on one
split (default: dev, the measure; train is for finding errors) by the protocol of
:func:`analysis.quotes._eval.score_attributions`: a found span matches a gold content when it
covers 30% of it, one to one; content with quotation marks is a quotation, unquoted content
counts only when its cue is a speech or writing verb; a speaker is right when its mention
overlaps the gold Source or the names agree. Intervals: 1,000 document-bootstrap resamples.

Run: ``python benchmarks/polnear.py [--split dev] [--root ../shared/polnear]``
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import quotes  # noqa: E402
from analysis.quotes._eval import read_attributions, score_attributions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--root", default=str(ROOT.parent / "shared" / "polnear"))
    args = parser.parse_args()
    if not Path(args.root).is_dir():
        print(f"{args.root}: not here; nothing to measure")
        return
    docs, gold = read_attributions(args.root, args.split)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = quotes.extract(docs)
    seconds = time.perf_counter() - t0
    print(f"PolNeAR {args.split}: {len(docs)} articles, {len(gold)} scored attributions "
          f"({(gold['kind'] == 'direct').sum()} with quotation marks); extract {seconds:.2f} s")
    table = score_attributions(found, gold)
    for r in table.itertuples():
        print(f"  {r.group:<12} F1 {r.f1:.3f} [{r.f1_low:.3f}, {r.f1_high:.3f}]  "
              f"P {r.precision:.3f} R {r.recall:.3f}  speakers {r.speaker_correct}/{r.tp} = "
              f"{r.speaker_accuracy:.3f} [{r.speaker_low:.3f}, {r.speaker_high:.3f}]")


if __name__ == "__main__":
    main()
