"""The shared analyzers of :mod:`.schema`, run fast: same tokens, a fraction of the time.

Whoosh's analyzers are chains of generators over one mutable token object: about 2 ms for an
average BBC article, paid at every hit marked (:mod:`.hits`) and, for Tantivy, at every
document indexed. These functions do the same steps in one loop (tokenise with the field's
pattern, lowercase, drop stop words and one-letter words renumbering the positions that remain,
stem through a cache, fold accents), with every parameter read from the Whoosh analyzer
itself, so the two cannot drift apart; ``tests/core/test_analysis.py`` checks they agree.
"""

from __future__ import annotations

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


@lru_cache(maxsize=1)
def _text_chain() -> _Chain:
    from whoosh.analysis import CharsetFilter, RegexTokenizer, StemFilter, StopFilter

    from reader.core.index.schema import text_analyzer

    items = text_analyzer().items
    tokenizer = next(i for i in items if isinstance(i, RegexTokenizer))
    stop = next(i for i in items if isinstance(i, StopFilter))
    stemmer = next(i for i in items if isinstance(i, StemFilter))
    charmap = next(i for i in items if isinstance(i, CharsetFilter)).charmap
    stem = stemmer.stemfn
    assert not stemmer.ignore and stop.max is None and stop.renumber

    @lru_cache(maxsize=100_000)
    def fold(word: str) -> str:
        return str(stem(word)).translate(charmap)

    return _Chain(tokenizer.expression, stop.stops, stop.min, fold)


@lru_cache(maxsize=1)
def _name_chain() -> _Chain:
    from whoosh.analysis import CharsetFilter, RegexTokenizer

    from reader.core.index.schema import name_analyzer

    items = name_analyzer().items
    tokenizer = next(i for i in items if isinstance(i, RegexTokenizer))
    charmap = next(i for i in items if isinstance(i, CharsetFilter)).charmap

    @lru_cache(maxsize=100_000)
    def fold(word: str) -> str:
        return word.translate(charmap)

    return _Chain(tokenizer.expression, frozenset(), 0, fold)


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


def name_tokens(text: str) -> list[Token]:
    """``schema.name_analyzer`` over ``text`` (positions and character offsets)."""
    pattern, _, _, fold = _name_chain()
    return [
        Token(fold(match.group().lower()), index, match.start(), match.end())
        for index, match in enumerate(pattern.finditer(text))
    ]
