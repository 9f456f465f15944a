"""The position saver: writes off the calling thread, newest wins, nothing lost on close."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.userdata.state import CorpusState
from reader.workspace.positions import PositionSaver


def test_saves_are_written_and_read_back(corpus: Path) -> None:
    saver = PositionSaver(CorpusState(corpus))
    saver.save("alpha", 120)
    assert (saver.last_document, saver.last_scroll) == ("alpha", 120)  # before it is written
    saver.close()
    again = CorpusState(corpus)
    assert (again.last_document, again.last_scroll) == ("alpha", 120)


def test_saves_arriving_during_a_write_are_coalesced(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = CorpusState(corpus)
    written: list[tuple[str | None, int]] = []
    entered, release = threading.Event(), threading.Event()
    real = state.save

    def slow_save(document: str | None, scroll: int) -> None:
        entered.set()
        release.wait(10)
        written.append((document, scroll))
        real(document, scroll)

    monkeypatch.setattr(state, "save", slow_save)
    saver = PositionSaver(state)
    saver.save("alpha", 1)
    assert entered.wait(10)  # the first write is under way, off this thread
    for scroll in range(2, 50):
        saver.save("beta", scroll)
    release.set()
    saver.close()
    assert written == [("alpha", 1), ("beta", 49)]
    assert CorpusState(corpus).last_scroll == 49


def test_a_failed_write_is_harmless(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = CorpusState(corpus)

    def failing(document: str | None, scroll: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(state, "save", failing)
    saver = PositionSaver(state)
    saver.save("alpha", 3)
    saver.close()  # no exception: remembering a position is a convenience
    saver.save("beta", 4)  # after close: ignored
    assert saver.last_document is None and not state.path.exists()


def test_the_workspace_flushes_positions_when_closed(corpus: Path) -> None:
    from reader.workspace import Workspace

    with Workspace(corpus) as workspace:
        workspace.positions.save("gamma", 7)
    state = CorpusState(corpus)
    assert (state.last_document, state.last_scroll) == ("gamma", 7)
