"""The module :mod:`analysis.workflow.scale`, under its short name (``import analysis.scale``)."""

import sys

from .workflow import scale as _module

sys.modules[__name__] = _module
