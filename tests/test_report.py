"""The study as a whole: parameters, papermill runs on another corpus, figures/ in step."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat
import pytest

from analysis import report

from .conftest import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
FIGURES = ROOT / "figures"
PARAMETERS = ["corpus", "lexicon", "actors", "reference", "figures_dir"]


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def _parameters_cell(path: Path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    return code[0]


@pytest.mark.parametrize("path", report.find_notebooks(NOTEBOOK_DIR), ids=lambda p: p.stem)
def test_first_code_cell_is_the_standard_parameters_cell(path):
    cell = _parameters_cell(path)
    assert "parameters" in cell.metadata.get("tags", [])
    names = [line.split("=")[0].strip() for line in cell.source.splitlines()
             if "=" in line and not line.lstrip().startswith("#")]
    assert names == PARAMETERS


def test_notebooks_are_numbered_in_order():
    stems = [p.stem for p in report.find_notebooks(NOTEBOOK_DIR)]
    numbers = [int(s[:2]) for s in stems]
    assert numbers == list(range(1, len(numbers) + 1))
    assert {"01_corpus_overview", "02_sentiment", "03_voices", "04_framing", "05_keyness",
            "06_sotu_russia"} <= set(stems)


@pytest.fixture(scope="module")
def rerun(tmp_path_factory):
    """Every notebook executed again, with figures written to a temporary folder."""
    out = tmp_path_factory.mktemp("rerun")
    before = _digests(FIGURES)
    report.run(
        folder=NOTEBOOK_DIR,
        out_dir=out / "notebooks",
        html_dir=out / "reports",
        parameters={"figures_dir": str(out / "figures")},
    )
    assert _digests(FIGURES) == before, "a run with figures_dir set wrote into figures/"
    return out


def test_figures_folder_holds_exactly_the_figures_the_notebooks_produce(rerun):
    produced = _digests(rerun / "figures")
    committed = _digests(FIGURES)
    assert sorted(produced) == sorted(committed), "stale or missing files in figures/"
    changed = [name for name in produced if produced[name] != committed[name]]
    assert not changed, f"figures differ from a fresh run (run `make report`): {changed}"
    for name in produced:
        assert name.rsplit(".", 1)[1] in {"png", "svg", "pdf"}


def test_html_reports_are_self_contained_and_show_every_figure(rerun):
    from .test_study import _embedded_pngs, _saved_figures

    pages = sorted((rerun / "reports").glob("*.html"))
    assert [p.stem for p in pages] == [p.stem for p in report.find_notebooks(NOTEBOOK_DIR)]
    n_figures = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<html" in html
        # Figures are embedded, never linked to files beside the page; nothing is fetched.
        assert 'src="../figures' not in html
        assert not re.findall(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=[\"']?https?:", html)
        saved = _saved_figures(nbformat.read(rerun / "notebooks" / f"{page.stem}.ipynb", as_version=4))
        pngs = _embedded_pngs(html)
        assert len(pngs) == len(saved), f"{page.name}: {len(pngs)} images for {saved}"
        assert all(p.startswith(b"\x89PNG\r\n\x1a\n") for p in pngs)
        n_figures += len(saved)
    assert n_figures * 3 == len(list(FIGURES.iterdir()))


def test_committed_notebooks_carry_their_figures():
    """What nbval checks and GitHub shows: every saved figure is an image output too."""
    from .test_study import _saved_figures

    for path in report.find_notebooks(NOTEBOOK_DIR):
        nb = nbformat.read(path, as_version=4)
        images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        assert len(images) == len(_saved_figures(nb)) > 0, path.name


# --- the study on another corpus, through papermill ------------------------------------------

SMALL_CORPUS = [
    ("2022-02-01-a", "2022-02-01T09:00:00+00:00", "Reuters",
     "NATO rejects Moscow's demands\n\nNATO said on Tuesday it would not give up its open door "
     "policy. \"The door remains open,\" Secretary-General Jens Stoltenberg said. Moscow accused "
     "the alliance of an aggressive course and warned of retaliatory measures."),
    ("2022-02-02-b", "2022-02-02T12:30:00+01:00", "AFP",
     "Diplomats seek a path to de-escalation\n\nEnvoys met in Paris for talks. \"We want dialogue,\" "
     "said Sergey Lavrov. He said the West spread information hysteria about troops near Ukraine."),
    ("2022-02-03-c", "2022-02-03T18:00:00+00:00", "AP",
     "Sanctions threat grows\n\nWashington said sanctions would follow any invasion. Blinken told "
     "reporters that diplomacy was still possible, but the United States deployed more troops."),
]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small_corpus")
    rows = ["doc_id,date,source"]
    for doc_id, date, source, text in SMALL_CORPUS:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{doc_id},{date},{source}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("stem", ["01_corpus_overview", "04_framing"])
def test_papermill_runs_the_study_on_another_corpus(stem, small_corpus, tmp_path, monkeypatch):
    import papermill

    before = _digests(FIGURES)
    out_figs = tmp_path / "out" / "figs"
    monkeypatch.chdir(ROOT)
    papermill.execute_notebook(
        str(NOTEBOOK_DIR / f"{stem}.ipynb"),
        str(tmp_path / "out.ipynb"),
        parameters={"corpus": str(small_corpus), "figures_dir": str(out_figs)},
        progress_bar=False,
        kernel_name="python3",
    )
    executed = json.loads((tmp_path / "out.ipynb").read_text())
    errors = [o for c in executed["cells"] if c["cell_type"] == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    written = sorted(p.name for p in out_figs.iterdir())
    assert written and all(name.startswith(stem[:3]) for name in written)
    assert _digests(FIGURES) == before, "figures/ was touched by a run on another corpus"
