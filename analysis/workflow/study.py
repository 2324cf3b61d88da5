"""A researcher's study: the inputs of a study template, loaded and checked once.

``discourse report --corpus C --lexicon L --out DIR`` runs the study templates (see
:mod:`analysis.report`); each template opens a :class:`Study` from its parameters and asks it
for the tables and figures of its sections, so the notebooks chain calls and hold no logic.
A study knows only what it is given: its corpus, its codebook, and optionally an actor list,
extra reporting cues, a reference corpus, a grouping column and hand-coded frame spans. No
input of the case study is a default.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
...     'Regulators warned of risks. "The rules are coming," said Maria Lopez.',
...     "Startups fear the compliance burden."]})
>>> codebook = {"frames": {"risk": {"label": "Risk and safety", "terms": ["risk*"]},
...                        "burden": {"label": "Regulatory burden", "terms": ["burden*"]}}}
>>> s = Study(docs, codebook, cache_dir=False)
>>> s.prevalence()[["label", "hits", "per_1000"]].round(1).values.tolist()
[['Risk and safety', 1, 62.5], ['Regulatory burden', 1, 62.5]]
>>> s.has_dates, s.has_reference, s.has_groups, s.has_gold
(False, False, False, False)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import StudyError

__all__ = ["Study", "read_cues"]


def read_cues(path: str | os.PathLike, *, extend: bool = True) -> frozenset[str]:
    """Reporting cues from a text file: one cue per line (``blasted``, ``according to``).

    Blank lines and lines starting with ``#`` are ignored; forms are lower-cased with runs of
    spaces folded. With ``extend=True`` (the default) the file's cues are added to
    :data:`analysis.quotes.DEFAULT_CUES`; with ``False`` they replace them.

    Raises
    ------
    StudyError
        For a missing or unreadable file, or one with no cue, naming the file.
    """
    from ..quotes import DEFAULT_CUES

    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise StudyError(f"{p}: no such cue list") from None
    except UnicodeDecodeError as err:
        raise StudyError(f"{p}: not valid UTF-8 at byte offset {err.start}") from None
    except OSError as err:
        raise StudyError(f"{p}: cannot read the cue list ({err.strerror})") from None
    forms = {" ".join(line.lower().split()) for line in lines if line.strip() and not line.lstrip().startswith("#")}
    if not forms:
        raise StudyError(f"{p}: the cue list holds no cue (one per line)")
    return frozenset(forms | set(DEFAULT_CUES)) if extend else frozenset(forms)


def _load_corpus(source, options=None):
    from .. import corpus

    if isinstance(source, pd.DataFrame):
        return corpus.validate(source), "the corpus"
    if str(source) == "sotu":
        return corpus.load_sotu(), "the State of the Union addresses"
    p = Path(source)
    return corpus.load(p, **(options or {})), p.stem if p.is_file() else p.name


class Study:
    """The inputs of one study and the cached analysis of its corpus.

    Parameters
    ----------
    corpus : path or pandas.DataFrame
        The corpus (a folder of ``.txt`` files, a ``.csv``/``.jsonl``/``.parquet`` table, or a
        table already loaded).
    lexicon : FrameLexicon, path or dict
        The codebook.
    actors : path or pandas.DataFrame, optional
        An actor list for speaker normalisation; None keeps the documents' own names.
    cues : path or collection of str, optional
        A cue file (see :func:`read_cues`, added to the default cues) or a cue collection.
    reference : path or "sotu", optional
        A reference corpus for the keyword and prevalence comparisons.
    by : str, optional
        A metadata column of the corpus to compare groups by.
    gold : path, optional
        Hand-coded frame spans (CSV, see :func:`analysis.validate.read_gold`).
    figures_dir : path, default "figures"
    cache_dir : path or False, optional
        The pipeline cache (see :func:`analysis.pipeline.run`).
    name : str, optional
        How the reports call the corpus (default: its folder or file name).
    load_options : dict, optional
        Options of :func:`analysis.corpus.load` (``recursive``, ``date_format``, ``dayfirst``,
        ``date_unit``) for the corpus and the reference.
    """

    def __init__(
        self,
        corpus,
        lexicon,
        *,
        actors=None,
        cues=None,
        reference=None,
        by: str | None = None,
        gold=None,
        figures_dir: str | os.PathLike = "figures",
        cache_dir=None,
        name: str | None = None,
        load_options: dict | None = None,
    ) -> None:
        from ..framing import as_lexicon

        self.load_options = dict(load_options or {})
        self.docs, default_name = _load_corpus(corpus, self.load_options)
        self.name = name or default_name
        self.codebook = as_lexicon(lexicon)
        self.labels = self.codebook.labels
        self.actors = actors or None
        if isinstance(cues, (str, os.PathLike)):
            cues = read_cues(cues)
        self.cues = cues
        self.by = by or None
        if self.by is not None and self.by not in self.docs.columns:
            meta = [c for c in self.docs.columns if c not in ("doc_id", "text")]
            raise StudyError(
                f"by={self.by!r}: no such column in the corpus; its metadata columns are "
                f"{', '.join(meta) if meta else '(none)'}"
            )
        self.reference = reference or None
        self.gold_path = gold or None
        self.figures_dir = Path(figures_dir)
        self.cache_dir = cache_dir
        self._run = None
        self._ref = None
        self._ref_name = None
        self._ref_run = None
        if self.has_dates:
            self.docs = self.docs.assign(period=self._periods())

    # -- what applies ------------------------------------------------------------------------

    @property
    def has_dates(self) -> bool:
        """True when at least two documents carry distinct dates."""
        return "date" in self.docs.columns and self.docs["date"].dropna().nunique() >= 2

    @property
    def has_reference(self) -> bool:
        return self.reference is not None

    @property
    def has_groups(self) -> bool:
        return self.by is not None

    @property
    def has_gold(self) -> bool:
        return self.gold_path is not None

    def _periods(self) -> pd.Series:
        """Year, or year and month when the dates span less than three years."""
        dates = self.docs["date"]
        span = dates.max() - dates.min()
        fmt = "%Y-%m" if span < pd.Timedelta(days=3 * 365) else "%Y"
        return dates.dt.strftime(fmt).astype("str")

    @property
    def period_unit(self) -> str:
        return "month" if self.has_dates and len(self.docs["period"].dropna().iloc[0]) == 7 else "year"

    # -- the analysis ------------------------------------------------------------------------

    @property
    def run(self):
        """The cached :func:`analysis.pipeline.run` of the corpus."""
        if self._run is None:
            from . import pipeline

            self._run = pipeline.run(
                self.docs, lexicon=self.codebook, actors=self.actors, cues=self.cues,
                cache_dir=self.cache_dir,
            )
        return self._run

    @property
    def reference_docs(self) -> pd.DataFrame:
        if self._ref is None:
            if self.reference is None:
                raise StudyError("this study has no reference corpus (give --reference)")
            self._ref, self._ref_name = _load_corpus(self.reference, self.load_options)
        return self._ref

    @property
    def reference_name(self) -> str:
        """How the reports call the reference corpus (its folder or file name)."""
        self.reference_docs
        return self._ref_name

    @property
    def reference_run(self):
        if self._ref_run is None:
            from . import pipeline

            self._ref_run = pipeline.run(
                self.reference_docs, lexicon=self.codebook, actors=self.actors, cues=self.cues,
                cache_dir=self.cache_dir,
            )
        return self._ref_run

    def sizes(self) -> pd.DataFrame:
        """:func:`analysis.tokenise.document_sizes` with the corpus metadata beside."""
        from .. import tokenise

        run = self.run
        sizes = tokenise.document_sizes(self.docs, sentences=run.sentences, tokens=run.tokens)
        meta = [c for c in ("date", "period", "source", self.by) if c and c in self.docs.columns]
        return sizes.merge(self.docs[["doc_id", *dict.fromkeys(meta)]], on="doc_id", how="left")

    def per_period(self) -> pd.DataFrame:
        """Documents and words per period (year, or month for a corpus of under three years)."""
        return self._per("period")

    def per_group(self) -> pd.DataFrame:
        """Documents and words per value of the ``by`` column."""
        return self._per(self.by)

    def _per(self, column: str) -> pd.DataFrame:
        sizes = self.sizes()
        out = (
            sizes.groupby(column, sort=True, dropna=False)
            .agg(documents=("doc_id", "size"), words=("words", "sum"))
            .reset_index()
        )
        return out

    def tokens_with(self, *columns: str) -> pd.DataFrame:
        """The token table with corpus metadata columns joined on ``doc_id``."""
        return self._with(self.run.tokens, list(columns))

    def codebook_table(self) -> pd.DataFrame:
        """One row per frame: its label, number of terms and exclusions, first terms."""
        return pd.DataFrame(
            {
                "frame": [f.label for f in self.codebook],
                "terms": [len(f.terms) for f in self.codebook],
                "exclusions": [len(f.exclude) for f in self.codebook],
                "first terms": [", ".join(t.pattern for t in f.terms[:5]) for f in self.codebook],
            }
        )

    def label(self, table: pd.DataFrame, column: str = "frame") -> pd.DataFrame:
        """``table`` with a ``label`` column (the codebook's label of ``column``) after it."""
        out = table.copy()
        at = list(out.columns).index(column) + 1
        out.insert(at, "label", out[column].map(self.labels).fillna(out[column]).astype("str"))
        return out

    def _with(self, table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
        cols = [c for c in columns if c not in table.columns]
        if not cols:
            return table
        return table.merge(self.docs[["doc_id", *cols]], on="doc_id", how="left")

    def prevalence(self, by: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Frame hits per 1,000 words, overall or by metadata columns, with labels."""
        from .. import framing

        cols = [] if by is None else ([by] if isinstance(by, str) else list(by))
        rates = framing.prevalence(
            self._with(self.run.frames, cols), self._with(self.run.tokens, cols),
            by=cols, frames=self.codebook,
        )
        return self.label(rates).rename(columns={"tokens": "words"})

    def documents_per(self, column: str) -> dict:
        """The number of documents per value of ``column`` (``period`` or the ``by`` column)."""
        return self.docs[column].value_counts(dropna=False).to_dict()

    def prevalence_against_reference(self) -> pd.DataFrame:
        """Frame rates in the corpus beside the reference corpus, with labels."""
        from .. import framing

        ours = framing.prevalence(self.run.frames, self.run.tokens, by=[], frames=self.codebook)
        ref = self.reference_run
        theirs = framing.prevalence(ref.frames, ref.tokens, by=[], frames=self.codebook)
        both = ours.merge(theirs, on="frame", suffixes=("_corpus", "_reference")).rename(
            columns={"tokens_corpus": "words_corpus", "tokens_reference": "words_reference"})
        ratio = both["per_1000_corpus"] / both["per_1000_reference"].replace(0, np.nan)
        return self.label(both.assign(ratio=ratio))

    def voice_counts(self) -> pd.DataFrame:
        """Frame hits by voice, one row per frame (labels), zero counts kept."""
        from ..framing import VOICES

        hits = self.run.frames
        table = (
            pd.crosstab(hits["frame"].astype("str"), hits["voice"].astype("str"))
            .reindex(index=list(self.codebook.names), columns=list(VOICES), fill_value=0)
            .fillna(0)
            .astype(int)
        )
        table.index = [self.labels[f] for f in table.index]
        table.index.name = "frame"
        table.columns.name = None
        return table.reset_index()

    def kwic_html(self, *, per_frame: int = 15, window: int = 6, random_state: int = 0) -> str:
        """Keyword-in-context lines for every frame of the codebook, as escaped HTML tables:
        all its hits, or a seeded random sample of ``per_frame`` of them (in document order)
        so that the lines come from across the corpus; frames without hits say so."""
        import html

        from .. import concordance

        hits = self.run.frames
        parts = []
        for frame in self.codebook.names:
            mine = hits[hits["frame"] == frame]
            label = self.labels[frame]
            if mine.empty:
                parts.append(f"<p><b>{html.escape(label)}</b>: no hit.</p>")
                continue
            shown = mine if len(mine) <= per_frame else mine.sample(
                per_frame, random_state=random_state).sort_index()
            lines = concordance.kwic(self.docs, shown, window=window, tokens=self.run.tokens)
            more = (f" (a random sample of {per_frame} of {len(mine):,} hits)"
                    if len(mine) > per_frame else "")
            parts.append(concordance.kwic_html(
                lines, columns=["doc_id", "voice", "speaker"], caption=f"{label}{more}"))
        return "\n".join(parts)

    def quotes_table(self, n: int = 25, *, random_state: int = 0) -> pd.DataFrame:
        """A seeded random sample of ``n`` quotations from across the corpus (in document
        order, text shortened), to check the attribution by eye."""
        q = self.run.quotes[["doc_id", "kind", "speaker", "cue", "text"]]
        if len(q) > n:
            q = q.sample(n, random_state=random_state).sort_index()
        return q.assign(text=q["text"].str.slice(0, 70)).reset_index(drop=True)

    def kinds(self) -> pd.DataFrame:
        from ..quotes import KINDS

        counts = self.run.quotes["kind"].value_counts().reindex(list(KINDS), fill_value=0)
        total = counts.sum()
        return pd.DataFrame({"kind": counts.index, "quotations": counts.to_numpy(),
                             "share": (counts / total).round(3).to_numpy() if total else np.nan})

    def voices(self) -> pd.DataFrame:
        from .. import quotes

        return quotes.voices(self.run.quotes, actors=self.actors)

    def scored_sentences(self) -> pd.DataFrame:
        """VADER scores per sentence, with ``quoted`` (a direct or partial quotation overlaps
        the sentence, :func:`analysis.quotes.quoted_sentences`), ``voice`` (``"with a
        quotation"`` or ``"without a quotation"``) and the corpus metadata."""
        from .. import quotes

        scores = self.run.sentiment
        quoted = quotes.quoted_sentences(scores, self.run.quotes).to_numpy()
        scores = scores.assign(
            quoted=np.array(quoted, dtype=bool),
            voice=np.where(quoted, "with a quotation", "without a quotation"),
        )
        meta = [c for c in ("period", self.by) if c and c in self.docs.columns]
        return self._with(scores, list(dict.fromkeys(meta)))

    def gold(self) -> pd.DataFrame:
        """The hand-coded spans, checked against the codebook and the corpus (no analysis is
        run, so ``discourse report`` can refuse a bad file before any kernel starts)."""
        from .. import validate

        gold = validate.read_gold(self.gold_path)
        unknown = sorted(set(gold["frame"].astype(str)) - set(self.codebook.names))
        if unknown:
            raise StudyError(
                f"{self.gold_path}: frame(s) {', '.join(unknown)} are not in the codebook "
                f"({', '.join(self.codebook.names)})"
            )
        missing = sorted(set(gold["doc_id"].astype(str)) - set(self.docs["doc_id"].astype(str)))
        if missing:
            raise StudyError(
                f"{self.gold_path}: document(s) {', '.join(missing[:5])} are not in the corpus"
            )
        lengths = dict(zip(self.docs["doc_id"].astype(str), self.docs["text"].str.len()))
        beyond = [(i, d) for i, (d, e) in enumerate(zip(gold["doc_id"].astype(str), gold["end"]))
                  if e > lengths[d]]
        if beyond:
            i, d = beyond[0]
            raise StudyError(
                f"{self.gold_path}: span {i + 1} ends after the end of document {d!r} "
                f"({lengths[d]:,} characters): are the offsets of another version of the text?"
            )
        return gold

    def validation(self) -> pd.DataFrame:
        """The codebook's hits against the hand-coded spans (:func:`analysis.validate.against_gold`)."""
        from .. import validate

        gold = self.gold()
        coded = self.run.frames[self.run.frames["doc_id"].isin(set(gold["doc_id"]))]
        return self.label(validate.against_gold(coded, gold))

    # -- figures -----------------------------------------------------------------------------

    def save(self, fig, name: str) -> None:
        """Save a figure into the study's figures folder and print the files written."""
        from .. import plots

        written = plots.save_figure(fig, name, figures_dir=self.figures_dir)
        print("\n".join(p.name for p in written))
