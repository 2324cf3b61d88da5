"""The cue lexicon a study can extend: QuoteLexicon (public as :class:`analysis.quotes.QuoteLexicon`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..errors import UsageError
from . import _lexicon as lex


def _forms(cues: Iterable[str], what: str) -> frozenset[str]:
    if isinstance(cues, str):
        raise UsageError(f"{what} must be a collection of cue words or phrases, not one string")
    out = []
    for i, cue in enumerate(cues):
        if not isinstance(cue, str) or not cue.strip():
            raise UsageError(f"{what}[{i}] = {cue!r}: every cue must be a non-empty string")
        out.append(" ".join(cue.lower().split()))
    return frozenset(out)


@dataclass(frozen=True)
class QuoteLexicon:
    """The reporting cues the quotation rules read, as a value a study can extend.

    ``QuoteLexicon.default()`` holds the shipped cues (``analysis/quotes/data/lexicon.yml``:
    ``say_verbs``, ``act_verbs`` and ``phrase_cues``); :meth:`extend` and :meth:`without`
    return new lexicons, so a study's additions are explicit and reproducible. Pass one as
    ``quotes.extract(docs, cues=lexicon)`` (or to :func:`analysis.pipeline.run`). Every inflected
    form is listed ("blasted", not "blast"). The other word lists of the rules (titles, head
    nouns, organisation words, ...) are read-only here, in :attr:`lists`.

    Examples
    --------
    >>> lexicon = QuoteLexicon.default().extend(cues={"blasted", "fumed"})
    >>> "blasted" in lexicon and "said" in lexicon
    True
    >>> len(lexicon.without(cues={"fumed"})) == len(lexicon) - 1
    True
    """

    cues: frozenset[str]

    @classmethod
    def default(cls) -> QuoteLexicon:
        """The shipped cues."""
        return cls(lex.DEFAULT_CUES)

    def extend(self, *, cues: Iterable[str] = ()) -> QuoteLexicon:
        """A lexicon with ``cues`` added (lower case, spaces folded)."""
        return QuoteLexicon(self.cues | _forms(cues, "cues"))

    def without(self, *, cues: Iterable[str] = ()) -> QuoteLexicon:
        """A lexicon with ``cues`` removed."""
        return QuoteLexicon(self.cues - _forms(cues, "cues"))

    @property
    def lists(self) -> Mapping[str, frozenset[str]]:
        """Every word list of the rules by name, as shipped (read-only)."""
        return dict(lex.LISTS)

    def __contains__(self, cue: object) -> bool:
        return isinstance(cue, str) and " ".join(cue.lower().split()) in self.cues

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.cues))

    def __len__(self) -> int:
        return len(self.cues)
