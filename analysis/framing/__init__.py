"""Framing: find a codebook's frame terms in a corpus, in whose voice, and how prevalent.

A frame lexicon (:class:`FrameLexicon`, usually ``corpus/frames.yml``) lists, per frame,
phrases such as "aggressive course", "information hysteria" or "escalat*". :func:`find`
returns every occurrence with its character span, sentence, voice and speaker;
:func:`prevalence` turns the hits into counts per 1,000 word tokens per group.

Matching rules (the term syntax is documented in :class:`FrameLexicon`)
------------------------------------------------------------------------
* One pass over each text for the whole lexicon: every term is anchored in one Aho-Corasick
  automaton and checked in place by its escaped, compiled pattern (never one regex search per
  term over the text).
* Word-boundary aware: ``course`` does not match inside "courses"; ``course*`` does.
* **Exclusions** (``exclude``) suppress, within their frame, every hit whose span overlaps an
  occurrence of the exclusion: ``exclude: [of course]`` removes ``course`` in "of course".
* **Longest match within a frame**: when two hits of the same frame overlap, the longer one
  is kept ("aggressive course" rather than "aggress*"; ties go to the earlier start, then to
  the term listed first). This is quanteda's ``nested_scope = "key"`` (Benoit et al. 2018),
  extended from nested to all overlapping matches.
* **A term in two frames counts in both**: frames never compete for a span (quanteda's
  multi-key dictionary behaviour), so frame counts can sum to more than the number of spans.

Voice and speaker (from :func:`analysis.quotes.extract`)
---------------------------------------------------------
A hit takes the voice of the quotation that contains its whole span (the innermost one when
quotations nest):

=====================  ===========  =============================================
quotation ``kind``     ``voice``    ``speaker``
=====================  ===========  =============================================
direct, partial        quoted       the quotation's speaker
indirect               indirect     the reporting subject ("Moscow said ...")
scare                  authorial    missing; ``quote_kind`` is ``"scare"``
(none)                 authorial    missing
=====================  ===========  =============================================

Direct and partial quotations reproduce the speaker's own words, so a frame term inside them
is the speaker's wording. Indirect speech gets a voice of its own because its words are the
journalist's paraphrase attributed to a speaker: the frame is ascribed to the speaker, but the
wording is not evidence that the speaker used it (the distinction between direct and indirect
discourse representation in Fairclough 1992 and Semino & Short 2004). The two-valued voice of
the design (``quoted``/``authorial``) is one line away:
``hits["voice"].replace({"indirect": "quoted"})``. Scare quotes mark the journalist's
distance from a word but are the journalist's voice; ``quote_kind == "scare"`` keeps them
visible. When a hit lies in quotations of several kinds, direct/partial beats indirect beats
scare (a scare-quoted word inside a direct quotation is the speaker's).
"""

from __future__ import annotations

from ._find import (  # noqa: F401
    HIT_COLUMNS,
    PREVALENCE_COLUMNS,
    Frame,
    FrameLexicon,
    LexiconError,
    Term,
    VOICES,
    as_lexicon,
    find,
    plot_speakers,
    plot_voices,
    prevalence,
)

__all__ = [
    "HIT_COLUMNS",
    "PREVALENCE_COLUMNS",
    "Frame",
    "FrameLexicon",
    "LexiconError",
    "Term",
    "VOICES",
    "as_lexicon",
    "find",
    "plot_speakers",
    "plot_voices",
    "prevalence",
]
