"""The search panel: the search box, its hint, the list title and the document list.

Typing searches as you type: a key searches at once, but keys typed while a search is
still finding its titles are merged (``DEBOUNCE``); each query is a new generation of the
workspace's search session, and the search runs in a thread worker whose staged results
(titles, then snippets and hit counts) fill the list as they arrive, each stage worked
out once the one before is on screen; a stage of an older generation is dropped. A query
being typed ("nothing to search for" yet) shows "Keep typing…", a query to fix shows why.

The panel posts :class:`SearchPanel.ResultsShown` once a stage of results is on the list
(the screen marks the open article's hits) and :class:`SearchPanel.Cleared` when the
query is emptied (the screen clears them). Without a query the list shows the corpus's
documents, narrowed by the workspace's entity filter.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.core.index.cachehealth import CacheError
from reader.core.index.library import SearchResults
from reader.core.userdata.state import SearchHistory
from reader.ui.messages import SearchFinished
from reader.ui.widgets.doclist import DocList, Row
from reader.ui.widgets.searchbox import SearchBox
from reader.workspace import UnfinishedQuery, Workspace
from reader.workspace.entity_filter import narrowed
from reader.workspace.listing import DocumentListing

DEBOUNCE = 0.02  # merges keys typed while a search finds its titles (a few ms)
# How long a search's worker waits for a stage to be on screen before working out the
# next one (a bound: the screen may be busy or closing).
SHOWN_WAIT = 0.25


class SearchPanel(Vertical):
    """Search box, hint, list title and document list (the results while searching)."""

    @dataclass
    class ResultsShown(Message):
        """A stage of results is on the list (``same_query``: a later stage of the
        results already shown, so the reader's place among the hits is kept)."""

        results: SearchResults
        same_query: bool

    class Cleared(Message):
        """The query was emptied: no results, the list shows the documents again."""

    def __init__(
        self,
        workspace: Workspace,
        history: SearchHistory,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.workspace = workspace
        self.session = workspace.search_session
        self.history = history
        self._timer: Timer | None = None
        self._searched_at = 0.0
        # The newest search started (its generation, when), until its titles arrive
        # (None: no search is finding titles now, so the next key searches at once).
        self._finding: tuple[int, float] | None = None
        self.last_latency: float | None = None  # keystroke to results on screen
        # While a first index runs: (articles indexed so far, articles to index); the
        # list and searches cover the indexed ones only. None: the index is complete.
        self.coverage: tuple[int, int] | None = None
        self._shown_coverage: tuple[int, int] | None = None  # of the results listed
        # The corpus's documents as last read (their order; the filters narrow it):
        # listed again when a query is cleared, without reading the order again. None
        # until the screen has read it.
        self.documents: DocumentListing | None = None
        self.waiting = False  # a query typed before the list was read: run once it is
        self._hint: tuple[str, bool] = ("", False)  # what the hint line says

    def compose(self) -> ComposeResult:
        yield SearchBox(self.history, id="search")
        yield Static(Text(""), id="search-hint", classes="-hidden")
        yield Static(Text("Documents: loading…"), id="list-title")
        yield DocList(id="doclist")

    # -- the documents ---------------------------------------------------------------

    def show_documents(self, listing: DocumentListing | None = None) -> None:
        """The corpus's documents (the entity filter applied), keeping the current one;
        ``listing``: read afresh (without it, the one last read)."""
        if listing is None:
            listing = self.documents
        if listing is None:
            listing = DocumentListing(self.workspace.library)  # nothing read: empty
        self.documents = listing
        doclist = self.query_one(DocList)
        keep = doclist.current.id if doclist.current and not doclist.results_mode else None
        duplicates = self.workspace.duplicates
        doclist.set_duplicates(duplicates.sizes())
        listing.narrow(self.workspace.entity_filter, duplicates)
        doclist.set_listing(listing, keep=keep or self.workspace.positions.last_document)
        self.update_title()

    def add_documents(self) -> None:
        """More documents, just indexed (a first index's batch): the order is read again
        and shown, the reader's row kept in place; while results are listed it waits for
        the query to be cleared."""
        doclist = self.query_one(DocList)
        if self.documents is None:
            self.documents = DocumentListing(self.workspace.library)
        listing = self.documents
        if doclist.results_mode or doclist.listing is not listing:
            listing.key, listing.reverse = doclist.sort_key, doclist.sort_reverse
            listing.reload()
            if not doclist.results_mode:
                self.show_documents(listing)
            return
        doclist.reload_listing()
        self.update_title()

    def listed_all(self, count: int) -> bool:
        """After a first index listed batch by batch: whether the list already shows all
        ``count`` documents as a reload would (then only the near-duplicate marks, found
        after the last batch, are added: no reading and sorting every row again)."""
        doclist = self.query_one(DocList)
        duplicates = self.workspace.duplicates
        if doclist.results_mode or self.workspace.entity_filter is not None or duplicates.hide:
            return False
        if len(doclist.rows) != count:
            return False
        doclist.set_duplicates(duplicates.sizes())
        self.update_title()
        return True

    def update_title(self) -> None:
        doclist = self.query_one(DocList)
        entity_filter = self.workspace.entity_filter
        results = self.session.results
        if doclist.results_mode and results is not None:
            label = f"Results: {results.total:,}"
        else:
            so_far = " so far" if self.coverage is not None else ""
            label = f"Documents: {len(doclist.rows):,}{so_far} · sorted by {doclist.sort_label()}"
        title = Text(label + (" · duplicates hidden" if self.workspace.duplicates.hide else ""))
        if entity_filter is not None:
            # The filter matters more than the sort order: it replaces it.
            count = len(doclist.rows)
            title = Text(f"{count:,} mentioning ")
            title.append(entity_filter.name, style="bold")
            title.append(" · esc clears", style="dim")
        # One line whatever it says (its CSS height): no layout of the screen for it, as
        # Static.update would do on every stage of every search.
        self.query_one("#list-title", Static).update(title, layout=False)

    @on(DocList.SortChanged)
    def _sort_changed(self, _event: DocList.SortChanged) -> None:
        self.update_title()

    # -- searching -------------------------------------------------------------------

    @on(SearchBox.Changed, "#search")
    def _query_changed(self, event: SearchBox.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        text = event.value.strip()
        if not text:
            self.session.clear()
            self.hint("")
            self.show_documents()  # as last read: the index has not changed since
            self.post_message(self.Cleared())
            return
        self.session.begin()
        now = self._searched_at = time.perf_counter()
        finding = self._finding
        if finding is not None and now - finding[1] < 1.0:  # (a search that died: no wait)
            # A search is still finding its titles: this key's search starts once the
            # burst pauses, merging the keys typed meanwhile.
            self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(event.value))
        else:
            self.run_search(event.value)

    def run_search(self, text: str) -> None:
        """Search ``text`` as the current generation (again: the index or filter changed)."""
        if not self.session.ready:
            if self.documents is None:  # the screen is reading the list: search after it
                self.waiting = True
                self.hint("Reading the list of articles…", info=True)
                return
            self.hint("Indexing… search starts when the first articles are indexed", info=True)
            return
        self.waiting = False
        self._finding = (self.session.generation, time.perf_counter())
        # Taken before the search runs: indexing only adds articles, so the search
        # covers at least these (never fewer than the hint says).
        self._search(self.session.generation, text, self.coverage)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, generation: int, text: str, coverage: tuple[int, int] | None) -> None:
        from reader.workspace import BadQuery

        worker = get_current_worker()
        stages = self.session.stages(generation, text, cancelled=lambda: worker.is_cancelled)
        try:
            # Titles first (a few ms), then snippets and hit counts, screenful by screenful;
            # each worked out once the stage before is drawn (the drawing and this thread
            # take turns with the GIL: the titles were shown later for it).
            for results in stages:
                message = SearchFinished(generation, text, results, None, coverage)
                self.post_message(message)
                message.shown.wait(SHOWN_WAIT)
        except (BadQuery, CacheError) as error:  # CacheError: damaged and read-only
            self.post_message(SearchFinished(generation, text, None, error, coverage))

    def on_search_finished(self, message: SearchFinished) -> None:
        message.stop()
        try:
            self._show_stage(message)
        finally:
            self.call_after_refresh(message.shown.set)

    def _show_stage(self, message: SearchFinished) -> None:
        if self._finding is not None and message.generation >= self._finding[0]:
            self._finding = None  # the newest search's titles (or its error) are here
        if not self.session.is_current(message.generation):
            return  # typed on since: a newer search is coming
        if message.error is not None:
            if isinstance(message.error, UnfinishedQuery):
                # One letter or a stop word so far: not a mistake, just unfinished.
                self.hint("Keep typing…", info=True)
            else:
                self.hint(f"⚠ {message.error}")
            return
        assert message.results is not None
        accepted = self.session.accept(message.generation, message.results)
        if accepted is None:
            return
        results = accepted.results
        rows = [
            Row(hit.summary, len(hit.positions), hit.snippets[0] if hit.snippets else None)
            if hit.detailed
            else Row(hit.summary)
            for hit in narrowed(self.workspace.entity_filter, results.hits)
        ]
        rows = self.workspace.duplicates.shown(rows, lambda row: row.id)
        doclist = self.query_one(DocList)
        # A later stage of the same results keeps the row the reader is on; a new query
        # starts at its best match.
        keep = doclist.current.id if accepted.same_query and doclist.current else None
        doclist.set_results(rows, keep=keep)
        shown = f" (showing {len(rows)})" if results.total > len(rows) else ""
        noun = "article" if results.total == 1 else "articles"
        self._shown_coverage = message.coverage
        if message.coverage is not None:  # a first index under way: say what was searched
            indexed, total = message.coverage
            self.hint(
                f"{results.total:,} matching {noun}{shown} · searching {indexed:,} of"
                f" {total:,} articles indexed so far · Enter opens",
                info=True,
            )
        else:
            self.hint(f"{results.total:,} matching {noun}{shown} · Enter opens", info=True)
        self.update_title()
        self.post_message(self.ResultsShown(results, accepted.same_query))
        if self._searched_at:
            started, self._searched_at = self._searched_at, 0.0
            # Keystroke to results on screen, for benchmarks/tui.py.
            self.call_after_refresh(self._record_latency, started)

    def show_results_again(self) -> None:
        """List the current results again (the duplicates filter changed)."""
        results = self.session.results
        if results is not None:
            message = SearchFinished(
                self.session.generation, results.query, results, None, self._shown_coverage
            )
            self._show_stage(message)

    def _record_latency(self, started: float) -> None:
        self.last_latency = time.perf_counter() - started

    def hint(self, text: str, *, info: bool = False) -> None:
        if (text, info) == self._hint:
            return  # each stage of a search says it again: nothing to lay out or draw
        hint = self.query_one("#search-hint", Static)
        before = self._hint[0]
        # Laid out again only when it may take another number of lines (it wraps in the
        # narrow list pane), or is shown or hidden: a layout of the screen is the biggest
        # cost of a keystroke's repaint.
        width = hint.content_size.width
        same_height = (
            bool(text) == bool(before)
            and width > 0
            and self._lines(text, width) == self._lines(before, width)
        )
        self._hint = (text, info)
        hint.update(Text(text), layout=not same_height)
        hint.set_class(not text, "-hidden")
        hint.set_class(info, "-info")

    def _lines(self, text: str, width: int) -> int:
        """How many lines ``text`` takes in the hint, ``width`` cells wide."""
        return len(Text(text).wrap(self.app.console, width))
