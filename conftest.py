"""Collection rules for the whole repository (the tests' fixtures are in tests/conftest.py).

The short-name modules (``analysis/keyness.py`` and the like) only alias a module of a
subpackage, whose doctests run under its real name; the study templates are notebooks with no
stored outputs, executed by tests/test_study.py, not by nbval.
"""

collect_ignore = [
    "analysis/cli.py",
    "analysis/collocations.py",
    "analysis/frequency.py",
    "analysis/keyness.py",
    "analysis/pipeline.py",
    "analysis/report.py",
    "analysis/scale.py",
]
collect_ignore_glob = ["analysis/templates/*"]
