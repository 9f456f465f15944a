"""What can go wrong with bookmarks, as exceptions with one-line messages."""

from __future__ import annotations


class BookmarkError(Exception):
    """Base class: every message is one line, fit for a toast or a CLI error."""


class ReadOnlyError(BookmarkError):
    """The bookmarks file is broken (or unreadable) and is being left untouched."""


class BookmarkNotFound(BookmarkError, LookupError):
    """No bookmark has that id (or no unique one starts with that prefix)."""


class QuoteNotFound(BookmarkError, ValueError):
    """The quote to bookmark does not occur in the document text."""


class InvalidSelection(BookmarkError, ValueError):
    """Offsets that do not select a non-empty span of the text."""
