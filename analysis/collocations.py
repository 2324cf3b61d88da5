"""The module :mod:`analysis.lexical.collocations`, under its short name (``import analysis.collocations``)."""

import sys

from .lexical import collocations as _module

sys.modules[__name__] = _module
