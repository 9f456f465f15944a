"""The per-file part of a read command's staleness check (``freshness.edited``): a file
edited in place (same folder times) is found by its size or its mtime alone, a file gone
is found, an unchanged corpus is not."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from conftest import article
from reader.core.index.freshness import edited
from reader.core.index.library import Library


def _indexed(make_corpus: Callable[..., Path]) -> Library:
    root = make_corpus(
        {
            "a.txt": article("Alpha", "The economy grew."),
            "news/b.txt": article("Beta", "Rates rose."),
            "odd \udce9.txt": article("Odd", "A name that is not UTF-8."),
        }
    )
    library = Library(root)
    library.update()
    return library


def test_an_unchanged_corpus_is_not_edited(make_corpus: Callable[..., Path]) -> None:
    library = _indexed(make_corpus)
    assert library.catalog.count() == 3
    assert not edited(library.catalog, library.root)


def test_same_size_new_mtime_is_an_edit(make_corpus: Callable[..., Path]) -> None:
    library = _indexed(make_corpus)
    path = library.root / "news" / "b.txt"
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert edited(library.catalog, library.root)


def test_same_mtime_new_size_is_an_edit(make_corpus: Callable[..., Path]) -> None:
    library = _indexed(make_corpus)
    path = library.root / "odd \udce9.txt"
    info = path.stat()
    path.write_text(article("Odd", "A name that is not UTF-8, longer."), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert edited(library.catalog, library.root)


def test_a_file_gone_is_an_edit(make_corpus: Callable[..., Path]) -> None:
    library = _indexed(make_corpus)
    (library.root / "a.txt").unlink()
    assert edited(library.catalog, library.root)
