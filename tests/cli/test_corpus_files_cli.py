"""``reader index`` accounts for every file of the corpus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run_main as run


def test_the_issue_corpus_lists_all_four(
    make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus(
        {
            "a.txt": "Just one paragraph of text here.\n",
            "b.txt": "Title only\n",
            "c.txt": "x",
            "d.md": "---\ntitle: Front\n---\n",
        }
    )
    code, out, _ = run(capsys, "index", "--corpus", str(root))
    assert code == 0
    assert "added 4, updated 0, removed 0, unchanged 0, skipped 0" in out
    code, out, _ = run(capsys, "list", "--corpus", str(root))
    assert [line.split("\t")[0] for line in out.splitlines()] == ["a", "b", "c", "d"]


def test_index_names_every_file_it_did_not_index(
    make_corpus: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus(
        {
            ".readerignore": "README.md\ndrafts/\nbad\\\n",
            "README.md": "readme",
            "drafts/x.txt": "draft",
            "a.txt": "Article\n\nbody",
            "empty.txt": "",
            "scan.pdf": b"%PDF",
            "notes": "no extension",
        }
    )
    (root / "again.txt").symlink_to(root / "a.txt")
    code, out, err = run(capsys, "index", "--corpus", str(root))
    assert code == 0
    lines = out.splitlines()
    assert "added 1, updated 0, removed 0, unchanged 0, skipped 2" in lines
    assert "skipped again.txt: same file as a.txt" in lines
    assert "skipped empty.txt: empty file" in lines
    assert "1 file and 1 folder ignored by .readerignore" in lines
    assert (
        "2 other files not read (.pdf 1, no extension 1): "
        "articles are .txt, .md and .markdown files"
    ) in lines
    assert "warning: .readerignore line 3: not a valid pattern, ignored: 'bad\\\\'" in err
    # Other commands say it in one line.
    code, _, err = run(capsys, "list", "--corpus", str(root))
    assert "reader: 2 files skipped (reader index lists them)" in err
