"""Finding a quote the user typed (or pasted) in a document's cleaned text.

A quote given on a command line rarely has the text's exact whitespace: line breaks
become spaces, spaces double up, and a keyboard gives straight quotation marks where
the article has typographic ones. :func:`find_quote` therefore matches any run of
whitespace in the quote to any run of whitespace in the text, and straight and curly
quotation marks (and apostrophes) to each other. Everything else, case included, must
be as written: a bookmark is a quotation, so a looser match would bookmark text the
user did not mean.
"""

from __future__ import annotations

import re

_SINGLE = "'\u2018\u2019\u201b\u2032"  # ' ‘ ’ ‛ ′
_DOUBLE = '"\u201c\u201d\u201e\u201f\u2033'  # " “ ” „ ‟ ″
_CLASSES = {
    **{c: "[" + re.escape(_SINGLE) + "]" for c in _SINGLE},
    **{c: "[" + re.escape(_DOUBLE) + "]" for c in _DOUBLE},
}

MAX_OCCURRENCES = 10_000
"""Counting stops here: a quote that occurs this often is not a useful bookmark anyway."""


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """The regular expression :func:`find_quote` uses, or ``None`` for a blank quote."""
    words = quote.split()
    if not words:
        return None
    parts = ("".join(_CLASSES.get(char) or re.escape(char) for char in word) for word in words)
    return re.compile(r"\s+".join(parts))


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text`` that ``quote`` matches, first to last.

    Spans do not overlap; leading and trailing whitespace of ``quote`` is ignored, and
    a blank quote matches nothing. ``text[start:end]`` is the text as it is in the
    document (its own whitespace and quotation marks), which is what gets bookmarked.
    """
    pattern = quote_pattern(quote)
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        spans.append(match.span())
        if len(spans) >= MAX_OCCURRENCES:
            break
    return spans
