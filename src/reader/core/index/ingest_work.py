"""What the ingest makes of one changed file, in a worker process or in the updating one.

:func:`prepare_many` reads, parses and cleans files, extracts their entities, signs them
for near-duplicates and, for an engine that takes them ready-made, analyses their fields
(:func:`reader.core.index.engine.analyse`). It is the task the update's worker pool runs
(:class:`reader.core.index.entity_ingest.ExtractionPool`), a few files per task, so it takes
and returns plain picklable values: a :class:`Job` per file, an :data:`Outcome` per file.

One file's failure (a parser or extractor bug on strange input, a file gone between the
scan and the read) is that file's :class:`Failed` outcome, a one-line warning for it:
never an exception that would cost the other files of the task or the update.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from reader.core.corpus.document import Document
from reader.core.corpus.furniture import Furniture
from reader.core.corpus.loader import Skipped, SourceFile
from reader.core.entities.corpus_merge import MergeRow
from reader.core.index.catalog import CleaningRow, Fingerprint
from reader.core.index.duplicates import document_signature
from reader.core.index.engine.base import IndexedDoc


@dataclass(frozen=True)
class Job:
    """One changed file and what its cleaning needs from the update's plan."""

    source: SourceFile
    previous: tuple[str, str] | None  # (rel, sha256) of the version indexed, if any
    force: bool  # clean again even if the content is the same (its furniture changed)
    furniture: Furniture | None  # of its folder (pickled once per task when shared)
    hashes: bytes | None  # its packed line hashes, when the plan read them
    engine: str  # the engine being fed (what its fields are analysed for)


@dataclass(frozen=True)
class Skip:
    """Not indexed (unreadable, binary, empty): said in the report's skipped files."""

    skipped: Skipped


@dataclass(frozen=True)
class Touched:
    """Read and found the same as indexed: only its new modification time is kept."""

    fingerprint: Fingerprint


@dataclass(frozen=True)
class Parsed:
    """A document ready for the engine and the catalog."""

    doc: Document
    fingerprint: Fingerprint
    warnings: tuple[str, ...]  # parsing warnings, without the file's name
    cleaning: CleaningRow
    entities: str  # the compact entity JSON (reader.core.index.entity_ingest)
    merge: list[MergeRow]  # what the corpus merge reads of them (no offsets)
    indexed: IndexedDoc
    signature: bytes  # near-duplicates (reader.core.index.duplicates)


@dataclass(frozen=True)
class Failed:
    """Preparing the file raised: a warning names it, the update goes on without it."""

    message: str


Outcome = Skip | Touched | Parsed | Failed


def prepare_many(jobs: list[Job]) -> list[Outcome]:
    """:func:`prepare` of each job, in order: one task for a worker."""
    return [prepare(job) for job in jobs]


def prepare(job: Job) -> Outcome:
    """What ``job``'s file becomes; never raises for a problem of that file."""
    try:
        return _prepare(job)
    except MemoryError:
        raise  # the process, not the file: the pool redoes the task here or fails loudly
    except Exception as error:  # parser, cleaner and extractor are heuristic code on any text
        first = str(error).strip().splitlines()
        detail = f"{type(error).__name__}: {first[0]}" if first else type(error).__name__
        return Failed(f"not indexed, it could not be prepared ({detail[:200]})")


def _prepare(job: Job) -> Outcome:
    from reader.core.corpus.loader import decode, looks_binary, read_bytes
    from reader.core.corpus.parse import parse_text
    from reader.core.index import engine as engines
    from reader.core.index import entity_ingest
    from reader.core.index.cleaning import cleaning_row
    from reader.core.index.indexer import indexed
    from reader.core.text.display import safe_name
    from reader.core.text.filenames import name_text

    source = job.source
    try:
        data = read_bytes(source)
    except OSError as error:
        return Skip(Skipped(source.rel, f"unreadable ({error.strerror})"))
    digest = hashlib.sha256(data).hexdigest()
    fingerprint = Fingerprint(source.mtime_ns, len(data), digest)
    if job.previous == (source.rel, digest) and not job.force:
        return Touched(fingerprint)  # touched but not changed: remember the new mtime only
    if looks_binary(data):
        return Skip(Skipped(source.rel, "binary file"))
    text, encoding_warning = decode(data)
    del data
    if not text.strip():
        return Skip(Skipped(source.rel, "empty file (only blank space)"))
    name = safe_name(PurePosixPath(source.rel).stem)
    furniture = job.furniture
    parsed = parse_text(
        text,
        fallback_title=name.replace("_", " ").replace("-", " "),
        # A folder without furniture (most clean corpora): no line asked about, one by one.
        furniture=None if furniture is None or furniture.none else furniture.reason,
    )
    row = cleaning_row(source.id, source.rel, text, parsed.removed, job.hashes, furniture)
    del text
    warnings = tuple(w for w in (encoding_warning, *parsed.warnings) if w)
    path = name_text(source.os_path)  # text form: SQLite and the index refuse surrogates
    doc = Document(source.id, path, parsed.meta, parsed.text, parsed.styles, parsed.words)
    data_json, terms, merge = entity_ingest.extract_for_index(doc.text)
    signature = document_signature(doc.meta.title, doc.text)
    fields = engines.analyse(job.engine, indexed(doc, terms))
    return Parsed(doc, fingerprint, warnings, row, data_json, merge, fields, signature)
