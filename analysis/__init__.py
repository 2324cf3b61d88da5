"""Discourse analysis toolkit: who frames a conflict, how, in whose voice, with what vocabulary.

Every stage is a module of pure functions over tidy pandas DataFrames that carry character
spans ``[start, end)`` into each document's ``text``; stages join on ``doc_id`` and by span
containment. Submodules are imported on first use, so ``import analysis`` stays light.

>>> import analysis
>>> docs = analysis.corpus.load("corpus/news")  # doctest: +SKIP
>>> sents = analysis.tokenise.sentences(docs)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("analysis")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

#: The stage modules, in pipeline order; each is imported lazily on first attribute access.
__all__ = [
    "corpus",
    "tokenise",
    "sentiment",
    "quotes",
    "actors",
    "framing",
    "concordance",
    "frequency",
    "keyness",
    "collocations",
    "models",
    "validate",
    "plots",
    "pipeline",
    "scale",
    "report",
    "narrate",
    "errors",
    "lexical",
    "workflow",
]
#: Short names of modules that live in a subpackage.
_ALIASES = {"narrate": "workflow.narrate", "study": "workflow.study"}


def __getattr__(name: str):
    if name in __all__ or name in _ALIASES:
        module = importlib.import_module(f"{__name__}.{_ALIASES.get(name, name)}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
