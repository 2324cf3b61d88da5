"""A researcher's own study: the templates on a corpus about something else entirely, figures
that are visible, sections that appear only when they apply, and outputs that cannot damage
anything."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import framing, report
from analysis.actors import actor_table
from analysis.errors import AnalysisError, NotebookError, StudyError
from analysis.framing import FrameLexicon

from .conftest import CASE_ACTORS, ROOT

# A small corpus on AI regulation (test fixture text written for the purpose).
AI_DOCS = {
    "eu-act-vote": ("2024-03-13T12:00:00+00:00", "Brussels Wire",
        "Lawmakers approve landmark AI rules\n\nThe European Parliament on Wednesday approved "
        "the AI Act, the first comprehensive law on artificial intelligence. \"We finally have "
        "binding rules for high-risk systems,\" said Brando Benifei, one of the lead negotiators. "
        "Critics warned that the compliance burden would fall hardest on small firms. Benifei said "
        "the law would protect fundamental rights without stifling innovation."),
    "us-order": ("2023-10-30T15:00:00+00:00", "Capital Daily",
        "White House issues executive order on AI safety\n\nThe administration ordered developers "
        "of powerful models to share safety test results. \"AI is all around us,\" the president "
        "said at the signing. Industry groups said the reporting requirements were a regulatory "
        "burden. Arati Prabhakar told reporters that the order balanced risk and innovation."),
    "uk-summit": ("2023-11-02T09:00:00+00:00", "Thames Ledger",
        "Summit ends with declaration on frontier risks\n\nDelegates at Bletchley Park signed a "
        "declaration on the risks of frontier AI. \"These are existential risks,\" said Michelle "
        "Donelan, the technology secretary. Donelan said the countries agreed to cooperate on "
        "safety testing. Researchers said the focus on catastrophic risk ignored present harms "
        "such as bias."),
    "startup-costs": ("2024-05-20T10:00:00+00:00", "Capital Daily",
        "Startups fear compliance costs\n\nFounders say the new rules will slow innovation. \"The "
        "paperwork alone costs us a hire,\" said Lena Ortiz, chief executive of a Berlin startup. "
        "Ortiz said investors were asking about compliance before funding rounds."),
}
REFERENCE_DOCS = {
    "ref-a": "The city council approved the budget. Officials said the new library opens in May.",
    "ref-b": "Farmers said the rain came late this year. The harvest was smaller than expected.",
}
AI_FRAMES = textwrap.dedent("""\
    name: AI regulation frames
    frames:
      risk:
        label: Risk and safety
        terms: [risk*, safety, harm*, catastroph*, existential]
      innovation:
        label: Innovation and competitiveness
        terms: [innovation, innovat*, competitive*]
      burden:
        label: Regulatory burden
        terms: [compliance, burden*, paperwork, red tape]
      rights:
        label: Fundamental rights
        terms: [fundamental rights, bias, privacy]
      sovereignty:
        label: Digital sovereignty
        terms: [sovereign*]
    """)


def _write_corpus(folder: Path, *, metadata: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["doc_id,date,source"]
    for doc_id, (date, source, text) in AI_DOCS.items():
        (folder / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
        rows.append(f"{doc_id},{date},{source}")
    if metadata:
        (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("ai")
    corpus = _write_corpus(base / "ai_news")
    bare = _write_corpus(base / "ai_bare", metadata=False)
    reference = base / "local_news"
    reference.mkdir()
    for doc_id, text in REFERENCE_DOCS.items():
        (reference / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    lexicon = base / "ai_frames.yml"
    lexicon.write_text(AI_FRAMES, encoding="utf-8")
    # Hand codes: two coded spans, one the lexicon finds and one it cannot.
    text = AI_DOCS["uk-summit"][2]
    s1 = text.index("existential risks")
    s2 = text.index("present harms")
    s3 = text.index("cooperate")
    gold = base / "gold.csv"
    gold.write_text(
        "doc_id,start,end,frame\n"
        f"uk-summit,{s1},{s1 + len('existential risks')},risk\n"
        f"uk-summit,{s2},{s2 + len('present harms')},risk\n"
        f"uk-summit,{s3},{s3 + len('cooperate')},innovation\n",
        encoding="utf-8",
    )
    return {"base": base, "corpus": corpus, "bare": bare, "reference": reference,
            "lexicon": lexicon, "gold": gold}


@pytest.fixture(scope="module")
def full_study(inputs):
    """Every section: dates, groups, a reference corpus and hand codes."""
    out = inputs["base"] / "study_full"
    report.run_study(inputs["corpus"], inputs["lexicon"], out, by="source",
                     reference=inputs["reference"], gold=inputs["gold"], stream=sys.stdout)
    return out


@pytest.fixture(scope="module")
def bare_study(inputs):
    """No metadata, no reference, no groups, no hand codes."""
    out = inputs["base"] / "study_bare"
    report.run_study(inputs["bare"], inputs["lexicon"], out, stream=sys.stdout)
    return out


def _notebooks(out: Path) -> list:
    return [nbformat.read(p, as_version=4) for p in sorted((out / "notebooks").glob("*.ipynb"))]


def _markdown_outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            md = o.get("data", {}).get("text/markdown")
            if md:
                parts.append(md)
    return "\n".join(parts)


def _headings(nb) -> list[str]:
    return [line for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("#")]


def _words(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_nothing_of_the_case_study_in_a_study_of_another_topic(full_study):
    case_frames = FrameLexicon.from_yaml(ROOT / "corpus" / "frames.yml")
    names = set(actor_table(CASE_ACTORS)["actor"])
    names |= {"State of the Union", "SOTU", "seed article", "Blinken", "Lavrov", "NATO",
              "Ukraine", "Russia"}
    names |= set(case_frames.labels.values()) | set(case_frames.names)
    files = sorted((full_study / "notebooks").glob("*.ipynb")) + sorted(
        (full_study / "reports").glob("*.html"))
    assert len(files) == 10
    for path in files:
        text = _words(path)
        found = sorted(n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text))
        assert not found, f"{path.name} names the case study: {found}"


def test_the_narrative_is_the_corpus_own(full_study, inputs):
    nbs = {nb_path.stem: nbformat.read(nb_path, as_version=4)
           for nb_path in sorted((full_study / "notebooks").glob("*.ipynb"))}
    corpus_md = _markdown_outputs(nbs["01_corpus"])
    assert "holds 4 documents" in corpus_md
    assert "from 30 October 2023 to 20 May 2024" in corpus_md
    assert "Capital Daily (2)" in corpus_md
    # The frame sentence carries the counts framing.find gives on the same corpus.
    docs = pd.DataFrame({"doc_id": list(AI_DOCS), "text": [t + "\n" for _, _, t in AI_DOCS.values()]})
    hits = framing.find(docs, inputs["lexicon"])
    n_risk = int((hits["frame"] == "risk").sum())
    framing_md = _markdown_outputs(nbs["03_framing"])
    assert f"The most prevalent frame is **Risk and safety**: {n_risk} hits" in framing_md
    assert "Digital sovereignty" in framing_md  # the frame with no hit is named
    assert "Against 3 hand-coded spans" in framing_md
    voices_md = _markdown_outputs(nbs["02_voices"])
    assert "**Brando Benifei**" in voices_md
    keywords_md = _markdown_outputs(nbs["05_keywords"])
    assert "in ai\\_news than in local\\_news" in keywords_md


def test_sections_appear_only_when_they_apply(full_study, bare_study):
    full = {p.stem: _headings(nbformat.read(p, as_version=4))
            for p in sorted((full_study / "notebooks").glob("*.ipynb"))}
    bare = {p.stem: _headings(nbformat.read(p, as_version=4))
            for p in sorted((bare_study / "notebooks").glob("*.ipynb"))}
    assert sorted(full) == ["01_corpus", "02_voices", "03_framing", "04_sentiment", "05_keywords"]
    assert sorted(bare) == ["01_corpus", "02_voices", "03_framing", "04_sentiment"]
    for heading in ("## Against the reference corpus", "## By group", "## Over time",
                    "## Validation against the hand coding"):
        assert heading in full["03_framing"]
        assert heading not in bare["03_framing"]
    assert "## Documents over time" not in bare["01_corpus"]
    bare_md = _markdown_outputs(nbformat.read(bare_study / "notebooks" / "01_corpus.ipynb", as_version=4))
    assert "carry no dates" in bare_md
    record = json.loads((full_study / report.STUDY_FILE).read_text())
    assert record["sections"] == ["dates", "gold", "groups", "reference"]
    assert json.loads((bare_study / report.STUDY_FILE).read_text())["sections"] == []


def _saved_figures(nb) -> list[str]:
    names = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                names += [line[:-4] for line in o["text"].splitlines() if line.endswith(".png")]
    return names


def _embedded_pngs(html: str) -> list[bytes]:
    found = re.findall(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"', html)
    return [base64.b64decode(b) for b in found]


@pytest.mark.parametrize("which", ["full_study", "bare_study"])
def test_every_figure_is_visible_in_its_report(which, request):
    out = request.getfixturevalue(which)
    saved_total = 0
    for nb_path in sorted((out / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        saved = _saved_figures(nb)
        saved_total += len(saved)
        images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        assert len(images) == len(saved), f"{nb_path.name}: {saved} saved, {len(images)} shown"
        html = (out / "reports" / f"{nb_path.stem}.html").read_text(encoding="utf-8")
        pngs = _embedded_pngs(html)
        assert len(pngs) == len(saved), f"{nb_path.name}: {len(pngs)} embedded for {saved}"
        assert all(p.startswith(b"\x89PNG\r\n\x1a\n") and len(p) > 1000 for p in pngs)
        assert not re.findall(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=[\"']?https?:", html)
        for name in saved:
            for ext in ("png", "svg", "pdf"):
                assert (out / "figures" / f"{name}.{ext}").is_file()
    assert saved_total >= (5 if which == "full_study" else 2)
    assert sorted(p.name for p in (out / "figures").iterdir()) == json.loads(
        (out / report.STUDY_FILE).read_text())["figures"]


def test_a_study_folder_is_complete_and_keeps_its_cache(full_study):
    assert not (full_study / report.INCOMPLETE_FILE).exists()
    assert not (full_study / ".partial").exists()
    assert any((full_study / ".cache" / "pipeline").rglob("*.parquet"))
    assert not (ROOT / "notebooks" / "figures").exists()


def test_an_existing_study_is_replaced_only_with_force_and_identically(full_study, inputs):
    def digests(folder):
        return {p.relative_to(full_study).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for part in ("notebooks", "figures", "reports") for p in sorted((folder / part).iterdir())}

    before = digests(full_study)
    with pytest.raises(StudyError, match="holds a study already; give --force"):
        report.run_study(inputs["corpus"], inputs["lexicon"], full_study, by="source",
                         reference=inputs["reference"], gold=inputs["gold"])
    assert digests(full_study) == before
    report.run_study(inputs["corpus"], inputs["lexicon"], full_study, by="source",
                     reference=inputs["reference"], gold=inputs["gold"], force=True,
                     stream=sys.stdout)
    assert digests(full_study) == before, "same inputs, same outputs"


def test_an_interrupted_run_leaves_the_earlier_study_whole(bare_study, inputs, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    good = nbformat.read(report.templates_dir() / "01_corpus.ipynb", as_version=4)
    nbformat.write(good, templates / "01_corpus.ipynb")
    bad = nbformat.read(report.templates_dir() / "02_voices.ipynb", as_version=4)
    bad.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('the kernel died here')"))
    nbformat.write(bad, templates / "02_voices.ipynb")
    before = sorted(p.name for p in (bare_study / "notebooks").iterdir())
    figures_before = sorted(p.name for p in (bare_study / "figures").iterdir())
    with pytest.raises(NotebookError, match="the kernel died here"):
        report.run_study(inputs["bare"], inputs["lexicon"], bare_study, templates=templates,
                         force=True, stream=sys.stdout)
    assert (bare_study / report.INCOMPLETE_FILE).is_file()
    assert sorted(p.name for p in (bare_study / "notebooks").iterdir()) == before
    assert sorted(p.name for p in (bare_study / "figures").iterdir()) == figures_before
    # A complete run afterwards clears the marker.
    report.run_study(inputs["bare"], inputs["lexicon"], bare_study, force=True, stream=sys.stdout)
    assert not (bare_study / report.INCOMPLETE_FILE).exists()
    assert not (bare_study / ".partial").exists()


@pytest.mark.parametrize("where, message", [
    (lambda i: ROOT, "is the compendium"),
    (lambda i: ROOT / "figures" / "mine", "own figures/ folder"),
    (lambda i: ROOT / "notebooks", "own notebooks/ folder"),
    (lambda i: ROOT.parent, "around the compendium"),
    (lambda i: i["corpus"], "input"),
    (lambda i: i["corpus"] / "out", "input"),
    (lambda i: i["base"], "holds other files and no study"),
])
def test_out_may_not_damage_anything(where, message, inputs):
    with pytest.raises(StudyError, match=message):
        report.check_out_dir(where(inputs), inputs=[inputs["corpus"], inputs["lexicon"]])


def test_errors_before_any_kernel_starts(inputs, tmp_path):
    with pytest.raises(StudyError, match="by='party': no such column"):
        report.run_study(inputs["corpus"], inputs["lexicon"], tmp_path / "s1", by="party")
    bad_gold = tmp_path / "gold.csv"
    bad_gold.write_text("doc_id,start,end,frame\nuk-summit,0,5,aggression\n", encoding="utf-8")
    with pytest.raises(StudyError, match="aggression are not in the codebook"):
        report.run_study(inputs["corpus"], inputs["lexicon"], tmp_path / "s2", gold=bad_gold)
    with pytest.raises(StudyError, match="no such file"):
        report.run_study(inputs["corpus"], tmp_path / "none.yml", tmp_path / "s3")
    assert not any(tmp_path.glob("s*"))
    assert issubclass(StudyError, AnalysisError)


def test_injected_parameters_replace_an_earlier_injection():
    nb = nbformat.read(report.templates_dir() / "01_corpus.ipynb", as_version=4)
    report._inject_parameters(nb, {"corpus": "/study/A"})
    report._inject_parameters(nb, {"corpus": "/study/B"})
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "/study/B" in injected[0].source and "/study/A" not in injected[0].source


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis.cli", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_cli_refuses_what_would_damage_or_guess(inputs):
    r = _cli("report", "--corpus", str(inputs["corpus"]), "--out", "x")
    assert r.returncode == 2 and "--lexicon is required" in r.stderr
    r = _cli("report", "--corpus", str(inputs["corpus"]), "--lexicon", str(inputs["lexicon"]),
             "--out", ".")
    assert r.returncode == 2 and "is the compendium" in r.stderr and "Traceback" not in r.stderr
    r = _cli("report", "--lexicon", str(inputs["lexicon"]))
    assert r.returncode == 2 and "give --corpus" in r.stderr


def test_frames_and_quotes_name_the_same_speaker(inputs, tmp_path):
    actors = tmp_path / "ai_actors.yml"
    actors.write_text(textwrap.dedent("""\
        actors:
          - name: Michelle Donelan
            type: person
            affiliation: UK government
            aliases: [the technology secretary]
        """), encoding="utf-8")
    for extra in ([], ["--actors", str(actors)]):
        q = _cli("quotes", "--corpus", str(inputs["corpus"]), *extra, "-o", str(tmp_path / "q.csv"))
        f = _cli("frames", "--corpus", str(inputs["corpus"]), "--lexicon", str(inputs["lexicon"]),
                 *extra, "-o", str(tmp_path / "f.csv"))
        assert q.returncode == 0 and f.returncode == 0, q.stderr + f.stderr
        quotes = pd.read_csv(tmp_path / "q.csv")
        frames = pd.read_csv(tmp_path / "f.csv")
        spoken = frames[frames["quote_id"].notna()].merge(
            quotes[["doc_id", "quote_id", "speaker"]], on=["doc_id", "quote_id"],
            suffixes=("_frames", "_quotes"))
        assert len(spoken) and (spoken["speaker_frames"] == spoken["speaker_quotes"]).all()


def test_a_report_renders_in_a_real_browser(full_study, tmp_path):
    """Opt-in: runs when Debian's ``chromium`` is installed (``apt-get install chromium``)."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium) to render a report")
    shot = tmp_path / "report.png"
    page = full_study / "reports" / "03_framing.html"
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1280,3000", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[0] == 3000 and pixels.shape[1] == 1280
    # A page with figures is not blank: many distinct colours, not only text on white.
    colours = {tuple(px) for px in (pixels[::7, ::7, :3] * 255).astype(int).reshape(-1, 3)}
    assert len(colours) > 200


def test_executed_notebooks_run_again_on_another_corpus_describe_that_corpus(full_study, inputs, tmp_path):
    """``--notebooks studyA/notebooks --corpus B``: the injected cell of study A is replaced,
    so B is analysed and study A's figures are not touched."""
    figures = {p.name: p.read_bytes() for p in (full_study / "figures").iterdir()}
    out = tmp_path / "study_b"
    report.run_study(inputs["bare"], inputs["lexicon"], out, templates=full_study / "notebooks",
                     stream=sys.stdout)
    md = _markdown_outputs(nbformat.read(out / "notebooks" / "01_corpus.ipynb", as_version=4))
    assert "carry no dates" in md and "Capital Daily" not in md
    assert {p.name: p.read_bytes() for p in (full_study / "figures").iterdir()} == figures
    assert not (out / "notebooks" / "05_keywords.ipynb").exists()
