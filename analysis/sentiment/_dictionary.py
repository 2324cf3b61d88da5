"""Sentiment from a researcher's own dictionary: :class:`DictionaryScorer` (internal; public as
:class:`analysis.sentiment.DictionaryScorer`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import CorpusError, read_text
from ..errors import UsageError
from ._common import (  # noqa: F401
    NEGATORS,
    SCORE_COLUMNS,
    _ALPHA,
)


_CATEGORY = re.compile(r"^[a-z][a-z0-9_]*$")


# --------------------------------------------------------------------------------------------
# Researcher-supplied dictionaries
# --------------------------------------------------------------------------------------------


def _compile_glob(pattern: str) -> re.Pattern:
    """``*`` matches any run of characters; every other character matches itself."""
    parts = pattern.split("*")
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)


class DictionaryScorer:
    """Sentiment from a researcher's own dictionary: weighted terms and glob patterns.

    Parameters
    ----------
    terms : mapping or pandas.DataFrame
        Either a mapping ``{term: weight}`` or a table with columns ``term``, ``weight`` and,
        optionally, ``category``. A term is one word, matched case-insensitively against
        the words of :func:`analysis.tokenise.tokens` (curly apostrophes folded to straight);
        ``*`` in a term matches any run of characters (``threat*`` matches ``threat``,
        ``threatens``, ``threatening``), and every other character matches itself. Without a
        ``category``, a term belongs to ``positive`` (weight > 0), ``negative`` (< 0) or
        ``neutral`` (0). Category names are lower-case letters, digits and ``_``.
    window : int, default 3
        A word is negated when one of the ``window`` words before it is a negator; its weight
        then changes sign. 0 turns negation off.
    negators : iterable of str, optional
        Negation words; default :data:`NEGATORS` (VADER's list). Words containing ``n't``
        (``won't``, ``isn't``) always negate.
    source : str, optional
        Where the terms came from, used in error messages and the repr.

    Notes
    -----
    Each word is looked up once per category: it takes the weight of the most specific
    matching term of that category (an exact term before any pattern, then the longest
    pattern, then the first listed) and counts once towards that category. A word's valence
    is the sum over the categories it matches; the sentence's valence list then goes through
    VADER's own arithmetic: ``compound = x / sqrt(x**2 + 15)`` for the summed valence ``x``,
    and ``pos``, ``neg``, ``neu`` are the shares of ``sum(v + 1)`` over positive words,
    ``sum(1 - v)`` over negative words and the count of other words.

    How it differs from VADER: no degree words (``very``, ``kind of``), no capitals or
    exclamation emphasis, no contrastive ``but`` and no idioms; negation flips the sign
    instead of multiplying by VADER's -0.74; words come from the toolkit's tokeniser (words
    keep internal hyphens and apostrophes, punctuation is not a word) rather than VADER's
    whitespace split; glob patterns are allowed; and scores are not rounded. The output adds
    ``n_words`` (the number of words, the denominator of ``neu``) and one ``n_<category>``
    column per category, so every share can be checked against raw counts.

    References
    ----------
    Young, L., & Soroka, S. (2012). Affective news: The automated coding of sentiment in
    political texts. *Political Communication*, 29(2), 205-231 (dictionary scoring with
    glob patterns and negation handling).
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. *ICWSM*, 8(1), 216-225 (the arithmetic reused here).

    Examples
    --------
    >>> lexicon = DictionaryScorer({"threat*": -1.0, "dialogue": 1.0})
    >>> sents = pd.DataFrame({"text": ["Moscow threatens.", "Not a threat, a dialogue."]})
    >>> from analysis.sentiment import score
    >>> score(sents, method=lexicon)[["compound", "n_words", "n_negative", "n_positive"]]
       compound  n_words  n_negative  n_positive
    0 -0.250000        2           1           0
    1  0.458831        5           1           1

    "threat" is negated by "Not" two words before it, so the second sentence sums to
    ``+1 + 1 = 2`` and ``compound = 2 / sqrt(2**2 + 15)``.
    """

    def __init__(
        self,
        terms: Mapping[str, float] | pd.DataFrame,
        *,
        window: int = 3,
        negators: Iterable[str] | None = None,
        source: str | None = None,
    ) -> None:
        where = source or "dictionary"
        if isinstance(terms, pd.DataFrame):
            table = terms.copy()
            lines = list(table.attrs.get("lines", [f"{where}, row {i}" for i in range(len(table))]))
        elif isinstance(terms, Mapping):
            table = pd.DataFrame({"term": list(terms.keys()), "weight": list(terms.values())})
            lines = [f"{where}, term {t!r}" for t in terms]
        else:
            raise TypeError(
                f"terms must be a mapping of term to weight or a DataFrame, got {type(terms).__name__}"
            )
        if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
            raise UsageError(f"window must be a non-negative integer, got {window!r}")
        self.window = int(window)
        self.negators = frozenset(
            NEGATORS if negators is None else (str(w).lower() for w in negators)
        )
        self.source = source
        self.terms = _check_terms(table, lines, where)
        self.categories = tuple(dict.fromkeys(self.terms["category"]))
        self._lines = lines
        self._exact: dict[str, list[tuple[int, int]]] = {}
        self._globs: list[tuple[re.Pattern, int, int]] = []
        cat_index = {c: k for k, c in enumerate(self.categories)}
        for row, (term, cat) in enumerate(zip(self.terms["term"], self.terms["category"])):
            if "*" in term:
                self._globs.append((_compile_glob(term), cat_index[cat], row))
            else:
                self._exact.setdefault(term, []).append((cat_index[cat], row))
        # Specificity among patterns: longest literal part first, then file order.
        literal = [len(t.replace("*", "")) for t in self.terms["term"]]
        self._globs.sort(key=lambda g: (-literal[g[2]], g[2]))
        self._weights = self.terms["weight"].to_numpy(dtype=np.float64)

    @property
    def columns(self) -> list[str]:
        """The columns :func:`score` adds with this scorer, in order."""
        return [*SCORE_COLUMNS, "n_words", *(f"n_{c}" for c in self.categories)]

    def __repr__(self) -> str:
        src = f", source={self.source!r}" if self.source else ""
        return (
            f"DictionaryScorer({len(self.terms)} terms, categories={list(self.categories)}, "
            f"window={self.window}{src})"
        )

    # -- construction from files ------------------------------------------------------------

    @classmethod
    def from_csv(cls, path: str | Path, **kwargs) -> DictionaryScorer:
        """Read a dictionary from a UTF-8 CSV with a header ``term,weight`` (and optionally
        ``category``).

        Raises
        ------
        CorpusError
            Naming the file and line, for a missing column, a row with the wrong number of
            fields, an empty term, a weight that is not a finite number, or a term listed twice
            in one category.

        Examples
        --------
        >>> DictionaryScorer.from_csv("my_lexicon.csv")  # doctest: +SKIP
        """
        import csv

        path = Path(path)
        text = read_text(path)
        reader = csv.reader(text.splitlines(keepends=True))
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            raise CorpusError(f"{path}: empty file, expected a header 'term,weight'") from None
        except csv.Error as err:
            raise CorpusError(f"{path}, line 1: {err}") from None
        missing = [c for c in ("term", "weight") if c not in header]
        unknown = [c for c in header if c not in ("term", "weight", "category")]
        if missing or unknown or len(set(header)) != len(header):
            raise CorpusError(
                f"{path}, line 1: expected the header 'term,weight' or 'term,weight,category', "
                f"found {','.join(header)!r}"
            )
        rows, lines = [], []
        line = reader.line_num + 1
        try:
            for fields in reader:
                if not fields or (len(fields) == 1 and not fields[0].strip()):
                    line = reader.line_num + 1
                    continue
                if len(fields) != len(header):
                    raise CorpusError(
                        f"{path}, line {line}: {len(fields)} fields where the header has "
                        f"{len(header)}"
                    )
                rows.append(dict(zip(header, fields)))
                lines.append(f"{path}, line {line}")
                line = reader.line_num + 1
        except csv.Error as err:
            raise CorpusError(f"{path}, line {reader.line_num}: {err}") from None
        table = pd.DataFrame(rows, columns=header, dtype=object)
        table.attrs["lines"] = lines
        kwargs.setdefault("source", str(path))
        return cls(table, **kwargs)

    @classmethod
    def from_yaml(
        cls, path: str | Path, *, weights: Mapping[str, float] | None = None, **kwargs
    ) -> DictionaryScorer:
        """Read a dictionary of categories from YAML (loaded with ``yaml.safe_load``).

        Each top-level key is a category. Its value is either a list of terms, or a mapping
        with ``terms`` (a list) and ``weight`` (a number)::

            threat:
              weight: -1
              terms: [threat*, aggress*, hysteria, escalat*]
            diplomacy:
              weight: 1
              terms: [dialog*, diplomac*, negotiat*]
            military: [troops, missile*, jets]      # counted, weight 0

        Parameters
        ----------
        path : str or Path
        weights : mapping of category to float, optional
            Weights per category, overriding the file's. A category given as a plain list
            weighs ``weights[category]`` if given, else +1 for ``positive``, -1 for
            ``negative`` (the convention of dictionaries such as the Lexicoder Sentiment
            Dictionary) and 0 otherwise (counted only).
        **kwargs
            Passed to :class:`DictionaryScorer` (``window``, ``negators``).

        Raises
        ------
        CorpusError
            Naming the file and line, for invalid YAML, a category listed twice, a category
            that is not a list or a ``{weight, terms}`` mapping, a term that is not a string,
            or a weight that is not a number; also for a ``weights`` key naming no category.
        """
        import yaml

        path = Path(path)
        text = read_text(path)
        try:
            data = yaml.safe_load(text)
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            at = f", line {mark.line + 1}" if mark is not None else ""
            problem = getattr(err, "problem", None) or str(err)
            raise CorpusError(f"{path}{at}: not valid YAML ({problem})") from None
        if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
            raise CorpusError(
                f"{path}: expected a mapping of categories to lists of terms, "
                f"found {type(data).__name__}"
            )
        seen: dict[str, int] = {}
        for key_node, _ in root.value:
            line = key_node.start_mark.line + 1
            if key_node.value in seen:
                raise CorpusError(
                    f"{path}, line {line}: category {key_node.value!r} already defined on "
                    f"line {seen[key_node.value]}"
                )
            seen[key_node.value] = line
        weights = dict(weights or {})
        unknown = sorted(set(map(str, weights)) - set(map(str, data)))
        if unknown:
            raise CorpusError(f"{path}: weights given for unknown categories {unknown}")

        terms, cats, wts, lines = [], [], [], []
        for (key_node, value_node), (category, spec) in zip(root.value, data.items()):
            cat_line = key_node.start_mark.line + 1
            category = str(category)
            weight = {"positive": 1.0, "negative": -1.0}.get(category, 0.0)
            items_node = value_node
            if isinstance(spec, dict):
                extra = sorted(map(str, set(spec) - {"weight", "terms"}))
                if extra or "terms" not in spec:
                    raise CorpusError(
                        f"{path}, line {cat_line}: category {category!r} must be a list of "
                        "terms or a mapping with 'terms' and 'weight'"
                        + (f" (unexpected key(s) {', '.join(extra)})" if extra else "")
                    )
                nodes = {k.value: v for k, v in value_node.value}
                if "weight" in spec:
                    w = spec["weight"]
                    if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
                        line = nodes["weight"].start_mark.line + 1
                        raise CorpusError(
                            f"{path}, line {line}: weight of category {category!r} must be a "
                            f"finite number, got {w!r}"
                        )
                    weight = float(w)
                spec = spec["terms"]
                items_node = nodes["terms"]
            if category in weights:
                weight = float(weights[category])
            if not isinstance(spec, list):
                raise CorpusError(
                    f"{path}, line {items_node.start_mark.line + 1}: terms of category "
                    f"{category!r} must be a list, got {type(spec).__name__}"
                )
            for item, node in zip(spec, items_node.value):
                line = node.start_mark.line + 1
                if not isinstance(item, str):
                    raise CorpusError(
                        f"{path}, line {line}: term {item!r} of category {category!r} is not "
                        "a string (quote it)"
                    )
                terms.append(item)
                cats.append(category)
                wts.append(weight)
                lines.append(f"{path}, line {line}")
            if not spec:
                raise CorpusError(f"{path}, line {cat_line}: category {category!r} has no terms")
        table = pd.DataFrame({"term": terms, "weight": wts, "category": cats})
        table.attrs["lines"] = lines
        kwargs.setdefault("source", str(path))
        return cls(table, **kwargs)

    # -- scoring ------------------------------------------------------------------------------

    def _match(self, word: str) -> list[tuple[int, int]]:
        """(category index, term row) of the most specific match per category."""
        found: dict[int, int] = {}
        for cat, row in self._exact.get(word, ()):
            found.setdefault(cat, row)
        for pattern, cat, row in self._globs:
            if cat not in found and pattern.fullmatch(word):
                found[cat] = row
        return sorted(found.items())

    def _score_texts(self, texts: list[str]) -> dict[str, np.ndarray]:
        from ..tokenise import is_word, tokens

        n_sent = len(texts)
        n_cat = len(self.categories)
        # One pass of the toolkit's tokeniser over all sentences joined by line breaks, given
        # as the sentences of that one document (a token never holds whitespace, so it never
        # spans two of them).
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n_sent)
        starts = np.cumsum(lengths + 1) - (lengths + 1)
        docs = pd.DataFrame({"doc_id": ["sentences"], "text": ["\n".join(texts)]})
        spans = pd.DataFrame(
            {
                "doc_id": pd.Series(["sentences"] * n_sent, dtype="str"),
                "sent_id": np.arange(n_sent, dtype=np.int64),
                "start": starts,
                "end": starts + lengths,
                "text": pd.Series(texts, dtype="str"),
            }
        )
        toks = tokens(docs, sentences=spans)
        toks = toks[is_word(toks["token"].astype("str")).to_numpy(dtype=bool)]
        sent = toks["sent_id"].to_numpy(dtype=np.int64)
        codes, vocab = pd.factorize(toks["norm"].astype("str"), sort=False)
        vocab = np.asarray(vocab, dtype=object)

        # Per distinct word: valence, category membership, negator flag.
        type_valence = np.zeros(len(vocab), dtype=np.float64)
        type_cats = np.zeros((len(vocab), n_cat), dtype=np.int64)
        type_negates = np.zeros(len(vocab), dtype=bool)
        for k, word in enumerate(vocab):
            for cat, row in self._match(word):
                type_cats[k, cat] = 1
                type_valence[k] += self._weights[row]
            type_negates[k] = word in self.negators or "n't" in word

        valence = type_valence[codes]
        if self.window and len(codes):
            negates = type_negates[codes]
            negated = np.zeros(len(codes), dtype=bool)
            for lag in range(1, self.window + 1):
                same = sent[lag:] == sent[:-lag]
                negated[lag:] |= negates[:-lag] & same
            valence = np.where(negated, -valence, valence)

        n_words = np.bincount(sent, minlength=n_sent)
        total = np.bincount(sent, weights=valence, minlength=n_sent)
        pos_sum = np.bincount(sent, weights=np.where(valence > 0, valence + 1, 0.0), minlength=n_sent)
        neg_sum = np.bincount(sent, weights=np.where(valence < 0, 1 - valence, 0.0), minlength=n_sent)
        neu_count = np.bincount(sent, weights=(valence == 0).astype(np.float64), minlength=n_sent)
        denom = pos_sum + neg_sum + neu_count
        with np.errstate(invalid="ignore", divide="ignore"):
            pos = np.where(denom > 0, pos_sum / denom, 0.0)
            neg = np.where(denom > 0, neg_sum / denom, 0.0)
            neu = np.where(denom > 0, neu_count / denom, 0.0)
        compound = total / np.sqrt(total * total + _ALPHA)
        out = {"neg": neg, "neu": neu, "pos": pos, "compound": compound, "n_words": n_words}
        for k, cat in enumerate(self.categories):
            out[f"n_{cat}"] = np.bincount(
                sent, weights=type_cats[codes, k].astype(np.float64), minlength=n_sent
            ).astype(np.int64)
        out["n_words"] = n_words.astype(np.int64)
        return out


def _check_terms(table: pd.DataFrame, lines: Sequence[str], where: str) -> pd.DataFrame:
    """Validate and normalise a term table; errors name the file and line of the entry."""
    missing = [c for c in ("term", "weight") if c not in table.columns]
    if missing:
        raise CorpusError(f"{where}: term table lacks column(s) {', '.join(missing)}")
    if len(lines) != len(table):
        lines = [f"{where}, row {i}" for i in range(len(table))]
    has_cat = "category" in table.columns
    terms, weights, cats = [], [], []
    seen: dict[tuple[str, str], str] = {}
    for i, (term, weight) in enumerate(zip(table["term"].tolist(), table["weight"].tolist())):
        at = lines[i]
        if not isinstance(term, str):
            raise CorpusError(f"{at}: term {term!r} is not a string")
        term = term.strip().lower().translate(_FOLD)
        if not term or not term.replace("*", ""):
            raise CorpusError(f"{at}: empty term (a term needs at least one character besides '*')")
        if any(ch.isspace() for ch in term):
            raise CorpusError(
                f"{at}: term {term!r} has a space; terms are single words (multi-word terms are "
                "not supported)"
            )
        try:
            w = float(weight.strip() if isinstance(weight, str) else weight)
        except (TypeError, ValueError):
            raise CorpusError(f"{at}: weight {weight!r} of term {term!r} is not a number") from None
        if isinstance(weight, bool) or not math.isfinite(w):
            raise CorpusError(f"{at}: weight {weight!r} of term {term!r} is not a finite number")
        cat = table["category"].iloc[i] if has_cat else None
        if cat is None or (isinstance(cat, float) and math.isnan(cat)) or (
            isinstance(cat, str) and not cat.strip()
        ):
            cat = "positive" if w > 0 else "negative" if w < 0 else "neutral"
        if not isinstance(cat, str) or not _CATEGORY.match(cat.strip().lower()):
            raise CorpusError(
                f"{at}: category {cat!r} must be lower-case letters, digits and '_', "
                "starting with a letter"
            )
        cat = cat.strip().lower()
        if (term, cat) in seen:
            raise CorpusError(f"{at}: term {term!r} already listed in category {cat!r} ({seen[term, cat]})")
        seen[term, cat] = at
        terms.append(term)
        weights.append(w)
        cats.append(cat)
    if not terms:
        raise CorpusError(f"{where}: no terms")
    clash = sorted({c for c in cats if f"n_{c}" in ("n_words",)})
    if clash:
        raise CorpusError(f"{where}: category name(s) {clash} clash with the n_words column")
    return pd.DataFrame(
        {
            "term": pd.Series(terms, dtype="str"),
            "weight": np.asarray(weights, dtype=np.float64),
            "category": pd.Series(cats, dtype="str"),
        }
    )


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "\u2032": "'"})
