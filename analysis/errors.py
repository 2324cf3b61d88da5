"""The package's errors and warnings: one base class each, so a caller can catch them all.

Every error raised for bad input (a corpus, a codebook, an actor list, a study folder, a
notebook that fails) is an :class:`AnalysisError`, and its message names the file, line or
document at fault. Warnings about the data that do not stop the analysis are
:class:`AnalysisWarning`. The command line prints an :class:`AnalysisError` as one line and
exits with status 2; anything else is a bug and keeps its traceback.

>>> from analysis.errors import AnalysisError, CorpusError
>>> issubclass(CorpusError, AnalysisError) and issubclass(CorpusError, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "AnalysisWarning",
    "CacheWarning",
    "CorpusError",
    "CorpusWarning",
    "LexiconError",
    "NotebookError",
    "StudyError",
    "UsageError",
]


class AnalysisError(Exception):
    """Base class of every error the package raises for input it cannot use."""


class AnalysisWarning(UserWarning):
    """Base class of the package's warnings: something to know that does not stop the run."""


class CorpusError(AnalysisError, ValueError):
    """A corpus (or actor list) that cannot be used as it is; names the file or document."""


class LexiconError(AnalysisError, ValueError):
    """A frame lexicon that cannot be used; the message names the file, line and problem."""


class StudyError(AnalysisError):
    """A study run that would damage something or cannot start (its ``--out`` folder, its
    inputs, its templates); the message names the folder or file."""


class NotebookError(StudyError, RuntimeError):
    """A notebook failed to execute; the message names the notebook and the failing cell."""


class UsageError(AnalysisError):
    """A command-line request that cannot be carried out as asked (a missing option, a
    column that does not exist)."""


class CorpusWarning(AnalysisWarning):
    """Something a researcher should know about the corpus that does not stop the analysis."""


class CacheWarning(AnalysisWarning):
    """A cache entry was unusable (truncated, corrupted, unreadable) and is being recomputed."""
