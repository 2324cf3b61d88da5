"""Abbreviated titles written with a full stop, one list for every stage that reads them.

The sentence splitter (:mod:`analysis.tokenise`) never ends a sentence after one of these
("Sen. Warren", "Cllr. Hughes"), and the quotation rules (:mod:`analysis.quotes._units`)
keep them with their stop as part of a speaker's name ("Mr. Doyle said"). Lower case, without
the stop; plurals are listed as such ("Sens.", "Reps.").
"""

from __future__ import annotations

__all__ = ["TITLE_ABBREVIATIONS"]

TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms mx messrs mme mlle dr drs prof profs rev hon sen sens rep reps gov govs gen gens
    lt col maj capt cmdr adm sgt cpl pvt brig st mt ft supt insp det amb atty pres fr cllr cllrs
    """.split()
)
