"""The statistics of words: frequency, keyness and collocations.

Three modules, each also importable under its old name (``analysis.frequency``,
``analysis.keyness``, ``analysis.collocations``):

* :mod:`analysis.lexical.frequency`: counts, rates per million, n-grams, document-term matrices;
* :mod:`analysis.lexical.keyness`: keywords of one corpus or group against another, with the
  2 x 2 counts beside every measure (log-likelihood, log ratio, %DIFF, chi-square, Fightin'
  Words);
* :mod:`analysis.lexical.collocations`: collocates of a node word within a window (MI, t,
  log-likelihood, logDice).

The shared counting code is in ``_stats`` and their figures in :mod:`analysis.plots`.
"""

from __future__ import annotations

__all__ = ["collocations", "frequency", "keyness"]


def __getattr__(name: str):
    if name in __all__:
        import importlib

        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
