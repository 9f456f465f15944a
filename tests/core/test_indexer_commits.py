"""The Indexer's per-batch commit callback: what a front end lists during a first index."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.index import indexer
from reader.core.index.library import Library


def _corpus(folder: Path, count: int, word: str = "harbour") -> Path:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"{number:03}.txt").write_text(
            f"Report {number}\n\nThe {word} reopened today.\n", encoding="utf-8"
        )
    return folder


def test_first_index_commits_early_then_by_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "FIRST_BATCH", 7)
    monkeypatch.setattr(indexer, "BATCH", 20)
    library = Library(_corpus(tmp_path / "c", 45))
    calls: list[tuple[int, bool, int]] = []

    def committed(ids: list[str], fresh: bool) -> None:
        # Called once the catalog has the batch: a reader sees every id of it.
        seen = sum(library.catalog.summary(i) is not None for i in ids)
        calls.append((len(ids), fresh, seen))

    library.on_commit = committed
    library.update()
    assert calls == [(7, True, 7), (13, True, 13), (20, True, 20), (5, True, 5)]
    assert library.count() == 45
    # An ordinary update is not fresh, and commits by whole batches only.
    calls.clear()
    _corpus(tmp_path / "c", 45, word="port")
    library.update()
    assert [(n, fresh) for n, fresh, _ in calls] == [(20, False), (20, False), (5, False)]
    library.close()
