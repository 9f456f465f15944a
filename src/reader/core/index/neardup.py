"""Near-duplicate articles across a corpus: MinHash signatures and locality-sensitive hashing.

An article is the set of its *shingles*: every run of :data:`SHINGLE` consecutive words (case
folded, punctuation dropped). Two articles' resemblance is the Jaccard index of their shingle
sets; an exact copy has 1, a copy with 5 % of its words edited about 0.75 (each edited word
spoils up to three shingles), two articles on one subject less than 0.1.

**Signature.** One-permutation MinHash with optimal densification (Li, Owen & Zhang 2012;
Shrivastava 2017): each shingle is hashed *once* (64-bit BLAKE2b, stable across runs and
machines), the hash picks one of :data:`PERMUTATIONS` bins and each bin keeps its smallest
value; an empty bin (short texts) borrows the value of a bin chosen by a fixed hash chain. Two
signatures agree in a bin with probability equal to the Jaccard index, as with classic MinHash,
but the cost is one hash per shingle instead of 128. This is what keeps it cheap enough for
the ingest: ``benchmarks/neardup.py`` measures it against ``datasketch`` (``MinHash`` with
``update_batch``), which needs numpy and computes 128 hashes per shingle.

**Index.** The signature is cut into :data:`BANDS` bands of :data:`ROWS` rows; documents whose
signatures agree on a whole band land in the same bucket and become candidates. With 32 × 4 a
pair at Jaccard 0.75 is a candidate with probability above 0.999 and a pair at 0.2 with
probability 0.05. Candidates are then kept only if their estimated Jaccard (agreeing bins) is
at least ``threshold`` (default :data:`THRESHOLD`). Documents can be added and removed one at a
time; :meth:`NearDuplicates.clusters` joins kept pairs into groups (connected components).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

SHINGLE = 3
"""Words per shingle."""
PERMUTATIONS = 128
"""Bins of a signature."""
BANDS = 32
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.5
"""Estimated Jaccard of shingles from which two documents are near-duplicates."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_EMPTY = (1 << 64) - 1
_MASK = (1 << 64) - 1
_SLOT_BITS = PERMUTATIONS.bit_length() - 1
_SLOT = PERMUTATIONS - 1
assert 1 << _SLOT_BITS == PERMUTATIONS  # a power of two: slot and rest are bit fields

Signature = tuple[int, ...]


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The word ``size``-grams of ``text`` (case folded), as bytes ready to hash."""
    if text.isascii():  # casefold is lower there, and lowering first keeps the words
        words = _WORD.findall(text.lower())
    else:
        # Folded all at once: no word folds to white space, so the split gives them back.
        words = " ".join(_WORD.findall(text)).casefold().split(" ")
        if words == [""]:
            words = []
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    if size == 3:  # the signature's: one format per shingle rather than a slice and a join
        triples = zip(words, words[1:], words[2:], strict=False)  # shorter and shorter lists
        return {f"{a} {b} {c}".encode() for a, b, c in triples}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of ``text`` (:data:`PERMUTATIONS` values; see the module doc)."""
    bins = [_EMPTY] * PERMUTATIONS
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    for value in [from_bytes(blake2b(s, digest_size=8).digest(), "little") for s in shingles(text)]:
        slot = value & _SLOT  # value % PERMUTATIONS, a power of two
        rest = value >> _SLOT_BITS  # value // PERMUTATIONS
        if rest < bins[slot]:
            bins[slot] = rest
    return _densify(bins)


def _densify(bins: list[int]) -> Signature:
    """Fill empty bins from full ones along a fixed hash chain (optimal densification)."""
    if all(value == _EMPTY for value in bins):
        return tuple(bins)
    filled = list(bins)
    for slot, value in enumerate(bins):
        if value != _EMPTY:
            continue
        attempt = 0
        while True:
            attempt += 1
            other = _chain(slot, attempt) % PERMUTATIONS
            if bins[other] != _EMPTY:
                filled[slot] = bins[other]
                break
    return tuple(filled)


def _chain(slot: int, attempt: int) -> int:
    # splitmix64 of (slot, attempt): the same chain for every document, as densification needs.
    z = (slot * 0x9E3779B97F4A7C15 + attempt * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def resemblance(a: Signature, b: Signature) -> float:
    """Estimated Jaccard index of two documents' shingles (share of agreeing bins)."""
    if not a or not b or a[0] == _EMPTY or b[0] == _EMPTY:
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


@dataclass(frozen=True)
class Cluster:
    """Documents that are copies or light edits of each other; ``score`` is the lowest
    resemblance of a pair that joined the group."""

    ids: tuple[str, ...]
    score: float


class NearDuplicates:
    """An LSH index of document signatures that finds copies and light edits.

    ``add(doc_id, text)`` returns the documents already present that the new one
    near-duplicates (with their resemblance), so an ingest can report them as it goes.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._signatures: dict[str, Signature] = {}
        self._buckets: list[dict[tuple[int, ...], set[str]]] = [
            defaultdict(set) for _ in range(BANDS)
        ]

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, text: str) -> list[tuple[str, float]]:
        """Index ``doc_id`` (replacing an earlier version) and return its near-duplicates."""
        return self.add_signature(doc_id, signature(text))

    def add_signature(self, doc_id: str, sig: Signature) -> list[tuple[str, float]]:
        """As :meth:`add`, for a signature computed elsewhere (e.g. in a worker process)."""
        if doc_id in self._signatures:
            self.remove(doc_id)
        found = self.query(sig)
        self._signatures[doc_id] = sig
        if sig and sig[0] != _EMPTY:
            for band, key in enumerate(_bands(sig)):
                self._buckets[band][key].add(doc_id)
        return found

    def remove(self, doc_id: str) -> bool:
        """Forget ``doc_id``; False if it was not indexed."""
        sig = self._signatures.pop(doc_id, None)
        if sig is None:
            return False
        if sig and sig[0] != _EMPTY:
            for band, key in enumerate(_bands(sig)):
                bucket = self._buckets[band].get(key)
                if bucket is not None:
                    bucket.discard(doc_id)
                    if not bucket:
                        del self._buckets[band][key]
        return True

    def query(self, sig: Signature) -> list[tuple[str, float]]:
        """Indexed documents whose resemblance to ``sig`` reaches the threshold, best first."""
        if not sig or sig[0] == _EMPTY:
            return []
        candidates: set[str] = set()
        for band, key in enumerate(_bands(sig)):
            candidates.update(self._buckets[band].get(key, ()))
        scored = [(other, resemblance(sig, self._signatures[other])) for other in candidates]
        kept = [(other, score) for other, score in scored if score >= self.threshold]
        kept.sort(key=lambda item: (-item[1], item[0]))
        return kept

    def duplicates_of(self, doc_id: str) -> list[tuple[str, float]]:
        """The other indexed documents that near-duplicate ``doc_id``."""
        sig = self._signatures.get(doc_id)
        if sig is None:
            return []
        return [(other, score) for other, score in self.query(sig) if other != doc_id]

    def pairs(self) -> Iterator[tuple[str, str, float]]:
        """Every near-duplicate pair once, ``(a, b, resemblance)`` with ``a < b``."""
        seen: set[tuple[str, str]] = set()
        for band in self._buckets:
            for bucket in band.values():
                if len(bucket) < 2:
                    continue
                members = sorted(bucket)
                for i, a in enumerate(members):
                    for b in members[i + 1 :]:
                        if (a, b) in seen:
                            continue
                        seen.add((a, b))
                        score = resemblance(self._signatures[a], self._signatures[b])
                        if score >= self.threshold:
                            yield a, b, score

    def clusters(self) -> list[Cluster]:
        """Groups of near-duplicates (two or more documents), biggest first, then by first id."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                parent[x] = parent.get(parent[x], parent[x])
                x = parent[x]
            return x

        edges = list(self.pairs())
        for a, b, _ in edges:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[str]] = defaultdict(list)
        for doc_id in {x for a, b, _ in edges for x in (a, b)}:
            groups[find(doc_id)].append(doc_id)
        lowest: dict[str, float] = {}  # group root -> weakest pair that joined the group
        for a, _, score in edges:
            root = find(a)
            lowest[root] = min(lowest.get(root, 1.0), score)
        found = [Cluster(tuple(sorted(members)), lowest[root]) for root, members in groups.items()]
        found.sort(key=lambda c: (-len(c.ids), c.ids))
        return found


def _bands(sig: Signature) -> Iterable[tuple[int, ...]]:
    for band in range(BANDS):
        yield sig[band * ROWS : (band + 1) * ROWS]
