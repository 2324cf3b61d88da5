"""scale: the pipeline over Parquet partitions on a 2-worker Dask LocalCluster gives the same
tables and summaries as pipeline.run over the whole corpus in one process."""

from __future__ import annotations

import logging
import multiprocessing

import pandas as pd
import pytest

from analysis import corpus, pipeline, scale
from analysis.corpus import CorpusError

from .conftest import ROOT

FRAMES = ROOT / "corpus" / "frames.yml"
ACTORS = ROOT / "corpus" / "actors.yml"
TIMEOUT = 120  # seconds; a hung cluster fails the test instead of the CI job
SORT_KEYS = {
    "sentences": ["doc_id", "sent_id"],
    "tokens": ["doc_id", "tok_id"],
    "sentiment": ["doc_id", "sent_id"],
    "quotes": ["doc_id", "quote_id"],
    "frames": ["doc_id", "start", "end", "frame"],
}


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )
    c = distributed.Client(cluster, timeout=60)
    try:
        yield c
    finally:
        c.close(timeout=30)
        cluster.close(timeout=30)


@pytest.fixture(scope="module")
def docs(seed_docs, sotu_docs):
    """The seed article, the State of the Union addresses since 2010 and two short notes."""
    sotu = sotu_docs[sotu_docs["year"] >= 2010][["doc_id", "text", "party"]]
    notes = pd.DataFrame(
        {
            "doc_id": ["a-note", "b-note"],
            "text": [
                'Moscow warned of "escalation" and an aggressive course.\nTalks go on.',
                "NATO said the door stays open. Lavrov called it information hysteria.",
            ],
            "party": ["note", "note"],
        }
    )
    seed = seed_docs[["doc_id", "text"]].assign(party="news")
    return corpus.validate(pd.concat([sotu, seed, notes], ignore_index=True))


@pytest.fixture(scope="module")
def parquet(docs, tmp_path_factory):
    """The corpus shuffled into a Parquet file of 3-document row groups."""
    path = tmp_path_factory.mktemp("corpus") / "docs.parquet"
    docs.sample(frac=1, random_state=0).to_parquet(path, row_group_size=3, index=False)
    return path


@pytest.fixture(scope="module")
def reference(docs):
    return pipeline.run(docs, lexicon=FRAMES, actors=ACTORS, cache_dir=False, by="party")


@pytest.fixture(scope="module")
def result(parquet, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return scale.run(
        parquet, lexicon=FRAMES, actors=ACTORS, client=client, out=out, by="party",
        partition_size="100 KiB", timeout=TIMEOUT,
    )


def test_the_corpus_is_split_over_partitions_and_workers(result, docs):
    parts = result.partitions
    assert len(parts) >= 4
    assert parts["documents"].sum() == len(docs)
    assert parts["characters"].sum() == docs["text"].str.len().sum()
    assert parts["partition"].tolist() == list(range(len(parts)))
    assert (parts["peak_rss_mb"] > 0).all()
    assert result.workers["partitions"].sum() == len(parts)


@pytest.mark.parametrize("stage", pipeline.STAGES)
def test_each_stage_equals_pipeline_run_on_the_same_documents(result, reference, stage):
    keys = SORT_KEYS[stage]
    got = getattr(result, stage).compute().sort_values(keys, ignore_index=True)
    want = getattr(reference, stage).sort_values(keys, ignore_index=True)
    assert len(want) > 0
    pd.testing.assert_frame_equal(got, want)


def test_summaries_equal_pipeline_run_from_per_partition_counts(result, reference):
    pd.testing.assert_frame_equal(result.prevalence, reference.prevalence)
    pd.testing.assert_frame_equal(result.term_counts, reference.term_counts)
    # Three groups (Democratic, Republican in 2010-2025; news; note) by seven frames.
    assert set(result.prevalence["party"]) == {"Democratic", "Republican", "news", "note"}
    assert len(result.prevalence) == 4 * 7
    # Written beside the stage datasets, for later sessions.
    pd.testing.assert_frame_equal(
        pd.read_parquet(result.out / "prevalence.parquet"), reference.prevalence
    )


def test_a_scheduler_address_and_the_whole_corpus_prevalence(parquet, client, docs, tmp_path):
    res = scale.run(
        parquet, lexicon=FRAMES, actors=ACTORS, client=client.scheduler.address, out=tmp_path,
        partition_size="100 KiB", timeout=TIMEOUT,
    )
    ref = pipeline.run(docs, lexicon=FRAMES, actors=ACTORS, cache_dir=False)
    pd.testing.assert_frame_equal(res.prevalence, ref.prevalence)
    assert list(res.prevalence.columns) == ["frame", "hits", "tokens", "per_1000"]


def test_a_local_cluster_is_started_and_closed(seed_docs, tmp_path):
    pytest.importorskip("distributed")
    before = {p.pid for p in multiprocessing.active_children()}
    path = tmp_path / "seed.parquet"
    seed_docs.to_parquet(path, index=False)
    res = scale.run(
        path, lexicon=FRAMES, actors=ACTORS, out=tmp_path / "out", n_workers=1, timeout=TIMEOUT
    )
    ref = pipeline.run(seed_docs, lexicon=FRAMES, actors=ACTORS, cache_dir=False)
    pd.testing.assert_frame_equal(res.frames.compute(), ref.frames.reset_index(drop=True))
    assert len(res.workers) == 1
    after = {p.pid for p in multiprocessing.active_children()}
    assert after <= before


def test_rerun_replaces_an_earlier_output_and_refuses_other_folders(result, parquet, client, tmp_path):
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="no _scale.json"):
        scale.run(parquet, lexicon=FRAMES, actors=ACTORS, client=client, out=foreign)
    assert (foreign / "keep.txt").read_text() == "mine"
    # An earlier output is replaced, stale partitions included.
    (result.out / "tokens" / "part.99999.parquet").write_bytes(b"stale")
    again = scale.run(
        parquet, lexicon=FRAMES, actors=ACTORS, client=client, out=result.out, by="party",
        partition_size="100 KiB", timeout=TIMEOUT,
    )
    assert not (result.out / "tokens" / "part.99999.parquet").exists()
    pd.testing.assert_frame_equal(again.term_counts, result.term_counts)


def test_bad_corpora_are_named(docs, client, tmp_path):
    no_text = tmp_path / "no_text.parquet"
    docs[["doc_id", "party"]].to_parquet(no_text, index=False)
    with pytest.raises(CorpusError, match="lacks column.*text"):
        scale.run(no_text, lexicon=FRAMES, client=client, out=tmp_path / "o1")
    ok = tmp_path / "ok.parquet"
    docs.to_parquet(ok, index=False)
    with pytest.raises(CorpusError, match="lacks column.*year"):
        scale.run(ok, lexicon=FRAMES, client=client, out=tmp_path / "o2", by="year")
    dup = pd.concat([docs, docs.iloc[[0]]], ignore_index=True)
    path = tmp_path / "dup.parquet"
    dup.to_parquet(path, row_group_size=3, index=False)
    with pytest.raises(CorpusError, match=f"more than one row: '{docs['doc_id'].iloc[0]}'"):
        scale.run(path, lexicon=FRAMES, actors=ACTORS, client=client, out=tmp_path / "o3",
                  partition_size="100 KiB", timeout=TIMEOUT)
    # The failed run's folder is recognised: the corrected corpus can go into it.
    res = scale.run(ok, lexicon=FRAMES, actors=ACTORS, client=client, out=tmp_path / "o3",
                    timeout=TIMEOUT)
    assert res.partitions["documents"].sum() == len(docs)
    with pytest.raises(CorpusError, match="nowhere.yml"):
        scale.run(path, lexicon=FRAMES, actors=tmp_path / "nowhere.yml", client=client,
                  out=tmp_path / "o4")

