"""The SQLite catalog: documents round-trip, batches apply atomically, summaries serialise."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from reader.core.corpus.document import Document, Metadata, StyleSpan
from reader.core.index.catalog import Catalog, Fingerprint


def doc(doc_id: str, title: str = "A title", text: str = "Some text here") -> Document:
    meta = Metadata(
        title=title,
        authors=("Ann Author", "Bo Writer"),
        date="2024-02-01",
        source="The Source",
        url="https://example.org/a",
        tags=("x", "y"),
        extra={"original_source": "Elsewhere", "n": 3},
    )
    return Document(
        doc_id, f"/corpus/{doc_id}.txt", meta, text, (StyleSpan(0, 4, "italic"),), len(text.split())
    )


FP = Fingerprint(123, 45, "ab" * 32)


def test_document_round_trip(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    original = doc("a/1")
    catalog.write([(original, "a/1.txt", FP, ("a warning",))])
    assert catalog.document("a/1") == original
    assert catalog.text("a/1") == "Some text here"
    assert catalog.fingerprints() == {"a/1": ("a/1.txt", FP)}
    assert list(catalog.warnings()) == [("a/1", ["a warning"])]
    assert catalog.document("missing") is None
    assert catalog.summary("missing") is None
    catalog.close()


def test_summary_json_is_the_list_contract(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.write([(doc("b"), "b.txt", FP, ()), (doc("a"), "a.txt", FP, ())])
    summaries = catalog.summaries()
    assert [s.id for s in summaries] == ["a", "b"]
    record = summaries[0].to_json()
    assert record == {
        "id": "a",
        "title": "A title",
        "authors": ["Ann Author", "Bo Writer"],
        "date": "2024-02-01",
        "source": "The Source",
        "url": "https://example.org/a",
        "path": "/corpus/a.txt",
        "words": 3,
    }
    json.dumps(record)
    catalog.close()


def test_removals_touches_and_clear(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.write([(doc("a"), "a.txt", FP, ()), (doc("b"), "b.txt", FP, ())])
    catalog.write([], removals=["a"], touches=[("b", Fingerprint(999, 46, "ignored"))])
    assert catalog.ids() == ["b"]
    # A touch updates mtime and size only: the hash stays the one of the parsed bytes.
    assert catalog.fingerprints()["b"][1] == Fingerprint(999, 46, FP.sha256)
    catalog.set_meta("format", "v1")
    catalog.clear()
    assert catalog.count() == 0
    assert catalog.get_meta("format") is None
    catalog.close()


def test_a_document_indexed_again_keeps_its_row_and_takes_every_new_value(
    tmp_path: Path,
) -> None:
    # The document list holds row numbers: a replaced article must keep its row, or it
    # reads as gone until the list is read again (after an update that may take minutes).
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.write([(doc("a"), "a.txt", FP, ()), (doc("b"), "b.txt", FP, ())])
    before = catalog.rowids(["a", "b"])
    edited = doc("b", title="A new title", text="Other words entirely now")
    newer = Fingerprint(456, 78, "cd" * 32)
    catalog.write([(edited, "b2.txt", newer, ("a new warning",))])
    assert catalog.rowids(["a", "b"]) == before
    assert catalog.document("b") == edited
    assert catalog.fingerprints()["b"] == ("b2.txt", newer)
    assert dict(catalog.warnings()) == {"b": ["a new warning"]}
    assert [s.title for s in catalog.summaries_at([before["b"]]).values()] == ["A new title"]
    assert catalog.count() == 2
    catalog.close()


def test_the_upsert_names_every_column_of_the_documents_table(tmp_path: Path) -> None:
    from reader.core.index import catalog as module

    catalog = Catalog(tmp_path / "c.sqlite")
    columns = [row[1] for row in catalog._db.execute("PRAGMA table_info(docs)")]
    assert columns == module._DOC_COLUMNS
    catalog.close()


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    catalog = Catalog(path)
    catalog.write([(doc("a"), "a.txt", FP, ())])
    catalog.set_meta("format", "v1")
    catalog.close()
    again = Catalog(path)
    assert again.ids() == ["a"]
    assert again.get_meta("format") == "v1"
    again.close()


def test_concurrent_threads_share_one_catalog(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    errors: list[BaseException] = []

    def writer(start: int) -> None:
        try:
            for n in range(start, start + 30):
                catalog.write([(doc(f"d{n:03d}"), f"d{n:03d}.txt", FP, ())])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    def reader() -> None:
        try:
            for _ in range(60):
                for summary in catalog.summaries():
                    summary.to_json()
        except BaseException as error:  # pragma: no cover
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(3)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert catalog.count() == 90
    catalog.close()
