"""Sentence sentiment: VADER, dictionaries, aggregation (the public names are re-exported by :mod:`analysis.sentiment`)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from . import _vader as _sentiment_vader
from ..plots._sentiment import plot_sentences, plot_over_time
from ..corpus import CorpusError, read_text
from ..errors import UsageError

__all__ = [
    "NEGATORS",
    "SCORE_COLUMNS",
    "DictionaryScorer",
    "aggregate",
    "plot_over_time",
    "plot_sentences",
    "score",
    "vader_terms",
]

#: The columns :func:`score` adds, in order.
SCORE_COLUMNS = ("neg", "neu", "pos", "compound")

#: VADER's negation words (``vaderSentiment.vaderSentiment.NEGATE``), the default negators of
#: :class:`DictionaryScorer`; any word containing ``n't`` negates as well.
NEGATORS: frozenset[str] = frozenset(_sentiment_vader._NEGATE)

_AGG_COLUMNS = {
    "n": "int64",
    "mean_compound": "float64",
    "mean_ci_low": "float64",
    "mean_ci_high": "float64",
    "median_compound": "float64",
    "n_positive": "int64",
    "n_neutral": "int64",
    "n_negative": "int64",
    "share_positive": "float64",
    "share_neutral": "float64",
    "share_negative": "float64",
}
_POSITIVE = 0.05
_NEGATIVE = -0.05
_CATEGORY = re.compile(r"^[a-z][a-z0-9_]*$")
_ALPHA = 15  # VADER's normalisation constant


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _row_name(sentences: pd.DataFrame, i: int) -> str:
    parts = [f"row {i}"]
    for col in ("doc_id", "sent_id"):
        if col in sentences.columns:
            value = sentences[col].iloc[i]
            parts.append(f"{col} {value.item() if isinstance(value, np.generic) else value!r}")
    return parts[0] + (f" ({', '.join(parts[1:])})" if len(parts) > 1 else "")


def _texts(sentences: pd.DataFrame) -> list[str]:
    if not isinstance(sentences, pd.DataFrame):
        raise CorpusError(
            f"expected a sentence table (pandas DataFrame), got {type(sentences).__name__}"
        )
    if "text" not in sentences.columns:
        raise CorpusError(
            "sentence table lacks a 'text' column; found "
            f"{', '.join(map(str, sentences.columns)) or 'no columns'} "
            "(make one with analysis.tokenise.sentences)"
        )
    texts = sentences["text"].tolist()
    for i, text in enumerate(texts):
        if isinstance(text, str):
            continue
        if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
            raise CorpusError(f"sentence table, {_row_name(sentences, i)}: missing text")
        raise CorpusError(
            f"sentence table, {_row_name(sentences, i)}: text is {type(text).__name__}, "
            "not a string"
        )
    return texts


def _vader(texts: list[str]) -> dict[str, np.ndarray]:
    # Each distinct sentence is scored once: repeated sentences (salutations, boilerplate,
    # headings) are common in speeches and news feeds.
    cache: dict[str, tuple[float, float, float, float]] = {}
    polarity = _sentiment_vader.polarity_scores
    rows = []
    for text in texts:
        hit = cache.get(text)
        if hit is None:
            hit = cache[text] = polarity(text)
        rows.append(hit)
    arr = np.array(rows, dtype=np.float64).reshape(len(texts), 4)
    return {c: arr[:, k] for k, c in enumerate(SCORE_COLUMNS)}


def score(sentences: pd.DataFrame, *, method: str | DictionaryScorer = "vader") -> pd.DataFrame:
    """Score the sentiment of each sentence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        A table with a ``text`` column, one sentence per row, usually from
        :func:`analysis.tokenise.sentences`. Every other column is kept as it is.
    method : "vader" or DictionaryScorer, default "vader"
        ``"vader"``: VADER 3.3.2 as published in the ``vaderSentiment`` package, with its
        lexicon and rules, scores identical to ``polarity_scores``. A
        :class:`DictionaryScorer`: the researcher's own lexicon (see there).

    Returns
    -------
    pandas.DataFrame
        The sentence table (same rows, order and index) plus ``neg, neu, pos, compound``
        (float64). A :class:`DictionaryScorer` also adds ``n_words`` and one ``n_<category>``
        count column per category. An empty or whitespace-only sentence scores 0 in every
        column, as in the reference.

    Raises
    ------
    CorpusError
        If the table has no ``text`` column, or a text is missing or not a string (the
        message names the row, with its ``doc_id`` and ``sent_id``).
    ValueError
        For an unknown ``method``, or if the table already holds one of the score columns.

    Notes
    -----
    VADER (Valence Aware Dictionary and sEntiment Reasoner) sums the valence of the words of
    a 7,500-entry lexicon rated by crowd workers, adjusted by rules for negation (``not
    good``), degree words (``very``, ``kind of``), capitals (``GOOD``), exclamation marks and
    a contrastive ``but``. It was built and validated on social-media posts, product reviews,
    film reviews and editorials; on diplomatic or legislative prose its lexicon reads words
    such as ``security``, ``support`` or ``crisis`` as sentiment even when they name topics.

    The implementation is an exact re-implementation of the reference that skips its
    redundant work (it lowercases the whole sentence again for every lexicon word) and scores
    each distinct sentence once; ``benchmarks/sentiment.py`` measures it against the
    reference over all State of the Union sentences and checks that every score is equal.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. *Proceedings of the International AAAI Conference on Web
    and Social Media*, 8(1), 216-225.

    Examples
    --------
    >>> sents = pd.DataFrame({"text": ["VADER is smart, handsome, and funny.",
    ...                                "VADER is not smart, handsome, nor funny.", ""]})
    >>> score(sents)
                                           text    neg    neu    pos  compound
    0      VADER is smart, handsome, and funny.  0.000  0.254  0.746    0.8316
    1  VADER is not smart, handsome, nor funny.  0.646  0.354  0.000   -0.7424
    2                                            0.000  0.000  0.000    0.0000
    """
    texts = _texts(sentences)
    if isinstance(method, str):
        if method != "vader":
            raise UsageError(f"unknown sentiment method {method!r}; use 'vader' or a DictionaryScorer")
        names = list(SCORE_COLUMNS)
    elif isinstance(method, DictionaryScorer):
        names = method.columns
    else:
        raise UsageError(
            f"method must be 'vader' or a DictionaryScorer, got {type(method).__name__}"
        )
    clash = [c for c in names if c in sentences.columns]
    if clash:
        raise UsageError(
            f"the sentence table already has column(s) {', '.join(clash)}; "
            "drop them before scoring again"
        )
    columns = _vader(texts) if isinstance(method, str) else method._score_texts(texts)
    out = sentences.copy()
    for name, values in columns.items():
        out[name] = values
    return out


def vader_terms(sentences: pd.DataFrame, *, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The VADER lexicon words in the sentences, how often each occurs, and its valence.

    Shows which words drive the scores, e.g. that ``security`` (+1.4) and ``crisis`` (-3.1)
    count as sentiment in news where they name topics. Words are those the reference scores:
    split at whitespace, outer punctuation stripped, lower-cased, emoji replaced by their
    descriptions.

    Parameters
    ----------
    sentences : pandas.DataFrame
        A table with a ``text`` column (and the ``by`` columns).
    by : str or list of str, optional
        Count per group (``doc_id``, ``year``, ...); default: over all sentences.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``term``, ``valence`` (the lexicon's mean rating, -4 to +4, before
        VADER's rules adjust it in context) and ``count``; sorted by group, then ``count``
        (descending), then ``term``.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. *ICWSM*, 8(1), 216-225.

    Examples
    --------
    >>> vader_terms(pd.DataFrame({"text": ["The crisis deepened.", "No crisis, no war."]}))
         term  valence  count
    0  crisis     -3.1      2
    1      no     -1.2      2
    2     war     -2.9      1
    """
    texts = _texts(sentences)
    cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in cols if c not in sentences.columns]
    if missing:
        raise CorpusError(f"sentence table lacks column(s) {', '.join(missing)}")
    lex = _sentiment_vader.lexicon()
    rows, terms = [], []
    for i, text in enumerate(texts):
        for w in _sentiment_vader.words(text):
            if w in lex:
                rows.append(i)
                terms.append(w)
    hits = sentences[cols].iloc[rows].reset_index(drop=True)
    hits["term"] = pd.Series(terms, dtype="str")
    counts = hits.groupby([*cols, "term"], sort=True, dropna=False, observed=True).size()
    out = counts.rename("count").reset_index()
    out.insert(len(cols) + 1, "valence", out["term"].map(lex).astype("float64"))
    out["count"] = out["count"].astype("int64")
    out = out.sort_values(
        [*cols, "count", "term"], ascending=[True] * len(cols) + [False, True], kind="stable"
    )
    return out.reset_index(drop=True)


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


# --------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------


def _bootstrap_means(x: np.ndarray, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """Means of ``n_boot`` resamples of ``x``, drawn in batches to bound memory.

    Each batch draws ``rng.integers(0, n, (batch, n))``, as :func:`scipy.stats.bootstrap` does
    with the same ``batch``; the results equal scipy's for the same generator.
    """
    n = len(x)
    batch = _batch_size(n, n_boot)
    out = []
    for k in range(0, n_boot, batch):
        b = min(batch, n_boot - k)
        idx = rng.integers(0, n, (b, n))
        out.append(x[idx].mean(axis=-1))
    return np.concatenate(out)


def _batch_size(n: int, n_boot: int) -> int:
    return max(1, min(n_boot, (1 << 22) // max(n, 1)))


def aggregate(
    scores: pd.DataFrame,
    *,
    by: str | Sequence[str],
    random_state: int = 0,
    n_boot: int = 2000,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Summarise sentence sentiment per group, with bootstrap confidence intervals.

    Parameters
    ----------
    scores : pandas.DataFrame
        The output of :func:`score`, with ``compound`` and the ``by`` columns (merge document
        metadata such as ``year`` or ``party`` onto it first).
    by : str or list of str
        The grouping: ``doc_id``, ``year``, ``party``, ``president``, ``speaker``, ``voice``,
        or several. Missing values form a group of their own; no sentence is dropped.
    random_state : int, default 0
        Seeds the bootstrap: group ``k`` (in sorted order) resamples with
        ``numpy.random.default_rng(SeedSequence(random_state).spawn(...)[k])``.
    n_boot : int, default 2000
        Bootstrap resamples per group.
    confidence : float, default 0.95
        Coverage of the interval.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by the ``by`` columns: the ``by`` columns, ``n`` (sentences),
        ``mean_compound`` with its percentile bootstrap interval ``mean_ci_low`` and
        ``mean_ci_high``, ``median_compound``, the counts ``n_positive`` (compound >= 0.05),
        ``n_neutral`` and ``n_negative`` (<= -0.05), and the matching shares
        ``share_positive``, ``share_neutral``, ``share_negative``.

    Raises
    ------
    CorpusError
        If ``compound`` or a ``by`` column is absent, or a ``compound`` is missing (the
        message names the row).

    Notes
    -----
    The interval is the percentile bootstrap (Efron & Tibshirani 1993, ch. 13): the
    ``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` quantiles of the means of ``n_boot``
    resamples of the group's sentences drawn with replacement. It treats sentences as
    independent, which they are not within one speech, so for groups of documents it is
    narrower than an interval that resamples documents. Each group's interval equals
    ``scipy.stats.bootstrap(..., method="percentile")`` with the same generator.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    Hutto, C. J., & Gilbert, E. (2014). VADER. *ICWSM*, 8(1), 216-225 (the +-0.05 thresholds).

    Examples
    --------
    >>> s = pd.DataFrame({"party": ["A", "A", "A", "B"], "compound": [0.5, -0.2, 0.0, 0.3]})
    >>> aggregate(s, by="party", n_boot=200)[["party", "n", "mean_compound", "n_positive"]]
      party  n  mean_compound  n_positive
    0     A  3            0.1           1
    1     B  1            0.3           1
    """
    if not isinstance(scores, pd.DataFrame):
        raise CorpusError(f"expected a table of scores (DataFrame), got {type(scores).__name__}")
    cols = [by] if isinstance(by, str) else list(by)
    if not cols or not all(isinstance(c, str) for c in cols):
        raise UsageError(f"by must be a column name or a non-empty list of names, got {by!r}")
    missing = [c for c in ["compound", *cols] if c not in scores.columns]
    if missing:
        raise CorpusError(
            f"score table lacks column(s) {', '.join(missing)}; found "
            f"{', '.join(map(str, scores.columns))}"
        )
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise UsageError(f"n_boot must be a positive integer, got {n_boot!r}")
    if not 0 < confidence < 1:
        raise UsageError(f"confidence must lie between 0 and 1, got {confidence!r}")
    compound = pd.to_numeric(scores["compound"], errors="coerce").to_numpy(dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(compound))
    if len(bad):
        raise CorpusError(
            f"score table, {_row_name(scores, int(bad[0]))}: compound is missing or not a "
            f"number ({scores['compound'].iloc[int(bad[0])]!r})"
        )

    keys = scores[cols].reset_index(drop=True)
    if not len(keys):
        empty = {c: keys[c].iloc[:0] for c in cols}
        empty.update({c: pd.Series([], dtype=t) for c, t in _AGG_COLUMNS.items()})
        return pd.DataFrame(empty)
    codes = keys.groupby(cols, sort=True, dropna=False, observed=True).ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    members = np.split(order, bounds)
    children = np.random.SeedSequence(random_state).spawn(len(members))
    alpha = (1 - confidence) / 2
    rows = []
    for idx, child in zip(members, children):
        x = compound[idx]
        boot = _bootstrap_means(x, np.random.default_rng(child), int(n_boot))
        lo, hi = np.quantile(boot, [alpha, 1 - alpha])
        n = len(x)
        n_pos = int(np.count_nonzero(x >= _POSITIVE))
        n_neg = int(np.count_nonzero(x <= _NEGATIVE))
        n_neu = n - n_pos - n_neg
        rows.append(
            (n, x.mean(), lo, hi, np.median(x), n_pos, n_neu, n_neg, n_pos / n, n_neu / n, n_neg / n)
        )
    out = keys.iloc[[m[0] for m in members]].reset_index(drop=True)
    stats = pd.DataFrame(rows, columns=list(_AGG_COLUMNS)).astype(_AGG_COLUMNS)
    return pd.concat([out, stats], axis=1)
