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

import itertools
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from reader.core.entities.model import CorpusEntity, Entity, EntityType, Mention
from reader.core.index.duplicates import document_signature

# Below this many documents, starting worker processes (each loads the gazetteer)
# costs more than it saves.
POOL_MIN_DOCUMENTS = 100
CHUNK_CHARS = 200_000  # longer texts are extracted in parts of about this size
EXTRACT_LIMIT = 1_000_000  # characters of one text read for entities at most
LOOKAHEAD = 128  # documents parsed and sent to the workers ahead of the writer
CHUNK = 8  # documents per task sent to a worker
_T = TypeVar("_T")
_END: Any = object()

# What the index gets per document: the entity JSON and the entity fields' values.
Extracted = tuple[str, dict[str, str]]
# What the writer gets per document: that, and the document's near-duplicate signature.
Ingested = tuple[str, dict[str, str], bytes]


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


_PLACEHOLDER = Mention(0, 0, "")


def _decode_counts(data: str) -> list[Entity]:
    """Entities with placeholder mentions: the merge needs only how many there are."""
    return [
        Entity(eid, name, kind, [_PLACEHOLDER] * (len(flat) // 2), aliases)
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
    return encode_entities(entities), fields


def extract_many(documents: list[tuple[str, str]]) -> list[Ingested]:
    """:func:`extract_for_index` and the signature of several ``(title, text)``: one task
    for a worker."""
    return [
        (*extract_for_index(text), document_signature(title, text)) for title, text in documents
    ]


def _load_extractor() -> None:
    from reader.core.entities import default_extractor

    default_extractor().load()


class ExtractionPool:
    """Extraction in worker processes beside the Whoosh writer (a context manager).

    Whoosh analysis runs in this process and the extractor in worker processes, so
    on a two-core machine both cores stay busy. A single-threaded process (the CLI,
    scripts) forks its workers: quick, and a caller's script need not guard its main
    module. From a threaded process (the UI indexes in a worker thread) forking could
    deadlock, so workers are spawned. Any failure of the pool falls back to
    extracting here.
    """

    def __init__(self, documents: int, *, threaded: bool = False) -> None:
        """``threaded``: the caller runs native threads Python does not count (a Tantivy
        writer's), so workers are spawned, never forked."""
        cores = os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None
        if documents >= POOL_MIN_DOCUMENTS and cores >= 2:
            import multiprocessing
            import threading

            alone = threading.active_count() == 1 and not threaded
            method = "fork" if alone and os.name == "posix" else "spawn"
            try:
                self._executor = ProcessPoolExecutor(
                    max_workers=min(cores, 4),
                    mp_context=multiprocessing.get_context(method),
                    initializer=_load_extractor,
                )
            except (OSError, ValueError, NotImplementedError):
                self._executor = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    @property
    def parallel(self) -> bool:
        """Whether worker processes are running."""
        return self._executor is not None

    def merge(self, rows: list[tuple[str, str]]) -> Future[str] | None:
        """:func:`corpus_payload` in a worker, so it overlaps the caller's commit."""
        if self._executor is None:
            return None
        try:
            return self._executor.submit(corpus_payload, rows)
        except (BrokenProcessPool, RuntimeError, OSError):
            return None

    def pipeline(
        self, items: Iterable[_T], text_of: Callable[[_T], tuple[str, str] | None]
    ) -> Iterator[tuple[_T, Ingested | None]]:
        """Each item with the extraction and signature of its ``(title, text)`` (None for
        items without text), in order. Items are drawn from ``items`` up to LOOKAHEAD
        ahead and sent to the workers CHUNK at a time, so workers stay busy while the
        caller writes and commits, and the executor's per-task overhead stays small."""
        source = iter(items)
        window: deque[
            tuple[list[_T], list[tuple[str, str] | None], Future[list[Ingested]] | None]
        ] = deque()
        exhausted = False
        while True:
            while not exhausted and len(window) * CHUNK < LOOKAHEAD:
                chunk = list(itertools.islice(source, CHUNK))
                exhausted = len(chunk) < CHUNK
                if chunk:
                    texts = [text_of(item) for item in chunk]
                    # An empty text ("" of a title-only article) is still a document.
                    present = [t for t in texts if t is not None]
                    window.append((chunk, texts, self._submit(present)))
            if not window:
                return
            chunk, texts, future = window.popleft()
            results = iter(self._results([t for t in texts if t is not None], future))
            for item, text in zip(chunk, texts, strict=True):
                yield item, next(results) if text is not None else None

    def _submit(self, texts: list[tuple[str, str]]) -> Future[list[Ingested]] | None:
        if not texts or self._executor is None:
            return None
        try:
            return self._executor.submit(extract_many, texts)
        except (BrokenProcessPool, RuntimeError, OSError):
            self._executor = None
            return None

    def _results(
        self, texts: list[tuple[str, str]], future: Future[list[Ingested]] | None
    ) -> list[Ingested]:
        if future is not None:
            try:
                return future.result()
            except (BrokenProcessPool, OSError):
                self._executor = None  # a worker died: extract the rest here
        return extract_many(texts)


def corpus_payload(rows: Sequence[tuple[str, str]]) -> str:
    """Merge every document's stored entities; the JSON cached in the catalog.

    ``{"entities": [[id, name, type, articles, mentions, [aliases], [doc ids],
    {type: articles}], ...],
    "map": {article-level id: corpus id}}`` (ids that map to themselves left out),
    most articles first.
    """
    from reader.core.entities.corpus_merge import merge_corpus

    merged = merge_corpus({doc_id: _decode_counts(data) for doc_id, data in rows})
    entities = sorted(merged.entities, key=lambda e: (-e.articles, -e.mentions, e.id))
    payload = {
        "entities": [
            [e.id, e.name, e.type, e.articles, e.mentions, e.aliases, e.documents, e.types]
            for e in entities
        ],
        "map": {k: v for k, v in merged.id_map.items() if k != v},
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def read_payload(value: str) -> tuple[list[CorpusEntity], dict[str, str]]:
    data = json.loads(value)
    # One string per document id, shared by every entity's list: JSON gives each
    # occurrence its own (at 20,000 articles, about a million of them).
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
