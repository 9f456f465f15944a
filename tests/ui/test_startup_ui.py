"""Start-up: the first frame comes before the list is read; the list, the search, the
restored article and the index update follow once it is (issue 13)."""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from reader.core.index.catalog import DocSummary
from reader.core.index.library import Library
from reader.ui.app import ReaderApp
from reader.ui.commands import OpenArticleCommands
from reader.ui.main_screen import MainScreen
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.searchbox import SearchBox

from .conftest import AppFactory, settle, type_query

NEWEST = "001_21c52abc1f1fddb1"


@pytest.fixture
def indexed(seeds: Path) -> Path:
    library = Library(seeds)
    library.update()
    library.close()
    return seeds


@pytest.fixture
def held_list() -> Iterator[threading.Event]:
    """Set it to let the app read its list (bounded: a failing test never hangs)."""
    release = threading.Event()
    yield release
    release.set()


def hold_list(app: ReaderApp, release: threading.Event) -> list[str]:
    """Make the app's list (its order, read from the catalog) wait for ``release``;
    returns the threads that read it."""
    catalog = app.library.catalog
    read = catalog.order
    readers: list[str] = []

    def held(key: str) -> array[int]:
        readers.append(threading.current_thread().name)
        release.wait(30)
        return read(key)

    catalog.order = held  # type: ignore[method-assign]
    return readers


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(1500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not met")


def text_of(screen: MainScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_first_frame_comes_before_the_list_is_read(
    indexed: Path, held_list: threading.Event, make_app: AppFactory
) -> None:
    app = make_app(indexed)
    readers = hold_list(app, held_list)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.painted)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        doclist = screen.query_one(DocList)
        assert not screen.documents_loaded and doclist.rows == []
        assert "loading" in text_of(screen, "#list-title")
        assert not screen.search_ready
        # Read off the UI thread; nothing that needs the list has started yet.
        assert readers and readers[0] != threading.main_thread().name
        assert not [w for w in app.workers if w.group == "index"]
        held_list.set()
        await settle(pilot, app)
        assert doclist.rows[0].id == NEWEST and len(doclist.rows) == 3
        assert "Documents: 3" in text_of(screen, "#list-title")
        assert app.sub_title == "seeds — 3 documents · whoosh"
        await type_query(pilot, app, "Avdiivka")
        assert [r.id for r in doclist.rows] == [NEWEST]


async def test_a_query_typed_while_the_list_is_read_is_searched_once_it_is(
    indexed: Path, held_list: threading.Event, make_app: AppFactory
) -> None:
    app = make_app(indexed)
    hold_list(app, held_list)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.painted)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"Avdiivka")
        assert screen.query_one(SearchBox).value == "Avdiivka"
        await wait_for(pilot, lambda: "Reading the list" in text_of(screen, "#search-hint"))
        held_list.set()
        await wait_for(pilot, lambda: screen.results is not None)
        await settle(pilot, app)
        doclist = screen.query_one(DocList)
        assert doclist.results_mode and [r.id for r in doclist.rows] == [NEWEST]
        assert "1 matching article" in text_of(screen, "#search-hint")


async def test_the_last_article_is_restored_once_the_list_is_read(
    indexed: Path, held_list: threading.Event, make_app: AppFactory
) -> None:
    app = make_app(indexed)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        screen.open_document(NEWEST)
        await pilot.press("q")
    again = make_app(indexed)
    hold_list(again, held_list)
    async with again.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: again.painted)
        main = again.screen
        assert isinstance(main, MainScreen)
        await wait_for(pilot, lambda: main.sidebar_ready)
        article = main.query_one(ArticleView)
        assert article.document is None  # waits for the list
        held_list.set()
        await settle(pilot, again)
        assert article.document is not None and article.document.id == NEWEST


async def test_clearing_a_query_lists_the_documents_without_reading_them_again(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        listed = [r.id for r in doclist.rows]
        reads: list[str] = []
        read, order = app.library.summaries, app.library.catalog.order

        def counted() -> list[DocSummary]:
            reads.append("summaries")
            return read()

        def ordered(key: str) -> array[int]:
            reads.append("order")
            return order(key)

        app.library.summaries = counted  # type: ignore[method-assign]
        app.library.catalog.order = ordered  # type: ignore[method-assign]
        await type_query(pilot, app, "Avdiivka")
        assert doclist.results_mode
        await pilot.press("escape")
        await pilot.pause()
        assert not doclist.results_mode and [r.id for r in doclist.rows] == listed
        # The palette's "open article" titles too.
        provider = OpenArticleCommands(screen)
        await provider.startup()
        assert sorted(provider.titles) == sorted(r.summary.title for r in doclist.rows)
        assert reads == []  # 20,000 rows were read again on the UI thread for these
