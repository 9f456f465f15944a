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

import itertools
import operator
import re
from collections.abc import Callable
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
def _token_pattern() -> Any:
    """The fields' token pattern, compiled once (the analyzers' and :func:`token_words`'s)."""
    from reader.core.index.schema import TOKEN_PATTERN

    return re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=1)
def _text_chain() -> _Chain:
    from whoosh.lang.porter import stem
    from whoosh.support.charset import accent_map

    @lru_cache(maxsize=100_000)
    def fold(word: str) -> str:
        return str(stem(word)).translate(accent_map)

    return _Chain(_token_pattern(), STOP_WORDS, MIN_SIZE, fold)


@lru_cache(maxsize=1)
def _name_chain() -> _Chain:
    from whoosh.support.charset import accent_map

    @lru_cache(maxsize=100_000)
    def fold(word: str) -> str:
        return word.translate(accent_map)

    return _Chain(_token_pattern(), frozenset(), 0, fold)


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


class _Terms(dict[str, "str | None"]):
    """Each word as written -> its term (None: a stop word or too short), for
    :func:`wanted_tokens`: one look-up per word, made in C by ``map``. Cleared when full."""

    def __missing__(self, raw: str) -> str | None:
        _, stops, minsize, fold = _text_chain()
        word = raw.lower()
        term = self[raw] = None if len(word) < minsize or word in stops else fold(word)
        return term


_WORD_TERMS = _Terms()
_TERMS_MAX = 200_000


@lru_cache(maxsize=1)
def _splitter() -> Any:
    # The token pattern in a group: ``split`` then gives the text between words and the
    # words in turn, so their offsets are running sums of lengths, all made in C.
    pattern = _text_chain().pattern
    return re.compile(f"({pattern.pattern})", pattern.flags)


def wanted_tokens(text: str, wanted: frozenset[str] | set[str]) -> list[Token]:
    """The tokens of :func:`text_tokens` whose term is in ``wanted`` (same positions and
    offsets), without making the others: marking a query's hits in an article (a
    search's snippets) reads every word of it but keeps a few. The words, their terms and
    offsets are made by C loops (split, map, accumulate); Python steps only per hit."""
    if len(_WORD_TERMS) > _TERMS_MAX:
        _WORD_TERMS.clear()
    parts = _splitter().split(text)  # between, word, between, word, ..., between
    terms = list(map(_WORD_TERMS.__getitem__, parts[1::2]))
    present = wanted.intersection(terms)
    if not present:
        return []
    at: list[tuple[int, str]] = []  # word indexes of the wanted terms
    for term in present:
        index = -1
        try:
            while True:
                index = terms.index(term, index + 1)
                at.append((index, term))
        except ValueError:
            pass
    at.sort()
    ends = list(itertools.accumulate(map(len, parts)))
    # Positions as text_tokens numbers them: the first kept word keeps its index, each
    # later kept word follows the one before; so a kept word's position is its index less
    # the words dropped between the first kept word and it.
    first = next(i for i, term in enumerate(terms) if term is not None)
    found: list[Token] = []
    dropped, counted_to = 0, first
    for index, term in at:
        dropped += terms[counted_to:index].count(None)
        counted_to = index
        found.append(Token(term, index - dropped, ends[2 * index], ends[2 * index + 1]))
    return found


# ASCII characters that are in no word of TOKEN_PATTERN (neither a word character nor the
# "." and "," a word or number may hold), as spaces; every other byte as it is.
_NO_WORD = bytes(
    32 if c < 128 and not (chr(c).isalnum() or chr(c) in "_.,") else c for c in range(256)
)


def token_words(text: str) -> list[str]:
    """``findall`` of the token pattern (``schema.TOKEN_PATTERN``) over ``text``, faster.

    A match never holds white space nor an ASCII character of :data:`_NO_WORD`, so the
    matches are those of the pieces between them, which one ``bytes.translate`` and a
    ``split`` cut in C. A piece of letters and digits only (``isalnum``: the pattern's word
    characters but the underscore) is one word, as most are; one that only ends in full
    stops or commas after them ("said,") is that word; the rest ("U.S.", "1,000", "don’t")
    go through the pattern. Python steps only for those (``findall`` over the whole text
    tried the pattern at every character: about 2.7x the time on news text).
    """
    pieces = (
        text.encode("utf-8", "surrogatepass")
        .translate(_NO_WORD)
        .decode("utf-8", "surrogatepass")
        .split()
    )
    odd = list(itertools.compress(range(len(pieces)), map(operator.not_, map(str.isalnum, pieces))))
    if odd:
        findall = _token_pattern().findall
        for index in reversed(odd):  # from the end: a splice leaves the indexes before it
            piece = pieces[index]
            bare = piece.rstrip(".,")
            if bare.isalnum():
                pieces[index] = bare
            else:
                pieces[index : index + 1] = findall(piece)
    return pieces


def text_terms(text: str) -> list[str]:
    """The terms of :func:`text_tokens` over ``text``, in order, without their positions and
    offsets: what an index of the text needs (its positions follow one another, as the
    stop filter renumbers them), from C-level passes over the words and one dict look-up
    per word instead of a Python step per token."""
    words = token_words(text)
    if len(_WORD_TERMS) > _TERMS_MAX:
        _WORD_TERMS.clear()
    return [term for term in map(_WORD_TERMS.__getitem__, words) if term is not None]


# Each word as written -> its name term (lowercased, accents folded), for name_terms.
_NAMES: dict[str, str] = {}


def name_terms(text: str) -> list[str]:
    """The terms of :func:`name_tokens` over ``text``, in order (see :func:`text_terms`)."""
    fold = _name_chain().fold
    words = token_words(text)  # the same pattern
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
