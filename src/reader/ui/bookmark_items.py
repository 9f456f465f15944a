"""How the Bookmarks tab filters, orders and draws its items (no widgets here).

An item is an :class:`~reader.core.bookmarks.AnchoredBookmark` plus its article's
title. Orphans keep their saved quote and are drawn dimmed and labelled, so they are
never mistaken for a passage of today's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text

from reader.workspace.bookmarks import carries, tag_selector

if TYPE_CHECKING:
    from reader.core.bookmarks import AnchoredBookmark

ITEM_QUOTE_CHARS = 160


def excerpt(quote: str, limit: int) -> str:
    """The quote on one line, whitespace collapsed, cut at ``limit`` characters."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def title_of(item: AnchoredBookmark, titles: Mapping[str, str]) -> str:
    return titles.get(item.doc) or item.doc


def order(items: Iterable[AnchoredBookmark], titles: Mapping[str, str]) -> list[AnchoredBookmark]:
    """Reading order: by article title, then by place in the article."""

    def key(item: AnchoredBookmark) -> tuple[str, str, int, str]:
        where = item.start if item.start is not None else item.bookmark.start
        return (title_of(item, titles).casefold(), item.doc, where, item.bookmark.created)

    return sorted(items, key=key)


def matches(
    item: AnchoredBookmark,
    query: str,
    titles: Mapping[str, str],
    tags_in_use: Iterable[str] = (),
) -> bool:
    """Whether ``item`` passes the filter: every word must match.

    ``#word`` is a tag filter with the meaning it has everywhere
    (:mod:`reader.workspace.bookmarks`): the tag ``word`` when it is one of
    ``tags_in_use``, else the tags that start with ``word`` (case ignored). Any other word
    must occur in the quote, note, tags or article title (case-insensitive).
    """
    bookmark = item.bookmark
    haystack = " ".join(
        (item.quote, bookmark.quote, bookmark.note, title_of(item, titles), *bookmark.tags)
    ).casefold()
    wanted: list[str] = []
    for word in query.casefold().split():
        if word.startswith("#") and len(word) > 1:
            wanted.append(word[1:])
        elif word not in haystack:
            return False
    return carries(bookmark.tags, tag_selector(wanted, tags_in_use))


def item_text(item: AnchoredBookmark, titles: Mapping[str, str]) -> Text:
    """Quote excerpt, then title (and status), then note and tags."""
    bookmark = item.bookmark
    orphan = item.status == "orphaned"
    text = Text(style="dim" if orphan else "")
    text.append("“" + excerpt(item.quote, ITEM_QUOTE_CHARS) + "”", style="italic")
    text.append("\n")
    if orphan:
        text.append("orphaned", style="bold reverse")
        text.append(" ")
    elif item.status == "moved":
        text.append("moved ", style="italic")
    text.append(title_of(item, titles), style="bold")
    if bookmark.note:
        text.append("\n")
        text.append(excerpt(bookmark.note, ITEM_QUOTE_CHARS))
    if bookmark.tags:
        text.append("\n")
        text.append(" ".join("#" + tag for tag in bookmark.tags), style="italic")
    return text
