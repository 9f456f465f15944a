"""The main screen: document list | article | sidebar, with search and indexing."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.lazy import Lazy
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, TabbedContent, TabPane
from textual.worker import get_current_worker

from reader.core.entities.model import Entity
from reader.core.index.cachehealth import CacheError
from reader.core.index.library import Library, SearchResults, UpdateReport
from reader.core.text.display import safe_name
from reader.core.userdata.state import SearchHistory
from reader.ui.entity_curation import EntitiesEdited
from reader.ui.host import ReaderHost
from reader.ui.index_notices import skipped_notice
from reader.ui.messages import (
    DocumentsLoaded,
    EntitiesLoaded,
    IndexCommitted,
    IndexFinished,
    IndexProgress,
    IndexStage,
)
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.bookmarks import BookmarksPane
from reader.ui.widgets.details import DetailsPane
from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.entities import EntitiesPane, mark_layer
from reader.ui.widgets.keybar import KeyBar
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.searchbox import SearchBox
from reader.workspace import Workspace
from reader.workspace.duplicates import duplicate_lines
from reader.workspace.entity_filter import EntityFilter
from reader.workspace.listing import DocumentListing

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from reader.core.corpus.document import Document, Original


__all__ = ["EntityFilter", "MainScreen", "Sidebar"]


class Sidebar(TabbedContent):
    """The sidebar's tabs: Details, Bookmarks, Entities."""

    class Ready(Message):
        """The sidebar and its panes are mounted."""

    def on_mount(self) -> None:
        self.post_message(self.Ready())


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#doclist"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs as the app takes the key, before it takes the next
        # one; a plain one runs only once the key has bubbled up from the focused
        # widget, and the word typed right after '/' went to the list meanwhile.
        Binding(
            "slash",
            "focus_search",
            "Search",
            id="app.search",
            tooltip="Search the corpus",
            priority=True,
        ),
        Binding("escape", "clear_search", "Clear", show=False, id="app.clear_search"),
        Binding("f2", "toggle_list", "List", id="app.toggle_list", tooltip="Show/hide list"),
        Binding("f3", "toggle_sidebar", "Sidebar", id="app.toggle_sidebar"),
        Binding("B", "show_bookmarks", "Bookmarks", show=False, id="app.show_bookmarks"),
        Binding("e", "show_entities", "Entities tab", show=False, id="app.show_entities"),
        Binding("c", "compare", "Compare", id="app.compare", tooltip="Compare with another"),
        Binding(
            "r",
            "toggle_original",
            "Original",
            id="app.toggle_original",
            tooltip="The original file, with what cleaning removed and why",
        ),
        Binding(
            "right_square_bracket",
            "next_mention",
            "Next mention",
            show=False,
            id="app.next_mention",
            tooltip="Next mention of the selected entity",
        ),
        Binding(
            "left_square_bracket",
            "previous_mention",
            "Previous mention",
            show=False,
            id="app.previous_mention",
        ),
        Binding(
            "E",
            "corpus_entities",
            "Entities",
            id="app.corpus_entities",
            tooltip="All entities of the corpus",
        ),
        Binding(
            "D",
            "toggle_duplicates",
            "Hide duplicates",
            show=False,
            id="app.toggle_duplicates",
            tooltip="List one article per group of near-duplicates",
        ),
        Binding("question_mark,f1", "app.toggle_help", "Help", id="app.help"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
    ]
    DEFAULT_CSS = """
    MainScreen #main { height: 1fr; }
    MainScreen #list-pane { width: 34%; min-width: 26; max-width: 60; }
    MainScreen #article {
        width: 1fr; min-width: 40; border: round $panel; border-subtitle-align: right;
        border-subtitle-color: $accent;
    }
    MainScreen #article:focus { border: round $primary; }
    MainScreen #sidebar, MainScreen #sidebar-slot { width: 30%; min-width: 24; max-width: 56; }
    MainScreen #sidebar-slot { display: block; }
    MainScreen #sidebar-slot.-hidden { display: none; }
    MainScreen #search-hint { height: auto; color: $warning; padding: 0 1; }
    MainScreen #search-hint.-info { color: $foreground 60%; }
    MainScreen #index-progress { padding: 0 1; height: 1; }
    MainScreen #index-stage { padding: 0 1; height: auto; color: $foreground 60%; }
    MainScreen #list-title { height: 1; padding: 0 1; background: $panel; color: $foreground 80%; }
    MainScreen .-hidden { display: none; }
    MainScreen.-narrow #sidebar, MainScreen.-narrow #sidebar-slot { display: none; }
    """

    def __init__(self, workspace: Workspace, history: SearchHistory) -> None:
        super().__init__()
        # The session state (search, entity filter, bookmarks, positions) lives in the
        # workspace; this screen lays it out and turns keys into calls to it.
        self.workspace = workspace
        self.library = workspace.library
        # A search that meets a damaged cache rebuilds it before answering: say so.
        self.library.on_repair = self._rebuilding_notice
        self.history = history
        self.search_session = workspace.search_session
        self.selected_entity: Entity | None = None
        self.mention_index = -1
        self._background_started = False
        self.sidebar_ready = False  # see compose: the sidebar comes a frame later
        self._loading_started = False
        self.documents_loaded = False  # see load_documents: the list is read in a worker
        self._pending_open: tuple[str, int | None, bool] | None = None
        # A first index lists its batches as they commit: the index worker leaves the
        # committed articles here and posts IndexCommitted; the screen takes them all.
        self._arrivals: list[str] = []  # their ids
        self._arrivals_lock = threading.Lock()
        self._committed = 0  # articles a first index has committed so far

    @property
    def generation(self) -> int:
        return self.search_session.generation

    @property
    def results(self) -> SearchResults | None:
        return self.search_session.results

    @property
    def search_ready(self) -> bool:
        return self.search_session.ready

    @search_ready.setter
    def search_ready(self, ready: bool) -> None:
        self.search_session.ready = ready

    @property
    def last_latency(self) -> float | None:
        """Keystroke to search results on screen, for benchmarks/tui.py."""
        return self.query_one(SearchPanel).last_latency

    @last_latency.setter
    def last_latency(self, value: float | None) -> None:
        self.query_one(SearchPanel).last_latency = value

    @property
    def entity_filter(self) -> EntityFilter | None:
        return self.workspace.entity_filter

    @dataclass
    class CompareRequested(Message):
        """``c``: compare ``document`` with an article to pick; the app shows the split view,
        A at ``offset`` with the search's ``query`` and its ``hits``."""

        screen: MainScreen  # where a side opened alone from the split view goes
        document: Document
        offset: int
        hits: list[tuple[int, int]]
        query: str | None
        reading_width: int

    @property
    def reader_app(self) -> ReaderHost:
        assert isinstance(self.app, ReaderHost)
        return self.app

    def compose(self) -> ComposeResult:
        config = self.reader_app.config
        yield Header()
        with Horizontal(id="main"):
            yield SearchPanel(
                self.workspace,
                self.history,
                id="list-pane",
                classes="" if config.show_list else "-hidden",
            )
            yield ArticleView(reading_width=config.reading_width, id="article")
            hidden = "" if config.show_sidebar else "-hidden"
            # The sidebar (tabs and three panes: a third of the widgets) is mounted just
            # after the first frame, into a slot of its width: the list and article show
            # about 40 ms sooner. The article is restored once it is there.
            self._sidebar = Sidebar(id="sidebar", classes=hidden)
            slot = Lazy(self._sidebar)
            slot.id = "sidebar-slot"
            slot.set_classes(hidden)
            with slot:
                with TabPane("Details", id="tab-details"):
                    yield DetailsPane(id="details")
                with TabPane("Bookmarks", id="tab-bookmarks"):
                    yield BookmarksPane(self.workspace.bookmarks, id="bookmarks")
                with TabPane("Entities", id="tab-entities"):
                    yield EntitiesPane(id="entities")
        yield KeyBar()

    # -- start-up and indexing -------------------------------------------------------

    def on_mount(self) -> None:
        # Harmless: the next save replaces the file.
        for problem in self.workspace.positions.problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        # The list's rows are read in a worker started after the first frame (see
        # load_documents).
        if self.reader_app.painted:
            self.load_documents()
        # At once: a deferred focus, applied after keys typed during start-up, took the
        # focus back from the search box that '/' had just given it.
        self.set_focus(self.query_one(DocList))
        # Restoring the article waits for the sidebar (Sidebar.Ready) and the list; the
        # index update and re-anchoring wait for the first frame too (ReaderApp.on_ready):
        # they run in threads that hold the GIL, and started any earlier they delayed
        # that frame.

    def load_documents(self) -> None:
        """Read the list's rows in a worker (once), the first frame being on screen.

        At 20,000 articles reading them took longer than everything else before the
        first frame (issue 13): the screen is drawn first, its list saying it is
        loading, and filled when they arrive. Started with that frame rather than
        before it, as the index update is: a thread holding the GIL delayed it.
        """
        if not self._loading_started:
            self._loading_started = True
            self._load_documents()

    @work(thread=True, exclusive=True, group="documents", exit_on_error=False)
    def _load_documents(self) -> None:
        listing = DocumentListing(self.library)  # the list's first order: newest first
        try:
            listing.reload()
            ready = bool(listing.total) and self.library.index_dir.exists()
        except Exception as error:  # a cache that cannot be read: the update may repair it
            first = (str(error).splitlines() or [type(error).__name__])[0]
            self.post_message(DocumentsLoaded(DocumentListing(self.library), False, first))
            return
        self.post_message(DocumentsLoaded(listing, ready))

    def on_documents_loaded(self, message: DocumentsLoaded) -> None:
        if message.error is not None:
            self.notify(
                f"The list of articles could not be read: {message.error}",
                severity="error",
                markup=False,
            )
        self.documents_loaded = True
        self.search_ready = message.ready
        # No search ran before (SearchPanel.run_search waits for the list): no results
        # are listed that these would replace.
        self._show_documents(message.listing)
        panel = self.query_one(SearchPanel)
        search = self.query_one(SearchBox)
        if panel.waiting:
            panel.hint("")
            if search.value.strip():
                panel.run_search(search.value)  # typed while the list was being read
        opened = self._pending_open is not None or self.query_one(ArticleView).document
        if self.sidebar_ready and not opened and message.listing.total:
            self._restore_position()  # else when the sidebar is there (_sidebar_mounted)
        if self.reader_app.painted:
            self.start_background_work()

    @on(Sidebar.Ready)
    def _sidebar_mounted(self, event: Sidebar.Ready) -> None:
        event.stop()
        self.sidebar_ready = True
        pending, self._pending_open = self._pending_open, None
        if pending is not None:
            self.open_document(pending[0], scroll_to=pending[1], focus=pending[2])
        elif self.documents_loaded and self.query_one(DocList).rows:
            self._restore_position()
        if self.reader_app.painted:
            self.start_background_work()

    def start_background_work(self) -> None:
        """Bring the index up to date and anchor the bookmarks (once, when the first
        frame, the sidebar and the list are there)."""
        if self._background_started or not (self.sidebar_ready and self.documents_loaded):
            return
        self._background_started = True
        if self.query_one(DocList).rows:  # else anchored when the index is first built
            self.query_one(BookmarksPane).refresh_anchors()
        self._index()

    def _show_documents(self, listing: DocumentListing | None = None) -> None:
        """List ``listing`` (read afresh after an update), or without it the
        documents last read (the index has not changed: a filter has)."""
        panel = self.query_one(SearchPanel)
        panel.show_documents(listing)
        self._show_count(panel.documents.total if panel.documents is not None else 0)

    def _read_documents(self) -> DocumentListing:
        """The corpus's documents read afresh, in the list's order."""
        doclist = self.query_one(DocList)
        listing = DocumentListing(self.library, doclist.sort_key, doclist.sort_reverse)
        listing.reload()
        return listing

    def _show_count(self, count: int, so_far: str = "") -> None:
        self.app.sub_title = (  # and the search engine of its index
            f"{safe_name(self.library.root.name)} — {count:,} documents{so_far}"
            f" · {self.library.engine.name}"
        )

    def _restore_position(self) -> None:
        positions = self.workspace.positions
        doc_id = positions.last_document
        if doc_id and self.library.document(doc_id) is not None:
            self.open_document(doc_id, scroll_to=positions.last_scroll, focus=False)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _index(self) -> None:
        worker = get_current_worker()
        builder = Library(self.library.root, self.library.cache)
        last = [-1, 0]  # the last percent reported, the number of files to index
        # Nothing listed yet (a first index): list and search each batch once committed.
        listing = not self.search_ready
        with self._arrivals_lock:
            self._committed = 0

        def progress(done: int, total: int, _name: str) -> None:
            last[1] = total
            percent = done * 100 // max(total, 1)
            if percent != last[0]:
                last[0] = percent
                self.post_message(IndexProgress(done, total))

        def committed(ids: list[str], fresh: bool) -> None:
            if not (listing and fresh):
                return
            # The screen reads the list's order again (its row numbers: not a summary
            # per article); the count is the ids committed.
            found = ids
            self.library.refresh()  # the screen's searches and opens see this commit
            with self._arrivals_lock:
                self._arrivals.extend(found)
                self._committed += len(found)
                done = self._committed
            self.post_message(IndexCommitted(done, last[1]))

        builder.on_repair = self._rebuilding_notice
        builder.on_commit = committed

        def stage(text: str) -> None:  # a step over the whole corpus, after the articles
            self.post_message(IndexStage(text))

        builder.on_stage = stage
        try:
            report = builder.update(progress=progress, cancelled=lambda: worker.is_cancelled)
        except CacheError as error:  # a full disk: the last index still answers
            if self._committed:  # part of a first index is there: say how much
                line = (str(error).splitlines() or [type(error).__name__])[0]
                self.post_message(IndexFinished(None, line))
                return
            self.app.notify(str(error), severity="error", markup=False, timeout=10)
            report = UpdateReport()
        except Exception as error:  # shown as a notification: the bar must not hang
            first = str(error).splitlines()[0] if str(error) else ""
            self.post_message(IndexFinished(None, f"{type(error).__name__}: {first}"))
            return
        finally:
            builder.close()
        # This update's corpus entities, read here rather than by the first E or sidebar
        # after it; a failure shows where they are used.
        with contextlib.suppress(Exception):
            self.library.corpus_entities()
        if report.read_only:
            self.app.notify(
                f"Cannot update the index ({report.read_only}): showing it as last built",
                severity="warning",
                markup=False,
            )
        self.post_message(IndexFinished(report))

    def _rebuilding_notice(self, problem: str) -> None:
        # From worker threads; App.notify is thread-safe.
        self.app.notify(f"{problem}: rebuilding the index", severity="warning", markup=False)

    def on_index_progress(self, message: IndexProgress) -> None:
        # Mounted on the first progress report, not composed: most starts find the
        # index up to date, and the bar's widgets would only delay the first paint.
        self._progress_bar().update(total=message.total, progress=message.done)

    def _progress_bar(self) -> ProgressBar:
        from textual.widgets import ProgressBar  # imported when first needed

        bar = next(self.query("#index-progress").results(ProgressBar), None)
        if bar is None:
            bar = ProgressBar(id="index-progress", show_eta=False)
            self.query_one("#list-pane").mount(bar, after="#search-hint")
        return bar

    def on_index_stage(self, message: IndexStage) -> None:
        """Name the step over the whole corpus under the bar (which stays full meanwhile)."""
        from rich.text import Text
        from textual.widgets import Static

        bar = self._progress_bar()
        label = next(self.query("#index-stage").results(Static), None)
        # Plain Text: a step's words are ours, but never read as markup all the same.
        text = Text(f"{message.text[:1].upper()}{message.text[1:]}…")
        if label is None:
            self.query_one("#list-pane").mount(Static(text, id="index-stage"), after=bar)
        else:
            label.update(text)

    def on_index_committed(self, message: IndexCommitted) -> None:
        """A first index committed more articles: list them, and search them."""
        with self._arrivals_lock:
            arrived, self._arrivals = self._arrivals, []
        panel = self.query_one(SearchPanel)
        panel.coverage = (message.committed, max(message.total, message.committed))
        if arrived:
            panel.add_documents()
        self._show_count(message.committed, " so far")
        self.search_ready = True  # on the committed articles; the hint says how many
        search = self.query_one(SearchBox)
        # The query typed meanwhile, or its results, grown; after the last batch the
        # finished index runs it (once, on the complete index).
        if search.value.strip() and message.committed < message.total:
            panel.run_search(search.value)

    def on_index_finished(self, message: IndexFinished) -> None:
        report = message.report
        for bar in self.query("#index-progress, #index-stage"):
            bar.remove()
        panel = self.query_one(SearchPanel)
        if report is None:
            error = safe_name(message.error or "unknown error")
            if self._committed:  # a first index stopped part-way: what it did stays
                self._partial_index(error)
                return
            self.notify(f"Indexing failed: {error}", severity="error", markup=False)
            return
        if report.cancelled and self._committed:
            return  # quitting: the rest is indexed at the next start
        panel.coverage = None
        self.workspace.refresh()  # the index and the near-duplicate groups it found
        self.search_ready = True
        bookmarks = self.query_one(BookmarksPane)
        if report.changed or report.rebuilt or not bookmarks.loaded:
            bookmarks.refresh_anchors()  # documents may have changed: anchor again
        if report.changed or report.rebuilt:
            count = self.library.count()
            if self._committed and self.query_one(SearchPanel).listed_all(count):
                self._show_count(count)  # every batch is listed: no reload nor re-sort
            else:
                self._show_documents(self._read_documents())
            if self.query_one(ArticleView).document is None:
                self._restore_position()
        if report.rebuilt and report.rebuilt != "requested" and "format" not in report.rebuilt:
            self.notify(f"Index rebuilt: {report.rebuilt}", severity="warning", markup=False)
        if report.skipped:
            self.notify(skipped_notice(report), severity="warning", markup=False, timeout=10)
        search = self.query_one(SearchBox)
        if search.value.strip():
            self.query_one(SearchPanel).run_search(search.value)

    def _partial_index(self, error: str) -> None:
        """A first index failed after committing some batches: those stay listed,
        readable and searchable (the hint says how many), with a one-line notice."""
        with self._arrivals_lock:
            arrived, self._arrivals = self._arrivals, []
        panel = self.query_one(SearchPanel)
        self.library.refresh()
        if arrived:
            panel.add_documents()
        self.search_ready = True
        done, total = panel.coverage or (self._committed, self._committed)
        self._show_count(done, f" of {total:,}")
        self.notify(
            f"Indexing stopped after {done:,} of {total:,} articles ({error}); those can be"
            " read and searched, the rest are indexed at the next start",
            severity="error",
            markup=False,
            timeout=15,
        )
        search = self.query_one(SearchBox)
        if search.value.strip():  # typed before the first batch, or searched since
            panel.run_search(search.value)

    # -- search ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            # Being a priority binding, '/' would win over the focused widget's use of
            # the key: typed in a text field (the search box, a filter), the Entities
            # tab's own filter key. Those keep it.
            if isinstance(self.focused, Input):
                return False
            return not self._key_bound_below("focus_search")
        return True

    def _key_bound_below(self, action: str) -> bool:
        """Whether a key of this screen's ``action`` is bound by the focused widget or one
        of its containers (keymap applied, as Textual resolves a key)."""
        chain = self._binding_chain  # the focused widget first, this screen, the app
        keys = {
            key
            for node, bindings in chain
            if node is self
            for key, found in bindings.key_to_bindings.items()
            if any(binding.action == action for binding in found)
        }
        return any(
            key in bindings.key_to_bindings
            for node, bindings in chain
            if node is not self and node is not self.app
            for key in keys
        )

    def action_focus_search(self) -> None:
        if not self.query_one("#list-pane").display:
            self.action_toggle_list()
        # At once, not after a refresh like Widget.focus: the keys typed after '/'
        # are dispatched to whatever has focus when the app takes them.
        self.set_focus(self.query_one(SearchBox))

    def action_clear_search(self) -> None:
        search = self.query_one(SearchBox)
        if search.value:
            search.value = ""
        elif self.entity_filter is not None:
            self.set_entity_filter(None)
        elif self.app.screen.query("HelpPanel"):
            self.app.action_hide_help_panel()
            return
        self.query_one(DocList).focus()

    @on(SearchPanel.ResultsShown)
    def _results_shown(self, _event: SearchPanel.ResultsShown) -> None:
        self._apply_hits(go_first=False, compute=False)

    @on(SearchPanel.Cleared)
    def _search_cleared(self, _event: SearchPanel.Cleared) -> None:
        article = self.query_one(ArticleView)
        article.set_hits([])
        if self.sidebar_ready:
            self.query_one(DetailsPane).show_hits(article.document, [])

    @on(SearchBox.Submitted, "#search")
    def _search_submitted(self, event: SearchBox.Submitted) -> None:
        search = self.query_one(SearchBox)
        if not event.value.strip():
            return
        search.remember()
        row = self.query_one(DocList).current
        if row is not None and self.results is not None:
            self.open_document(row.id)

    def _apply_hits(self, *, go_first: bool, compute: bool = True) -> None:
        """Mark the open article's hits from the current results.

        Results arrive in stages (titles, then snippets and positions); with
        ``compute=False`` an article whose hit has no positions yet keeps its marks
        until they arrive, instead of scanning its text on the UI thread.
        """
        article = self.query_one(ArticleView)
        document = article.document
        spans: list[tuple[int, int]] = []
        if document is not None:
            # The search's own matcher: the same hits, no query parsed again.
            found = self.search_session.spans_for(document.id, document.text, compute=compute)
            if found is None:
                return  # positions not here yet: keep the marks until they arrive
            spans = found
        if spans == article.hits and not go_first:
            return  # the same marks: keep the reader's place among them
        article.set_hits(spans, go_first=go_first)
        self.query_one(DetailsPane).show_hits(document, spans)

    # -- opening articles -------------------------------------------------------------

    @on(DocList.Opened)
    def _list_opened(self, event: DocList.Opened) -> None:
        self.open_document(event.doc_id)

    def open_document(
        self, doc_id: str, *, scroll_to: int | None = None, focus: bool = True
    ) -> None:
        if not self.sidebar_ready:  # opened in the first few frames: once it is there
            self._pending_open = (doc_id, scroll_to, focus)
            return
        document = self.library.document(doc_id)
        if document is None:
            self.notify(
                f"Article {doc_id} is no longer in the corpus", severity="warning", markup=False
            )
            return
        article = self.query_one(ArticleView)
        self._close_original(focus=False)
        article.show_document(document, scroll_to=scroll_to)
        self.query_one(DetailsPane).show(document, self.library.root)
        self.query_one(DetailsPane).show_removed(self.library.removed(doc_id))
        self.query_one(DetailsPane).show_duplicates(duplicate_lines(self.library, doc_id))
        self.query_one(BookmarksPane).show_article(doc_id)
        self._show_bookmark_marks()
        self._load_entities(doc_id)
        self.query_one(DocList).mark_open(doc_id)
        self._apply_hits(go_first=scroll_to is None)
        if focus:
            article.focus()
        self.save_position(scroll_to or 0)

    # -- the original file (r) ------------------------------------------------------

    def action_toggle_original(self) -> None:
        from reader.ui.widgets.original import OriginalView

        if self.query(OriginalView):
            self._close_original(focus=True)
            return
        document = self.query_one(ArticleView).document
        if document is None:
            self.notify("Open an article first", severity="warning")
            return
        self._load_original(document.id)

    @work(thread=True, exclusive=True, group="original", exit_on_error=False)
    def _load_original(self, doc_id: str) -> None:
        original = self.library.original(doc_id)  # reads the file: off the UI thread
        self.app.call_from_thread(self._show_original, doc_id, original)

    def _show_original(self, doc_id: str, original: Original | None) -> None:
        from reader.ui.widgets.original import OriginalView

        article = self.query_one(ArticleView)
        if article.document is None or article.document.id != doc_id or self.query(OriginalView):
            return  # another article was opened meanwhile
        if original is None:
            self.notify(f"The file of {doc_id} can no longer be read", severity="warning",
                        markup=False)  # fmt: skip
            return
        view = OriginalView(doc_id, original, id="original")
        article.display = False
        self.query_one("#main").mount(view, after=article)
        view.focus()

    def _close_original(self, *, focus: bool) -> None:
        from reader.ui.widgets.original import OriginalView

        for view in self.query(OriginalView):
            view.remove()
            article = self.query_one(ArticleView)
            article.display = True
            if focus:
                article.focus()

    def on_original_view_closed(self, event: Message) -> None:
        event.stop()
        self._close_original(focus=True)

    def save_position(self, offset: int | None = None) -> None:
        """Remember the open article and where it is scrolled to (or ``offset``)."""
        article = self.query_one(ArticleView)
        doc_id = article.document.id if article.document else None
        where = article.top_offset() if offset is None else offset
        # Written by a background thread: no fsync on the UI thread per article opened.
        self.workspace.positions.save(doc_id, where)

    @on(ArticleView.HitChanged)
    def _hit_changed(self, event: ArticleView.HitChanged) -> None:
        article = self.query_one(ArticleView)
        if event.total == 0:
            article.border_subtitle = ""
        elif event.index < 0:
            article.border_subtitle = f"{event.total} hits · n / N"
        else:
            article.border_subtitle = f"hit {event.index + 1} / {event.total}"
            self.query_one(DetailsPane).highlight_hit(event.index)

    @on(DetailsPane.HitChosen)
    def _hit_chosen(self, event: DetailsPane.HitChosen) -> None:
        article = self.query_one(ArticleView)
        article.go_to_hit(event.index)
        article.focus()

    def action_reindex(self) -> None:
        self._index()

    def action_toggle_duplicates(self) -> None:
        """List one article per group of near-duplicates, or all of them again."""
        duplicates = self.workspace.duplicates
        duplicates.hide = not duplicates.hide
        panel = self.query_one(SearchPanel)
        if self.query_one(DocList).results_mode and self.results is not None:
            panel.show_results_again()
        else:
            self._show_documents()
        hidden = "hidden: one article per group" if duplicates.hide else "shown"
        self.notify(f"Near-duplicates {hidden}", timeout=2)

    def action_compare(self) -> None:
        """Pick a partner for the open article, then show both side by side (the app does)."""
        article = self.query_one(ArticleView)
        if article.document is None:
            self.notify("Open an article first, then compare it with another", timeout=3)
            return
        query = self.results.query if self.results is not None else None
        hits, width = list(article.hits), article.reading_width
        request = self.CompareRequested(
            self, article.document, article.top_offset(), hits, query, width
        )
        self.post_message(request)

    # -- entities ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def _load_entities(self, doc_id: str) -> None:
        self.app.call_from_thread(self.query_one(EntitiesPane).show_loading)
        try:
            entities: list[Entity] | None = self.library.entities(doc_id)
        except Exception:  # a damaged cache row: say so in the pane, never crash
            entities = None
        self.post_message(EntitiesLoaded(doc_id, entities))

    def on_entities_loaded(self, message: EntitiesLoaded) -> None:
        article = self.query_one(ArticleView)
        if article.document is None or article.document.id != message.doc_id:
            return  # another article was opened meanwhile
        pane = self.query_one(EntitiesPane)
        pane.show(message.entities if message.entities is not None else [])
        if message.entities is None:
            self.notify("Entities of this article could not be read", severity="warning")
        # Keep the selected entity marked when it is in this article too (after
        # opening a mention from the corpus view, or another filtered article).
        previous = self.selected_entity
        found = next((e for e in pane.entities if previous and e.id == previous.id), None)
        if found is not None:
            pane.select(found.id)
        self._select_entity(found, keep_current=True)

    def _select_entity(self, entity: Entity | None, *, keep_current: bool = False) -> None:
        article = self.query_one(ArticleView)
        for layer in ("entity-person", "entity-org", "entity-place", "entity-figure"):
            article.set_marks(layer, [])
        if not keep_current or entity is None:
            article.set_marks("entity-current", [])
        self.selected_entity = entity
        self.mention_index = -1
        if entity is not None:
            spans = [(m.start, m.end) for m in entity.mentions]
            article.set_marks(mark_layer(entity.type), spans)

    @on(EntitiesPane.Selected)
    def _entity_selected(self, event: EntitiesPane.Selected) -> None:
        self._select_entity(event.entity)

    @on(EntitiesPane.FilterRequested)
    def _entity_filter_requested(self, event: EntitiesPane.FilterRequested) -> None:
        self.set_entity_filter(event.entity.id, event.entity.name)

    def set_entity_filter(
        self, entity_id: str | None, name: str = "", *, focus_list: bool = True
    ) -> None:
        """Show only the articles that mention ``entity_id`` (None: all articles); the list
        takes the focus unless ``focus_list`` is false."""
        self.workspace.set_entity_filter(entity_id, name)
        search = self.query_one(SearchBox)
        panel = self.query_one(SearchPanel)
        if search.value.strip() and self.results is not None:
            panel.run_search(search.value)
        else:
            self._show_documents()
        panel.update_title()
        doclist = self.query_one(DocList)
        if entity_id is not None and focus_list:
            doclist.focus()

    def _jump_mention(self, step: int) -> None:
        entity = self.selected_entity
        article = self.query_one(ArticleView)
        if entity is None or not entity.mentions:
            self.notify("Select an entity in the Entities tab first", timeout=3)
            return
        mentions = sorted(entity.mentions)
        if self.mention_index < 0:
            # Start from where the reader is, not from the top.
            top = article.top_offset()
            after = [i for i, m in enumerate(mentions) if m.start >= top]
            first = after[0] if after else 0
            self.mention_index = first if step > 0 else first - 1
        else:
            self.mention_index += step
        self.mention_index %= len(mentions)
        mention = mentions[self.mention_index]
        article.set_marks("entity-current", [(mention.start, mention.end)])
        article.scroll_to_offset(mention.start)
        article.border_subtitle = (
            f"{entity.name}: mention {self.mention_index + 1} / {len(mentions)}"
        )

    def action_next_mention(self) -> None:
        self._jump_mention(1)

    def action_previous_mention(self) -> None:
        self._jump_mention(-1)

    @on(EntitiesPane.EditRequested)
    def _entity_edit_requested(self, event: EntitiesPane.EditRequested) -> None:
        from reader.ui.entity_curation import Target, start

        entity = event.entity
        target = Target(entity.id, entity.name, entity.type) if entity else None
        start(self.app, self.library, event.op, target)

    def on_entities_edited(self, message: EntitiesEdited) -> None:
        """After a curation change (or its undo): say so, then show its effect
        everywhere: sidebar, entity filter, search results, the corpus list."""
        from reader.ui.entity_screens import CorpusEntitiesScreen

        if message.error is not None or message.outcome is None:
            self.notify(message.error or "not changed", severity="warning", markup=False)
            return
        outcome = message.outcome
        self.notify(outcome.message[:1].upper() + outcome.message[1:], markup=False)
        if outcome.warning:
            self.notify(outcome.warning, severity="warning", markup=False, timeout=8)
        if self.selected_entity and self.library.entity(self.selected_entity.id) is None:
            self._select_entity(None)
        self._reload_entities()
        if self.entity_filter is not None:
            # The focus stays where the edit was made: moving it to the list and back
            # raced with the deferred focus on a busy machine.
            now = self.library.entity(self.entity_filter.entity_id)
            self.set_entity_filter(
                now.id if now else None, now.name if now else "", focus_list=False
            )
        elif self.query_one(SearchBox).value.strip():
            self.query_one(SearchPanel).run_search(self.query_one(SearchBox).value)
        for screen in self.app.screen_stack:
            if isinstance(screen, CorpusEntitiesScreen):
                screen.reload()

    def _reload_entities(self) -> None:
        article = self.query_one(ArticleView)
        if article.document is not None:
            self._load_entities(article.document.id)

    def action_show_entities(self) -> None:
        """Show the sidebar's Entities tab and focus its list."""
        if not self.sidebar_ready:
            return
        sidebar = self.query_one("#sidebar", TabbedContent)
        if self.has_class("-narrow") or sidebar.has_class("-hidden"):
            self.action_toggle_sidebar()
        sidebar.active = "tab-entities"
        self.query_one(EntitiesPane).focus_list()

    def action_corpus_entities(self) -> None:
        """All entities of the corpus; Enter filters the list, k shows mentions in context."""
        from reader.ui.entity_screens import CorpusEntitiesScreen, EntityChoice

        def chosen(choice: EntityChoice | None) -> None:
            if choice is None:
                return
            if choice.action == "filter":
                self.set_entity_filter(choice.entity_id, choice.name)
                return
            assert choice.doc_id is not None
            self.selected_entity = next(
                (e for e in self.library.entities(choice.doc_id) if e.id == choice.entity_id),
                None,
            )
            self.open_document(choice.doc_id, scroll_to=choice.start)
            self.query_one(ArticleView).set_marks("entity-current", [(choice.start, choice.end)])

        self.app.push_screen(CorpusEntitiesScreen(self.library), chosen)

    # -- bookmarks ---------------------------------------------------------------------

    def _show_bookmark_marks(self) -> None:
        article = self.query_one(ArticleView)
        document = article.document
        spans = self.query_one(BookmarksPane).spans_for(document) if document else []
        article.set_marks("bookmark", spans)

    @on(BookmarksPane.MarksChanged)
    def _bookmarks_changed(self, _event: BookmarksPane.MarksChanged) -> None:
        self._show_bookmark_marks()

    @on(ArticleView.BookmarkRequested)
    def _bookmark_requested(self, event: ArticleView.BookmarkRequested) -> None:
        article = self.query_one(ArticleView)
        pane = self.query_one(BookmarksPane)
        pane.new_bookmark(event.document, event.start, event.end, on_saved=article.clear_selection)

    @on(BookmarksPane.Chosen)
    def _bookmark_chosen(self, event: BookmarksPane.Chosen) -> None:
        article = self.query_one(ArticleView)
        if article.document is None or article.document.id != event.doc_id:
            self.open_document(event.doc_id, scroll_to=event.start)
        if article.document is not None and article.document.id == event.doc_id:
            article.place_cursor(event.start)
            article.focus()

    def action_show_bookmarks(self) -> None:
        """Show the sidebar's Bookmarks tab and focus its list."""
        if not self.sidebar_ready:
            return
        sidebar = self.query_one("#sidebar", TabbedContent)
        if self.has_class("-narrow") or sidebar.has_class("-hidden"):
            self.action_toggle_sidebar()
        sidebar.active = "tab-bookmarks"
        self.query_one(BookmarksPane).focus_list()

    # -- panes -------------------------------------------------------------------------

    def action_toggle_list(self) -> None:
        pane = self.query_one("#list-pane")
        pane.toggle_class("-hidden")
        focused = self.focused
        if pane.has_class("-hidden") and focused is not None and pane in focused.ancestors:
            self.query_one(ArticleView).focus()

    def action_toggle_sidebar(self) -> None:
        # Before the sidebar is mounted, its slot stands in for it on screen; the
        # sidebar (not yet in the DOM) takes the same class, so the choice holds.
        shown = [self._sidebar] + ([] if self.sidebar_ready else list(self.query("#sidebar-slot")))
        if self.has_class("-narrow"):
            self.remove_class("-narrow")
            for widget in shown:
                widget.remove_class("-hidden")
            return
        hide = not self._sidebar.has_class("-hidden")
        for widget in shown:
            widget.set_class(hide, "-hidden")

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")
