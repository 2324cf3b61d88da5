"""Sentences about a result table: the narrative of a study template, written from its data.

A study template (``discourse report --corpus ...``) says nothing that its corpus did not
produce. Each function here takes one of the toolkit's result tables and returns Markdown: the
sentences a careful analyst would write under that table (the top frames with their counts and
rates, who is quoted most, the strongest keywords, what the validation found), with the
numbers taken from the table and the frame labels of the researcher's codebook. A function
given an empty table says so instead of inventing a finding.

Text that comes from the corpus (speaker names, words, labels) is escaped for Markdown, so a
name with ``*`` or ``<`` in it prints as itself.

>>> import pandas as pd
>>> rates = pd.DataFrame({"frame": ["risk", "innovation"], "hits": [24, 0],
...                       "tokens": [8000, 8000], "per_1000": [3.0, 0.0]})
>>> print(frames(rates, labels={"risk": "Risk and safety", "innovation": "Innovation"}))
The most prevalent frame is **Risk and safety**: 24 hits, 3.00 per 1,000 words. 1 of 2 frames has no hit in this corpus: Innovation.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "corpus",
    "frames",
    "frames_against_reference",
    "group_keywords",
    "kinds",
    "sentiment_words",
    "frames_by_group",
    "frames_by_voice",
    "keywords",
    "sentiment",
    "top_words",
    "validation",
    "voices",
]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_VOICE_WORDS = {
    "authorial": "the journalist's own voice",
    "quoted": "quotation marks (a speaker's words)",
    "indirect": "reported speech (a speaker's view in the journalist's words)",
}


def md(text: object) -> str:
    """``text`` escaped for Markdown and HTML (corpus text is untrusted).

    >>> md("<b>*AI*</b>")
    '&lt;b&gt;\\\\*AI\\\\*&lt;/b&gt;'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def _n(value: float | int) -> str:
    """A count with thousands separators."""
    return f"{int(value):,}"


def _rate(value: float) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:,.2f}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{_n(n)} {one if n == 1 else (many or one + 's')}"


def _listing(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _label(frame: str, labels: Mapping[str, str] | None) -> str:
    return md(labels.get(frame, frame) if labels else frame)


def corpus(docs: pd.DataFrame, sizes: pd.DataFrame, *, name: str = "The corpus") -> str:
    """Size, period and sources of a corpus.

    Parameters
    ----------
    docs : pandas.DataFrame
        The corpus (``doc_id``, ``text``, metadata), as from :func:`analysis.corpus.load`.
    sizes : pandas.DataFrame
        :func:`analysis.tokenise.document_sizes` of ``docs``.
    name : str
        How to call the corpus at the start of the sentence.
    """
    n_docs = len(docs)
    if n_docs == 0:
        return f"{md(name)} holds no documents."
    words = int(sizes["words"].sum())
    out = [
        f"{md(name)} holds {_plural(n_docs, 'document')}: {_n(sizes['sentences'].sum())} "
        f"sentences and {_n(words)} words (median {_n(sizes['words'].median())} words per "
        "document)."
    ]
    if "date" in docs.columns and docs["date"].notna().any():
        dates = docs["date"].dropna()
        missing = n_docs - len(dates)
        lo, hi = dates.min(), dates.max()
        span = f"from {lo.day} {lo:%B %Y} to {hi.day} {hi:%B %Y}"
        out.append(
            f"The documents are dated {span}"
            + (f"; {_plural(missing, 'document')} {'has' if missing == 1 else 'have'} no date." if missing else ".")
        )
    else:
        out.append("The documents carry no dates, so the report has no time series.")
    if "source" in docs.columns and docs["source"].notna().any():
        top = docs["source"].astype(str).value_counts().sort_index(kind="stable")
        top = top.sort_values(ascending=False, kind="stable")
        shown = [f"{md(s)} ({_n(c)})" for s, c in top.head(5).items()]
        more = f", and {_plural(len(top) - 5, 'other source')}" if len(top) > 5 else ""
        out.append(f"They come from {_plural(len(top), 'source')}: {', '.join(shown)}{more}.")
    return " ".join(out)


def top_words(counts: pd.DataFrame, *, n: int = 10) -> str:
    """The most frequent words of a :func:`analysis.frequency.counts` table."""
    if counts.empty:
        return "The corpus has no content words to count."
    top = counts.head(n)
    listed = [f"*{md(t)}* ({_n(c)})" for t, c in zip(top["term"], top["count"])]
    return f"The most frequent content words are {_listing(listed)}."


def frames(rates: pd.DataFrame, *, labels: Mapping[str, str] | None = None, top: int = 3) -> str:
    """Which frames lead, with counts and rates, and which have no hit.

    Parameters
    ----------
    rates : pandas.DataFrame
        :func:`analysis.framing.prevalence` over the whole corpus (``frame, hits, tokens,
        per_1000``; one row per frame).
    labels : mapping, optional
        Frame labels of the codebook (``FrameLexicon.labels``).
    top : int
        How many frames to name.
    """
    if rates.empty:
        return "The codebook has no frames."
    order = rates.sort_values(["hits", "frame"], ascending=[False, True], kind="stable")
    hit = order[order["hits"] > 0]
    zero = order[order["hits"] == 0]
    out = []
    if hit.empty:
        out.append(
            f"None of the {_plural(len(order), 'frame')} of the codebook has a hit in this "
            "corpus: check the terms against the texts (a KWIC search) before reading anything "
            "into their absence."
        )
        return " ".join(out)
    first = hit.iloc[0]
    out.append(
        f"The most prevalent frame is **{_label(first['frame'], labels)}**: "
        f"{_plural(int(first['hits']), 'hit')}, {_rate(first['per_1000'])} per 1,000 words."
    )
    rest = hit.iloc[1:top]
    if len(rest):
        out.append(
            "It is followed by "
            + _listing([
                f"**{_label(r.frame, labels)}** ({_plural(int(r.hits), 'hit')}, {_rate(r.per_1000)} per 1,000)"
                for r in rest.itertuples()
            ])
            + "."
        )
    if len(zero):
        names = [_label(f, labels) for f in zero["frame"]]
        verb = "has" if len(zero) == 1 else "have"
        out.append(f"{_n(len(zero))} of {_n(len(order))} frames {verb} no hit in this corpus: {_listing(names)}.")
    total = int(hit["hits"].sum())
    if total < 20:
        out.append(
            f"With {_plural(total, 'hit')} in all, differences between frames rest on a handful "
            "of occurrences."
        )
    return " ".join(out)


def frames_by_voice(hits: pd.DataFrame, *, labels: Mapping[str, str] | None = None) -> str:
    """How much of the framing is the journalist's, quoted or reported, and whose.

    ``hits`` is :func:`analysis.framing.find`'s output (``frame, voice, speaker``).
    """
    if hits.empty:
        return "There are no frame hits to attribute to a voice."
    total = len(hits)
    shares = hits["voice"].value_counts()
    parts = [
        f"{shares.get(v, 0) / total:.0%} in {_VOICE_WORDS[v]}"
        for v in ("authorial", "quoted", "indirect")
        if shares.get(v, 0)
    ]
    out = [f"Of {_plural(total, 'frame hit')}, {_listing(parts)}."]
    spoken = hits[hits["speaker"].notna()]
    if len(spoken):
        who = spoken["speaker"].astype(str).value_counts()
        who = who.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        speaker, n = who.index[0], int(who.iloc[0])
        frames_of = spoken[spoken["speaker"].astype(str) == speaker]["frame"].value_counts()
        frames_of = frames_of.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        out.append(
            f"The speaker whose words carry most frame terms is **{md(speaker)}** "
            f"({_plural(n, 'hit')}, most often {_label(frames_of.index[0], labels)})."
        )
    by_frame = pd.crosstab(hits["frame"], hits["voice"] != "authorial")
    if True in by_frame.columns:
        share = (by_frame[True] / by_frame.sum(axis=1)).sort_index(kind="stable")
        share = share[by_frame.sum(axis=1) >= 3].sort_values(ascending=False, kind="stable")
        if len(share):
            f = share.index[0]
            out.append(
                f"Among frames with at least three hits, **{_label(f, labels)}** is the most "
                f"often voiced by others ({share.iloc[0]:.0%} of its hits quoted or reported)."
            )
    return " ".join(out)


def frames_by_group(
    rates: pd.DataFrame,
    by: str,
    *,
    labels: Mapping[str, str] | None = None,
    documents: Mapping[object, int] | None = None,
) -> str:
    """For each frame with hits, the group where it is most prevalent (per 1,000 words).

    ``rates`` is :func:`analysis.framing.prevalence` with ``by=[by]``; ``documents``, the
    number of documents per group, adds a warning for groups of fewer than five.
    """
    if rates.empty or rates["hits"].sum() == 0:
        return f"No frame has a hit in any {md(by)} group."
    lines = []
    groups = rates[by].nunique()
    for frame, part in rates.groupby("frame", sort=False):
        if part["hits"].sum() == 0:
            continue
        part = part.sort_values(["per_1000", by], ascending=[False, True], kind="stable")
        top = part.iloc[0]
        low = part.iloc[-1]
        lines.append(
            f"* **{_label(frame, labels)}**: highest in {md(top[by])} "
            f"({_rate(top['per_1000'])} per 1,000 words, {_plural(int(top['hits']), 'hit')}), "
            f"lowest in {md(low[by])} ({_rate(low['per_1000'])})."
        )
    head = f"Across {_plural(groups, 'value')} of `{md(by)}`:"
    text = head + "\n\n" + "\n".join(lines)
    if documents:
        small = sorted(str(g) for g, n in documents.items() if n < 5)
        if small:
            text += (
                f"\n\n{_plural(len(small), 'group')} ({_listing([md(g) for g in small[:6]])}"
                f"{', ...' if len(small) > 6 else ''}) {'has' if len(small) == 1 else 'have'} fewer "
                "than five documents: their rates rest on very few texts."
            )
    return text


def voices(table: pd.DataFrame, *, top: int = 3) -> str:
    """Who is quoted most, from :func:`analysis.quotes.voices`."""
    if table.empty:
        return "The extractor found no quotation or reported speech in this corpus."
    named = table[table["speaker"].notna()]
    unnamed = table[table["speaker"].isna()]
    n_quotes = int(table["quotations"].sum())
    out = [
        f"The corpus holds {_plural(n_quotes, 'quotation')} and reported clauses "
        f"({_n(table['direct'].sum())} direct, {_n(table['partial'].sum())} partial, "
        f"{_n(table['indirect'].sum())} indirect) from {_plural(len(named), 'speaker')}."
    ]
    if len(named):
        lead = named.head(top)
        listed = [
            f"**{md(r.speaker)}** ({_plural(int(r.quotations), 'quotation')}; "
            f"{_plural(int(r.quoted_words), 'word')} in quotation marks, "
            f"{_n(r.indirect_words)} reported)"
            for r in lead.itertuples()
        ]
        out.append(
            "The speakers given the most words (quoted and reported together) are "
            f"{_listing(listed)}."
        )
        total = table["quoted_words"].sum()
        if total:
            share = lead["quoted_words"].sum() / total
            out.append(
                f"{'This speaker holds' if len(lead) == 1 else f'These {len(lead)} hold'} "
                f"{share:.0%} of all the words in quotation marks."
            )
        by_count = named.sort_values(["quotations", "speaker"], ascending=[False, True], kind="stable").iloc[0]
        if by_count["speaker"] != lead.iloc[0]["speaker"]:
            out.append(
                f"Counted by quotations rather than words, **{md(by_count['speaker'])}** leads "
                f"({_plural(int(by_count['quotations']), 'quotation')})."
            )
    if len(unnamed) and int(unnamed["quotations"].iloc[0]):
        out.append(
            f"{_plural(int(unnamed['quotations'].iloc[0]), 'quotation')} "
            f"{'has' if int(unnamed['quotations'].iloc[0]) == 1 else 'have'} no speaker the rules could find."
        )
    return " ".join(out)


def kinds(table: pd.DataFrame) -> str:
    """How actors are let speak, from a table of ``kind, quotations`` (one row per kind)."""
    counts = dict(zip(table["kind"], table["quotations"].astype(int)))
    spoken = sum(v for k, v in counts.items() if k != "scare")
    if not spoken and not counts.get("scare"):
        return "The extractor found no quotation marks and no reported speech."
    out = []
    if spoken:
        parts = [f"{counts.get(k, 0) / spoken:.0%} {k}" for k in ("direct", "partial", "indirect")]
        out.append(f"Of {_plural(spoken, 'attributed quotation')} and reported clauses, {_listing(parts)}.")
    if counts.get("scare"):
        out.append(
            f"Besides, {_plural(counts['scare'], 'pair')} of quotation marks have no speaker near "
            "(scare quotes, titles, terms held at a distance) and are not counted as anyone's words."
        )
    return " ".join(out)


def keywords(
    table: pd.DataFrame, *, target: str = "the corpus", reference: str = "the reference", n: int = 10
) -> str:
    """The strongest keywords of :func:`analysis.keyness.compare` (target against reference)."""
    if table.empty:
        return f"No word is frequent enough in {md(target)} to test against {md(reference)}."
    sig = table[table["significant"]] if "significant" in table.columns else table
    over = sig[sig["ll"] > 0]
    under = sig[sig["ll"] < 0]
    out = [
        f"Of {_plural(len(table), 'word')} tested, {_n(len(over))} are significantly more "
        f"frequent in {md(target)} than in {md(reference)} and {_n(len(under))} less frequent "
        "(log-likelihood, p < 0.05 with Bonferroni correction)."
        if "significant" in table.columns else ""
    ]
    if len(over):
        lead = over.head(n)
        listed = [f"*{md(t)}* ({_n(a)} against {_n(b)})" for t, a, b in zip(lead["term"], lead["a"], lead["b"])]
        out.append(f"The strongest: {_listing(listed)} (counts in {md(target)} and {md(reference)}).")
    else:
        out.append(f"No word is significantly overused in {md(target)}.")
    return " ".join(s for s in out if s)


def sentiment(summary: pd.DataFrame, by: str) -> str:
    """Mean VADER compound per group with its interval, from :func:`analysis.sentiment.aggregate`."""
    if summary.empty:
        return "There are no sentences to score."
    order = summary.sort_values(["mean_compound", by], ascending=[False, True], kind="stable")
    parts = [
        f"{md(getattr(r, by))}: {r.mean_compound:+.3f} (95% interval {r.mean_ci_low:+.3f} to "
        f"{r.mean_ci_high:+.3f}, {_plural(int(r.n), 'sentence')})"
        for r in order.itertuples()
    ]
    out = [f"Mean sentence compound by {md(by)}, highest first: " + "; ".join(parts) + "."]
    if len(order) >= 2:
        hi, lo = order.iloc[0], order.iloc[-1]
        overlap = hi["mean_ci_low"] <= lo["mean_ci_high"]
        out.append(
            "The intervals of the highest and the lowest group overlap, so the data do not "
            "separate their tone." if overlap else
            f"The intervals of {md(hi[by])} and {md(lo[by])} do not overlap; as sentences of one "
            "article are not independent, this is weaker evidence than it looks."
        )
    return " ".join(out)


def validation(scores: pd.DataFrame, *, labels: Mapping[str, str] | None = None) -> str:
    """What a comparison with hand coding found, from :func:`analysis.validate.against_gold`."""
    rows = scores.set_index("frame") if "frame" in scores.columns else scores
    if "micro" not in rows.index:
        return "There is no validation result."
    micro = rows.loc["micro"]
    gold_n = int(micro["tp"] + micro["fn"])
    found_n = int(micro["tp"] + micro["fp"])
    if gold_n == 0:
        return "The hand coding holds no coded spans, so the codebook cannot be validated."
    out = [
        f"Against {_plural(gold_n, 'hand-coded span')}, the codebook found {_n(found_n)} hits, "
        f"{_n(micro['tp'])} of them matching a coded span of the same frame: precision "
        f"{_rate(micro['precision'])}, recall {_rate(micro['recall'])}, F1 {_rate(micro['f1'])} (micro)."
    ]
    per = rows.drop(index=[i for i in ("micro", "macro") if i in rows.index])
    per = per[(per["tp"] + per["fn"]) > 0]
    if len(per):
        worst = per.sort_values(["recall"], kind="stable").iloc[0]
        out.append(
            f"Recall is lowest for **{_label(worst.name, labels)}** ({_rate(worst['recall'])}: "
            f"{_n(worst['fn'])} of {_n(worst['tp'] + worst['fn'])} coded spans missed)."
        )
    if micro["recall"] == micro["recall"] and micro["recall"] < 0.5:
        out.append("Most coded spans are missed: the codebook's terms need widening before its rates are read.")
    if gold_n < 50:
        out.append(f"With {_plural(gold_n, 'coded span')}, these figures are rough estimates.")
    return " ".join(out)


def frames_against_reference(
    both: pd.DataFrame, *, labels: Mapping[str, str] | None = None, reference: str = "the reference"
) -> str:
    """Which frames are more and less prevalent than in the reference corpus.

    ``both`` is :meth:`analysis.workflow.study.Study.prevalence_against_reference` (``frame,
    hits_corpus, per_1000_corpus, hits_reference, per_1000_reference, ratio``).
    """
    if both.empty:
        return "The codebook has no frames."
    used = both[(both["hits_corpus"] > 0) | (both["hits_reference"] > 0)]
    if used.empty:
        return f"No frame has a hit in either corpus or in {md(reference)}."
    more = used[used["per_1000_corpus"] > used["per_1000_reference"]]
    less = used[used["per_1000_corpus"] < used["per_1000_reference"]]
    out = [
        f"Against {md(reference)}, {_plural(len(more), 'frame')} {'is' if len(more) == 1 else 'are'} "
        f"more prevalent in this corpus and {_n(len(less))} less."
    ]
    ranked = more.assign(r=more["ratio"].fillna(np.inf)).sort_values(["r", "frame"], ascending=[False, True], kind="stable")
    if len(ranked):
        top = ranked.iloc[0]
        times = "" if not np.isfinite(top["r"]) else f" ({top['r']:,.1f} times the reference rate)"
        absent = " (absent from the reference)" if top["hits_reference"] == 0 else times
        out.append(
            f"The largest difference is **{_label(top['frame'], labels)}**: "
            f"{_rate(top['per_1000_corpus'])} per 1,000 words against "
            f"{_rate(top['per_1000_reference'])}{absent}."
        )
    out.append(
        "A rate ratio compares how often the codebook's terms occur; it does not test whether "
        "the difference is larger than chance (see the keyword statistics for that)."
    )
    return " ".join(out)


def sentiment_words(terms: pd.DataFrame, *, n: int = 8) -> str:
    """The lexicon words that weigh most on the scores, from :func:`analysis.sentiment.vader_terms`."""
    if terms.empty:
        return "No word of the sentiment lexicon occurs in the corpus."
    weight = (terms["valence"] * terms["count"]).abs()
    top = terms.assign(weight=weight).sort_values(["weight", "term"], ascending=[False, True], kind="stable").head(n)
    listed = [f"*{md(t)}* ({v:+.1f}, {_plural(int(c), 'time')})" for t, v, c in zip(top["term"], top["valence"], top["count"])]
    return (
        "The lexicon words that weigh most on the scores (rating times count) are "
        + _listing(listed)
        + ". Check whether they carry tone or are the topic's own vocabulary before reading the scores as tone."
    )


def group_keywords(table: pd.DataFrame, by: str, *, n: int = 5) -> str:
    """The strongest keywords of each group against the rest, from
    :func:`analysis.keyness.compare_groups`."""
    if table.empty:
        return f"No word is frequent enough to compare the {md(by)} groups."
    lines = []
    for group, part in table.groupby(by, sort=True):
        sig = part[part["significant"] & (part["ll"] > 0)].head(n)
        if sig.empty:
            lines.append(f"* **{md(group)}**: no significant keyword against the rest.")
        else:
            words = ", ".join(f"*{md(t)}* ({_n(a)})" for t, a in zip(sig["term"], sig["a"]))
            lines.append(f"* **{md(group)}**: {words}.")
    return f"Keywords of each `{md(by)}` group against all the others (log-likelihood, Bonferroni-corrected p < 0.05; counts in the group):\n\n" + "\n".join(lines)
