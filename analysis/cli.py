"""The module :mod:`analysis.workflow.cli`, under its short name; ``python -m analysis.cli``
runs the ``discourse`` command."""

import sys

from .workflow import cli as _module

if __name__ == "__main__":
    sys.exit(_module.main())
sys.modules[__name__] = _module
