"""Titles in quotation marks: "Sleeping Bread", “The Crying Game”, 'Strike Hard'.

A run of ordinary capitalised words that fills a pair of quotation marks is the
title of a book, film, song or campaign, or a nickname; the rules would otherwise
guess it to be an organisation ("Time Warner" has only ordinary words too). Only
that guess is withdrawn: a name with better evidence ("the "Tartan Army" said")
keeps its reading.
"""

from __future__ import annotations

import re

from reader.core.entities.spans import Span

# An opening quote right before the name, maybe with an article inside it.
_OPEN = re.compile(r"[\"“‘'][ \t]*(?:(?:the|a|an)[ \t]+)?$", re.IGNORECASE)
# The closing quote right after it, maybe after a comma or a full stop.
_CLOSE = re.compile(r"[ \t]*[,.!?]?[ \t]*[\"”’']")
_ARTICLES = frozenset(("the", "a", "an"))


def quoted(span: Span, start: int) -> bool:
    """Whether the name that starts at ``start`` and ends the span fills a pair of
    quotation marks (the span may open with an article the rules trimmed)."""
    if not _CLOSE.match(span.after):
        return False
    dropped = [w[2].lower() for w in span.words if w[0] < start]
    if len(dropped) > 1 or (dropped and dropped[0] not in _ARTICLES):
        return False
    return _OPEN.search(span.before) is not None
