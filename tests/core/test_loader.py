"""Scanning a corpus folder: which files are articles, which are skipped and why."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.corpus.loader import CorpusError, decode, looks_binary, scan


def test_recursive_scan_extensions_and_ids(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus(
        {
            "business/001.txt": "a",
            "business/002.md": "b",
            "tech/deep/x.markdown": "c",
            "UPPER.TXT": "d",
            "notes.rst": "ignored",
            "image.png": b"\x89PNG",
            ".hidden/secret.txt": "ignored",
            ".dotfile.txt": "ignored",
        }
    )
    result = scan(root)
    assert [f.id for f in result.files] == ["UPPER", "business/001", "business/002", "tech/deep/x"]
    assert [f.rel for f in result.files][1] == "business/001.txt"
    assert result.skipped == []


def test_ids_that_would_clash_keep_their_extension(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"a.txt": "x", "a.md": "y", "b.txt": "z"})
    assert [f.id for f in scan(root).files] == ["a.md", "a.txt", "b"]


def test_empty_files_skipped_with_reason(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"empty.txt": "", "ok.txt": "text"})
    result = scan(root)
    assert [f.id for f in result.files] == ["ok"]
    assert [(s.rel, s.reason) for s in result.skipped] == [("empty.txt", "empty file")]


def test_symlink_loop_ends_with_one_warning(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"sub/a.txt": "text"})
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    result = scan(root)
    assert [f.id for f in result.files] == ["sub/a"]
    reasons = {s.rel: s.reason for s in result.skipped}
    assert reasons["sub/loop"].startswith("symlink loop")
    assert "symlink" in reasons["self.txt"]
    assert "symlink" in reasons["dangling.txt"]
    assert len(result.skipped) == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_folder_is_skipped(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"ok.txt": "x", "locked/a.txt": "y"})
    (root / "locked").chmod(0)
    try:
        result = scan(root)
    finally:
        (root / "locked").chmod(0o755)
    assert [f.id for f in result.files] == ["ok"]
    assert [s.rel for s in result.skipped] == ["locked"]


def test_fifo_is_not_read(make_corpus: Callable[..., Path]) -> None:
    root = make_corpus({"ok.txt": "x"})
    os.mkfifo(root / "pipe.txt")
    result = scan(root)
    assert [f.id for f in result.files] == ["ok"]
    assert [(s.rel, s.reason) for s in result.skipped] == [("pipe.txt", "not a regular file")]


def test_missing_or_file_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        scan(tmp_path / "nope")
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(CorpusError, match="not a folder"):
        scan(tmp_path / "f.txt")


def test_decode() -> None:
    assert decode("café".encode()) == ("café", None)
    assert decode("\ufeffBOM".encode()) == ("BOM", None)
    text, warning = decode("naïve “quotes” €5".encode("cp1252"))
    assert text == "naïve “quotes” €5"
    assert warning is not None and "cp1252" in warning
    text, warning = decode(b"\x81\x8d\x8f")  # undefined in cp1252
    assert text == "\x81\x8d\x8f"
    assert warning is not None and "Latin-1" in warning


def test_looks_binary() -> None:
    assert looks_binary(b"text\x00more")
    assert looks_binary(bytes(range(1, 32)) * 10)
    assert not looks_binary(b"ordinary text\r\n\twith \x1b[1m escapes")
    assert not looks_binary(b"")
