"""A corpus on disk and its persistent index: look up, search, entities (the read side).

``Library`` is what the CLI and the UI talk to. Its files live in the XDG cache dir
under a key of the corpus's absolute path: ``catalog.sqlite`` (metadata and cleaned
text) and the search engine's index (:mod:`reader.core.index.engine`). Updates
(:mod:`reader.core.index.indexer`) are serialised across processes with a file
lock; readers keep working on the last committed state meanwhile. Damage to the
cache is repaired by rebuilding it (:mod:`reader.core.index.repair`).
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

from reader.core.corpus.document import Document, Original, Removed
from reader.core.index import cachehealth
from reader.core.index import engine as engines
from reader.core.index.cachehealth import CacheError, CacheUnwritable
from reader.core.index.catalog import Catalog, DocSummary
from reader.core.index.hits import HitMatcher
from reader.core.index.repair import Repairs, damage_marker, delete_catalog, inode, repairing
from reader.core.index.snippets import Snippet
from reader.core.text.display import safe_name
from reader.core.text.filenames import name_text
from reader.core.userdata import paths
from reader.core.userdata.atomicfile import locked

# The search engine, the parser and the query code load on first use, not at import:
# the app shows its window from the catalog alone, and every millisecond before first
# paint counts (benchmarks/tui.py).
# So do the indexer (an update's code) and the near-duplicate groups: a one-shot search
# does not import them. Their names this module re-exports load on first use.
if TYPE_CHECKING:
    from reader.core.entities.aliases import Aliases
    from reader.core.entities.model import CorpusEntity, Entity, Mention
    from reader.core.index.duplicates import DuplicateGroup
    from reader.core.index.engine.base import SearchEngine
    from reader.core.index.entity_view import CorpusEntities
    from reader.core.index.indexer import BATCH, ProgressCallback, UpdateReport
    from reader.core.index.name_filter import NameFilter, Stamp
    from reader.core.index.query import EntityLookup

__all__ = [
    "BATCH",
    "AmbiguousDocument",
    "DocumentNotFound",
    "Hit",
    "Library",
    "ProgressCallback",
    "SearchResults",
    "UpdateReport",
    "repairing",
]

_T = TypeVar("_T")
HIGHLIGHT_LIMIT = 2_000_000  # chars of a hit document scanned for snippets


_FROM_INDEXER = ("BATCH", "ProgressCallback", "UpdateReport")


def __getattr__(name: str) -> Any:
    if name in _FROM_INDEXER:
        from reader.core.index import indexer

        return getattr(indexer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _format() -> str:
    from reader.core.index.indexer import index_format

    return index_format()


class DocumentNotFound(LookupError):
    pass


class AmbiguousDocument(LookupError):
    pass


@dataclass
@dataclass(frozen=True)
class Hit:
    id: str
    summary: DocSummary
    score: float
    snippets: tuple[Snippet, ...] = ()
    positions: tuple[tuple[int, int], ...] = ()  # every body hit (within HIGHLIGHT_LIMIT)
    detailed: bool = True  # False until snippets and positions are computed

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.summary.title,
            "score": round(self.score, 4),
            "snippets": [s.to_json() for s in self.snippets],
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: tuple[Hit, ...]
    # What the query marks in a body text (reader.core.index.hits).
    matcher: HitMatcher = field(default_factory=HitMatcher)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits]}


class Library(Repairs):
    def __init__(self, root: Path, cache: Path | None = None, *, engine: str | None = None) -> None:
        """``engine``: the engine setting for updates (``auto``, ``whoosh``, ``tantivy``);
        None: the ``engine`` of the user's configuration."""
        self.root = root.expanduser().resolve()
        self.cache = cache or paths.corpus_cache_dir(self.root)
        self.engine_setting = engine
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheUnwritable(
                f"cannot create the index folder {self.cache}: {_reason(error)}"
            ) from error
        self._lock = threading.RLock()
        self._engine: SearchEngine | None = None
        self._ids: list[str] | None = None
        self._entities: CorpusEntities | None = None
        # What _entities was made from (merge version, aliases file stat): name_filter.
        self._entities_from: tuple[str, tuple[int, int] | None] | None = None
        # The name store's lookups, kept from search to search while made from the same
        # merge and aliases file (it keeps the article lists it read): _lookup.
        self._names: tuple[object, Catalog, NameFilter] | None = None
        self.problems: list[str] = []  # repairs made on open, for the caller to show
        self.aliases_warning: str | None = None  # the aliases file could not be used
        self.aliases_problems: list[str] = []  # all of its problems, one line each
        # Why the cache cannot be written (a read-only disk or folder): then the
        # library answers from the index as it is and never updates it.
        self.read_only: str | None = _unwritable(self.cache)
        # Called with a one-line reason before a search or update rebuilds a
        # damaged cache (the CLI prints it, the UI shows a notification).
        self.on_repair: Callable[[str], None] | None = None
        # Called by an update after each committed batch (see indexer.CommitCallback).
        self.on_commit: Callable[[list[str], bool], None] | None = None
        # Called by an update with a few words as it starts a step over the whole corpus
        # after the articles ("merging the corpus entities of 200,000 articles"): at
        # 200,000 articles they take most of two minutes however little changed, and a
        # bar left at 1/1 says nothing.
        self.on_stage: Callable[[str], None] | None = None
        self._catalog_inode = 0
        self._damage_seen: tuple[str, int] | None = None  # see _repaired_since
        self._catalog_lost: str | None = None  # why the catalog was replaced on opening
        self.catalog = self._open_catalog()

    # -- the catalog -------------------------------------------------------------

    def _open_catalog(self) -> Catalog:
        path = self.cache / "catalog.sqlite"
        if self.read_only is not None:
            try:
                catalog = Catalog(path, read_only=True)
            except sqlite3.OperationalError as error:
                raise CacheUnwritable(
                    f"no usable index in {self.cache}, and it cannot be built there: "
                    f"{self.read_only} ({error})"
                ) from error
            self._catalog_inode = inode(path)
            return catalog
        # Processes started together on a new corpus take turns creating the file and
        # switching it to WAL. A busy database (OperationalError) is never "damaged":
        # deleting a live database's -wal/-shm files under another process's open
        # connection is what corrupts it ("database disk image is malformed").
        with locked(self.cache / "catalog"):
            marked = damage_marker(self.cache)
            if marked is not None:
                self._delete_catalog(marked)
            try:
                catalog = Catalog(path)
            except sqlite3.OperationalError as error:
                problem = cachehealth.disk_problem(error, self.cache)
                if problem is None:
                    raise
                # A full disk: the catalog can still be read, not written.
                self.read_only = problem
                catalog = Catalog(path, read_only=True)
            except sqlite3.DatabaseError as error:
                self._delete_catalog(f"catalog unreadable ({error})")
                catalog = Catalog(path)
            self._catalog_inode = inode(path)
            return catalog

    def _delete_catalog(self, reason: str) -> None:
        """Delete a damaged catalog (under the catalog lock); the next update rebuilds
        the index for ``reason``, since the catalog is what says what is indexed."""
        self._catalog_lost = reason
        delete_catalog(self.cache)

    def reset_catalog(self) -> None:
        """Replace this library's damaged catalog with a new, empty one (the update
        that called this reports why)."""
        with self._lock, locked(self.cache / "catalog"):
            path = self.cache / "catalog.sqlite"
            with contextlib.suppress(sqlite3.Error):
                self.catalog.close()
            if inode(path) == self._catalog_inode:  # not already replaced by another
                delete_catalog(self.cache)
            self.catalog = Catalog(path)
            self._catalog_inode = inode(path)
            self._ids = None
            self._entities = None
            self._set_engine(None)

    # -- the search engine ---------------------------------------------------------

    @property
    def engine(self) -> SearchEngine:
        """The engine of the index as recorded in the catalog (Whoosh for an index made
        before engines were recorded, or none yet)."""
        with self._lock:
            name = self._recorded_engine()
            if self._engine is None or self._engine.name != name:
                self._set_engine(engines.make_engine(name, self.cache, self.catalog))
            assert self._engine is not None
            return self._engine

    def _recorded_engine(self) -> str:
        with contextlib.suppress(sqlite3.Error):
            name = self.catalog.get_meta("engine")
            if name in engines.ENGINES:
                return name
        return engines.DEFAULT

    def _set_engine(self, engine: SearchEngine | None) -> None:
        if self._engine is not None and self._engine is not engine:
            self._engine.close()
        self._engine = engine

    def use_engine(self, name: str) -> SearchEngine:
        """Switch to the engine ``name`` (the update that calls this rebuilds its index)."""
        with self._lock:
            self._set_engine(engines.make_engine(name, self.cache, self.catalog))
            assert self._engine is not None
            return self._engine

    @property
    def index_dir(self) -> Path:
        """The folder of the engine's index (a local engine's)."""
        folder = getattr(self.engine, "folder", None)
        return folder if isinstance(folder, Path) else self.cache

    def has_index(self) -> bool:
        """Whether a search index was ever written for this corpus."""
        return self.engine.exists()

    def engine_description(self) -> str:
        """The engine the index is in, with its version (``reader index``, the TUI header)."""
        return self.engine.describe()

    def _setting(self) -> str:
        if self.engine_setting is not None:
            return self.engine_setting
        from reader.core.userdata.config import load_config

        return load_config().engine

    # -- updating --------------------------------------------------------------

    def update(
        self,
        *,
        rebuild: bool = False,
        verify: bool = False,
        repair: str | None = None,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        engine: str | None = None,
        warm: bool = True,
        whole_corpus: bool = True,
    ) -> UpdateReport:
        """Bring the index in line with the files: only new, changed and removed ones.

        ``verify`` also reads every cache file against its checksum (``reader
        index``); ``repair`` rebuilds for that reason. A damaged cache found on the
        way is rebuilt (``report.rebuilt`` says why); a cache that cannot be written
        raises CacheUnwritable, and a read-only one is left as it is
        (``report.read_only``). ``engine`` overrides the engine setting for this
        update (another engine than the index's rebuilds it). ``warm``: build the
        entity name index for the searches to come (a one-shot command has none).
        ``whole_corpus=False`` leaves the steps over the whole corpus after the articles
        (the corpus entity merge, the near-duplicate groups: most of a small update's time
        in an archive) for a later update, where one was made before: the articles are
        searchable at once, their corpus entities and groups follow (``report.deferred``
        and :meth:`owed` name what is left).
        """
        from reader.core.index.indexer import UpdateReport

        if self.read_only is not None:
            return UpdateReport(read_only=self.read_only, engine=self.engine.name)
        setting = engine or self._setting()
        try:
            return self._update(
                rebuild, verify, repair, progress, cancelled, setting, warm, whole_corpus
            )
        except Exception as error:
            problem = self.diagnose(error)
            if problem is None or repair is not None:
                raise
        return self._update(
            rebuild, verify, problem, progress, cancelled, setting, warm, whole_corpus
        )

    def _update(
        self,
        rebuild: bool,
        verify: bool,
        repair: str | None,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool] | None,
        setting: str,
        warm: bool = True,
        whole_corpus: bool = True,
    ) -> UpdateReport:
        from reader.core.index.indexer import UpdateReport, run_update

        if repair is not None and self._repaired_since():
            repair = None
            self.refresh()  # opens the new catalog
        lost, self._catalog_lost = self._catalog_lost, None
        if repair is None and lost is not None:
            repair = lost  # one rebuild, one line: the index without its catalog
        if verify and repair is None:
            found = self.catalog.quick_check()
            if found is not None:
                repair = f"catalog damaged ({found})"
        report = UpdateReport(warnings=[f"index: {p}" for p in self.problems])
        self.problems.clear()
        run_update(
            self,
            report,
            rebuild=repair or ("requested" if rebuild else None),
            reset_catalog=repair is not None and repair.startswith("catalog") and lost is None,
            verify=verify,
            setting=setting,
            progress=progress,
            cancelled=cancelled,
            whole_corpus=whole_corpus,
        )
        self.refresh()
        if warm:
            # Read the corpus entities now (callers update off the UI thread), so the
            # first search does not pay for loading them and indexing their names.
            entities = self._corpus()
            self._keep_name_keys(entities)
            entities.warm()
        else:
            self._ensure_name_keys()
        return report

    def _ensure_name_keys(self) -> None:
        """Store the name keys one-shot searches read, unless stored for the corpus
        entities as they are: a one-shot command updating an unchanged merge (a folder
        touched) need not load the corpus entities (about a second at 200,000
        articles)."""
        from reader.core.index.name_filter import NameFilter

        with self._lock:
            made_from = self._names_stamp()
            if (
                made_from is not None
                and NameFilter.load(self.catalog, made_from, self._corpus) is not None
            ):
                return
        self._keep_name_keys(self._corpus())

    def _names_stamp(self) -> Stamp | None:
        """What stored name lookups must have been made from to be current: the corpus
        merge's version and the aliases file's (None: no merge stored yet)."""
        from reader.core.index.name_filter import aliases_stat

        version = self.catalog.corpus_entities_version()
        return None if version is None else (version, aliases_stat(self.root))

    def owed(self) -> list[str]:
        """The steps over the whole corpus an update left for a later one
        (``update(whole_corpus=False)``), as a user would name them; [] when none."""
        with contextlib.suppress(sqlite3.Error, CacheError):
            found = []
            if self.catalog.entities_stale():
                found.append("corpus entities")
            if self.catalog.get_meta("duplicates_stale") != "0":
                found.append("near-duplicate groups")
            return found
        return []  # a damaged catalog: the next update repairs it, every step included

    def announce_stage(self, text: str) -> None:
        """Tell :attr:`on_stage` (if set) that a step over the whole corpus starts."""
        if self.on_stage is not None:
            self.on_stage(text)

    def changes(self) -> str | None:
        """Why the index may be behind the corpus folder, told cheaply (no scan): None
        when every folder is as the last update saw it (and, for corpora of up to
        ``freshness.STAT_FILES_UPTO`` articles, every file); see
        :mod:`reader.core.index.freshness`. Read commands update only when this says so."""
        from reader.core.index.freshness import STAT_FILES_UPTO, Snapshot, edited

        try:
            snapshot = Snapshot.load(self.catalog)
            if snapshot is None:
                return "no record of the corpus folder"
            found = snapshot.changed(self.root)
            if found is None and self.catalog.count() <= STAT_FILES_UPTO:
                found = "files were edited" if edited(self.catalog, self.root) else None
        except sqlite3.Error as error:  # a damaged catalog: the update repairs it
            return f"catalog unreadable ({error})"
        return found

    def skipped_at_update(self) -> int:
        """How many files the last update skipped (read commands mention them)."""
        from reader.core.index.freshness import Snapshot

        with contextlib.suppress(sqlite3.Error):
            snapshot = Snapshot.load(self.catalog)
            return snapshot.skipped if snapshot else 0
        return 0

    def refresh(self) -> None:
        """Forget cached ids and searcher: another Library (another thread or process)
        may have updated the index."""
        with self._lock:
            self._ids = None
            if self._engine is not None:
                self._engine.refresh()
            if self._catalog_inode != inode(self.cache / "catalog.sqlite"):
                # Another process replaced a damaged catalog: read the new one.
                with contextlib.suppress(sqlite3.Error, CacheError):
                    old, self.catalog = self.catalog, self._open_catalog()
                    self._entities = None
                    self._set_engine(None)
                    old.close()

    # -- reading -----------------------------------------------------------------

    @repairing
    def summaries(self) -> list[DocSummary]:
        return self.catalog.summaries()

    @repairing
    def document(self, doc_id: str) -> Document | None:
        return self.catalog.document(doc_id)

    @repairing
    def duplicates(self) -> list[DuplicateGroup]:
        """The corpus's groups of near-duplicate articles as found by the last update,
        biggest first (then by first id); see
        :class:`reader.core.index.duplicates.DuplicateGroup`."""
        return _groups(self.catalog.duplicate_rows())

    @repairing
    def duplicate_group(self, doc_id: str) -> DuplicateGroup | None:
        """The group of near-duplicates ``doc_id`` belongs to, or None."""
        found = _groups(self.catalog.duplicate_rows(doc_id))
        return found[0] if found else None

    @repairing
    def duplicates_of(self, doc_id: str) -> list[tuple[str, float]]:
        """The other members of ``doc_id``'s group with their estimated resemblance to it,
        most alike first. Groups join pairs above the threshold, so a member reached
        through another one may resemble ``doc_id`` less than the threshold."""
        group = self.duplicate_group(doc_id)
        if group is None:
            return []
        from reader.core.index.duplicates import similarity

        signatures = self.catalog.signatures_of(group.ids)
        own = signatures.get(doc_id, b"")
        found = [
            (other, similarity(own, signatures.get(other, b"")))
            for other in group.ids
            if other != doc_id
        ]
        found.sort(key=lambda item: (-item[1], item[0]))
        return found

    @repairing
    def duplicate_ids_to_hide(self) -> set[str]:
        """Every member of a near-duplicate group but its canonical (oldest) article: what
        a "hide duplicates" filter leaves out."""
        return {row[0] for row in self.catalog.duplicate_rows() if row[0] != row[2]}

    def removed(self, doc_id: str) -> tuple[Removed, ...]:
        """What cleaning removed from the document when it was indexed (no file read)."""
        import json

        found = self.catalog.cleaning(doc_id)
        if found is None or found[4] is None:
            return ()
        return tuple(Removed(int(s), int(e), str(r)) for s, e, r in json.loads(found[4]))

    def original(self, doc_id: str) -> Original | None:
        """The document's source text (normalised: safe to show) and what the cleaner
        removed from it, with reasons; None for an unknown id or an unreadable file.

        The spans are the ones stored when the document was cleaned. When the file
        changed since (``stale``), it is cleaned again here with the furniture it was
        indexed with, so the spans always fit the text returned.
        """
        from reader.core.corpus.furniture import Remembered, unpack_counts
        from reader.core.corpus.loader import decode
        from reader.core.corpus.parse import parse_text
        from reader.core.text.textnorm import normalise

        found = self.catalog.cleaning(doc_id)
        if found is None:
            return None
        rel, path, sha256, signature, removed = found
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        text = decode(data)[0]
        stale = hashlib.sha256(data).hexdigest() != sha256
        if removed is not None and not stale:
            spans = self.removed(doc_id)
        else:
            check = Remembered(unpack_counts(signature)).reason
            spans = parse_text(text, fallback_title=rel, furniture=check).removed
        return Original(normalise(text), spans, stale)

    def resolve(self, ref: str) -> str:
        """The id for a full id, a unique id prefix, or a file path inside the corpus."""
        with self._lock:
            if self._ids is None:
                self._ids = self.catalog.ids()
            ids = self._ids
        by_path = self._id_of_path(ref)
        if by_path is not None:
            return by_path
        # The id as printed first (it may hold characters such as U+E000 that are not
        # "printable" but are kept), then the printed form of what was typed.
        typed = _typed_id(ref)
        for candidate in dict.fromkeys((ref, typed)):
            position = bisect.bisect_left(ids, candidate)
            if position < len(ids) and ids[position] == candidate:
                return candidate
        # A prefix: as given when some id starts with it, else as printed.
        position = bisect.bisect_left(ids, ref)
        if typed != ref and not (position < len(ids) and ids[position].startswith(ref)):
            ref = typed
            position = bisect.bisect_left(ids, ref)
        matches: list[str] = []
        while position < len(ids) and ids[position].startswith(ref) and len(matches) < 6:
            matches.append(ids[position])
            position += 1
        if not matches or not ref:
            raise DocumentNotFound(f"no document matches '{ref}'")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise AmbiguousDocument(f"'{ref}' matches several documents: {shown}")
        return matches[0]

    def _id_of_path(self, ref: str) -> str | None:
        """The id of the article file ``ref`` names (a path, absolute or from here)."""
        import os

        candidate = Path(ref).expanduser()
        if not candidate.suffix or not candidate.is_file():
            return None
        # The path as given first (it may run through a link inside the corpus), then
        # with links resolved.
        for path in (Path(os.path.abspath(candidate)), candidate.resolve()):
            try:
                rel = path.relative_to(self.root)
            except ValueError:
                continue
            found = self.catalog.id_of_rel(name_text(PurePosixPath(*rel.parts).as_posix()))
            if found is not None:
                return found
        return None

    def read_engine(self, read: Callable[[SearchEngine], _T]) -> _T:
        """``read`` on the current search engine, under the library's lock (for core
        modules such as :mod:`reader.core.index.similar` that ask the index directly)."""
        from reader.core.index.query_check import QueryError

        with self._lock:
            try:
                return read(self.engine)
            except QueryError:
                raise
            except Exception:
                # Another process is rebuilding the index (its files are being replaced):
                # wait for that update to finish, then read what it committed.
                self.engine.close()
            with locked(self.cache / "update", shared=True):
                return read(self.engine)

    @repairing
    def search(self, text: str, limit: int = 20, *, detail: int | None = None) -> SearchResults:
        """Ranked hits; raises QueryError with a one-line message.

        Snippets and hit positions cost a pass over each hit's text, so only the first
        ``detail`` hits get them (all when None); ``add_detail`` fills in more later.
        """
        from reader.core.index.plain_query import read_query
        from reader.core.index.query_check import clean_query

        text = clean_query(text)  # it is echoed back: no control characters
        parsed = read_query(text, self._lookup())
        # While another process rebuilds (reader index --rebuild), the index is emptied
        # and refilled: wait for it to finish instead of answering from part of it.
        with locked(self.cache / "rebuild", shared=True):
            if _every_document(parsed):
                return self._every_document(text, limit, detail)
            named = _entity_only(parsed)
            if named is not None:
                return self._entity_documents(text, named, limit, detail)
            answer = self.read_engine(lambda engine: engine.search(parsed, limit))
            hits = []
            for doc_id, score in answer.found:
                summary = self.catalog.summary(doc_id)
                if summary is None:
                    continue  # indexed by a run that was interrupted: not shown
                hits.append(Hit(doc_id, summary, float(score or 0.0), detailed=False))
        plain = SearchResults(text, answer.total, tuple(hits), answer.matcher)
        return self.add_detail(plain, len(hits) if detail is None else detail)

    def _every_document(self, text: str, limit: int, detail: int | None) -> SearchResults:
        """Every document, newest first as in the article list: from the catalog, not
        a query scoring each one alike (``*`` took seconds as one query per word)."""
        everything = sorted(
            self.catalog.summaries(), key=lambda s: (s.date or "", s.id), reverse=True
        )
        hits = tuple(Hit(s.id, s, 0.0, detailed=False) for s in everything[:limit])
        results = SearchResults(text, len(everything), hits)
        return self.add_detail(results, len(hits) if detail is None else detail)

    def _entity_documents(
        self, text: str, named: Any, limit: int, detail: int | None
    ) -> SearchResults:
        """The articles of the entity a bare ``person:``/``org:``/``place:``/``entity:``
        query names, from the corpus merge's list rather than an engine query: the engine
        would only look each article id up (thousands for a common name: about 40 ms at
        20,000 articles with Tantivy, against well under 1 ms for a word) to score them
        all alike. Same articles, total and marks; listed by id (both engines score them
        all alike and return them in index order)."""
        ids = named.ids  # sorted and distinct
        matcher = self.read_engine(lambda engine: engine.matcher(named))
        score = float(getattr(named, "boost", 1.0) or 1.0)
        hits: list[Hit] = []
        gone = 0
        for doc_id in ids:
            # Checked one by one only while the page fills; the rest are counted as the
            # merge lists them (it is made from the catalog at each update).
            if len(hits) >= limit:
                break
            summary = self.catalog.summary(doc_id)
            if summary is None:
                gone += 1  # gone since the merge was made: not shown, not counted
                continue
            hits.append(Hit(doc_id, summary, score, detailed=False))
        results = SearchResults(text, len(ids) - gone, tuple(hits), matcher)
        return self.add_detail(results, len(hits) if detail is None else detail)

    @repairing
    def add_detail(self, results: SearchResults, upto: int) -> SearchResults:
        """The same results with snippets and positions for the first ``upto`` hits."""
        from reader.core.index.hits import hit_spans
        from reader.core.index.snippets import make_snippets

        hits = list(results.hits)
        for index, hit in enumerate(hits[:upto]):
            if hit.detailed:
                continue
            body = self.catalog.text(hit.id) or ""
            spans = hit_spans(body, results.matcher, HIGHLIGHT_LIMIT)
            hits[index] = Hit(
                hit.id, hit.summary, hit.score, tuple(make_snippets(body, spans)), tuple(spans)
            )
        return SearchResults(results.query, results.total, tuple(hits), results.matcher)

    @repairing
    def find_hits(self, text: str, body: str) -> list[tuple[int, int]]:
        """Every span of ``body`` that the query ``text`` matches (the whole text)."""
        from reader.core.index.hits import hit_spans
        from reader.core.index.plain_query import read_query

        parsed = read_query(text, self._lookup())
        return hit_spans(body, self.read_engine(lambda engine: engine.matcher(parsed)))

    # -- entities ------------------------------------------------------------------
    #
    # The catalog keeps each article's entities as extracted; corpus ids, names and
    # the aliases file are applied on reading (reader.core.index.entity_view), from a
    # merge cached by the last update. Everything here is safe to call from any
    # thread; returned objects are the caller's to read, not to modify.

    def _corpus(self) -> CorpusEntities:
        """The corpus entities of the last update with the aliases file applied."""
        from reader.core.index.entity_ingest import read_payload
        from reader.core.index.entity_view import CorpusEntities
        from reader.core.index.name_filter import aliases_stat

        with self._lock:
            version = self.catalog.corpus_entities_version()
            if self._entities is not None and self._entities.version == version:
                return self._entities
            stat = aliases_stat(self.root)  # taken before the file is read
            cached = self.catalog.corpus_entities()
            raw, id_map = read_payload(cached[0]) if cached else ([], {})
            state = CorpusEntities(
                raw, id_map, self._load_aliases(), cached and cached[1], self._stored_entities
            )
            self._entities = state
            same = version is not None and cached and version == cached[1]
            self._entities_from = (version, stat) if same and version is not None else None
            return state

    def _keep_name_keys(self, state: CorpusEntities) -> None:
        """Store the name keys of ``state`` for the next process's searches (see
        :mod:`reader.core.index.name_filter`), unless stored already. Called off the UI
        thread only (an update, a search): it indexes every spelling."""
        from reader.core.index.name_filter import NameFilter, store_keys

        with self._lock:
            made_from = self._entities_from
            if made_from is None or state is not self._entities:
                return
            if NameFilter.load(self.catalog, made_from, self._corpus) is None:
                self.announce_stage("storing the name lookups")  # heard during an update
                store_keys(self.catalog, made_from, state)

    def _lookup(self) -> EntityLookup:
        """The corpus entities as the query parser asks them. A process that has not
        loaded them gets a filter that loads them only for a word that may name an
        entity (:mod:`reader.core.index.name_filter`): a one-shot search for "economy"
        does not build the whole name index."""
        from reader.core.index.name_filter import NameFilter

        with self._lock:
            if self._entities is None:
                made_from = self._names_stamp()
                if made_from is not None:
                    kept = self._names
                    if kept is not None and kept[0] == made_from and kept[1] is self.catalog:
                        return kept[2]
                    found = NameFilter.load(self.catalog, made_from, self._corpus)
                    if found is not None:
                        self._names = (made_from, self.catalog, found)
                        return found
                    state = self._corpus()
                    self._keep_name_keys(state)
                    return state
            return self._corpus()

    def _load_aliases(self) -> Aliases:
        from reader.core.entities.aliases import aliases_path, read_aliases

        aliases, self.aliases_problems = read_aliases(aliases_path(self.root))
        more = len(self.aliases_problems) - 1
        self.aliases_warning = (  # the first problem, for callers that show one line
            self.aliases_problems[0] + (f" (+{more} more problems)" if more else "")
            if self.aliases_problems
            else None
        )
        return aliases

    def reload_aliases(self) -> None:
        """Re-apply the aliases file (after the UI or the user changed it).

        Cheap: no re-extraction and no re-indexing. Searches follow at once, because
        entity names are expanded at query time from these corpus entities (the index
        keeps the spellings each article used).
        """
        with self._lock:
            state = self._entities
            if state is None or state.version != self.catalog.corpus_entities_version():
                self._entities = None
                self._corpus()
                return
            state.apply(self._load_aliases())

    def corpus_entities(self) -> list[CorpusEntity]:
        """Every corpus entity, most articles first (``documents`` filled)."""
        return list(self._corpus().entities)

    def _stored_entities(self, doc_id: str) -> list[Entity]:
        """One article's entities as extracted (article ids, no aliases applied)."""
        from reader.core.index.entity_ingest import decode_entities

        data = self.catalog.entity_data(doc_id)
        text = self.catalog.text(doc_id)
        return [] if data is None or text is None else decode_entities(data, text)

    def entity_raw_ids(self, entity_id: str) -> list[str]:
        """The ids, before the aliases file, of what became ``entity_id`` (what the
        curation API writes into the aliases file)."""
        return self._corpus().raw_ids(entity_id)

    def entity(self, entity_id: str) -> CorpusEntity | None:
        return self._corpus().by_id.get(entity_id)

    def entity_documents(self, entity_id: str) -> list[str]:
        """Ids of the articles that mention the entity, in id order."""
        found = self.entity(entity_id)
        return list(found.documents) if found else []

    def entities(self, doc_id: str) -> list[Entity]:
        """One article's entities in corpus ids/names/aliases (aliases file applied,
        blocked ones left out), mentions as offsets into the cleaned text, biggest
        count first. An unknown document has none."""
        from reader.core.index.entity_ingest import decode_entities

        state = self._corpus()
        data = self.catalog.entity_data(doc_id)
        text = self.catalog.text(doc_id)
        if data is None or text is None:
            return []
        return state.article_view(decode_entities(data, text))

    def mentions(self, entity_id: str) -> Iterator[tuple[str, Mention]]:
        """Every mention of a corpus entity as ``(doc id, mention)``, article by article
        in id order, in text order within an article (for a KWIC view)."""
        for doc_id in self.entity_documents(entity_id):
            for entity in self.entities(doc_id):
                if entity.id == entity_id:
                    for mention in entity.mentions:
                        yield doc_id, mention

    def close(self) -> None:
        with self._lock:
            self._set_engine(None)
        self.catalog.close()

    # -- reading single documents (for the application layer) -------------------------

    @repairing
    def summary(self, doc_id: str) -> DocSummary | None:
        """The catalogued summary of ``doc_id`` (None: no such document)."""
        return self.catalog.summary(doc_id)

    @repairing
    def text(self, doc_id: str) -> str | None:
        """The cleaned text of ``doc_id`` without its metadata (None: no such document)."""
        return self.catalog.text(doc_id)

    @repairing
    def count(self) -> int:
        """How many documents the catalog holds."""
        return self.catalog.count()


def _unwritable(folder: Path) -> str | None:
    """Why ``folder`` and its cache files cannot be written, or None.

    access(2) answers for this process's user (root writes a chmod-ed folder, but not
    one on a read-only mount: EROFS), so a folder it accepts really takes writes.
    """
    for path in (
        folder,
        folder / "catalog.sqlite",
        *(folder / f for f in engines.FOLDERS.values()),
    ):
        if path.exists() and not os.access(path, os.W_OK):
            try:
                probe = os.open(
                    path / ".write-test" if path.is_dir() else path, os.O_WRONLY | os.O_CREAT, 0o600
                )
            except OSError as error:
                return _reason(error)
            os.close(probe)
            if path.is_dir():
                (path / ".write-test").unlink(missing_ok=True)
    return None


def _reason(error: OSError) -> str:
    return os.strerror(error.errno).lower() if error.errno else str(error)


def _groups(rows: list[tuple[str, int, str, float, float]]) -> list[DuplicateGroup]:
    """Stored duplicates rows (in group order) as groups."""
    from reader.core.index.duplicates import DuplicateGroup

    by_rank: dict[int, list[tuple[str, int, str, float, float]]] = {}
    for row in rows:
        by_rank.setdefault(row[1], []).append(row)
    return [
        DuplicateGroup(
            tuple(sorted(r[0] for r in members)),
            members[0][2],
            members[0][4],
            {r[0]: r[3] for r in members},
        )
        for _, members in sorted(by_rank.items())
    ]


def _every_document(parsed: Any) -> bool:
    from reader.core.index.plain_query import PlainQuery

    if isinstance(parsed, PlainQuery):
        return False  # words, each of which some article must hold
    from reader.core.index.query import every_document

    return every_document(parsed)


def _entity_only(parsed: Any) -> Any:
    """The ``EntityMatch`` a query is made of alone (None: anything else)."""
    from reader.core.index.plain_query import PlainQuery

    if isinstance(parsed, PlainQuery):
        return None  # plain words: the query module (and Whoosh) need not load
    from reader.core.index.query import EntityMatch

    return parsed if isinstance(parsed, EntityMatch) else None


def _typed_id(ref: str) -> str:
    """An id as typed: ids are printable text, so a reference that holds bytes or
    controls (pasted, or passed by a script) is matched in its printed form."""
    return safe_name(name_text(ref)) if not ref.isprintable() else ref
