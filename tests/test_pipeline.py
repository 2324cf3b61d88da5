"""pipeline: every table equals its stage function's output, cold or warm; the cache is keyed
by what the table depends on, written atomically, and recovers from truncated or corrupted
files; Parquet keeps every dtype."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import frequency, framing, paths, pipeline, quotes, sentiment, tokenise
from analysis.workflow._cache import CacheWarning, ParquetCache, stage_key
from analysis.corpus import CorpusError

from .conftest import ROOT, SEED_ID

FRAMES = ROOT / "corpus" / "frames.yml"
ACTORS = ROOT / "corpus" / "actors.yml"
NO_ACTORS = pd.DataFrame({"actor": pd.Series([], dtype="str"), "alias": pd.Series([], dtype="str")})


def _run(docs, cache_dir, **kw):
    kw.setdefault("lexicon", FRAMES)
    kw.setdefault("actors", ACTORS)
    return pipeline.run(docs, cache_dir=cache_dir, **kw)


@pytest.fixture(scope="module")
def small_docs(seed_docs):
    """The seed article and two short texts with metadata (party, date)."""
    extra = pd.DataFrame(
        {
            "doc_id": ["a-note", "b-note"],
            "text": [
                'Moscow warned of "escalation" and an aggressive course.\nTalks go on.',
                "NATO said the door stays open. Lavrov called it information hysteria.",
            ],
        }
    )
    docs = pd.concat([seed_docs[["doc_id", "text"]], extra], ignore_index=True)
    docs["party"] = ["news", "note", "note"]
    return docs


@pytest.fixture(scope="module")
def reference(small_docs):
    """The stage functions called one by one: what the pipeline must reproduce."""
    docs = small_docs.sort_values("doc_id", ignore_index=True)
    text = docs[["doc_id", "text"]]
    sents = tokenise.sentences(text)
    quotes_ = quotes.extract(text, actors=ACTORS, sentences=sents)
    return {
        "sentences": sents,
        "tokens": tokenise.tokens(text, sentences=sents),
        "sentiment": sentiment.score(sents),
        "quotes": quotes_,
        "frames": framing.find(text, FRAMES, quotes=quotes_, sentences=sents),
    }


@pytest.fixture(scope="module")
def cold_warm(small_docs, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    cold = _run(small_docs, cache, by="party")
    cold_tables = cold.tables()
    warm = _run(small_docs.iloc[::-1], cache, by="party")  # row order does not matter
    return cache, cold, cold_tables, warm, warm.tables()


# --- the tables ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", pipeline.STAGES)
def test_each_table_equals_its_stage_function_cold_and_warm(cold_warm, reference, stage):
    _, cold, cold_tables, warm, warm_tables = cold_warm
    pd.testing.assert_frame_equal(cold_tables[stage], reference[stage])
    pd.testing.assert_frame_equal(warm_tables[stage], reference[stage])
    assert cold.provenance[stage]["source"] == "computed"
    assert warm.provenance[stage]["source"] == "cache"
    assert warm_tables[stage].attrs == reference[stage].attrs


def test_summaries_equal_prevalence_and_counts(cold_warm, reference, small_docs):
    _, _, _, warm, _ = cold_warm
    expected = framing.prevalence(
        reference["frames"], reference["tokens"], by="party", frames=warm.lexicon, docs=small_docs
    )
    pd.testing.assert_frame_equal(warm.prevalence, expected)
    pd.testing.assert_frame_equal(warm.term_counts, frequency.counts(reference["tokens"]))
    # Seven frames for each of the two parties, zero rows included.
    assert len(warm.prevalence) == 2 * 7


def test_seed_article_ground_truth_survives_the_cache(cold_warm, seed_text):
    _, _, _, warm, tables = cold_warm
    hits = tables["frames"]
    seed = hits[hits["doc_id"] == SEED_ID]
    row = seed[seed["term"] == "aggressive course"].iloc[0]
    assert seed_text[row.start : row.end] == "aggressive course"
    assert (row.voice, row.speaker) == ("quoted", "Sergey Lavrov")
    # A plain reading of the article: these terms are never part of a longer match.
    low = seed_text.lower()
    for term in ["diplomatic path", "security demands", "eastward expansion"]:
        assert (seed["term"] == term).sum() == low.count(term), term
    # Sentiment equals the vaderSentiment package sentence for sentence.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    sent = tables["sentiment"]
    expected = [sia.polarity_scores(t)["compound"] for t in sent["text"]]
    assert sent["compound"].tolist() == expected


def test_spans_index_the_document_text(cold_warm, small_docs):
    _, _, _, _, tables = cold_warm
    text = dict(zip(small_docs["doc_id"], small_docs["text"]))
    for stage, col in (("sentences", "text"), ("tokens", "token"), ("quotes", "text"), ("frames", "match")):
        t = tables[stage]
        assert [text[d][s:e] for d, s, e in zip(t["doc_id"], t["start"], t["end"])] == t[col].tolist()


# --- the cache keys ------------------------------------------------------------------------------------


def test_key_is_sha256_of_the_canonical_description():
    parts = {"stage": "tokens", "sentences": "abc"}
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":")).encode()
    assert stage_key(**parts) == hashlib.sha256(blob).hexdigest()


def test_keys_follow_what_each_stage_depends_on(small_docs):
    base = pipeline.run(small_docs, lexicon=FRAMES, actors=ACTORS, cache_dir=False).keys
    same = pipeline.run(
        small_docs.iloc[::-1].assign(party="other"), lexicon=FRAMES, actors=ACTORS, cache_dir=False
    ).keys
    assert same == base  # row order and metadata do not change any table

    edited = small_docs.copy()
    edited.loc[1, "text"] += "!"
    assert all(
        a != b
        for a, b in zip(
            pipeline.run(edited, lexicon=FRAMES, actors=ACTORS, cache_dir=False).keys.values(),
            base.values(),
        )
    )

    lex = framing.FrameLexicon.from_dict({"frames": {"threat": {"terms": ["threat*"]}}})
    other_lex = pipeline.run(small_docs, lexicon=lex, actors=ACTORS, cache_dir=False).keys
    assert [s for s in pipeline.STAGES if other_lex[s] != base[s]] == ["frames"]

    other_actors = pipeline.run(small_docs, lexicon=FRAMES, actors=NO_ACTORS, cache_dir=False).keys
    assert [s for s in pipeline.STAGES if other_actors[s] != base[s]] == ["quotes", "frames"]

    paragraphs = pipeline.run(
        small_docs, lexicon=FRAMES, actors=ACTORS, cache_dir=False, line_breaks="paragraph"
    ).keys
    assert all(paragraphs[s] != base[s] for s in pipeline.STAGES)

    # A lexicon read from the file and the same lexicon built in memory share the key.
    from_file = framing.FrameLexicon.from_yaml(FRAMES)
    assert pipeline.run(small_docs, lexicon=from_file, actors=ACTORS, cache_dir=False).keys == base


def test_keys_follow_the_source_of_each_stage_and_what_it_imports(small_docs, tmp_path, monkeypatch):
    import shutil

    from analysis.workflow import _cache

    package = tmp_path / "analysis"
    shutil.copytree(Path(_cache.__file__).parent.parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(_cache, "_PACKAGE", package)

    def keys():
        _cache.code_digest.cache_clear()
        return pipeline.run(small_docs, lexicon=FRAMES, actors=ACTORS, cache_dir=False).keys

    def changed_by(module):
        before = keys()
        with open(package / f"{module.replace('.', '/')}.py", "a") as fh:
            fh.write("\n# edited\n")
        after = keys()
        return [s for s in pipeline.STAGES if before[s] != after[s]]

    try:
        assert changed_by("lexical.keyness") == []
        assert changed_by("framing._engine") == ["frames"]
        assert changed_by("sentiment._vader") == ["sentiment"]
        assert changed_by("quotes._resolve") == ["quotes", "frames"]
        assert changed_by("tokenise") == list(pipeline.STAGES)
        assert changed_by("workflow.pipeline") == list(pipeline.STAGES)
    finally:
        monkeypatch.undo()
        _cache.code_digest.cache_clear()


def test_a_lexicon_change_recomputes_only_the_frames(small_docs, tmp_path):
    _run(small_docs, tmp_path).tables()
    lex = framing.FrameLexicon.from_dict({"frames": {"talks": {"terms": ["talks"]}}})
    res = _run(small_docs, tmp_path, lexicon=lex)
    res.tables()
    sources = {s: res.provenance[s]["source"] for s in pipeline.STAGES}
    assert sources == {
        "sentences": "cache", "tokens": "cache", "sentiment": "cache", "quotes": "cache",
        "frames": "computed",
    }
    expected = {d: len(re.findall(r"\btalks\b", t, flags=re.I)) for d, t in zip(small_docs["doc_id"], small_docs["text"])}
    assert res.frames.groupby("doc_id").size().to_dict() == {d: n for d, n in expected.items() if n}
    assert expected["a-note"] == 1  # "Talks go on."


def test_warm_run_calls_no_stage_function(small_docs, tmp_path, monkeypatch):
    _run(small_docs, tmp_path).tables()

    def boom(*args, **kwargs):
        raise AssertionError("a stage was recomputed")

    for module, name in ((tokenise, "sentences"), (tokenise, "tokens"), (sentiment, "score"),
                         (quotes, "extract"), (framing, "find")):
        monkeypatch.setattr(module, name, boom)
    tables = _run(small_docs, tmp_path).tables()
    assert len(tables["tokens"]) > 700


def test_an_attribute_loads_only_what_it_needs(small_docs, tmp_path):
    _run(small_docs, tmp_path).tables()
    res = _run(small_docs, tmp_path)
    res.frames
    assert list(res.provenance) == ["frames"]
    cold = _run(small_docs, tmp_path / "fresh")
    cold.sentiment
    assert list(cold.provenance) == ["sentences", "sentiment"]


# --- corruption and atomic writes ----------------------------------------------------------------------


def _files(cache_dir: Path, stage: str) -> tuple[Path, Path]:
    (data,) = (cache_dir / stage).glob("*.parquet")
    return data, data.with_suffix(".json")


@pytest.mark.parametrize(
    "damage",
    ["truncate", "flip_byte", "drop_sidecar", "garbage_with_matching_sidecar", "bad_sidecar"],
)
def test_a_damaged_cache_file_is_detected_removed_and_recomputed(small_docs, tmp_path, reference, damage):
    _run(small_docs, tmp_path).tables()
    data, meta = _files(tmp_path, "tokens")
    blob = data.read_bytes()
    if damage == "truncate":
        data.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip_byte":
        data.write_bytes(blob[:100] + bytes([blob[100] ^ 0xFF]) + blob[101:])
    elif damage == "drop_sidecar":
        meta.unlink()
    elif damage == "garbage_with_matching_sidecar":
        junk = b"PAR1" + b"\x00" * 64
        data.write_bytes(junk)
        info = json.loads(meta.read_text())
        info.update(sha256=hashlib.sha256(junk).hexdigest(), bytes=len(junk))
        meta.write_text(json.dumps(info))
    elif damage == "bad_sidecar":
        meta.write_text("{not json")
    res = _run(small_docs, tmp_path)
    with pytest.warns(CacheWarning, match=r"tokens.*recomputing"):
        tokens = res.tokens
    res.flush()
    assert res.provenance["tokens"]["source"] == "computed"
    pd.testing.assert_frame_equal(tokens, reference["tokens"])
    # The rewritten entry is sound again and its sidecar holds the file's SHA-256.
    data, meta = _files(tmp_path, "tokens")
    assert json.loads(meta.read_text())["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _run(small_docs, tmp_path).tokens.equals(reference["tokens"])


def test_a_failed_write_leaves_neither_a_file_nor_a_temporary(tmp_path, monkeypatch):
    cache = ParquetCache(tmp_path)
    df = pd.DataFrame({"n": [1, 2, 3]})

    def half_write(self, path, **kwargs):
        Path(path).write_bytes(b"PAR1 partial")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", half_write)
    with pytest.raises(OSError, match="disk full"):
        cache.put("demo", "k", df)
    assert list((tmp_path / "demo").iterdir()) == []
    assert cache.get("demo", "k") is None


def test_a_cache_that_cannot_be_written_only_warns(small_docs, tmp_path, reference, monkeypatch):
    def fail(self, stage, key, df):
        raise OSError("read-only file system")

    monkeypatch.setattr(ParquetCache, "put", fail)
    with pytest.warns(CacheWarning) as record:
        tables = _run(small_docs, tmp_path).tables()
    assert [re.search(r"could not write the '(\w+)' table.*read-only", str(w.message))[1]
            for w in record] == list(pipeline.STAGES)
    pd.testing.assert_frame_equal(tables["tokens"], reference["tokens"])


def test_parquet_round_trip_keeps_every_dtype(tmp_path):
    df = pd.DataFrame(
        {
            "doc_id": pd.Series(["a", "b", None], dtype="str"),
            "n": np.array([1, 2**40, -3], dtype="int64"),
            "maybe": pd.array([1, None, 3], dtype="Int64"),
            "score": [0.5, np.nan, -1.25],
            "flag": [True, False, True],
            "date": pd.to_datetime(["1790-01-08", "2022-03-01", None]).tz_localize("UTC"),
            "text": pd.Series(["“curly” é 🦉", "", "line\nbreak"], dtype="str"),
        }
    )
    df.attrs["frames"] = ["aggression", "dialogue"]
    cache = ParquetCache(tmp_path)
    cache.put("demo", "k", df)
    back = cache.get("demo", "k")
    pd.testing.assert_frame_equal(back, df)
    assert back.dtypes.astype(str).tolist() == df.dtypes.astype(str).tolist()
    assert back.dtypes.astype(str).tolist()[:5] == ["str", "int64", "Int64", "float64", "bool"]
    assert str(back["date"].dt.tz) == "UTC" and back["text"].dtype == "str"
    assert back.attrs == {"frames": ["aggression", "dialogue"]}


# --- defaults, empty and bad input ---------------------------------------------------------------------


def test_default_cache_dir_is_dot_cache_at_the_repository_root(small_docs, monkeypatch):
    monkeypatch.delenv("DISCOURSE_CACHE_DIR", raising=False)
    monkeypatch.chdir(ROOT / "notebooks")  # where notebooks run
    res = pipeline.run(small_docs, lexicon=FRAMES)
    assert res.cache.root == ROOT / ".cache" / "pipeline"
    assert Path(paths.resolve(".cache/pipeline", output=True)) == res.cache.root


def test_outside_the_compendium_the_cache_is_the_users_not_the_checkouts(tmp_path, monkeypatch):
    """A researcher's notebook elsewhere never writes into the toolkit's own checkout."""
    monkeypatch.delenv("DISCOURSE_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pipeline.default_cache_dir() == tmp_path / "xdg" / "discourse" / "pipeline"
    monkeypatch.setenv("DISCOURSE_CACHE_DIR", str(tmp_path / "mine"))
    assert pipeline.default_cache_dir() == tmp_path / "mine"
    assert paths.project_root(tmp_path) is None


def test_the_cache_key_is_what_extraction_reads(small_docs, tmp_path):
    """No actor list is its own key; editing the list, or the cues, recomputes the quotations
    (and the frames that carry their speakers), never serves the old speakers."""
    none = pipeline.run(small_docs, lexicon=FRAMES, actors=None, cache_dir=False).keys
    assert none == pipeline.run(small_docs, lexicon=FRAMES, cache_dir=False).keys
    listed = tmp_path / "actors.yml"
    listed.write_text("actors:\n  - name: Antony Blinken\n    type: person\n    affiliation: US\n"
                      "    aliases: [the top US diplomat]\n", encoding="utf-8")
    first = pipeline.run(small_docs, lexicon=FRAMES, actors=listed, cache_dir=tmp_path)
    assert first.keys["quotes"] != none["quotes"]
    before = first.quotes
    listed.write_text("actors:\n  - name: Tony B.\n    type: person\n    affiliation: US\n"
                      "    aliases: [Antony Blinken, Blinken]\n", encoding="utf-8")
    second = pipeline.run(small_docs, lexicon=FRAMES, actors=listed, cache_dir=tmp_path)
    assert second.keys["quotes"] != first.keys["quotes"]
    assert second.provenance == {} and second.quotes is not None
    assert second.provenance["quotes"]["source"] == "computed"
    assert "Tony B." in set(second.quotes["speaker"]) and "Tony B." not in set(before["speaker"])
    assert set(second.frames["speaker"].dropna()) <= set(second.quotes["speaker"].dropna())
    cued = pipeline.run(small_docs, lexicon=FRAMES, actors=listed, cues={"said", "told"},
                        cache_dir=False).keys
    assert cued["quotes"] != second.keys["quotes"] and cued["sentences"] == second.keys["sentences"]


def test_empty_corpus_gives_empty_tables_with_the_stage_dtypes(tmp_path, reference):
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")})
    for _ in range(2):  # cold, then warm
        tables = _run(empty, tmp_path).tables()
        for stage, table in tables.items():
            assert len(table) == 0, stage
            assert list(table.columns) == list(reference[stage].columns), stage
            assert table.dtypes.astype(str).tolist() == reference[stage].dtypes.astype(str).tolist(), stage


def test_bad_input_is_named(small_docs, tmp_path):
    with pytest.raises(CorpusError, match="text"):
        pipeline.run(small_docs[["doc_id"]], lexicon=FRAMES, cache_dir=tmp_path)
    dup = pd.concat([small_docs, small_docs.iloc[:1]], ignore_index=True)
    with pytest.raises(CorpusError, match=f"duplicate doc_id '{SEED_ID}'"):
        pipeline.run(dup, lexicon=FRAMES, cache_dir=tmp_path)
    with pytest.raises(CorpusError, match="nowhere.yml"):
        pipeline.run(small_docs, lexicon=FRAMES, actors=tmp_path / "nowhere.yml", cache_dir=tmp_path)
    with pytest.raises(framing.LexiconError, match="nowhere-frames.yml"):
        pipeline.run(small_docs, lexicon=tmp_path / "nowhere-frames.yml", cache_dir=tmp_path)
    with pytest.raises(ValueError, match="by column.*year"):
        pipeline.run(small_docs, lexicon=FRAMES, by="year", cache_dir=tmp_path)
    with pytest.raises(ValueError, match="line_breaks"):
        pipeline.run(small_docs, lexicon=FRAMES, line_breaks="never", cache_dir=tmp_path)


# --- arbitrary text ------------------------------------------------------------------------------------

_texts = st.text(
    alphabet=st.sampled_from(list("abc ABC.,;!?\"'“”‘’«»-—\n\t0123 éİ🦉")), min_size=1, max_size=120
).filter(lambda t: t.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_texts, min_size=1, max_size=3))
def test_warm_tables_equal_cold_ones_for_arbitrary_text(texts):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    lex = framing.FrameLexicon.from_dict({"frames": {"x": {"terms": ["abc", "a*"]}}})
    with tempfile.TemporaryDirectory() as tmp:
        cold = pipeline.run(docs, lexicon=lex, actors=NO_ACTORS, cache_dir=tmp).tables()
        warm = pipeline.run(docs, lexicon=lex, actors=NO_ACTORS, cache_dir=tmp)
        for stage, table in cold.items():
            pd.testing.assert_frame_equal(getattr(warm, stage), table)
            assert warm.provenance[stage]["source"] == "cache"
    toks = cold["tokens"]
    by_id = dict(zip(docs["doc_id"], docs["text"]))
    assert [by_id[d][s:e] for d, s, e in zip(toks["doc_id"], toks["start"], toks["end"])] == toks["token"].tolist()


# --- worker processes ----------------------------------------------------------------------------------


def test_worker_processes_give_the_same_tables(small_docs, tmp_path, reference):
    res = _run(small_docs, tmp_path, n_jobs=2)
    tables = res.tables()
    for stage in pipeline.STAGES:
        pd.testing.assert_frame_equal(tables[stage], reference[stage])
        assert tables[stage].attrs == reference[stage].attrs
        assert res.provenance[stage]["source"] == "computed (2 processes)"
    # A stage whose inputs are cached: the workers receive the cached sentences.
    lex = framing.FrameLexicon.from_dict({"frames": {"talks": {"terms": ["talks", "talk*"]}}})
    res = _run(small_docs, tmp_path, n_jobs=2, lexicon=lex)
    expected = framing.find(small_docs.sort_values("doc_id"), lex, quotes=reference["quotes"],
                            sentences=reference["sentences"])
    pd.testing.assert_frame_equal(res.frames, expected)
    assert res.provenance["frames"]["source"] == "computed (2 processes)"
    assert set(res.provenance) == {"sentences", "quotes", "frames"}


def test_all_cores_only_for_a_large_corpus(small_docs):
    res = pipeline.run(small_docs, lexicon=FRAMES, actors=ACTORS, cache_dir=False, n_jobs=-1)
    res.sentences
    assert res.provenance["sentences"]["source"] == "computed"  # 12k characters: no workers
    for bad in (0, -2, 1.5, True):
        with pytest.raises(ValueError, match="n_jobs"):
            pipeline.run(small_docs, lexicon=FRAMES, cache_dir=False, n_jobs=bad)
