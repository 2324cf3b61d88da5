"""Load, validate and fingerprint a corpus of documents.

A corpus is a DataFrame with one row per document: ``doc_id`` (a safe file stem, unique),
``text`` (a non-empty string) and any metadata columns (``date``, ``source``, ``title``, ...).
Every later stage joins on ``doc_id`` and refers to characters of ``text`` by ``[start, end)``
offsets, so the text this module returns is the reference for every span in the toolkit.

Text normalisation, once, at the source
---------------------------------------
:func:`load` (and :func:`normalise`, for a table built in Python) does three things to every
text and nothing else, so that spans, terms and texts meet:

* a leading UTF-8 byte-order mark is removed (one, at the source: a second U+FEFF is text);
* line endings become ``"\n"``: ``"\r\n"`` and a lone ``"\r"`` each become one ``"\n"``;
* Unicode is put in NFC (composed) form, as are ``doc_id`` values, so that a term typed on one
  keyboard finds a word typed on another and the NFD file name a Mac writes names the same
  document as its NFC twin; the documents that changed are named in a :class:`CorpusWarning`.

Offsets count characters of that text, never bytes of the file; a CRLF file and its LF twin
give identical tables, and ``text[start:end]`` always holds. :func:`validate` checks a table and
never changes a text (every stage validates the same way, so every stage's spans index the same
string); a text that was not normalised is named in a warning.

Dates
-----
One rule per column, stated by the caller: ISO 8601 by default (``2022-01-27``,
``2022-01-27T17:03:00+05:30``; a value without a zone is UTC), or ``date_format=`` (a
``strftime`` pattern such as ``"%d/%m/%Y"``), or ``dayfirst=True``/``False`` for day-month
orders that pandas infers once from the column. A value the rule cannot read is an error naming
its row, never a guess; ``today``/``now`` are refused, and numbers are read only with
``date_unit=`` (``"s"`` or ``"ms"`` for Unix times).
"""

from __future__ import annotations

from ..errors import CorpusError, CorpusWarning  # noqa: F401
from ._load import fingerprint, load, load_sotu, normalise  # noqa: F401
from ._read import ID_SEPARATOR, jsonl_records, read_text  # noqa: F401
from ._validate import validate  # noqa: F401

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "ID_SEPARATOR",
    "fingerprint",
    "jsonl_records",
    "load",
    "load_sotu",
    "normalise",
    "read_text",
    "validate",
]
