"""The app and odd corpus files: failures and skipped files are shown, names are safe."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from reader.core.index.library import Library
from reader.ui.widgets.doclist import DocList

from .conftest import AppFactory, settle, workers_done


def unsafe(text: str) -> list[str]:
    return [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs")]


async def test_an_indexing_failure_is_a_notification_and_the_bar_goes(
    tmp_path: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n\nbody")

    def broken(self: Library, *, progress: Any = None, **_: Any) -> None:
        if progress is not None:
            progress(1, 2, "a.txt")  # the bar is up...
        raise RuntimeError("boom\x1b[2J in a.txt\nsecond line")  # ...when it fails

    monkeypatch.setattr(Library, "update", broken)
    app = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(300):
            await pilot.pause(0.02)
            if app._notifications:
                break
        await workers_done(app)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages == ["Indexing failed: RuntimeError: boom\\x1b[2J in a.txt"]
        assert not app.screen.query("#index-progress")


async def test_skipped_files_are_counted_with_reasons(tmp_path: Path, make_app: AppFactory) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n\nbody")
    for number in range(4):
        (corpus / f"bin{number}.txt").write_bytes(b"\x00\x01" * 10)
    (corpus / "evil\x1b]52;c;SGk=\x07.txt").write_bytes(b"\x00" * 10)
    app = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert messages == [
            "5 files not indexed:\n"
            "bin0.txt: binary file\n"
            "bin1.txt: binary file\n"
            "bin2.txt: binary file\n"
            "… and 2 more (reader index lists them)"
        ]


async def test_hostile_names_are_shown_escaped_in_list_and_details(
    tmp_path: Path, make_app: AppFactory
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "evil\x1b[2J\u202e.txt").write_text("2024-01-01\n\nbody words")
    with open(os.path.join(os.fsencode(corpus), b"bad\xe9.txt"), "wb") as handle:
        handle.write(b"2024-01-02\n\nbody words")  # no title line: named after the file
    app = make_app(corpus)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        shown = [doclist._line_text(row, part).plain for row in doclist.rows for part in (0, 1)]
        assert all(unsafe(line) == [] for line in shown), shown
        assert {row.id for row in doclist.rows} == {"evil\\x1b[2J\\u202e", "bad\\xe9"}
        for doc_id in ("evil\\x1b[2J\\u202e", "bad\\xe9"):
            screen.open_document(doc_id)
            await pilot.pause()
            details = str(screen.query_one("#details-meta", Static).render())
            assert unsafe(details) == []
            assert f"File: {doc_id}.txt" in details
