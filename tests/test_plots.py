"""Figures are reproducible to the byte and written atomically."""

from __future__ import annotations

import hashlib
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import plots, tokenise

from .conftest import ROOT


def _digests(paths):
    return {Path(p).name: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}


def _figure_01(ref):
    """The figure of notebook 01, from the same calls the notebook makes."""
    sizes = ref[["doc_id", "year", "sotu_type"]].merge(tokenise.document_sizes(ref), on="doc_id")
    ax = plots.size_over_time(
        sizes, x="year", y="tokens", hue="sotu_type", ylabel="tokens per address",
        title="Length of State of the Union addresses, 1790 to today",
    )
    return ax.figure


def test_figure_01_is_byte_identical_across_runs_and_matches_the_committed_files(sotu_docs, tmp_path):
    runs = []
    for i in range(2):
        fig = _figure_01(sotu_docs)
        runs.append(_digests(plots.save_figure(fig, "01_sotu_tokens_by_year", figures_dir=tmp_path / str(i))))
        plt.close(fig)
    assert runs[0] == runs[1]
    assert set(runs[0]) == {f"01_sotu_tokens_by_year.{ext}" for ext in ("png", "svg", "pdf")}
    committed = _digests(sorted((ROOT / "figures").glob("01_sotu_tokens_by_year.*")))
    assert committed == runs[0], "figures/ is stale: run `make report` and commit"


def test_save_figure_metadata_carries_no_dates(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    png, svg, pdf = plots.save_figure(fig, "tiny", figures_dir=tmp_path)
    plt.close(fig)
    assert b"Software" not in png.read_bytes()[:4096]
    assert b"<dc:date>" not in svg.read_bytes()
    assert b"CreationDate" not in pdf.read_bytes()
    assert not list(tmp_path.glob(".tiny.*")), "temporary files left behind"


def test_save_figure_rejects_unsafe_names_and_formats(tmp_path):
    fig = plt.figure()
    with pytest.raises(ValueError, match="plain file stem"):
        plots.save_figure(fig, "../escape", figures_dir=tmp_path)
    with pytest.raises(ValueError, match="unknown figure format"):
        plots.save_figure(fig, "ok", figures_dir=tmp_path, formats=("gif",))
    plt.close(fig)


def test_size_over_time_names_missing_columns():
    with pytest.raises(KeyError, match="tokens"):
        plots.size_over_time(pd.DataFrame({"year": [1]}), y="tokens")


def test_importing_the_package_never_changes_the_backend():
    """A researcher's Jupyter session keeps its inline backend, so plt.show() shows figures."""
    import subprocess
    import sys

    code = ("import matplotlib; matplotlib.use('svg'); "
            "from analysis import plots, framing, quotes, sentiment, keyness, frequency; "
            "import analysis.workflow.study, analysis.report; print(matplotlib.get_backend())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "svg"
