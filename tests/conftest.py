"""Shared fixtures: the seed article and the SOTU corpus, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # the tests' own process draws off-screen; notebook kernels draw inline

from analysis import corpus

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "corpus" / "news"
SEED_ID = "2022-01-27-us-nato-respond-to-russia"
#: The case study's actor list; no function uses it unless it is passed.
CASE_ACTORS = ROOT / "corpus" / "actors.yml"


@pytest.fixture(scope="session")
def seed_docs():
    return corpus.load(SEED_DIR)


@pytest.fixture(scope="session")
def seed_text(seed_docs):
    return seed_docs["text"].iloc[0]


@pytest.fixture(scope="session")
def sotu_docs():
    return corpus.load_sotu()
