"""What the core asks of a search engine, whatever it is and wherever its index lives.

:class:`SearchEngine` is the one interface between the index layer (``Indexer`` writes through
it, ``Library``, ``similar`` and ``term_frequencies`` read through it) and an engine. Nothing
above it knows where or how the index is kept: a local engine keeps a folder, a networked one
(OpenSearch, say) would keep a connection; both answer the same calls.

The query an engine receives is the tree :func:`reader.core.index.query.parse_query` built once
from what the user typed (limits checked, entity names expanded): a tree of
``whoosh.query`` nodes, used here as a plain syntax tree. Each engine turns it into its own
query (Whoosh runs it as is; Tantivy translates it node by node), so every engine answers the
same query language. Terms in the tree are already analysed (stemmed, folded) by the shared
analyzers of :mod:`reader.core.index.schema`, and every engine indexes text through those same
analyzers, so terms, positions, hits and highlights agree across engines.

An engine never computes hit spans or snippets itself: it returns the :class:`HitMatcher` of the
query as it expanded it, and :mod:`reader.core.index.hits` marks the catalog's text with it, in
character offsets (Tantivy's own highlight ranges are byte offsets, and would differ).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from reader.core.index.hits import HitMatcher


class EngineMeta(Protocol):
    """Where an engine keeps a few strings about its index (the catalog's meta table)."""

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...


@dataclass(frozen=True)
class IndexedDoc:
    """One article as every engine indexes it (see :func:`reader.core.index.engine.fields`)."""

    id: str
    path: str
    title: str
    body: str
    authors: str
    source: str
    tags: str  # comma-separated
    date: str | None  # ISO date or datetime
    entity_terms: dict[str, str]  # entity field -> names, one per line
    # Fields analysed ahead by an ingest worker (engine.analyse), for an engine that takes
    # them so: field -> what that engine makes of them (Tantivy: the terms joined by spaces,
    # or (term, position, start, end) tuples). None: the engine analyses them.
    tokens: dict[str, str | list[tuple[str, int, int, int]]] | None = None


@dataclass(frozen=True)
class EngineHits:
    """A search's answer: how many matched, the first ``limit`` ``(id, score)`` best first, and
    what the query marks in a text."""

    total: int
    found: tuple[tuple[str, float], ...]
    matcher: HitMatcher


@dataclass(frozen=True)
class WeightedTerm:
    field: str
    text: str  # an analysed term
    boost: float


class EngineWriter(ABC):
    """The changes of one batch; nothing is visible to readers before :meth:`commit`."""

    @abstractmethod
    def add(self, doc: IndexedDoc) -> None:
        """Index ``doc``, replacing any document of the same id."""

    @abstractmethod
    def delete(self, doc_id: str) -> None: ...

    def commit(self) -> None:
        """Make the batch visible; a commit that fails gives the batch up (``cancel``) and
        raises its own error."""
        try:
            self._commit()
        except BaseException:
            self.cancel()
            raise

    @abstractmethod
    def _commit(self) -> None:
        """The engine's own commit."""

    @abstractmethod
    def cancel(self) -> None:
        """Give the batch up after an error, without hiding that error."""


class SearchEngine(ABC):
    """An index of a corpus's articles (see the module docstring)."""

    name: ClassVar[str]
    native_threads: ClassVar[bool] = False
    """Whether the engine runs threads of its own (then worker processes are not forked)."""

    @abstractmethod
    def format(self) -> str:
        """The engine's index format (its version and ours): an index of another is rebuilt."""

    @abstractmethod
    def describe(self) -> str:
        """One line for users: the engine and its version."""

    # -- lifecycle (the caller holds the update lock for create and writer) --------

    @abstractmethod
    def exists(self) -> bool:
        """Whether an index was ever written here."""

    @abstractmethod
    def problem(self, *, verify: bool) -> str | None:
        """Why the existing index cannot be used as it is (damaged, unreadable, of a format
        this engine cannot read), or None; ``verify`` reads everything it can check."""

    @abstractmethod
    def create(self) -> None:
        """A new, empty index in place of whatever was there."""

    @abstractmethod
    def destroy(self) -> None:
        """Remove the index (another engine replaces it)."""

    @abstractmethod
    def writer(self) -> EngineWriter: ...

    @abstractmethod
    def committed(self) -> None:
        """Called after each commit and catalog write (a local engine notes its files)."""

    @abstractmethod
    def generation(self) -> str:
        """Which committed state of the index is there now (changes at every commit)."""

    @abstractmethod
    def damage(self, error: BaseException) -> str | None:
        """A one-line account when ``error`` is one that damage to this index raises."""

    @abstractmethod
    def check(self, *, full: bool) -> str | None:
        """What is wrong with the index, by what :meth:`committed` noted, or None."""

    # -- reading (callers serialise calls per engine object) ------------------------

    @abstractmethod
    def refresh(self) -> None:
        """See what other writers committed since."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def doc_count(self) -> int: ...

    @abstractmethod
    def ids(self) -> set[str]:
        """Every indexed id (to find entries the catalog lost)."""

    @abstractmethod
    def search(self, parsed: Any, limit: int) -> EngineHits:
        """Run the parsed query (raises QueryError over the expansion limits)."""

    @abstractmethod
    def matcher(self, parsed: Any) -> HitMatcher:
        """What ``parsed`` marks in a text, its wildcard/fuzzy/range terms as this index
        expands them."""

    @abstractmethod
    def doc_frequency(self, field: str, term: str) -> int:
        """How many documents hold the analysed ``term`` in ``field``."""

    @abstractmethod
    def key_terms(self, field: str, text: str, count: int) -> list[tuple[str, float]]:
        """The ``count`` terms of ``text`` that best tell it apart in this index, with weights."""

    @abstractmethod
    def more_like(
        self, doc_id: str, terms: Sequence[WeightedTerm], limit: int
    ) -> tuple[list[tuple[str, float]], float | None]:
        """The ``limit`` best documents for the weighted terms (``doc_id`` included when it
        is among them), and ``doc_id``'s own score for them (None: not indexed or no match)."""
