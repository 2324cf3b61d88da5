"""Execute the study's notebooks in order and export them as HTML reports.

``make report`` calls :func:`run` through ``discourse report``: every notebook in
``notebooks/`` is executed in place (its stored outputs are what ``make test`` checks with
nbval), each figure is regenerated into ``figures/`` by the notebook itself, and a
self-contained HTML copy of each executed notebook is written to ``reports/``.

Execution uses :mod:`nbclient` with the notebook's folder as working directory, no timing
metadata, and outputs written atomically, so re-running an unchanged study leaves the
notebooks byte-identical.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from ._io import write_atomic

__all__ = ["NotebookError", "find_notebooks", "run", "run_notebook"]


class NotebookError(RuntimeError):
    """A notebook failed to execute; the message names the notebook and the failing cell."""


def find_notebooks(folder: str | os.PathLike = "notebooks") -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) of a folder, in order."""
    folder = Path(folder)
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())
    if not found:
        raise FileNotFoundError(f"{folder}: no numbered notebooks (NN_name.ipynb)")
    return found


def _inject_parameters(nb, parameters: Mapping[str, object]) -> None:
    """Insert a cell after the ``parameters`` cell that overrides the given names."""
    import nbformat

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


def run_notebook(
    path: str | os.PathLike,
    *,
    output: str | os.PathLike | None = None,
    parameters: Mapping[str, object] | None = None,
    html_dir: str | os.PathLike | None = None,
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
        Values overriding the notebook's ``parameters`` cell (as papermill does).
    html_dir : path-like, optional
        When given, also export a self-contained HTML report there.
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    pathlib.Path
        The executed notebook.

    Raises
    ------
    NotebookError
        Naming the notebook and the cell that failed.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    if parameters and output is None:
        raise ValueError(
            f"{path}: running with parameters would overwrite the study's notebook; "
            "give an output path"
        )
    nb = nbformat.read(path, as_version=4)
    _inject_parameters(nb, parameters or {})
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
        record_timing=False,
    )
    try:
        client.execute()
    except CellExecutionError as err:
        first = str(err).strip().splitlines()
        raise NotebookError(f"{path}: a cell failed: {first[-1] if first else err}") from None
    out = Path(output) if output is not None else path
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, nbformat.writes(nb) + "\n")
    if html_dir is not None:
        from nbconvert import HTMLExporter

        html_dir = Path(html_dir)
        html_dir.mkdir(parents=True, exist_ok=True)
        body, _ = HTMLExporter(embed_images=True).from_notebook_node(nb)
        write_atomic(html_dir / f"{out.stem}.html", body)
    return out


def run(
    notebooks: Sequence[str | os.PathLike] | None = None,
    *,
    folder: str | os.PathLike = "notebooks",
    html_dir: str | os.PathLike | None = "reports",
    parameters: Mapping[str, object] | None = None,
    out_dir: str | os.PathLike | None = None,
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
    stream : file-like, optional
        Where progress lines go (default ``sys.stderr``).

    Returns
    -------
    list of pathlib.Path
        The executed notebooks.
    """
    stream = stream or sys.stderr
    paths = [Path(p) for p in notebooks] if notebooks else find_notebooks(folder)
    done = []
    for i, nb_path in enumerate(paths, start=1):
        t0 = time.perf_counter()
        print(f"[{i}/{len(paths)}] {nb_path} ...", file=stream, flush=True)
        output = Path(out_dir) / nb_path.name if out_dir is not None else None
        done.append(
            run_notebook(nb_path, output=output, parameters=parameters, html_dir=html_dir)
        )
        print(
            f"[{i}/{len(paths)}] {nb_path} done in {time.perf_counter() - t0:.1f} s",
            file=stream,
            flush=True,
        )
    return done
