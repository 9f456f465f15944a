"""A first index in the TUI: the list fills batch by batch, committed articles open and
search (the hint says how much was searched), a failure part-way keeps what was done."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static

from reader.core.index import indexer
from reader.core.index.cachehealth import CacheUnwritable
from reader.core.index.engine.base import IndexedDoc
from reader.ui.app import ReaderApp
from reader.ui.main_screen import MainScreen
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.search_panel import SearchPanel

from .conftest import AppFactory, workers_done

FILES = 60
BATCH = 10


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """60 dated articles, indexed 10 per commit: six batches."""
    monkeypatch.setattr(indexer, "BATCH", BATCH)
    folder = tmp_path / "archive"
    folder.mkdir()
    for number in range(FILES):
        # Every article says "harbour"; each also has a word of its own.
        (folder / f"{number:03}.md").write_text(
            f"---\ntitle: Harbour report {number}\ndate: 2020-01-{number % 28 + 1:02}\n---\n\n"
            f"The harbour reopened today. Keyword{number} appears only here.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the index after its second commit until the test sets the event."""
    release = threading.Event()
    commit = indexer.Indexer._commit
    commits = [0]

    def held(self: indexer.Indexer, engine: object, batch: object) -> None:
        commit(self, engine, batch)  # type: ignore[arg-type]
        commits[0] += 1
        if commits[0] == 2:
            release.wait(60)  # bounded: a failing test never hangs the run

    monkeypatch.setattr(indexer.Indexer, "_commit", held)
    yield release
    release.set()


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    for _ in range(1500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not met")


def hint_text(screen: MainScreen) -> str:
    return str(screen.query_one("#search-hint", Static).render())


async def test_list_fills_as_batches_commit_and_articles_open(
    corpus: Path, gate: threading.Event, make_app: AppFactory
) -> None:
    app: ReaderApp = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        doclist = screen.query_one(DocList)
        await wait_for(pilot, lambda: len(doclist.rows) == 2 * BATCH)
        # The index is held after its second batch: not finished, the bar still there.
        assert list(screen.query("#index-progress").results(ProgressBar))
        assert screen.query_one(SearchPanel).coverage == (2 * BATCH, FILES)
        assert "20 documents so far" in app.sub_title
        # Sorted as the list always is: newest first.
        dates = [row.summary.date or "" for row in doclist.rows]
        assert dates == sorted(dates, reverse=True)
        assert doclist.cursor == 0  # untouched at the top: the first rows stay in view
        doclist.focus()
        await pilot.press("down", "enter")
        article = screen.query_one(ArticleView)
        await wait_for(pilot, lambda: article.document is not None)
        assert article.document is not None
        assert article.document.id == doclist.rows[1].id
        assert "harbour reopened" in article.document.text
        await pilot.press("j")  # the article scrolls, the list keeps its row
        gate.set()
        await wait_for(pilot, lambda: not screen.query("#index-progress"))
        await workers_done(app)
        await pilot.pause()
        assert len(doclist.rows) == FILES
        assert screen.query_one(SearchPanel).coverage is None
        assert "60 documents" in app.sub_title and "so far" not in app.sub_title
        title = str(screen.query_one("#list-title", Static).render())
        assert title.startswith("Documents: 60 · sorted by date")
        # The article opened meanwhile is still the one open, and marked in the list.
        assert article.document is not None and doclist.open_id == article.document.id
        assert doclist.current is not None and doclist.current.id == article.document.id


async def test_search_during_first_index_says_what_it_covered(
    corpus: Path, gate: threading.Event, make_app: AppFactory
) -> None:
    app: ReaderApp = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        doclist = screen.query_one(DocList)
        await wait_for(pilot, lambda: len(doclist.rows) == 2 * BATCH)
        await pilot.press("slash", *"harbour")
        await wait_for(pilot, lambda: "matching" in hint_text(screen))
        assert len(doclist.rows) == 2 * BATCH  # only what is indexed, never more
        assert "searching 20 of 60 articles indexed so far" in hint_text(screen)
        assert doclist.results_mode
        gate.set()
        await wait_for(pilot, lambda: not screen.query("#index-progress"))
        await workers_done(app)
        await pilot.pause()
        # Searched again once complete: every article, and no "so far" any more.
        await wait_for(pilot, lambda: len(doclist.rows) == FILES)
        assert "so far" not in hint_text(screen)
        assert hint_text(screen).startswith("60 matching articles")


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (RuntimeError("disk controller reset\nsecond line"), "RuntimeError: disk controller reset"),
        (CacheUnwritable("no space left on device\nmore"), "no space left on device"),
    ],
)
async def test_failure_part_way_keeps_the_committed_articles(
    corpus: Path,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    said: str,
) -> None:
    from reader.core.index.engine.whoosh_engine import WhooshWriter

    add = WhooshWriter.add
    calls = [0]

    # The engine's writer fails (a file that fails to parse is only a warning for it).
    def failing(self: WhooshWriter, doc: IndexedDoc) -> None:
        calls[0] += 1
        if calls[0] == 3 * BATCH + 5:  # in the fourth batch: three are committed
            raise error
        add(self, doc)

    monkeypatch.setattr(WhooshWriter, "add", failing)
    app: ReaderApp = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_for(pilot, lambda: any("stopped" in n.message for n in app._notifications))
        await workers_done(app)
        await pilot.pause()
        notices = [n.message for n in app._notifications if "stopped" in n.message]
        assert notices == [
            f"Indexing stopped after 30 of 60 articles ({said});"
            " those can be read and searched, the rest are indexed at the next start"
        ]
        doclist = screen.query_one(DocList)
        assert len(doclist.rows) == 3 * BATCH
        assert not screen.query("#index-progress")
        doclist.focus()
        await pilot.press("enter")
        article = screen.query_one(ArticleView)
        await wait_for(pilot, lambda: article.document is not None)
        await pilot.press("slash", *"harbour")
        await wait_for(pilot, lambda: "matching" in hint_text(screen))
        assert "searching 30 of 60 articles indexed so far" in hint_text(screen)
        assert len(doclist.rows) == 3 * BATCH


async def test_query_typed_before_the_first_batch_runs_when_it_commits(
    corpus: Path, gate: threading.Event, make_app: AppFactory
) -> None:
    app: ReaderApp = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"keyword3")  # typed at once, before any commit
        doclist = screen.query_one(DocList)
        # Run again as each batch commits: at the held second batch, what it covered.
        await wait_for(pilot, lambda: "searching 20 of 60" in hint_text(screen))
        assert [row.id for row in doclist.rows] == ["003"]  # keyword30..39: not indexed yet
        gate.set()
        await wait_for(pilot, lambda: not screen.query("#index-progress"))
        await workers_done(app)
        await wait_for(pilot, lambda: "so far" not in hint_text(screen))
        assert hint_text(screen).startswith("1 matching article")


async def test_the_steps_over_the_whole_corpus_are_named_under_the_bar(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, make_app: AppFactory
) -> None:
    from reader.core.index.library import Library

    library = Library(corpus)
    library.update()
    library.close()
    edited = corpus / "007.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line added later.\n", "utf-8")
    # The update waits once it has named its step, until the test has seen the name.
    release = threading.Event()
    stage = Library.announce_stage

    def held(self: Library, text: str) -> None:
        stage(self, text)
        release.wait(60)  # bounded: a failing test never hangs the run

    monkeypatch.setattr(Library, "announce_stage", held)
    app: ReaderApp = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        try:
            await wait_for(pilot, lambda: bool(screen.query("#index-stage")))
            label = str(screen.query_one("#index-stage", Static).render())
            assert label == f"Merging the corpus entities of {FILES} articles…"
            assert list(screen.query("#index-progress").results(ProgressBar))
        finally:
            release.set()
        await wait_for(pilot, lambda: not screen.query("#index-stage, #index-progress"))
        await workers_done(app)
