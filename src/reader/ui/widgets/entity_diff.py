"""The split view's entity sidebar: who and what appears in both articles, or in one only.

Rows are grouped (shared, only in A, only in B; named entities, then figures). Selecting a
row (``Enter`` or a click) posts :class:`EntityDiff.Chosen` so the screen marks its mentions
on both sides in its type's colour; choosing it again clears the marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.compare import EntityComparison, SharedEntity
from reader.core.entities.model import Entity

Spans = tuple[tuple[int, int], ...]

LAYERS = {
    "person": "entity-person",
    "org": "entity-org",
    "place": "entity-place",
    "date": "entity-figure",
    "money": "entity-figure",
    "figure": "entity-figure",
}
ENTITY_LAYERS: tuple[str, ...] = tuple(dict.fromkeys(LAYERS.values()))


@dataclass(frozen=True)
class EntityRow:
    """One entity of the comparison with its mentions in each article (either may be empty)."""

    id: str
    name: str
    type: str
    left: Spans
    right: Spans

    @property
    def layer(self) -> str:
        """The article mark layer for this entity's type."""
        return LAYERS.get(self.type, "entity-figure")

    def swapped(self) -> EntityRow:
        return EntityRow(self.id, self.name, self.type, self.right, self.left)


@dataclass(frozen=True)
class EntityGroups:
    """Entities of two articles: shared, only left (A), only right (B); names and figures."""

    shared: tuple[EntityRow, ...] = ()
    only_left: tuple[EntityRow, ...] = ()
    only_right: tuple[EntityRow, ...] = ()
    shared_figures: tuple[EntityRow, ...] = ()
    only_left_figures: tuple[EntityRow, ...] = ()
    only_right_figures: tuple[EntityRow, ...] = ()

    def swapped(self) -> EntityGroups:
        def flip(rows: Iterable[EntityRow]) -> tuple[EntityRow, ...]:
            return tuple(row.swapped() for row in rows)

        return EntityGroups(
            flip(self.shared),
            flip(self.only_right),
            flip(self.only_left),
            flip(self.shared_figures),
            flip(self.only_right_figures),
            flip(self.only_left_figures),
        )

    def sections(self) -> list[tuple[str, tuple[EntityRow, ...]]]:
        return [
            ("Shared", self.shared),
            ("Only in A", self.only_left),
            ("Only in B", self.only_right),
            ("Shared figures", self.shared_figures),
            ("Figures only in A", self.only_left_figures),
            ("Figures only in B", self.only_right_figures),
        ]


def groups_from(comparison: EntityComparison) -> EntityGroups:
    """Sidebar rows from the core's comparison (A is the left article, B the right)."""

    def shared(items: Iterable[SharedEntity]) -> tuple[EntityRow, ...]:
        return tuple(EntityRow(s.id, s.name, s.type, _spans(s.a), _spans(s.b)) for s in items)

    def only(items: Iterable[Entity], *, left: bool) -> tuple[EntityRow, ...]:
        rows = []
        for e in items:
            spans = _spans(e)
            rows.append(
                EntityRow(e.id, e.name, e.type, spans if left else (), () if left else spans)
            )
        return tuple(rows)

    return EntityGroups(
        shared(comparison.shared),
        only(comparison.only_a, left=True),
        only(comparison.only_b, left=False),
        shared(comparison.shared_figures),
        only(comparison.only_a_figures, left=True),
        only(comparison.only_b_figures, left=False),
    )


def _spans(entity: Entity) -> Spans:
    return tuple((m.start, m.end) for m in entity.mentions)


class EntityDiff(OptionList):
    """Grouped entity rows; ``Enter`` marks the highlighted one in both articles."""

    HELP = (
        "Entities of both articles: the bullet has the colour of the type's marks (person, "
        "organisation, place, figure), the numbers count mentions in A / B. Enter marks an "
        "entity's mentions on both sides and scrolls to the first; Enter again clears."
    )
    BINDINGS: ClassVar = []
    DEFAULT_CSS = """
    EntityDiff { height: 1fr; border: none; padding: 0; background: $surface; }
    """

    @dataclass
    class Chosen(Message):
        """An entity row was chosen (``None``: marks cleared)."""

        row: EntityRow | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: dict[str, EntityRow] = {}
        self.chosen: str | None = None

    def show_message(self, text: str) -> None:
        """A one-line state instead of rows ("Finding entities…", a failure)."""
        self.rows = {}
        self.chosen = None
        self.set_options([Option(Text(text, style="dim"), disabled=True)])

    def show_groups(self, groups: EntityGroups) -> None:
        self.rows = {}
        options: list[Option] = []
        for heading, rows in groups.sections():
            if not rows:
                continue
            options.append(Option(Text(f"{heading} · {len(rows)}", style="bold"), disabled=True))
            for row in rows:
                key = row.id
                while key in self.rows:  # a figure id in two groups: keep both rows
                    key += "'"
                self.rows[key] = row
                options.append(Option(self._prompt(row), id=key))
        if not options:
            options.append(Option(Text("No entities found", style="dim"), disabled=True))
        self.set_options(options)
        if self.chosen not in self.rows:
            self.chosen = None

    def _prompt(self, row: EntityRow) -> Text:
        """``● Name 3 / 2``: the bullet in the type's mark colour, then mentions in A / B."""
        text = Text()
        text.append("● ", style=self._colour(row.layer))
        text.append(row.name)
        counts = "/".join(str(len(spans)) if spans else "–" for spans in (row.left, row.right))
        text.append(f" {counts}", style="dim")
        return text

    def _colour(self, variable: str) -> Style:
        try:
            return Style(color=self.app.theme_variables.get(variable) or None)
        except Exception:  # a theme colour rich cannot read: no colour, not a crash
            return Style()

    def choose(self, key: str | None) -> None:
        """Choose the row ``key`` (or clear with ``None``) and tell the screen."""
        self.chosen = key if key in self.rows else None
        self.post_message(self.Chosen(self.rows[self.chosen] if self.chosen else None))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id
        self.choose(None if key == self.chosen else key)
