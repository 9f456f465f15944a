"""Near-duplicates found at ingest: signatures stored with each document, groups kept current
by every update (added, edited, removed and rebuilt documents), read through Library."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.compare.generated import article, edit, vocabulary

from reader.core.index.catalog import Catalog
from reader.core.index.duplicates import (
    document_signature,
    find_groups,
    pack,
    similarity,
    unpack,
)
from reader.core.index.library import Library
from reader.core.index.neardup import PERMUTATIONS, signature

BBC = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "bbc"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    path.write_text(text, encoding="utf-8")
    if existed:  # a new mtime even on a coarse clock: the update must see the change
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, random.Random, list[str]]:
    rng = random.Random(3)
    words = vocabulary(rng, 4000)
    root = tmp_path / "corpus"
    for n in range(40):
        write(root, f"news/{n:03d}.txt", f"Story {n}\n\n{article(rng, words, 200)}\n")
    return root, rng, words


@pytest.fixture
def library(corpus: tuple[Path, random.Random, list[str]], tmp_path: Path) -> Iterator[Library]:
    lib = Library(corpus[0], cache=tmp_path / "cache")
    yield lib
    lib.close()


def plant(root: Path, rng: random.Random, words: list[str]) -> str:
    original = (root / "news/007.txt").read_text(encoding="utf-8")
    title, _, body = original.partition("\n\n")
    write(root, "copies/exact.txt", original)
    write(root, "copies/edited.txt", f"{title} (updated)\n\n{edit(body, 0.05, rng, words)}")
    return original


def test_ingest_stores_a_signature_per_document(library: Library) -> None:
    library.update()
    stored = library.catalog.signatures()
    assert set(stored) == set(library.catalog.ids())
    assert {len(blob) for blob in stored.values()} == {PERMUTATIONS * 4}
    doc = library.document("news/003")
    assert doc is not None
    assert stored["news/003"] == document_signature(doc.meta.title, doc.text)
    assert library.duplicates() == []  # forty unrelated articles


def test_exact_and_edited_copies_are_grouped(
    library: Library, corpus: tuple[Path, random.Random, list[str]]
) -> None:
    library.update()
    plant(*corpus)
    library.update()
    (group,) = library.duplicates()
    assert group.ids == ("copies/edited", "copies/exact", "news/007")
    assert group.canonical == "copies/edited"  # undated: the first id
    assert group.to_canonical["copies/edited"] == 1.0
    assert 0.55 <= group.resemblance < 1.0
    found = dict(library.duplicates_of("news/007"))
    assert found["copies/exact"] == 1.0 and 0.55 <= found["copies/edited"] < 1.0
    assert library.duplicates_of("news/003") == []
    assert library.duplicate_group("news/003") is None
    assert library.duplicate_ids_to_hide() == {"copies/exact", "news/007"}


def test_canonical_is_the_oldest_by_date(
    library: Library, corpus: tuple[Path, random.Random, list[str]]
) -> None:
    root, rng, words = corpus
    body = article(rng, words, 200)
    write(root, "a/late.md", f"---\ntitle: Late\ndate: 2024-05-02\n---\n\n{body}\n")
    write(root, "b/early.md", f"---\ntitle: Early\ndate: 2023-01-09\n---\n\n{body}\n")
    write(root, "0/undated.md", f"---\ntitle: Undated\n---\n\n{body}\n")
    library.update()
    (group,) = library.duplicates()
    assert group.canonical == "b/early"
    assert library.duplicate_ids_to_hide() == {"a/late", "0/undated"}


def test_deleting_a_copy_updates_the_group(
    library: Library, corpus: tuple[Path, random.Random, list[str]]
) -> None:
    root = corpus[0]
    plant(*corpus)
    library.update()
    (root / "copies/exact.txt").unlink()
    library.update()
    (group,) = library.duplicates()
    assert group.ids == ("copies/edited", "news/007")
    assert "copies/exact" not in library.catalog.signatures()
    (root / "copies/edited.txt").unlink()
    library.update()
    assert library.duplicates() == [] and library.duplicate_ids_to_hide() == set()


def test_a_copy_rewritten_beyond_recognition_leaves_the_group(
    library: Library, corpus: tuple[Path, random.Random, list[str]]
) -> None:
    root, rng, words = corpus
    plant(*corpus)
    library.update()
    write(root, "copies/exact.txt", f"Something else\n\n{article(rng, words, 200)}\n")
    write(root, "copies/edited.txt", f"Another thing\n\n{article(rng, words, 200)}\n")
    library.update()
    assert library.duplicates() == []
    assert library.duplicates_of("news/007") == []


def test_rebuild_and_an_old_cache_recompute(
    library: Library, corpus: tuple[Path, random.Random, list[str]]
) -> None:
    plant(*corpus)
    library.update()
    before = library.duplicates()
    assert before
    library.update(rebuild=True)
    assert library.duplicates() == before
    # A cache made before signatures were kept: none stored, no groups, nothing changed.
    with library.catalog._db as db:
        db.execute("DELETE FROM minhash")
        db.execute("DELETE FROM duplicates")
        db.execute("DELETE FROM meta WHERE key IN ('minhash', 'duplicates_stale')")
    library.update()
    assert library.duplicates() == before
    assert len(library.catalog.signatures()) == library.catalog.count()


def test_a_rebuild_signs_each_document_once(
    library: Library, corpus: tuple[Path, random.Random, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.core.index.indexer as indexer_module
    import reader.core.index.ingest_work as ingest_module

    plant(*corpus)
    library.update()
    signed: list[str] = []

    def counting(title: str, text: str) -> bytes:
        signed.append(title)
        return document_signature(title, text)

    # Signed beside entity extraction, where the text is in hand; never again after.
    monkeypatch.setattr(ingest_module, "document_signature", counting)
    monkeypatch.setattr(indexer_module, "document_signature", counting)
    library.update(rebuild=True)
    assert len(signed) == library.catalog.count() == 42
    assert len(library.duplicates()) == 1


def test_an_old_read_only_cache_has_no_duplicates(library: Library, tmp_path: Path) -> None:
    library.update()
    library.close()
    path = tmp_path / "cache" / "catalog.sqlite"
    with sqlite3.connect(path) as db:  # as a version without near-duplicates left it
        db.execute("DROP TABLE minhash")
        db.execute("DROP TABLE duplicates")
    old = Catalog(path, read_only=True)
    try:
        assert old.duplicate_rows() == [] and old.duplicate_rows("news/001") == []
        assert old.signatures_of(["news/001"]) == {}
    finally:
        old.close()


def test_a_document_without_words_has_no_duplicates(
    library: Library, corpus: tuple[Path, random.Random, list[str]]
) -> None:
    root = corpus[0]
    write(root, "empty/a.txt", "— … —\n")
    write(root, "empty/b.txt", "— … —\n")
    library.update()
    assert pack(signature("— … —")) == b""
    assert library.duplicates() == []


def test_packed_signatures_keep_the_estimate() -> None:
    rng = random.Random(8)
    words = vocabulary(rng, 4000)
    text = article(rng, words, 200)
    edited = edit(text, 0.05, rng, words)
    a, b = signature(text), signature(edited)
    full = sum(x == y for x, y in zip(a, b, strict=True)) / PERMUTATIONS
    assert similarity(pack(a), pack(b)) == full
    assert unpack(pack(a)) == tuple(v & 0xFFFFFFFF for v in a)
    assert similarity(b"", pack(a)) == 0.0


def test_planted_copy_among_generated_articles() -> None:
    rng = random.Random(21)
    words = vocabulary(rng, 6000)
    texts = {f"gen/{n:04d}": article(rng, words, rng.randint(80, 250)) for n in range(2500)}
    signatures = {doc_id: document_signature("", text) for doc_id, text in texts.items()}
    signatures["planted/edited"] = document_signature("", edit(texts["gen/0042"], 0.05, rng, words))
    groups = find_groups(signatures)
    assert [ids for ids, _ in groups] == [("gen/0042", "planted/edited")]
    assert 0.5 <= groups[0][1] < 1.0


def test_a_big_bucket_of_copies_is_one_group() -> None:
    # Hundreds of copies of one text (a template) share every bucket: one group, not
    # a comparison of every pair.
    rng = random.Random(4)
    words = vocabulary(rng, 4000)
    text = article(rng, words, 200)
    signatures = {f"copy/{n:03d}": document_signature("", text) for n in range(300)}
    signatures["other"] = document_signature("", article(rng, words, 200))
    ((ids, score),) = find_groups(signatures)
    assert len(ids) == 300 and "other" not in ids and score == 1.0


@pytest.mark.slow
def test_planted_copy_found_by_update_in_a_generated_corpus(tmp_path: Path) -> None:
    rng = random.Random(9)
    words = vocabulary(rng, 4000)
    root = tmp_path / "big"
    for n in range(1500):
        write(root, f"d{n % 10}/{n:04d}.txt", f"Item {n}\n\n{article(rng, words, 120)}\n")
    original = (root / "d3/0123.txt").read_text(encoding="utf-8")
    title, _, body = original.partition("\n\n")
    write(root, "planted/copy.txt", f"{title}\n\n{edit(body, 0.05, rng, words)}")
    library = Library(root, cache=tmp_path / "cache")
    try:
        library.update()
        assert [g.ids for g in library.duplicates()] == [("d3/0123", "planted/copy")]
    finally:
        library.close()


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC corpus not found in ../shared")
def test_bbc_kennedy_articles_are_one_group(tmp_path: Path) -> None:
    # The politics folder only (417 articles): indexing all 2,225 takes too long here.
    library = Library(BBC / "politics", cache=tmp_path / "cache")
    try:
        library.update()
        group = library.duplicate_group("223")
        assert group is not None and {"223", "341"} <= set(group.ids)
        doc = library.document("341")
        assert doc is not None and doc.meta.title == "Kennedy questions trust of Blair"
        assert dict(library.duplicates_of("341"))["223"] >= 0.9
    finally:
        library.close()


@pytest.mark.slow
def test_every_planted_copy_is_found_in_a_20k_corpus() -> None:
    # The check: articles copied with 5 % of their words edited, among 20,000 others
    # (signatures as ingest stores them, grouped as after an update). One original is
    # republished twice; every copy must join its original and nothing else may be grouped.
    rng = random.Random(20)
    words = vocabulary(rng, 8000)
    texts = {f"gen/{n:05d}": article(rng, words, rng.randint(80, 400)) for n in range(20_000)}
    signatures = {doc_id: document_signature("", text) for doc_id, text in texts.items()}
    originals = rng.sample(sorted(texts), 12)
    expected = []
    for number, original in enumerate(originals):
        copies = 2 if number == 0 else 1
        members = [original]
        for copy in range(copies):
            doc_id = f"planted/{number:02d}-{copy}"
            signatures[doc_id] = document_signature("", edit(texts[original], 0.05, rng, words))
            members.append(doc_id)
        expected.append(tuple(sorted(members)))
    groups = find_groups(signatures)
    assert sorted(ids for ids, _ in groups) == sorted(expected)
