"""Actors: canonical names, aliases, types and affiliations for the speakers of a corpus.

An actor list is a YAML file that a study passes explicitly (the case study's is
``corpus/actors.yml``, whose header documents the format); there is no default list:
``actors=None`` everywhere means none, and speakers keep the names the text gives them. It is read with :func:`yaml.safe_load`, so a file can hold data and nothing
executable, and it is validated entry by entry with errors that name the file and line.

Matching a name to an actor
---------------------------
:func:`normalise` maps a surface form to its actor's canonical name, tolerant of the ways
reporters vary a name:

* case ("the top US diplomat" = "the Top US Diplomat");
* a leading "the" ("the Russian Foreign Ministry" = "Russian Foreign Ministry");
* full stops in abbreviations ("U.S." = "US"), hyphens ("Secretary-General" = "Secretary
  General"), curly apostrophes ("Russia’s" = "Russia's") and runs of whitespace;
* a title in front of a known name: the longest alias that ends the name wins, when the word
  before it is not a preposition ("NATO Secretary-General Jens Stoltenberg" -> "Jens
  Stoltenberg", but "Ukraine's ambassador to Russia" stays as it is);
* a coordination of known actors ("The United States and NATO" -> "Washington and NATO").

A name that matches nothing is returned as given (surrounding whitespace removed), so a table
of speakers always holds either a canonical name or the text's own words.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import ActorListError, CorpusError  # noqa: F401  (CorpusError: its base)

__all__ = [
    "PRONOUNS",
    "TYPES",
    "actor_table",
    "normalise",
]

#: Allowed values of ``type``.
TYPES = ("person", "organisation", "place")
#: Allowed values of ``pronoun``.
PRONOUNS = ("he", "she", "they", "it")

_FIELDS = {"name", "type", "affiliation", "aliases", "pronoun"}
_REQUIRED = ("name", "type", "affiliation")
_COLUMNS = {"actor": "str", "alias": "str", "type": "str", "affiliation": "str"}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DOTS = re.compile(r"\.")
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014_]+")
_EDGE_PUNCT = re.compile(r"^[\s,;:!?\"'()\[\]]+|[\s,;:!?\"'()\[\]]+$")
_COORDINATION = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)", re.IGNORECASE)
# A word before a matched tail that makes the tail a complement, not the head of the name.
_PREPOSITIONS = frozenset(
    "to of in for from at with by on about against over under into near than as and or &".split()
)


def _key(name: str) -> str:
    """The matching key of a name: casefolded, no dots, one space, no leading "the".

    Examples
    --------
    >>> _key("The U.S. Secretary-of-State")
    'us secretary of state'
    >>> _key("Russia’s  foreign minister")
    "russia's foreign minister"
    """
    s = name.translate(_APOSTROPHES).casefold()
    s = _DOTS.sub("", s)
    s = _EDGE_PUNCT.sub("", s)
    s = _SEPARATORS.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


@dataclass(frozen=True)
class Actor:
    """One actor of the list (internal record; the public view is :func:`actor_table`)."""

    name: str
    type: str
    affiliation: str
    pronoun: str | None


class ActorIndex:
    """Alias lookup over an actor list; built by :func:`_index` (internal)."""

    def __init__(self, actors: list[Actor], aliases: dict[str, Actor]) -> None:
        self.actors = actors
        self.by_key = aliases
        self.by_name = {a.name: a for a in actors}
        # Aliases grouped by their number of words, for the longest-tail search.
        self._max_words = max((len(k.split()) for k in aliases), default=0)

    def lookup(self, name: str) -> Actor | None:
        """The actor ``name`` names exactly (up to :func:`_key`), else by its tail, else None."""
        key = _key(name)
        if not key:
            return None
        hit = self.by_key.get(key)
        if hit is not None:
            return hit
        words = key.split(" ")
        # Longest alias that ends the name, after a title or modifier (not a preposition).
        for n in range(min(len(words) - 1, self._max_words), 0, -1):
            tail = " ".join(words[-n:])
            hit = self.by_key.get(tail)
            if hit is not None and words[-n - 1] not in _PREPOSITIONS:
                if hit.type == "place" and _given_name(words[-n - 1]):
                    continue  # "George Washington" is a person, not the US government
                if _tail_is_name(name, n):
                    return hit
        return None

    def normalise(self, name: str) -> str:
        key = _key(name)
        hit = self.by_key.get(key) if key else None
        if hit is not None:
            return hit.name
        parts = [p for p in _COORDINATION.split(name.strip()) if p]
        if len(parts) > 1:
            found = [self.lookup(p) for p in parts]
            if all(f is not None for f in found):
                names = [f.name for f in found]  # type: ignore[union-attr]
                return ", ".join(names[:-1]) + " and " + names[-1]
        hit = self.lookup(name)
        return hit.name if hit is not None else name.strip()


def _given_name(word: str) -> bool:
    """Is ``word`` a common given name (so a place name after it is a surname)?"""
    from .quotes._names import gender

    return gender(word) is not None


def _tail_is_name(name: str, n: int) -> bool:
    """True if the last ``n`` words of ``name`` start with a capital (a name, not a phrase)."""
    words = _SEPARATORS.split(_EDGE_PUNCT.sub("", name.translate(_APOSTROPHES)).strip())
    # _key removes dots only; splitting the original on the same separators keeps word counts.
    words = [w for w in words if _DOTS.sub("", w)]
    if len(words) < n:
        return False
    first = words[-n]
    return first[:1].isupper()


# --------------------------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------------------------


def _line_of(node) -> int:
    return node.start_mark.line + 1


def _scalar_map(node) -> dict[str, object]:
    """Map of a YAML mapping node's keys to their value nodes."""
    return {k.value: v for k, v in node.value}


def _parse(text: str, where: str) -> tuple[list[Actor], dict[str, Actor]]:
    import yaml

    from ._yaml import check

    check(text, where, ActorListError, "an actor list")
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise ActorListError(f"{where}{line}: not valid YAML ({problem})") from None
    if not isinstance(data, dict) or "actors" not in data:
        raise ActorListError(f"{where}, line 1: expected a mapping with an 'actors' list")
    extra = sorted(set(map(str, data)) - {"actors"})
    top = _scalar_map(root)
    if extra:
        raise ActorListError(
            f"{where}, line {_line_of(top[extra[0]])}: unknown top-level key {extra[0]!r} "
            "(only 'actors' is allowed)"
        )
    entries = data["actors"]
    seq = top["actors"]
    if not isinstance(entries, list):
        raise ActorListError(f"{where}, line {_line_of(seq)}: 'actors' must be a list of entries")

    actors: list[Actor] = []
    aliases: dict[str, Actor] = {}
    alias_line: dict[str, int] = {}
    names: dict[str, int] = {}
    for entry, node in zip(entries, seq.value):
        line = _line_of(node)
        at = f"{where}, line {line}"
        if not isinstance(entry, dict):
            raise ActorListError(f"{at}: an actor entry must be a mapping with name, type, ...")
        fields = _scalar_map(node)
        unknown = sorted(set(map(str, entry)) - _FIELDS)
        if unknown:
            raise ActorListError(
                f"{where}, line {_line_of(fields[unknown[0]])}: unknown field {unknown[0]!r}; "
                f"allowed: {', '.join(sorted(_FIELDS))}"
            )
        for field in _REQUIRED:
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                place = f"{where}, line {_line_of(fields[field])}" if field in fields else at
                raise ActorListError(f"{place}: {field!r} must be a non-empty string")
        name = entry["name"].strip()
        if entry["type"] not in TYPES:
            raise ActorListError(
                f"{where}, line {_line_of(fields['type'])}: type {entry['type']!r} of {name!r} "
                f"must be one of {', '.join(TYPES)}"
            )
        pronoun = entry.get("pronoun")
        if pronoun is not None and pronoun not in PRONOUNS:
            raise ActorListError(
                f"{where}, line {_line_of(fields['pronoun'])}: pronoun {pronoun!r} of {name!r} "
                f"must be one of {', '.join(PRONOUNS)}"
            )
        if name in names:
            raise ActorListError(
                f"{at}: actor {name!r} is listed twice (also at line {names[name]})"
            )
        names[name] = line
        actor = Actor(name, entry["type"], entry["affiliation"].strip(), pronoun)
        actors.append(actor)

        raw_aliases = entry.get("aliases", [])
        if raw_aliases is None:
            raw_aliases = []
        if not isinstance(raw_aliases, list):
            raise ActorListError(
                f"{where}, line {_line_of(fields['aliases'])}: aliases of {name!r} must be a list"
            )
        alias_nodes = fields["aliases"].value if "aliases" in fields else []
        pairs = [(name, line)] + [
            (a, _line_of(n)) for a, n in zip(raw_aliases, alias_nodes)
        ]
        for alias, aline in pairs:
            if not isinstance(alias, str) or not _key(alias):
                raise ActorListError(
                    f"{where}, line {aline}: alias {alias!r} of {name!r} must be a non-empty string"
                )
            k = _key(alias)
            other = aliases.get(k)
            if other is not None and other.name != name:
                raise ActorListError(
                    f"{where}, line {aline}: alias {alias!r} of {name!r} also names "
                    f"{other.name!r} (line {alias_line[k]})"
                )
            aliases.setdefault(k, actor)
            alias_line.setdefault(k, aline)
    return actors, aliases


@functools.lru_cache(maxsize=8)
def _load_file(path: str, mtime_ns: int, size: int) -> tuple[ActorIndex, pd.DataFrame]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise ActorListError(f"{p}: cannot read the actor list ({err.strerror})") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise ActorListError(f"{p}: not valid UTF-8 at byte offset {err.start}") from None
    actors, aliases = _parse(text, str(p))
    return ActorIndex(actors, aliases), _table(actors, text, str(p))


def _table(actors: list[Actor], text: str, where: str) -> pd.DataFrame:
    import yaml

    data = yaml.safe_load(text)
    rows = []
    for actor, entry in zip(actors, data["actors"]):
        seen = set()
        for alias in [actor.name, *(entry.get("aliases") or [])]:
            alias = alias.strip()
            if alias in seen:
                continue
            seen.add(alias)
            rows.append((actor.name, alias, actor.type, actor.affiliation))
    return _frame(rows)


def _frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    rows = sorted(rows, key=lambda r: (r[0].casefold(), r[0], r[1].casefold(), r[1]))
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _COLUMNS.items()})
    cols = list(zip(*rows))
    return pd.DataFrame(
        {c: pd.Series(list(v), dtype="str") for c, v in zip(_COLUMNS, cols)}
    )


def _from_frame(df: pd.DataFrame) -> ActorIndex:
    missing = [c for c in ("actor", "alias") if c not in df.columns]
    if missing:
        raise ActorListError(
            f"actor table lacks column(s) {', '.join(missing)}; expected actor, alias, type, "
            "affiliation (see analysis.actors.actor_table)"
        )
    actors: dict[str, Actor] = {}
    aliases: dict[str, Actor] = {}
    has_type = "type" in df.columns
    has_aff = "affiliation" in df.columns
    for i, row in enumerate(df.itertuples(index=False)):
        name, alias = getattr(row, "actor"), getattr(row, "alias")
        if not isinstance(name, str) or not isinstance(alias, str) or not _key(alias):
            raise ActorListError(f"actor table, row {i}: actor and alias must be non-empty strings")
        typ = getattr(row, "type") if has_type else "organisation"
        aff = getattr(row, "affiliation") if has_aff else ""
        if typ not in TYPES:
            raise ActorListError(f"actor table, row {i}: type {typ!r} must be one of {TYPES}")
        actor = actors.setdefault(name, Actor(name, typ, aff, None))
        for k in (_key(name), _key(alias)):
            other = aliases.get(k)
            if other is not None and other.name != name:
                raise ActorListError(
                    f"actor table, row {i}: alias {alias!r} of {name!r} also names {other.name!r}"
                )
            aliases[k] = actor
    return ActorIndex(list(actors.values()), aliases)


_NO_ACTORS = None  # the empty index, built once


def _index(actors: str | os.PathLike | pd.DataFrame | ActorIndex | None = None) -> ActorIndex:
    """An :class:`ActorIndex` from a path, a table or an index; ``None`` is the empty list."""
    global _NO_ACTORS
    if isinstance(actors, ActorIndex):
        return actors
    if actors is None:
        if _NO_ACTORS is None:
            _NO_ACTORS = ActorIndex([], {})
        return _NO_ACTORS
    if isinstance(actors, pd.DataFrame):
        return _from_frame(actors)
    if not isinstance(actors, (str, os.PathLike)):
        raise TypeError(
            "actors must be a path to an actors YAML file, a table from actor_table() or None, "
            f"not {type(actors).__name__}"
        )
    return _load_path(Path(actors))[0]


def _load_path(p: Path) -> tuple[ActorIndex, pd.DataFrame]:
    if not p.exists():
        raise ActorListError(f"{p}: no such actor list")
    if p.is_dir():
        raise ActorListError(f"{p}: is a folder, not an actor list (a YAML file)")
    st = p.stat()
    return _load_file(str(p.resolve()), st.st_mtime_ns, st.st_size)


def actor_table(path: str | os.PathLike) -> pd.DataFrame:
    """The actor list as a tidy table, one row per (actor, alias), for joins.

    Parameters
    ----------
    path : str or PathLike
        A YAML actor list in the format documented in ``corpus/actors.yml``.

    Returns
    -------
    pandas.DataFrame
        ``actor`` (canonical name), ``alias`` (a name the text may use; every actor has a row
        with its own name as alias), ``type`` (person, organisation or place) and
        ``affiliation`` (US, NATO, Russia, ...), all strings, sorted by actor then alias
        (case-insensitively). Join speakers on ``actor`` after :func:`normalise`.

    References
    ----------
    Actor lists with aliases as the unit of normalisation follow the practice of political
    event and claims coding: Schrodt, P. A. (2012). *CAMEO: Conflict and Mediation Event
    Observations Event and Actor Codebook*, Pennsylvania State University.

    Raises
    ------
    CorpusError
        For a missing or unreadable file, invalid YAML, or an invalid entry (unknown field,
        missing name/type/affiliation, a type or pronoun outside the allowed values, an actor
        listed twice, one alias naming two actors); the message gives the file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import yaml
    >>> entry = {"name": "Ursula von der Leyen", "type": "person", "affiliation": "EU",
    ...          "aliases": ["von der Leyen", "the Commission president"]}
    >>> _ = (folder / "actors.yml").write_text(yaml.safe_dump({"actors": [entry]}))
    >>> table = actor_table(folder / "actors.yml")
    >>> table.columns.tolist()
    ['actor', 'alias', 'type', 'affiliation']
    >>> table["alias"].tolist()
    ['the Commission president', 'Ursula von der Leyen', 'von der Leyen']
    """
    if path is None or not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"actor_table needs the path of an actor list (a YAML file), not {path!r}"
        )
    return _load_path(Path(path))[1].copy()


def normalise(
    name: str, *, actors: str | os.PathLike | pd.DataFrame | None = None
) -> str:
    """The canonical name of the actor ``name`` refers to, or ``name`` itself if none.

    Parameters
    ----------
    name : str
        A surface form from a text: "Blinken", "the top US diplomat", "NATO
        Secretary-General Jens Stoltenberg".
    actors : str, PathLike or pandas.DataFrame, optional
        The actor list: a YAML path or a table with at least ``actor`` and ``alias`` columns,
        such as :func:`actor_table` returns. ``None`` (the default) is no list: ``name`` is
        returned as given.

    Returns
    -------
    str
        The canonical name on a match (see the module notes for what matches), else ``name``
        with surrounding whitespace removed.

    References
    ----------
    Alias lists with normalised exact matching are the actor-normalisation step of news
    quotation trackers such as the Gender Gap Tracker: Asr, F. T., Mazraeh, M., Lopes, A.,
    et al. (2021). "The Gender Gap Tracker: Using natural language processing to measure
    gender bias in media." *PLoS ONE* 16(1): e0245533.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "actor": ["Antony Blinken", "Antony Blinken", "Jens Stoltenberg", "Washington",
    ...               "NATO"],
    ...     "alias": ["Blinken", "the top US diplomat", "Stoltenberg", "the United States",
    ...               "NATO"],
    ...     "type": ["person", "person", "person", "place", "organisation"]})
    >>> normalise("the top US diplomat", actors=table)
    'Antony Blinken'
    >>> normalise("NATO Secretary-General Jens Stoltenberg", actors=table)
    'Jens Stoltenberg'
    >>> normalise("The United States and NATO", actors=table)
    'Washington and NATO'
    >>> normalise("a senior official", actors=table)
    'a senior official'
    >>> normalise("the top US diplomat")  # no actor list: the text's own words
    'the top US diplomat'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, not {type(name).__name__}")
    return _index(actors).normalise(name)  # type: ignore[arg-type]
