"""Fixtures for UI tests: an isolated home, a copy of the seeds, and a settled app."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerState

from reader.core.userdata.paths import bundled_seeds_dir
from reader.ui.app import ReaderApp
from reader.ui.main_screen import MainScreen


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Config, data and cache in tmp: tests never touch the user's files."""
    home = tmp_path / "home"
    for name, var in (("config", "READER_CONFIG_DIR"), ("data", "READER_DATA_DIR")):
        monkeypatch.setenv(var, str(home / name))
    monkeypatch.setenv("READER_CACHE_DIR", str(home / "cache"))
    for var in ("READER_CONFIG", "READER_THEME", "READER_READING_WIDTH"):
        monkeypatch.delenv(var, raising=False)
    yield home


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the demo corpus under a stable folder name."""
    target = tmp_path / "corpus" / "seeds"
    shutil.copytree(bundled_seeds_dir(), target)
    return target


async def workers_done(app: App[None]) -> None:
    """Wait until no worker is pending or running.

    Unlike ``app.workers.wait_for_complete()`` a worker cancelled on the way (an exclusive
    worker superseded by a newer one, as anchoring bookmarks is when the index commits
    again) is not a failure: it is what the app meant to do. Workers started while
    waiting are waited for too.
    """
    for _ in range(1000):
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            return
        for worker in busy:
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()


async def settle(pilot: Pilot[None], app: ReaderApp) -> MainScreen:
    """Wait until indexing and any search have finished and the screen is quiet."""
    for _ in range(200):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, MainScreen) and screen.search_ready:
            break
    await workers_done(app)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def type_query(pilot: Pilot[None], app: ReaderApp, text: str) -> MainScreen:
    await pilot.press("slash")
    await pilot.press(*text)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    # Until the query's results are listed, or the hint says why there are none (a query
    # to fix or to finish): what a person would wait for, not a fixed pause.
    hint = screen.query_one("#search-hint", Static)
    for _ in range(3000):
        results = screen.results
        if results is not None and results.query == text:
            break
        if not hint.has_class("-hidden") and not str(hint.render()).startswith("Indexing"):
            break
        await pilot.pause(0.01)
    await workers_done(app)
    await pilot.pause()
    return screen


AppFactory = Callable[..., ReaderApp]


@pytest.fixture
def make_app(seeds: Path) -> AppFactory:
    def factory(corpus: Path | None = None, **kwargs: object) -> ReaderApp:
        app = ReaderApp(corpus or seeds, **kwargs)  # type: ignore[arg-type]
        _keep_notifications(app)
        return app

    return factory


def _keep_notifications(app: ReaderApp) -> None:
    """Notifications stay up for the whole test (tests read ``app._notifications``).

    The app shows a warning for 8 s; on a loaded machine starting the app and waiting for
    it to settle can take longer, and the warning a test looks for was gone by then.
    """
    notify = app.notify

    def lasting(
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        notify(message, title=title, severity=severity, timeout=3600, markup=markup)

    app.notify = lasting  # type: ignore[method-assign]
