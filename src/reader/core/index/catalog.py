"""The catalog: one SQLite file per corpus holding each document's metadata and text.

Whoosh answers "which documents match"; the catalog answers everything else fast:
the document list (100k rows without re-parsing a file), the cleaned text for
display and snippets, and the mtime/size/hash that make re-indexing incremental.
It is a cache: deleting it only costs a rebuild.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, ParamSpec, TypeVar

from reader.core.corpus.document import Document, Metadata, StyleSpan

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY,
    rel TEXT NOT NULL,
    path TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    tags TEXT NOT NULL,
    extra TEXT NOT NULL,
    words INTEGER NOT NULL,
    warnings TEXT NOT NULL,
    text TEXT NOT NULL,
    styles TEXT NOT NULL
);
-- Each document's extracted entities (reader.core.index.entity_ingest's compact JSON), and
-- the corpus merge cached as one JSON value (key 'corpus').
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_cache (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- What the cleaner learned and did per document (reader.core.corpus.furniture): its folder,
-- the hashes of its lines (packed int64), which of them were furniture when it was
-- cleaned, and the removed spans as JSON [[start, end, reason], ...].
CREATE TABLE IF NOT EXISTS cleaning (
    id TEXT PRIMARY KEY,
    folder TEXT NOT NULL,
    hashes BLOB NOT NULL,
    signature BLOB NOT NULL,
    removed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cleaning_folder ON cleaning (folder);
-- Near-duplicates (reader.core.index.duplicates): each document's packed MinHash signature, and
-- the groups found after the last update: per member its group's rank (biggest first), its
-- resemblance to the group's canonical article, the group's lowest joining resemblance.
CREATE TABLE IF NOT EXISTS minhash (id TEXT PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS duplicates (
    id TEXT PRIMARY KEY,
    grp INTEGER NOT NULL,
    canonical TEXT NOT NULL,
    resemblance REAL NOT NULL,
    grp_resemblance REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS duplicates_grp ON duplicates (grp);
"""
# A row of the duplicates table: (id, group rank, canonical id, resemblance to it, group's).
DuplicateRow = tuple[str, int, str, float, float]
# A row of the cleaning table: (id, folder, hashes, signature, removed JSON).
CleaningRow = tuple[str, str, bytes, bytes, str]
_SUMMARY = "id, title, authors, date, source, url, path, words, tags"
_DOC_COLUMNS = (
    "id rel path mtime_ns size sha256 title authors date source url tags extra words warnings"
    " text styles"
).split()
# A document indexed again keeps its row (an upsert, not INSERT OR REPLACE, which deletes
# and re-inserts under a new row number): the document list, which holds row numbers in
# its order (reader.workspace.listing), still shows the article while an update runs
# rather than a gap until the list is read again.
_UPSERT_DOC = (
    f"INSERT INTO docs VALUES ({','.join('?' * len(_DOC_COLUMNS))}) ON CONFLICT(id) DO UPDATE"
    f" SET {', '.join(f'{c}=excluded.{c}' for c in _DOC_COLUMNS[1:])}"
)
# The document list's orders (see :meth:`Catalog.order`): Python's casefold of the title and
# source (a function of the connection), the id breaking ties so every order is total.
_ORDERS = {
    "date": "coalesce(date, ''), id",
    "title": "casefold(title), id",
    "source": "casefold(coalesce(source, '')), coalesce(date, ''), id",
}
_IN_CHUNK = 500  # ids or row numbers per IN (...) list: under SQLite's variable limit
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Serialise use of the shared connection: the UI reads while workers search."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        self = args[0]
        with self._guard:  # type: ignore[attr-defined]
            return method(*args, **kwargs)

    return wrapper


class Fingerprint(NamedTuple):
    """A file as last indexed. A named tuple: an update reads one per article (for
    200,000 articles, 1.5 s as frozen dataclasses, 0.9 s so)."""

    mtime_ns: int
    size: int
    sha256: str


@dataclass(frozen=True)
class DocSummary:
    """A row of the document list: everything but the text."""

    id: str
    title: str
    authors: tuple[str, ...]
    date: str | None
    source: str | None
    url: str | None
    path: str
    words: int
    tags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "path": self.path,
            "words": self.words,
        }


class Catalog:
    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self._guard = threading.RLock()
        if read_only:
            # A cache on a read-only disk: SQLite cannot make the WAL index (-shm)
            # there, so open the file as immutable (no locks, no WAL). Nothing can
            # write it through this mount; a -wal left beside it is only read
            # with mode=ro, tried first.
            self._db = _open_read_only(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            # check_same_thread=False: the UI reads from worker threads; every use
            # is a short statement and SQLite serialises them.
            self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        self._db.execute("SELECT count(*) FROM docs").fetchone()  # fails fast if corrupt
        # For the document list's title and source orders (see order): the same folding
        # as a sort in Python, worked out once per row by SQLite's sorter.
        self._db.create_function("casefold", 1, _casefold, deterministic=True)

    @_guarded
    def close(self) -> None:
        self._db.close()

    @_guarded
    def quick_check(self) -> str | None:
        """SQLite's first complaint about the file's structure, or None when sound
        (reads every page: about 50 ms for a 12 MB catalog)."""
        rows = self._db.execute("PRAGMA quick_check(1)").fetchall()
        first = str(rows[0][0]) if rows else "ok"
        if first == "ok":
            return None
        # One line: "*** in database main ***\nPage 8: btreeInitPage() returns ...".
        return " ".join(first.replace("*** in database main ***", "").split())

    @_guarded
    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @_guarded
    def fingerprints(self) -> dict[str, tuple[str, Fingerprint]]:
        rows = self._db.execute("SELECT id, rel, mtime_ns, size, sha256 FROM docs")
        return {r[0]: (r[1], Fingerprint(r[2], r[3], r[4])) for r in rows}

    @_guarded
    def file_stats(self) -> list[tuple[str, int, int]]:
        """``(rel, mtime_ns, size)`` of every document: what a read command's staleness
        check compares with the files (plain tuples: 2,000 of them at every command)."""
        return list(self._db.execute("SELECT rel, mtime_ns, size FROM docs"))

    @_guarded
    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM docs").fetchone()[0])

    @_guarded
    def ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM docs ORDER BY id")]

    @_guarded
    def write(
        self,
        upserts: Iterable[tuple[Document, str, Fingerprint, tuple[str, ...]]],
        removals: Iterable[str] = (),
        touches: Iterable[tuple[str, Fingerprint]] = (),
        entities: Iterable[tuple[str, str]] = (),
        cleaning: Iterable[CleaningRow] = (),
        signatures: Iterable[tuple[str, bytes]] = (),
    ) -> None:
        """Apply one batch of changes in a single transaction.

        ``entities`` are ``(doc id, entity JSON)`` rows; any change of documents or
        entities marks the cached corpus merge stale (see :meth:`entities_stale`), and any
        change of documents the near-duplicate groups. ``signatures`` are ``(doc id, packed
        MinHash signature)`` rows (:mod:`reader.core.index.duplicates`).
        """
        removals = list(removals)
        entities = list(entities)
        upserts = list(upserts)
        with self._db:
            self._db.executemany("DELETE FROM docs WHERE id=?", ((i,) for i in removals))
            self._db.executemany("DELETE FROM entities WHERE id=?", ((i,) for i in removals))
            self._db.executemany("DELETE FROM cleaning WHERE id=?", ((i,) for i in removals))
            self._db.executemany("INSERT OR REPLACE INTO cleaning VALUES (?,?,?,?,?)", cleaning)
            self._db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?)", entities)
            self._db.executemany("DELETE FROM minhash WHERE id=?", ((i,) for i in removals))
            self._db.executemany("INSERT OR REPLACE INTO minhash VALUES (?, ?)", signatures)
            if removals or entities or upserts:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('entities_stale', '1')")
            if removals or upserts:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('duplicates_stale', '1')")
            self._db.executemany(
                "UPDATE docs SET mtime_ns=?, size=? WHERE id=?",
                ((fp.mtime_ns, fp.size, i) for i, fp in touches),
            )
            self._db.executemany(
                _UPSERT_DOC, (_row(doc, rel, fp, warnings) for doc, rel, fp, warnings in upserts)
            )

    @_guarded
    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM docs")
            self._db.execute("DELETE FROM meta")
            self._db.execute("DELETE FROM entities")
            self._db.execute("DELETE FROM entity_cache")
            self._db.execute("DELETE FROM cleaning")
            self._db.execute("DELETE FROM minhash")
            self._db.execute("DELETE FROM duplicates")

    @_guarded
    def cleaning_rows(self, folders: Iterable[str]) -> dict[str, tuple[str, bytes, bytes]]:
        """``{id: (folder, hashes, signature)}`` of every document in ``folders``."""
        found: dict[str, tuple[str, bytes, bytes]] = {}
        for folder in folders:
            with closing(
                self._db.execute(
                    "SELECT id, folder, hashes, signature FROM cleaning WHERE folder=?", (folder,)
                )
            ) as cursor:
                for row in cursor:
                    found[str(row[0])] = (str(row[1]), bytes(row[2]), bytes(row[3]))
        return found

    @_guarded
    def cleaning(self, doc_id: str) -> tuple[str, str, str, bytes, str | None] | None:
        """``(rel, path, sha256, signature, removed JSON)`` of one document (the last two
        empty and None when it has no cleaning row)."""
        row = self._db.execute(
            "SELECT d.rel, d.path, d.sha256, coalesce(c.signature, x''), c.removed "
            "FROM docs d LEFT JOIN cleaning c ON c.id = d.id WHERE d.id=?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        removed = None if row[4] is None else str(row[4])
        return str(row[0]), str(row[1]), str(row[2]), bytes(row[3]), removed

    # -- near-duplicates (reader.core.index.duplicates) ----------------------------------

    @_guarded
    def signatures(self) -> dict[str, bytes]:
        """Every document's stored signature (near-duplicates), by id."""
        with closing(self._db.execute("SELECT id, signature FROM minhash")) as cursor:
            return {str(r[0]): bytes(r[1]) for r in cursor}

    def each_signature(self, page: int = 1000) -> Iterator[tuple[str, bytes]]:
        """:meth:`signatures` a page at a time, in the same order."""
        for row in self._paged("SELECT id, signature FROM minhash", page):
            yield str(row[0]), bytes(row[1])

    def _paged(self, sql: str, page: int) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` a page at a time, the lock held only while a page is
        fetched (other threads' statements go on between pages)."""
        with self._guard:
            cursor = self._db.execute(sql)
        try:
            while True:
                with self._guard:
                    rows = cursor.fetchmany(page)
                if not rows:
                    return
                yield from rows
        finally:
            cursor.close()

    @_guarded
    def signatures_of(self, ids: Iterable[str]) -> dict[str, bytes]:
        if not self._has_duplicates():
            return {}
        return _signatures_in(self._db, ids)

    def _has_duplicates(self) -> bool:
        """Whether the near-duplicate tables exist: a cache made by an earlier version and
        opened read-only has none (and cannot be given them)."""
        row = self._db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
            "('minhash', 'duplicates')"
        ).fetchone()
        return bool(row[0] == 2)

    @_guarded
    def unsigned(self, limit: int) -> list[tuple[str, str, str]]:
        """Up to ``limit`` documents without a stored signature: ``(id, title, text)``."""
        return [
            (str(r[0]), str(r[1]), str(r[2]))
            for r in self._db.execute(
                "SELECT d.id, d.title, d.text FROM docs d LEFT JOIN minhash m ON m.id = d.id "
                "WHERE m.id IS NULL LIMIT ?",
                (limit,),
            )
        ]

    @_guarded
    def store_signatures(self, rows: Iterable[tuple[str, bytes]], *, replace_all: bool) -> None:
        """Add signatures (``replace_all``: instead of all stored ones); marks the groups stale."""
        with self._db:
            if replace_all:
                self._db.execute("DELETE FROM minhash")
            self._db.executemany("INSERT OR REPLACE INTO minhash VALUES (?, ?)", rows)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('duplicates_stale', '1')")

    @_guarded
    def dates(self, ids: Iterable[str]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for doc_id in ids:
            row = self._db.execute("SELECT date FROM docs WHERE id=?", (doc_id,)).fetchone()
            if row is not None:
                found[doc_id] = None if row[0] is None else str(row[0])
        return found

    @_guarded
    def store_duplicates(self, rows: Iterable[DuplicateRow]) -> None:
        """Replace the near-duplicate groups and clear their stale mark, in one transaction."""
        with self._db:
            self._db.execute("DELETE FROM duplicates")
            self._db.executemany("INSERT INTO duplicates VALUES (?,?,?,?,?)", rows)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('duplicates_stale', '0')")

    @_guarded
    def duplicate_rows(self, doc_id: str | None = None) -> list[DuplicateRow]:
        """The stored groups' rows in group order (only ``doc_id``'s group when given)."""
        query = "SELECT id, grp, canonical, resemblance, grp_resemblance FROM duplicates"
        if not self._has_duplicates():
            return []
        if doc_id is None:
            cursor = self._db.execute(query + " ORDER BY grp, id")
        else:
            cursor = self._db.execute(
                query + " WHERE grp = (SELECT grp FROM duplicates WHERE id=?) ORDER BY id",
                (doc_id,),
            )
        with closing(cursor):
            return [(str(r[0]), int(r[1]), str(r[2]), float(r[3]), float(r[4])) for r in cursor]

    @_guarded
    def summaries(self) -> list[DocSummary]:
        with closing(self._db.execute(f"SELECT {_SUMMARY} FROM docs ORDER BY id")) as cursor:
            return [_summary(r) for r in cursor]

    # -- the document list, read a screenful at a time (reader.workspace.listing) ----------

    @_guarded
    def order(self, key: str) -> array[int]:
        """The row numbers of every document in ascending ``key`` order (``date``,
        ``title`` or ``source``, the id breaking ties): 8 bytes an article, where a list of
        summaries holds about 700."""
        with closing(self._db.execute(f"SELECT rowid FROM docs ORDER BY {_ORDERS[key]}")) as cur:
            return array("q", (r[0] for r in cur))

    @_guarded
    def summaries_at(self, rowids: Sequence[int]) -> dict[int, DocSummary]:
        """The summaries of the documents at these row numbers (one missing: the document
        was removed or replaced since its number was read)."""
        found: dict[int, DocSummary] = {}
        for start in range(0, len(rowids), _IN_CHUNK):
            chunk = list(rowids[start : start + _IN_CHUNK])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT rowid, {_SUMMARY} FROM docs WHERE rowid IN ({marks})"
            with closing(self._db.execute(sql, chunk)) as cursor:
                for row in cursor:
                    found[int(row[0])] = _summary(row[1:])
        return found

    @_guarded
    def rowids(self, ids: Iterable[str]) -> dict[str, int]:
        """The row numbers of the documents with these ids (unknown ids left out)."""
        found: dict[str, int] = {}
        wanted = list(ids)
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, rowid FROM docs WHERE id IN ({marks})"
            with closing(self._db.execute(sql, chunk)) as cursor:
                found.update((str(r[0]), int(r[1])) for r in cursor)
        return found

    @_guarded
    def titles(self) -> tuple[list[str], array[int]]:
        """Every document's title and row number, in id order (the palette's "open
        article": two compact columns, not a summary per article)."""
        titles: list[str] = []
        rowids = array("q")
        with closing(self._db.execute("SELECT title, rowid FROM docs ORDER BY id")) as cursor:
            for title, rowid in cursor:
                titles.append(title)
                rowids.append(rowid)
        return titles, rowids

    @_guarded
    def summary(self, doc_id: str) -> DocSummary | None:
        row = self._db.execute(f"SELECT {_SUMMARY} FROM docs WHERE id=?", (doc_id,)).fetchone()
        return None if row is None else _summary(row)

    @_guarded
    def text(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT text FROM docs WHERE id=?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute(
            "SELECT id, path, title, authors, date, source, url, tags, extra, words, text, styles "
            "FROM docs WHERE id=?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        meta = Metadata(
            title=row[2],
            authors=tuple(json.loads(row[3])),
            date=row[4],
            source=row[5],
            url=row[6],
            tags=tuple(json.loads(row[7])),
            extra=json.loads(row[8]),
        )
        styles = tuple(StyleSpan(s, e, k) for s, e, k in json.loads(row[11]))
        return Document(row[0], row[1], meta, row[10], styles, row[9])

    @_guarded
    def entity_data(self, doc_id: str) -> str | None:
        """One document's entity JSON (None: not extracted)."""
        row = self._db.execute("SELECT data FROM entities WHERE id=?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def all_entity_data(self) -> list[tuple[str, str]]:
        """Every document's entity JSON, by document id."""
        with closing(self._db.execute("SELECT id, data FROM entities ORDER BY id")) as cursor:
            return [(str(r[0]), str(r[1])) for r in cursor]

    def each_entity_data(self, page: int = 500) -> Iterator[tuple[str, str]]:
        """:meth:`all_entity_data` a page at a time, never the whole corpus's JSON at once
        (a few kilobytes an article: hundreds of megabytes for an archive)."""
        for row in self._paged("SELECT id, data FROM entities ORDER BY id", page):
            yield str(row[0]), str(row[1])

    @_guarded
    def entities_stale(self) -> bool:
        """Whether documents changed since the corpus merge was cached."""
        row = self._db.execute("SELECT value FROM meta WHERE key='entities_stale'").fetchone()
        cached = self._db.execute("SELECT 1 FROM entity_cache WHERE key='corpus'").fetchone()
        return cached is None or (row is not None and row[0] == "1")

    @_guarded
    def store_corpus_entities(self, value: str, version: str) -> None:
        """Cache the corpus merge and clear the stale mark, in one transaction."""
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO entity_cache VALUES ('corpus', ?)", (value,))
            self._db.execute(
                "INSERT OR REPLACE INTO entity_cache VALUES ('version', ?)", (version,)
            )
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('entities_stale', '0')")

    @_guarded
    def corpus_entities_version(self) -> str | None:
        """A token that changes whenever the cached corpus merge does."""
        row = self._db.execute("SELECT value FROM entity_cache WHERE key='version'").fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def corpus_entities(self) -> tuple[str, str] | None:
        """The cached corpus merge and its version token."""
        rows = dict(self._db.execute("SELECT key, value FROM entity_cache").fetchall())
        if "corpus" not in rows or "version" not in rows:
            return None
        return str(rows["corpus"]), str(rows["version"])

    @_guarded
    def run(self, work: Callable[[sqlite3.Connection], _R]) -> _R:
        """``work(connection)``, serialised with every other use of the catalog: for a
        module that keeps tables of its own here (reader.core.index.name_filter)."""
        return work(self._db)

    @_guarded
    def id_of_rel(self, rel: str) -> str | None:
        """The id of the document read from ``rel`` (a corpus-relative path in text form)."""
        row = self._db.execute("SELECT id FROM docs WHERE rel=?", (rel,)).fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def warnings(self) -> Iterator[tuple[str, list[str]]]:
        for doc_id, warnings in self._db.execute("SELECT id, warnings FROM docs"):
            parsed = json.loads(warnings)
            if parsed:
                yield doc_id, parsed


def committed_entity_data(path: Path, page: int = 500) -> Iterator[tuple[str, str]]:
    """Every document's entity JSON in the catalog at ``path``, a page at a time, through
    a read-only connection of its own (:func:`_committed`): one read transaction, so what
    was committed when it began."""
    with _committed(path) as db:
        cursor = db.execute("SELECT id, data FROM entities ORDER BY id")
        while rows := cursor.fetchmany(page):
            yield from ((str(r[0]), str(r[1])) for r in rows)


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


@contextmanager
def committed_signatures(
    path: Path, page: int = 1000
) -> Iterator[tuple[Iterator[tuple[str, bytes]], Callable[[Iterable[str]], dict[str, bytes]]]]:
    """Every document's stored near-duplicate signature in the catalog at ``path``, in the
    order :meth:`Catalog.each_signature` gives them, and a look-up of the signatures of given
    ids, through a read-only connection of their own (an ingest worker's, while the update
    writes; see :func:`committed_entity_data`)."""
    with _committed(path) as db:

        def rows() -> Iterator[tuple[str, bytes]]:
            with closing(db.execute("SELECT id, signature FROM minhash")) as cursor:
                while found := cursor.fetchmany(page):
                    yield from ((str(r[0]), bytes(r[1])) for r in found)

        yield rows(), lambda ids: _signatures_in(db, ids)


@contextmanager
def _committed(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection of its own to the catalog at ``path`` (an ingest worker's,
    while the update writes). Never opened immutable, which would read a file being
    written as if it were not."""
    from urllib.parse import quote

    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        yield db


def _signatures_in(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, bytes]:
    """The stored signatures of ``ids`` that have one."""
    found: dict[str, bytes] = {}
    for doc_id in ids:
        row = db.execute("SELECT signature FROM minhash WHERE id=?", (doc_id,)).fetchone()
        if row is not None:
            found[doc_id] = bytes(row[0])
    return found


def _open_read_only(path: Path) -> sqlite3.Connection:
    from urllib.parse import quote

    uri = "file:" + quote(str(path.resolve()))
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _row(doc: Document, rel: str, fp: Fingerprint, warnings: tuple[str, ...]) -> tuple[Any, ...]:
    m = doc.meta
    return (
        doc.id,
        rel,
        doc.path,
        fp.mtime_ns,
        fp.size,
        fp.sha256,
        m.title,
        json.dumps(list(m.authors)),
        m.date,
        m.source,
        m.url,
        json.dumps(list(m.tags)),
        json.dumps(m.extra, default=str),
        doc.words,
        json.dumps(list(warnings)),
        doc.text,
        json.dumps([[s.start, s.end, s.style] for s in doc.styles]),
    )


def _summary(row: tuple[Any, ...]) -> DocSummary:
    return DocSummary(
        id=row[0],
        title=row[1],
        authors=tuple(json.loads(row[2])),
        date=row[3],
        source=row[4],
        url=row[5],
        path=row[6],
        words=row[7],
        tags=tuple(json.loads(row[8])),
    )
