"""Entities at ingest: extraction (in worker processes for big updates), the compact
form kept in the catalog, and the corpus merge cached beside it.

Per document the catalog keeps the extractor's output as it came, before any corpus
merge or user alias, in a compact JSON array (mention texts are not stored: they are
``text[start:end]`` of the cleaned text, which the catalog already holds)::

    [[id, name, type, [aliases...], [start0, end0, start1, end1, ...]], ...]

After each update that changed documents, :func:`corpus_payload` merges every
document's entities into corpus entities (:func:`reader.core.entities.merge_corpus`)
and the result is cached as one JSON value; :mod:`reader.core.entity_corpus` applies
the aliases file to it on load.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from reader.core.entities.model import CorpusEntity, Entity, EntityType, Mention

# Below this many documents, starting worker processes (each loads the gazetteer)
# costs more than it saves.
POOL_MIN_DOCUMENTS = 100
CHUNK = 4  # documents per task sent to a worker: amortises pickling round trips

# What the index gets per document: the entity JSON and the entity fields' values.
Extracted = tuple[str, dict[str, str]]


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


def extract_for_index(text: str) -> Extracted:
    """Entities of one cleaned text, encoded, and the entity fields for Whoosh.

    Runs in worker processes, so it takes and returns plain picklable values. An
    extractor failure costs this document its entities, never the update.
    """
    from reader.core.entities import extract
    from reader.core.entities.terms import index_terms

    try:
        entities = extract(text)
    except Exception:  # the extractor is heuristic code run on arbitrary text
        entities = []
    fields = {name: "\n".join(values) for name, values in index_terms(entities).items()}
    return encode_entities(entities), fields


def _load_extractor() -> None:
    from reader.core.entities import default_extractor

    default_extractor().load()


class ExtractionPool:
    """Extraction in worker processes beside the Whoosh writer (a context manager).

    Whoosh analysis runs in this process and the extractor in ``workers`` others, so
    on a two-core machine both cores stay busy. Workers are spawned, not forked: the
    UI calls this from a thread, and forking a threaded process can deadlock. Any
    failure of the pool falls back to extracting here.
    """

    def __init__(self, documents: int) -> None:
        cores = os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None
        if documents >= POOL_MIN_DOCUMENTS and cores >= 2:
            import multiprocessing

            try:
                self._executor = ProcessPoolExecutor(
                    max_workers=min(cores, 4),
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_load_extractor,
                )
            except (OSError, ValueError, NotImplementedError):
                self._executor = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def extract(self, texts: list[str]) -> Iterator[Extracted]:
        """Results for ``texts`` in order, computed ahead in the workers."""
        done = 0
        if self._executor is not None:
            try:
                for result in self._executor.map(extract_for_index, texts, chunksize=CHUNK):
                    done += 1
                    yield result
                return
            except (BrokenProcessPool, OSError):
                self._executor = None
        for text in texts[done:]:
            yield extract_for_index(text)


def corpus_payload(rows: Sequence[tuple[str, str]]) -> str:
    """Merge every document's stored entities; the JSON cached in the catalog.

    ``{"entities": [[id, name, type, articles, mentions, [aliases], [doc ids]], ...],
    "map": {article-level id: corpus id}}`` (ids that map to themselves left out),
    most articles first.
    """
    from reader.core.entities.corpus import merge_corpus

    merged = merge_corpus({doc_id: _decode_counts(data) for doc_id, data in rows})
    entities = sorted(merged.entities, key=lambda e: (-e.articles, -e.mentions, e.id))
    payload = {
        "entities": [
            [e.id, e.name, e.type, e.articles, e.mentions, e.aliases, e.documents] for e in entities
        ],
        "map": {k: v for k, v in merged.id_map.items() if k != v},
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def read_payload(value: str) -> tuple[list[CorpusEntity], dict[str, str]]:
    data = json.loads(value)
    entities = [
        CorpusEntity(eid, name, _kind(kind), articles, mentions, aliases, documents)
        for eid, name, kind, articles, mentions, aliases, documents in data["entities"]
    ]
    return entities, dict(data["map"])


def _kind(value: Any) -> EntityType:
    kind: EntityType = value
    return kind
