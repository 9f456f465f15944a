"""Entities at ingest: extraction (in worker processes for big updates), the compact
form kept in the catalog, and the corpus merge cached beside it.

Per document the catalog keeps the extractor's output as it came, before any corpus
merge or user alias, in a compact JSON array (mention texts are not stored: they are
``text[start:end]`` of the cleaned text, which the catalog already holds)::

    [[id, name, type, [aliases...], [start0, end0, start1, end1, ...]], ...]

After each update that changed documents, :func:`corpus_payload` merges every
document's entities into corpus entities (:func:`reader.core.entities.merge_corpus`)
and the result is cached as one JSON value; :mod:`reader.core.index.entity_view` applies
the aliases file to it on load.

The workers also sign each document for near-duplicate detection
(:func:`reader.core.index.duplicates.document_signature`, over its title and cleaned text):
the text is already there, so signing costs no second pass over the corpus and runs beside
the Whoosh writer instead of before it.
"""

from __future__ import annotations

import base64
import itertools
import json
import operator
import os
import sys
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from reader.core.entities.corpus_merge import MergeRow
from reader.core.entities.model import CorpusEntity, Entity, EntityType, Mention

if TYPE_CHECKING:
    from reader.core.entities.corpus_merge import CorpusMerger

# Below this many documents, starting worker processes (each loads the gazetteer)
# costs more than it saves.
POOL_MIN_DOCUMENTS = 100
CHUNK_CHARS = 200_000  # longer texts are extracted in parts of about this size
EXTRACT_LIMIT = 1_000_000  # characters of one text read for entities at most
# Files read, parsed and extracted ahead of the writer: bounds what waits in memory (each
# holds a document, its entities and its tokens: some 15 KB for a news article, a few MB
# at this many) while keeping the workers busy through a commit, which blocks the writer
# for a second or more at 20,000 articles on a busy machine (benchmarks/ingest_phases.py):
# at 128 files ahead, two workers ran out of work within half a second.
LOOKAHEAD = 384
CHUNK = 8  # files per task sent to a worker
_J = TypeVar("_J")
_R = TypeVar("_R")


# What the index gets per document: the entity JSON, the entity fields' values, and the
# document's rows for a corpus merge fed as the documents come (:class:`RunningMerge`).
Extracted = tuple[str, dict[str, str], list[MergeRow]]


def encode_entities(entities: Sequence[Entity]) -> str:
    rows = [
        [e.id, e.name, e.type, list(e.aliases), [x for m in e.mentions for x in (m.start, m.end)]]
        for e in entities
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def decode_entities(data: str, text: str) -> list[Entity]:
    """The stored entities of a document whose cleaned text is ``text``."""
    out = []
    for eid, name, kind, aliases, flat in json.loads(data):
        mentions = [
            Mention(flat[i], flat[i + 1], text[flat[i] : flat[i + 1]])
            for i in range(0, len(flat), 2)
        ]
        out.append(Entity(eid, name, kind, mentions, aliases))
    return out


class RunningMerge:
    """The corpus merge of an update that starts from an empty catalog, fed each document's
    :data:`MergeRow` s as it is indexed: :meth:`payload` is then what
    :func:`corpus_payload` of the committed documents gives.

    Reading every document's entities back from the catalog after the last commit meant
    decoding all their JSON again (most of that merge's time) while one core waited: at
    20,000 articles a 7-second tail, growing with the archive. Fed here, the merge skips
    the decoding and is spread over the update.
    """

    def __init__(self) -> None:
        from reader.core.entities.corpus_merge import CorpusMerger

        self._merger = CorpusMerger()

    def add(self, doc_id: str, rows: Sequence[MergeRow]) -> None:
        """One document's rows (each document once)."""
        self._merger.add_rows(doc_id, rows)

    def payload(self) -> str:
        return _payload(self._merger)


def _merge_rows(data: str) -> list[MergeRow]:
    """What the corpus merge reads of a document's stored entities (the offsets counted,
    never made into mentions)."""
    return [
        (eid, name, kind, aliases, len(flat) // 2)
        for eid, name, kind, aliases, flat in json.loads(data)
    ]


def extract_long(text: str) -> list[Entity]:
    """Entities of a cleaned text; a long one is read in paragraph-aligned parts.

    The extractor's document-level rules cost more than linear time on very long
    texts (a 1 MB text took 7x as long as 250 KB), so texts over CHUNK_CHARS are
    cut at paragraph breaks and the parts' entities joined by id; past
    EXTRACT_LIMIT characters nothing is extracted (the 20 MB single-article case).
    """
    from reader.core.entities import extract

    if len(text) <= CHUNK_CHARS:
        return extract(text)
    joined: dict[str, Entity] = {}
    start = 0
    limit = min(len(text), EXTRACT_LIMIT)
    while start < limit:
        end = min(limit, start + CHUNK_CHARS)
        if end < limit:
            cut = text.rfind("\n\n", start + CHUNK_CHARS // 2, end)
            end = cut + 2 if cut != -1 else end
        for entity in extract(text[start:end]):
            shifted = [Mention(m.start + start, m.end + start, m.text) for m in entity.mentions]
            known = joined.get(entity.id)
            if known is None:
                joined[entity.id] = Entity(
                    entity.id, entity.name, entity.type, shifted, list(entity.aliases)
                )
            else:
                known.mentions.extend(shifted)
                known.aliases = sorted(
                    {*known.aliases, entity.name, *entity.aliases} - {known.name}
                )
        start = end
    return list(joined.values())


def extract_for_index(text: str) -> Extracted:
    """Entities of one cleaned text, encoded, and the entity fields for Whoosh.

    Runs in worker processes, so it takes and returns plain picklable values. An
    extractor failure costs this document its entities, never the update.
    """
    from reader.core.entities.terms import index_terms

    try:
        entities = extract_long(text)
    except Exception:  # the extractor is heuristic code run on arbitrary text
        entities = []
    fields = {name: "\n".join(values) for name, values in index_terms(entities).items()}
    rows: list[MergeRow] = [(e.id, e.name, e.type, e.aliases, len(e.mentions)) for e in entities]
    return encode_entities(entities), fields, rows


def refuse_in_a_starting_worker() -> None:
    """End this process with a one-line message if it is a worker being spawned.

    A spawned worker first runs the caller's main module again (that is how Python
    finds what the parent's functions need). A script that updates a library at the
    top level, not under ``if __name__ == "__main__":``, would then start an update
    in each worker, and wait there for the update lock its parent holds, while the
    parent waits for those workers: both wait for ever. Here each such worker ends at
    once instead, with the reason on stderr; the parent's pool sees its workers die
    and does their work itself (slower, said in the update's warnings).
    """
    import multiprocessing

    # Set by multiprocessing's spawn while a new process prepares its main module (the
    # same attribute its own "bootstrapping phase" error looks at).
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise SystemExit(
            "reader: a worker process ran this script again and reached an index "
            'update: put the script\'s code under `if __name__ == "__main__":` '
            "(the update goes on without worker processes)"
        )


def _start_worker(parent: int) -> None:
    """A worker's start: watch its parent, load the extractor."""
    _exit_with(parent)
    from reader.core.entities import default_extractor
    from reader.core.gc_settings import collect_less_often

    default_extractor().load()
    collect_less_often()


# How often a worker looks whether the update that started it is still there.
PARENT_CHECK_SECONDS = 0.5


def _exit_with(parent: int) -> None:
    """End this worker soon after ``parent`` is gone.

    A worker holds both ends of the pool's task pipe, so it never reads end-of-file
    when the update that started it is killed (``kill``, a closed terminal, the OOM
    killer): without this it would wait for work forever, one idle process per core
    with the extractor loaded, after every interrupted update.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)  # the results have nobody to go to; nothing of ours to flush

    threading.Thread(target=watch, name="reader-parent-watch", daemon=True).start()


class ExtractionPool:
    """Extraction in worker processes beside the Whoosh writer (a context manager).

    Whoosh analysis runs in this process and the extractor in worker processes, so
    on a two-core machine both cores stay busy. A single-threaded process (the CLI,
    scripts) forks its workers: quick, and a caller's script need not guard its main
    module. From a threaded process (the UI indexes in a worker thread; a Tantivy
    writer runs native threads) forking could deadlock, so workers are spawned, and
    they run the caller's main module again: an unguarded script's update is refused
    in them (:func:`refuse_in_a_starting_worker`). Any failure of the pool falls back
    to extracting here.
    """

    def __init__(self, documents: int, *, threaded: bool = False) -> None:
        """``threaded``: the caller runs native threads Python does not count (a Tantivy
        writer's), so workers are spawned, never forked."""
        cores = os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None
        # Why work meant for the workers was done in this process, each said once: the
        # result is the same but slower, and without a word a task that cannot reach the
        # workers (an argument that will not pickle) halved an ingest's speed unseen.
        self.warnings: list[str] = []
        if documents >= POOL_MIN_DOCUMENTS and cores >= 2:
            import multiprocessing
            import threading

            alone = threading.active_count() == 1 and not threaded
            method = "fork" if alone and os.name == "posix" else "spawn"
            try:
                self._executor = ProcessPoolExecutor(
                    max_workers=min(cores, 4),
                    mp_context=multiprocessing.get_context(method),
                    initializer=_start_worker,
                    initargs=(os.getpid(),),
                )
            except (OSError, ValueError, NotImplementedError):
                self._executor = None

    def _fell_back(self, what: str, error: BaseException | None = None) -> None:
        detail = ""
        if error is not None:
            first = str(error).strip().splitlines()
            detail = f" ({type(error).__name__}: {first[0][:160]})" if first else ""
            detail = detail or f" ({type(error).__name__})"
        message = f"worker processes: {what}{detail}; done in this process instead (slower)"
        if not any(w.startswith(f"worker processes: {what}") for w in self.warnings):
            self.warnings.append(message)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    @property
    def parallel(self) -> bool:
        """Whether worker processes are running."""
        return self._executor is not None

    def merge(
        self, catalog: Path, gone: Sequence[str], last: Sequence[tuple[str, str]]
    ) -> Future[str] | None:
        """:func:`catalog_payload` in a worker, so it overlaps the caller's last commit and
        the caller never holds every document's entities at once."""
        if self._executor is None:
            return None
        try:
            return self._executor.submit(catalog_payload, catalog, list(gone), list(last))
        except (BrokenProcessPool, RuntimeError, OSError):
            return None

    def run(self, task: Callable[..., _R], *args: Any) -> Future[_R] | None:
        """``task(*args)`` in a worker (None: no pool, or it broke: the caller does it)."""
        if self._executor is None:
            return None
        try:
            return self._executor.submit(task, *args)
        except (BrokenProcessPool, RuntimeError, OSError):
            return None

    def pipeline(
        self, jobs: Iterable[_J], task: Callable[[list[_J]], list[_R]]
    ) -> Iterator[tuple[_J, _R]]:
        """Each job with ``task``'s result for it, in the jobs' order.

        Jobs are drawn from ``jobs`` up to LOOKAHEAD ahead and sent to the workers CHUNK at
        a time, so workers stay busy while the caller writes and commits, the executor's
        per-task overhead stays small, and at most LOOKAHEAD results wait in memory. A
        task the pool could not run (a worker died, a result that would not pickle) is run
        again here, and so is every later one once the pool is broken; without a pool,
        each task runs here when its results are wanted.
        """
        source = iter(jobs)
        window: deque[_Task[_J, _R]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(window) * CHUNK < LOOKAHEAD:
                chunk = list(itertools.islice(source, CHUNK))
                exhausted = len(chunk) < CHUNK
                if chunk:
                    window.append(_Task(chunk, self._submit(task, chunk)))
            if not window:
                return
            head = window[0]
            while head.future is not None and not head.future.done() and _help(task, window):
                pass
            window.popleft()
            done = head.done
            if done is None:
                done = self._results(task, head.chunk, head.future)
            yield from zip(head.chunk, done, strict=True)

    def _submit(
        self, task: Callable[[list[_J]], list[_R]], chunk: list[_J]
    ) -> Future[list[_R]] | None:
        if self._executor is None:
            return None
        try:
            return self._executor.submit(task, chunk)
        except (BrokenProcessPool, RuntimeError, OSError) as error:
            self._executor = None
            self._fell_back("the pool stopped taking work", error)
            return None

    def _results(
        self, task: Callable[[list[_J]], list[_R]], chunk: list[_J], future: Future[list[_R]] | None
    ) -> list[_R]:
        if future is not None:
            try:
                results = future.result()
                if len(results) == len(chunk):
                    return results
                self._fell_back("a task gave the wrong number of results")
            except BrokenProcessPool as error:
                self._executor = None  # a worker died: the rest is done here
                self._fell_back("a worker died", error)
            except Exception as error:  # a job or result that would not pickle, say
                self._fell_back("a task failed in a worker", error)
        return task(chunk)


class _Task(Generic[_J, _R]):
    """A few jobs sent to the workers, or done here while waiting for them."""

    def __init__(self, chunk: list[_J], future: Future[list[_R]] | None) -> None:
        self.chunk = chunk
        self.future = future
        self.done: list[_R] | None = None


def _help(task: Callable[[list[_J]], list[_R]], window: deque[_Task[_J, _R]]) -> bool:
    """Run here a task of ``window`` no worker has started (the first, else the last), rather
    than wait idle for the first: this process then takes its share of the work, which
    on two cores is most of a core, and on a busy machine its share of the CPU. False
    when every task is started or done."""
    for item in (window[0], *reversed(window)):
        if item.future is not None and item.future.cancel():
            item.future = None
            item.done = task(item.chunk)
            return True
    return False


def catalog_payload(catalog: Path, gone: list[str], last: list[tuple[str, str]]) -> str:
    """:func:`corpus_payload` of the entities committed in ``catalog`` (read in pages through
    a connection of its own), less ``gone`` and with ``last`` (the batch being committed,
    which this read may or may not see) in place of what it holds for them."""
    from reader.core.index.catalog import committed_entity_data

    replaced = {*gone, *(doc_id for doc_id, _ in last)}
    rows = (row for row in committed_entity_data(catalog) if row[0] not in replaced)
    return corpus_payload(itertools.chain(rows, last))


def corpus_payload(rows: Iterable[tuple[str, str]]) -> str:
    """Merge every document's stored entities; the JSON cached in the catalog.

    ``{"articles": [doc id, ...], "packed": [[id, name, type, articles, mentions,
    [aliases], docs, {type: articles}], ...], "map": {article-level id: corpus id}}``:
    ``articles`` sorted, each entity's ``docs`` its articles as numbers into them
    (ascending; base64 of the zlib of their gaps as little-endian 32-bit values, the
    first from 0: a fifth of the size of the ids), the entities most articles
    first, ids that map to themselves left out of the map. (Caches written before kept
    the ids themselves under ``entities``: :func:`read_payload` reads both.)
    """
    from reader.core.entities.corpus_merge import CorpusMerger

    # Fed row by row: the merge keeps a compact summary per entity id, never the
    # documents' entity lists (see CorpusMerger).
    merger = CorpusMerger()
    for doc_id, data in rows:
        merger.add_rows(doc_id, _merge_rows(data))
    return _payload(merger)


def _payload(merger: CorpusMerger) -> str:
    """The cached JSON of a merge fed every document (see :func:`corpus_payload`)."""
    from reader.core.entities.corpus_merge import ArticleList

    merged = merger.result()
    entities = sorted(merged.entities, key=lambda e: (-e.articles, -e.mentions, e.id))

    def packed(documents: Sequence[str]) -> str:
        assert isinstance(documents, ArticleList)  # what the merge gives
        numbers = documents.numbers
        # Gaps between ascending numbers: small values that zlib packs several times over.
        gaps = array("I", map(operator.sub, numbers, itertools.chain((0,), numbers)))
        if sys.byteorder != "little":
            gaps.byteswap()
        return base64.b64encode(zlib.compress(gaps.tobytes())).decode("ascii")

    payload = {
        "articles": list(merged.articles),
        "packed": [
            [e.id, e.name, e.type, e.articles, e.mentions, e.aliases, packed(e.documents), e.types]
            for e in entities
        ],
        "map": {k: v for k, v in merged.id_map.items() if k != v},
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def read_payload(value: str) -> tuple[list[CorpusEntity], dict[str, str]]:
    from reader.core.entities.corpus_merge import ArticleList

    data = json.loads(value)
    if "packed" in data:
        articles: list[str] = data["articles"]

        def documents(blob: str) -> ArticleList:
            gaps = array("I")
            gaps.frombytes(zlib.decompress(base64.b64decode(blob)))
            if sys.byteorder != "little":
                gaps.byteswap()
            return ArticleList(articles, array("I", itertools.accumulate(gaps)))

        return [
            CorpusEntity(
                row[0], row[1], _kind(row[2]), row[3], row[4], row[5], documents(row[6]), row[7]
            )
            for row in data["packed"]
        ], dict(data["map"])
    # A cache written before articles were numbered: one string per document id, shared
    # by every entity's list (JSON gives each occurrence its own).
    ids: dict[str, str] = {}
    # Rows cached before the per-type counts were kept have seven fields.
    entities = [
        CorpusEntity(
            row[0],
            row[1],
            _kind(row[2]),
            row[3],
            row[4],
            row[5],
            [ids.setdefault(d, d) for d in row[6]],
            dict(row[7:8] and row[7]),
        )
        for row in data["entities"]
    ]
    return entities, dict(data["map"])


def _kind(value: Any) -> EntityType:
    kind: EntityType = value
    return kind
