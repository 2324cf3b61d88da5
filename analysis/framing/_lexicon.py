"""Frame lexicons: the YAML codebook format, its validation, and the term syntax.

Term syntax
-----------
A term is one or more words separated by spaces.

* A space between words matches any run of whitespace (spaces, tabs, line breaks).
* ``*`` inside a word matches zero or more *word characters* (letters, digits, underscore:
  Python's ``\\w``), so it never crosses a space, hyphen or apostrophe: ``escalat*`` matches
  "escalate", "escalation", "escalating"; ``*lateral`` matches "unilateral", "bilateral".
* Every other character is literal (``U.S.``, ``de-escalat*``, ``won't``); patterns are
  escaped before they reach :mod:`re`, so a term can never be a regular expression.
* Curly quotes and apostrophes are folded to straight ones in terms and texts alike.
* Matching is case-insensitive unless the term says ``case_sensitive: true``.
* Word-boundary aware: where a term begins (ends) with a letter, digit or ``*``, the match may
  not begin (end) in the middle of a word, so ``course`` does not match inside "courses".
  Hyphens and apostrophes are word boundaries: ``NATO`` matches in "NATO's" and "NATO-led",
  and ``escalat*`` matches inside "de-escalation" unless an exclusion removes it.
* Every word must hold at least one letter or digit: ``*`` alone would match anything.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..tokenise import fold_quotes

__all__ = ["Frame", "FrameLexicon", "LexiconError", "Term", "parse_pattern", "pattern_regex"]

_TOP_KEYS = ("name", "description", "version", "frames")
_FRAME_KEYS = ("label", "definition", "notes", "terms", "exclude")
_TERM_KEYS = ("term", "case_sensitive", "note")
_WORDCHAR = re.compile(r"\w")
_PIECES = re.compile(r"\*+|\w+|[^\w*]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_FRAME_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_RESERVED = frozenset({"micro", "macro"})
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("map", "seq", "str", "bool", "int", "float", "null")
)


from ..errors import LexiconError, UsageError  # noqa: E402  (LexiconError: re-exported by framing)


# --------------------------------------------------------------------------------------------
# Term syntax
# --------------------------------------------------------------------------------------------

#: One element of a word: ("star", "") | ("word", letters/digits) | ("punct", other chars).
Element = tuple[str, str]


def normalise_pattern(pattern: str) -> str:
    """Fold quotes, collapse whitespace and repeated ``*``, compose accents (Unicode NFC, as
    :func:`analysis.corpus.load` does to texts): the canonical spelling of a term."""
    import unicodedata

    return re.sub(r"\*{2,}", "*", " ".join(unicodedata.normalize("NFC", fold_quotes(pattern)).split()))


def parse_pattern(pattern: str) -> tuple[tuple[Element, ...], ...]:
    """Split a term into words, and each word into star, word-character and other elements.

    Raises
    ------
    ValueError
        For an empty term, control characters, or a word with no letter or digit (a pattern
        that is only wildcards).

    Examples
    --------
    >>> parse_pattern("de-escalat*")
    ((('word', 'de'), ('punct', '-'), ('word', 'escalat'), ('star', '')),)
    """
    if not isinstance(pattern, str):
        raise UsageError(f"a term must be a string, not {type(pattern).__name__} {pattern!r}")
    if _CONTROL.search(pattern):
        raise UsageError(f"term {pattern!r} contains a control character")
    norm = normalise_pattern(pattern)
    if not norm:
        raise UsageError("empty term")
    words = []
    for word in norm.split(" "):
        if not _WORDCHAR.search(word):
            what = "only wildcards" if set(word) <= {"*"} else "no letter or digit"
            raise UsageError(
                f"term {pattern!r}: the word {word!r} has {what}; every word of a term needs "
                "a letter or digit (a pattern made only of wildcards would match anything)"
            )
        elements = []
        for piece in _PIECES.findall(word):
            if piece[0] == "*":
                elements.append(("star", ""))
            elif _WORDCHAR.match(piece):
                elements.append(("word", piece))
            else:
                elements.append(("punct", piece))
        words.append(tuple(elements))
    return tuple(words)


def _starts_wordlike(element: Element) -> bool:
    return element[0] in ("star", "word")


def pattern_regex(pattern: str) -> str:
    """The regular expression (source) for a term; every literal piece is escaped.

    Matching must be done on text folded like the pattern (quotes folded; lower-cased for a
    case-insensitive term, with the pattern lower-cased the same way).

    Examples
    --------
    >>> pattern_regex("escalat*")
    '(?<!\\\\w)escalat\\\\w*(?!\\\\w)'
    >>> pattern_regex("U.S.")
    '(?<!\\\\w)U\\\\.S\\\\.'
    """
    words = parse_pattern(pattern)
    body = r"\s+".join(
        "".join(r"\w*" if kind == "star" else re.escape(text) for kind, text in word)
        for word in words
    )
    head = r"(?<!\w)" if _starts_wordlike(words[0][0]) else ""
    tail = r"(?!\w)" if _starts_wordlike(words[-1][-1]) else ""
    return head + body + tail


# --------------------------------------------------------------------------------------------
# The lexicon objects
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Term:
    """One pattern of a frame (or one exclusion), as written in the codebook."""

    pattern: str
    case_sensitive: bool = False
    note: str | None = None
    line: int | None = None

    @property
    def key(self) -> str:
        """Canonical spelling, used to spot duplicates (case-folded unless case-sensitive)."""
        norm = normalise_pattern(self.pattern)
        return norm if self.case_sensitive else norm.lower()


@dataclasses.dataclass(frozen=True)
class Frame:
    """A frame: a name, a human label and definition, its terms and its exclusions."""

    name: str
    terms: tuple[Term, ...]
    exclude: tuple[Term, ...] = ()
    label: str = ""
    definition: str = ""
    notes: str = ""
    line: int | None = None


@dataclasses.dataclass(frozen=True)
class FrameLexicon:
    """A codebook of frames, each a list of term patterns with optional exclusions.

    Build it with :meth:`from_yaml` (a codebook file), :meth:`from_dict` (the same structure
    as Python data) or :meth:`from_terms` (``{frame: [term, ...]}``). The YAML format::

        name: Diplomatic conflict news      # optional
        description: ...                    # optional
        version: 1                          # optional
        frames:
          aggression:                       # frame name: a letter, then letters/digits/_
            label: Aggression and threat    # optional, defaults to the name
            definition: ...                 # what the frame captures and what it excludes
            notes: ...                      # optional: sources, coding decisions
            terms:                          # at least one
              - aggressive course
              - escalat*
              - {term: NATO, case_sensitive: true, note: the alliance, not "nato" in a URL}
            exclude:                        # optional; same syntax as terms
              - of course
              - de-escalat*

    Attributes
    ----------
    frames : tuple of Frame
        In codebook order.
    source : str
        The file (or ``"<dict>"``) the lexicon came from, for messages.
    name, description : str
    """

    frames: tuple[Frame, ...]
    source: str = "<dict>"
    name: str = ""
    description: str = ""

    def __post_init__(self):
        if not self.frames:
            raise LexiconError(f"{self.source}: a lexicon needs at least one frame")

    # -- constructors -------------------------------------------------------------------------

    @classmethod
    def from_yaml(cls, path: str | os.PathLike) -> FrameLexicon:
        """Read a codebook from a YAML file (loaded safely: nothing executable).

        Raises
        ------
        LexiconError
            Naming the file and line, for: a missing file, malformed YAML, a duplicate key, an
            unknown key, a missing or empty ``frames`` mapping, a frame with no terms, a
            duplicate term within a frame (or a term that is also its frame's exclusion), a
            term that is not a string, a pattern that is only wildcards, and a non-boolean
            ``case_sensitive``.

        Examples
        --------
        >>> lex = FrameLexicon.from_yaml("corpus/frames.yml")  # doctest: +SKIP
        >>> lex.names  # doctest: +SKIP
        ('aggression', 'information_war', ...)
        """
        import yaml

        path = Path(path)
        where = str(path)
        if path.is_dir():
            raise LexiconError(f"{where}: is a folder, expected a codebook (a YAML file)")
        try:
            text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except FileNotFoundError:
            raise LexiconError(f"{where}: no such lexicon file") from None
        except UnicodeDecodeError as err:
            raise LexiconError(f"{where}: not valid UTF-8 at byte offset {err.start}") from None
        except OSError as err:
            raise LexiconError(f"{where}: cannot read the codebook ({err.strerror})") from None
        from .._yaml import check

        check(text, where, LexiconError, "a codebook")
        loader = None
        try:
            loader = yaml.SafeLoader(text)
            root = loader.get_single_node()
            if root is None:
                raise LexiconError(
                    f"{where}, line 1: empty file (or only comments); expected a mapping with "
                    "'frames'"
                )
            tree = _located(root, loader, where)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            line = f", line {mark.line + 1}" if mark is not None else ""
            problem = getattr(err, "problem", None) or getattr(err, "reason", None) or str(err)
            raise LexiconError(f"{where}{line}: malformed YAML ({problem})") from None
        finally:
            if loader is not None:
                loader.dispose()
        return _build(tree, where)

    @classmethod
    def from_dict(cls, data: Mapping, *, source: str = "<dict>") -> FrameLexicon:
        """Build a lexicon from the YAML structure given as Python data.

        Errors name the entry by its key path (``frames.aggression.terms[2]``) instead of a line.

        Examples
        --------
        >>> lex = FrameLexicon.from_dict({"frames": {"talks": {"terms": ["negotiat*"]}}})
        >>> lex.names
        ('talks',)
        """
        return _build(_from_python(data, "top level", source), source)

    @classmethod
    def from_terms(cls, terms: Mapping[str, Sequence[str]], *, source: str = "<dict>") -> FrameLexicon:
        """Build a lexicon from ``{frame: [term, ...]}`` (no labels, exclusions or options).

        Examples
        --------
        >>> FrameLexicon.from_terms({"threat": ["threat*", "aggressive course"]}).frames[0].terms[1]
        Term(pattern='aggressive course', case_sensitive=False, note=None, line=None)
        """
        return cls.from_dict({"frames": {k: {"terms": list(v)} for k, v in terms.items()}}, source=source)

    # -- views --------------------------------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """Frame names in codebook order."""
        return tuple(f.name for f in self.frames)

    @property
    def labels(self) -> dict[str, str]:
        """``{frame name: label}`` in codebook order (the name where a frame has no label),
        for tables and figures that show the researcher's own frame names.

        >>> FrameLexicon.from_dict({"frames": {"risk": {"label": "Risk and safety",
        ...     "terms": ["risk*"]}, "jobs": {"terms": ["job*"]}}}).labels
        {'risk': 'Risk and safety', 'jobs': 'jobs'}
        """
        return {f.name: f.label or f.name for f in self.frames}

    def __getitem__(self, name: str) -> Frame:
        for frame in self.frames:
            if frame.name == name:
                return frame
        raise KeyError(f"no frame {name!r} in {self.source}; frames: {', '.join(self.names)}")

    def __iter__(self) -> Iterator[Frame]:
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)

    def table(self) -> pd.DataFrame:
        """The codebook as a tidy table, one row per term or exclusion.

        Returns
        -------
        pandas.DataFrame
            ``frame, label, role, term, case_sensitive, note, line``: ``role`` is ``"term"`` or
            ``"exclude"``; ``line`` is the term's line in the YAML file (missing otherwise).
            Codebook order.

        Examples
        --------
        >>> FrameLexicon.from_terms({"threat": ["threat*"]}).table()[["frame", "role", "term"]]
            frame  role     term
        0  threat  term  threat*
        """
        rows = [
            (f.name, f.label, role, t.pattern, t.case_sensitive, t.note, t.line)
            for f in self.frames
            for role, terms in (("term", f.terms), ("exclude", f.exclude))
            for t in terms
        ]
        df = pd.DataFrame(
            rows, columns=["frame", "label", "role", "term", "case_sensitive", "note", "line"]
        )
        return df.astype(
            {"frame": "str", "label": "str", "role": "str", "term": "str",
             "case_sensitive": "bool", "note": "str", "line": "Int64"}
        )


# --------------------------------------------------------------------------------------------
# Parsing: every value carries where it came from
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Node:
    value: object  # dict[str, _Node] | list[_Node] | scalar
    where: str  # "file, line 12" (YAML) or "file, frames.aggression.terms[2]" (Python data)
    line: int | None = None  # the node's first line in a YAML file
    key_where: str | None = None  # where the key naming this node sits, for mapping values
    key_line: int | None = None


def _located(node, loader, where: str) -> _Node:
    """Convert a composed YAML node into nested _Nodes, keeping each node's line."""
    import yaml

    line = node.start_mark.line + 1
    at = f"{where}, line {line}"
    if node.tag not in _PLAIN_TAGS:
        raise LexiconError(f"{at}: unsupported YAML tag {node.tag!r} (plain data only)")
    if isinstance(node, yaml.MappingNode):
        out: dict[str, _Node] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            kline = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise LexiconError(f"{where}, line {kline}: key {key!r} must be a string")
            if key in out:
                raise LexiconError(
                    f"{where}, line {kline}: duplicate key {key!r} (first at line {first[key]})"
                )
            child = _located(value_node, loader, where)
            child.key_where = f"{where}, line {kline}"
            child.key_line = kline
            out[key] = child
            first[key] = kline
        return _Node(out, at, line)
    if isinstance(node, yaml.SequenceNode):
        return _Node([_located(n, loader, where) for n in node.value], at, line)
    return _Node(loader.construct_object(node, deep=True), at, line)


def _from_python(data: object, path: str, source: str) -> _Node:
    at = f"{source}, {path}"
    if isinstance(data, Mapping):
        out = {}
        for key, value in data.items():
            if not isinstance(key, str):
                raise LexiconError(f"{at}: key {key!r} must be a string")
            sub = key if path == "top level" else f"{path}.{key}"
            out[key] = _from_python(value, sub, source)
        return _Node(out, at)
    if isinstance(data, (list, tuple)):
        return _Node([_from_python(v, f"{path}[{i}]", source) for i, v in enumerate(data)], at)
    return _Node(data, at)


def _check_keys(node: _Node, allowed: Sequence[str], what: str) -> None:
    for key, child in node.value.items():  # type: ignore[union-attr]
        if key not in allowed:
            raise LexiconError(
                f"{_key_where(child)}: unknown key {key!r} in {what}; "
                f"allowed: {', '.join(allowed)}"
            )


def _key_where(child: _Node) -> str:
    """Where a mapping entry sits: its key's line in YAML, else its key path."""
    return child.key_where or child.where


def _text(node: _Node | None, what: str) -> str:
    if node is None or node.value is None:
        return ""
    if not isinstance(node.value, str):
        raise LexiconError(f"{_key_where(node)}: {what} must be text, not {node.value!r}")
    return " ".join(node.value.split())


def _build(tree: _Node, source: str) -> FrameLexicon:
    if not isinstance(tree.value, dict):
        raise LexiconError(f"{tree.where}: expected a mapping with a 'frames' key at the top")
    _check_keys(tree, _TOP_KEYS, "the top level")
    frames_node = tree.value.get("frames")
    if frames_node is None:
        raise LexiconError(f"{tree.where}: no 'frames' key; a lexicon lists its frames under it")
    frames_where = _key_where(frames_node)
    if not isinstance(frames_node.value, dict) or not frames_node.value:
        raise LexiconError(f"{frames_where}: 'frames' must be a non-empty mapping of frame names")
    frames = []
    for name, fnode in frames_node.value.items():
        frames.append(_build_frame(name, fnode, frames_node))
    version = tree.value.get("version")
    if version is not None and not isinstance(version.value, (str, int, float)):
        raise LexiconError(f"{_key_where(version)}: version must be a number or text")
    return FrameLexicon(
        frames=tuple(frames),
        source=source,
        name=_text(tree.value.get("name"), "name"),
        description=_text(tree.value.get("description"), "description"),
    )


def _build_frame(name: str, fnode: _Node, parent: _Node) -> Frame:
    at = _key_where(fnode)
    if not _FRAME_NAME.match(name):
        raise LexiconError(
            f"{at}: frame name {name!r} must start with a letter and hold only letters, digits "
            "and '_' (it becomes a column value); put the readable name under 'label'"
        )
    if name.lower() in _RESERVED:
        raise LexiconError(f"{at}: {name!r} is reserved for averages in validation tables")
    if not isinstance(fnode.value, dict):
        raise LexiconError(f"{at}: frame {name!r} must be a mapping with at least 'terms'")
    _check_keys(fnode, _FRAME_KEYS, f"frame {name!r}")
    terms_node = fnode.value.get("terms")
    if terms_node is None or terms_node.value is None or terms_node.value == []:
        where = _key_where(terms_node) if terms_node is not None else at
        raise LexiconError(f"{where}: frame {name!r} is empty: it needs at least one term")
    terms = _build_terms(terms_node, fnode, name, "terms")
    exclude_node = fnode.value.get("exclude")
    exclude = () if exclude_node is None or exclude_node.value is None else _build_terms(
        exclude_node, fnode, name, "exclude"
    )
    for t, item in zip(exclude, exclude_node.value if exclude else ()):
        for other in terms:
            if _clash(t, other):
                raise LexiconError(
                    f"{item.where}: {t.pattern!r} is both a term ({other.pattern!r}, "
                    f"{_line_text(other)}) and an exclusion of frame {name!r}"
                )
    return Frame(
        name=name,
        terms=terms,
        exclude=exclude,
        label=_text(fnode.value.get("label"), "label") or name,
        definition=_text(fnode.value.get("definition"), "definition"),
        notes=_text(fnode.value.get("notes"), "notes"),
        line=fnode.key_line,
    )


def _line_text(term: Term) -> str:
    return f"line {term.line}" if term.line is not None else "listed earlier"




def _build_terms(node: _Node, fnode: _Node, frame: str, role: str) -> tuple[Term, ...]:
    where = _key_where(node)
    if not isinstance(node.value, list):
        raise LexiconError(f"{where}: '{role}' of frame {frame!r} must be a list")
    out: list[Term] = []
    seen: dict[str, list[Term]] = {}
    for item in node.value:
        term = _build_term(item, frame, role)
        for first in seen.get(term.key.lower(), ()):
            if _clash(term, first):
                raise LexiconError(
                    f"{item.where}: duplicate term {term.pattern!r} in {role} of frame "
                    f"{frame!r} (first as {first.pattern!r}, {_line_text(first)})"
                )
        seen.setdefault(term.key.lower(), []).append(term)
        out.append(term)
    return tuple(out)


def _clash(a: Term, b: Term) -> bool:
    """Two terms of one frame that match the same text: equal up to case unless both are
    case-sensitive (then "May" and "may" are different terms)."""
    if a.case_sensitive and b.case_sensitive:
        return a.key == b.key
    return a.key.lower() == b.key.lower()


def _build_term(item: _Node, frame: str, role: str) -> Term:
    value = item.value
    line = item.line
    note = None
    case_sensitive = False
    if isinstance(value, dict):
        for key, child in value.items():
            if key not in _TERM_KEYS:
                raise LexiconError(
                    f"{_key_where(child)}: unknown key {key!r} in a term of frame "
                    f"{frame!r}; allowed: {', '.join(_TERM_KEYS)}"
                )
        if "term" not in value:
            raise LexiconError(f"{item.where}: a term written as a mapping needs a 'term' key")
        cs = value.get("case_sensitive")
        if cs is not None:
            if not isinstance(cs.value, bool):
                raise LexiconError(
                    f"{_key_where(cs)}: case_sensitive must be true or false, "
                    f"not {cs.value!r}"
                )
            case_sensitive = cs.value
        note_node = value.get("note")
        note = _text(note_node, "note") or None
        value = value["term"].value
    if not isinstance(value, str):
        hint = " (quote it: '...')" if isinstance(value, (int, float, bool)) else ""
        raise LexiconError(
            f"{item.where}: a term in {role} of frame {frame!r} must be a string, "
            f"not {value!r}{hint}"
        )
    try:
        parse_pattern(value)
    except ValueError as err:
        raise LexiconError(f"{item.where}: {err} (frame {frame!r})") from None
    return Term(pattern=" ".join(value.split()), case_sensitive=case_sensitive, note=note, line=line)


def as_lexicon(lexicon: FrameLexicon | str | os.PathLike | Mapping) -> FrameLexicon:
    """Accept a FrameLexicon, a path to a YAML codebook, or the codebook as a dict.

    Examples
    --------
    >>> as_lexicon({"frames": {"talks": {"terms": ["negotiat*"]}}}).names
    ('talks',)
    """
    if isinstance(lexicon, FrameLexicon):
        return lexicon
    if isinstance(lexicon, (str, os.PathLike)):
        return FrameLexicon.from_yaml(lexicon)
    if isinstance(lexicon, Mapping):
        return FrameLexicon.from_dict(lexicon)
    raise TypeError(
        f"lexicon must be a FrameLexicon, a path to a YAML file or a dict, not {type(lexicon).__name__}"
    )
