"""The one check every stage makes of a documents table before reading its texts."""

from __future__ import annotations

import pandas as pd

from .corpus import CorpusError

__all__ = ["documents"]


def documents(docs: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Return ``(doc_ids, texts)`` of a corpus table, or raise a :class:`CorpusError` naming the row.

    Checks that ``docs`` is a DataFrame with ``doc_id`` and ``text``, that every text is a string
    and that no ``doc_id`` repeats (spans are keyed by ``doc_id``, so a repeat would mix two
    documents' offsets).
    """
    import unicodedata
    import warnings

    if not isinstance(docs, pd.DataFrame):
        raise CorpusError(f"expected a DataFrame of documents, got {type(docs).__name__}")
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise CorpusError(f"documents table lacks column(s) {', '.join(missing)}")
    ids = [str(d) for d in docs["doc_id"].tolist()]
    texts = docs["text"].tolist()
    seen: dict[str, int] = {}
    for i, (doc_id, text) in enumerate(zip(ids, texts)):
        if not isinstance(text, str):
            raise CorpusError(
                f"document {doc_id!r} (row {i}): text is {type(text).__name__}, not a string"
            )
        if doc_id in seen:
            raise CorpusError(f"duplicate doc_id {doc_id!r} in rows {seen[doc_id]} and {i}")
        seen[doc_id] = i
    odd = [d for d, t in zip(ids, texts) if not t.isascii() and not unicodedata.is_normalized("NFC", t)]
    if odd:
        from .errors import CorpusWarning

        warnings.warn(
            f"{len(odd)} text(s) not in Unicode NFC (decomposed accents), so terms and cues "
            "typed in composed form will not match them: " + ", ".join(odd[:5])
            + (" ..." if len(odd) > 5 else "") + "; corpus.load and corpus.normalise compose them",
            CorpusWarning,
            stacklevel=3,
        )
    return ids, texts
