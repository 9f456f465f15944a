"""Bookmarks: the user's saved passages, their notes and tags, for one corpus.

- :mod:`.model`: the :class:`Bookmark` record (W3C text quote + position selectors).
- :mod:`.fileformat`: ``bookmarks.yaml``, read defensively and written verifiably.
- :mod:`.store`: :class:`BookmarkStore`, atomic, locked read-modify-write mutations.
- :mod:`.anchoring` (+ :mod:`.matching`): where each bookmark is in today's text.
- :mod:`.export`: Markdown citations, CSV, W3C Web Annotation JSON.
- :mod:`.quotes`: finding a typed quote in the text (whitespace and quote marks forgiven).
"""

from __future__ import annotations

from reader.core.bookmarks.anchoring import (
    MIN_APPROX_CHARS,
    MIN_SIMILARITY,
    AnchoredBookmark,
    Status,
    anchor,
    reanchor,
)
from reader.core.bookmarks.errors import (
    BookmarkError,
    BookmarkNotFound,
    InvalidSelection,
    QuoteNotFound,
    ReadOnlyError,
)
from reader.core.bookmarks.export import (
    export_csv,
    export_json,
    export_markdown,
    markdown_citations,
    markdown_heading,
)
from reader.core.bookmarks.model import Bookmark, text_hash
from reader.core.bookmarks.quotes import find_quote, quote_span
from reader.core.bookmarks.store import BookmarkStore, bookmarks_path

__all__ = [
    "MIN_APPROX_CHARS",
    "MIN_SIMILARITY",
    "AnchoredBookmark",
    "Bookmark",
    "BookmarkError",
    "BookmarkNotFound",
    "BookmarkStore",
    "InvalidSelection",
    "QuoteNotFound",
    "ReadOnlyError",
    "Status",
    "anchor",
    "bookmarks_path",
    "export_csv",
    "export_json",
    "export_markdown",
    "find_quote",
    "markdown_citations",
    "markdown_heading",
    "quote_span",
    "reanchor",
    "text_hash",
]
