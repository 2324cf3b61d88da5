"""The quotation rules' word lists as data: every list used, no contradictions, cues extendable."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline, quotes
from analysis.errors import UsageError
from analysis.framing import FrameLexicon
from analysis.quotes import QuoteLexicon, _lexicon

QUOTES_DIR = Path(quotes.__file__).parent


def test_every_list_in_the_data_file_is_read_by_the_rules():
    code = "\n".join(p.read_text() for p in QUOTES_DIR.glob("*.py") if p.name != "_lexicon.py")
    code += (QUOTES_DIR / "_lexicon.py").read_text().split("DEFAULT_CUES =", 1)[1]
    for name in _lexicon.LISTS:
        const = re.search(rf'^(\w+) = lex\.LISTS\["{name}"\]$', code, re.M)
        if const:  # a constant of the rules: it must be used beyond its definition
            assert len(re.findall(rf"\b{const.group(1)}\b", code)) > 1, f"{name} is never read"
        else:
            assert re.search(rf"\b{name.upper()}\b", code), f"{name} is listed but never read"


@pytest.mark.parametrize("a, b", [
    ("female_words", "male_words"),
    ("say_verbs", "act_verbs"),
    ("head_nouns", "not_heads"),
    ("clause_verbs", "not_verbs_ed"),
])
def test_lists_that_contradict_each_other_share_no_word(a, b):
    assert not (_lexicon.LISTS[a] & _lexicon.LISTS[b])


def test_every_word_is_lower_case_and_listed_once_per_list():
    text = (QUOTES_DIR / "data" / "lexicon.yml").read_text()
    for name, words in _lexicon.LISTS.items():
        assert all(w == w.lower() and w.strip() == w for w in words), name
    import yaml

    # no anchors or aliases: a value "&" or "*" is always quoted
    assert not any(isinstance(t, (yaml.AnchorToken, yaml.AliasToken)) for t in yaml.scan(text))


def test_a_study_extends_the_cues():
    docs = pd.DataFrame({"doc_id": ["d"], "text": ['"Enough is enough," blasted Maria Lopez.']})
    assert quotes.extract(docs)["speaker"].isna().all()
    lexicon = QuoteLexicon.default().extend(cues={"blasted"})
    got = quotes.extract(docs, cues=lexicon)
    assert got[["speaker", "cue", "rule"]].values.tolist() == [["Maria Lopez", "blasted", "cue after quotation"]]
    keys = [pipeline.run(docs, lexicon=FrameLexicon.from_terms({"f": ["enough"]}), cues=c,
                         cache_dir=False).keys["quotes"] for c in (None, lexicon)]
    assert keys[0] != keys[1]
    with pytest.raises(UsageError, match="not one string"):
        QuoteLexicon.default().extend(cues="blasted")
