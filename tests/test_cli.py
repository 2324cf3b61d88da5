"""The ``discourse`` console script."""

from __future__ import annotations

import pytest

from analysis import cli


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("discourse 0.1.0")


def test_corpus_summary_of_the_seed_article(capsys):
    from .conftest import SEED_DIR

    assert cli.main(["corpus", str(SEED_DIR)]) == 0
    out = capsys.readouterr().out
    assert "documents    1" in out
    assert "sentences    36" in out
    assert "tokens       741" in out
    assert "date range   2022-01-27 to 2022-01-27 (UTC)" in out
    assert "metadata     title, date, timezone, section, credit, source, language" in out


def test_user_errors_exit_2_with_one_line(tmp_path, capsys):
    assert cli.main(["corpus", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such file or folder" in err[0]
    (tmp_path / "bad.txt").write_bytes(b"\xff")
    assert cli.main(["corpus", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "bad.txt: not valid UTF-8 at byte offset 0" in err and "Traceback" not in err
