"""Abbreviations and sentence starters, one list for every stage that reads them.

The lists are package data, ``analysis/data/abbreviations.yml``. The sentence splitter
(:mod:`analysis.tokenise`) never ends a sentence after a title ("Sen. Warren", "Cllr.
Hughes"), and the quotation rules (:mod:`analysis.quotes._units`) keep titles with their stop
as part of a speaker's name ("Mr. Doyle said"). Lower case, without the stop; plurals are
listed as such ("Sens.", "Reps.").
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["ABBREVIATIONS", "NUMERIC_ABBREVIATIONS", "SENTENCE_STARTERS", "TITLE_ABBREVIATIONS"]


def _load() -> dict[str, frozenset[str]]:
    import yaml

    from ._yaml import check
    from .errors import LexiconError

    where = "analysis/data/abbreviations.yml"
    text = (files(__package__) / "data" / "abbreviations.yml").read_text(encoding="utf-8")
    check(text, where, LexiconError, "a word list")
    data = yaml.safe_load(text)
    return {k: frozenset(v) for k, v in data.items()}


_LISTS = _load()
#: Titles written with a full stop before a name.
TITLE_ABBREVIATIONS: frozenset[str] = _LISTS["titles"]
#: Abbreviations only before a number ("No. 5", "Jan. 26").
NUMERIC_ABBREVIATIONS: frozenset[str] = _LISTS["numeric_abbreviations"]
#: Other abbreviations ("U.S.", "Inc."): a sentence ends after them only before a clear start.
ABBREVIATIONS: frozenset[str] = _LISTS["abbreviations"]
#: Capitalised words that show a new sentence starts after an abbreviation or an initial.
SENTENCE_STARTERS: frozenset[str] = _LISTS["sentence_starters"]
