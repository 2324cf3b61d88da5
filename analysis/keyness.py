"""The module :mod:`analysis.lexical.keyness`, under its short name (``import analysis.keyness``)."""

import sys

from .lexical import keyness as _module

sys.modules[__name__] = _module
