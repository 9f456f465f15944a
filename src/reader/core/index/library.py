"""A corpus on disk and its persistent index: scan, update incrementally, look up, search.

``Library`` is what the CLI and the UI talk to. Its files live in the XDG cache dir
under a key of the corpus's absolute path: ``catalog.sqlite`` (metadata and cleaned
text) and ``index/`` (Whoosh). Updates are serialised across processes with a file
lock; readers keep working on the last committed state meanwhile.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from reader.core.corpus.document import Document, Original, Removed
from reader.core.corpus.loader import CorpusError, Skipped, SourceFile
from reader.core.index import cachehealth
from reader.core.index.cachehealth import CacheDamaged, CacheError, CacheUnwritable
from reader.core.index.catalog import Catalog, CleaningRow, DocSummary, Fingerprint
from reader.core.index.cleaning import CleaningPlan, plan_cleaning
from reader.core.index.duplicates import VERSION as DUPLICATES_VERSION
from reader.core.index.duplicates import DuplicateGroup, document_signature
from reader.core.index.hits import HitMatcher
from reader.core.index.snippets import Snippet
from reader.core.text.display import safe_name
from reader.core.text.filenames import name_text
from reader.core.userdata import paths
from reader.core.userdata.atomicfile import locked

# Whoosh, the parser and the query code load on first use, not at import: the app
# shows its window from the catalog alone, and every millisecond before first paint
# counts (benchmarks/tui.py).
if TYPE_CHECKING:
    from concurrent.futures import Future

    from whoosh import index as whoosh_index
    from whoosh.searching import Searcher

    from reader.core.entities.aliases import Aliases
    from reader.core.entities.model import CorpusEntity, Entity, Mention
    from reader.core.index.entity_view import CorpusEntities

BATCH = 1000  # documents per commit: bounds memory and the work lost to a crash
HIGHLIGHT_LIMIT = 2_000_000  # chars of a hit document scanned for snippets


def _format() -> str:
    from reader.core.corpus.parse import PARSER_VERSION
    from reader.core.index.schema import SCHEMA_VERSION

    return f"schema={SCHEMA_VERSION};parser={PARSER_VERSION};entities=2"


ProgressCallback = Callable[[int, int, str], None]


class DocumentNotFound(LookupError):
    pass


class AmbiguousDocument(LookupError):
    pass


@dataclass
class UpdateReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # of this run, never carried over
    warnings: list[str] = field(default_factory=list)  # per-document, "id: message"
    ignored_files: int = 0  # article files left out by .readerignore
    ignored_folders: int = 0
    others: dict[str, int] = field(default_factory=dict)  # files not read, by extension
    rebuilt: str | None = None  # why the index was rebuilt from scratch
    cancelled: bool = False
    read_only: str | None = None  # why the index could not be updated (nothing was)
    recleaned: int = 0  # unchanged documents cleaned again: their folder's furniture changed

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


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


_P = ParamSpec("_P")
_R = TypeVar("_R")


def repairing(
    method: Callable[Concatenate[Library, _P], _R],
) -> Callable[Concatenate[Library, _P], _R]:
    """Run ``method`` (its first argument a Library); when it fails on a damaged
    cache, rebuild the cache and run it again, once. Anything else is raised as is."""

    @functools.wraps(method)
    def wrapper(library: Library, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(library, *args, **kwargs)
        except Exception as error:
            problem = library.diagnose(error)
            if problem is None:
                raise
        library.repair(problem)  # outside the except: the old error is not the cause
        return method(library, *args, **kwargs)

    return wrapper


class Library:
    def __init__(self, root: Path, cache: Path | None = None) -> None:
        self.root = root.expanduser().resolve()
        self.cache = cache or paths.corpus_cache_dir(self.root)
        self.index_dir = self.cache / "index"
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheUnwritable(
                f"cannot create the index folder {self.cache}: {_reason(error)}"
            ) from error
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._ids: list[str] | None = None
        self._entities: CorpusEntities | None = None
        self.problems: list[str] = []  # repairs made on open, for the caller to show
        self.aliases_warning: str | None = None  # the aliases file could not be used
        self.aliases_problems: list[str] = []  # all of its problems, one line each
        # Why the cache cannot be written (a read-only disk or folder): then the
        # library answers from the index as it is and never updates it.
        self.read_only: str | None = _unwritable(self.cache)
        # Called with a one-line reason before a search or update rebuilds a
        # damaged cache (the CLI prints it, the UI shows a notification).
        self.on_repair: Callable[[str], None] | None = None
        self._catalog_inode = 0
        self._damage_seen: tuple[str, int] | None = None  # see _repaired_since
        self._catalog_lost: str | None = None  # why the catalog was replaced on opening
        self.catalog = self._open_catalog()

    # -- opening and repairing -------------------------------------------------

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
            self._catalog_inode = _inode(path)
            return catalog
        # Processes started together on a new corpus take turns creating the file and
        # switching it to WAL. A busy database (OperationalError) is never "damaged":
        # deleting a live database's -wal/-shm files under another process's open
        # connection is what corrupts it ("database disk image is malformed").
        with locked(self.cache / "catalog"):
            marked = self._damage_marker()
            if marked is not None:
                self._delete_catalog(marked)
            try:
                catalog = Catalog(path)
            except sqlite3.OperationalError as error:
                problem = cachehealth.disk_problem(error)
                if problem is None:
                    raise
                # A full disk: the catalog can still be read, not written.
                self.read_only = problem
                catalog = Catalog(path, read_only=True)
            except sqlite3.DatabaseError as error:
                self._delete_catalog(f"catalog unreadable ({error})")
                catalog = Catalog(path)
            self._catalog_inode = _inode(path)
            return catalog

    def _damage_marker(self) -> str | None:
        """The reason left by a process that found this catalog file damaged (it
        could not repair it then), if the file is still the one it found."""
        marker = self.cache / "catalog.damaged"
        try:
            inode, _, reason = marker.read_text(encoding="utf-8").partition(" ")
        except (OSError, UnicodeDecodeError):
            return None
        if inode != str(_inode(self.cache / "catalog.sqlite")):
            marker.unlink(missing_ok=True)  # replaced since: already repaired
            return None
        return reason.strip() or "catalog damaged"

    def _delete_catalog(self, reason: str | None) -> None:
        """Delete a damaged catalog (under the catalog lock); the update that follows
        rebuilds the index for ``reason`` (None: the caller's update does), since the
        catalog is what says what is indexed."""
        if reason is not None:
            self._catalog_lost = reason
        path = self.cache / "catalog.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        (self.cache / "catalog.damaged").unlink(missing_ok=True)

    def _reset_catalog(self) -> None:
        """Replace this library's damaged catalog with a new, empty one (the update
        that called this reports why)."""
        with self._lock, locked(self.cache / "catalog"):
            path = self.cache / "catalog.sqlite"
            with contextlib.suppress(sqlite3.Error):
                self.catalog.close()
            if _inode(path) == self._catalog_inode:  # not already replaced by another
                self._delete_catalog(None)
            self.catalog = Catalog(path)
            self._catalog_inode = _inode(path)
            self._ids = None
            self._entities = None

    # -- damage --------------------------------------------------------------------

    def diagnose(self, error: BaseException) -> str | None:
        """A one-line account when ``error`` comes from a damaged cache (recorded, so
        that the next update rebuilds it even if this process cannot); None for
        anything else. Raises CacheUnwritable when the cause is the disk."""
        from reader.core.index.query import QueryError

        if isinstance(error, (QueryError, LookupError, CacheError, CorpusError)):
            return None
        self._damage_seen = self._cache_state()
        disk = cachehealth.disk_problem(error, self.cache)
        if disk is not None:
            raise CacheUnwritable(f"cannot write the index in {self.cache}: {disk}") from error
        damage = cachehealth.catalog_damage(error)
        if damage is not None:
            problem = f"catalog damaged ({damage})"
            with contextlib.suppress(OSError):
                marker = self.cache / "catalog.damaged"
                marker.write_text(f"{self._catalog_inode} {problem}", encoding="utf-8")
            return problem
        found = cachehealth.index_damage_type(error)
        if found is None:
            # Not a kind of error damage is known to raise: read every index file
            # against its checksum before calling it damage (a bug is not cured by
            # rebuilding, and rebuilding a big corpus takes minutes).
            with contextlib.suppress(sqlite3.Error):
                found = cachehealth.check(
                    self.index_dir, self.catalog.get_meta(cachehealth.META_KEY), full=True
                )
        if found is None:
            return None
        problem = f"index damaged ({found})"
        with contextlib.suppress(sqlite3.Error, OSError):
            self.catalog.set_meta(
                "index_damaged", f"{cachehealth.latest_toc(self.index_dir)} {problem}"
            )
        return problem

    def _cache_state(self) -> tuple[str, int]:
        """Which index generation and catalog file are there now."""
        toc = cachehealth.latest_toc(self.index_dir)
        stamp = f"{toc}:{_mtime(self.index_dir / toc)}" if toc else ""
        return stamp, _inode(self.cache / "catalog.sqlite")

    def _repaired_since(self) -> bool:
        """Whether another process replaced the index or catalog since this one met
        the damage (it rebuilt them): then a normal update uses its work."""
        seen, self._damage_seen = self._damage_seen, None
        return seen is not None and seen != self._cache_state()

    def repair(self, problem: str) -> UpdateReport:
        """Rebuild the cache after ``problem`` (from :meth:`diagnose`), under the
        update lock: searches in other processes wait, then see the new index."""
        if self.read_only is not None:
            raise CacheDamaged(
                f"{problem}, and it cannot be rebuilt in {self.cache}: {self.read_only}"
            )
        if self.on_repair is not None:
            self.on_repair(problem)
        report = self.update(repair=problem)
        self.refresh()
        return report

    def _open_index(self, verify: bool = False) -> tuple[whoosh_index.Index, str | None]:
        """The Whoosh index, created or rebuilt when missing, outdated, unreadable or
        damaged (its files differ from the manifest; ``verify`` reads them all)."""
        from whoosh import index as whoosh_index

        reason: str | None = None
        stored = self.catalog.get_meta("format")
        damaged = self._damage_flag() or cachehealth.check(
            self.index_dir, self.catalog.get_meta(cachehealth.META_KEY), full=verify
        )
        if stored is not None and stored != _format():
            reason = f"index format changed ({stored} → {_format()})"
        elif damaged is not None and _has_index_files(self.index_dir):
            reason = (
                damaged if damaged.startswith("index damaged") else f"index damaged ({damaged})"
            )
        elif _has_index_files(self.index_dir):
            try:
                # open_dir, not exists_in: exists_in raises on a damaged TOC too.
                ix = whoosh_index.open_dir(str(self.index_dir))
                with ix.reader() as reader:
                    reader.doc_count()
                if stored is not None:
                    return ix, None
                reason = "index had no catalog"
            except Exception as error:  # any failure to read it means: rebuild
                reason = f"index unreadable ({type(error).__name__}: {error})"
        elif stored is not None:
            reason = "index files missing"
        return self._create_index(), reason

    def _create_index(self) -> whoosh_index.Index:
        from whoosh import index as whoosh_index

        from reader.core.index.schema import build_schema

        if self.index_dir.exists():
            shutil.rmtree(self.index_dir)
        self.index_dir.mkdir(parents=True)
        self.catalog.clear()
        ix = whoosh_index.create_in(str(self.index_dir), build_schema())
        self.catalog.set_meta("format", _format())
        self.catalog.set_meta("minhash", DUPLICATES_VERSION)  # signatures made from here on
        self._record_index_files()
        return ix

    def _record_index_files(self) -> None:
        """Note the committed index files' sizes and checksums (after each commit)."""
        previous = self.catalog.get_meta(cachehealth.META_KEY)
        self.catalog.set_meta(cachehealth.META_KEY, cachehealth.record(self.index_dir, previous))

    def _damage_flag(self) -> str | None:
        """The damage another run found in the index and could not repair, while the
        index is still the generation it found damaged."""
        flag = self.catalog.get_meta("index_damaged")
        if not flag:
            return None
        toc, _, problem = flag.partition(" ")
        if toc == str(cachehealth.latest_toc(self.index_dir)):
            return problem
        self.catalog.set_meta("index_damaged", "")  # since rebuilt or updated
        return None

    # -- updating --------------------------------------------------------------

    def update(
        self,
        *,
        rebuild: bool = False,
        verify: bool = False,
        repair: str | None = None,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Bring the index in line with the files: only new, changed and removed ones.

        ``verify`` also reads every cache file against its checksum (``reader
        index``); ``repair`` rebuilds for that reason. A damaged cache found on the
        way is rebuilt (``report.rebuilt`` says why); a cache that cannot be written
        raises CacheUnwritable, and a read-only one is left as it is
        (``report.read_only``).
        """
        if self.read_only is not None:
            return UpdateReport(read_only=self.read_only)
        try:
            return self._update(rebuild, verify, repair, progress, cancelled)
        except Exception as error:
            problem = self.diagnose(error)
            if problem is None or repair is not None:
                raise
        return self._update(rebuild, verify, problem, progress, cancelled)

    def _update(
        self,
        rebuild: bool,
        verify: bool,
        repair: str | None,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool] | None,
    ) -> UpdateReport:
        from reader.core.corpus.loader import scan

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
        with contextlib.ExitStack() as held:
            if rebuild or repair is not None:
                # Searches in other processes wait for a requested rebuild rather than
                # see the index half refilled (see search). Taken before the update
                # lock, in the order readers take them, so the two never deadlock.
                held.enter_context(locked(self.cache / "rebuild"))
            held.enter_context(locked(self.cache / "update"))
            if repair is not None and repair.startswith("catalog") and lost is None:
                # Under both locks: no search or update elsewhere is reading it.
                self._reset_catalog()
            if repair is not None:
                ix, report.rebuilt = self._create_index(), repair
            elif rebuild:
                ix, report.rebuilt = self._create_index(), "requested"
            else:
                ix, report.rebuilt = self._open_index(verify)
            scanned = scan(self.root)
            report.skipped.extend(scanned.skipped)
            report.warnings.extend(scanned.warnings)
            report.ignored_files = scanned.ignored_files
            report.ignored_folders = scanned.ignored_folders
            report.others = scanned.others
            previous = self.catalog.fingerprints()
            current = {f.id for f in scanned.files}
            removed = [doc_id for doc_id in previous if doc_id not in current]
            todo = []
            for source in scanned.files:
                old = previous.get(source.id)
                if (
                    old
                    and old[0] == source.rel
                    and (old[1].mtime_ns, old[1].size)
                    == (
                        source.mtime_ns,
                        source.size,
                    )
                ):
                    report.unchanged += 1
                else:
                    todo.append(source)
            # Furniture is learned from the folders' lines before anything is cleaned;
            # unchanged documents whose furniture changed are cleaned again.
            plan, again = plan_cleaning(self.catalog, scanned.files, todo, removed, previous)
            todo.extend(again)
            report.recleaned += len(again)
            report.unchanged -= len(again)  # counted as updated when done
            merged = self._apply(ix, todo, removed, previous, report, progress, cancelled, plan)
            self._drop_strays(ix)
            if merged is not None:
                self._store_merge(merged)
            elif self.catalog.entities_stale():
                self._store_merge(self._merge_payload())
            self._update_duplicates()
        self.refresh()
        # Read the corpus entities now (callers update off the UI thread), so the
        # first search does not pay for loading them and indexing their names.
        self._corpus().warm()
        return report

    def refresh(self) -> None:
        """Forget cached ids and searcher: another Library (another thread or process)
        may have updated the index."""
        with self._lock:
            self._ids = None
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            if self._catalog_inode != _inode(self.cache / "catalog.sqlite"):
                # Another process replaced a damaged catalog: read the new one.
                with contextlib.suppress(sqlite3.Error, CacheError):
                    old, self.catalog = self.catalog, self._open_catalog()
                    self._entities = None
                    old.close()

    def _apply(
        self,
        ix: whoosh_index.Index,
        todo: list[SourceFile],
        removed: list[str],
        previous: dict[str, tuple[str, Fingerprint]],
        report: UpdateReport,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool] | None,
        plan: CleaningPlan,
    ) -> str | None:
        """Parse, extract entities and index ``todo``, committing every BATCH files.

        Entities are extracted ahead of the Whoosh writer in worker processes when the
        update is big enough (:class:`reader.core.index.entity_ingest.ExtractionPool`), so
        both run at once, also while a batch commits; the corpus merge then runs in
        a worker during the last commit, and its result is returned.
        """
        from reader.core.index.entity_ingest import ExtractionPool

        if not todo and not removed:
            return None

        def prepared() -> Iterator[tuple[SourceFile, _Prepared]]:
            for source in todo:
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    return
                yield source, self._prepare(source, previous.get(source.id), report, plan)

        def text_of(item: tuple[SourceFile, _Prepared]) -> tuple[str, str] | None:
            row = item[1]
            return (row[0].meta.title, row[0].text) if isinstance(row, tuple) else None

        cleaning = plan.rows  # filled by _prepare, moved into each batch
        batch = _Batch(ix, removed)
        with ExtractionPool(len(todo)) as pool:
            for number, ((source, row), extracted) in enumerate(
                pool.pipeline(prepared(), text_of), 1
            ):
                if progress is not None:
                    progress(number, len(todo), source.rel)
                try:
                    if row is None:
                        if source.id in previous:
                            batch.writer.delete_by_term("id", source.id)
                            batch.gone.append(source.id)
                    elif isinstance(row, Fingerprint):
                        batch.touches.append((source.id, row))
                    elif extracted is not None:
                        doc, fingerprint, warnings = row
                        data, terms, signature = extracted
                        batch.writer.update_document(**_fields(doc), **terms)
                        batch.rows.append((doc, source.rel, fingerprint, warnings))
                        batch.cleaning.append(cleaning.pop(doc.id))
                        batch.entity_rows.append((doc.id, data))
                        batch.signatures.append((doc.id, signature))
                        if source.id in previous:
                            report.updated += 1
                        else:
                            report.added += 1
                except BaseException:
                    _cancel(batch.writer)
                    raise
                if number % BATCH == 0:
                    self._commit(batch, previous, report)
                    batch = _Batch(ix, [])
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
            merging = None
            if pool.parallel and not report.cancelled:
                rows = dict(self.catalog.all_entity_data())
                for doc_id in batch.gone:
                    rows.pop(doc_id, None)
                rows.update(batch.entity_rows)
                merging = pool.merge(sorted(rows.items()))
            self._commit(batch, previous, report)
            return _merged(merging)

    def _commit(
        self, batch: _Batch, previous: dict[str, tuple[str, Fingerprint]], report: UpdateReport
    ) -> None:
        try:
            batch.writer.commit()
        except BaseException:
            _cancel(batch.writer)
            raise
        self._record_index_files()
        # Whoosh first, then the catalog: a crash between the two only means the
        # next run re-indexes this batch (update_document is idempotent).
        self.catalog.write(
            batch.rows,
            batch.gone,
            batch.touches,
            batch.entity_rows,
            batch.cleaning,
            batch.signatures,
        )
        report.removed += len([g for g in batch.gone if g in previous])

    def _update_duplicates(self) -> None:
        """Sign documents indexed without a signature (a cache made before signatures
        were kept, or by another version of them), then regroup near-duplicates if
        documents changed since the groups were stored."""
        from reader.core.index import duplicates

        if self.catalog.get_meta("minhash") != DUPLICATES_VERSION:
            self.catalog.store_signatures((), replace_all=True)
            self.catalog.set_meta("minhash", DUPLICATES_VERSION)
        while missing := self.catalog.unsigned(BATCH):
            self.catalog.store_signatures(
                ((i, document_signature(title, text)) for i, title, text in missing),
                replace_all=False,
            )
        if self.catalog.get_meta("duplicates_stale") == "0":
            return
        signatures = self.catalog.signatures()
        groups = duplicates.find_groups(signatures)
        dates = self.catalog.dates(i for ids, _ in groups for i in ids)
        rows = []
        for rank, (ids, lowest) in enumerate(groups):
            canonical = duplicates.canonical_of(ids, dates)
            for doc_id in ids:
                score = duplicates.similarity(signatures[doc_id], signatures[canonical])
                rows.append((doc_id, rank, canonical, score, lowest))
        self.catalog.store_duplicates(rows)

    def _merge_payload(self) -> str:
        """All documents' entities merged into corpus entities (the cached JSON)."""
        from reader.core.index.entity_ingest import corpus_payload

        return corpus_payload(self.catalog.all_entity_data())

    def _store_merge(self, payload: str) -> None:
        import uuid

        self.catalog.store_corpus_entities(payload, uuid.uuid4().hex)

    def _prepare(
        self,
        source: SourceFile,
        old: tuple[str, Fingerprint] | None,
        report: UpdateReport,
        plan: CleaningPlan,
    ) -> _Prepared:
        from reader.core.corpus.loader import decode, looks_binary, read_bytes
        from reader.core.corpus.parse import parse_text

        try:
            data = read_bytes(source)
        except OSError as error:
            report.skipped.append(Skipped(source.rel, f"unreadable ({error.strerror})"))
            return None
        digest = hashlib.sha256(data).hexdigest()
        fingerprint = Fingerprint(source.mtime_ns, len(data), digest)
        unchanged = old is not None and old[0] == source.rel and old[1].sha256 == digest
        if unchanged and source.id not in plan.force:
            report.unchanged += 1
            return fingerprint  # touched but not changed: remember the new mtime only
        if looks_binary(data):
            report.skipped.append(Skipped(source.rel, "binary file"))
            return None
        text, encoding_warning = decode(data)
        if not text.strip():
            report.skipped.append(Skipped(source.rel, "empty file (only blank space)"))
            return None
        name = safe_name(PurePosixPath(source.rel).stem)
        parsed = parse_text(
            text,
            fallback_title=name.replace("_", " ").replace("-", " "),
            furniture=plan.check(source.rel),
        )
        plan.rows[source.id] = plan.row(source.id, source.rel, text, parsed.removed)
        warnings = tuple(w for w in (encoding_warning, *parsed.warnings) if w)
        report.warnings.extend(f"{source.rel}: {w}" for w in warnings)
        path = name_text(str(source.path))  # text form: SQLite and Whoosh refuse surrogates
        doc = Document(source.id, path, parsed.meta, parsed.text, parsed.styles, parsed.words)
        return doc, fingerprint, warnings

    def _drop_strays(self, ix: whoosh_index.Index) -> None:
        """Remove index entries the catalog does not know (left by an interrupted run)."""
        with ix.reader() as reader:
            if reader.doc_count() == self.catalog.count():
                return
            indexed = {fields["id"] for _, fields in reader.iter_docs()}
        strays = indexed - set(self.catalog.ids())
        if strays:
            writer = ix.writer()
            try:
                for doc_id in strays:
                    writer.delete_by_term("id", doc_id)
                writer.commit()
            except BaseException:
                _cancel(writer)
                raise
            self._record_index_files()

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

    def _current_searcher(self) -> Searcher:
        try:
            return self._open_searcher()
        except Exception:
            # Another process is rebuilding the index (its files are being replaced):
            # wait for that update to finish, then open what it committed.
            self._searcher = None
            with locked(self.cache / "update", shared=True):
                return self._open_searcher()

    def _open_searcher(self) -> Searcher:
        from whoosh import index as whoosh_index

        if self._searcher is None:
            self._searcher = whoosh_index.open_dir(str(self.index_dir)).searcher()
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """The current Whoosh searcher, held under the library's lock (for core modules
        such as :mod:`reader.core.index.similar` that query the index directly)."""
        with self._lock:
            yield self._current_searcher()

    @repairing
    def search(self, text: str, limit: int = 20, *, detail: int | None = None) -> SearchResults:
        """Ranked hits; raises QueryError with a one-line message.

        Snippets and hit positions cost a pass over each hit's text, so only the first
        ``detail`` hits get them (all when None); ``add_detail`` fills in more later.
        """
        from reader.core.index.hits import compile_hits
        from reader.core.index.query import clean_query, every_document, expand_terms, parse_query

        text = clean_query(text)  # it is echoed back: no control characters
        parsed = parse_query(text, self._corpus())
        # While another process rebuilds (reader index --rebuild), the index is emptied
        # and refilled: wait for it to finish instead of answering from part of it.
        with locked(self.cache / "rebuild", shared=True):
            if every_document(parsed):
                return self._every_document(text, limit, detail)
            with self._lock:
                searcher = self._current_searcher()
                parsed = expand_terms(parsed, searcher.reader())
                results = searcher.search(parsed, limit=limit)
                total = len(results)
                found = [(hit["id"], hit.score) for hit in results]
                matcher = compile_hits(parsed, searcher.reader())
            hits = []
            for doc_id, score in found:
                summary = self.catalog.summary(doc_id)
                if summary is None:
                    continue  # indexed by a run that was interrupted: not shown
                hits.append(Hit(doc_id, summary, float(score or 0.0), detailed=False))
        plain = SearchResults(text, total, tuple(hits), matcher)
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
        from reader.core.index.hits import compile_hits, hit_spans
        from reader.core.index.query import expand_terms, parse_query

        parsed = parse_query(text, self._corpus())
        with self._lock:
            reader = self._current_searcher().reader()
            matcher = compile_hits(expand_terms(parsed, reader), reader)
        return hit_spans(body, matcher)

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

        with self._lock:
            version = self.catalog.corpus_entities_version()
            if self._entities is not None and self._entities.version == version:
                return self._entities
            cached = self.catalog.corpus_entities()
            raw, id_map = read_payload(cached[0]) if cached else ([], {})
            state = CorpusEntities(
                raw, id_map, self._load_aliases(), cached and cached[1], self._stored_entities
            )
            self._entities = state
            return state

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
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
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


def _cancel(writer: Any) -> None:
    """Give up a Whoosh writer after an error without hiding that error: a failed
    commit has closed it already ("This writer is closed" hid "No space left")."""
    if not writer.is_closed:
        with contextlib.suppress(Exception):
            writer.cancel()


def _unwritable(folder: Path) -> str | None:
    """Why ``folder`` and its cache files cannot be written, or None.

    access(2) answers for this process's user (root writes a chmod-ed folder, but not
    one on a read-only mount: EROFS), so a folder it accepts really takes writes.
    """
    for path in (folder, folder / "catalog.sqlite", folder / "index"):
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


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return 0


def _merged(merging: Future[str] | None) -> str | None:
    """The merge a worker made, or None to merge here (no pool, or it broke)."""
    if merging is None:
        return None
    try:
        return merging.result()
    except Exception:  # a dead worker or pool: the caller merges in this process
        return None


# What _prepare makes of a file: a parsed document, a fingerprint only (content
# unchanged), or None (skipped).
_Prepared = tuple[Document, Fingerprint, tuple[str, ...]] | Fingerprint | None


class _Batch:
    """The changes between two commits: an open Whoosh writer and the catalog rows."""

    def __init__(self, ix: whoosh_index.Index, removed: list[str]) -> None:
        self.writer = ix.writer(limitmb=256)
        self.gone: list[str] = list(removed)
        for doc_id in removed:
            self.writer.delete_by_term("id", doc_id)
        self.rows: list[tuple[Document, str, Fingerprint, tuple[str, ...]]] = []
        self.entity_rows: list[tuple[str, str]] = []
        self.cleaning: list[CleaningRow] = []
        self.touches: list[tuple[str, Fingerprint]] = []
        self.signatures: list[tuple[str, bytes]] = []  # near-duplicates (core.duplicates)


def _groups(rows: list[tuple[str, int, str, float, float]]) -> list[DuplicateGroup]:
    """Stored duplicates rows (in group order) as groups."""
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


def _typed_id(ref: str) -> str:
    """An id as typed: ids are printable text, so a reference that holds bytes or
    controls (pasted, or passed by a script) is matched in its printed form."""
    return safe_name(name_text(ref)) if not ref.isprintable() else ref


def _has_index_files(folder: Path) -> bool:
    """Whether a Whoosh index was ever written here (a TOC file exists)."""
    return folder.is_dir() and any(folder.glob("_*_*.toc"))


def _fields(doc: Document) -> dict[str, Any]:
    import datetime as dt

    values: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "title": doc.meta.title,
        "body": doc.text,
        "authors": " ; ".join(doc.meta.authors),
        "source": doc.meta.source or "",
        "tags": ",".join(t.replace(",", " ") for t in doc.meta.tags),
    }
    if doc.meta.date:
        values["date"] = dt.datetime.fromisoformat(doc.meta.date)
    return values
