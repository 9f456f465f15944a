"""The shared analyzers of :mod:`.schema`, run fast: same tokens, a fraction of the time.

Whoosh's analyzers are chains of generators over one mutable token object: about 2 ms for an
average BBC article, paid at every hit marked (:mod:`.hits`) and, for Tantivy, at every
document indexed. These functions do the same steps in one loop (tokenise with the field's
pattern, lowercase, drop stop words and one-letter words renumbering the positions that remain,
stem through a cache, fold accents) with the Whoosh analyzer's own parameters (its pattern,
stemmer and accent map; its stop words as :data:`STOP_WORDS`), and
``tests/core/test_analysis.py`` checks that they agree, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from functools import lru_cache
from typing import Any, NamedTuple


class Token(NamedTuple):
    text: str  # analysed: lowercased, stemmed (text fields), accents folded
    pos: int
    start: int  # character offsets into the analysed text
    end: int


class _Chain(NamedTuple):
    pattern: Any  # compiled regex
    stops: frozenset[str]
    minsize: int
    fold: Callable[[str], str]  # stem (text fields) and fold accents, cached


# The text analyzer's stop words and shortest kept word: the defaults of Whoosh's
# ``StemmingAnalyzer``, written out so that analysing a query or a text does not import
# Whoosh's analysis package (with its fields, 20 ms a process); the test checks them
# against the analyzer itself, as it checks every other parameter used here.
STOP_WORDS = frozenset(
    "a an and are as at be by can for from have if in is it may not of on or tbd that the "
    "this to us we when will with yet you your".split()
)
MIN_SIZE = 2


@lru_cache(maxsize=1)
def _text_chain() -> _Chain:
    from whoosh.lang.porter import stem
    from whoosh.support.charset import accent_map

    from reader.core.index.schema import TOKEN_PATTERN

    @lru_cache(maxsize=100_000)
    def fold(word: str) -> str:
        return str(stem(word)).translate(accent_map)

    return _Chain(re.compile(TOKEN_PATTERN), STOP_WORDS, MIN_SIZE, fold)


@lru_cache(maxsize=1)
def _name_chain() -> _Chain:
    from whoosh.support.charset import accent_map

    from reader.core.index.schema import TOKEN_PATTERN

    @lru_cache(maxsize=100_000)
    def fold(word: str) -> str:
        return word.translate(accent_map)

    return _Chain(re.compile(TOKEN_PATTERN), frozenset(), 0, fold)


def text_tokens(text: str) -> list[Token]:
    """``schema.text_analyzer`` over ``text`` (positions and character offsets)."""
    pattern, stops, minsize, fold = _text_chain()
    tokens: list[Token] = []
    pos = -1
    for index, match in enumerate(pattern.finditer(text)):
        word = match.group().lower()
        if len(word) < minsize or word in stops:
            continue
        # Whoosh keeps the first kept word's own position and numbers the rest after it.
        pos = index if pos < 0 else pos + 1
        tokens.append(Token(fold(word), pos, match.start(), match.end()))
    return tokens


# Each word as written -> its term (None: a stop word or too short), for wanted_tokens: one
# dict look-up per word instead of lowercasing, checking and stemming it. Cleared when full.
_TERMS: dict[str, str | None] = {}
_TERMS_MAX = 200_000


def wanted_tokens(text: str, wanted: Container[str]) -> list[Token]:
    """The tokens of :func:`text_tokens` whose term is in ``wanted`` (same positions and
    offsets), without making the others: marking a query's hits in an article (a
    search's snippets) reads every word of it but keeps a few."""
    pattern, stops, minsize, fold = _text_chain()
    if len(_TERMS) > _TERMS_MAX:
        _TERMS.clear()
    terms = _TERMS
    found: list[Token] = []
    pos = -1
    for index, match in enumerate(pattern.finditer(text)):
        raw = match.group()
        term = terms.get(raw, "")
        if term == "":  # not seen yet (an empty term, if a stem ever were one, is only redone)
            word = raw.lower()
            term = terms[raw] = None if len(word) < minsize or word in stops else fold(word)
        if term is None:
            continue
        pos = index if pos < 0 else pos + 1  # as text_tokens numbers them
        if term in wanted:
            found.append(Token(term, pos, match.start(), match.end()))
    return found


def text_terms(text: str) -> list[str]:
    """The terms of :func:`text_tokens` over ``text``, in order, without their positions and
    offsets: what an index of the text needs (its positions follow one another, as the
    stop filter renumbers them), from C-level passes over the words and one dict look-up
    per word instead of a Python step per token."""
    pattern, stops, minsize, fold = _text_chain()
    words = pattern.findall(text)  # the pattern has no group: the words themselves
    if len(_TERMS) > _TERMS_MAX:
        _TERMS.clear()
    terms = _TERMS
    for raw in set(words).difference(terms):
        word = raw.lower()
        terms[raw] = None if len(word) < minsize or word in stops else fold(word)
    return [term for term in map(terms.__getitem__, words) if term is not None]


# Each word as written -> its name term (lowercased, accents folded), for name_terms.
_NAMES: dict[str, str] = {}


def name_terms(text: str) -> list[str]:
    """The terms of :func:`name_tokens` over ``text``, in order (see :func:`text_terms`)."""
    pattern, _, _, fold = _name_chain()
    words = pattern.findall(text)
    if len(_NAMES) > _TERMS_MAX:
        _NAMES.clear()
    names = _NAMES
    for raw in set(words).difference(names):
        names[raw] = fold(raw.lower())
    return list(map(names.__getitem__, words))


def name_tokens(text: str) -> list[Token]:
    """``schema.name_analyzer`` over ``text`` (positions and character offsets)."""
    pattern, _, _, fold = _name_chain()
    return [
        Token(fold(match.group().lower()), index, match.start(), match.end())
        for index, match in enumerate(pattern.finditer(text))
    ]
