"""The module :mod:`analysis.workflow.report`, under its short name (``import analysis.report``)."""

import sys

from .workflow import report as _module

sys.modules[__name__] = _module
