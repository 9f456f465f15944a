"""Command palette: open an article by title, plus every action of the app."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.main_screen import MainScreen
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.bookmarks import BookmarksPane
from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.entities import EntitiesPane


class OpenArticleCommands(Provider):
    """ "Open article…": fuzzy search over titles."""

    async def startup(self) -> None:
        screen = self.screen
        self.titles: list[str] = []
        self.rowids: array[int] = array("q")
        if isinstance(screen, MainScreen):
            # Two compact columns, not a summary per article (200,000 at scale); the id
            # of an article is read when it is opened.
            self.titles, self.rowids = screen.library.catalog.titles()

    def _id(self, rowid: int) -> str:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return ""
        found = screen.library.catalog.summaries_at([rowid]).get(rowid)
        return "" if found is None else found.id

    def _open(self, rowid: int) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen) and (doc_id := self._id(rowid)):
            screen.open_document(doc_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = 0
        for title, rowid in zip(self.titles, self.rowids, strict=True):
            score = matcher.match(title)
            if score > 0:
                found += 1
                doc_id = self._id(rowid)  # at most 200 hits: a lookup each
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._open, rowid),
                    help=f"Open article {doc_id}",
                )
                if found >= 200:
                    return

    async def discover(self) -> Hits:
        for title, rowid in zip(self.titles[:20], self.rowids[:20], strict=False):
            help = f"Open article {self._id(rowid)}"
            yield DiscoveryHit(title, partial(self._open, rowid), help=help)


def screen_commands(screen: MainScreen) -> Iterable[tuple[str, str, object]]:
    """(title, help, callback) for the screen's actions, for the system commands."""
    doclist = screen.query_one(DocList)
    article = screen.query_one(ArticleView)
    yield ("Search", "Focus the search box", screen.action_focus_search)
    yield ("Clear search", "Clear the search and show all articles", screen.action_clear_search)
    yield ("Sort list", "Cycle the sort: date, title, source", doclist.action_cycle_sort)
    yield ("Reverse sort", "Reverse the list's order", doclist.action_reverse_sort)
    yield ("Toggle list", "Show or hide the document list", screen.action_toggle_list)
    yield ("Toggle sidebar", "Show or hide the sidebar", screen.action_toggle_sidebar)
    yield ("Next hit", "Go to the next search hit in the article", article.action_next_hit)
    yield ("Previous hit", "Go to the previous search hit", article.action_previous_hit)
    yield ("Original file", "The file as it was read, with what cleaning removed and why (r)",
           screen.action_toggle_original)  # fmt: skip
    yield ("Compare with…", "Compare the open article with another, side by side (c)",
           screen.action_compare)  # fmt: skip
    yield ("Show duplicates" if screen.workspace.duplicates.hide else "Hide duplicates",
           "List one article per group of near-duplicates, or all again (D)",
           screen.action_toggle_duplicates)  # fmt: skip
    if screen.sidebar_ready:  # their panes are mounted a frame after the screen
        yield from _bookmark_commands(screen)
        yield from _entity_commands(screen)
    yield ("Reindex", "Update the index from the files now", screen.action_reindex)


def _bookmark_commands(screen: MainScreen) -> Iterable[tuple[str, str, object]]:
    """The passage cursor and bookmark actions."""
    a = screen.query_one(ArticleView)
    pane = screen.query_one(BookmarksPane)
    yield ("Bookmark passage", "Bookmark the selection or the sentence (b)", a.action_bookmark)
    yield ("Show bookmarks", "Open the sidebar's Bookmarks tab (B)", screen.action_show_bookmarks)
    yield ("Select passage", "Start or stop a selection (v)", a.action_toggle_selection)
    yield ("Next sentence", "Move the passage cursor a sentence on", a.action_next_sentence)
    yield ("Previous sentence", "Move the cursor a sentence back", a.action_previous_sentence)
    yield ("Next paragraph", "Move the passage cursor a paragraph on", a.action_next_paragraph)
    yield ("Previous paragraph", "Move the cursor a paragraph back", a.action_previous_paragraph)
    yield ("Bookmarks: this article / all", "Toggle the tab's scope (t)", pane.action_toggle_scope)
    yield ("Undo bookmark change", "Undo the last bookmark delete or edit", pane.action_undo)


def _entity_commands(screen: MainScreen) -> Iterable[tuple[str, str, object]]:
    """The entity sidebar and corpus entity actions."""
    pane = screen.query_one(EntitiesPane)
    yield ("Show entities", "Open the sidebar's Entities tab (e)", screen.action_show_entities)
    yield ("Corpus entities", "All entities of the corpus, with mentions in context (E)",
           screen.action_corpus_entities)  # fmt: skip
    yield ("Next mention", "Jump to the selected entity's next mention (])",
           screen.action_next_mention)  # fmt: skip
    yield ("Previous mention", "Jump to its previous mention ([)", screen.action_previous_mention)
    yield ("Merge entity into…", "Merge the selected entity into another (m)", pane.action_merge)
    yield ("Block entity", "Hide the selected entity everywhere (x)", pane.action_block)
    yield ("Rename entity…", "Give the selected entity another name (n)",
           partial(pane.action_edit, "rename"))  # fmt: skip
    yield ("Change entity type…", "Person, organisation or place (t)",
           partial(pane.action_edit, "retype"))  # fmt: skip
    yield ("Split entity…", "Move some spellings out of the selected entity (S)",
           partial(pane.action_edit, "split"))  # fmt: skip
    yield ("Undo entity change", "Undo the last merge, block, rename, type or split (u)",
           partial(pane.action_edit, "undo"))  # fmt: skip
    yield ("Redo entity change", "Redo the last undone entity change (U)",
           partial(pane.action_edit, "redo"))  # fmt: skip
