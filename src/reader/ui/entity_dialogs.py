"""The dialogs of entity curation: confirm a change, a new name, a new type, the
spellings to split off.

Each is a modal screen that hands back what the user chose (``None``/``False``:
cancelled) and changes nothing itself; :mod:`reader.ui.entity_curation` makes the
change. Names and spellings come from articles: always shown as plain ``Text``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from reader.core.entities.aliases import MAX_REF_CHARS
from reader.core.entities.model import CorpusEntity
from reader.ui.widgets.entities import TYPE_LABELS

if TYPE_CHECKING:
    from reader.core.index.library import Library

PICKER_LIMIT = 300  # candidates listed at once in the merge picker; the filter finds more

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 95%; height: auto; max-height: 90%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .dialog-title {{ height: auto; text-style: bold; margin: 0 0 1 0; }}
{name} .dialog-body {{ height: auto; margin: 0 0 1 0; }}
{name} .dialog-hint {{ height: auto; color: $foreground 60%; }}
{name} Horizontal {{ height: auto; align-horizontal: right; }}
{name} Button {{ margin: 0 0 0 2; }}
"""

TYPE_CHOICES: tuple[tuple[str, str], ...] = (
    ("person", "Person"),
    ("org", "Organisation"),
    ("place", "Place"),
)


class ConfirmDialog(ModalScreen[bool]):
    """Says what a change will do; y or Enter makes it, n or Escape does not."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Cancel", id="confirm.no"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog")

    def __init__(self, title: str, body: str, action: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.body), classes="dialog-body", id="confirm-body")
            yield Static(Text("y or Enter: yes · n or Esc: cancel · undo later with u"),
                         classes="dialog-hint")  # fmt: skip
            with Horizontal():
                yield Button(self.action_label, variant="primary", id="confirm-yes")
                yield Button("Cancel", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


class RenameDialog(ModalScreen[str | None]):
    """A new display name for an entity: Enter saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="rename.cancel"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="RenameDialog")

    def __init__(self, name: str, spellings: list[str]) -> None:
        super().__init__()
        self.current = name
        self.spellings = spellings

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Rename '{self.current}'"), classes="dialog-title")
            if self.spellings:
                also = ", ".join(self.spellings[:8])
                yield Static(Text(f"Also written: {also}"), classes="dialog-body")
            yield Input(self.current, max_length=MAX_REF_CHARS, id="rename-input")
            yield Static(Text("Enter: rename · Esc: cancel · undo later with u"),
                         classes="dialog-hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#rename-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self.notify("A name cannot be empty", severity="warning", timeout=3)
            return
        self.dismiss(None if name == self.current else name)


class RetypeDialog(ModalScreen[str | None]):
    """Person, organisation or place: Enter chooses, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="retype.cancel"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="RetypeDialog") + "RetypeDialog OptionList { height: 5; }"

    def __init__(self, name: str, current: str) -> None:
        super().__init__()
        self.entity_name = name
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"'{self.entity_name}' is a…"), classes="dialog-title")
            options = [
                Option(label + ("  (now)" if kind == self.current else ""), id=kind)
                for kind, label in TYPE_CHOICES
            ]
            yield OptionList(*options, id="retype-list")
            yield Static(Text("Enter: choose · Esc: cancel · undo later with u"),
                         classes="dialog-hint")  # fmt: skip

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        kinds = [kind for kind, _label in TYPE_CHOICES]
        # The first type it is not, so Enter alone changes something.
        others = [i for i, kind in enumerate(kinds) if kind != self.current]
        options.highlighted = others[0] if others else 0
        options.focus()

    @on(OptionList.OptionSelected, "#retype-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind = event.option.id
        self.dismiss(None if kind == self.current else kind)


class SplitDialog(ModalScreen[list[str] | None]):
    """Tick the spellings that belong to another entity; s splits them off."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "split", "Split off", id="split.confirm"),
        Binding("escape", "dismiss(None)", "Cancel", id="split.cancel"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="SplitDialog") + (
        "SplitDialog SelectionList { height: auto; max-height: 16; }"
    )

    def __init__(self, name: str, spellings: list[str]) -> None:
        super().__init__()
        self.entity_name = name
        self.spellings = spellings

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Split spellings off '{self.entity_name}'"), classes="dialog-title")
            yield Static(
                Text(
                    "Tick the spellings that name something else. Their mentions become "
                    "a new entity, named by the first one ticked."
                ),
                classes="dialog-body",
            )
            yield SelectionList[int](
                *((Text(s), i) for i, s in enumerate(self.spellings)), id="split-list"
            )
            yield Static(Text("Space: tick · s: split off · Esc: cancel · undo later with u"),
                         classes="dialog-hint")  # fmt: skip
            with Horizontal():
                yield Button("Split off", variant="primary", id="split-yes")
                yield Button("Cancel", id="split-no")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def chosen(self) -> list[str]:
        ticked = set(self.query_one(SelectionList).selected)
        return [s for i, s in enumerate(self.spellings) if i in ticked]

    def action_split(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.notify("Tick at least one spelling (Space)", severity="warning", timeout=3)
            return
        self.dismiss(chosen)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "split-yes":
            self.action_split()
        else:
            self.dismiss(None)


class EntityPicker(ModalScreen[str | None]):
    """Choose the entity that another one is merged into."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel"),
    ]
    DEFAULT_CSS = """
    EntityPicker { align: center middle; }
    EntityPicker > Vertical {
        width: 70; max-width: 95%; height: 24; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    EntityPicker #picker-title { height: auto; text-style: bold; }
    EntityPicker OptionList { height: 1fr; border: none; }
    """

    def __init__(self, library: Library, source: CorpusEntity | None, name: str) -> None:
        super().__init__()
        self.library = library
        self.source = source
        self.source_name = name
        self.candidates: list[CorpusEntity] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Merge '{self.source_name}' into…"), id="picker-title")
            yield Input(placeholder="Type to filter entities", id="picker-filter")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        source_id = self.source.id if self.source else ""
        kind = self.source.type if self.source else None
        everyone = [e for e in self.library.corpus_entities() if e.id != source_id]
        # Same type first: merging a person into a place is rarely meant.
        everyone.sort(key=lambda e: (e.type != kind, -e.articles, -e.mentions, e.name))
        self.candidates = everyone
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, needle: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        found = [
            e
            for e in self.candidates
            if not needle or any(needle in n.casefold() for n in (e.name, *e.aliases))
        ]
        for entity in found[:PICKER_LIMIT]:
            prompt = Text(entity.name)
            prompt.append(
                f"  {TYPE_LABELS.get(entity.type, entity.type)} · {entity.articles} articles",
                style="dim",
            )
            options.add_option(Option(prompt, id=entity.id))
        if found:
            options.highlighted = 0

    @on(Input.Changed, "#picker-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value.strip().casefold())

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self, _event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: object) -> None:
        # Up/down in the filter box move through the candidates.
        key = getattr(event, "key", "")
        options = self.query_one(OptionList)
        if self.focused is self.query_one(Input) and key in ("up", "down"):
            options.action_cursor_down() if key == "down" else options.action_cursor_up()
