"""Running the analysis: the cached pipeline, Dask scale-out, reports and the command line.

* :mod:`analysis.workflow.pipeline`: every stage of one corpus, cached on disk as Parquet
  (``_cache``: keys, checksums, atomic writes);
* :mod:`analysis.workflow.scale`: the same pipeline partition by partition on Dask;
* :mod:`analysis.workflow.report`: the case study's notebooks and the study templates run by
  ``discourse report``, exported as HTML; :mod:`analysis.workflow.study` holds a study's inputs
  for the templates, and :mod:`analysis.workflow.narrate` writes their sentences from the
  result tables;
* :mod:`analysis.workflow.cli`: the ``discourse`` command.

``analysis.pipeline``, ``analysis.scale``, ``analysis.report`` and ``analysis.cli`` are the
same modules under their shorter names.
"""

from __future__ import annotations

__all__ = ["cli", "narrate", "pipeline", "report", "scale", "study"]


def __getattr__(name: str):
    if name in __all__:
        import importlib

        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
