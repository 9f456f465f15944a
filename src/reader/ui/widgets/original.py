"""The original file beside the cleaning: what the cleaner removed, dimmed and labelled.

Shown in place of the article view (``r`` on the main screen). The text is the
normalised source (:meth:`reader.core.index.library.Library.original`: decoded, escape
sequences and control characters already removed); each removed stretch is dimmed
and struck through, with a small label giving the reason at its start. Built from
``rich.text.Text`` with styles on spans, never markup: nothing from a file is parsed.

A Line API widget: the text is wrapped once per width and only visible lines drawn,
so a long file scrolls as smoothly as the article does.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.corpus.document import Original, Removed

_LABEL = Style(italic=True, reverse=True)
_REMOVED = Style(dim=True, strike=True)
_NOTE = Style(bold=True)
# Reasons given by the header reader: the line became the article's metadata.
_MOVED = {"title", "byline", "header: date line", "header: URL line", "header: section label"}


def short_reason(reason: str) -> str:
    """The kind of a removal, without counts or details, to group like with like."""
    if reason.startswith("repeated in"):
        return "repeated in folder"
    if reason.startswith("list under"):
        return "list under repeated heading"
    if reason.startswith("line labelled"):
        return "repeated label"
    if reason.startswith(("footer:", "header:")):
        return reason.split(":", 1)[0]
    return reason


def removed_summary(removed: tuple[Removed, ...]) -> Text:
    """``3 paragraphs removed (repeated in folder ×2, footer) · r shows them``.

    Lines read into the article's details (title, byline, date...) are not counted:
    the Details tab shows them.
    """
    kinds = Counter(short_reason(r.reason) for r in removed if r.reason not in _MOVED)
    if not kinds:
        return Text("Nothing removed but the header", style="dim")
    count = sum(kinds.values())
    parts = [f"{kind} ×{n}" if n > 1 else kind for kind, n in kinds.most_common()]
    text = Text(f"{count} paragraph{'s' if count != 1 else ''} removed ({', '.join(parts)})")
    text.append(" · r shows them", style="dim")
    return text


def original_text(original: Original) -> Text:
    """The source text with each removed stretch dimmed and labelled with its reason."""
    text = Text()
    if original.stale:
        text.append("The file changed since it was indexed: shown as it is now.\n\n", _NOTE)
    at = 0
    for removed in original.removed:
        text.append(original.text[at : removed.start])
        text.append(f" {removed.reason} ", _LABEL)
        text.append(" ")
        text.append(original.text[removed.start : removed.end], _REMOVED)
        at = removed.end
    text.append(original.text[at:])
    return text


class OriginalView(ScrollView, can_focus=True):
    """The original file of the open article, with what cleaning removed marked."""

    HELP = (
        "The original file: parts the cleaner removed are dimmed, struck through and "
        "labelled with the reason. r or escape goes back to the article."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="original.close", tooltip="Back to the article"),
        Binding("down,j", "scroll_down", "Down", show=False, id="original.down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="original.up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="original.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="original.page_up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="original.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="original.bottom"),
    ]
    DEFAULT_CSS = """
    OriginalView {
        width: 1fr; min-width: 40; border: round $panel; background: $background;
        scrollbar-gutter: stable; overflow-x: hidden; padding: 0 1;
    }
    OriginalView:focus { border: round $primary; }
    """

    class Closed(Message):
        """Escape: the screen swaps the article view back in."""

    def __init__(self, doc_id: str, original: Original, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.doc_id = doc_id
        self.original = original
        self.content = original_text(original)
        self._strips: list[Strip] = []
        self._width = -1
        count = len(original.removed)
        self.border_title = f"Original file · {count} removed part{'s' if count != 1 else ''}"
        self.border_subtitle = "r / esc: back to the article"

    def plain_lines(self) -> list[str]:
        """The wrapped lines as plain text (what is on screen, for tests)."""
        self._wrap()
        return [strip.text for strip in self._strips]

    def _wrap(self) -> None:
        width = max(1, self.scrollable_content_region.width or self.size.width or 80)
        if width == self._width:
            return
        self._width = width
        console = self.app.console
        lines = self.content.wrap(console, width, overflow="fold")
        self._strips = [
            Strip(list(line.render(console)), line.cell_len).crop_extend(0, width, None)
            for line in lines
        ]
        self.virtual_size = Size(width, len(self._strips))

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()
        self.refresh()

    def on_mount(self) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if 0 <= index < len(self._strips):
            return self._strips[index].apply_style(base).crop_extend(0, width, base)
        return Strip.blank(width, base)

    def action_close(self) -> None:
        self.post_message(self.Closed())
