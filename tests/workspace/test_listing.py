"""The document list's compact listing: the catalog's row numbers in the list's order, the
summaries read a page at a time and only a bounded number kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.index.catalog import DocSummary
from reader.core.index.duplicates import DuplicateGroup
from reader.workspace import Workspace, listing
from reader.workspace.entity_filter import EntityFilter
from reader.workspace.listing import DocumentListing

# Titles and sources whose order differs with and without case folding (and beyond ASCII:
# SQLite's NOCASE folds A-Z only), dates missing or repeated.
TITLES = ["alpha", "Beta", "émeute", "Écluse", "zeta", "Zèbre", "Öl", "ober", "beta", "ALPHA"]
SOURCES = ["BBC", "bbc", "Reuters", None, "Équipe", "agence"]
DATES = ["2021-03-01", None, "2020-12-31", "2021-03-01", "2019-07-04"]

KEYS: dict[str, Callable[[DocSummary], Any]] = {
    # The in-memory list's sort keys (DocList._sort_key), with the id breaking ties.
    "date": lambda s: (s.date or "", s.id),
    "title": lambda s: (s.title.casefold(), s.id),
    "source": lambda s: ((s.source or "").casefold(), s.date or "", s.id),
}


def _article(number: int) -> str:
    lines = ["---", f'title: "{TITLES[number % len(TITLES)]} {number % 3}"']
    date = DATES[number % len(DATES)]
    if date:
        lines.append(f"date: {date}")
    source = SOURCES[number % len(SOURCES)]
    if source:
        lines.append(f'source: "{source}"')
    lines += ["---", "", f"Story number {number} about the harbour and the council.", ""]
    return "\n".join(lines)


@pytest.fixture
def workspace(make_corpus: Callable[..., Path]) -> Iterator[Workspace]:
    files = {f"a{number:03}.md": _article(number) for number in range(40)}
    with Workspace(make_corpus(files, name="listed")) as opened:
        opened.update()
        yield opened


def _listed(documents: DocumentListing) -> list[DocSummary]:
    found = [documents.summary(i) for i in range(len(documents))]
    assert all(s is not None for s in found)
    return [s for s in found if s is not None]


@pytest.mark.parametrize("key", ["date", "title", "source"])
@pytest.mark.parametrize("reverse", [False, True])
def test_every_order_is_the_in_memory_sort(workspace: Workspace, key: Any, reverse: bool) -> None:
    summaries = workspace.summaries()
    documents = DocumentListing(workspace.library, key, reverse)
    documents.reload()
    expected = sorted(summaries, key=KEYS[key], reverse=reverse)
    assert [s.id for s in _listed(documents)] == [s.id for s in expected]
    assert _listed(documents) == expected  # every field, as the catalog lists it


def test_a_sort_and_its_reverse_are_the_same_order_backwards(workspace: Workspace) -> None:
    documents = DocumentListing(workspace.library, "title", False)
    documents.reload()
    forward = [s.id for s in _listed(documents)]
    documents.sort("title", True)
    assert [s.id for s in _listed(documents)] == forward[::-1]
    documents.sort("date", True)
    by_date = sorted(workspace.summaries(), key=KEYS["date"], reverse=True)
    assert [s.id for s in _listed(documents)] == [s.id for s in by_date]


def test_rows_are_read_a_page_at_a_time_and_a_bounded_number_kept(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "PAGE", 8)
    monkeypatch.setattr(listing, "CACHED", 12)
    catalog = workspace.library.catalog
    reads: list[int] = []
    real = catalog.summaries_at

    def counted(rowids: Any) -> dict[int, DocSummary]:
        reads.append(len(rowids))
        return real(rowids)

    monkeypatch.setattr(catalog, "summaries_at", counted)
    documents = DocumentListing(workspace.library)
    documents.reload()
    assert reads == []  # reading the order reads no summary
    first = documents.summary(0)
    assert first is not None and reads == [8]  # the page around the row drawn
    for index in range(1, 6):  # the rest of the page: no more reads
        documents.summary(index)
    assert reads == [8]
    everything = _listed(documents)
    assert len(everything) == 40
    assert len(documents._cache) <= 12  # never every article's summary
    assert all(count <= 8 for count in reads)


def test_index_of_finds_a_document_wherever_the_order_puts_it(workspace: Workspace) -> None:
    documents = DocumentListing(workspace.library, "source", False)
    documents.reload()
    for index in (0, 17, 39):
        summary = documents.summary(index)
        assert summary is not None and documents.index_of(summary.id) == index
    assert documents.index_of("no-such-article") is None


def test_the_filters_narrow_the_order_and_keep_it(workspace: Workspace) -> None:
    documents = DocumentListing(workspace.library, "title", False)
    documents.reload()
    everything = [s.id for s in _listed(documents)]
    chosen = frozenset({"a003", "a010", "a027", "a031"})
    documents.narrow(EntityFilter("place:harbour", "Harbour", chosen))
    assert [s.id for s in _listed(documents)] == [i for i in everything if i in chosen]
    assert documents.total == 40 and len(documents) == 4

    # "Hide duplicates": one article per group, its canonical one when listed, else the
    # first listed (here a003 is the canonical of a group whose other members are listed).
    duplicates = workspace.duplicates
    groups = [
        DuplicateGroup(("a003", "a010", "a020"), "a020", 0.9, {}),
        DuplicateGroup(("a027", "a031"), "a031", 0.9, {}),
    ]
    duplicates._groups = {doc: group for group in groups for doc in group.ids}
    duplicates.hide = True
    documents.narrow(EntityFilter("place:harbour", "Harbour", chosen), duplicates)
    first_of_group = next(i for i in everything if i in {"a003", "a010"})
    assert [s.id for s in _listed(documents)] == [
        i for i in everything if i in {first_of_group, "a031"}
    ]
    documents.narrow(None, duplicates)
    hidden = {"a003", "a010", "a027"}
    assert [s.id for s in _listed(documents)] == [i for i in everything if i not in hidden]
    documents.sort("title", True)  # a new order keeps the filters
    assert [s.id for s in _listed(documents)] == [i for i in everything if i not in hidden][::-1]
    documents.narrow(None)
    assert len(documents) == 40


def test_a_document_removed_since_the_order_was_read_reads_as_none(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = DocumentListing(workspace.library)
    documents.reload()
    gone = documents.order[5]
    real = workspace.library.catalog.summaries_at
    monkeypatch.setattr(
        workspace.library.catalog,
        "summaries_at",
        lambda rowids: {r: s for r, s in real(rowids).items() if r != gone},
    )
    assert documents.summary(5) is None
    assert documents.summary(6) is not None


def test_an_article_edited_by_an_update_keeps_its_row_until_the_list_is_read_again(
    workspace: Workspace,
) -> None:
    # The UI reads the order again only when an update ends: meanwhile an edited article
    # must still be listed (its old or new summary), and only a removed one reads as gone.
    before = DocumentListing(workspace.library, key="title", reverse=False)
    before.reload()
    listed = _listed(before)
    documents = DocumentListing(workspace.library, key="title", reverse=False)
    documents.reload()  # the order only: no summary read (and kept) before the update
    removed = next(i for i, s in enumerate(listed) if s.id == "a008")
    root = workspace.library.root
    (root / "a007.md").write_text(_article(7).replace("Story", "An edited story"), "utf-8")
    (root / "a008.md").unlink()
    report = workspace.update()
    assert (report.updated, report.removed) == (1, 1)
    assert documents.summary(removed) is None
    again = [documents.summary(i) for i in range(len(documents)) if i != removed]
    assert [s.id if s else None for s in again] == [s.id for s in listed if s.id != "a008"]
    documents.reload()
    assert len(documents) == 39 and "a008" not in {s.id for s in _listed(documents)}
    assert documents.index_of("a007") is not None
