"""The corpus entity table: a virtual list (Line API) that opens at once at any size.

A corpus of 20,000 articles has about 100,000 entities. A ``DataTable`` builds and
measures every cell when rows are added (16,000 BBC entities took 14 s on the UI
thread); this table keeps the entities as a list and renders only the lines on
screen, in fixed columns. Names and aliases are article text: plain ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.entities.model import CorpusEntity

TYPE_WIDTH = 13
COUNT_WIDTH = 9
LABELS: dict[str, str] = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "date": "date",
    "money": "money",
    "figure": "figure",
}


def _widths(width: int) -> tuple[int, int]:
    """Widths of the name and the aliases columns for a table ``width`` wide."""
    rest = max(0, width - 1 - TYPE_WIDTH - 2 * COUNT_WIDTH - 3)
    name = max(12, rest * 2 // 5)
    return name, max(0, rest - name)


def header_text(width: int) -> Text:
    name, aliases = _widths(width)
    line = " " + "Entity".ljust(name) + " " + "Type".ljust(TYPE_WIDTH)
    line += "Articles".rjust(COUNT_WIDTH) + "Mentions".rjust(COUNT_WIDTH) + "  "
    return Text(line + "Also known as"[:aliases], style="bold", no_wrap=True)


class EntityTable(ScrollView, can_focus=True):
    """Corpus entities, one line each; Enter chooses the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False, id="entity_table.down"),
        Binding("up", "move(-1)", "Up", show=False, id="entity_table.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="entity_table.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="entity_table.page_up"),
        Binding("home", "move(-1_000_000_000)", "First", show=False, id="entity_table.first"),
        Binding("end", "move(1_000_000_000)", "Last", show=False, id="entity_table.last"),
        Binding("enter", "choose", "Articles", show=False, id="entity_table.choose"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"entity-table--cursor", "entity-table--dim"}
    DEFAULT_CSS = """
    EntityTable { background: $surface; overflow-x: hidden; }
    EntityTable > .entity-table--cursor { background: $primary 30%; }
    EntityTable:focus > .entity-table--cursor { background: $primary 55%; }
    EntityTable > .entity-table--dim { color: $foreground 60%; }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on an entity."""

        entity: CorpusEntity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[CorpusEntity] = []

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def current(self) -> CorpusEntity | None:
        return self.rows[self.cursor_row] if 0 <= self.cursor_row < len(self.rows) else None

    def set_rows(self, rows: Sequence[CorpusEntity], *, keep: str | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep`` (an id) when it is among them."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        index = 0
        if keep is not None:
            index = next((i for i, e in enumerate(rows) if e.id == keep), 0)
        self.cursor_row = min(index, max(len(rows) - 1, 0))
        self.scroll_to(y=max(0, self.cursor_row - self.size.height // 2), animate=False)
        self.refresh()

    # -- moving ---------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        top = int(self.scroll_offset.y)
        self.refresh_lines(old - top, 1)
        self.refresh_lines(new - top, 1)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        if self.rows:
            self.cursor_row = max(0, min(len(self.rows) - 1, self.cursor_row + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 1))

    def action_choose(self) -> None:
        entity = self.current
        if entity is not None:
            self.post_message(self.Chosen(entity))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.rows):
            if index == self.cursor_row and event.chain > 1:
                self.action_choose()
            self.cursor_row = index

    # -- rendering --------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = y + int(self.scroll_offset.y)
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        entity = self.rows[index]
        name_width, alias_width = _widths(width)
        line = Text(" ", no_wrap=True)
        name = Text(entity.name, no_wrap=True)
        name.truncate(name_width, overflow="ellipsis", pad=True)
        line.append_text(name)
        line.append(" " + LABELS.get(entity.type, entity.type)[:TYPE_WIDTH].ljust(TYPE_WIDTH))
        line.append(f"{entity.articles:,}".rjust(COUNT_WIDTH))
        line.append(f"{entity.mentions:,}".rjust(COUNT_WIDTH) + "  ")
        if alias_width:
            others = ", ".join(a for a in entity.aliases[:12] if a != entity.name)
            aliases = Text(others, no_wrap=True)
            aliases.truncate(alias_width, overflow="ellipsis")
            aliases.stylize(self.get_component_rich_style("entity-table--dim", partial=True))
            line.append_text(aliases)
        style = base
        if index == self.cursor_row:
            style = base + self.get_component_rich_style("entity-table--cursor", partial=True)
        segments = list(line.render(self.app.console))
        return Strip(segments).apply_style(style).crop_extend(0, width, style)
