"""A corpus on disk and its persistent index: scan, update incrementally, look up, search.

``Library`` is what the CLI and the UI talk to. Its files live in the XDG cache dir
under a key of the corpus's absolute path: ``catalog.sqlite`` (metadata and cleaned
text) and ``index/`` (Whoosh). Updates are serialised across processes with a file
lock; readers keep working on the last committed state meanwhile.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from reader.core import paths
from reader.core.atomicfile import locked
from reader.core.catalog import Catalog, DocSummary, Fingerprint
from reader.core.document import Document
from reader.core.loader import Skipped, SourceFile
from reader.core.snippets import Snippet

# Whoosh, the parser and the query code load on first use, not at import: the app
# shows its window from the catalog alone, and every millisecond before first paint
# counts (benchmarks/tui.py).
if TYPE_CHECKING:
    from concurrent.futures import Future

    from whoosh import index as whoosh_index
    from whoosh.searching import Searcher

    from reader.core.entities.aliases import Aliases
    from reader.core.entities.model import CorpusEntity, Entity, Mention
    from reader.core.entity_corpus import CorpusEntities

BATCH = 1000  # documents per commit: bounds memory and the work lost to a crash
HIGHLIGHT_LIMIT = 2_000_000  # chars of a hit document scanned for snippets


def _format() -> str:
    from reader.core.parse import PARSER_VERSION
    from reader.core.schema import SCHEMA_VERSION

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
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # per-document, "id: message"
    rebuilt: str | None = None  # why the index was rebuilt from scratch
    cancelled: bool = False

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
    terms: frozenset[str] = frozenset()  # analysed body terms, for highlighting later

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits]}


class Library:
    def __init__(self, root: Path, cache: Path | None = None) -> None:
        self.root = root.expanduser().resolve()
        self.cache = cache or paths.corpus_cache_dir(self.root)
        self.index_dir = self.cache / "index"
        self.cache.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._ids: list[str] | None = None
        self._entities: CorpusEntities | None = None
        self.problems: list[str] = []  # repairs made on open, for the caller to show
        self.aliases_warning: str | None = None  # the aliases file could not be used
        self.catalog = self._open_catalog()

    # -- opening and repairing -------------------------------------------------

    def _open_catalog(self) -> Catalog:
        path = self.cache / "catalog.sqlite"
        # Processes started together on a new corpus take turns creating the file and
        # switching it to WAL. A busy database (OperationalError) is never "damaged":
        # deleting a live database's -wal/-shm files under another process's open
        # connection is what corrupts it ("database disk image is malformed").
        with locked(self.cache / "catalog"):
            try:
                return Catalog(path)
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError as error:
                self.problems.append(f"catalog unreadable ({error}); rebuilding it")
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
                return Catalog(path)

    def _open_index(self) -> tuple[whoosh_index.Index, str | None]:
        """The Whoosh index, created or rebuilt when missing, outdated or unreadable."""
        from whoosh import index as whoosh_index

        reason: str | None = None
        stored = self.catalog.get_meta("format")
        if stored is not None and stored != _format():
            reason = f"index format changed ({stored} → {_format()})"
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

        from reader.core.schema import build_schema

        if self.index_dir.exists():
            shutil.rmtree(self.index_dir)
        self.index_dir.mkdir(parents=True)
        self.catalog.clear()
        ix = whoosh_index.create_in(str(self.index_dir), build_schema())
        self.catalog.set_meta("format", _format())
        return ix

    # -- updating --------------------------------------------------------------

    def update(
        self,
        *,
        rebuild: bool = False,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Bring the index in line with the files: only new, changed and removed ones."""
        from reader.core.loader import scan

        report = UpdateReport(warnings=[f"index: {p}" for p in self.problems])
        self.problems.clear()
        with contextlib.ExitStack() as held:
            if rebuild:
                # Searches in other processes wait for a requested rebuild rather than
                # see the index half refilled (see search). Taken before the update
                # lock, in the order readers take them, so the two never deadlock.
                held.enter_context(locked(self.cache / "rebuild"))
            held.enter_context(locked(self.cache / "update"))
            if rebuild:
                ix, report.rebuilt = self._create_index(), "requested"
            else:
                ix, report.rebuilt = self._open_index()
            scanned = scan(self.root)
            report.skipped.extend(scanned.skipped)
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
            merged = self._apply(ix, todo, removed, previous, report, progress, cancelled)
            self._drop_strays(ix)
            if merged is not None:
                self._store_merge(merged)
            elif self.catalog.entities_stale():
                self._store_merge(self._merge_payload())
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

    def _apply(
        self,
        ix: whoosh_index.Index,
        todo: list[SourceFile],
        removed: list[str],
        previous: dict[str, tuple[str, Fingerprint]],
        report: UpdateReport,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool] | None,
    ) -> str | None:
        """Parse, extract entities and index ``todo``, committing every BATCH files.

        Entities are extracted ahead of the Whoosh writer in worker processes when the
        update is big enough (:class:`reader.core.entity_store.ExtractionPool`), so
        both run at once, also while a batch commits; the corpus merge then runs in
        a worker during the last commit, and its result is returned.
        """
        from reader.core.entity_store import ExtractionPool

        if not todo and not removed:
            return None

        def prepared() -> Iterator[tuple[SourceFile, _Prepared]]:
            for source in todo:
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    return
                yield source, self._prepare(source, previous.get(source.id), report)

        def text_of(item: tuple[SourceFile, _Prepared]) -> str | None:
            row = item[1]
            return row[0].text if isinstance(row, tuple) else None

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
                        data, terms = extracted
                        batch.writer.update_document(**_fields(doc), **terms)
                        batch.rows.append((doc, source.rel, fingerprint, warnings))
                        batch.entity_rows.append((doc.id, data))
                        if source.id in previous:
                            report.updated += 1
                        else:
                            report.added += 1
                except BaseException:
                    batch.writer.cancel()
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
            batch.writer.cancel()
            raise
        # Whoosh first, then the catalog: a crash between the two only means the
        # next run re-indexes this batch (update_document is idempotent).
        self.catalog.write(batch.rows, batch.gone, batch.touches, batch.entity_rows)
        report.removed += len([g for g in batch.gone if g in previous])

    def _merge_payload(self) -> str:
        """All documents' entities merged into corpus entities (the cached JSON)."""
        from reader.core.entity_store import corpus_payload

        return corpus_payload(self.catalog.all_entity_data())

    def _store_merge(self, payload: str) -> None:
        import uuid

        self.catalog.store_corpus_entities(payload, uuid.uuid4().hex)

    def _prepare(
        self, source: SourceFile, old: tuple[str, Fingerprint] | None, report: UpdateReport
    ) -> _Prepared:
        from reader.core.loader import decode, looks_binary, read_bytes
        from reader.core.parse import parse_text

        try:
            data = read_bytes(source)
        except OSError as error:
            report.skipped.append(Skipped(source.rel, f"unreadable ({error.strerror})"))
            return None
        digest = hashlib.sha256(data).hexdigest()
        fingerprint = Fingerprint(source.mtime_ns, len(data), digest)
        if old is not None and old[0] == source.rel and old[1].sha256 == digest:
            report.unchanged += 1
            return fingerprint  # touched but not changed: remember the new mtime only
        if looks_binary(data):
            report.skipped.append(Skipped(source.rel, "binary file"))
            return None
        text, encoding_warning = decode(data)
        stem = PurePosixPath(source.rel).stem.replace("_", " ").replace("-", " ")
        parsed = parse_text(text, fallback_title=stem)
        warnings = tuple(w for w in (encoding_warning, *parsed.warnings) if w)
        report.warnings.extend(f"{source.rel}: {w}" for w in warnings)
        doc = Document(
            source.id, str(source.path), parsed.meta, parsed.text, parsed.styles, parsed.words
        )
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
            for doc_id in strays:
                writer.delete_by_term("id", doc_id)
            writer.commit()

    # -- reading -----------------------------------------------------------------

    def summaries(self) -> list[DocSummary]:
        return self.catalog.summaries()

    def document(self, doc_id: str) -> Document | None:
        return self.catalog.document(doc_id)

    def resolve(self, ref: str) -> str:
        """The id for a full id, a unique id prefix, or a file path inside the corpus."""
        with self._lock:
            if self._ids is None:
                self._ids = self.catalog.ids()
            ids = self._ids
        candidate = Path(ref).expanduser()
        if candidate.suffix and candidate.exists():
            try:
                rel = candidate.resolve().relative_to(self.root)
                ref = str(PurePosixPath(*rel.parts).with_suffix(""))
            except ValueError:
                pass
        position = bisect.bisect_left(ids, ref)
        if position < len(ids) and ids[position] == ref:
            return ref
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
        such as :mod:`reader.core.similar` that query the index directly)."""
        with self._lock:
            yield self._current_searcher()

    def search(self, text: str, limit: int = 20, *, detail: int | None = None) -> SearchResults:
        """Ranked hits; raises QueryError with a one-line message.

        Snippets and hit positions cost a pass over each hit's text, so only the first
        ``detail`` hits get them (all when None); ``add_detail`` fills in more later.
        """
        from reader.core.query import highlight_terms, parse_query

        parsed = parse_query(text, self._corpus())
        # While another process rebuilds (reader index --rebuild), the index is emptied
        # and refilled: wait for it to finish instead of answering from part of it.
        with locked(self.cache / "rebuild", shared=True):
            with self._lock:
                searcher = self._current_searcher()
                results = searcher.search(parsed, limit=limit)
                total = len(results)
                found = [(hit["id"], hit.score) for hit in results]
                terms = frozenset(highlight_terms(parsed, searcher.reader(), ("body",)))
            hits = []
            for doc_id, score in found:
                summary = self.catalog.summary(doc_id)
                if summary is None:
                    continue  # indexed by a run that was interrupted: not shown
                hits.append(Hit(doc_id, summary, float(score or 0.0), detailed=False))
        plain = SearchResults(text, total, tuple(hits), terms)
        return self.add_detail(plain, len(hits) if detail is None else detail)

    def add_detail(self, results: SearchResults, upto: int) -> SearchResults:
        """The same results with snippets and positions for the first ``upto`` hits."""
        from reader.core.snippets import make_snippets, term_spans

        hits = list(results.hits)
        for index, hit in enumerate(hits[:upto]):
            if hit.detailed:
                continue
            body = self.catalog.text(hit.id) or ""
            spans = term_spans(body, set(results.terms), HIGHLIGHT_LIMIT)
            hits[index] = Hit(
                hit.id, hit.summary, hit.score, tuple(make_snippets(body, spans)), tuple(spans)
            )
        return SearchResults(results.query, results.total, tuple(hits), results.terms)

    def find_hits(self, text: str, body: str) -> list[tuple[int, int]]:
        """Every span of ``body`` that the query ``text`` matches (the whole text)."""
        from reader.core.query import highlight_terms, parse_query
        from reader.core.snippets import term_spans

        parsed = parse_query(text, self._corpus())
        with self._lock:
            terms = highlight_terms(parsed, self._current_searcher().reader(), ("body",))
        return term_spans(body, terms)

    # -- entities ------------------------------------------------------------------
    #
    # The catalog keeps each article's entities as extracted; corpus ids, names and
    # the aliases file are applied on reading (reader.core.entity_corpus), from a
    # merge cached by the last update. Everything here is safe to call from any
    # thread; returned objects are the caller's to read, not to modify.

    def _corpus(self) -> CorpusEntities:
        """The corpus entities of the last update with the aliases file applied."""
        from reader.core.entity_corpus import CorpusEntities
        from reader.core.entity_store import read_payload

        with self._lock:
            version = self.catalog.corpus_entities_version()
            if self._entities is not None and self._entities.version == version:
                return self._entities
            cached = self.catalog.corpus_entities()
            raw, id_map = read_payload(cached[0]) if cached else ([], {})
            state = CorpusEntities(raw, id_map, self._load_aliases(), cached and cached[1])
            self._entities = state
            return state

    def _load_aliases(self) -> Aliases:
        from reader.core.entities.aliases import aliases_path, load_aliases

        aliases, self.aliases_warning = load_aliases(aliases_path(self.root))
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
        from reader.core.entity_store import decode_entities

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
        self.touches: list[tuple[str, Fingerprint]] = []


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
