"""The module :mod:`analysis.lexical.frequency`, under its short name (``import analysis.frequency``)."""

import sys

from .lexical import frequency as _module

sys.modules[__name__] = _module
