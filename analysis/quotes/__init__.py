"""Who says what: quotations, reported speech and their speakers, by rules over the text.

:func:`extract` finds every quotation in a document by pairing quote marks, classifies it as
a full quotation, a quoted fragment or a scare quote, attributes it to a speaker through a
lexicon of reporting verbs, and adds the reported (indirect) speech that has no quote marks.
Speakers are the names as the document gives them, resolved within the document; a study
that passes an actor list (``actors=``, see :mod:`analysis.actors`) gets its canonical names. No model is downloaded: the rules read the text and nothing else.

Quote marks
-----------
One regular-expression scan per document finds every quote character; a stack per paragraph
pairs them (see :mod:`analysis.quotes._marks`), in time linear in the text even with thousands
of stray marks. Straight and curly double quotes, single quotes (as the outer marks in British
house style, or nested inside doubles), guillemets in either orientation, and a closing ``''``
(two apostrophes) are recognised; apostrophes (``Russia's``, ``won't``, ``students'``) are
not quote marks. A quotation that runs over several paragraphs, each opening with a mark and
only the last one closing, is one quotation. An unclosed double quote or guillemet is closed at
the end of its paragraph, never later.

Speakers
--------
Text is read sentence by sentence (:func:`analysis.tokenise.sentences`), with sentences joined
where a quotation spans them, and with each quotation collapsed to one token so that the rules
see the reporter's words around it. A *cue* is a reporting verb or phrase from the lexicon
(:data:`DEFAULT_CUES`). Its speaker is the noun phrase before it ("NATO Secretary-General Jens
Stoltenberg said", with titles, possessives and ``of``-phrases; an appositive or relative clause
may intervene: "Lavrov, Russia's top diplomat, said"), or after it when it follows a quotation or
a comma ("..., said Lavrov"), or after "according to" (up to the comma that closes the source:
"According to diplomats present at the meeting, ..."). A passive cue ("was accused of", "has
been described as") has no subject speaker; a "by" phrase after it names one ("was described
by Lavrov as"). A quotation takes, in this order:

1. the cue right after it ("QUOTE, X said", "QUOTE, said X", "QUOTE X told reporters"), also
   when it opens the next sentence and says nothing else ('"When?" Kaur replied.', where the
   sentence splitter ends a sentence after the question mark);
2. the nearest cue before it in its sentence ("X said: QUOTE", "X said the alliance QUOTE" --
   a partial quotation takes the subject of its sentence's reporting verb);
3. a later cue in its sentence with no other quotation between;
4. a passive cue with no agent at most four tokens before it in its sentence: the quotation is
   reported speech without a named speaker ("was accused of 'balancing the books'"), or a
   name when the verb names ("are called "people's democracies"": scare);
5. for a quotation that opens its sentence and has no cue: the actor named last in the up to
   three sentences since the previous quotation, within its paragraph and the one before --
   a cue's speaker, or a sentence's subject that names a person or a listed actor ("Mr. Doyle
   addressed a crowd. "Brothers, ...""); failing that, the speaker of the previous attributed
   quotation of the paragraph, or of the previous paragraph when it opens the paragraph
   (continuation);
6. for a fragment with no cue in its sentence: a cue in the neighbouring sentence of the
   paragraph.

"he", "she", "they" and "it" are resolved to the most recent earlier speaker, or named
sentence subject since, of a compatible kind: a person of matching gender, a group, or an
organisation or place. A person's gender comes, in this order, from the actor list, a
gendered title or noun ("Ms", "Sir", "Dame", "spokeswoman"), the pronoun the text has
already used for them, their given name in a list of unambiguous given names from the 1990
U.S. census (:mod:`analysis.quotes._names`), or "X said she ..."; unknown, it matches either.
A sentence subject counts as a person when titled, listed, or a full name of two to four
capitalised words that are not an organisation's ("Angus MacLeod climbed ..."), or a single
name followed by ", who" ("Morag, who met Angus, ..."). A definite description ("the
minister") resolves to the latest speaker whose description contains its head word, and a
lone surname, with or without a title ("Ms Hughes"), to the latest speaker or earlier full
name of that surname whose gender agrees. A title before a name that is not in the actor
list is dropped ("White House spokeswoman Jen Psaki" -> "Jen Psaki"); a capitalised name
with "of" or "for" after an organisation's word stays whole ("the Institute for Fiscal
Studies").

Kinds
-----
``direct``   a full quoted utterance: the quotation opens its sentence and ends it or is
             followed by its attribution, or it follows ``X said:`` / ``X said,``;
``partial``  a quoted fragment inside the reporter's sentence ("escalating tensions through
             "information hysteria"");
``indirect`` reported speech without quote marks: the clause after a cue ("Blinken said [the
             document addressed Moscow's concerns]"), a clause before a trailing attribution
             ("[The talks ended], the Elysee said"), or the clause an "according to" phrase
             frames. A reported clause that contains a quotation is reported through that
             quotation (``partial``) instead;
``scare``    quotation marks with no speaker in the sentence or its neighbours, or after
             "so-called", "dubbed", ...; a full quotation of fewer than five words with no
             speaker is also counted as scare.

Known limits: a cue verb whose subject is not a noun phrase the rules recognise (a long
description with a relative clause, a subject several clauses away) leaves the quotation
without a speaker; speech reported with verbs outside the lexicon is missed; the given-name
list is American and of 1990, so many names (Priya, Morag, Sergei) tell no gender; a
capitalised two-word company name as a sentence subject ("Lumen Semiconductor fell") is taken
for a person of unknown gender.
"""

from __future__ import annotations

from ._extract import (  # noqa: F401
    ACT_VERBS,
    COLUMNS,
    DEFAULT_CUES,
    KINDS,
    OBJECT_VERBS,
    PHRASE_CUES,
    RULES,
    SAY_VERBS,
    evaluate,
    extract,
    plot_voices,
    quoted_sentences,
    read_gold,
    voices,
)
from ._eval import GOLD_ROLES, GOLD_SETS, gold_set  # noqa: F401  (the compendium's gold sets)
from ._quote_lexicon import QuoteLexicon  # noqa: F401

__all__ = [
    "GOLD_ROLES",
    "GOLD_SETS",
    "QuoteLexicon",
    "gold_set",
    "ACT_VERBS",
    "COLUMNS",
    "DEFAULT_CUES",
    "KINDS",
    "OBJECT_VERBS",
    "PHRASE_CUES",
    "RULES",
    "SAY_VERBS",
    "evaluate",
    "extract",
    "plot_voices",
    "quoted_sentences",
    "read_gold",
    "voices",
]
