"""The ingest pipeline: bring a corpus's index in line with its files.

:class:`Indexer` runs one update of a :class:`reader.core.index.library.Library`: scan the
folder, decide what is new, changed, removed or unchanged, read, clean and parse what
changed and extract its entities (in worker processes for big updates:
:mod:`reader.core.index.ingest_work`), and feed the search engine and the catalog batch by
batch, in file order. It holds the update's state (report, previous
fingerprints, cleaning plan, callbacks), so its steps take only what differs between calls.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from reader.core.corpus.document import Document
from reader.core.corpus.loader import Skipped, SourceFile
from reader.core.index import engine as engines
from reader.core.index.catalog import CleaningRow, Fingerprint
from reader.core.index.duplicates import VERSION as DUPLICATES_VERSION
from reader.core.index.duplicates import document_signature
from reader.core.index.engine.base import EngineWriter, IndexedDoc, SearchEngine
from reader.core.userdata.atomicfile import locked

if TYPE_CHECKING:
    from concurrent.futures import Future

    # Cleaning pulls in the parser (Markdown, YAML): loaded by an update, not by a
    # search that only imports this module for UpdateReport.
    from reader.core.index.cleaning import CleaningPlan
    from reader.core.index.duplicates import Grouping
    from reader.core.index.entity_ingest import ExtractionPool
    from reader.core.index.freshness import Snapshot
    from reader.core.index.ingest_work import Job
    from reader.core.index.library import Library

BATCH = 1000  # documents per commit: bounds memory and the work lost to a crash
# A first index (or a rebuild) also commits once after this many documents, so the TUI
# lists and opens articles after seconds rather than after the first full batch.
FIRST_BATCH = 100

ProgressCallback = Callable[[int, int, str], None]
# After each batch is committed (engine and catalog): the ids it added or updated, and
# whether this update started from an empty index (a first index or a rebuild), so a
# front end can list and open the committed articles before the update ends.
CommitCallback = Callable[[list[str], bool], None]


def index_format() -> str:
    """What an index's documents are made by (fields, parser, entities): another is rebuilt."""
    from reader.core.corpus.parse import PARSER_VERSION
    from reader.core.index.schema import SCHEMA_VERSION

    # entities=N goes up when the extractor reads text differently (new rules), so every
    # article's entities come from one version of the rules, never a mix of old and new.
    # 3: organisation and person rules of the 2026-12 releases.
    return f"schema={SCHEMA_VERSION};parser={PARSER_VERSION};entities=4"


def engine_format(engine: SearchEngine) -> str:
    """The format recorded for an index of ``engine`` (Whoosh's is the one always recorded)."""
    own = engine.format()
    return index_format() if own == "whoosh" else f"{index_format()};{own}"


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
    engine: str = ""  # the search engine the index is in after the update
    # The steps over the whole corpus this update left for a later one (Library.owed).
    deferred: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class _Batch:
    """The changes between two commits: an open engine writer and the catalog rows."""

    def __init__(self, writer: EngineWriter, removed: list[str]) -> None:
        self.writer = writer
        self.gone: list[str] = list(removed)
        for doc_id in removed:
            self.writer.delete(doc_id)
        self.rows: list[tuple[Document, str, Fingerprint, tuple[str, ...]]] = []
        self.entity_rows: list[tuple[str, str]] = []
        self.cleaning: list[CleaningRow] = []
        self.touches: list[tuple[str, Fingerprint]] = []
        self.signatures: list[tuple[str, bytes]] = []  # near-duplicates (core.duplicates)


class Indexer:
    """One update of ``library`` (see the module docstring)."""

    def __init__(
        self,
        library: Library,
        report: UpdateReport,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool] | None,
        whole_corpus: bool = True,
    ) -> None:
        self.library = library
        # False: the corpus entity merge and the near-duplicate groups are left for a
        # later update (run_update), so no worker is set to make them either.
        self.whole_corpus = whole_corpus
        self.catalog = library.catalog
        self.report = report
        self.progress = progress
        self.cancelled = cancelled
        self.previous: dict[str, tuple[str, Fingerprint]] = {}
        self.plan: CleaningPlan | None = None
        self.files = 0  # articles the scan found (the corpus size ``auto`` goes by)
        self.fresh = False  # the index was created empty by this update
        self.snapshot: Snapshot | None = None  # the folders as scanned, once all went well
        # The near-duplicate groups a worker made during the last commit (update_duplicates).
        self.grouping: Future[Grouping] | None = None

    def _stop(self) -> bool:
        if self.cancelled is not None and self.cancelled():
            self.report.cancelled = True
        return self.report.cancelled

    # -- the engine ------------------------------------------------------------------

    def open_engine(self, rebuild: str | None, verify: bool, setting: str) -> SearchEngine:
        """The engine to update, created empty for ``rebuild`` (a reason), for another
        engine than the index's, or when the index is missing, outdated or damaged
        (``report.rebuilt`` says why; a first index is no rebuild)."""
        engine = self.library.engine
        recorded = self.catalog.get_meta("engine") or (
            engines.DEFAULT if self.catalog.get_meta("format") is not None else None
        )
        wanted = engines.choose(setting, self.files, recorded)
        if recorded is not None and wanted != recorded:
            rebuild = rebuild or f"engine changed ({recorded} → {wanted})"
        if wanted != engine.name:
            engine.destroy()  # the other engine's index: this one replaces it
            engine = self.library.use_engine(wanted)
        if rebuild is None:
            rebuild = self._problem(engine, verify)
            if rebuild is None:
                return engine
        self.report.rebuilt = rebuild or None
        self.create(engine)
        return engine

    def _problem(self, engine: SearchEngine, verify: bool) -> str | None:
        stored = self.catalog.get_meta("format")
        wanted = engine_format(engine)
        if stored is not None and stored != wanted:
            return f"index format changed ({stored} → {wanted})"
        if engine.exists():
            problem = engine.problem(verify=verify)
            if problem is not None:
                return problem
            return None if stored is not None else "index had no catalog"
        return "index files missing" if stored is not None else ""  # "": a first index

    def create(self, engine: SearchEngine) -> None:
        self.catalog.clear()  # its meta too: the engine records its own after this
        engine.create()
        self.fresh = True
        self.catalog.set_meta("format", engine_format(engine))
        if engine.name != engines.DEFAULT:  # no meta key: the engine indexes always had
            self.catalog.set_meta("engine", engine.name)
        self.catalog.set_meta("minhash", DUPLICATES_VERSION)  # signatures made from here on

    # -- one update ------------------------------------------------------------------

    def run(self, rebuild: str | None, verify: bool, setting: str) -> str | None:
        """Update the index; the corpus entity merge a worker made, if any."""
        from reader.core.corpus.loader import scan
        from reader.core.index.cleaning import packed_hashes_many, plan_cleaning
        from reader.core.index.entity_ingest import ExtractionPool
        from reader.core.index.freshness import Snapshot

        report = self.report
        started = Snapshot.now()
        scanned = scan(self.library.root)
        self.files = len(scanned.files)
        engine = self.open_engine(rebuild, verify, setting)
        report.engine = engine.name
        report.skipped.extend(scanned.skipped)
        report.warnings.extend(scanned.warnings)
        report.ignored_files = scanned.ignored_files
        report.ignored_folders = scanned.ignored_folders
        report.others = scanned.others
        self.previous = previous = self.catalog.fingerprints()
        current = {f.id for f in scanned.files}
        removed = [doc_id for doc_id in previous if doc_id not in current]
        todo = [source for source in scanned.files if not _same_stat(previous, source)]
        touched = 0
        merged = None
        # The engine's writer is opened before the workers start, as it was when they only
        # extracted entities: measured, a commit that fills the disk then leaves the same
        # room as before for the shared-memory file SQLite needs to open the catalog
        # (a search after the failure answers: tests/faults test_a_full_disk_for_real).
        writer = engine.writer() if todo or removed else None
        with ExtractionPool(len(todo), threaded=engine.native_threads) as pool:

            def read(sources: list[SourceFile]) -> Iterator[bytes | None]:
                return (hashes for _, hashes in pool.pipeline(sources, packed_hashes_many))

            # Furniture is learned from the folders' lines before anything is cleaned;
            # unchanged documents whose furniture changed are cleaned again.
            try:
                self.plan, again = plan_cleaning(
                    self.catalog, scanned.files, todo, removed, previous, read
                )
            except BaseException:
                if writer is not None:
                    writer.cancel()
                raise
            todo.extend(again)
            report.recleaned += len(again)
            if writer is not None:
                merged, touched = self._apply(engine, pool, writer, todo, removed)
            report.warnings.extend(pool.warnings)
        # Unchanged: not read again (same size and time), or read and found the same.
        report.unchanged = len(scanned.files) - len(todo) + touched
        self._drop_strays(engine)
        if not report.cancelled:
            # What the next read command checks instead of scanning (core.index.freshness),
            # stored once the whole update is done.
            self.snapshot = Snapshot.of_scan(self.library.root, scanned, started)
        return merged

    def _apply(
        self,
        engine: SearchEngine,
        pool: ExtractionPool,
        writer: EngineWriter,
        todo: list[SourceFile],
        removed: list[str],
    ) -> tuple[str | None, int]:
        """Read, parse, extract entities and index ``todo``, committing every BATCH files;
        the corpus entity merge a worker made (None: merge here) and how many files were
        touched but unchanged.

        Everything per file but feeding the engine and the catalog runs in worker
        processes when the update is big enough (:mod:`reader.core.index.ingest_work` in an
        :class:`reader.core.index.entity_ingest.ExtractionPool`): a bounded window of files
        ahead of the writer, whose results come back in file order, so commits and the
        document list are the same as without workers. From an empty catalog the corpus
        merge is fed as documents come (:class:`RunningMerge`); otherwise it runs in a
        worker during the last commit. The near-duplicate groups are made in another
        (:meth:`update_duplicates` takes them).
        """
        from reader.core.index.entity_ingest import RunningMerge
        from reader.core.index.ingest_work import Failed, Parsed, Skip, Touched, prepare_many

        previous, report = self.previous, self.report
        touched = 0
        batch = _Batch(writer, removed)
        # From an empty catalog (a first index, a rebuild) the corpus merge is fed as the
        # documents come; otherwise it reads the committed entities after the last batch.
        running = RunningMerge() if not previous else None
        for number, (job, outcome) in enumerate(
            pool.pipeline(self._jobs(todo, engine.name), prepare_many), 1
        ):
            source = job.source
            if self.progress is not None:
                self.progress(number, len(todo), source.rel)
            try:
                if isinstance(outcome, Parsed):
                    batch.writer.add(outcome.indexed)
                    doc = outcome.doc
                    batch.rows.append((doc, source.rel, outcome.fingerprint, outcome.warnings))
                    batch.cleaning.append(outcome.cleaning)
                    batch.entity_rows.append((doc.id, outcome.entities))
                    if running is not None:
                        running.add(doc.id, outcome.merge)
                    batch.signatures.append((doc.id, outcome.signature))
                    report.warnings.extend(f"{source.rel}: {w}" for w in outcome.warnings)
                    if source.id in previous:
                        report.updated += 1
                    else:
                        report.added += 1
                elif isinstance(outcome, Touched):
                    batch.touches.append((source.id, outcome.fingerprint))
                    touched += 1
                else:
                    if isinstance(outcome, Skip):
                        report.skipped.append(outcome.skipped)
                    else:
                        assert isinstance(outcome, Failed)
                        report.skipped.append(Skipped(source.rel, outcome.message))
                    if source.id in previous:
                        batch.writer.delete(source.id)
                        batch.gone.append(source.id)
            except BaseException:
                batch.writer.cancel()
                raise
            if number % BATCH == 0 or (self.fresh and number == FIRST_BATCH < BATCH):
                self._commit(engine, batch)
                batch = _Batch(engine.writer(), [])
            if self._stop():
                break
        merging = None
        if pool.parallel and not report.cancelled and self.whole_corpus:
            from reader.core.index.duplicates import committed_groups

            if running is None:
                merging = pool.merge(self.catalog.path, batch.gone, batch.entity_rows)
            # The near-duplicate groups in the other worker, at the same time (without it
            # they were made here after the merge, one core idle).
            self.grouping = pool.run(
                committed_groups, self.catalog.path, list(batch.gone), list(batch.signatures)
            )
        self._commit(engine, batch)
        if running is not None and not report.cancelled:
            return running.payload(), touched  # (a cancelled update's is merged from the catalog)
        return _merged(merging), touched

    def _jobs(self, todo: list[SourceFile], engine: str) -> Iterator[Job]:
        """A job per file of ``todo`` with what cleaning it needs from the plan; none
        after the update is cancelled."""
        from reader.core.corpus.furniture import folder_of
        from reader.core.index.ingest_work import Job

        assert self.plan is not None
        plan = self.plan
        for source in todo:
            if self._stop():
                return
            old = self.previous.get(source.id)
            yield Job(
                source,
                None if old is None else (old[0], old[1].sha256),
                source.id in plan.force,
                plan.furniture.get(folder_of(source.rel)),
                plan.hashes.get(source.id),
                engine,
            )

    def _commit(self, engine: SearchEngine, batch: _Batch) -> None:
        batch.writer.commit()
        engine.committed()
        # The engine first, then the catalog: a crash between the two only means the
        # next run re-indexes this batch (adding a document replaces it).
        self.catalog.write(
            batch.rows,
            batch.gone,
            batch.touches,
            batch.entity_rows,
            batch.cleaning,
            batch.signatures,
        )
        self.report.removed += len([g for g in batch.gone if g in self.previous])
        if self.library.on_commit is not None:
            self.library.on_commit([row[0].id for row in batch.rows], self.fresh)

    def _drop_strays(self, engine: SearchEngine) -> None:
        """Remove index entries the catalog does not know (left by an interrupted run)."""
        engine.refresh()
        if engine.doc_count() == self.catalog.count():
            return
        strays = engine.ids() - set(self.catalog.ids())
        if strays:
            writer = engine.writer()
            try:
                for doc_id in strays:
                    writer.delete(doc_id)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            engine.committed()

    # -- after the documents -----------------------------------------------------------

    def update_duplicates(self) -> None:
        """Sign documents indexed without a signature (a cache made before signatures
        were kept, or by another version of them), then regroup near-duplicates if
        documents changed since the groups were stored."""
        from reader.core.index import duplicates

        catalog = self.catalog
        grouping, self.grouping = self.grouping, None
        if catalog.get_meta("minhash") != DUPLICATES_VERSION:
            catalog.store_signatures((), replace_all=True)
            catalog.set_meta("minhash", DUPLICATES_VERSION)
            grouping = None  # made from signatures now replaced
        while missing := catalog.unsigned(BATCH):
            catalog.store_signatures(
                ((i, document_signature(title, text)) for i, title, text in missing),
                replace_all=False,
            )
            grouping = None
        if catalog.get_meta("duplicates_stale") == "0":
            return
        found = _result(grouping)  # made by a worker during the last commit
        if found is None:
            count = catalog.count()
            self.library.announce_stage(f"grouping the near-duplicates of {count:,} articles")
            found = duplicates.group_signatures(catalog.each_signature(), catalog.signatures_of)
        groups, signatures = found
        dates = catalog.dates(i for ids, _ in groups for i in ids)
        rows = []
        for rank, (ids, lowest) in enumerate(groups):
            canonical = duplicates.canonical_of(ids, dates)
            for doc_id in ids:
                score = duplicates.similarity(signatures[doc_id], signatures[canonical])
                rows.append((doc_id, rank, canonical, score, lowest))
        catalog.store_duplicates(rows)

    def store_entities(self, merged: str | None) -> None:
        """The corpus entities: the merge a worker made, or merged here when stale."""
        import uuid

        from reader.core.index.entity_ingest import corpus_payload

        if merged is None and self.catalog.entities_stale():
            count = self.catalog.count()
            self.library.announce_stage(f"merging the corpus entities of {count:,} articles")
            merged = corpus_payload(self.catalog.each_entity_data())
        if merged is not None:
            self.catalog.store_corpus_entities(merged, uuid.uuid4().hex)


def run_update(
    library: Library,
    report: UpdateReport,
    *,
    rebuild: str | None,
    reset_catalog: bool,
    verify: bool,
    setting: str,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    whole_corpus: bool = True,
) -> None:
    """One update under the library's locks (see ``Library.update``)."""
    from reader.core.index.entity_ingest import refuse_in_a_starting_worker

    refuse_in_a_starting_worker()  # before the locks: its parent holds them
    indexer = Indexer(library, report, progress, cancelled, whole_corpus)
    with contextlib.ExitStack() as held:
        if rebuild is not None:
            # Searches in other processes wait for a requested rebuild rather than
            # see the index half refilled (see Library.search). Taken before the update
            # lock, in the order readers take them, so the two never deadlock.
            held.enter_context(locked(library.cache / "rebuild"))
        held.enter_context(locked(library.cache / "update"))
        if reset_catalog:
            # Under both locks: no search or update elsewhere is reading it.
            library.reset_catalog()
            indexer.catalog = library.catalog
        merged = indexer.run(rebuild, verify, setting)
        # Left for later only over a merge already stored (a first index or a rebuild
        # makes its corpus entities), and never a merge already made as the articles
        # came (from an empty catalog): storing it costs nothing more.
        kept = indexer.catalog.corpus_entities_version() is not None
        if whole_corpus or merged is not None or not kept:
            indexer.store_entities(merged)
            indexer.update_duplicates()
        else:
            report.deferred = library.owed()
        if indexer.snapshot is not None:
            indexer.snapshot.store(indexer.catalog)


def indexed(doc: Document, entity_terms: dict[str, str]) -> IndexedDoc:
    """The fields every engine indexes for ``doc``."""
    return IndexedDoc(
        id=doc.id,
        path=doc.path,
        title=doc.meta.title,
        body=doc.text,
        authors=" ; ".join(doc.meta.authors),
        source=doc.meta.source or "",
        tags=",".join(t.replace(",", " ") for t in doc.meta.tags),
        date=doc.meta.date or None,
        entity_terms=dict(entity_terms),
    )


def _same_stat(previous: dict[str, tuple[str, Fingerprint]], source: SourceFile) -> bool:
    """Whether ``source`` is where it was, with the size and time it had (not read again)."""
    old = previous.get(source.id)
    return bool(
        old
        and old[0] == source.rel
        and (old[1].mtime_ns, old[1].size) == (source.mtime_ns, source.size)
    )


def _merged(merging: Future[str] | None) -> str | None:
    """The merge a worker made, or None to merge here (no pool, or it broke)."""
    return _result(merging)


_T = TypeVar("_T")


def _result(work: Future[_T] | None) -> _T | None:
    """What a worker made, or None to do it here (no pool, or it broke)."""
    if work is None:
        return None
    try:
        return work.result()
    except Exception:  # a dead worker or pool: the caller does it in this process
        return None
