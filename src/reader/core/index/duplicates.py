"""Near-duplicate articles of an indexed corpus: signatures stored per document, groups
recomputed after each update.

Each document's MinHash signature (:mod:`reader.core.index.neardup`, over its title and cleaned
text) is computed when it is indexed and kept in the catalog, packed as :data:`PERMUTATIONS`
32-bit values (512 bytes; a document without words keeps an empty one). Keeping the low 32
bits of each bin makes two different values agree by chance with probability 2⁻³², which
leaves the resemblance estimate unchanged for any practical purpose.

After an update that changed documents, the groups are recomputed from all stored signatures
(:func:`group_signatures`: LSH banding over the packed bytes, read once from the catalog,
then union of the candidate pairs whose estimated resemblance reaches
:data:`reader.core.index.neardup.THRESHOLD`). Recomputing is
cheaper than keeping buckets on disk: ``benchmarks/neardup.py`` times it on 20,000 signatures.
The groups are stored with, for each member, its resemblance to the group's *canonical*
article (the oldest by date, then by id; undated articles come last), so reading them costs
one query.
"""

from __future__ import annotations

import itertools
import struct
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.index.neardup import (
    BANDS,
    EMPTY,
    PERMUTATIONS,
    ROWS,
    THRESHOLD,
    TUPLE_HASH_CANARY,
    Signature,
    signature,
)

VERSION = f"2:{TUPLE_HASH_CANARY:x}"
"""Changes when the signature does (the canary: when the interpreter's tuple hash does):
stored signatures of another version are recomputed."""

_PACK = struct.Struct(f"<{PERMUTATIONS}I")
_BANDS = struct.Struct(f"{ROWS * 4}s" * BANDS)
_BIG_BUCKET = 64  # beyond this, a bucket's members are compared with one member per group


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles that are copies or light edits of each other.

    ``ids`` are sorted; ``canonical`` is the oldest (by date, then id): the one a "hide
    duplicates" filter keeps. ``resemblance`` is the lowest estimated resemblance of a pair
    that joined the group; ``to_canonical`` gives each member's resemblance to the canonical
    article (1.0 for itself).
    """

    ids: tuple[str, ...]
    canonical: str
    resemblance: float
    to_canonical: Mapping[str, float]


def signed_text(title: str, text: str) -> str:
    """What a document's signature is computed over."""
    return f"{title}\n\n{text}"


def pack(sig: Signature) -> bytes:
    """A signature as stored: 32-bit little-endian bins; empty for a text without words."""
    # A text without words has every bin empty.
    if not sig or sig[0] == EMPTY:
        return b""
    return _PACK.pack(*(value & 0xFFFFFFFF for value in sig))


def unpack(blob: bytes) -> tuple[int, ...]:
    return _PACK.unpack(blob) if len(blob) == _PACK.size else ()


def document_signature(title: str, text: str) -> bytes:
    """The stored signature of a document with this title and cleaned text."""
    return pack(signature(signed_text(title, text)))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated resemblance (Jaccard of word 3-grams) of two stored signatures."""
    if len(a) != _PACK.size or len(b) != _PACK.size:
        return 0.0  # a text without words, or a signature of another size
    return _same_bins(a, b) / PERMUTATIONS


# The lowest byte of each 32-bit bin, over a whole signature.
_LOW_BYTES = int.from_bytes(b"\xff\0\0\0" * PERMUTATIONS, "little")
_OTHER_BYTES = 3 * PERMUTATIONS


def _same_bins(a: bytes, b: bytes) -> int:
    """How many of the bins of two packed signatures (of the same size) are equal.

    Counted on the two signatures as integers of 4,096 bits: XOR zeroes the equal bins,
    each bin's bytes are ORed into its lowest byte, and the zero lowest bytes are counted
    (the other bytes, masked to zero, are taken off). A few operations in C: about 4 us a
    pair, where comparing the 128 bins one by one took 27 (grouping 200,000 generated articles
    compares millions of pairs).
    """
    x = int.from_bytes(a, "little") ^ int.from_bytes(b, "little")
    x |= x >> 16
    x |= x >> 8
    return (x & _LOW_BYTES).to_bytes(len(a), "little").count(0) - _OTHER_BYTES


def find_groups(
    signatures: Mapping[str, bytes], threshold: float = THRESHOLD
) -> list[tuple[tuple[str, ...], float]]:
    """Groups of near-duplicates ``(sorted ids, lowest joining resemblance)`` among
    ``signatures`` (id -> packed signature), biggest first, then by first id."""
    groups, _ = group_signatures(
        signatures.items(), lambda ids: {i: signatures[i] for i in ids}, threshold
    )
    return groups


def group_signatures(
    rows: Iterable[tuple[str, bytes]],
    fetch: Callable[[Sequence[str]], Mapping[str, bytes]],
    threshold: float = THRESHOLD,
) -> tuple[list[tuple[tuple[str, ...], float]], dict[str, bytes]]:
    """:func:`find_groups` over ``rows`` (id, packed signature) read once, in their
    order; ``fetch`` gives the signatures of the ids it is asked for again. Also returns
    the signatures of every grouped article.

    Only 4 bytes per band and article are kept of the pass over ``rows`` (a hash of the
    band), not the signatures: 128 bytes an article instead of the 512 of its signature
    and a bytes object per band, a few megabytes at 20,000 articles where holding the
    signatures took 33. The articles of a band's shared hashes are then fetched, bucketed
    by the band itself (a hash shared by chance joins nothing) and compared.
    """
    ids: list[str] = []
    hashes = [array("I") for _ in range(BANDS)]
    mask = itertools.repeat(0xFFFFFFFF)
    source = iter(rows)
    while page := list(itertools.islice(source, 1000)):
        blobs = [blob for doc_id, blob in page if len(blob) == _PACK.size]
        ids.extend(doc_id for doc_id, blob in page if len(blob) == _PACK.size)
        if blobs:
            # Cut each signature into its bands in C, then hash them band by band.
            bands = zip(*map(_BANDS.unpack, blobs), strict=True)
            for band, keys in zip(hashes, bands, strict=True):
                band.extend(map(int.__and__, map(hash, keys), mask))
    shared_at: list[list[int]] = []  # per band, the positions of its shared hashes
    for band in hashes:
        counts = Counter(band)
        if len(counts) == len(band):
            shared_at.append([])
            continue  # the usual band: no two documents agree on it
        shared = {key for key, count in counts.items() if count > 1}
        shared_at.append([i for i, key in enumerate(band) if key in shared])
    del hashes
    signatures = dict(fetch(sorted({ids[i] for at in shared_at for i in at})))
    width = ROWS * 4
    buckets: list[list[str]] = []  # members of every band bucket with two or more
    for number, positions in enumerate(shared_at):
        start = number * width
        members: dict[bytes, list[str]] = defaultdict(list)
        for position in positions:
            doc_id = ids[position]
            members[signatures[doc_id][start : start + width]].append(doc_id)
        buckets.extend(bucket for bucket in members.values() if len(bucket) > 1)
    groups = _join_buckets(buckets, signatures, threshold)
    grouped = {doc_id for group, _ in groups for doc_id in group}
    return groups, {doc_id: signatures[doc_id] for doc_id in grouped}


Grouping = tuple[list[tuple[tuple[str, ...], float]], dict[str, bytes]]
"""What :func:`group_signatures` returns: the groups and the grouped articles' signatures."""


def committed_groups(catalog: Path, gone: list[str], last: list[tuple[str, bytes]]) -> Grouping:
    """:func:`group_signatures` of the signatures committed in ``catalog`` less ``gone``
    and with ``last`` (the batch being committed, which this read may or may not see) in
    place of what it holds for them: in an ingest worker, beside the corpus entity merge,
    while the update makes its last commit. The rows come in the order the catalog gives
    them once that batch is committed (its rows, written last, come last), so the groups
    are the ones grouping there would make."""
    from reader.core.index.catalog import committed_signatures

    mine = dict(last)
    replaced = {*gone, *mine}
    with committed_signatures(catalog) as (rows, lookup):
        kept = (row for row in rows if row[0] not in replaced)

        def fetch(ids: Sequence[str]) -> dict[str, bytes]:
            found = lookup(i for i in ids if i not in mine)
            found.update((i, mine[i]) for i in ids if i in mine)
            return found

        return group_signatures(itertools.chain(kept, last), fetch)


def _join_buckets(
    buckets: list[list[str]], signatures: Mapping[str, bytes], threshold: float
) -> list[tuple[tuple[str, ...], float]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    lowest: dict[str, float] = {}  # root -> weakest pair that joined its group

    def score(a: str, b: str) -> float:
        # Compared as stored, nothing kept per article. (Unpacked bins, kept per article,
        # took kilobytes an article: hundreds of megabytes when most of an archive shares
        # some band.)
        return similarity(signatures[a], signatures[b])

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        value = score(a, b)
        if value < threshold:
            return
        keep, gone = min(ra, rb), max(ra, rb)
        parent.setdefault(keep, keep)
        parent[gone] = keep
        lowest[keep] = min(lowest.get(keep, 1.0), lowest.pop(gone, 1.0), value)

    for bucket in buckets:
        if len(bucket) <= _BIG_BUCKET:
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    join(a, b)
            continue
        # A big bucket (many copies of one text): compare each member with one member of
        # each group met so far in the bucket, not with every other member.
        heads: list[str] = []
        for a in bucket:
            for head in heads:
                join(a, head)
            if all(find(a) != find(head) for head in heads):
                heads.append(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id in parent:
        groups[find(doc_id)].append(doc_id)
    found = [(tuple(sorted(group)), lowest.get(root, 1.0)) for root, group in groups.items()]
    found.sort(key=lambda group: (-len(group[0]), group[0]))
    return found


def canonical_of(ids: Iterable[str], dates: Mapping[str, str | None]) -> str:
    """The oldest article by date, then by id (undated ones last)."""
    return min(ids, key=lambda i: (dates.get(i) is None, dates.get(i) or "", i))
