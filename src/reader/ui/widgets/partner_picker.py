"""The partner picker: choose the article to compare the open one with.

A modal with a title filter (fuzzy, as in the command palette) over the corpus. The articles
most related to the open one (:func:`reader.core.index.similar.similar`, found in a thread worker)
come first, marked "★ related N%"; the list is usable at once and is re-ordered when they
arrive, keeping the highlighted article.

"Related" is the search index's more-like-this score: how well an article matches the open
one's key words, relative to the open article itself. It is not the split view's "N% of text
shared", which counts repeated passages: two articles on one war can be 60% related and share
no sentence. The status line and the list's tooltip say so.

``Enter`` picks, ``Esc`` cancels; the screen is dismissed with the chosen document id, or
``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.fuzzy import FuzzySearch
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.index.catalog import DocSummary

if TYPE_CHECKING:
    from reader.core.index.library import Library
    from reader.core.index.similar import SimilarDoc

SIMILAR_LIMIT = 10
SHOWN = 200  # options listed at most: a filter narrows a big corpus, scrolling 100k rows does not
RELATED_HELP = "★ related: how alike the key words are (search index), not text shared"
TOOLTIP = (
    "★ related N%: how well an article matches this one's key words in the search index, "
    "relative to this article itself (100%). It measures a shared subject, not shared text: "
    "the split view shows how much text the two really share."
)


@dataclass
class SimilarFound(Message):
    """The most similar articles (or why there are none) for one picker."""

    found: Sequence[SimilarDoc]
    error: str | None = None


def _in_order(query: str, title: str) -> bool:
    """Whether the letters of ``query`` occur in ``title`` in order (cheap pre-filter)."""
    position = 0
    for char in query:
        if char == " ":
            continue
        position = title.find(char, position) + 1
        if not position:
            return False
    return True


class PartnerPicker(ModalScreen[str | None]):
    """Pick the article to compare ``doc_id`` with; dismissed with its id or ``None``."""

    HELP = (
        "Type to filter by title; ↑ / ↓ choose; Enter compares; Esc cancels. Related articles "
        "(★) come first: ★ related N% is how alike their key words are in the search index, "
        "not how much text they share."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("enter", "pick", "Compare", id="picker.pick", priority=True),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="picker.page_down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="picker.page_up"),
    ]
    DEFAULT_CSS = """
    PartnerPicker { align: center middle; }
    PartnerPicker > #picker {
        width: 90%; max-width: 100; height: 80%; max-height: 32;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PartnerPicker #picker-title { height: auto; max-height: 2; color: $primary; text-style: bold; }
    PartnerPicker #picker-filter { margin: 1 0 0 0; }
    PartnerPicker #partners { height: 1fr; border: none; background: $surface; }
    PartnerPicker #picker-status { height: auto; max-height: 2; color: $foreground 60%; }
    """

    def __init__(self, library: Library, doc_id: str, title: str) -> None:
        super().__init__()
        self.library = library
        self.doc_id = doc_id
        self.doc_title = title
        self.candidates: list[DocSummary] = []
        self.similar: dict[str, tuple[int, float]] = {}  # id -> (rank, score)
        self.similar_done = False
        self._fuzzy = FuzzySearch()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Text(f"Compare “{self.doc_title}” with…"), id="picker-title")
            yield Input(placeholder="Filter by title", id="picker-filter")
            options = OptionList(id="partners")
            options.tooltip = TOOLTIP
            yield options
            yield Static(Text("Finding related articles…"), id="picker-status")

    def on_mount(self) -> None:
        self.candidates = [s for s in self.library.summaries() if s.id != self.doc_id]
        self._fill()
        self.query_one(Input).focus()
        self._find_similar()

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def _find_similar(self) -> None:
        try:
            from reader.core.index.similar import similar

            found = similar(self.library, self.doc_id, limit=SIMILAR_LIMIT)
        except Exception as error:  # an index being rebuilt, say: the picker still works
            self.post_message(SimilarFound([], f"Similar articles unavailable: {error}"))
            return
        self.post_message(SimilarFound(found))

    def on_similar_found(self, message: SimilarFound) -> None:
        self.similar = {doc.id: (rank, doc.score) for rank, doc in enumerate(message.found)}
        self.similar_done = True
        self._fill()

    # -- the list -----------------------------------------------------------------------

    def ordered(self, query: str) -> list[tuple[DocSummary, Sequence[int]]]:
        """Candidates for ``query``: best title match first, most similar first among equals;
        without a query, the most similar articles then the rest in corpus order."""
        last = len(self.similar)
        if not query.strip():
            ranked = sorted(
                enumerate(self.candidates),
                key=lambda item: (self.similar.get(item[1].id, (last, 0.0))[0], item[0]),
            )
            return [(summary, ()) for _, summary in ranked[:SHOWN]]
        needle = query.casefold()
        scored = []
        for order, summary in enumerate(self.candidates):
            if not _in_order(needle, summary.title.casefold()):
                continue
            score, offsets = self._fuzzy.match(query, summary.title)
            if score > 0:
                rank = self.similar.get(summary.id, (last, 0.0))[0]
                scored.append((-score, rank, order, summary, offsets))
        scored.sort(key=lambda item: item[:3])
        return [(item[3], item[4]) for item in scored[:SHOWN]]

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        current = options.highlighted_option
        keep = current.id if current is not None and options.highlighted else None
        found = self.ordered(self.query_one(Input).value)
        options.set_options(self._option(summary, offsets) for summary, offsets in found)
        if found:
            ids = [summary.id for summary, _ in found]
            options.highlighted = ids.index(keep) if keep in ids else 0
        self._status(len(found))

    def _option(self, summary: DocSummary, offsets: Sequence[int]) -> Option:
        title = Text(summary.title)
        for offset in offsets:
            title.stylize("bold underline", offset, offset + 1)
        details = " · ".join(d for d in (summary.source, summary.date) if d)
        line = Text("\n  ")
        similar = self.similar.get(summary.id)
        if similar is not None:
            line.append(f"★ related {similar[1]:.0%}", style="bold")
            if details:
                line.append(" · ")
        line.append(details, style="dim")
        return Option(title + line, id=summary.id)

    def _status(self, shown: int) -> None:
        if not self.candidates:
            text = "No other article to compare with"
        elif not shown:
            text = "No title matches the filter"
        elif not self.similar_done:
            text = "Finding related articles…"
        elif self.similar:
            text = f"Most related first · {RELATED_HELP} · Enter compares · Esc cancels"
        else:
            text = "No related articles found · Enter compares · Esc cancels"
        self.query_one("#picker-status", Static).update(Text(text))

    @on(Input.Changed, "#picker-filter")
    def _filter_changed(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = None  # a new filter starts at its best match
        self._fill()

    # -- keys ---------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        count = options.option_count
        if not count:
            return
        current = options.highlighted or 0
        options.highlighted = min(max(current + step, 0), count - 1)

    def action_pick(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#partners")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)
