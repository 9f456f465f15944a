"""The document list: a virtual list (Line API) that stays fast at 100k rows.

Each row is two lines: the title, then the date and source (or, for search
results, the hit count and a snippet with its highlights). Nothing is a widget
per row; ``render_line`` draws only what is on screen.

The corpus's documents come from a :class:`~reader.workspace.listing.DocumentListing`
(row numbers in order; the summaries of the rows drawn read from the catalog a page at a
time), so 200,000 articles are not 200,000 Python rows; search results, bounded by the
result limit, are a list of rows. A plain list of summaries (``set_documents``) serves
lists built in memory.

An article with near-duplicates in the corpus (copies or light edits of one story) starts its
second line with ``≈ dup ×N`` (N articles in its group, itself included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple, overload

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.index.catalog import DocSummary
from reader.core.index.snippets import Snippet
from reader.core.text.display import safe_name
from reader.workspace.listing import DocumentListing, SortKey

ROW_HEIGHT = 2
SORTS: tuple[SortKey, ...] = ("date", "title", "source")


class Row(NamedTuple):
    # A named tuple, not a frozen dataclass: a 100,000-article corpus makes 100,000
    # rows on the UI thread, and a tuple is built about four times faster.
    summary: DocSummary
    hits: int | None = None
    snippet: Snippet | None = None

    @property
    def id(self) -> str:
        return self.summary.id


# Drawn for a row whose document was removed since the order was read (an update is
# committing; the list is read again when it ends). A replaced one keeps its row.
_GONE = DocSummary("", "…", (), None, None, None, "", 0, ())


class ListingRows(Sequence[Row]):
    """A :class:`DocumentListing` as a sequence of rows (a row made when asked for)."""

    def __init__(self, listing: DocumentListing) -> None:
        self.listing = listing

    def __len__(self) -> int:
        return len(self.listing)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return Row(self.listing.summary(index) or _GONE)

    def __iter__(self) -> Iterator[Row]:
        for index in range(len(self)):
            yield self[index]


class DocList(ScrollView, can_focus=True):
    """Articles or search results; Enter opens the one under the cursor."""

    HELP = "The articles of the corpus, or the results of the current search."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("enter,l", "open", "Open", id="list.open", tooltip="Open the article"),
        Binding("s", "cycle_sort", "Sort", id="list.sort", tooltip="Sort by date, title, source"),
        Binding("S", "reverse_sort", "Reverse", show=False, id="list.reverse_sort"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "doclist--cursor",
        "doclist--meta",
        "doclist--highlight",
        "doclist--count",
        "doclist--open",
        "doclist--duplicate",
    }
    DEFAULT_CSS = """
    DocList { background: $surface; overflow-x: hidden; }
    DocList > .doclist--cursor { background: $primary 30%; }
    DocList:focus > .doclist--cursor { background: $primary 55%; }
    DocList > .doclist--meta { color: $foreground 60%; }
    DocList > .doclist--highlight { background: $hit; }
    DocList > .doclist--count { color: $accent; }
    DocList > .doclist--open { color: $accent; text-style: bold; }
    DocList > .doclist--duplicate { color: $warning; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Opened(Message):
        """The user chose a document (Enter or click)."""

        doc_id: str

    @dataclass
    class SortChanged(Message):
        key: SortKey
        reverse: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Row] = []
        self.listing: DocumentListing | None = None  # the documents shown, when from one
        self.sort_key: SortKey = "date"
        self.sort_reverse = True  # newest first
        self.open_id: str | None = None
        self.results_mode = False
        self._pass_style: Style | None = None  # set while a render pass draws lines
        self.duplicates: Mapping[str, int] = {}  # id -> size of its near-duplicate group
        # Drawn lines by what they show (see render_line): a search typed on, a later
        # stage of the same results and scrolling draw mostly lines drawn before.
        self._drawn: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    def set_duplicates(self, sizes: Mapping[str, int]) -> None:
        """Mark the members of near-duplicate groups (id -> group size)."""
        self.duplicates = sizes
        self.refresh()

    # -- data -----------------------------------------------------------------

    def set_documents(self, summaries: list[DocSummary], *, keep: str | None = None) -> None:
        """List ``summaries`` (built in memory), sorted by the list's order."""
        self.results_mode = False
        self.listing = None
        self.rows = [Row(s) for s in summaries]
        self._sort()
        self._after_change(keep)

    def set_listing(self, listing: DocumentListing, *, keep: str | None = None) -> None:
        """List the documents of ``listing`` (read already), in the list's order."""
        self.results_mode = False
        self.listing = listing
        listing.sort(self.sort_key, self.sort_reverse)
        self.rows = ListingRows(listing)
        self._after_change(keep)

    def reload_listing(self) -> None:
        """Read the listing again (a first index committed a batch) and show it, the
        reader's row staying under the cursor at the same place on screen (a list
        untouched at its top stays there, showing the first rows)."""
        listing = self.listing
        assert listing is not None and not self.results_mode
        cursor = self.cursor
        touched = len(self.rows) and (cursor or self.scroll_offset.y)
        keep = self._rowid_at(cursor) if touched else None
        listing.reload()
        self.rows = ListingRows(listing)
        self.virtual_size = Size(self.size.width, len(self.rows) * ROW_HEIGHT)
        index = None if keep is None else listing.position_of_rowid(keep)
        if index is not None:
            self.scroll_to(
                y=self.scroll_offset.y + (index - cursor) * ROW_HEIGHT,
                animate=False,
                immediate=True,
            )
            self.cursor = index
        else:
            self.cursor = 0
        self.refresh()

    def _rowid_at(self, index: int) -> int | None:
        listing = self.listing
        if listing is None or not 0 <= index < len(listing.order):
            return None
        return listing.rowid_at(index)

    def set_results(self, rows: list[Row], *, keep: str | None = None) -> None:
        self.results_mode = True
        self.rows = rows
        self._after_change(keep)

    def _after_change(self, keep: str | None) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) * ROW_HEIGHT)
        index = 0
        if keep and isinstance(self.rows, ListingRows):
            index = self.rows.listing.index_of(keep) or 0
        elif keep:
            ids = [r.summary.id for r in self.rows]  # a list scan in C, not 100k properties
            index = ids.index(keep) if keep in ids else 0
        self.cursor = min(index, max(len(self.rows) - 1, 0))
        self.scroll_to(y=max(0, self.cursor * ROW_HEIGHT - self.size.height // 2), animate=False)
        self.refresh()

    def _sort(self) -> None:
        if isinstance(self.rows, ListingRows):
            self.rows.listing.sort(self.sort_key, self.sort_reverse)
            return
        assert isinstance(self.rows, list)
        self.rows.sort(key=self._sort_key(), reverse=self.sort_reverse)

    def _sort_key(self) -> Callable[[Row], Any]:
        key = self.sort_key
        if key == "date":
            return lambda r: (r.summary.date or "", r.summary.id)
        if key == "title":
            return lambda r: r.summary.title.casefold()
        return lambda r: ((r.summary.source or "").casefold(), r.summary.date or "")

    def add_documents(self, summaries: Sequence[DocSummary]) -> None:
        """Insert more documents where the current order puts them (a first index lists
        each batch as it commits), keeping the reader's row under the cursor.

        A merge, not a sort of every row: the new rows are sorted, then each finds its
        place by bisection, and the list is rebuilt from slices (copies in C), so a
        batch costs a few milliseconds however long the list is.
        """
        if self.results_mode or not summaries:
            return
        assert isinstance(self.rows, list), "a listing is read again, not merged"
        old, cursor = self.rows, self.cursor
        new = [Row(s) for s in summaries]
        merged, shift = merge_rows(old, new, self._sort_key(), self.sort_reverse, cursor)
        self.rows = merged
        self.virtual_size = Size(self.size.width, len(merged) * ROW_HEIGHT)
        if old and (cursor or self.scroll_offset.y):
            # The same article stays under the cursor, at the same place on screen (a
            # list untouched at its top stays there, showing the first rows).
            y = self.scroll_offset.y + shift * ROW_HEIGHT
            self.scroll_to(y=y, animate=False, immediate=True)
            self.cursor = cursor + shift
        else:
            self.cursor = 0
        self.refresh()

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def sort_label(self) -> str:
        arrow = "↓" if self.sort_reverse else "↑"
        return f"{self.sort_key} {arrow}"

    def mark_open(self, doc_id: str | None) -> None:
        self.open_id = doc_id
        self.refresh()

    # -- actions ----------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old * ROW_HEIGHT - int(self.scroll_offset.y), ROW_HEIGHT)
        self.refresh_lines(new * ROW_HEIGHT - int(self.scroll_offset.y), ROW_HEIGHT)
        self.scroll_to_region(
            Region(0, new * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, immediate=True
        )

    def _move(self, delta: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(1, self.size.height // ROW_HEIGHT))

    def action_page_up(self) -> None:
        self._move(-max(1, self.size.height // ROW_HEIGHT))

    def action_first(self) -> None:
        self._move(-len(self.rows))

    def action_last(self) -> None:
        self._move(len(self.rows))

    def action_open(self) -> None:
        row = self.current
        if row is not None and row.id:
            self.post_message(self.Opened(row.id))

    def action_cycle_sort(self) -> None:
        if self.results_mode:
            self.notify("Search results are sorted by relevance", timeout=2)
            return
        index = SORTS.index(self.sort_key)
        self.sort_key = SORTS[(index + 1) % len(SORTS)]
        self.sort_reverse = self.sort_key == "date"
        self._resort()

    def action_reverse_sort(self) -> None:
        if not self.results_mode:
            self.sort_reverse = not self.sort_reverse
            self._resort(reverse_only=True)

    def _resort(self, *, reverse_only: bool = False) -> None:
        keep = self.current.id if self.current else None
        if isinstance(self.rows, ListingRows):
            self.rows.listing.sort(self.sort_key, self.sort_reverse)
        elif reverse_only:
            assert isinstance(self.rows, list)
            self.rows.reverse()  # same order backwards: no need to sort 100k rows again
        else:
            self._sort()
        self._after_change(keep)
        self.post_message(self.SortChanged(self.sort_key, self.sort_reverse))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // ROW_HEIGHT
        if 0 <= index < len(self.rows):
            self.cursor = index
            if doc_id := self.rows[index].id:
                self.post_message(self.Opened(doc_id))

    # -- rendering ---------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) * ROW_HEIGHT)

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style, worked out once per pass rather than for every line: it
        # walks the widget's ancestors, and was a third of the time drawing a line.
        self._pass_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # the theme or focus changed the component styles

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        absolute = y + int(self.scroll_offset.y)
        index, part = divmod(absolute, ROW_HEIGHT)
        base = self.rich_style if self._pass_style is None else self._pass_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("doclist--cursor", partial=True)
        # Everything a line is drawn from: a title line does not change when the
        # snippet arrives, nor a second line when another article is opened.
        summary = row.summary
        key: tuple[object, ...] = (
            (summary, part, width, style, summary.id == self.open_id)
            if part == 0
            else (row, part, width, style, self.duplicates.get(summary.id))
        )
        strip = self._drawn.get(key)
        if strip is None:
            text = self._line_text(row, part)
            text.truncate(width - 1, overflow="ellipsis", pad=True)
            text = Text(" ") + text
            segments = list(text.render(self.app.console))
            strip = Strip(segments).apply_style(style).crop_extend(0, width, style)
            self._drawn[key] = strip
        return strip

    def _line_text(self, row: Row, part: int) -> Text:
        summary = row.summary
        if part == 0:
            text = Text(safe_name(summary.title), no_wrap=True)
            if summary.id == self.open_id:
                text.stylize(self.get_component_rich_style("doclist--open", partial=True))
            else:
                text.stylize(Style(bold=True))
            return text
        meta = self.get_component_rich_style("doclist--meta", partial=True)
        marker = Text(no_wrap=True)
        copies = self.duplicates.get(summary.id)
        if copies:
            style = self.get_component_rich_style("doclist--duplicate", partial=True)
            marker.append(f"≈ dup ×{copies}", style)
            marker.append(" · ", meta)
        if row.hits is not None:
            text = marker
            text.append(
                f"{row.hits} hit{'s' if row.hits != 1 else ''} ",
                self.get_component_rich_style("doclist--count", partial=True),
            )
            if row.snippet is not None:
                snippet = Text(row.snippet.text, style=meta)
                highlight = self.get_component_rich_style("doclist--highlight", partial=True)
                for start, end in row.snippet.highlights:
                    snippet.stylize(highlight, start, end)
                # The list is narrow: start the snippet just before its first hit.
                first = row.snippet.highlights[0][0] if row.snippet.highlights else 0
                if first > 12:
                    snippet = Text("…") + snippet[first - 10 :]
                text.append_text(snippet)
            return text
        parts = [p for p in (summary.date, summary.source) if p]
        marker.append(safe_name(" · ".join(parts) or summary.id), meta)
        return marker


def merge_rows(
    rows: list[Row], new: list[Row], key: Callable[[Row], Any], reverse: bool, cursor: int
) -> tuple[list[Row], int]:
    """``rows`` (sorted by ``key``, descending when ``reverse``) with ``new`` inserted in
    order, and how many of them went before the row at ``cursor``."""
    merged: list[Row] = []
    start = shift = 0
    for row in sorted(new, key=key, reverse=reverse):
        at = _insert_position(rows, key(row), key, start, reverse)
        merged.extend(rows[start:at])
        merged.append(row)
        start = at
        shift += at <= cursor
    merged.extend(rows[start:])
    return merged, shift


def _insert_position(
    rows: Sequence[Row], value: Any, key: Callable[[Row], Any], low: int, reverse: bool
) -> int:
    """Where a row of sort key ``value`` goes in ``rows`` (sorted by ``key``, descending
    when ``reverse``), after its equals, searching from ``low`` on."""
    high = len(rows)
    while low < high:
        middle = (low + high) // 2
        probe = key(rows[middle])
        if (value > probe) if reverse else (value < probe):
            high = middle
        else:
            low = middle + 1
    return low
