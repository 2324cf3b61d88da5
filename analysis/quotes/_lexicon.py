"""Word lists for quotation attribution (internal to :mod:`analysis.quotes`).

The lists are data: ``analysis/quotes/data/lexicon.yml`` (package data, one list per
concept, each with a comment saying what it holds), read once here through the toolkit's
bounded YAML check, and exposed under upper-case names (``SAY_VERBS``, ``HEAD_NOUNS``, ...)
for the rules. Abbreviated titles come from the list the sentence splitter reads
(:mod:`analysis._abbreviations`). All entries are lower case; matching folds case and curly
apostrophes. A study extends the cues with :class:`analysis.quotes.QuoteLexicon`.
"""

from __future__ import annotations

from importlib.resources import files

from .._abbreviations import TITLE_ABBREVIATIONS
from ..errors import LexiconError

#: The package-data file the lists are read from.
DATA = "data/lexicon.yml"


def _load() -> dict[str, frozenset[str]]:
    import yaml

    from .._yaml import check

    where = f"analysis/quotes/{DATA}"
    text = (files(__package__) / DATA).read_text(encoding="utf-8")
    check(text, where, LexiconError, "a word list")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping of list names to word lists")
    out = {}
    for name, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
            raise LexiconError(f"{where}: {name!r} must be a list of lower-case words")
        out[name] = frozenset(words)
    return out


LISTS: dict[str, frozenset[str]] = _load()

SAY_VERBS = LISTS["say_verbs"]
ACT_VERBS = LISTS["act_verbs"]
NOUN_LIKE_CUES = LISTS["noun_like_cues"]
PHRASE_CUES = LISTS["phrase_cues"]
OBJECT_VERBS = LISTS["object_verbs"]
DETERMINERS = LISTS["determiners"]
PRONOUNS = LISTS["pronouns"]
BOUNDARY = LISTS["boundary"]
SKIP_BEFORE_CUE = LISTS["skip_before_cue"]
TIME_WORDS = LISTS["time_words"]
HEAD_NOUNS = LISTS["head_nouns"]
SOURCE_NOUNS = LISTS["source_nouns"]
DOCUMENT_SPEAKERS = LISTS["document_speakers"]
GROUP_HEADS = LISTS["group_heads"]
ORG_HEADS = LISTS["org_heads"]
TITLES = LISTS["titles"]
LY_ADJECTIVES = LISTS["ly_adjectives"]
DEPARTMENT_WORDS = LISTS["department_words"]
POSTNOMINALS = LISTS["postnominals"]
NAME_PARTICLES = LISTS["name_particles"]
FEMALE_WORDS = LISTS["female_words"]
MALE_WORDS = LISTS["male_words"]
CLAUSE_VERBS = LISTS["clause_verbs"]
PAST_IRREGULAR = LISTS["past_irregular"]
NOT_VERBS_ED = LISTS["not_verbs_ed"]
SCARE_MARKERS = LISTS["scare_markers"]
EVIDENCE_NOUNS = LISTS["evidence_nouns"]
COMPANY_NOUNS = LISTS["company_nouns"]
ORG_DESCRIPTIONS = LISTS["org_descriptions"]
CORPORATE_SUFFIXES = LISTS["corporate_suffixes"]
NOT_HEADS = LISTS["not_heads"]
PASSIVE_AUX = LISTS["passive_aux"]
NAMING_VERBS = LISTS["naming_verbs"]

#: The cues :func:`analysis.quotes.extract` reads by default: every reporting verb and phrase.
DEFAULT_CUES = SAY_VERBS | ACT_VERBS | PHRASE_CUES

#: Endings of nouns for people and groups not listed ("advocates", "epidemiologists",
#: "politicians", "consultants", "lawmakers", "investors", "employees").
HEAD_SUFFIXES = ("ists", "ians", "ers", "ors", "ants", "ents", "ees", "ist", "ian", "maker",
                 "makers")

#: Abbreviated titles written with a full stop ("Mr. Doyle"), kept as one token with the stop:
#: the list the sentence splitter reads too (:mod:`analysis._abbreviations`).
DOTTED_TITLES = tuple(sorted(w.capitalize() for w in TITLE_ABBREVIATIONS))


def is_head_noun(low: str) -> bool:
    """Can the lower-case word ``low`` head a speaker's noun phrase ("officials", "the
    ministry", "consumer advocates")? Listed nouns, and nouns for people by their ending."""
    if low in HEAD_NOUNS or low in ORG_HEADS:
        return True
    return (len(low) > 5 and low.endswith(HEAD_SUFFIXES) and low not in NOT_HEADS
            and not low.endswith("ments"))
