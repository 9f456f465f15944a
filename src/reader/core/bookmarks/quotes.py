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

from reader.core.bookmarks.errors import InvalidSelection, QuoteNotFound
from reader.core.text.textnorm import strip_controls

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


def quote_span(
    doc_id: str,
    text: str,
    quote: str,
    *,
    occurrence: int | None = None,
    near: int = 0,
) -> tuple[tuple[int, int], int]:
    """The span of ``text`` to bookmark for ``quote``, and how often the quote occurs.

    ``occurrence`` (1-based) picks one match; without it, the match nearest offset
    ``near`` (the first one by default). Raises :class:`QuoteNotFound` (one line) for a
    blank quote or a quote that does not occur, :class:`InvalidSelection` for an
    occurrence that does not exist. The
    one quote-finding path of the program: the CLI's ``bookmarks add`` and the store's
    :meth:`~reader.core.bookmarks.store.BookmarkStore.add_quote` both go through it.
    """
    if not quote.split():
        raise QuoteNotFound("cannot bookmark an empty quote")
    spans = find_quote(text, quote)
    if not spans:
        flat = " ".join(strip_controls(quote).split())
        shown = flat if len(flat) <= 60 else flat[:59] + "…"
        raise QuoteNotFound(f"quote not found in {doc_id}: {shown!r}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            times = f"{len(spans)} time{'' if len(spans) == 1 else 's'}"
            raise InvalidSelection(
                f"--occurrence {occurrence}: the quote occurs {times} in {doc_id}"
            )
        return spans[occurrence - 1], len(spans)
    best = min(spans, key=lambda span: (abs(span[0] - near), span[0]))
    return best, len(spans)
