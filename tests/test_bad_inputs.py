"""The bad-input catalogue: what a careless export, a hostile file or a typing slip does.

Each case asserts the exact outcome: a clear error of the documented class naming the file,
line or document, or the right result. Nothing is dropped, misread or overwritten without a
word.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import concordance, corpus, framing, keyness, pipeline, quotes, tokenise
from analysis.actors import actor_table
from analysis.errors import (
    ActorListError,
    AnalysisError,
    AnalysisWarning,
    CorpusError,
    CorpusWarning,
    GoldError,
    LexiconError,
    UsageError,
)
from analysis.framing import FrameLexicon

from .conftest import ROOT

LEX = "frames:\n  act:\n    label: Action\n    terms: [act*]\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def load_quietly(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return corpus.load(path, **kw)


def raises(cls, match, fn, *args, **kw):
    with pytest.raises(cls, match=match) as info:
        fn(*args, **kw)
    assert isinstance(info.value, AnalysisError), f"{type(info.value).__name__} is no AnalysisError"
    return info.value


# --- folders ----------------------------------------------------------------------------------


def test_folder_reads_every_txt_in_any_case(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "b.TXT", "Two.")
    write(tmp_path / "c.Txt", "Three.")
    assert corpus.load(tmp_path)["doc_id"].tolist() == ["a", "b", "c"]


def test_subfolders_are_named_not_silently_skipped(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "sub" / "c.txt", "Three.")
    with pytest.warns(CorpusWarning, match=r"1 \.txt file\(s\) in subfolders.*recursive=True"):
        assert corpus.load(tmp_path)["doc_id"].tolist() == ["a"]


def test_recursive_gives_safe_ids_from_relative_paths(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "2024" / "jan" / "c.txt", "Three.")
    assert corpus.load(tmp_path, recursive=True)["doc_id"].tolist() == ["2024__jan__c", "a"]


def test_dangling_link_is_named(tmp_path):
    write(tmp_path / "a.txt", "One.")
    (tmp_path / "d.txt").symlink_to(tmp_path / "missing.txt")
    with pytest.warns(CorpusWarning, match=r"d\.txt \(a link to nothing\)"):
        assert corpus.load(tmp_path)["doc_id"].tolist() == ["a"]


def test_link_leaving_the_folder_is_not_followed(tmp_path):
    outside = write(tmp_path / "elsewhere" / "secret.txt", "Private.")
    folder = tmp_path / "corpus"
    write(folder / "a.txt", "One.")
    (folder / "s.txt").symlink_to(outside)
    with pytest.warns(CorpusWarning, match="outside the corpus folder"):
        assert corpus.load(folder)["doc_id"].tolist() == ["a"]


def test_link_inside_the_folder_is_followed(tmp_path):
    write(tmp_path / "a.txt", "One.")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert corpus.load(tmp_path)["doc_id"].tolist() == ["a", "b"]


def test_apple_double_and_hidden_files_are_named(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "._a.txt", b"\x00\x05\x16\x07\xff\xfe")
    write(tmp_path / ".draft.txt", "Hidden.")
    with pytest.warns(CorpusWarning, match="macOS resource fork") as record:
        assert corpus.load(tmp_path)["doc_id"].tolist() == ["a"]
    assert ".draft.txt (hidden file)" in str(record[0].message)


def test_a_fifo_is_refused_not_waited_for(tmp_path):
    write(tmp_path / "a.txt", "One.")
    os.mkfifo(tmp_path / "f.txt")
    raises(CorpusError, r"f\.txt: is not a regular file", corpus.load, tmp_path)
    os.mkfifo(tmp_path / "docs.csv")
    raises(CorpusError, r"docs\.csv: is not a regular file", corpus.load, tmp_path / "docs.csv")


def test_empty_folder(tmp_path):
    raises(CorpusError, "no .txt files", corpus.load, tmp_path)


def test_metadata_csv_that_is_a_folder(tmp_path):
    write(tmp_path / "a.txt", "One.")
    (tmp_path / "metadata.csv").mkdir()
    raises(CorpusError, r"metadata\.csv: is a folder", corpus.load, tmp_path)


def test_metadata_row_without_text_names_its_line(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "metadata.csv", "doc_id,source\na,X\nb,Y\n")
    raises(CorpusError, r"metadata\.csv, line 3: metadata row for doc_id 'b' has no text",
           corpus.load, tmp_path)


def test_text_without_metadata_is_named(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "b.txt", "Two.")
    write(tmp_path / "metadata.csv", "doc_id,source\na,X\n")
    with pytest.warns(CorpusWarning, match=r"no metadata row for 1 text\(s\): .*b\.txt"):
        docs = corpus.load(tmp_path)
    assert docs["source"].isna().tolist() == [False, True]


def test_bad_utf8_names_the_byte(tmp_path):
    write(tmp_path / "a.txt", b"Caf\xe9 au lait.")
    raises(CorpusError, r"a\.txt: not valid UTF-8 at byte offset 3 \(byte 0xe9\)", corpus.load, tmp_path)


def test_whitespace_only_text(tmp_path):
    write(tmp_path / "a.txt", " \n\t\n")
    raises(CorpusError, "empty or whitespace-only text", corpus.load, tmp_path)


def test_nfd_file_name_meets_its_nfc_metadata_row(tmp_path):
    write(tmp_path / unicodedata.normalize("NFD", "café.txt"), "Open.")
    write(tmp_path / "metadata.csv", "doc_id,source\ncafé,X\n")
    with pytest.warns(CorpusWarning, match="NFC"):
        docs = corpus.load(tmp_path)
    assert docs["doc_id"].tolist() == ["café"] and docs["source"].tolist() == ["X"]


def test_nfc_and_nfd_copies_of_one_name_are_one_document_twice(tmp_path):
    write(tmp_path / "café.txt", "One.")
    write(tmp_path / unicodedata.normalize("NFD", "café.txt"), "Two.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        raises(CorpusError, "duplicate doc_id 'café'", corpus.load, tmp_path)


# --- dates --------------------------------------------------------------------------------------


def _dated(tmp_path, *dates, column="date"):
    rows = ["doc_id,text," + column] + [f"d{i},Text {i}.,{d}" for i, d in enumerate(dates)]
    return write(tmp_path / "docs.csv", "\n".join(rows) + "\n")


def test_day_first_dates_are_not_guessed(tmp_path):
    path = _dated(tmp_path, "27/01/2022", "03/02/2022")
    raises(CorpusError, r"docs\.csv, line 2.*cannot read date '27/01/2022' by ISO 8601.*date_format",
           corpus.load, path)


def test_a_stated_date_format_reads_every_row_the_same_way(tmp_path):
    path = _dated(tmp_path, "27/01/2022", "03/02/2022")
    dates = corpus.load(path, date_format="%d/%m/%Y")["date"]
    assert dates.dt.strftime("%Y-%m-%d").tolist() == ["2022-01-27", "2022-02-03"]
    assert str(dates.dt.tz) == "UTC"


def test_dayfirst_reads_day_month(tmp_path):
    path = _dated(tmp_path, "27/01/2022", "03/02/2022")
    assert corpus.load(path, dayfirst=True)["date"].dt.strftime("%m-%d").tolist() == ["01-27", "02-03"]


def test_a_value_the_stated_format_cannot_read_names_its_row(tmp_path):
    path = _dated(tmp_path, "27/01/2022", "2022-02-03")
    raises(CorpusError, r"line 3.*cannot read date '2022-02-03' by the format '%d/%m/%Y'",
           corpus.load, path, date_format="%d/%m/%Y")


@pytest.mark.parametrize("word", ["today", "now", "Yesterday"])
def test_dates_relative_to_the_run_are_refused(tmp_path, word):
    raises(CorpusError, f"date '{word}' depends on when the analysis runs", corpus.load,
           _dated(tmp_path, "2022-01-27", word))


def test_unix_seconds_are_refused_without_a_unit(tmp_path):
    path = write(tmp_path / "docs.jsonl", '{"doc_id": "a", "text": "x", "date": 1643283180}\n')
    raises(CorpusError, r"line 1.*date 1643283180 is a number.*date_unit='s'", corpus.load, path)


def test_unix_seconds_with_a_unit(tmp_path):
    path = write(tmp_path / "docs.jsonl", '{"doc_id": "a", "text": "x", "date": 1643283180}\n')
    assert str(corpus.load(path, date_unit="s")["date"].iloc[0]) == "2022-01-27 11:33:00+00:00"


def test_a_slashed_short_date_is_refused(tmp_path):
    raises(CorpusError, "cannot read date '1/2/3'", corpus.load, _dated(tmp_path, "1/2/3"))


def test_offsets_become_utc_and_missing_dates_stay_missing(tmp_path):
    path = _dated(tmp_path, "2022-01-27T17:03:00+05:30", "", "2022-01-27")
    dates = corpus.load(path)["date"]
    assert str(dates.iloc[0]) == "2022-01-27 11:33:00+00:00"
    assert pd.isna(dates.iloc[1]) and str(dates.iloc[2]) == "2022-01-27 00:00:00+00:00"


def test_a_bad_date_in_metadata_csv_names_the_csv_line(tmp_path):
    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "b.txt", "Two.")
    write(tmp_path / "metadata.csv", "doc_id,date\na,2022-01-27\nb,12/09/2016 noon\n")
    raises(CorpusError, r"metadata\.csv, line 3.*cannot read date '12/09/2016 noon'", corpus.load, tmp_path)


def test_parquet_timestamps_without_zone_are_utc(tmp_path):
    df = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "date": pd.to_datetime(["2022-01-27 10:00"])})
    df.to_parquet(tmp_path / "d.parquet")
    assert str(corpus.load(tmp_path / "d.parquet")["date"].iloc[0]) == "2022-01-27 10:00:00+00:00"


# --- text normalisation, once -------------------------------------------------------------------


def test_a_second_bom_is_text_and_validate_never_strips_it(tmp_path):
    write(tmp_path / "a.txt", "\ufeff\ufeffTitle\n\nBody.")
    docs = corpus.load(tmp_path)
    assert docs["text"].iloc[0] == "\ufeffTitle\n\nBody."
    assert corpus.validate(corpus.validate(docs))["text"].equals(docs["text"])


def test_every_stage_spans_the_same_text(tmp_path):
    """pipeline.run validates; find and kwic do not: their spans must still agree."""
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["\ufeff\ufeffMoscow warned of escalation."]})
    lex = FrameLexicon.from_terms({"aggression": ["escalat*"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        run = pipeline.run(docs, lexicon=lex, cache_dir=False)
        frames = run.frames
    direct = framing.find(docs, lex, quotes=quotes.extract(docs))
    lines = concordance.kwic(docs, "escalat*")
    assert frames[["start", "end"]].values.tolist() == direct[["start", "end"]].values.tolist()
    assert lines[["start", "end"]].values.tolist() == direct[["start", "end"]].values.tolist()
    assert docs["text"].iloc[0][frames["start"].iloc[0]:frames["end"].iloc[0]] == "escalation"


def test_crlf_in_a_table_is_kept_and_named(tmp_path):
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["One.\r\nTwo."]})
    with pytest.warns(CorpusWarning, match="carriage returns or not in Unicode NFC"):
        assert corpus.validate(docs)["text"].iloc[0] == "One.\r\nTwo."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        assert corpus.normalise(docs)["text"].iloc[0] == "One.\nTwo."


def test_nfd_text_meets_an_nfc_term(tmp_path):
    write(tmp_path / "a.txt", unicodedata.normalize("NFD", "Le café est ouvert."))
    with pytest.warns(CorpusWarning, match="NFC normalisation changed 1 document"):
        docs = corpus.load(tmp_path)
    hits = framing.find(docs, FrameLexicon.from_terms({"f": ["café"]}), quotes=quotes.extract(docs))
    assert hits["match"].tolist() == ["café"]


# --- CSV, JSON Lines, Parquet -----------------------------------------------------------------


@pytest.mark.parametrize("char", ["\f", "\u2028", "\x85", "\x0b", "\x1d"])
def test_csv_fields_may_hold_any_line_break_like_character(tmp_path, char):
    text = f"First{char}second."
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, "Plain."]})
    df.to_csv(tmp_path / "d.csv", index=False)
    docs = corpus.load(tmp_path / "d.csv")
    assert docs["text"].tolist() == [text, "Plain."]


def test_csv_line_numbers_count_physical_lines_after_a_multiline_field(tmp_path):
    write(tmp_path / "d.csv", 'doc_id,text\na,"one\ntwo\nthree"\nb,x,extra\n')
    raises(CorpusError, r"d\.csv, line 5: 3 fields where the header has 2", corpus.load, tmp_path / "d.csv")


def test_csv_field_longer_than_the_csv_module_default(tmp_path):
    long = "word " * 40_000
    pd.DataFrame({"doc_id": ["a"], "text": [long]}).to_csv(tmp_path / "d.csv", index=False)
    assert len(corpus.load(tmp_path / "d.csv")["text"].iloc[0]) == len(long)


def test_csv_header_only(tmp_path):
    raises(CorpusError, "a header and no documents", corpus.load, write(tmp_path / "d.csv", "doc_id,text\n"))


def test_csv_duplicate_and_missing_columns(tmp_path):
    raises(CorpusError, "duplicate column name", corpus.load,
           write(tmp_path / "a.csv", "doc_id,text,text\na,x,y\n"))
    raises(CorpusError, "missing column\\(s\\) text", corpus.load, write(tmp_path / "b.csv", "doc_id,body\na,x\n"))


def test_empty_jsonl_and_zero_row_parquet_are_no_corpus(tmp_path):
    raises(CorpusError, "no documents", corpus.load, write(tmp_path / "d.jsonl", "\n\n"))
    pd.DataFrame({"doc_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}).to_parquet(
        tmp_path / "d.parquet")
    raises(CorpusError, "no documents", corpus.load, tmp_path / "d.parquet")


def test_jsonl_bad_lines_are_named(tmp_path):
    raises(CorpusError, r"line 2: invalid JSON", corpus.load,
           write(tmp_path / "a.jsonl", '{"doc_id": "a", "text": "x"}\n{oops\n'))
    raises(CorpusError, r"line 1: expected a JSON object", corpus.load, write(tmp_path / "b.jsonl", "[1, 2]\n"))
    raises(CorpusError, r"line 1: JSON nested too deeply", corpus.load,
           write(tmp_path / "c.jsonl", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n"))


def test_jsonl_lone_surrogate(tmp_path):
    path = write(tmp_path / "d.jsonl", '{"doc_id": "a", "text": "x\\ud800y"}\n')
    raises(CorpusError, r"line 1: field 'text' holds an unpaired surrogate", corpus.load, path)


def test_corrupt_parquet(tmp_path):
    raises(CorpusError, "not a readable Parquet file", corpus.load, write(tmp_path / "d.parquet", b"PAR1junk"))


def test_unknown_format_and_missing_path(tmp_path):
    raises(CorpusError, "unknown corpus format '.docx'", corpus.load, write(tmp_path / "a.docx", b"x"))
    raises(CorpusError, "no such file or folder", corpus.load, tmp_path / "nothing")


# --- doc_ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id, why", [
    ("a\x85b", "control"),
    ("a\u2028b", "line-separator"),
    ("evil\u202etxt", "format"),
    ("zero\u200bwidth", "format"),
    ("CON", "reserves for a device"),
    ("lpt1.log", "reserves for a device"),
    ("what?", "one of"),
    ("a*b", "one of"),
    ("a:b", "one of"),
    ("\u0800" * 67, "more than 200 bytes"),
    ("../etc", "path separators"),
    (".hidden", "leading dot"),
])
def test_unsafe_doc_ids(doc_id, why):
    df = pd.DataFrame({"doc_id": [doc_id], "text": ["x"]})
    raises(CorpusError, f"is not a safe file stem.*{why}", corpus.validate, df)


def test_numeric_doc_ids_become_strings():
    assert corpus.validate(pd.DataFrame({"doc_id": [3, 1], "text": ["x", "y"]}))["doc_id"].tolist() == ["1", "3"]


# --- codebooks and actor lists --------------------------------------------------------------------


@pytest.mark.parametrize("name, data, match", [
    ("bomb.yml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nframes: [*c, *c]\n", r"line 1: YAML anchors and aliases"),
    ("deep.yml", "frames:\n  a:\n    terms: " + "[" * 5000 + "x" + "]" * 5000 + "\n", "nested more than 32 levels"),
    ("empty.yml", "", "empty file"),
    ("comments.yml", "# nothing yet\n# still nothing\n", "empty file"),
    ("nul.yml", "frames:\n  a:\n    terms: [x\x00y]\n", "malformed YAML"),
    ("latin1.yml", "frames:\n  caf\xe9:\n    terms: [x]\n".encode("latin-1"), "not valid UTF-8"),
    ("wild.yml", "frames:\n  a:\n    terms: ['*']\n", "only wildcards"),
    ("list.yml", "- a\n- b\n", "expected a mapping"),
])
def test_bad_codebooks(tmp_path, name, data, match):
    path = write(tmp_path / name, data)
    raises(LexiconError, rf"{name}.*{match}", FrameLexicon.from_yaml, path)


def test_codebook_that_is_a_folder_or_missing(tmp_path):
    (tmp_path / "c.yml").mkdir()
    raises(LexiconError, "is a folder", FrameLexicon.from_yaml, tmp_path / "c.yml")
    raises(LexiconError, "no such lexicon file", FrameLexicon.from_yaml, tmp_path / "none.yml")


@pytest.mark.parametrize("data, match", [
    ("a: &x {name: A}\nactors: [*x]\n", "anchors and aliases"),
    ("actors:\n  - name: A\n    type: person\n    affiliation: " + "[" * 100 + "]" * 100 + "\n", "nested more than"),
    ("actors:\n  - name: A\n    type: robot\n    affiliation: X\n", "line 3: type 'robot'"),
])
def test_bad_actor_lists(tmp_path, data, match):
    path = write(tmp_path / "actors.yml", data)
    raises(ActorListError, match, actor_table, path)


def test_actor_list_that_is_a_folder(tmp_path):
    (tmp_path / "actors.yml").mkdir()
    raises(ActorListError, "is a folder", quotes.extract, pd.DataFrame({"doc_id": ["d"], "text": ["x"]}),
           actors=tmp_path / "actors.yml")


# --- gold files ---------------------------------------------------------------------------------


def test_gold_file_errors_are_gold_errors(tmp_path):
    from analysis import validate

    raises(GoldError, r"g\.csv, line 2: start 'x' is not a whole number", validate.read_gold,
           write(tmp_path / "g.csv", "doc_id,start,end\nd,x,3\n"))
    raises(GoldError, "missing column", validate.read_gold, write(tmp_path / "h.csv", "doc_id,start\nd,1\n"))


# --- stages --------------------------------------------------------------------------------------


def test_every_document_reaches_every_stage(tmp_path):
    texts = {"punct": "!!! ??? ...", "one": "Word", "quote": '"', "long": "a " * 5000, "nl": "\n\nx\n\n"}
    docs = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    sents = tokenise.sentences(docs)
    toks = tokenise.tokens(docs, sentences=sents)
    assert set(sents["doc_id"]) == set(docs["doc_id"]) == set(toks["doc_id"])
    for frame in (sents, toks):
        spans = frame.merge(docs, on="doc_id")
        assert all(t[s:e] == x for t, s, e, x in zip(
            spans["text_y" if "text_y" in spans else "text"], spans["start"], spans["end"],
            spans["text_x" if "text_x" in spans else "token"]))


def test_prevalence_without_the_codebook_says_what_it_cannot_know():
    hits = pd.DataFrame({"doc_id": ["a"], "frame": ["threat"]})
    toks = pd.DataFrame({"doc_id": ["a", "a"], "token": ["Threats", "rise"]})
    with pytest.warns(AnalysisWarning, match="pass frames=lexicon"):
        framing.prevalence(hits, toks, by=[])
    kept = framing.prevalence(hits, toks, by=[], frames=["threat", "talks"])
    assert kept["frame"].tolist() == ["threat", "talks"]


def test_keyness_against_a_wordless_reference():
    target = tokenise.tokens(pd.DataFrame({"doc_id": ["a"], "text": ["Words and words."]}))
    empty = tokenise.tokens(pd.DataFrame({"doc_id": ["b"], "text": ["!!! ???"]}))
    raises(UsageError, "the reference has no words", keyness.compare, target, empty)


@pytest.mark.parametrize("text", ["Sens. Warren and Sanders spoke.", "Reps. Ocasio-Cortez agreed.",
                                  "Cllr. Hughes said no.", "Brig. Gen. Shaw arrived."])
def test_plural_and_local_titles_do_not_end_a_sentence(text):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text + " Then it rained."]})
    assert tokenise.sentences(docs)["text"].tolist() == [text, "Then it rained."]


def test_the_splitter_and_the_quotation_rules_read_one_title_list():
    from analysis.quotes import _lexicon as _quotes_lexicon
    from analysis._abbreviations import TITLE_ABBREVIATIONS

    assert tokenise.TITLES == TITLE_ABBREVIATIONS
    assert {t.lower() for t in _quotes_lexicon.DOTTED_TITLES} == TITLE_ABBREVIATIONS


@pytest.mark.parametrize("kw, match", [
    ({"window": -1}, "window must be a non-negative"),
    ({"sort": "3X"}, "sort key '3X'"),
])
def test_kwic_options(kw, match):
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["We act now."]})
    raises(UsageError, match, concordance.kwic, docs, "act", **kw)


def test_kwic_pattern_of_wildcards_only():
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["We act now."]})
    with pytest.raises(AnalysisError, match="only wildcards"):
        concordance.kwic(docs, "*")


def test_a_folder_where_a_cache_entry_belongs_is_recomputed(tmp_path):
    docs = pd.DataFrame({"doc_id": ["d"], "text": ["Moscow warned of escalation."]})
    lex = FrameLexicon.from_terms({"aggression": ["escalat*"]})
    res = pipeline.run(docs, lexicon=lex, cache_dir=tmp_path)
    key = res.keys["sentences"]
    (tmp_path / "sentences" / f"{key}.parquet").mkdir(parents=True)
    with pytest.warns(AnalysisWarning, match="is not a file"):
        again = pipeline.run(docs, lexicon=lex, cache_dir=tmp_path)
        assert again.sentences["text"].tolist() == ["Moscow warned of escalation."]
    again.flush()


# --- the command line ----------------------------------------------------------------------------


def discourse(*args, cwd, stdin=None, stdout=subprocess.PIPE):
    env = {**os.environ, "TQDM_DISABLE": "1"}
    return subprocess.run([sys.executable, "-m", "analysis.cli", *map(str, args)], cwd=cwd, env=env,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.fixture
def small(tmp_path):
    write(tmp_path / "c" / "a.txt", 'Hello world. "We act," said Ann Lee.\n')
    write(tmp_path / "lex.yml", LEX)
    return tmp_path


def one_line_error(result, match):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert match in result.stderr, result.stderr


@pytest.mark.parametrize("args, match", [
    (["kwic", "*", "--corpus", "c"], "only wildcards"),
    (["kwic", "act", "--corpus", "c", "--sort", "3X"], "sort key '3X'"),
    (["kwic", "act", "--corpus", "c", "--window", "-1"], "window must be"),
    (["frames", "--corpus", "c", "--lexicon", "lex.yml", "--by", "party"], "unknown column 'party'"),
    (["frames", "--corpus", "c", "--lexicon", "c"], "is a folder"),
    (["quotes", "--corpus", "c", "--actors", "lex.yml"], "expected a mapping with an 'actors' list"),
    (["quotes", "--corpus", "c", "-o", "/proc/x.csv"], "--output /proc/x.csv: cannot write here"),
    (["quotes", "--corpus", "c", "-o", "c"], "is a folder"),
    (["corpus", "nothing"], "no such file or folder"),
    (["report", "--corpus", "c"], "--lexicon is required"),
    (["keyness", "--target", "c", "--reference", "c", "--min-count", "0"], "min_count must be"),
])
def test_cli_user_errors_are_one_line_and_exit_2(small, args, match):
    one_line_error(discourse(*args, cwd=small), match)


def test_cli_frames_by_doc_id(small):
    out = discourse("frames", "--corpus", "c", "--lexicon", "lex.yml", "--by", "doc_id", cwd=small)
    assert out.returncode == 0 and out.stdout.splitlines()[1].startswith("a,act,1,")


def test_cli_closed_pipe_exits_quietly(small):
    proc = subprocess.Popen([sys.executable, "-m", "analysis.cli", "quotes", "--corpus", "c"],
                            cwd=small, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141 and "Traceback" not in err


def test_cli_full_disk_is_one_line(small):
    with open("/dev/full", "w") as full:
        out = subprocess.run([sys.executable, "-m", "analysis.cli", "quotes", "--corpus", "c"],
                             cwd=small, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert out.returncode == 2 and "No space left on device" in out.stderr and "Traceback" not in out.stderr


def test_cli_ctrl_c_exits_130_without_a_traceback(tmp_path):
    write(tmp_path / "c" / "a.txt", "Words and more words. " * 200_000)
    proc = subprocess.Popen([sys.executable, "-m", "analysis.cli", "kwic", "word*", "--corpus", "c"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 130 and "Traceback" not in err


def test_cli_terminal_output_cannot_carry_escape_sequences(small):
    write(small / "c" / "b.txt", "They act \x1b[2J\x1b[31mnow\x1b[0m <b>here</b> | there.\n")
    table = discourse("kwic", "act", "--corpus", "c", cwd=small)
    assert table.returncode == 0 and "\x1b" not in table.stdout and "\\x1b" in table.stdout
    md = discourse("kwic", "act", "--corpus", "c", "--format", "md", "--window", "12", cwd=small)
    assert "<b>" not in md.stdout and "&lt;b&gt;" in md.stdout and "\\| there" in md.stdout


def test_cli_help_prints_percent_diff_once(small):
    out = discourse("keyness", "--help", cwd=small)
    assert "%DIFF" in out.stdout and "%%DIFF" not in out.stdout
    assert "target and the reference together" in " ".join(out.stdout.split())


# --- the catalogue is what it says -----------------------------------------------------------------


def test_the_catalogue_has_at_least_80_cases():
    import inspect

    module = sys.modules[__name__]
    n = 0
    for name, fn in inspect.getmembers(module, inspect.isfunction):
        if name.startswith("test_"):
            marks = getattr(fn, "pytestmark", [])
            params = [m for m in marks if m.name == "parametrize"]
            n += len(params[0].args[1]) if params else 1
    assert n >= 80, n


def test_cli_reads_dates_by_the_stated_rule(tmp_path):
    _dated(tmp_path, "27/01/2022", "03/02/2022")
    one_line_error(discourse("corpus", "docs.csv", cwd=tmp_path), "cannot read date '27/01/2022'")
    ok = discourse("corpus", "docs.csv", "--date-format", "%d/%m/%Y", cwd=tmp_path)
    assert ok.returncode == 0 and "2022-01-27 to 2022-02-03" in ok.stdout
    ok = discourse("corpus", "docs.csv", "--dayfirst", cwd=tmp_path)
    assert ok.returncode == 0 and "2022-01-27 to 2022-02-03" in ok.stdout


def test_cli_recursive(tmp_path):
    write(tmp_path / "c" / "a.txt", "One.")
    write(tmp_path / "c" / "sub" / "b.txt", "Two.")
    flat = discourse("corpus", "c", cwd=tmp_path)
    assert flat.returncode == 0 and "documents    1" in flat.stdout and "subfolders" in flat.stderr
    deep = discourse("corpus", "c", "--recursive", cwd=tmp_path)
    assert deep.returncode == 0 and "documents    2" in deep.stdout
