"""Messages posted from worker threads to the main screen."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from textual.message import Message

from reader.core.entities.model import Entity
from reader.core.index.library import SearchResults, UpdateReport
from reader.workspace.listing import DocumentListing


@dataclass
class IndexProgress(Message):
    """How far indexing has got; only the newest one matters."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexStage(Message):
    """The update started a step over the whole corpus (``Library.on_stage``): after the
    last article the bar stays full while it runs, a minute or two at 200,000 articles."""

    text: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexStage)


@dataclass
class IndexCommitted(Message):
    """A first index committed more articles: ``committed`` of the ``total`` to index are
    readable and searchable (the articles themselves wait in the screen's buffer, so a
    newer message replaces an older one unhandled and the list is refreshed once)."""

    committed: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexCommitted)


@dataclass
class IndexFinished(Message):
    """The update's report, or (report None) the one-line reason it failed."""

    report: UpdateReport | None
    error: str | None = None


@dataclass
class SearchFinished(Message):
    """Results (or the error, whose message is one line) for one search generation."""

    generation: int
    query: str
    results: SearchResults | None
    error: Exception | None
    # While a first index runs: (articles indexed when the search started, articles to
    # index). The results cover those only, and the hint says so.
    coverage: tuple[int, int] | None = None
    # Set once this stage is on screen (or dropped): the worker waits for it before
    # working out the next stage's snippets, which would take the GIL from the repaint.
    shown: threading.Event = field(default_factory=threading.Event)


@dataclass
class EntitiesLoaded(Message):
    """The entities of one article, found in a worker (None: it could not be read)."""

    doc_id: str
    entities: list[Entity] | None


@dataclass
class DocumentsLoaded(Message):
    """The corpus's documents as the catalog lists them, read in a worker at start-up
    (``ready``: the index exists and can be searched; ``error``: the one-line reason
    they could not be read, the list then stays empty until the index is updated)."""

    listing: DocumentListing
    ready: bool
    error: str | None = None
