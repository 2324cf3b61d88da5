"""Speaker attribution and classification of quotations (internal to :mod:`analysis.quotes`).

The rules work on *units*: a sentence, or a run of sentences joined because a quotation runs
across them. A unit's text is cut into word and punctuation tokens with every quotation
collapsed into one QUOTE token, so the rules read the reporter's syntax around the quotations
("QUOTE , he said", "X said : QUOTE", "X said the alliance QUOTE") without being misled by
words inside them. See :func:`analysis.quotes.extract` for the rules in prose. The parts, each
readable on its own:

================  ===========================================================================
``_units``        tokens, units, cues, the cue lexicon, small word tests
``_phrases``      noun phrases, appositives, described names, sentence subjects
``_cues``         finding cues and their subjects; reported clauses and what may follow them
``_resolve``      who is who in the document: subjects to speakers (names, titles,
                  descriptions, surnames, pronouns, the actor list)
``_attribute``    every quotation and clause with its speaker, kind and rule (:data:`RULES`)
================  ===========================================================================
"""

from __future__ import annotations

from ._attribute import RULES, Row, analyse  # noqa: F401
from ._units import Lexicon, _acronym_definitions  # noqa: F401

__all__ = ["Lexicon", "RULES", "Row", "analyse"]
