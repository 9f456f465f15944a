"""The :class:`Workspace`: one open corpus, as both the CLI and the TUI use it.

It owns the corpus's :class:`~reader.core.index.library.Library` (opening, updating,
closing) and the state that outlives a single call: the bookmark session with its undo
history, the search session, the entity filter, and the position saver. Front ends ask it
for documents by reference (one resolution, one error type: :class:`UnknownDocument`),
for searches, comparisons and bookmarks, and render what comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from reader.core.corpus.document import Document
from reader.core.index.catalog import DocSummary
from reader.core.index.library import AmbiguousDocument, DocumentNotFound, Library, SearchResults
from reader.workspace.bookmarks import BookmarkSession
from reader.workspace.duplicates import Duplicates
from reader.workspace.entity_filter import EntityFilter
from reader.workspace.errors import UnknownDocument
from reader.workspace.search import SearchSession, search

if TYPE_CHECKING:
    from reader.core.index.indexer import ProgressCallback, UpdateReport
    from reader.core.index.similar import SimilarDoc
    from reader.workspace.compare import Comparison
    from reader.workspace.positions import PositionSaver


class Workspace:
    """One open corpus: its library and the session state both front ends share."""

    def __init__(
        self,
        root: Path,
        *,
        library: Library | None = None,
        cache: Path | None = None,
        engine: str | None = None,
    ) -> None:
        """``engine``: the engine setting for updates (``auto``, ``whoosh``, ``tantivy``);
        None: the user's configuration."""
        self.library = library or Library(root, cache, engine=engine)
        self.root = self.library.root
        self.bookmarks = BookmarkSession(self.library)
        self.search_session = SearchSession(self.library)
        self.entity_filter: EntityFilter | None = None
        # near-duplicate groups (read once per update) and the "hide duplicates" filter
        self.duplicates = Duplicates(self.library)
        self._positions: PositionSaver | None = None

    # -- opening and closing -----------------------------------------------------------

    def update(
        self,
        *,
        rebuild: bool = False,
        verify: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        warm: bool = True,
        whole_corpus: bool = True,
    ) -> UpdateReport:
        """Bring the index up to date with the corpus folder (see ``Library.update``)."""
        return self.library.update(
            rebuild=rebuild,
            verify=verify,
            progress=progress,
            cancelled=cancelled,
            warm=warm,
            whole_corpus=whole_corpus,
        )

    def changes(self) -> str | None:
        """Why the index may be behind the corpus folder (None: current as far as a
        cheap check can tell; see ``Library.changes``)."""
        return self.library.changes()

    def refresh(self) -> None:
        """See what another library (an update in a worker) committed."""
        self.library.refresh()
        self.duplicates.invalidate()

    def close(self) -> None:
        """Write the pending position, then close the library."""
        if self._positions is not None:
            self._positions.close()
        self.library.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------

    def resolve(self, ref: str) -> str:
        """The id of the document ``ref`` names: a full id, a unique id prefix, or the
        path of an article file; :class:`UnknownDocument` when it names none or several."""
        try:
            return self.library.resolve(ref)
        except (DocumentNotFound, AmbiguousDocument) as error:
            raise UnknownDocument(str(error)) from None

    def document(self, ref: str) -> Document:
        """The document ``ref`` names (as :meth:`resolve`), read from the catalog."""
        document = self.library.document(self.resolve(ref))
        if document is None:  # removed between resolving and reading
            raise UnknownDocument(f"no document matches '{ref}'")
        return document

    def find_document(self, doc_id: str) -> Document | None:
        """The document with exactly this id, or None (no longer in the corpus)."""
        return self.library.document(doc_id)

    def summaries(self) -> list[DocSummary]:
        return self.library.summaries()

    def summary(self, doc_id: str) -> DocSummary | None:
        return self.library.summary(doc_id)

    def text(self, doc_id: str) -> str | None:
        return self.library.text(doc_id)

    def count(self) -> int:
        return self.library.count()

    # -- search, similar, compare ------------------------------------------------------

    def search(self, text: str, *, limit: int) -> SearchResults:
        """One search, every hit detailed; raises BadQuery / UnfinishedQuery."""
        return search(self.library, text, limit=limit)

    def similar(self, doc_id: str, *, limit: int) -> list[SimilarDoc]:
        from reader.core.index.similar import similar

        return similar(self.library, doc_id, limit=limit)

    def compare(self, a: Document, b: Document, *, partial_ok: bool = False) -> Comparison:
        """What ``a`` and ``b`` share (see :mod:`reader.workspace.compare`)."""
        from reader.workspace.compare import compare_documents

        return compare_documents(self.library, a, b, partial_ok=partial_ok)

    # -- the entity filter -------------------------------------------------------------

    def set_entity_filter(self, entity_id: str | None, name: str = "") -> EntityFilter | None:
        """Narrow the document list to the articles mentioning ``entity_id`` (None: all)."""
        if entity_id is None:
            self.entity_filter = None
        else:
            documents = frozenset(self.library.entity_documents(entity_id))
            self.entity_filter = EntityFilter(entity_id, name or entity_id, documents)
        return self.entity_filter

    # -- where the reader was ----------------------------------------------------------

    @property
    def positions(self) -> PositionSaver:
        """The last open article and its position, saved in the background."""
        if self._positions is None:
            from reader.core.userdata.state import CorpusState
            from reader.workspace.positions import PositionSaver

            self._positions = PositionSaver(CorpusState(self.root))
        return self._positions
