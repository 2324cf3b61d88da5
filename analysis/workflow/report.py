"""Run notebooks and export them as HTML reports: the case study, and a researcher's own study.

Two kinds of run, both behind ``discourse report``:

* **The case study** (:func:`run`, ``make report``): every numbered notebook of this
  repository's ``notebooks/`` is executed in place (its stored outputs are what ``make test``
  checks with nbval), each figure is regenerated into ``figures/`` by the notebook itself, and
  a self-contained HTML copy of each executed notebook is written to ``reports/``.
* **A study of one's own** (:func:`run_study`, ``discourse report --corpus C --lexicon L --out
  DIR``): the study templates shipped inside the package (``analysis/templates``) are executed
  on the researcher's corpus and codebook into ``DIR``. Every sentence of their narrative is
  written from the corpus's own tables (:mod:`analysis.workflow.narrate`), and a section appears only
  when it applies: a reference comparison with a reference corpus, time series when the
  documents carry dates, group comparisons with a grouping column, validation with hand codes.

A study folder holds ``notebooks/``, ``figures/``, ``reports/``, its pipeline cache
(``.cache/``) and ``study.json`` (what was run, on which inputs). A run can damage nothing:
``--out`` may not be a compendium or lie inside its own folders, an existing study folder is
replaced only with ``force=True``, and any other non-empty folder is refused. The new study is
built in ``DIR/.partial`` and moved into place only when every notebook has run, so an
interrupted run leaves the previous outputs whole, and the file ``DIR/INCOMPLETE`` says that a
run did not finish.

Execution uses :mod:`nbclient` with the inline matplotlib backend (whatever ``MPLBACKEND`` the
calling shell sets), no timing metadata, and outputs written atomically, so re-running an
unchanged study leaves the notebooks byte-identical and every figure a notebook draws is in its
outputs and embedded in its HTML report.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from .._io import write_atomic
from ..errors import NotebookError, StudyError

__all__ = [
    "NotebookError",
    "StudyError",
    "find_notebooks",
    "run",
    "run_notebook",
    "run_study",
    "templates_dir",
]

#: The sections a template cell can depend on (cell tag ``needs-<name>``).
CONDITIONS = ("reference", "groups", "dates", "gold")
#: The folders of a study that a run replaces (other files in ``--out`` are left alone).
STUDY_PARTS = ("notebooks", "figures", "reports")
#: The marker of a study folder.
STUDY_FILE = "study.json"
#: The marker of a run that did not finish.
INCOMPLETE_FILE = "INCOMPLETE"
#: Folders of a compendium that no study may be written into.
_PROTECTED = ("analysis", "notebooks", "figures", "corpus", "tests", "benchmarks", "reports",
              ".git", ".venv", ".ci")
_INLINE = "module://matplotlib_inline.backend_inline"


def find_notebooks(folder: str | os.PathLike = "notebooks") -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) of a folder, in order."""
    folder = Path(folder)
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())
    if not found:
        raise StudyError(f"{folder}: no numbered notebooks (NN_name.ipynb)")
    return found


def templates_dir() -> Path:
    """The folder of the study templates shipped inside the package."""
    from importlib.resources import files

    return Path(str(files("analysis") / "templates"))


def _inject_parameters(nb, parameters: Mapping[str, object]) -> None:
    """Put a cell after the ``parameters`` cell that overrides the given names.

    Any cell injected by an earlier run is removed first (as papermill does), so a notebook
    executed on one study and run again on another never keeps the first study's values.
    """
    import nbformat

    nb.cells = [
        c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])
    ]
    if not parameters:
        return
    idx = next(
        (
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])
        ),
        None,
    )
    if idx is None:
        raise NotebookError("the notebook has no cell tagged 'parameters'")
    src = "# Parameters injected for this run\n" + "\n".join(
        f"{k} = {v!r}" for k, v in parameters.items()
    )
    cell = nbformat.v4.new_code_cell(src, metadata={"tags": ["injected-parameters"]})
    if (nb.nbformat, nb.nbformat_minor) >= (4, 5):
        cell["id"] = "injected-parameters"  # fixed, so reruns stay byte-identical
    else:
        cell.pop("id", None)
    nb.cells.insert(idx + 1, cell)


def _needs(cell) -> set[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return {t[len("needs-"):] for t in tags if t.startswith("needs-")}


def _applies(nb, applies: set[str] | None) -> bool:
    """Does a template apply at all (its ``needs_any`` metadata)?"""
    if applies is None:
        return True
    need = nb.metadata.get("discourse", {}).get("needs_any")
    return not need or bool(set(need) & applies)


def _prune(nb, applies: set[str] | None) -> None:
    """Remove the cells whose ``needs-*`` tags name a section that does not apply."""
    if applies is None:
        return
    nb.cells = [c for c in nb.cells if _needs(c) <= applies]


def _kernel_env() -> dict[str, str]:
    """The kernel's environment: the caller's, with the inline backend (a ``MPLBACKEND=Agg``
    set for headless tests must not hide a report's figures)."""
    env = dict(os.environ)
    env["MPLBACKEND"] = _INLINE
    return env


def _export_html(nb, target: Path) -> None:
    """A self-contained HTML report: figures embedded, no script or style fetched from the
    network (the template ``templates/report.html.j2``)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(embed_images=True, template_file=str(templates_dir() / "report.html.j2"))
    body, _ = exporter.from_notebook_node(nb)
    write_atomic(target, body)


def run_notebook(
    path: str | os.PathLike,
    *,
    output: str | os.PathLike | None = None,
    parameters: Mapping[str, object] | None = None,
    html_dir: str | os.PathLike | None = None,
    applies: set[str] | None = None,
    cwd: str | os.PathLike | None = None,
    timeout: int = 1800,
) -> Path:
    """Execute one notebook and write the executed copy (in place unless ``output`` is given).

    Parameters
    ----------
    path : path-like
        The notebook.
    output : path-like, optional
        Where to write the executed notebook; defaults to ``path`` (in place).
    parameters : mapping, optional
        Values overriding the notebook's ``parameters`` cell (as papermill does); a cell
        injected by an earlier run is replaced.
    html_dir : path-like, optional
        When given, also export a self-contained HTML report there.
    applies : set of str, optional
        For a study template: the sections that apply (:data:`CONDITIONS`); cells tagged
        ``needs-<section>`` for any other section are left out. ``None`` keeps every cell.
    cwd : path-like, optional
        The kernel's working folder (default: the notebook's folder).
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    pathlib.Path
        The executed notebook.

    Raises
    ------
    NotebookError
        Naming the notebook and the cell that failed; the notebook as executed up to the
        failure is written to ``output`` with the suffix ``.failed.ipynb`` for inspection.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    if parameters and output is None:
        raise StudyError(
            f"{path}: running with parameters would overwrite the study's notebook; "
            "give an output path"
        )
    nb = nbformat.read(path, as_version=4)
    _inject_parameters(nb, parameters or {})
    _prune(nb, applies)
    out = Path(output) if output is not None else path
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(cwd or path.parent).resolve())}},
        record_timing=False,
    )
    try:
        client.execute(env=_kernel_env())
    except CellExecutionError as err:
        first = str(err).strip().splitlines()
        failed = out.with_name(out.stem + ".failed.ipynb")
        with contextlib.suppress(OSError):
            failed.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(failed, nbformat.writes(nb) + "\n")
        raise NotebookError(
            f"{path}: a cell failed: {first[-1] if first else err} (executed copy: {failed})"
        ) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, nbformat.writes(nb) + "\n")
    if html_dir is not None:
        html_dir = Path(html_dir)
        html_dir.mkdir(parents=True, exist_ok=True)
        _export_html(nb, html_dir / f"{out.stem}.html")
    return out


def run(
    notebooks: Sequence[str | os.PathLike] | None = None,
    *,
    folder: str | os.PathLike = "notebooks",
    html_dir: str | os.PathLike | None = "reports",
    parameters: Mapping[str, object] | None = None,
    out_dir: str | os.PathLike | None = None,
    applies: set[str] | None = None,
    cwd: str | os.PathLike | None = None,
    stream=None,
) -> list[Path]:
    """Execute notebooks in order, printing one progress line per notebook.

    Parameters
    ----------
    notebooks : sequence of path-like, optional
        Defaults to every numbered notebook of ``folder``.
    folder : path-like, default "notebooks"
    html_dir : path-like or None, default "reports"
        Where HTML reports go; None for none.
    parameters : mapping, optional
        Parameter overrides for every notebook.
    out_dir : path-like, optional
        Write executed notebooks there instead of in place.
    applies : set of str, optional
        Sections that apply, for study templates (see :func:`run_notebook`); a template whose
        ``needs_any`` names none of them is skipped.
    cwd : path-like, optional
        The kernels' working folder (default: each notebook's folder).
    stream : file-like, optional
        Where progress lines go (default ``sys.stderr``).

    Returns
    -------
    list of pathlib.Path
        The executed notebooks.
    """
    import nbformat

    stream = stream or sys.stderr
    paths = [Path(p) for p in notebooks] if notebooks else find_notebooks(folder)
    if applies is not None:
        paths = [p for p in paths if _applies(nbformat.read(p, as_version=4), applies)]
    done = []
    for i, nb_path in enumerate(paths, start=1):
        t0 = time.perf_counter()
        print(f"[{i}/{len(paths)}] {nb_path.name} ...", file=stream, flush=True)
        output = Path(out_dir) / nb_path.name if out_dir is not None else None
        done.append(
            run_notebook(nb_path, output=output, parameters=parameters, html_dir=html_dir,
                         applies=applies, cwd=cwd)
        )
        print(
            f"[{i}/{len(paths)}] {nb_path.name} done in {time.perf_counter() - t0:.1f} s",
            file=stream,
            flush=True,
        )
    return done


# --------------------------------------------------------------------------------------------
# A study of one's own
# --------------------------------------------------------------------------------------------


def _compendium(path: Path) -> Path | None:
    from ..paths import project_root

    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return project_root(probe)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out_dir(out: str | os.PathLike, *, inputs: Sequence[str | os.PathLike] = (),
                  force: bool = False) -> Path:
    """Check that a study may be written to ``out``; returns it resolved.

    Raises
    ------
    StudyError
        If ``out`` is a compendium (this repository or another checkout of it), lies inside
        one of a compendium's own folders, holds or is one of the study's inputs, is an
        existing study folder and ``force`` is false, or is a non-empty folder that is not a
        study folder.
    """
    out = Path(out).expanduser().resolve()
    for root in {r for r in (_compendium(out), _compendium(Path.cwd())) if r is not None}:
        if _inside(root, out):
            raise StudyError(
                f"--out {out}: is {'the' if out == root else 'around the'} compendium {root}; "
                "a study goes into a folder of its own (e.g. --out my_study)"
            )
        for name in _PROTECTED:
            if _inside(out, root / name):
                raise StudyError(
                    f"--out {out}: lies inside the compendium's own {name}/ folder; "
                    "choose a folder of its own"
                )
    for item in inputs:
        if item is None or str(item) == "sotu":
            continue
        p = Path(item).expanduser().resolve()
        if _inside(out, p) or any(_inside(p, out / part) for part in (*STUDY_PARTS, ".cache")):
            raise StudyError(f"--out {out}: would write into the study's input {p}")
    if out.exists() and not out.is_dir():
        raise StudyError(f"--out {out}: is a file, not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / STUDY_FILE).is_file() and not (out / INCOMPLETE_FILE).is_file():
            raise StudyError(
                f"--out {out}: is a folder that holds other files and no study; choose a new "
                "or empty folder"
            )
        if not force:
            raise StudyError(
                f"--out {out}: holds a study already; give --force to replace its notebooks, "
                "figures and reports, or choose another folder"
            )
    return out


def _describe(value) -> object:
    if value is None:
        return None
    if str(value) == "sotu":
        return "sotu"
    return str(Path(value).expanduser().resolve())


def run_study(
    corpus: str | os.PathLike,
    lexicon: str | os.PathLike,
    out: str | os.PathLike,
    *,
    actors: str | os.PathLike | None = None,
    cues: str | os.PathLike | None = None,
    reference: str | os.PathLike | None = None,
    by: str | None = None,
    gold: str | os.PathLike | None = None,
    name: str | None = None,
    load_options: Mapping[str, object] | None = None,
    templates: str | os.PathLike | None = None,
    force: bool = False,
    html: bool = True,
    stream=None,
) -> Path:
    """Run the study templates on a researcher's corpus and codebook into ``out``.

    Parameters
    ----------
    corpus : path
        A folder of ``.txt`` files or a ``.csv``/``.jsonl``/``.parquet`` table (or ``"sotu"``).
    lexicon : path
        The codebook (YAML); there is no default codebook.
    out : path
        The study folder (see the module notes for what it holds and what is refused).
    actors, cues, reference, by, gold : optional
        An actor list, a file of extra reporting cues, a reference corpus (or ``"sotu"``), a
        metadata column to compare groups by, hand-coded frame spans (CSV). Each adds the
        sections that need it; none has a default.
    name : str, optional
        How titles and sentences call the corpus (default: its folder or file name).
    load_options : mapping, optional
        Options of :func:`analysis.corpus.load` for the corpus and the reference
        (``recursive``, ``date_format``, ``dayfirst``, ``date_unit``).
    templates : path, optional
        A folder of ``NN_name.ipynb`` templates to run instead of the shipped ones (they take
        the same parameters).
    force : bool, default False
        Replace the notebooks, figures and reports of an existing study folder.
    html : bool, default True
        Export HTML reports into ``out/reports``.
    stream : file-like, optional
        Where progress lines go (default ``sys.stderr``).

    Returns
    -------
    pathlib.Path
        The study folder.

    Raises
    ------
    StudyError
        For an ``out`` that may not be written (see :func:`check_out_dir`) or inputs that
        cannot be used (a missing file, a ``by`` column the corpus lacks, hand codes for
        frames the codebook lacks); CorpusError and LexiconError for a bad corpus or codebook.
    NotebookError
        When a template fails; ``out`` keeps its previous outputs and the INCOMPLETE marker.
    """
    from .. import __version__
    from .study import Study

    stream = stream or sys.stderr
    for key, value in (("corpus", corpus), ("lexicon", lexicon), ("actors", actors),
                       ("cues", cues), ("reference", reference), ("gold", gold)):
        if value is not None and str(value) != "sotu" and not Path(value).expanduser().exists():
            raise StudyError(f"--{key} {value}: no such file or folder")
    out = check_out_dir(out, inputs=[corpus, lexicon, actors, cues, reference, gold], force=force)
    folder = Path(templates) if templates is not None else templates_dir()
    paths = find_notebooks(folder)

    # Check every input here, before any kernel starts: a bad corpus or codebook fails fast.
    load_options = dict(load_options or {})
    study = Study(corpus, lexicon, actors=actors, cues=cues, reference=reference, by=by,
                  gold=gold, name=name, load_options=load_options, cache_dir=False)
    applies = {name for name, yes in (
        ("reference", study.has_reference), ("groups", study.has_groups),
        ("dates", study.has_dates), ("gold", study.has_gold)) if yes}
    if study.has_gold:
        study.gold()  # checks the hand codes against the corpus and the codebook
    if study.has_reference:
        study.reference_docs

    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / INCOMPLETE_FILE,
                 "A `discourse report` run into this folder did not finish: the notebooks, "
                 "figures and reports here (if any) are from an earlier complete run.\n")
    partial = out / ".partial"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir()
    inputs = {
        "corpus": _describe(corpus), "lexicon": _describe(lexicon), "actors": _describe(actors),
        "cues": _describe(cues), "reference": _describe(reference), "by": by,
        "gold": _describe(gold), "name": name, "load_options": load_options,
    }
    # The kernels run in the notebooks' folder, so "../figures" is the study's figures folder
    # both while it is built in .partial and once it is in place (re-run from Jupyter).
    parameters = {**inputs, "figures_dir": "../figures",
                  "cache_dir": str(out / ".cache" / "pipeline")}
    (partial / "notebooks").mkdir()
    done = run(
        paths,
        out_dir=partial / "notebooks",
        html_dir=partial / "reports" if html else None,
        parameters=parameters,
        applies=applies,
        cwd=partial / "notebooks",
        stream=stream,
    )
    # Every notebook ran: put the new outputs in place of the old ones.
    (partial / "figures").mkdir(exist_ok=True)
    if html:
        (partial / "reports").mkdir(exist_ok=True)
    for part in STUDY_PARTS:
        new = partial / part
        if not new.exists():
            continue
        old = out / part
        if old.exists():
            old.rename(partial / f"old-{part}")
        new.rename(old)
    record = {
        "toolkit": f"analysis {__version__}",
        "inputs": inputs,
        "sections": sorted(applies),
        "notebooks": [p.name for p in done],
        "figures": sorted(p.name for p in (out / "figures").iterdir()),
        "reports": sorted(p.name for p in (out / "reports").iterdir()) if html else [],
        "cache": str(Path(".cache") / "pipeline"),
    }
    write_atomic(out / STUDY_FILE, json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    shutil.rmtree(partial)
    (out / INCOMPLETE_FILE).unlink()
    return out
