"""The three dependency lists (pyproject.toml, environment.yml, requirements.lock) agree."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

import analysis

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> str:
    return re.sub(r"[-_.]+", "-", re.sub(r"\[.*\]", "", req).strip()).lower()


def _pins(reqs) -> dict[str, str]:
    out = {}
    for req in reqs:
        name, _, ver = req.partition("==")
        assert ver, f"{req!r} is not pinned with =="
        out[_name(name)] = ver.strip()
    return out


def _pyproject_pins() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return _pins(meta["dependencies"] + meta["optional-dependencies"]["test"])


def _environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    reqs = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            reqs += [r for r in dep["pip"] if not r.startswith("-e")]
        elif not dep.startswith(("python=", "pip")) or "==" in dep:
            reqs.append(dep)
    return _pins(reqs)


def test_environment_yml_lists_the_same_pins_as_pyproject():
    assert _environment_pins() == _pyproject_pins()


def test_environment_yml_installs_the_package_on_top():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


def test_lock_file_agrees_with_pyproject_pins():
    lock = _pins(
        line for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line and not line.startswith("#")
    )
    for name, ver in _pyproject_pins().items():
        assert lock.get(name) == ver, f"{name}: pyproject {ver}, requirements.lock {lock.get(name)}"


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    for name, ver in _pyproject_pins().items():
        assert version(name) == ver, name


def test_console_script_reports_the_package_version():
    out = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "--version"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == f"discourse {analysis.__version__}"
    assert analysis.__version__ == "0.1.0"
