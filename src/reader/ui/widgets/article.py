"""The article view: a metadata header and the cleaned text at a readable measure.

A Line API widget: the text is laid out once per width (``reader.ui.wrap``) and
only the visible lines are drawn. Marks are layers of character spans (search
hits, the current hit, entities, bookmarks, the passage cursor and selection), each
styled by a component class so themes colour them. Text is always ``rich.text.Text``
built from plain strings: nothing from an article is ever parsed as markup.

What the keys change is plain state in :mod:`reader.ui.reading` (as Textual's ``TextArea``
keeps its selection and navigation apart from the widget): the mark layers
(:class:`~reader.ui.reading.marks.MarkLayers`), the search hits and the current one
(:class:`~reader.ui.reading.hits.HitNavigator`), the passage cursor and its selection
(:class:`~reader.ui.reading.cursor.PassageCursor`) and where to scroll once laid out
(:class:`~reader.ui.reading.scrolling.PendingScroll`). This widget lays out, paints, scrolls
and translates keys and clicks into calls on them.

The passage cursor is a sentence: ``)``/``(`` move it by sentence, ``}``/``{`` by paragraph,
``v`` starts a selection that grows with it, ``b`` asks for a bookmark of the selection (or
the cursor's sentence, or the current search hit's sentence) with
:class:`ArticleView.BookmarkRequested`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.core.corpus.document import Document
from reader.ui.reading.cursor import PassageCursor, Step
from reader.ui.reading.hits import HitNavigator
from reader.ui.reading.marks import MARK_LAYERS, MarkLayers
from reader.ui.reading.passages import Place
from reader.ui.reading.scrolling import PendingScroll, ScrollTarget
from reader.ui.reading.spans import SpanIndex
from reader.ui.wrap import Layout, layout_text, wrap_paragraph

_STYLE_CLASSES = {
    "italic": Style(italic=True),
    "bold": Style(bold=True),
    "heading": Style(bold=True, underline=True),
    "code": Style(dim=True),
    "quote": Style(italic=True, dim=True),
}

BIG_TEXT = 400_000  # characters above which layout runs in a worker thread


class ArticleView(ScrollView, can_focus=True):
    """One article; ``n``/``N`` step through search hits."""

    HELP = (
        "The article. n / N step through search hits; j / k scroll. ) / ( move the passage "
        "cursor by sentence, } / { by paragraph; v selects, b bookmarks."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="article.down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="article.up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="article.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("n", "next_hit", "Next hit", id="article.next_hit", tooltip="Next search hit"),
        Binding("N", "previous_hit", "Prev hit", id="article.previous_hit"),
        Binding(
            "right_parenthesis",
            "next_sentence",
            "Next sentence",
            show=False,
            id="article.next_sentence",
        ),
        Binding(
            "left_parenthesis",
            "previous_sentence",
            "Prev sentence",
            show=False,
            id="article.previous_sentence",
        ),
        Binding(
            "right_curly_bracket",
            "next_paragraph",
            "Next paragraph",
            show=False,
            id="article.next_paragraph",
        ),
        Binding(
            "left_curly_bracket",
            "previous_paragraph",
            "Prev paragraph",
            show=False,
            id="article.previous_paragraph",
        ),
        Binding(
            "v",
            "toggle_selection",
            "Select",
            id="article.select",
            tooltip="Start a selection at the cursor; v again stops extending it",
        ),
        Binding(
            "b",
            "bookmark",
            "Bookmark",
            id="article.bookmark",
            tooltip="The selection, the cursor sentence or the current hit",
        ),
        # Only active while a selection exists (check_action); otherwise escape reaches
        # the screen, which clears the search.
        Binding(
            "escape",
            "cancel_selection",
            "Drop selection",
            show=False,
            id="article.cancel_selection",
        ),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title",
        "article--meta",
        "article--gutter",
        *(f"article--{layer}" for layer in MARK_LAYERS),
    }
    DEFAULT_CSS = """
    ArticleView { background: $background; scrollbar-gutter: stable; overflow-x: hidden; }
    ArticleView > .article--title { text-style: bold; color: $primary; }
    ArticleView > .article--meta { color: $foreground 60%; }
    ArticleView > .article--hit { background: $hit; }
    ArticleView > .article--current {
        background: $hit-current; color: $hit-current-text; text-style: bold;
    }
    ArticleView > .article--shared { background: $shared-passage; }
    ArticleView > .article--shared-exact { background: $shared-exact; }
    ArticleView > .article--shared-current { text-style: bold underline; }
    ArticleView > .article--bookmark { background: $bookmark; }
    ArticleView > .article--entity-person { color: $entity-person; text-style: underline; }
    ArticleView > .article--entity-org { color: $entity-org; text-style: underline; }
    ArticleView > .article--entity-place { color: $entity-place; text-style: underline; }
    ArticleView > .article--entity-figure { color: $entity-figure; text-style: underline; }
    ArticleView > .article--entity-current { text-style: bold reverse; }
    ArticleView > .article--selection { background: $primary 35%; }
    ArticleView > .article--cursor { text-style: underline; }
    ArticleView > .article--gutter { color: $primary; }
    """

    @dataclass
    class HitChanged(Message):
        index: int
        total: int

    @dataclass
    class BookmarkRequested(Message):
        """``b``: bookmark ``document.text[start:end]``."""

        document: Document
        start: int
        end: int

    def __init__(self, *, reading_width: int = 80, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading_width = reading_width
        self.document: Document | None = None
        self.layout_: Layout | None = None
        self.header: list[Text] = []
        self._styles: SpanIndex[tuple[int, int, str]] = SpanIndex(())
        self._marks = MarkLayers()
        self._hits = HitNavigator()
        self.passage = PassageCursor()  # the passage cursor and selection
        self._scroll = PendingScroll()

    @property
    def marks(self) -> Mapping[str, list[tuple[int, int]]]:
        """Each non-empty mark layer's spans (read only: change them with ``set_marks``)."""
        return self._marks.spans

    @property
    def hits(self) -> list[tuple[int, int]]:
        """The search hits, sorted."""
        return self._hits.spans

    @property
    def hit_index(self) -> int:
        """The current hit, -1 before ``n`` / ``N`` or ``go_to_hit``."""
        return self._hits.index

    @property
    def cursor(self) -> Place | None:
        """The passage cursor's sentence; None until it is used."""
        return self.passage.cursor

    # -- content ------------------------------------------------------------------

    def show_document(self, document: Document | None, *, scroll_to: int | None = None) -> None:
        self.document = document
        self._hits.reset([])
        self._marks.clear()
        self.layout_ = None
        self.passage = PassageCursor(document.text if document else None)
        styles = document.styles if document else ()
        self._styles = SpanIndex((s.start, s.end, s.style) for s in styles)
        self._scroll.wait_for_layout(None if scroll_to is None else ScrollTarget(scroll_to, True))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._relayout()

    def set_hits(self, hits: list[tuple[int, int]], *, go_first: bool = False) -> None:
        self._hits.reset(hits)
        self._marks.set("hit", self._hits.spans)
        if go_first and self._hits:
            self.go_to_hit(0)
        else:
            self._marks.set("current", [])
            self.post_message(self.HitChanged(-1, len(self._hits)))
        self.refresh()

    def set_marks(self, layer: str, spans: list[tuple[int, int]]) -> None:
        """Replace one mark layer (see ``MARK_LAYERS``); an empty list clears it."""
        self._marks.set(layer, spans)
        self.refresh()

    def go_to_hit(self, index: int) -> None:
        hit = self._hits.go(index)
        if hit is None:
            return
        self._marks.set("current", [hit])
        self.scroll_to_offset(hit[0])
        # The cursor follows the hit (and a selection being made grows to it), so b
        # after n bookmarks the hit's sentence.
        if self.passage.follow(hit[0]):
            self._show_cursor()
        self.post_message(self.HitChanged(self._hits.index, len(self._hits)))
        self.refresh()

    def action_next_hit(self) -> None:
        if not self._hits:
            self.notify("No search hits in this article", timeout=2)
            return
        self.go_to_hit(self._hits.index + 1)

    def action_previous_hit(self) -> None:
        if not self._hits:
            self.notify("No search hits in this article", timeout=2)
            return
        self.go_to_hit(self._hits.index - 1 if self._hits.index >= 0 else -1)

    # -- passage cursor and selection --------------------------------------------------

    def _ensure_cursor(self) -> bool:
        """Show the cursor if it is not yet; False if there is nothing to put it on."""
        passage = self.passage
        if not passage.passages:
            return False
        if passage.cursor is None:
            # Where it appears: the current hit, else the top of the window.
            hit = self._hits.current
            bottom_line = int(self.scroll_offset.y) + self.size.height - 1
            passage.cursor = passage.start_place(
                None if hit is None else hit[0],
                self.top_offset(),
                lambda offset: self.line_of_offset(offset) < bottom_line,
            )
            self._show_cursor()
        return passage.cursor is not None

    def _move_cursor(self, step: Step) -> None:
        if self.passage.cursor is None:
            self._ensure_cursor()  # the first key only shows where the cursor is
            return
        self.passage.move(step)
        self._show_cursor()

    def _show_cursor(self, *, reveal: bool = True) -> None:
        """Update the cursor and selection marks and keep the cursor in view."""
        span = self.passage.span()
        if span is None:
            self.set_marks("cursor", [])
            self.set_marks("selection", [])
            return
        self.set_marks("cursor", [span])
        selected = self.passage.selected_span()
        self.set_marks("selection", [selected] if selected else [])
        if reveal:
            self._reveal(*span)

    def _reveal(self, start: int, end: int) -> None:
        """Scroll the least needed to show ``[start, end)`` (its start if it is too tall)."""
        if self.layout_ is None:
            return
        height = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        first = self.line_of_offset(start)
        last = self.line_of_offset(max(start, end - 1))
        if first < top:
            # One line of context above; near the start, show the title too.
            self._scroll_to_line(0 if first - 1 <= len(self.header) else first - 1)
        elif last >= top + height:
            self._scroll_to_line(max(0, min(first - 1, last - height + 1)))

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as a character span, or None if there is none."""
        return self.passage.selected_span()

    @property
    def selecting(self) -> bool:
        """A selection is being extended by the cursor."""
        return self.passage.selecting

    def place_cursor(self, start: int) -> None:
        """Put the cursor on the sentence at ``start`` (a jump to a bookmark), no selection."""
        if not self.passage.passages:
            return
        self.passage.jump(start)
        self._show_cursor(reveal=False)
        self.refresh_bindings()
        span = self.passage.span()
        if span is not None:
            self.scroll_to_offset(span[0])

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under content cell (``x``, ``y``), or None off the text."""
        layout, document = self.layout_, self.document
        index = y + int(self.scroll_offset.y) - len(self.header)
        if layout is None or document is None or not 0 <= index < len(layout):
            return None
        start, end = layout.starts[index], layout.ends[index]
        if start < 0:
            return None
        column = x - self.margin
        for position in range(start, end):
            column -= cell_len(document.text[position])
            if column < 0:
                return position
        return max(start, end - 1)

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the sentence clicked (and grows a selection)."""
        where = event.get_content_offset(self)
        offset = None if where is None else self.offset_at(where.x, where.y)
        if offset is None or not self.passage.passages:
            return
        self.passage.point(offset)
        self._show_cursor(reveal=False)

    def clear_selection(self) -> None:
        if self.passage.clear_selection():
            self._show_cursor(reveal=False)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_selection":
            return self.passage.selection is not None
        return True

    def action_next_sentence(self) -> None:
        self._move_cursor("next_sentence")

    def action_previous_sentence(self) -> None:
        self._move_cursor("previous_sentence")

    def action_next_paragraph(self) -> None:
        self._move_cursor("next_paragraph")

    def action_previous_paragraph(self) -> None:
        self._move_cursor("previous_paragraph")

    def action_toggle_selection(self) -> None:
        """Start a selection at the cursor; if one is growing, stop it (b keeps it)."""
        if not self._ensure_cursor():
            return
        self.passage.toggle_selection()
        self._show_cursor()
        self.refresh_bindings()

    def action_cancel_selection(self) -> None:
        self.clear_selection()

    def action_bookmark(self) -> None:
        """Ask to bookmark the selection, else the cursor's sentence, else the hit's."""
        document = self.document
        if document is None or not self.passage.passages:
            self.notify("Open an article to bookmark a passage", timeout=3)
            return
        span = self.passage.selected_span()
        hit = self._hits.current
        if span is None and self.passage.cursor is None and hit is not None:
            span = self.passage.covering(*hit)
        if span is None and self._ensure_cursor():
            span = self.passage.span()
        if span is not None:
            self.post_message(self.BookmarkRequested(document, *span))

    # -- geometry -------------------------------------------------------------------

    @property
    def content_width(self) -> int:
        """Columns for text: the widget less its scrollbar."""
        return self.scrollable_content_region.width

    @property
    def measure(self) -> int:
        return max(10, min(self.reading_width, self.content_width - 2))

    @property
    def margin(self) -> int:
        return max(1, (self.content_width - self.measure) // 2)

    def line_of_offset(self, offset: int) -> int:
        if self.layout_ is None:
            return 0
        return len(self.header) + _line_of(self.layout_, offset)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line holding ``offset`` into view, a third of the way down."""
        if self.layout_ is None:
            self._scroll.wait_for_layout(ScrollTarget(offset, at_top=False))
            return
        line = self.line_of_offset(offset)
        top = max(0, line - self.size.height // 3)
        if not (self.scroll_offset.y <= line < self.scroll_offset.y + self.size.height - 1):
            self._scroll_to_line(top)

    def _scroll_to_line(self, top: int, *, target: ScrollTarget | None = None) -> None:
        # A new virtual size only takes effect on the next refresh; scrolling now
        # would be clamped to the old (possibly empty) size. ``target`` is what the
        # scroll is for, so a resize before it runs keeps aiming there.
        self._scroll.queue(target)

        def scroll() -> None:
            self._scroll.ran()
            # force: before the next layout pass the scrollbar may not exist yet, and an
            # unforced scroll would be ignored (seen restoring a position at start-up).
            self.scroll_to(y=top, animate=False, immediate=True, force=True)

        self.call_after_refresh(scroll)

    def top_offset(self) -> int:
        """Document offset of the first visible body line (for restoring position)."""
        if self.layout_ is None or not len(self.layout_):
            return 0
        index = max(0, int(self.scroll_offset.y) - len(self.header))
        index = min(index, len(self.layout_) - 1)
        while index > 0 and self.layout_.starts[index] == -1:
            index -= 1
        return max(0, self.layout_.starts[index])

    def on_resize(self) -> None:
        if self.layout_ is None or self.layout_.width != self.measure:
            if self.layout_ is not None:
                self._scroll.relayout(self.top_offset())
            self._relayout()

    def _relayout(self) -> None:
        document = self.document
        if document is None:
            self.header = []
            self.virtual_size = Size(self.size.width, 0)
            self.refresh()
            return
        if not self.size.width:
            return  # not laid out yet: on_resize will lay the text out at the real width
        self.header = self._header_lines(document)
        if len(document.text) > BIG_TEXT:
            self.virtual_size = Size(self.size.width, len(self.header) + 1)
            self.run_worker(self._layout_big, thread=True, exclusive=True, group="layout")
        else:
            self._install_layout(layout_text(document.text, self.measure), document)

    def _layout_big(self) -> None:
        document = self.document
        if document is None:
            return
        worker = get_current_worker()

        def pause() -> None:
            # A 20 MB article takes about 2 s: opening another one meanwhile stops it.
            if worker.is_cancelled:
                raise _Cancelled

        try:
            layout = layout_text(document.text, self.measure, pause=pause)
        except _Cancelled:
            return  # another article (or width) replaced this layout
        self.app.call_from_thread(self._install_layout, layout, document)

    def _install_layout(self, layout: Layout, document: Document) -> None:
        if document is not self.document:
            return  # another article was opened meanwhile
        self.layout_ = layout
        self.virtual_size = Size(self.size.width, len(self.header) + len(layout) + 1)
        target = self._scroll.take()
        if target is not None:
            line = self.line_of_offset(target.offset)
            self._scroll_to_line(
                line if target.at_top else max(0, line - self.size.height // 3),
                target=target,
            )
        self.refresh()

    def _header_lines(self, document: Document) -> list[Text]:
        meta = document.meta
        title_style = self.get_component_rich_style("article--title", partial=True)
        meta_style = self.get_component_rich_style("article--meta", partial=True)
        details = " · ".join(d for d in (", ".join(meta.authors), meta.date, meta.source) if d)
        lines: list[Text] = []
        for value, style in ((meta.title, title_style), (details, meta_style)):
            for start, end in wrap_paragraph(value, 0, len(value), self.measure) if value else []:
                lines.append(Text(value[start:end].rstrip(), style=style))
        if meta.url:
            lines.append(Text(meta.url, style=meta_style, no_wrap=True, overflow="ellipsis"))
        lines.append(Text(""))
        return lines

    # -- rendering ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        absolute = y + int(self.scroll_offset.y)
        line: Text | None
        if self.document is None:
            if y != 1:
                return Strip.blank(width, base)  # the empty pane is drawn at first paint
            hint = "Open an article from the list (Enter), or search with /"
            line = Text(hint, style=self.get_component_rich_style("article--meta", partial=True))
        elif absolute < len(self.header):
            line = self.header[absolute].copy()
        else:
            line = self._body_line(absolute - len(self.header))
        if line is None:
            return Strip.blank(width, base)
        text = line
        text.truncate(self.measure)
        margin = Text(" " * self.margin)
        if absolute >= len(self.header) and self._cursor_on_line(absolute - len(self.header)):
            # A bar in the margin marks the cursor's lines without hiding other marks.
            margin = Text(" " * (self.margin - 1))
            margin.append("▌", self.get_component_rich_style("article--gutter", partial=True))
        padded = margin + text
        segments = list(padded.render(self.app.console))
        return Strip(segments).apply_style(base).crop_extend(0, width, base)

    def _layer_style(self, layer: str) -> Style:
        """A mark layer's style; one without a background keeps the marks beneath it.

        A layer with a background gets the full style (its ``$x 35%`` colours blended
        over the widget's background); one that only sets colour or text style (the
        cursor's underline, entity colours) gets the partial style, so a bookmark or hit
        background under it still shows.
        """
        name = f"article--{layer}"
        has_background = self.get_component_styles(name).has_rule("background")
        return self.get_component_rich_style(name, partial=not has_background)

    def _cursor_on_line(self, index: int) -> bool:
        layout = self.layout_
        if layout is None or not 0 <= index < len(layout):
            return False
        start, end = layout.starts[index], layout.ends[index]
        return start >= 0 and self._marks.touches("cursor", start, max(end, start + 1))

    def _body_line(self, index: int) -> Text | None:
        layout, document = self.layout_, self.document
        if layout is None or document is None or not 0 <= index < len(layout):
            return None
        start, end = layout.starts[index], layout.ends[index]
        if start < 0:
            return Text("")
        text = Text(document.text[start:end].rstrip("\n"))
        for a, b, kind in self._styles.overlapping(start, end):
            text.stylize(_STYLE_CLASSES.get(kind, Style()), max(0, a - start), b - start)
        for layer, spans in self._marks.painted(start, end):
            style = self._layer_style(layer)
            for a, b in spans:
                text.stylize(style, max(0, a - start), b - start)
        return text


class _Cancelled(Exception):
    """The layout being computed is no longer wanted."""


def _line_of(layout: Layout, offset: int) -> int:
    """The display line showing ``offset``, by binary search over the line starts.

    Bisecting ``starts`` directly would be wrong: the ``-1`` of a blank line makes that
    list unsorted; here a blank line counts as starting where the line before it does,
    which keeps the keys in order.
    """
    starts = layout.starts
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        key = starts[middle] if starts[middle] >= 0 else starts[middle - 1]
        if key <= offset:
            low = middle + 1
        else:
            high = middle
    index = low - 1
    while index > 0 and starts[index] == -1:
        index -= 1
    return max(index, 0)
