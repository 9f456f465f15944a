"""Messages posted from worker threads to the main screen."""

from __future__ import annotations

from textual.message import Message

from reader.core.entities.model import Entity
from reader.core.index.library import SearchResults, UpdateReport


class IndexProgress(Message):
    """How far indexing has got; only the newest one matters."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


class IndexFinished(Message):
    """The update's report, or (report None) the one-line reason it failed."""

    def __init__(self, report: UpdateReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.error = error


class SearchFinished(Message):
    """Results (or the error, whose message is one line) for one search generation."""

    def __init__(
        self, generation: int, query: str, results: SearchResults | None, error: Exception | None
    ) -> None:
        super().__init__()
        self.generation = generation
        self.query = query
        self.results = results
        self.error = error


class EntitiesLoaded(Message):
    """The entities of one article, found in a worker (None: it could not be read)."""

    def __init__(self, doc_id: str, entities: list[Entity] | None) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.entities = entities
