"""Near-duplicate articles across a corpus: MinHash signatures and locality-sensitive hashing.

An article is the set of its *shingles*: every run of :data:`SHINGLE` consecutive words (case
folded, punctuation dropped). Two articles' resemblance is the Jaccard index of their shingle
sets; an exact copy has 1, a copy with 5 % of its words edited about 0.75 (each edited word
spoils up to three shingles), two articles on one subject less than 0.1.

**Signature.** One-permutation MinHash with optimal densification (Li, Owen & Zhang 2012;
Shrivastava 2017): each shingle is hashed *once*, the hash's top bits pick one of
:data:`PERMUTATIONS` bins and each bin keeps its smallest hash; an empty bin (short texts)
borrows the value of a bin chosen by a fixed hash chain. Two signatures agree in a bin with
probability equal to the Jaccard index, as with classic MinHash, but the cost is one hash per
shingle instead of 128. A shingle's hash is the tuple hash of its three words' ids, each word
hashed once per process with BLAKE2b: the words are split from bytes in C and every shingle is
hashed in C, which made the signature about 3x cheaper than hashing each shingle's bytes with
BLAKE2b (``benchmarks/neardup.py`` times it, and against ``datasketch``'s ``MinHash`` with
``update_batch``, which needs numpy and computes 128 hashes per shingle). Its estimates are as
close to the true Jaccard index as BLAKE2b's were (``tests/compare/test_neardup.py``).

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

_WORD = re.compile(r"[^\W_]+")
_ASCII_SPACES = bytes(c if chr(c).isalnum() or c >= 128 else 32 for c in range(256))
_MASK = (1 << 64) - 1
EMPTY = _MASK
"""An empty bin's value: above every hash (hashes are signed 64-bit)."""
_REST_BITS = 64 - (PERMUTATIONS.bit_length() - 1)
assert 1 << (64 - _REST_BITS) == PERMUTATIONS  # a power of two: the slot is the top bits

Signature = tuple[int, ...]


def words(text: str) -> list[bytes]:
    """The words of ``text`` as the signature reads them: case folded, apostrophes deleted
    (``don't`` and ``don’t`` are ``dont``), then every run of letters and digits."""
    folded = text.casefold()
    if not folded.isascii():
        folded = folded.replace("\u2019", "").replace("\u2018", "")
    # ASCII punctuation becomes a space and the apostrophe goes, in one pass over the bytes;
    # UTF-8 sequences (bytes 0x80 and up) pass through untouched.
    tokens = folded.encode().translate(_ASCII_SPACES, b"'").split()
    if folded.isascii():
        return tokens
    found: list[bytes] = []
    for token in tokens:
        if token.isascii():
            found.append(token)
        else:  # a non-ASCII dash, quote or space still inside: split there
            found.extend(word.encode() for word in _WORD.findall(token.decode()))
    return found


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The word ``size``-grams of ``text`` (see :func:`words`), each as its words joined by
    a space: the set a signature estimates the resemblance of."""
    found = words(text)
    if len(found) < size:
        return {b" ".join(found)} if found else set()
    return {b" ".join(found[i : i + size]) for i in range(len(found) - size + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of ``text`` (:data:`PERMUTATIONS` values; see the module doc)."""
    if len(_WORD_IDS) > _WORD_IDS_KEPT:
        _WORD_IDS.clear()  # a bounded cache: a worker's memory must not grow with the archive
    ids = list(map(_WORD_IDS.__getitem__, words(text)))
    bins = [EMPTY] * PERMUTATIONS
    # CPython's tuple hash (xxHash rounds) of three word ids is the shingle's hash: done in C,
    # and as stable as its algorithm, which VERSION's canary watches.
    if len(ids) >= SHINGLE:
        hashes: Iterable[int] = map(hash, zip(ids, ids[1:], ids[2:], strict=False))
    else:  # a short text is one shingle of all its words
        hashes = [hash(tuple(ids))] if ids else []
    for value in hashes:
        slot = value >> _REST_BITS  # the top bits, the best mixed: -64..63, a list index
        if value < bins[slot]:
            bins[slot] = value
    return _densify(bins)


class _WordIds(dict[bytes, int]):
    """A word's 61-bit id: its BLAKE2b hash (stable across runs and machines), computed once
    per word and process. Below 2**61 - 1 an int hashes to itself, so the tuple hash of the
    ids mixes these bits."""

    def __missing__(self, word: bytes) -> int:
        value = int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little") >> 3
        self[word] = value
        return value


_WORD_IDS = _WordIds()
_WORD_IDS_KEPT = 200_000
TUPLE_HASH_CANARY = hash((1, 2, 3)) & _MASK
"""Changes if the interpreter's tuple hash does, and with it every signature."""


def _densify(bins: list[int]) -> Signature:
    """Fill empty bins from full ones along a fixed hash chain (optimal densification)."""
    if all(value == EMPTY for value in bins):
        return tuple(bins)
    filled = list(bins)
    for slot, value in enumerate(bins):
        if value != EMPTY:
            continue
        attempt = 0
        while True:
            attempt += 1
            other = _chain(slot, attempt) % PERMUTATIONS
            if bins[other] != EMPTY:
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
    if not a or not b or a[0] == EMPTY or b[0] == EMPTY:
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
        if sig and sig[0] != EMPTY:
            for band, key in enumerate(_bands(sig)):
                self._buckets[band][key].add(doc_id)
        return found

    def remove(self, doc_id: str) -> bool:
        """Forget ``doc_id``; False if it was not indexed."""
        sig = self._signatures.pop(doc_id, None)
        if sig is None:
            return False
        if sig and sig[0] != EMPTY:
            for band, key in enumerate(_bands(sig)):
                bucket = self._buckets[band].get(key)
                if bucket is not None:
                    bucket.discard(doc_id)
                    if not bucket:
                        del self._buckets[band][key]
        return True

    def query(self, sig: Signature) -> list[tuple[str, float]]:
        """Indexed documents whose resemblance to ``sig`` reaches the threshold, best first."""
        if not sig or sig[0] == EMPTY:
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
