"""Atomic writes keep the old file when writing fails and leave no temporary behind."""

from __future__ import annotations

import pytest

from analysis._io import atomic_open, write_atomic


def test_write_atomic_replaces_the_file(tmp_path):
    target = tmp_path / "table.csv"
    write_atomic(target, "a,b\n")
    write_atomic(target, "c,d\n")
    assert target.read_text() == "c,d\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_a_failed_write_keeps_the_old_content(tmp_path):
    target = tmp_path / "figure.png"
    write_atomic(target, b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["figure.png"]
