"""Planning an update's cleaning: which lines are furniture, which documents to clean again.

Furniture is learned per folder (:mod:`reader.core.corpus.furniture`), so it must be known
before a document is cleaned, and it changes as documents come and go. Before an
update parses anything, :func:`plan_cleaning` reads the hashes of the changed files
(a cheap pass: decode, normalise, hash lines; no parsing), merges them with the
hashes the catalog keeps for the rest of each affected folder, and decides:

- each affected folder's furniture, used to clean the changed documents; and
- which unchanged documents must be cleaned again because the furniture among
  their own lines changed (its *signature*, stored with each document). A folder
  that grows by one document re-cleans nothing unless a line crosses a threshold.

Only folders with a changed, added or removed document are looked at.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader.core.corpus.document import Removed
from reader.core.corpus.furniture import (
    Furniture,
    count_packed,
    folder_of,
    pack,
    text_hashes,
    unpack_hashes,
)
from reader.core.corpus.loader import SourceFile, decode, looks_binary, read_bytes
from reader.core.corpus.parse import FurnitureCheck
from reader.core.index.catalog import Catalog, CleaningRow, Fingerprint
from reader.core.text.textnorm import normalise


@dataclass
class CleaningPlan:
    furniture: dict[str, Furniture] = field(default_factory=dict)  # by folder
    hashes: dict[str, bytes] = field(default_factory=dict)  # packed, by document id
    force: set[str] = field(default_factory=set)  # clean again even if the file is unchanged

    def check(self, rel: str) -> FurnitureCheck | None:
        found = self.furniture.get(folder_of(rel))
        return None if found is None else found.reason


def cleaning_row(
    doc_id: str,
    rel: str,
    text: str,
    removed: Iterable[Removed],
    packed: bytes | None,
    furniture: Furniture | None,
) -> CleaningRow:
    """The catalog row for a document just cleaned from ``text`` (its decoded file), given
    its packed line hashes if the plan read them and its folder's furniture: what an
    ingest worker, which has no plan, is sent."""
    if packed is None:
        hashes = text_hashes(normalise(text))
        packed = pack(hashes)
    elif furniture is not None:
        hashes = unpack_hashes(packed)
    # ``packed`` (made by pack: sorted, distinct) is stored as it came, not repacked.
    signature = furniture.signature(hashes) if furniture is not None else {}
    spans = json.dumps([[r.start, r.end, r.reason] for r in removed], ensure_ascii=False)
    return doc_id, folder_of(rel), packed, pack(signature), spans


def file_hashes(source: SourceFile) -> frozenset[int] | None:
    """The line hashes of one file (None: unreadable or binary; parsing will say so)."""
    try:
        data = read_bytes(source)
    except OSError:
        return None
    if looks_binary(data):
        return None
    return text_hashes(normalise(decode(data)[0]))


def packed_hashes_many(sources: list[SourceFile]) -> list[bytes | None]:
    """:func:`file_hashes` of several files, packed: one task for an ingest worker."""
    packed = []
    for source in sources:
        found = file_hashes(source)
        packed.append(None if found is None else pack(found))
    return packed


# Packed line hashes of each file of a list, in order (the update runs
# packed_hashes_many in its worker pool).
HashReader = Callable[[list[SourceFile]], Iterable[bytes | None]]


def plan_cleaning(
    catalog: Catalog,
    files: list[SourceFile],
    todo: list[SourceFile],
    removed: list[str],
    previous: dict[str, tuple[str, Fingerprint]],
    read: HashReader = packed_hashes_many,
) -> tuple[CleaningPlan, list[SourceFile]]:
    """The plan, and the unchanged files to clean again (to add to the update's work)."""
    plan = CleaningPlan()
    folders = {folder_of(s.rel) for s in todo} | {folder_of(previous[i][0]) for i in removed}
    if not folders:
        return plan, []
    gone = set(removed)
    stored = catalog.cleaning_rows(folders)
    members: dict[str, tuple[str, bytes]] = {
        doc_id: (folder, hashes)
        for doc_id, (folder, hashes, _) in stored.items()
        if doc_id not in gone
    }
    for source, found in zip(todo, read(todo), strict=True):
        if found is None:
            members.pop(source.id, None)
        else:
            members[source.id] = (folder_of(source.rel), found)
    by_folder: dict[str, list[bytes]] = defaultdict(list)
    for doc_id, (folder, packed) in members.items():
        by_folder[folder].append(packed)
        plan.hashes[doc_id] = packed
    for folder, documents in by_folder.items():
        plan.furniture[folder] = Furniture(*count_packed(documents))
    del by_folder
    for doc_id, (folder, packed) in members.items():
        signature = pack(plan.furniture[folder].signature(unpack_hashes(packed)))
        old = stored.get(doc_id)
        if old is None or old[2] != signature:
            plan.force.add(doc_id)
    queued = {s.id for s in todo}
    again = [s for s in files if s.id in plan.force and s.id not in queued]
    return plan, again
