"""The module :mod:`analysis.workflow.pipeline`, under its short name (``import analysis.pipeline``)."""

import sys

from .workflow import pipeline as _module

sys.modules[__name__] = _module
