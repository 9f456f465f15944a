"""The corpus's bookmarks as both front ends use them: one store, its undo history, the
filters, and adding a bookmark by span or by quote.

There is one :class:`BookmarkSession` per open corpus (``Workspace.bookmarks``): the TUI's
Bookmarks tab and the split view write through it, so an undo in one undoes a change made
in the other. The store itself (:class:`~reader.core.bookmarks.BookmarkStore`) keeps every
write safe (locked read-modify-write, atomic, with a backup); this adds what a session
needs on top: the history of edits and deletes to undo, re-anchoring against the
library's current texts, and the selections the CLI's options and the Bookmarks filter
make.

Tag filters have one meaning everywhere (``reader bookmarks list|export --tag NAME``, a
``#name`` word in the Bookmarks filter): case is ignored, and a name that is a tag in use
selects exactly that tag, while a name that is no tag in use selects the tags that start
with it (``#minis`` while typing ``#ministry``). So ``--tag war`` never pulls in
``warsaw``, and the filter narrows as a tag is typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from reader.core.bookmarks import AnchoredBookmark, Bookmark, BookmarkStore
    from reader.core.index.library import Library

# reader.core.bookmarks is imported where used: the TUI needs none of it before its
# first frame (benchmarks/tui.py).

UNDO_DEPTH = 50

Change = Literal["edit", "delete"]


@dataclass(frozen=True)
class QuoteBookmark:
    """A bookmark added by quote, and how often the quote occurs in its article."""

    bookmark: Bookmark
    text: str
    occurrences: int


def tag_selector(wanted: Iterable[str], in_use: Iterable[str]) -> list[frozenset[str]]:
    """For each wanted tag, the tags (casefolded) that satisfy it (see the module docstring)."""
    used = {tag.casefold() for tag in in_use}
    selectors = []
    for name in wanted:
        folded = name.casefold()
        if folded in used:
            selectors.append(frozenset({folded}))
        else:
            selectors.append(frozenset(tag for tag in used if tag.startswith(folded)))
    return selectors


def carries(tags: Iterable[str], selectors: Sequence[frozenset[str]]) -> bool:
    """Whether a bookmark with ``tags`` satisfies every selector of :func:`tag_selector`."""
    folded = {tag.casefold() for tag in tags}
    return all(folded & selector for selector in selectors)


def with_tags(
    bookmarks: Iterable[Bookmark], wanted: Sequence[str], in_use: Iterable[str]
) -> list[Bookmark]:
    """The bookmarks carrying every tag in ``wanted`` (``in_use``: every tag of the store)."""
    selectors = tag_selector(wanted, in_use)
    return [b for b in bookmarks if carries(b.tags, selectors)]


class BookmarkSession:
    """One corpus's bookmark store and the undo history of the changes made through it."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.store: BookmarkStore | None = None
        self._undo: list[tuple[Change, Bookmark]] = []  # (what was done, the bookmark before)
        # As last anchored (the TUI loads them in a worker): what every view marks.
        self.items: list[AnchoredBookmark] = []
        self.titles: dict[str, str] = {}
        self._listeners: list[Callable[[], None]] = []

    # -- who shows them ------------------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after :meth:`changed` (a view that lists the bookmarks)."""
        self._listeners.append(listener)

    def changed(self) -> None:
        """Tell the views that ``items`` or the store changed."""
        for listener in list(self._listeners):
            listener()

    def spans_for(self, doc_id: str, text: str) -> list[tuple[int, int]]:
        """Where ``doc_id``'s anchored and moved bookmarks are in ``text`` (its text shown).

        Only spans whose text is the anchored quote: if the article shown is an older
        version than the one anchored against, a mark is left out rather than put on
        other words.
        """
        return [
            (item.start, item.end)
            for item in self.items
            if item.doc == doc_id
            and item.start is not None
            and item.end is not None
            and text[item.start : item.end] == item.quote
        ]

    # -- reading -------------------------------------------------------------------------

    def open_store(self) -> BookmarkStore:
        """The store, read from the file the first time it is asked for."""
        if self.store is None:
            self.store = self.read()
        return self.store

    def read(self) -> BookmarkStore:
        """A store freshly read from the file (safe in a worker thread); :meth:`adopt`
        makes it the session's."""
        from reader.core.bookmarks import BookmarkStore

        return BookmarkStore(self.library.root)

    def adopt(self, store: BookmarkStore) -> None:
        self.store = store

    def text_of(self, doc_id: str) -> str | None:
        """The current cleaned text of ``doc_id`` (None: no longer in the corpus)."""
        return self.library.text(doc_id)

    def anchored(self, bookmarks: Iterable[Bookmark]) -> list[AnchoredBookmark]:
        """Each bookmark where its passage is in its article's current text."""
        from reader.core.bookmarks import reanchor

        return reanchor(list(bookmarks), self.text_of)

    def anchor(self, bookmark: Bookmark, text: str | None = None) -> AnchoredBookmark:
        from reader.core.bookmarks import anchor

        return anchor(bookmark, self.text_of(bookmark.doc) if text is None else text)

    def tagged(self, bookmarks: Iterable[Bookmark], wanted: Sequence[str]) -> list[Bookmark]:
        """``bookmarks`` carrying every tag in ``wanted`` (see the module docstring)."""
        return with_tags(bookmarks, wanted, self.open_store().all_tags())

    # -- writing -------------------------------------------------------------------------

    def add(
        self,
        doc_id: str,
        text: str,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Bookmark:
        """Bookmark ``text[start:end]`` of ``doc_id``; raises BookmarkError or OSError."""
        return self.open_store().add(doc_id, text, start, end, note=note, tags=tags)

    def add_quote(
        self,
        doc_id: str,
        quote: str,
        *,
        occurrence: int | None = None,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> QuoteBookmark:
        """Bookmark the ``occurrence``-th match of ``quote`` in ``doc_id`` (the first by
        default); raises QuoteNotFound, another BookmarkError or OSError."""
        from reader.core.bookmarks import QuoteNotFound, ReadOnlyError, quote_span

        text = self.library.text(doc_id)
        if text is None:
            raise QuoteNotFound(f"no document matches '{doc_id}'")
        store = self.open_store()
        if store.read_only:
            raise ReadOnlyError(store.problem or "the bookmarks file is read-only")
        (start, end), count = quote_span(doc_id, text, quote, occurrence=occurrence)
        bookmark = store.add(doc_id, text, start, end, note=note, tags=tags)
        return QuoteBookmark(bookmark, text, count)

    def update(
        self, bookmark_id: str, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        """Change a bookmark's note and/or tags; undoable."""
        store = self.open_store()
        before = store.get(bookmark_id)
        after = store.update(bookmark_id, note=note, tags=tags)
        self._push("edit", before)
        return after

    def delete(self, bookmark_id: str) -> Bookmark:
        """Remove a bookmark and return it; undoable."""
        removed = self.open_store().delete(bookmark_id)
        self._push("delete", removed)
        return removed

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> tuple[Change, Bookmark] | None:
        """Put back the bookmark as it was before the last edit or delete; returns what
        was undone (None: nothing to undo). On a failed write the step stays to retry."""
        if not self._undo:
            return None
        what, bookmark = self._undo[-1]
        self.open_store().restore(bookmark)
        self._undo.pop()
        return what, bookmark

    def _push(self, what: Change, bookmark: Bookmark) -> None:
        self._undo = [*self._undo, (what, bookmark)][-UNDO_DEPTH:]
