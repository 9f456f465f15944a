"""The sidebar's Entities tab: who and what the open article mentions, and how often.

Entities come grouped by type (people, organisations, places, then figures and
dates), biggest first, with a filter box. Moving through the list selects an entity
(the screen marks its mentions in the article; ``]`` / ``[`` jump between them);
Enter filters the document list to the articles that mention it; ``m`` merges it
into another entity, ``x`` blocks it, ``n`` renames it, ``t`` retypes it, ``S`` splits
spellings off it, ``u`` / ``U`` undo and redo the last change (the corpus's aliases
file, through :mod:`reader.ui.entity_curation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.entities.model import Entity, EntityType

# The biggest entities of each group are listed; the rest are found through the filter
# box. A very long article (a 20 MB book) has thousands, and building an option for
# each on the UI thread stalled it for 150 ms (Textual formats every option).
GROUP_LIMIT = 100

GROUPS: tuple[tuple[str, tuple[EntityType, ...]], ...] = (
    ("People", ("person",)),
    ("Organisations", ("org",)),
    ("Places", ("place",)),
    ("Figures and dates", ("figure", "money", "date")),
)
TYPE_LABELS: dict[str, str] = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "date": "date",
    "money": "money",
    "figure": "figure",
}


def mark_layer(kind: str) -> str:
    """The article mark layer (and theme colour) of an entity type."""
    return f"entity-{kind}" if kind in ("person", "org", "place") else "entity-figure"


def matches(entity: Entity, needle: str) -> bool:
    """Whether the filter text occurs in the entity's name or any alias."""
    if not needle:
        return True
    return any(needle in name.casefold() for name in (entity.name, *entity.aliases))


class EntitiesPane(Vertical):
    """The open article's entities, grouped, counted, filterable."""

    HELP = (
        "Entities of the article. Up/down selects one and marks it in the article; "
        "] / [ jump between its mentions; Enter filters the list to articles that "
        "mention it; m merges it into another; x blocks it; n renames it; t changes its "
        "type; S splits spellings off it; u / U undo and redo the last entity change."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "merge", "Merge", id="entities.merge"),
        Binding("x", "block", "Block", id="entities.block"),
        Binding("n", "edit('rename')", "Rename", id="entities.rename"),
        Binding("t", "edit('retype')", "Type", id="entities.retype"),
        Binding("S", "edit('split')", "Split", show=False, id="entities.split"),
        Binding("u", "edit('undo')", "Undo", id="entities.undo"),
        Binding("U", "edit('redo')", "Redo", show=False, id="entities.redo"),
        Binding("slash", "focus_filter", "Filter", show=False, id="entities.filter"),
    ]
    DEFAULT_CSS = """
    EntitiesPane { height: 1fr; }
    EntitiesPane > #entity-filter { margin: 0 0 0 0; }
    EntitiesPane > #entity-status { height: auto; padding: 0 1; color: $foreground 60%; }
    EntitiesPane > OptionList { height: 1fr; border: none; padding: 0; }
    """

    @dataclass
    class Selected(Message):
        """The highlighted entity changed (None: nothing selected)."""

        entity: Entity | None

    @dataclass
    class FilterRequested(Message):
        entity: Entity

    @dataclass
    class EditRequested(Message):
        """Merge, block, rename, retype, split (the selected entity), undo or redo."""

        op: str
        entity: Entity | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: list[Entity] = []
        self._by_option: dict[str, Entity] = {}
        self._loading = False
        self._has_document = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter entities", id="entity-filter")
        yield Static(Text("No article open"), id="entity-status")
        yield OptionList(id="entity-list")

    # -- content --------------------------------------------------------------------

    def show_loading(self) -> None:
        self._loading = True
        self._has_document = True
        self._status("Finding entities…")

    def show(self, entities: list[Entity] | None) -> None:
        """The article's entities (None: no article open)."""
        self._loading = False
        self._has_document = entities is not None
        self.entities = list(entities or [])
        self._fill()

    @property
    def selected(self) -> Entity | None:
        options = self.query_one("#entity-list", OptionList)
        index = options.highlighted
        if index is None:
            return None
        option_id = options.get_option_at_index(index).id
        return self._by_option.get(option_id or "")

    def _status(self, text: str) -> None:
        self.query_one("#entity-status", Static).update(Text(text))

    def _fill(self) -> None:
        options = self.query_one("#entity-list", OptionList)
        previous = self.selected
        needle = self.query_one("#entity-filter", Input).value.strip().casefold()
        shown = [e for e in self.entities if matches(e, needle)]
        self._by_option = {}
        items: list[Option | None] = []
        for label, kinds in GROUPS:
            group = [e for e in shown if e.type in kinds]
            if not group:
                continue
            group.sort(key=lambda e: (-e.count, e.name.casefold()))
            if items:
                items.append(None)
            heading = Text(f"{label} ({len(group)})", style="bold")
            items.append(Option(heading, disabled=True))
            for entity in group[:GROUP_LIMIT]:
                option_id = f"{len(self._by_option)}"
                self._by_option[option_id] = entity
                items.append(Option(self._prompt(entity), id=option_id))
            if len(group) > GROUP_LIMIT:
                more = f"… {len(group) - GROUP_LIMIT:,} more: type in the filter to find them"
                items.append(Option(Text(more, style="dim italic"), disabled=True))
        options.clear_options()
        options.add_options(items)
        if not self._has_document:
            self._status("No article open")
        elif not self.entities:
            self._status("No entities found in this article")
        elif not shown:
            self._status(f"No entity matches '{needle}'")
        else:
            total = len(self.entities)
            self._status(f"{len(shown)} of {total} entities · Enter filters the list")
        # Keep the selection across refills (after a merge, a filter keystroke).
        if previous is not None:
            for option_id, entity in self._by_option.items():
                if entity.id == previous.id:
                    options.highlighted = options.get_option_index(option_id)
                    break

    @staticmethod
    def _prompt(entity: Entity) -> Text:
        line = Text(entity.name, no_wrap=True, overflow="ellipsis")
        line.append(f"  {entity.count}", style="dim")
        others = [a for a in entity.aliases if a != entity.name]
        if others:
            line.append("\n  also " + ", ".join(others[:4]), style="dim italic")
        return line

    # -- events -----------------------------------------------------------------------

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    @on(Input.Submitted, "#entity-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_list()  # highlights the first match, so Enter then filters by it

    @on(OptionList.OptionHighlighted, "#entity-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Selected(self._by_option.get(event.option.id or "")))

    @on(OptionList.OptionSelected, "#entity-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self._by_option.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.FilterRequested(entity))

    def select(self, entity_id: str) -> None:
        """Highlight ``entity_id`` in the list, quietly (the screen already knows)."""
        options = self.query_one("#entity-list", OptionList)
        for option_id, entity in self._by_option.items():
            if entity.id == entity_id:
                with self.prevent(OptionList.OptionHighlighted):
                    options.highlighted = options.get_option_index(option_id)
                return

    def action_focus_filter(self) -> None:
        self.query_one("#entity-filter", Input).focus()

    def focus_list(self) -> None:
        options = self.query_one("#entity-list", OptionList)
        options.focus()
        if options.highlighted is None and self._by_option:
            options.highlighted = options.get_option_index(next(iter(self._by_option)))

    def action_merge(self) -> None:
        self.action_edit("merge")

    def action_block(self) -> None:
        self.action_edit("block")

    def action_edit(self, op: str) -> None:
        entity = self.selected
        if entity is None and op not in ("undo", "redo"):
            self.notify(f"Select an entity to {op} first", timeout=3)
        else:
            self.post_message(self.EditRequested(op, entity))
