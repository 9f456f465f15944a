"""Corpus-wide entity screens: the entity table and mentions in context (KWIC); curation
itself is :mod:`reader.ui.entity_curation` (its dialogs, the merge picker among them, are
:mod:`reader.ui.entity_dialogs`).

The screens hand back what the user chose (an :class:`EntityChoice`); the main screen
does the opening and filtering, so these never reach into its widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from reader.core.entities.model import CorpusEntity
from reader.ui.entity_dialogs import EntityPicker
from reader.ui.widgets.entity_table import EntityTable, header_text
from reader.ui.widgets.keybar import KeyBar

__all__ = ["CorpusEntitiesScreen", "EntityChoice", "EntityPicker", "KwicScreen", "kwic_line"]

if TYPE_CHECKING:
    from reader.core.index.library import Library

KWIC_SIDE = 48  # characters of context each side of a mention


@dataclass(frozen=True)
class EntityChoice:
    """What the user picked: filter the list by an entity, or open one mention."""

    action: Literal["filter", "open"]
    entity_id: str
    name: str
    doc_id: str | None = None
    start: int = 0
    end: int = 0


def kwic_line(text: str, start: int, end: int, side: int = KWIC_SIDE) -> tuple[Text, Text, Text]:
    """Left context (right-aligned), the mention, right context: one line each."""
    left = text[max(0, start - side) : start].replace("\n", " ")
    right = text[end : end + side].replace("\n", " ")
    return (
        Text(left.rjust(side), no_wrap=True, overflow="crop", justify="right"),
        Text(text[start:end].replace("\n", " "), style="bold"),
        Text(right, no_wrap=True, overflow="crop"),
    )


class CorpusEntitiesScreen(Screen[EntityChoice | None]):
    """Every entity of the corpus: articles and mentions, searchable, curated here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="corpus_entities.back"),
        Binding("slash", "focus_filter", "Filter", id="corpus_entities.filter"),
        Binding("enter", "articles", "Articles", id="corpus_entities.articles"),
        Binding("k", "contexts", "In context", id="corpus_entities.kwic"),
        Binding("s", "sort", "Sort", id="corpus_entities.sort"),
        Binding("m", "edit('merge')", "Merge", id="corpus_entities.merge"),
        Binding("x", "edit('block')", "Block", id="corpus_entities.block"),
        Binding("n", "edit('rename')", "Rename", id="corpus_entities.rename"),
        Binding("t", "edit('retype')", "Type", id="corpus_entities.retype"),
        Binding("S", "edit('split')", "Split", show=False, id="corpus_entities.split"),
        Binding("u", "edit('undo')", "Undo", id="corpus_entities.undo"),
        Binding("U", "edit('redo')", "Redo", show=False, id="corpus_entities.redo"),
    ]
    DEFAULT_CSS = """
    CorpusEntitiesScreen #ce-status { height: 1; padding: 0 1; color: $foreground 70%; }
    CorpusEntitiesScreen #ce-header { height: 1; background: $panel; }
    CorpusEntitiesScreen EntityTable { height: 1fr; }
    """
    SORTS: ClassVar[tuple[str, ...]] = ("articles", "mentions", "name")

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.entities: list[CorpusEntity] = []
        self.shown: list[CorpusEntity] = []
        self.sort_key = "articles"
        self.loaded = False
        # Per entity, its name and aliases folded into one string: the filter is then
        # one substring test per entity (100,000 of them at 20,000 articles).
        self._haystacks: list[str] = []
        self._orders: dict[str, list[int]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter by name or alias (/)", id="ce-filter")
        yield Static(Text("Loading entities…"), id="ce-status")
        yield Static(Text(""), id="ce-header")
        yield EntityTable(id="ce-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Entities of the corpus"
        self._load()
        self.query_one(EntityTable).focus()

    def on_resize(self) -> None:
        self.query_one("#ce-header", Static).update(header_text(self.size.width))

    def reload(self) -> None:
        """Read the corpus entities again (after an edit), keeping the cursor's entity."""
        self._load()

    @work(thread=True, exclusive=True, group="corpus-entities", exit_on_error=False)
    def _load(self) -> None:
        entities = self.library.corpus_entities()
        haystacks = ["\n".join(n.casefold() for n in (e.name, *e.aliases)) for e in entities]
        self.app.call_from_thread(self._loaded, entities, haystacks)

    def _loaded(self, entities: list[CorpusEntity], haystacks: list[str]) -> None:
        self.entities, self._haystacks, self._orders = entities, haystacks, {}
        self.loaded = True
        self._fill()

    def _order(self) -> list[int]:
        """Indexes of ``entities`` in the current sort order (kept until they change)."""
        key = self.sort_key
        if key not in self._orders:
            entities = self.entities
            numbers = range(len(entities))
            if key == "name":
                order = sorted(numbers, key=lambda i: entities[i].name.casefold())
            elif key == "mentions":
                order = sorted(
                    numbers, key=lambda i: (-entities[i].mentions, -entities[i].articles)
                )
            else:  # the library's order: most articles first
                order = list(numbers)
            self._orders[key] = order
        return self._orders[key]

    def _fill(self) -> None:
        needle = self.query_one("#ce-filter", Input).value.strip().casefold()
        table = self.query_one(EntityTable)
        keep = table.current.id if table.current else None
        hay, entities = self._haystacks, self.entities
        order = self._order()
        if needle:
            order = [i for i in order if needle in hay[i]]
        self.shown = [entities[i] for i in order]
        table.set_rows(self.shown, keep=keep)
        total = len(entities)
        matched = f"{len(self.shown):,} of {total:,}" if needle else f"{total:,}"
        self.query_one("#ce-status", Static).update(
            Text(
                f"{matched} entities · sorted by {self.sort_key} · Enter: articles · "
                "k: in context · u: undo"
            )
        )

    def _current(self) -> CorpusEntity | None:
        return self.query_one(EntityTable).current

    @on(Input.Changed, "#ce-filter")
    def _filter_changed(self, _event: Input.Changed) -> None:
        self._fill()

    @on(Input.Submitted, "#ce-filter")
    def _filter_submitted(self, _event: Input.Submitted) -> None:
        self.query_one(EntityTable).focus()

    @on(EntityTable.Chosen)
    def _row_chosen(self, _event: EntityTable.Chosen) -> None:
        self.action_articles()

    def action_back(self) -> None:
        box = self.query_one("#ce-filter", Input)
        if box.has_focus and box.value:
            box.value = ""
            return
        self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.query_one("#ce-filter", Input).focus()

    def action_sort(self) -> None:
        index = self.SORTS.index(self.sort_key)
        self.sort_key = self.SORTS[(index + 1) % len(self.SORTS)]
        self._fill()

    def action_articles(self) -> None:
        entity = self._current()
        if entity is not None:
            self.dismiss(EntityChoice("filter", entity.id, entity.name))

    def action_contexts(self) -> None:
        entity = self._current()
        if entity is None:
            return

        def picked(choice: EntityChoice | None) -> None:
            if choice is not None:
                self.dismiss(choice)

        self.app.push_screen(KwicScreen(self.library, entity), picked)

    def action_edit(self, op: str) -> None:
        from reader.ui.entity_curation import Target, start

        entity = self._current()
        target = Target(entity.id, entity.name, entity.type) if entity else None
        start(self.app, self.library, op, target)


class KwicScreen(Screen[EntityChoice | None]):
    """Every mention of one entity across the corpus, one line of context each."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="kwic.back"),
        Binding("enter", "open", "Open article", id="kwic.open"),
    ]
    DEFAULT_CSS = """
    KwicScreen #kwic-status { height: 1; padding: 0 1; color: $foreground 70%; }
    KwicScreen DataTable { height: 1fr; }
    """

    def __init__(self, library: Library, entity: CorpusEntity) -> None:
        super().__init__()
        self.library = library
        self.entity = entity
        self.places: list[tuple[str, int, int]] = []  # doc id, start, end per row

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"Mentions of {self.entity.name}: loading…"), id="kwic-status")
        table: DataTable[Text | str] = DataTable(id="kwic-table", cursor_type="row")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"{self.entity.name} in context"
        table = self.query_one(DataTable)
        table.add_columns("", "Mention", "", "Article")
        self._load()
        table.focus()

    @work(thread=True, exclusive=True, group="kwic", exit_on_error=False)
    def _load(self) -> None:
        worker = get_current_worker()
        rows: list[tuple[Text, Text, Text, Text]] = []
        places: list[tuple[str, int, int]] = []
        # Mentions come article by article: only the current article's text is held
        # (an entity of 10,000 articles would otherwise keep all their texts).
        current, text, title, articles = None, "", "", 0
        for doc_id, mention in self.library.mentions(self.entity.id):
            if worker.is_cancelled:
                return
            if doc_id != current:
                document = self.library.document(doc_id)
                current, articles = doc_id, articles + 1
                text = document.text if document else ""
                title = document.meta.title if document else doc_id
            left, middle, right = kwic_line(text, mention.start, mention.end)
            label = Text(title, style="dim", no_wrap=True, overflow="ellipsis")
            rows.append((left, middle, right, label))
            places.append((doc_id, mention.start, mention.end))
        self.app.call_from_thread(self._loaded, rows, places, articles)

    def _loaded(
        self, rows: list[tuple[Text, Text, Text, Text]], places: list[tuple[str, int, int]], n: int
    ) -> None:
        self.places = places
        table = self.query_one(DataTable)
        table.add_rows(rows)
        self.query_one("#kwic-status", Static).update(
            Text(
                f"{len(rows):,} mentions of {self.entity.name} in {n:,} articles · "
                "Enter opens the article there"
            )
        )

    @on(DataTable.RowSelected)
    def _row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if not self.places or row is None or not 0 <= row < len(self.places):
            return
        doc_id, start, end = self.places[row]
        self.dismiss(EntityChoice("open", self.entity.id, self.entity.name, doc_id, start, end))
