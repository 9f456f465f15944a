"""BookmarkStore: persistence, atomic writes, backups, broken files, stale copies, undo."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.bookmarks import (
    Bookmark,
    BookmarkNotFound,
    BookmarkStore,
    QuoteNotFound,
    ReadOnlyError,
    bookmarks_path,
)
from reader.core.bookmarks.fileformat import decode
from reader.core.userdata import atomicfile, paths

from .conftest import TEXT, Clock

DOC = "business/001.txt"


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def test_bookmarks_persist_across_stores(store: BookmarkStore, path: Path) -> None:
    a = store.add(DOC, TEXT, *_span("TimeWarner jumped 76%"), note="big", tags=["money"])
    b = store.add_quote(DOC, TEXT, "advert sales", tags=["ads", "money"])
    again = BookmarkStore(path=path)
    assert again.bookmarks == [a, b] == again.load()
    assert again.all_tags() == ["ads", "money"]
    assert not again.read_only and again.problem is None


def test_a_tag_keeps_the_spelling_it_first_had_in_the_corpus(
    store: BookmarkStore, path: Path
) -> None:
    a = store.add(DOC, TEXT, *_span("TimeWarner"), tags=["Ukraine", "peace  talks"])
    b = store.add_quote(DOC, TEXT, "advert sales", tags=["UKRAINE", "ukraine", "Peace Talks", "x"])
    assert b.tags == ("Ukraine", "peace talks", "x")
    assert store.update(a.id, tags=["ukraine", "X"]).tags == ("Ukraine", "x")
    # Re-spelling the only bookmark that has a tag is allowed: no other spelling exists.
    assert store.update(b.id, tags=["x"]).tags == ("x",)
    assert store.update(a.id, tags=["UKRAINE"]).tags == ("UKRAINE",)


def test_all_tags_lists_a_tag_once_whatever_its_case(path: Path) -> None:
    """A file written by hand (or by an older reader) may spell a tag both ways."""
    first = Bookmark.on_text(DOC, TEXT, 0, 9, tags=["Ukraine"])
    second = Bookmark.on_text(DOC, TEXT, 10, 20, tags=["ukraine", "Money"])
    BookmarkStore(path=path).restore(first)
    store = BookmarkStore(path=path)
    store.restore(second)
    assert store.all_tags() == ["Money", "Ukraine"]


def test_store_for_a_corpus_lives_in_the_corpus_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "xdg-data"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    store = BookmarkStore(corpus)
    store.add_quote(DOC, TEXT, "Google")
    expected = paths.corpus_data_dir(corpus) / "bookmarks.yaml"
    assert store.path == bookmarks_path(corpus) == expected
    assert expected.is_file() and str(expected).startswith(str(tmp_path / "xdg-data"))


def test_constructor_wants_exactly_one_location(path: Path) -> None:
    with pytest.raises(TypeError):
        BookmarkStore()
    with pytest.raises(TypeError):
        BookmarkStore(path.parent, path=path)


def test_add_quote_picks_the_occurrence_nearest_the_hint(store: BookmarkStore) -> None:
    text = "one two one two one"
    assert store.add_quote("d", text, "one").start == 0
    assert store.add_quote("d", text, "one", near=9).start == 8
    assert store.add_quote("d", text, "one", near=99).start == 16


def test_add_quote_that_does_not_occur_is_a_clear_error(store: BookmarkStore, path: Path) -> None:
    with pytest.raises(QuoteNotFound, match=r"not found in business/001\.txt"):
        store.add_quote(DOC, TEXT, "Yahoo shares")
    with pytest.raises(QuoteNotFound):
        store.add_quote(DOC, TEXT, "")
    assert not path.exists()


def test_update_changes_note_and_tags_and_keeps_the_rest(store: BookmarkStore, path: Path) -> None:
    b = store.add_quote(DOC, TEXT, "Google", note="first", tags=["x"])
    c = store.update(b.id, note="second")
    assert (c.note, c.tags, c.quote, c.created) == ("second", ("x",), "Google", b.created)
    d = store.update(b.id, tags=["y", "z"])
    assert (d.note, d.tags) == ("second", ("y", "z"))
    assert d.updated > b.updated
    assert BookmarkStore(path=path).bookmarks == [d]


def test_unknown_ids_are_reported(store: BookmarkStore) -> None:
    with pytest.raises(BookmarkNotFound):
        store.update("nope", note="x")
    with pytest.raises(BookmarkNotFound):
        store.delete("nope")


def test_delete_then_restore_puts_it_back_in_place(store: BookmarkStore, path: Path) -> None:
    made = [store.add_quote(DOC, TEXT, q) for q in ("Quarterly", "Google", "advert")]
    gone = store.delete(made[1].id)
    assert gone == made[1]
    assert [b.id for b in BookmarkStore(path=path).bookmarks] == [made[0].id, made[2].id]
    store.restore(gone)
    assert BookmarkStore(path=path).bookmarks == made


def test_restore_reverts_an_update(store: BookmarkStore, path: Path) -> None:
    b = store.add_quote(DOC, TEXT, "Google", note="before")
    store.update(b.id, note="after", tags=["t"])
    store.restore(b)
    assert BookmarkStore(path=path).bookmarks == [b]


def test_get_accepts_a_unique_id_prefix(store: BookmarkStore) -> None:
    b = store.add_quote(DOC, TEXT, "Google")
    assert store.get(b.id) == b == store.get(b.id[:6])
    with pytest.raises(BookmarkNotFound):
        store.get("")
    with pytest.raises(BookmarkNotFound):
        store.get("zzzz")


def test_writes_keep_the_previous_version_as_backup(store: BookmarkStore, path: Path) -> None:
    first = store.add_quote(DOC, TEXT, "Google")
    after_first = path.read_bytes()
    store.add_quote(DOC, TEXT, "advert")
    backup = atomicfile.backup_path(path)
    assert backup.read_bytes() == after_first
    assert decode(backup.read_bytes()).bookmarks == [first]


def test_a_failed_write_leaves_the_file_as_it_was(
    store: BookmarkStore, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_quote(DOC, TEXT, "Google")
    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.add_quote(DOC, TEXT, "advert")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "bookmarks.yaml",
        "bookmarks.yaml.bak",
        "bookmarks.yaml.lock",
    ]
    assert [b.quote for b in store.bookmarks] == ["Google"]


def test_a_stale_store_does_not_overwrite_another_stores_changes(path: Path) -> None:
    one, two = BookmarkStore(path=path), BookmarkStore(path=path)
    a = one.add_quote(DOC, TEXT, "Google")
    b = two.add_quote(DOC, TEXT, "advert")  # `two` never saw `a`
    c = one.update(b.id, note="edited by one")  # nor did `one` see `b`
    two.delete(a.id)
    assert BookmarkStore(path=path).bookmarks == [c]


BROKEN = [
    b"bookmarks: [unclosed\n",
    b"version: 1\nbookmarks:\n- {id: x, doc: a, quote: q, start: zero, end: 1}\n",
    b"a: &a [1, 2]\nbookmarks: *a\n",
    b"version: 9\nbookmarks: []\n",
    b"\x00\xff not text",
]


@pytest.mark.parametrize("raw", BROKEN)
def test_a_broken_file_is_reported_and_never_written(path: Path, raw: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    store = BookmarkStore(path=path, clock=Clock())
    assert store.read_only
    assert store.problem is not None and str(path) in store.problem
    assert "\n" not in store.problem
    some = store.bookmarks[0] if store.bookmarks else None
    attempts: list[Callable[[], object]] = [
        lambda: store.add(DOC, TEXT, 0, 5),
        lambda: store.add_quote(DOC, TEXT, "Google"),
        lambda: store.update("x", note="n"),
        lambda: store.delete("x"),
    ]
    if some is not None:
        attempts.append(lambda: store.restore(some))
    for attempt in attempts:
        with pytest.raises(ReadOnlyError):
            attempt()
        assert path.read_bytes() == raw
    assert not atomicfile.backup_path(path).exists()


def test_a_file_broken_while_running_is_not_overwritten(store: BookmarkStore, path: Path) -> None:
    store.add_quote(DOC, TEXT, "Google")
    broken = path.read_bytes().replace(b"start:", b"start: [", 1)
    path.write_bytes(broken)
    with pytest.raises(ReadOnlyError):
        store.add_quote(DOC, TEXT, "advert")
    assert path.read_bytes() == broken and store.read_only


def test_fixing_the_file_makes_the_store_writable_again(store: BookmarkStore, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"bookmarks: [")
    assert store.load() == [] and store.read_only
    path.write_bytes(b"bookmarks: []\n")
    store.load()
    assert not store.read_only
    store.add_quote(DOC, TEXT, "Google")
    assert len(BookmarkStore(path=path).bookmarks) == 1
