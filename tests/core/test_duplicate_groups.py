"""Near-duplicate groups read in one pass (duplicates.group_signatures) are the groups of
every signature held at once, as they were found before (the reference below)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.compare.generated import article, edit, vocabulary

from reader.core.index import duplicates
from reader.core.index.duplicates import document_signature, group_signatures
from reader.core.index.neardup import PERMUTATIONS, THRESHOLD


def _reference_buckets(signatures: Mapping[str, bytes]) -> list[list[str]]:
    """The band buckets as they were made with every signature's bands held at once."""
    ids = [i for i, blob in signatures.items() if len(blob) == duplicates._PACK.size]
    blobs = [signatures[i] for i in ids]
    buckets: list[list[str]] = []
    for keys in zip(*map(duplicates._BANDS.unpack, blobs), strict=True):
        if len(set(keys)) == len(keys):
            continue
        shared = {key for key, count in Counter(keys).items() if count > 1}
        members: dict[bytes, list[str]] = defaultdict(list)
        for position in [i for i, key in enumerate(keys) if key in shared]:
            members[keys[position]].append(ids[position])
        buckets.extend(members.values())
    return buckets


def _corpus(seed: int) -> dict[str, bytes]:
    """Generated articles with planted copies: edited ones, a text copied many times,
    one republished twice, and articles without words (empty signatures)."""
    rng = random.Random(seed)
    words = vocabulary(rng, 5000)
    texts = {f"gen/{n:04d}": article(rng, words, rng.randint(60, 250)) for n in range(1500)}
    for number, original in enumerate(rng.sample(sorted(texts), 20)):
        for copy in range(1 + number % 3):
            rate = rng.choice([0.0, 0.05, 0.1, 0.3])
            texts[f"copy/{number:02d}-{copy}"] = edit(texts[original], rate, rng, words)
    template = article(rng, words, 150)
    texts.update({f"template/{n:03d}": template for n in range(80)})
    signatures = {doc_id: document_signature("", text) for doc_id, text in texts.items()}
    signatures.update({f"empty/{n}": b"" for n in range(3)})
    keys = list(signatures)
    rng.shuffle(keys)  # the catalog's order is not the ids' order
    return {k: signatures[k] for k in keys}


@pytest.mark.parametrize("seed", [1, 2])
def test_one_pass_finds_the_buckets_and_groups_of_all_signatures_at_once(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    signatures = _corpus(seed)
    asked: list[str] = []

    def fetch(ids: Sequence[str]) -> dict[str, bytes]:
        asked.extend(ids)
        return {i: signatures[i] for i in ids}

    seen: list[list[list[str]]] = []
    real = duplicates._join_buckets

    def spy(buckets: list[list[str]], *rest: object) -> object:
        seen.append(buckets)
        return real(buckets, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(duplicates, "_join_buckets", spy)
    groups, kept = group_signatures(iter(signatures.items()), fetch)
    reference = _reference_buckets(signatures)
    assert seen == [reference]  # the same buckets in the same order: the same joins
    assert groups == real(reference, signatures, THRESHOLD)
    assert groups and any(len(ids) >= 80 for ids, _ in groups)
    grouped = {i for ids, _ in groups for i in ids}
    assert kept == {i: signatures[i] for i in grouped}
    # Only the articles that share a band hash were read again, not the corpus.
    assert len(asked) == len(set(asked)) < len(signatures) // 4
    monkeypatch.undo()
    assert duplicates.find_groups(signatures) == groups


def test_scores_are_the_unpacked_bins_agreement() -> None:
    signatures = _corpus(3)
    groups = duplicates.find_groups(signatures)
    for ids, lowest in groups:
        pairs = [duplicates.similarity(signatures[a], signatures[b]) for a in ids for b in ids]
        assert lowest >= THRESHOLD and lowest in pairs


_BIN = st.integers(min_value=0, max_value=0xFFFFFFFF)


@given(
    st.lists(_BIN, min_size=PERMUTATIONS, max_size=PERMUTATIONS),
    st.lists(st.one_of(st.none(), _BIN), min_size=PERMUTATIONS, max_size=PERMUTATIONS),
)
@example([0] * PERMUTATIONS, [None] * PERMUTATIONS)  # all equal
@example([0] * PERMUTATIONS, [1 << 31] * PERMUTATIONS)  # only the highest bit differs
@example([0xFFFFFFFF] * PERMUTATIONS, [0xFFFFFF00] * PERMUTATIONS)  # only the lowest byte
def test_resemblance_is_the_share_of_equal_bins(first: list[int], second: list[int | None]) -> None:
    """The bins compared as 4,096-bit integers give the count of equal bins, one by one
    (None: the same bin as the first signature's)."""
    other = [a if b is None else b for a, b in zip(first, second, strict=True)]
    same = sum(a == b for a, b in zip(first, other, strict=True))
    packed = [duplicates._PACK.pack(*bins) for bins in (first, other)]
    assert duplicates.similarity(*packed) == same / PERMUTATIONS
    assert duplicates.similarity(packed[0], b"") == 0.0
