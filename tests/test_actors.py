"""Actors: the shipped list, alias matching, the tidy table, and line-numbered errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import actors
from analysis.actors import actor_table, normalise
from analysis.corpus import CorpusError

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "corpus" / "actors.yml"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "actors.yml"
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


# --- the shipped list ------------------------------------------------------------------------


def test_table_is_tidy_and_sorted():
    table = actor_table(ACTORS)
    assert table.columns.tolist() == ["actor", "alias", "type", "affiliation"]
    assert all(str(t) == "str" for t in table.dtypes)
    assert not table.duplicated().any()
    assert set(table["type"]) <= set(actors.TYPES)
    key = list(zip(table["actor"].str.casefold(), table["actor"], table["alias"].str.casefold(),
                   table["alias"]))
    assert key == sorted(key)
    # Every actor is an alias of itself, so joining speakers on alias finds canonical names too.
    selves = table[table["actor"] == table["alias"]]
    assert set(selves["actor"]) == set(table["actor"])


def test_table_equals_the_yaml_file():
    import yaml

    data = yaml.safe_load(ACTORS.read_text(encoding="utf-8"))["actors"]
    table = actor_table(ACTORS)
    assert table["actor"].nunique() == len(data)
    n_aliases = sum(len({e["name"], *e.get("aliases", [])}) for e in data)
    assert len(table) == n_aliases


SEED_ACTORS = {
    # canonical name: (type, affiliation), for every actor of the seed article
    "Antony Blinken": ("person", "US"),
    "Sergey Lavrov": ("person", "Russia"),
    "Jens Stoltenberg": ("person", "NATO"),
    "Vladimir Putin": ("person", "Russia"),
    "Joe Biden": ("person", "US"),
    "Olaf Scholz": ("person", "Germany"),
    "John Sullivan": ("person", "US"),
    "Alexander Grushko": ("person", "Russia"),
    "the Russian Foreign Ministry": ("organisation", "Russia"),
    "NATO": ("organisation", "NATO"),
    "Moscow": ("place", "Russia"),
    "Washington": ("place", "US"),
    "Ukraine": ("place", "Ukraine"),
    "Germany": ("place", "Germany"),
    "France": ("place", "France"),
    "Elysee": ("organisation", "France"),
    "Bild": ("organisation", "Germany"),
}


@pytest.mark.parametrize("name", sorted(SEED_ACTORS))
def test_every_seed_actor_is_listed(name):
    table = actor_table(ACTORS)
    row = table[(table["actor"] == name) & (table["alias"] == name)]
    assert len(row) == 1
    assert tuple(row[["type", "affiliation"]].iloc[0]) == SEED_ACTORS[name]


@pytest.mark.parametrize(
    "surface, canonical",
    [
        # the examples
        ("Blinken", "Antony Blinken"),
        ("Antony Blinken", "Antony Blinken"),
        ("the U.S. Secretary of State", "Antony Blinken"),
        ("the top US diplomat", "Antony Blinken"),
        # case, a leading "the", U.S./US, curly apostrophes, hyphens
        ("THE TOP U.S. DIPLOMAT", "Antony Blinken"),
        ("US Secretary of State", "Antony Blinken"),
        ("Russia's foreign minister", "Sergey Lavrov"),
        ("Russia\u2019s foreign minister", "Sergey Lavrov"),
        ("NATO Secretary General", "Jens Stoltenberg"),
        ("Russian Foreign Ministry", "the Russian Foreign Ministry"),
        ("the Russian Foreign Ministry", "the Russian Foreign Ministry"),
        # places used for their governments
        ("Russia", "Moscow"),
        ("the United States", "Washington"),
        ("the U.S.", "Washington"),
        ("US", "Washington"),
        ("Kyiv", "Ukraine"),
        ("Berlin", "Germany"),
        # a title before a listed name: the longest alias that ends the name
        ("NATO Secretary-General Jens Stoltenberg", "Jens Stoltenberg"),
        ("U.S. Ambassador John Sullivan", "John Sullivan"),
        ("Deputy Foreign Minister Alexander Grushko", "Alexander Grushko"),
        ("the French presidential palace Elysee", "Elysee"),
        ("German newspaper Bild", "Bild"),
        # coordinations of listed actors
        ("The United States and NATO", "Washington and NATO"),
        ("Germany, France and Ukraine", "Germany, France and Ukraine"),
        # no match: the surface form, stripped
        ("  a senior official ", "a senior official"),
        ("Ukraine's ambassador to Russia", "Ukraine's ambassador to Russia"),
        ("he", "he"),
        ("", ""),
    ],
)
def test_normalise(surface, canonical):
    assert normalise(surface, actors=ACTORS) == canonical


@pytest.mark.parametrize("surface", [
    "the U.S. Secretary of State", "the EU foreign policy chief", "Scholz", "Russia", "Blinken",
])
def test_no_actor_list_is_the_default(surface):
    """No study's list is a default: without ``actors`` a name is the text's own."""
    assert normalise(surface) == surface
    assert normalise(surface, actors=None) == surface


def test_actor_table_needs_a_path():
    with pytest.raises(TypeError, match="path of an actor list"):
        actor_table(None)
    with pytest.raises(actors.CorpusError, match="no such actor list"):
        actor_table(ROOT / "no-such-actors.yml")


def test_normalise_with_a_table():
    table = pd.DataFrame({"actor": ["Ivan Petrov"], "alias": ["Petrov"], "type": ["person"],
                          "affiliation": ["Russia"]})
    assert normalise("Mayor Petrov", actors=table) == "Ivan Petrov"
    assert normalise("Blinken", actors=table) == "Blinken"
    empty = actor_table(ACTORS).iloc[:0]
    assert normalise("Blinken", actors=empty) == "Blinken"


def test_normalise_rejects_non_strings():
    with pytest.raises(TypeError, match="must be a string"):
        normalise(None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("abcUSN. '\u2019-&,") + ["the ", "and ", "Blinken", "Russia",
                                                               "NATO ", "Secretary "]),
                max_size=12).map("".join))
def test_normalise_is_idempotent_and_total(name):
    once = normalise(name)
    assert isinstance(once, str)
    assert normalise(once) == once


# --- validation ------------------------------------------------------------------------------


def test_valid_minimal_file(tmp_path):
    path = write(tmp_path, """
        actors:
          - name: Ivan Petrov
            type: person
            affiliation: Russia
            pronoun: he
            aliases: [Petrov, the mayor of Omsk]
        """)
    table = actor_table(path)
    assert table.values.tolist() == [
        ["Ivan Petrov", "Ivan Petrov", "person", "Russia"],
        ["Ivan Petrov", "Petrov", "person", "Russia"],
        ["Ivan Petrov", "the mayor of Omsk", "person", "Russia"],
    ]
    assert normalise("Mayor of Omsk", actors=path) == "Ivan Petrov"


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("actors:\n  - name: A\n    type: robot\n    affiliation: X\n", 3, "type 'robot'"),
        ("actors:\n  - name: A\n    type: person\n", 2, "'affiliation' must be"),
        ("actors:\n  - name: A\n    type: person\n    affiliation: X\n    colour: red\n", 5,
         "unknown field 'colour'"),
        ("actors:\n  - name: A\n    type: person\n    affiliation: X\n    pronoun: him\n", 5,
         "pronoun 'him'"),
        ("actors:\n  - name: A\n    type: person\n    affiliation: X\n"
         "  - name: A\n    type: person\n    affiliation: Y\n", 5, "listed twice"),
        ("actors:\n  - name: A\n    type: person\n    affiliation: X\n    aliases: [Z]\n"
         "  - name: B\n    type: person\n    affiliation: Y\n    aliases:\n      - the z\n", 10,
         "also names 'A' \\(line 5\\)"),
        ("actors:\n  - name: A\n    type: person\n    affiliation: X\n    aliases: Z\n", 5,
         "must be a list"),
        ("actors:\n  - name: A\n    type: person: x\n", 3, "not valid YAML"),
        ("people: []\n", 1, "expected a mapping with an 'actors' list"),
        ("actors:\n  - just a string\n", 2, "must be a mapping"),
    ],
)
def test_errors_name_file_and_line(tmp_path, body, line, message):
    path = write(tmp_path, body)
    with pytest.raises(CorpusError, match=rf"actors\.yml, line {line}: .*{message}"):
        actor_table(path)


def test_yaml_is_loaded_safely(tmp_path):
    path = write(tmp_path, """
        actors:
          - name: !!python/object/apply:os.system ["echo unsafe"]
            type: person
            affiliation: X
        """)
    with pytest.raises(CorpusError, match="not valid YAML"):
        actor_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="no such actor list"):
        actor_table(tmp_path / "none.yml")
    with pytest.raises(CorpusError, match="no such actor list"):
        normalise("Blinken", actors=tmp_path / "none.yml")


def test_reloads_when_the_file_changes(tmp_path):
    body = "actors:\n  - name: A\n    type: person\n    affiliation: X\n    aliases: [{}]\n"
    path = write(tmp_path, body.format("Old"))
    assert normalise("Old", actors=path) == "A"
    path.write_text(body.format("Newer"), encoding="utf-8")
    assert normalise("Newer", actors=path) == "A"
    assert normalise("Old", actors=path) == "Old"
