"""The Whoosh engine: pure Python, the default for ordinary corpora (what reader always ran).

Its index is a folder of Whoosh segment files. Whoosh has no checksums, so the engine keeps a
manifest of its files (:mod:`reader.core.index.cachehealth`) in the catalog, recorded after
every commit and checked before use. The parsed query tree is Whoosh's own, run as it is.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.index import cachehealth
from reader.core.index.engine.base import (
    EngineHits,
    EngineMeta,
    EngineWriter,
    IndexedDoc,
    SearchEngine,
    WeightedTerm,
)
from reader.core.index.hits import HitMatcher

if TYPE_CHECKING:
    from whoosh import index as whoosh_index
    from whoosh.searching import Searcher

DAMAGE_FLAG = "index_damaged"  # "<toc> <problem>": damage a run found and could not repair


class WhooshWriter(EngineWriter):
    def __init__(self, ix: whoosh_index.Index) -> None:
        self._ix = ix
        self._writer = ix.writer(limitmb=256)

    def add(self, doc: IndexedDoc) -> None:
        self._writer.update_document(**_fields(doc))

    def delete(self, doc_id: str) -> None:
        self._writer.delete_by_term("id", doc_id)

    def _commit(self) -> None:
        self._writer.commit()

    def cancel(self) -> None:
        # A failed commit has closed the writer already ("This writer is closed" hid
        # "No space left on device").
        if not self._writer.is_closed:
            with contextlib.suppress(Exception):
                self._writer.cancel()
        with contextlib.suppress(Exception):  # tidying after a failure: never a new error
            _drop_unlisted_segments(self._ix)


def _drop_unlisted_segments(ix: whoosh_index.Index) -> None:
    """Delete the files of segments the index's current TOC does not list: what a failed
    or cancelled commit had written. Whoosh deletes them at its next successful commit;
    until then, on a full disk (the usual cause) they would hold what room there is.
    Only under the write lock: another writer's segment in progress is not listed yet."""
    from whoosh.index import TOC, clean_files

    lock = ix.lock("WRITELOCK")
    if not lock.acquire(blocking=False):
        return  # another writer is at work (its commit will tidy up)
    try:
        toc = TOC.read(ix.storage, ix.indexname)
        clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
    finally:
        lock.release()


class WhooshEngine(SearchEngine):
    name = "whoosh"

    def __init__(self, folder: Path, meta: EngineMeta) -> None:
        self.folder = folder
        self._meta = meta
        self._ix: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None

    def format(self) -> str:
        # Whoosh's segment format is part of whoosh3's version, pinned in pyproject.
        return "whoosh"

    def describe(self) -> str:
        return f"whoosh {version('whoosh3')}"

    # -- lifecycle -------------------------------------------------------------------

    def exists(self) -> bool:
        return self.folder.is_dir() and any(self.folder.glob("_*_*.toc"))

    def problem(self, *, verify: bool) -> str | None:
        from whoosh import index as whoosh_index

        damaged = self._damage_flag() or self.check(full=verify)
        if damaged is not None:
            return damaged if damaged.startswith("index damaged") else f"index damaged ({damaged})"
        try:
            # open_dir, not exists_in: exists_in raises on a damaged TOC too.
            ix = whoosh_index.open_dir(str(self.folder))
            with ix.reader() as reader:
                reader.doc_count()
        except Exception as error:  # any failure to read it means: rebuild
            return f"index unreadable ({type(error).__name__}: {error})"
        self._ix = ix
        return None

    def create(self) -> None:
        from whoosh import index as whoosh_index

        from reader.core.index.schema import build_schema

        self.close()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self._ix = whoosh_index.create_in(str(self.folder), build_schema())
        self.committed()

    def destroy(self) -> None:
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _index(self) -> whoosh_index.Index:
        from whoosh import index as whoosh_index

        if self._ix is None:
            self._ix = whoosh_index.open_dir(str(self.folder))
        return self._ix

    def writer(self) -> EngineWriter:
        return WhooshWriter(self._index())

    def committed(self) -> None:
        previous = self._meta.get_meta(cachehealth.META_KEY)
        self._meta.set_meta(cachehealth.META_KEY, cachehealth.record(self.folder, previous))

    def generation(self) -> str:
        toc = cachehealth.latest_toc(self.folder)
        if not toc:
            return ""
        try:
            return f"{toc}:{(self.folder / toc).stat().st_mtime_ns}"
        except OSError:
            return f"{toc}:0"

    def damage(self, error: BaseException) -> str | None:
        found = cachehealth.index_damage_type(error)
        if found is None:
            # Not a kind of error damage is known to raise: read every index file
            # against its checksum before calling it damage (a bug is not cured by
            # rebuilding, and rebuilding a big corpus takes minutes).
            found = self.check(full=True)
        if found is None:
            return None
        problem = f"index damaged ({found})"
        with contextlib.suppress(Exception):
            self._meta.set_meta(DAMAGE_FLAG, f"{cachehealth.latest_toc(self.folder)} {problem}")
        return problem

    def check(self, *, full: bool) -> str | None:
        return cachehealth.check(self.folder, self._meta.get_meta(cachehealth.META_KEY), full=full)

    def _damage_flag(self) -> str | None:
        """The damage another run found in the index and could not repair, while the
        index is still the generation it found damaged."""
        flag = self._meta.get_meta(DAMAGE_FLAG)
        if not flag:
            return None
        toc, _, problem = flag.partition(" ")
        if toc == str(cachehealth.latest_toc(self.folder)):
            return problem
        self._meta.set_meta(DAMAGE_FLAG, "")  # since rebuilt or updated
        return None

    # -- reading ---------------------------------------------------------------------

    def refresh(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix = None

    def close(self) -> None:
        self.refresh()

    def searcher(self) -> Searcher:
        """The current Whoosh searcher (refreshed to the last commit)."""
        from whoosh import index as whoosh_index

        if self._searcher is None:
            self._searcher = whoosh_index.open_dir(str(self.folder)).searcher()
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

    def doc_count(self) -> int:
        return int(self.searcher().doc_count())

    def ids(self) -> set[str]:
        with self._index().reader() as reader:
            return {fields["id"] for _, fields in reader.iter_docs()}

    def search(self, parsed: Any, limit: int) -> EngineHits:
        from reader.core.index.hits import compile_hits
        from reader.core.index.plain_query import whoosh_tree
        from reader.core.index.query import expand_terms

        searcher = self.searcher()
        parsed = expand_terms(whoosh_tree(parsed), searcher.reader())
        results = searcher.search(parsed, limit=limit)
        found = tuple((hit["id"], float(hit.score or 0.0)) for hit in results)
        return EngineHits(len(results), found, compile_hits(parsed, searcher.reader()))

    def matcher(self, parsed: Any) -> HitMatcher:
        from reader.core.index.hits import compile_hits
        from reader.core.index.plain_query import whoosh_tree
        from reader.core.index.query import expand_terms

        reader = self.searcher().reader()
        return compile_hits(expand_terms(whoosh_tree(parsed), reader), reader)

    def doc_frequency(self, field: str, term: str) -> int:
        return int(self.searcher().doc_frequency(field, term))

    def key_terms(self, field: str, text: str, count: int) -> list[tuple[str, float]]:
        found = self.searcher().key_terms_from_text(field, text, numterms=count)
        return [(str(word), float(weight)) for word, weight in found]

    def more_like(
        self, doc_id: str, terms: Sequence[WeightedTerm], limit: int
    ) -> tuple[list[tuple[str, float]], float | None]:
        from whoosh import query

        searcher = self.searcher()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return [], None
        wanted = query.Or([query.Term(t.field, t.text, boost=t.boost) for t in terms])
        results = searcher.search(wanted, limit=limit)
        found = [(hit["id"], float(hit.score or 0.0), hit.docnum) for hit in results]
        own = next((score for _, score, number in found if number == docnum), None)
        if own is None:
            mine = searcher.search(wanted, limit=1, filter={docnum})
            own = float(mine[0].score or 0.0) if len(mine) else None
        return [(found_id, score) for found_id, score, _ in found], own


def _fields(doc: IndexedDoc) -> dict[str, Any]:
    import datetime as dt

    values: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "body": doc.body,
        "authors": doc.authors,
        "source": doc.source,
        "tags": doc.tags,
        **doc.entity_terms,
    }
    if doc.date:
        values["date"] = dt.datetime.fromisoformat(doc.date)
    return values
