"""The article view: a metadata header and the cleaned text at a readable measure.

A Line API widget: the text is laid out once per width (``reader.ui.wrap``) and
only the visible lines are drawn. Marks are layers of character spans (search
hits, the current hit; later entities and bookmarks), each styled by a component
class so themes colour them. Text is always ``rich.text.Text`` built from plain
strings: nothing from an article is ever parsed as markup.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, ClassVar, TypeVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.document import Document
from reader.ui.wrap import Layout, layout_text, wrap_paragraph

_STYLE_CLASSES = {
    "italic": Style(italic=True),
    "bold": Style(bold=True),
    "heading": Style(bold=True, underline=True),
    "code": Style(dim=True),
    "quote": Style(italic=True, dim=True),
}
_S = TypeVar("_S", bound=tuple[Any, ...])

# Mark layers, painted in this order (later layers win where they overlap). Each is a
# list of (start, end) character spans styled by the component class
# ``article--<layer>``, so themes colour them through their variables.
MARK_LAYERS: tuple[str, ...] = (
    "shared",  # passages shared with the other article (split view)
    "shared-current",  # the shared passage pair jumped to
    "bookmark",  # bookmarked passages
    "entity-person",
    "entity-org",
    "entity-place",
    "entity-figure",
    "entity-current",  # the selected entity's mention jumped to
    "selection",  # the passage selection being made (v)
    "cursor",  # the passage cursor
    "hit",
    "current",  # the current search hit
)
BIG_TEXT = 400_000  # characters above which layout runs in a worker thread


class ArticleView(ScrollView, can_focus=True):
    """One article; ``n``/``N`` step through search hits."""

    HELP = "The article. n / N step through search hits; j / k scroll."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="article.down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="article.up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="article.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("n", "next_hit", "Next hit", id="article.next_hit", tooltip="Next search hit"),
        Binding("N", "previous_hit", "Prev hit", id="article.previous_hit"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title",
        "article--meta",
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
    ArticleView > .article--shared-current { background: $shared-passage; text-style: bold; }
    ArticleView > .article--bookmark { background: $bookmark; }
    ArticleView > .article--entity-person { color: $entity-person; text-style: underline; }
    ArticleView > .article--entity-org { color: $entity-org; text-style: underline; }
    ArticleView > .article--entity-place { color: $entity-place; text-style: underline; }
    ArticleView > .article--entity-figure { color: $entity-figure; text-style: underline; }
    ArticleView > .article--entity-current { text-style: bold reverse; }
    ArticleView > .article--selection { background: $primary 35%; }
    ArticleView > .article--cursor { background: $primary 18%; }
    """

    class HitChanged(Message):
        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    def __init__(self, *, reading_width: int = 80, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading_width = reading_width
        self.document: Document | None = None
        self.layout_: Layout | None = None
        self.header: list[Text] = []
        self.marks: dict[str, list[tuple[int, int]]] = {}
        self.hits: list[tuple[int, int]] = []
        self.hit_index = -1
        self._styles: list[tuple[int, int, str]] = []
        self._pending_scroll: int | None = None
        self._queued_scroll: tuple[int, bool] | None = None
        self._pending_at_top = True  # restore a position exactly; show a hit a third down

    # -- content ------------------------------------------------------------------

    def show_document(self, document: Document | None, *, scroll_to: int | None = None) -> None:
        self.document = document
        self.hits = []
        self.hit_index = -1
        self.marks = {}
        self.layout_ = None
        self._styles = (
            sorted((s.start, s.end, s.style) for s in document.styles) if document else []
        )
        self._pending_scroll = scroll_to
        self._pending_at_top = True
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._relayout()

    def set_hits(self, hits: list[tuple[int, int]], *, go_first: bool = False) -> None:
        self.hits = sorted(hits)
        self.marks["hit"] = self.hits
        self.hit_index = -1
        if go_first and self.hits:
            self.go_to_hit(0)
        else:
            self.marks.pop("current", None)
            self.post_message(self.HitChanged(-1, len(self.hits)))
        self.refresh()

    def set_marks(self, layer: str, spans: list[tuple[int, int]]) -> None:
        """Replace one mark layer (see ``MARK_LAYERS``); an empty list clears it."""
        if layer not in MARK_LAYERS:
            raise ValueError(f"unknown mark layer: {layer}")
        if spans:
            self.marks[layer] = sorted(spans)
        else:
            self.marks.pop(layer, None)
        self.refresh()

    def go_to_hit(self, index: int) -> None:
        if not self.hits:
            return
        self.hit_index = index % len(self.hits)
        start, end = self.hits[self.hit_index]
        self.marks["current"] = [(start, end)]
        self.scroll_to_offset(start)
        self.post_message(self.HitChanged(self.hit_index, len(self.hits)))
        self.refresh()

    def action_next_hit(self) -> None:
        if not self.hits:
            self.notify("No search hits in this article", timeout=2)
            return
        self.go_to_hit(self.hit_index + 1)

    def action_previous_hit(self) -> None:
        if not self.hits:
            self.notify("No search hits in this article", timeout=2)
            return
        self.go_to_hit(self.hit_index - 1 if self.hit_index >= 0 else -1)

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
        return len(self.header) + self.layout_.line_of(offset)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line holding ``offset`` into view, a third of the way down."""
        if self.layout_ is None:
            self._pending_scroll = offset
            self._pending_at_top = False
            return
        line = self.line_of_offset(offset)
        top = max(0, line - self.size.height // 3)
        if not (self.scroll_offset.y <= line < self.scroll_offset.y + self.size.height - 1):
            self._scroll_to_line(top)

    def _scroll_to_line(self, top: int, *, target: tuple[int, bool] | None = None) -> None:
        self._queued_scroll = target

        def scroll() -> None:
            self._queued_scroll = None
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
            if self.layout_ is not None and self._pending_scroll is None:
                if self._queued_scroll is not None:
                    self._pending_scroll, self._pending_at_top = self._queued_scroll
                else:
                    self._pending_scroll = self.top_offset()
                    self._pending_at_top = True
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
        layout = layout_text(document.text, self.measure)
        self.app.call_from_thread(self._install_layout, layout, document)

    def _install_layout(self, layout: Layout, document: Document) -> None:
        if document is not self.document:
            return  # another article was opened meanwhile
        self.layout_ = layout
        self.virtual_size = Size(self.size.width, len(self.header) + len(layout) + 1)
        if self._pending_scroll is not None:
            target, self._pending_scroll = self._pending_scroll, None
            line = self.line_of_offset(target)
            self._scroll_to_line(
                line if self._pending_at_top else max(0, line - self.size.height // 3),
                target=(target, self._pending_at_top),
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
            hint = "Open an article from the list (Enter), or search with /" if y == 1 else ""
            line = Text(hint, style=self.get_component_rich_style("article--meta", partial=True))
        elif absolute < len(self.header):
            line = self.header[absolute].copy()
        else:
            line = self._body_line(absolute - len(self.header))
        if line is None:
            return Strip.blank(width, base)
        text = line
        text.truncate(self.measure)
        padded = Text(" " * self.margin) + text
        segments = list(padded.render(self.app.console))
        return Strip(segments).apply_style(base).crop_extend(0, width, base)

    def _body_line(self, index: int) -> Text | None:
        layout, document = self.layout_, self.document
        if layout is None or document is None or not 0 <= index < len(layout):
            return None
        start, end = layout.starts[index], layout.ends[index]
        if start < 0:
            return Text("")
        text = Text(document.text[start:end].rstrip("\n"))
        for a, b, kind in _overlapping(self._styles, start, end):
            text.stylize(_STYLE_CLASSES.get(kind, Style()), max(0, a - start), b - start)
        for layer in MARK_LAYERS:
            spans = self.marks.get(layer)
            if not spans:
                continue
            style = self.get_component_rich_style(f"article--{layer}")
            for a, b in _overlapping(spans, start, end):
                text.stylize(style, max(0, a - start), b - start)
        return text


def _overlapping(spans: list[_S], start: int, end: int) -> list[_S]:
    """Spans (tuples sorted by start, end) that overlap ``[start, end)``."""
    index = bisect_left(spans, start, key=lambda s: s[0])
    # a span that starts before the line may still reach into it
    while index > 0 and spans[index - 1][1] > start:
        index -= 1
    found = []
    while index < len(spans) and spans[index][0] < end:
        if spans[index][1] > start:
            found.append(spans[index])
        index += 1
    return found
