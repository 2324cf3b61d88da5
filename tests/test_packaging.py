"""Dependencies and the installed package: ranges in pyproject, exact pins in the lock files,
and a wheel that behaves like the checkout when installed outside it."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

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


def _requirements() -> list[Requirement]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        reqs += extra
    return [Requirement(r) for r in reqs]


def _lock() -> dict[str, str]:
    return _pins(
        line for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line and not line.startswith("#")
    )


def _environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    reqs = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            reqs += [r for r in dep["pip"] if not r.startswith("-e")]
        elif not dep.startswith(("python=", "pip")) or "==" in dep:
            reqs.append(dep)
    return _pins(reqs)


def test_pyproject_gives_compatible_ranges_not_pins():
    for req in _requirements():
        specs = {s.operator for s in req.specifier}
        assert "==" not in specs and {">=", "<"} <= specs, f"{req}: give a range >=x,<y"


def test_the_lock_satisfies_every_range():
    lock = _lock()
    for req in _requirements():
        version = lock.get(_name(req.name))
        assert version is not None, f"{req.name} is not in requirements.lock"
        assert req.specifier.contains(version), f"{req.name}: lock {version} outside {req.specifier}"


def test_environment_yml_pins_the_locked_versions_of_every_direct_dependency():
    lock, env = _lock(), _environment_pins()
    assert set(env) == {_name(r.name) for r in _requirements()}
    for name, ver in env.items():
        assert lock[name] == ver, f"{name}: environment.yml {ver}, requirements.lock {lock[name]}"


def test_environment_yml_installs_the_package_on_top():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


def test_installed_versions_are_the_locked_ones():
    from importlib.metadata import version

    lock = _lock()
    for req in _requirements():
        assert version(req.name) == lock[_name(req.name)], req.name


def test_console_script_reports_the_package_version():
    out = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "--version"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == f"discourse {analysis.__version__}"
    assert analysis.__version__ == "0.1.0"


# --- the installed wheel, outside the checkout -------------------------------------------------

SMALL = {
    "a": "Regulators warned of new risks on Monday. \"The rules are coming,\" said Maria Lopez, "
         "the agency's director. Lopez said companies would have a year to comply.",
    "b": "Startups fear the compliance burden. \"It costs us a hire,\" said Tom Berg, a founder. "
         "Berg told reporters that investors were nervous.",
}
LEXICON = "frames:\n  risk:\n    label: Risk\n    terms: [risk*]\n  burden:\n    label: Burden\n    terms: [burden*, compl*]\n"


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory):
    """The package built as a wheel and installed into a fresh virtual environment whose only
    other packages are the locked dependencies (the checkout is not on its path)."""
    base = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(base / "dist"),
         str(ROOT)], capture_output=True, text=True)
    if built.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{built.stderr[-2000:]}")
    wheel = next((base / "dist").glob("analysis-*.whl"))
    env = base / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    py = env / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    # The dependencies: this environment's site-packages, appended after the venv's own (so
    # the wheel's `analysis` is found first, and the checkout's editable finder never runs).
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "zz_locked_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = base / "work"
    (work / "corpus").mkdir(parents=True)
    for doc_id, text in SMALL.items():
        (work / "corpus" / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    (work / "frames.yml").write_text(LEXICON, encoding="utf-8")
    return env, work


def _run(cmd, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["TQDM_DISABLE"] = "1"
    # The dependencies' data files (nbconvert's HTML templates) are where the locked
    # environment installed them, as they would be in the venv's own prefix after `pip install`.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def test_the_wheel_holds_the_templates_and_imports_from_outside_the_checkout(wheel_env):
    env, work = wheel_env
    out = _run([str(env / "bin" / "python"), "-c",
                "import analysis, analysis.report as r; print(analysis.__file__); "
                "print(sorted(p.name for p in r.templates_dir().iterdir()))"], work)
    assert out.returncode == 0, out.stderr
    where, templates = out.stdout.splitlines()
    assert str(env) in where and str(ROOT) not in where
    assert "01_corpus.ipynb" in templates and "report.html.j2" in templates


def test_installed_quotes_equal_the_checkout(wheel_env):
    env, work = wheel_env
    installed = _run([str(env / "bin" / "discourse"), "quotes", "--corpus", "corpus"], work)
    checkout = _run([sys.executable, "-m", "analysis.cli", "quotes", "--corpus", "corpus"], work)
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout == checkout.stdout
    assert "Maria Lopez" in installed.stdout


def test_installed_report_equals_the_checkout(wheel_env):
    env, work = wheel_env
    a = _run([str(env / "bin" / "discourse"), "report", "--corpus", "corpus", "--lexicon",
              "frames.yml", "--out", "study_wheel"], work)
    assert a.returncode == 0, a.stderr[-3000:]
    b = _run([sys.executable, "-m", "analysis.cli", "report", "--corpus", "corpus", "--lexicon",
              "frames.yml", "--out", "study_checkout"], work)
    assert b.returncode == 0, b.stderr[-3000:]

    def digests(folder):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted((work / folder / "figures").iterdir())}

    assert digests("study_wheel") and digests("study_wheel") == digests("study_checkout")
    import nbformat

    for nb_path in sorted((work / "study_wheel" / "notebooks").glob("*.ipynb")):
        other = work / "study_checkout" / "notebooks" / nb_path.name
        texts = []
        for p in (nb_path, other):
            nb = nbformat.read(p, as_version=4)
            texts.append([o.get("data", {}).get("text/markdown") for c in nb.cells
                          for o in c.get("outputs", [])])
        assert texts[0] == texts[1], nb_path.name
    shutil.rmtree(work / "study_checkout")
