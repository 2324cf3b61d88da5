"""The package's errors and warnings: one base class each, so a caller can catch them all.

Every error raised for bad input (a corpus, a codebook, an actor list, a study folder, a
notebook that fails) is an :class:`AnalysisError`, and its message names the file, line or
document at fault. Warnings about the data that do not stop the analysis are
:class:`AnalysisWarning`. The command line prints an :class:`AnalysisError` as one line and
exits with status 2; anything else is a bug and keeps its traceback.

>>> from analysis.errors import AnalysisError, CorpusError
>>> issubclass(CorpusError, AnalysisError) and issubclass(AnalysisError, ValueError)
True

The classes, by what is at fault:

=================  =========================================================================
``CorpusError``    a corpus file, folder or table (``ActorListError``, ``TableError`` and
                   ``GoldError`` are kinds of it: an actor list, a stage table passed in, a
                   hand-coded gold file)
``LexiconError``   a frame codebook or a sentiment dictionary
``CacheError``     a pipeline cache that cannot be used at all (a damaged entry is only a
                   :class:`CacheWarning` and is recomputed)
``StudyError``     a study run (``--out``, its inputs); ``NotebookError`` when a notebook fails
``UsageError``     a command-line request (an option value, a column that does not exist)
=================  =========================================================================
"""

from __future__ import annotations

__all__ = [
    "ActorListError",
    "AnalysisError",
    "AnalysisWarning",
    "CacheError",
    "CacheWarning",
    "CorpusError",
    "GoldError",
    "TableError",
    "CorpusWarning",
    "LexiconError",
    "NotebookError",
    "StudyError",
    "UsageError",
]


class AnalysisError(ValueError):
    """Base class of every error the package raises for input it cannot use (a ValueError,
    so code that caught ValueError before keeps working)."""


class AnalysisWarning(UserWarning):
    """Base class of the package's warnings: something to know that does not stop the run."""


class CorpusError(AnalysisError, ValueError):
    """A corpus (or actor list) that cannot be used as it is; names the file or document."""


class ActorListError(CorpusError):
    """An actor list that cannot be used; names the file and line."""


class TableError(CorpusError):
    """A table passed to a stage (sentences, quotations, hits) that lacks a column or holds
    values the stage cannot use."""


class GoldError(CorpusError):
    """A hand-coded gold file (frame spans, quotations) that cannot be used; names the line."""


class LexiconError(AnalysisError, ValueError):
    """A frame lexicon that cannot be used; the message names the file, line and problem."""


class CacheError(AnalysisError):
    """A pipeline cache folder that cannot be used at all (names the folder)."""


class StudyError(AnalysisError):
    """A study run that would damage something or cannot start (its ``--out`` folder, its
    inputs, its templates); the message names the folder or file."""


class NotebookError(StudyError, RuntimeError):
    """A notebook failed to execute; the message names the notebook and the failing cell."""


class UsageError(AnalysisError):
    """A request that cannot be carried out as asked: an argument or option value a function
    or command cannot use (a negative window, an unknown sort key, a column that does not
    exist, a missing option)."""


class CorpusWarning(AnalysisWarning):
    """Something a researcher should know about the corpus that does not stop the analysis."""


class CacheWarning(AnalysisWarning):
    """A cache entry was unusable (truncated, corrupted, unreadable) and is being recomputed."""
