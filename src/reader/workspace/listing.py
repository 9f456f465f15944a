"""The corpus's documents as the document list shows them, held compactly.

A list of summaries costs about 700 bytes an article in Python objects (id, title, path,
date, source... strings, a tuple per row): 1.4 GB of address space for 200,000 articles
once the allocator's slack is counted. The :class:`DocumentListing` holds instead the
catalog's row numbers in the list's order (an ``array('q')``: 8 bytes an article, plus as
much again for the unfiltered order), and reads the summaries of the rows on screen from
the catalog a page at a time, keeping the last few thousand in a small LRU cache. Sorting
is done by SQLite (:meth:`Catalog.order`); the entity filter and the "hide duplicates"
filter narrow the order by row number.

A row number is stable while the document is in the catalog (indexed again, an article
keeps its row: the catalog upserts it); an update that changes documents is followed by
:meth:`DocumentListing.reload`. Until then a replaced article reads as its old or its new
summary, and a removed one as None.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from reader.core.index.catalog import DocSummary
    from reader.core.index.library import Library
    from reader.workspace.duplicates import Duplicates
    from reader.workspace.entity_filter import EntityFilter

SortKey = Literal["date", "title", "source"]
PAGE = 64  # rows read from the catalog at once: a screenful or two of the list
CACHED = 4096  # summaries kept (about 3 MB): scrolling back and forth reads nothing


class DocumentListing:
    """Every document of the corpus (or those the filters keep), in the list's order."""

    def __init__(self, library: Library, key: SortKey = "date", reverse: bool = True) -> None:
        self.library = library
        self.key: SortKey = key
        self.reverse = reverse
        self._all: array[int] = array("q")  # every document, in the current order
        self.order: array[int] = self._all  # the ones the filters keep
        self._keep: Callable[[array[int]], array[int]] | None = None
        self._cache: OrderedDict[int, DocSummary] = OrderedDict()

    # -- reading ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the order again (the index changed), keeping the filters."""
        self._cache.clear()  # a replaced document may have kept its row number's place
        self._read_order()

    def sort(self, key: SortKey, reverse: bool) -> None:
        if key == self.key:
            if reverse != self.reverse:
                self.reverse = reverse
                self._all.reverse()  # the same order backwards: no sorting again
                self._narrow()
            return
        self.key, self.reverse = key, reverse
        self._read_order()

    def _read_order(self) -> None:
        order = self.library.catalog.order(self.key)
        if self.reverse:
            order.reverse()
        self._all = order
        self._narrow()

    def narrow(
        self, entity_filter: EntityFilter | None, duplicates: Duplicates | None = None
    ) -> None:
        """Keep only the articles mentioning the entity of ``entity_filter`` (None: all),
        and one article per near-duplicate group when ``duplicates.hide`` is on."""
        catalog = self.library.catalog
        allowed: set[int] | None = None
        if entity_filter is not None:
            allowed = set(catalog.rowids(entity_filter.documents).values())
        hiding = duplicates is not None and duplicates.hide and bool(duplicates.groups)
        if allowed is None and not hiding:
            self._keep = None
        else:
            members: dict[int, str] = {}
            if hiding:
                assert duplicates is not None
                members = {r: i for i, r in catalog.rowids(duplicates.groups).items()}

            def keep(order: array[int]) -> array[int]:
                kept = [r for r in order if r in allowed] if allowed is not None else order
                if hiding:
                    assert duplicates is not None
                    # Non-members read as "" (in no group): Duplicates.shown keeps them.
                    kept = duplicates.shown(kept, lambda r: members.get(r, ""))
                return array("q", kept)

            self._keep = keep
        self._narrow()

    def _narrow(self) -> None:
        self.order = self._all if self._keep is None else self._keep(self._all)

    # -- the rows --------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.order)

    @property
    def total(self) -> int:
        """Every document read, before the filters."""
        return len(self._all)

    def summary(self, index: int) -> DocSummary | None:
        """The summary of the row at ``index`` (None: removed since the order was read)."""
        rowid = self.order[index]
        found = self._cache.get(rowid)
        if found is not None:
            self._cache.move_to_end(rowid)
            return found
        # The page around it: the rows just above and below are drawn next.
        start = max(0, index - PAGE // 4)
        wanted = [r for r in self.order[start : start + PAGE] if r not in self._cache]
        for number, summary in self.library.catalog.summaries_at(wanted).items():
            self._cache[number] = summary
        while len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return self._cache.get(rowid)

    def index_of(self, doc_id: str) -> int | None:
        """Where the document ``doc_id`` is listed (None: not listed)."""
        rowid = self.library.catalog.rowids([doc_id]).get(doc_id)
        return None if rowid is None else self.position_of_rowid(rowid)

    def rowid_at(self, index: int) -> int:
        return self.order[index]

    def position_of_rowid(self, rowid: int) -> int | None:
        try:
            return self.order.index(rowid)  # a scan in C: about a millisecond at 200k
        except ValueError:
            return None
