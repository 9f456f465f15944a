"""The sidebar's Bookmarks tab: the corpus's saved passages, and the bookmark actions.

The corpus's :class:`BookmarkStore` and its undo history belong to the workspace's
:class:`~reader.workspace.bookmarks.BookmarkSession` (the split view writes through the
same one); the pane shows them and turns keys into calls to it. Loading and re-anchoring
(every bookmark against today's text of its article) run in a thread worker, on start
and whenever the screen says documents may have changed. Adding, editing, deleting and
undoing happen on the UI thread (small atomic writes) and update the list at once; a
load that was running meanwhile is run again so it never brings back an old state.

Messages: :class:`BookmarksPane.Chosen` (Enter: open the article at the passage) and
:class:`BookmarksPane.MarksChanged` (the open article's bookmark marks may differ).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from reader.core.corpus.document import Document
from reader.ui.bookmark_items import excerpt, item_text, matches, order, title_of
from reader.workspace.bookmarks import BookmarkSession

if TYPE_CHECKING:
    from reader.core.bookmarks import AnchoredBookmark, BookmarkStore
    from reader.ui.bookmark_dialog import BookmarkEdit

# reader.core.bookmarks and the dialog are imported where used: neither is needed
# before the first paint (benchmarks/tui.py), and loading runs in a worker thread.


class BookmarksPane(Vertical):
    """All bookmarks (or this article's), a filter, and keys to open, edit, delete, undo."""

    HELP = (
        "Bookmarks. Enter opens the article at the passage; e edits the note and tags; "
        "d deletes (u undoes); t shows this article's or all; f filters by text or #tag."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="bookmarks.edit", tooltip="Edit note and tags"),
        Binding("d,delete", "delete", "Delete", id="bookmarks.delete"),
        Binding("u", "undo", "Undo", id="bookmarks.undo", tooltip="Undo the last delete/edit"),
        Binding("t", "toggle_scope", "This/all", id="bookmarks.scope"),
        Binding("f", "focus_filter", "Filter", id="bookmarks.filter"),
    ]
    DEFAULT_CSS = """
    BookmarksPane { padding: 0 0; }
    BookmarksPane > #bookmarks-status { color: $accent; text-style: bold; padding: 0 1; }
    BookmarksPane > #bookmarks-problem { color: $warning; padding: 0 1; }
    BookmarksPane > #bookmarks-filter { border: none; height: 1; padding: 0 1; margin: 0 0 1 0; }
    BookmarksPane > #bookmarks-filter:focus { background: $boost; }
    BookmarksPane > #bookmarks-empty { color: $foreground 60%; padding: 0 1; }
    BookmarksPane > OptionList { height: 1fr; border: none; padding: 0; }
    BookmarksPane .-hidden { display: none; }
    """

    @dataclass
    class Chosen(Message):
        """Open ``doc_id`` at ``start`` (an anchored or moved bookmark)."""

        doc_id: str
        start: int
        end: int

    class MarksChanged(Message):
        """Bookmarks were loaded or changed: redraw the open article's marks."""

    @dataclass
    class _Loaded(Message):
        generation: int
        store: BookmarkStore
        items: list[AnchoredBookmark]
        titles: dict[str, str]

    def __init__(self, session: BookmarkSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.library = session.library
        self.loaded = False
        self.document_id: str | None = None
        self.only_article = False
        self._generation = 0  # bumped by every change made here
        self._reported: str | None = None  # the read-only problem already notified

    @property
    def store(self) -> BookmarkStore | None:
        """The session's store (None until first loaded or written)."""
        return self.session.store

    @property
    def items(self) -> list[AnchoredBookmark]:
        return self.session.items

    @items.setter
    def items(self, items: list[AnchoredBookmark]) -> None:
        self.session.items = items

    @property
    def titles(self) -> dict[str, str]:
        return self.session.titles

    @titles.setter
    def titles(self, titles: dict[str, str]) -> None:
        self.session.titles = titles

    def on_mount(self) -> None:
        # A bookmark added from another screen (the split view) shows here at once.
        self.session.subscribe(self._session_changed)

    def _session_changed(self) -> None:
        self._show_problem()
        self._changed()

    def compose(self) -> ComposeResult:
        yield Static(Text("Bookmarks: loading…"), id="bookmarks-status")
        yield Static(Text(""), id="bookmarks-problem", classes="-hidden")
        yield Input(placeholder="Filter: text or #tag (f)", id="bookmarks-filter")
        yield Static(Text(""), id="bookmarks-empty", classes="-hidden")
        yield OptionList(id="bookmarks-list")

    # -- loading and re-anchoring ------------------------------------------------------

    @work(thread=True, exclusive=True, group="bookmarks", exit_on_error=False)
    def refresh_anchors(self) -> None:
        """Read the file and anchor every bookmark in its article's current text."""
        from reader.core.bookmarks import reanchor

        worker = get_current_worker()
        generation = self._generation
        store = self.session.read()

        def text_of(doc_id: str) -> str | None:
            document = self.library.document(doc_id)
            return None if document is None else document.text

        items = reanchor(store.bookmarks, text_of)
        # The titles of the bookmarked articles only (not every article's: 200,000
        # strings held for the life of the pane at scale).
        titles = {}
        for doc_id in {item.doc for item in items}:
            summary = self.library.summary(doc_id)
            if summary is not None:
                titles[doc_id] = summary.title
        if not worker.is_cancelled:
            self.post_message(self._Loaded(generation, store, items, titles))

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        if message.generation != self._generation:
            self.refresh_anchors()  # changed here meanwhile: read again
            return
        self.session.adopt(message.store)
        self.items, self.titles = message.items, message.titles
        self.loaded = True
        self._show_problem()
        self.refresh_list()
        self.post_message(self.MarksChanged())

    def _show_problem(self) -> None:
        problem = self.store.problem if self.store else None
        label = self.query_one("#bookmarks-problem", Static)
        label.update(Text(f"⚠ Read-only: {problem}" if problem else ""))
        label.set_class(not problem, "-hidden")
        if problem and problem != self._reported:
            self._reported = problem
            self.notify(problem, title="Bookmarks", severity="error", timeout=10, markup=False)

    def _writable_store(self) -> BookmarkStore | None:
        """The store if bookmarks can be written now; otherwise says why and gives None."""
        store = self.session.open_store()  # read now if asked before the first load
        if store.read_only:
            self.notify(store.problem or "", title="Bookmarks", severity="error", markup=False)
            self._show_problem()
            return None
        return store

    def _changed(self) -> None:
        """After a write: redraw, and re-read if another process changed the file too."""
        self._generation += 1
        self.refresh_list()
        self.post_message(self.MarksChanged())
        if self.store is not None:
            on_disk = {b.id for b in self.store.bookmarks}
            if on_disk != {item.id for item in self.items}:
                self.refresh_anchors()

    # -- what the screen asks ----------------------------------------------------------

    def show_article(self, doc_id: str | None) -> None:
        """The article now open (for the "this article" scope)."""
        self.document_id = doc_id
        if self.only_article:
            self.refresh_list()

    def spans_for(self, document: Document) -> list[tuple[int, int]]:
        """Where ``document``'s bookmarks are in the text shown (see the session's)."""
        return self.session.spans_for(document.id, document.text)

    def new_bookmark(
        self, document: Document, start: int, end: int, *, on_saved: Callable[[], None]
    ) -> None:
        """Ask for a note and tags for ``document.text[start:end]``, then save it."""
        new_bookmark(self, self.session, document, start, end, on_saved=on_saved)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, OSError) and self.store is not None:
            # Which file failed and why, e.g. the lock file rather than bookmarks.yaml.
            from reader.core.userdata.atomicfile import describe_error

            error = Exception(describe_error(error, self.store.path))
        self.notify(f"Bookmark not saved: {error}", severity="error", markup=False)
        self._show_problem()

    # -- the list ---------------------------------------------------------------------

    def visible_items(self) -> list[AnchoredBookmark]:
        query = self.query_one("#bookmarks-filter", Input).value
        scope = self.items
        if self.only_article:
            scope = [item for item in scope if item.doc == self.document_id]
        in_use = [tag for item in self.items for tag in item.bookmark.tags]
        shown = (i for i in scope if matches(i, query, self.titles, in_use))
        return order(shown, self.titles)

    def refresh_list(self) -> None:
        options = self.query_one("#bookmarks-list", OptionList)
        current = options.highlighted_option
        keep = current.id if current is not None else None
        shown = self.visible_items()
        contents: list[Option | None] = []
        for item in shown:
            if contents:
                contents.append(None)  # a rule between bookmarks
            contents.append(Option(item_text(item, self.titles), id=item.id))
        options.set_options(contents)
        ids = [item.id for item in shown]
        if keep in ids:
            options.highlighted = ids.index(keep)
        elif shown:
            options.highlighted = min(options.highlighted or 0, len(shown) - 1)
        self._update_status(len(shown))

    def _update_status(self, shown: int) -> None:
        scope = "This article" if self.only_article else "All articles"
        total = len(self.items)
        count = f"{shown} of {total}" if shown != total else f"{total}"
        orphans = sum(item.status == "orphaned" for item in self.items)
        extra = f" ({orphans} orphaned)" if orphans else ""
        status = f"{scope}: {count}{extra}"
        self.query_one("#bookmarks-status", Static).update(Text(status))
        empty = self.query_one("#bookmarks-empty", Static)
        if shown:
            hint = ""
        elif self.only_article and self.document_id is None:
            hint = "No article open."
        elif total:
            hint = "No bookmark matches."
        else:
            hint = "No bookmarks yet. In an article, b bookmarks the sentence at the cursor."
        empty.update(Text(hint))
        empty.set_class(not hint, "-hidden")

    @on(Input.Changed, "#bookmarks-filter")
    def _filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#bookmarks-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_list()

    def focus_list(self) -> None:
        self.query_one("#bookmarks-list", OptionList).focus()

    def _selected(self) -> AnchoredBookmark | None:
        option = self.query_one("#bookmarks-list", OptionList).highlighted_option
        if option is None:
            return None
        return next((item for item in self.items if item.id == option.id), None)

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self._selected()
        if item is None:
            return
        if item.start is None or item.end is None:
            self.notify(
                f"Orphaned: this passage is no longer in “{title_of(item, self.titles)}”; "
                "its quote is kept here",
                severity="warning",
                markup=False,
            )
            return
        self.post_message(self.Chosen(item.doc, item.start, item.end))

    # -- actions ----------------------------------------------------------------------

    def action_toggle_scope(self) -> None:
        self.only_article = not self.only_article
        self.refresh_list()

    def action_focus_filter(self) -> None:
        self.query_one("#bookmarks-filter", Input).focus()

    def action_edit(self) -> None:
        from reader.core import bookmarks
        from reader.ui.bookmark_dialog import BookmarkDialog

        item = self._selected()
        if item is None:
            return
        store = self._writable_store()
        if store is None:
            return
        before = item.bookmark

        def save(edit: BookmarkEdit | None) -> None:
            if edit is None:
                return
            try:
                after = self.session.update(before.id, note=edit.note, tags=edit.tags)
            except (bookmarks.BookmarkError, OSError) as error:
                self._failed(error)
                return
            self._replace(dataclasses.replace(item, bookmark=after))
            self._changed()
            self.notify("Bookmark updated · u undoes", timeout=3)

        dialog = BookmarkDialog(
            item.quote,
            source=title_of(item, self.titles),
            note=before.note,
            tags=before.tags,
            known_tags=store.all_tags(),
            editing=True,
        )
        self.app.push_screen(dialog, save)

    def action_delete(self) -> None:
        from reader.core import bookmarks

        item = self._selected()
        if item is None:
            return
        store = self._writable_store()
        if store is None:
            return
        try:
            self.session.delete(item.id)
        except (bookmarks.BookmarkError, OSError) as error:
            self._failed(error)
            return
        self.items = [other for other in self.items if other.id != item.id]
        self._changed()
        self.notify(
            f"Deleted “{excerpt(item.quote, 50)}” · u (in Bookmarks) undoes",
            markup=False,
            timeout=6,
        )

    def action_undo(self) -> None:
        from reader.core import bookmarks

        if not self.session.can_undo:
            self.notify("Nothing to undo", timeout=2)
            return
        if self._writable_store() is None:
            return
        try:
            undone = self.session.undo()  # on a failed write the step stays to retry
        except (bookmarks.BookmarkError, OSError) as error:
            self._failed(error)
            return
        if undone is None:
            return
        what, bookmark = undone
        document = self.library.document(bookmark.doc)
        self._replace(bookmarks.anchor(bookmark, None if document is None else document.text))
        self._changed()
        self._select(bookmark.id)
        self.notify("Delete undone" if what == "delete" else "Edit undone", timeout=3)

    def _replace(self, new: AnchoredBookmark) -> None:
        for index, item in enumerate(self.items):
            if item.id == new.id:
                self.items[index] = new
                return
        self.items.append(new)

    def _select(self, bookmark_id: str) -> None:
        options = self.query_one("#bookmarks-list", OptionList)
        try:
            options.highlighted = options.get_option_index(bookmark_id)
        except OptionDoesNotExist:  # filtered out of view: nothing to highlight
            return


def new_bookmark(
    host: Widget,
    session: BookmarkSession,
    document: Document,
    start: int,
    end: int,
    *,
    on_saved: Callable[[], None],
) -> None:
    """Ask for a note and tags for ``document.text[start:end]``, then save it through
    ``session`` (from any screen: ``host`` notifies); the views of the session update."""
    from reader.core import bookmarks
    from reader.ui.bookmark_dialog import BookmarkDialog

    store = session.open_store()  # read now if asked before the first load
    if store.read_only:
        host.notify(store.problem or "", title="Bookmarks", severity="error", markup=False)
        session.changed()
        return

    def save(edit: BookmarkEdit | None) -> None:
        if edit is None:
            return
        try:
            bookmark = session.add(
                document.id, document.text, start, end, note=edit.note, tags=edit.tags
            )
        except (bookmarks.BookmarkError, OSError) as error:
            problem = str(error)
            if isinstance(error, OSError):
                # Which file failed and why, e.g. the lock file rather than bookmarks.yaml.
                from reader.core.userdata.atomicfile import describe_error

                problem = describe_error(error, store.path)
            host.notify(f"Bookmark not saved: {problem}", severity="error", markup=False)
            session.changed()
            return
        session.items.append(bookmarks.anchor(bookmark, document.text))
        session.titles[document.id] = document.title
        session.changed()
        host.notify(f"Bookmarked “{excerpt(bookmark.quote, 60)}”", markup=False, timeout=3)
        on_saved()

    dialog = BookmarkDialog(
        document.text[start:end], source=document.title, known_tags=store.all_tags()
    )
    host.app.push_screen(dialog, save)
