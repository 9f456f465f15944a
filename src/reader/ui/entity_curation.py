"""Curating entities in the app: the dialogs in order, then the change in a thread.

Both the sidebar's Entities tab and the corpus entity screen start here with an
operation and an entity. Merge and block are confirmed with a sentence saying what
will happen; rename, retype and split ask in their own dialog. The change itself
(:class:`reader.workspace.entity_edits.EntityEdits`, recorded for undo in the aliases
history) re-reads the corpus entities, so it runs in a thread worker of the main
screen; when it is done the main screen gets an :class:`EntitiesEdited` and brings
the sidebar, the document list, the search and any open corpus list up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

from reader.core.entities.model import NAMED_TYPES

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from reader.core.index.library import Library
    from reader.workspace.entity_edits import EntityEdits, Outcome

# Imported by the main screen at start-up: the edits themselves (and the YAML and
# history code under them) are loaded when first used.


@dataclass(frozen=True)
class Target:
    """The entity an edit starts from, as the sidebar or the corpus list has it."""

    id: str
    name: str
    type: str


@dataclass
class EntitiesEdited(Message):
    """An edit finished (``outcome``) or was refused (``error``, one line)."""

    op: str
    target: Target | None
    outcome: Outcome | None
    error: str | None


@runtime_checkable
class ShowsEdits(Protocol):
    """The screen that runs the edits' workers and shows their outcome (the main screen).

    A protocol, not the class: the main screen imports this module (the UI's import
    contracts keep screens above the dialogs they open)."""

    def on_entities_edited(self, message: EntitiesEdited) -> None: ...


def main_screen(app: App[object]) -> Screen[object] | None:
    """The main screen under whatever is on top (it runs the edits' workers)."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ShowsEdits):
            return screen  # type: ignore[return-value]  # a Screen that also ShowsEdits
    return None


def start(app: App[object], library: Library, op: str, target: Target | None) -> None:
    """Ask what the operation needs, then make the change (in a thread)."""
    from reader.workspace.entity_edits import EditError, EntityEdits

    if op in ("undo", "redo"):
        _run(app, library, op, [], None)
        return
    if target is None:
        app.notify("Select an entity first", timeout=3)
        return
    if op != "block" and target.type not in NAMED_TYPES:
        app.notify(
            f"Only people, organisations and places can be {_past(op)}",
            severity="warning",
            timeout=3,
        )
        return
    edits = EntityEdits(library)
    try:
        {
            "merge": _merge,
            "block": _block,
            "rename": _rename,
            "retype": _retype,
            "split": _split,
        }[op](app, library, edits, target)
    except EditError as error:
        app.notify(str(error), severity="warning", markup=False, timeout=6)


def _past(op: str) -> str:
    return {"merge": "merged", "rename": "renamed", "retype": "retyped", "split": "split"}.get(
        op, op
    )


def _confirm(
    app: App[object], title: str, body: str, action: str, then: Callable[[], None]
) -> None:
    from reader.ui.entity_dialogs import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if yes:
            then()

    app.push_screen(ConfirmDialog(title, body, action), answered)


def _merge(app: App[object], library: Library, edits: EntityEdits, target: Target) -> None:
    from reader.ui.entity_dialogs import EntityPicker
    from reader.workspace.entity_edits import EditError

    source = edits.find(target.id)

    def picked(into: str | None) -> None:
        if into is None:
            return
        try:
            body = edits.merge_preview(target.id, into)
        except EditError as error:
            app.notify(str(error), severity="warning", markup=False, timeout=6)
            return
        _confirm(
            app,
            "Merge entities?",
            body,
            "Merge",
            lambda: _run(app, library, "merge", [into, target.id], target),
        )

    app.push_screen(EntityPicker(library, source, source.name), picked)


def _block(app: App[object], library: Library, edits: EntityEdits, target: Target) -> None:
    body = edits.block_preview(target.id)
    args = [target.id]
    _confirm(app, "Block entity?", body, "Block", lambda: _run(app, library, "block", args, target))


def _rename(app: App[object], library: Library, edits: EntityEdits, target: Target) -> None:
    from reader.ui.entity_dialogs import RenameDialog

    entity = edits.find(target.id)

    def named(name: str | None) -> None:
        if name is not None:
            _run(app, library, "rename", [target.id, name], target)

    app.push_screen(RenameDialog(entity.name, list(entity.aliases)), named)


def _retype(app: App[object], library: Library, edits: EntityEdits, target: Target) -> None:
    from reader.ui.entity_dialogs import RetypeDialog

    entity = edits.find(target.id)

    def typed(kind: str | None) -> None:
        if kind is not None:
            _run(app, library, "retype", [target.id, kind], target)

    app.push_screen(RetypeDialog(entity.name, entity.type), typed)


def _split(app: App[object], library: Library, edits: EntityEdits, target: Target) -> None:
    from reader.ui.entity_dialogs import SplitDialog

    entity = edits.find(target.id)
    choices = edits.split_choices(target.id)

    def ticked(spellings: list[str] | None) -> None:
        if spellings:
            _run(app, library, "split", [target.id, *spellings], target)

    app.push_screen(SplitDialog(entity.name, choices), ticked)


def _run(
    app: App[object], library: Library, op: str, args: list[str], target: Target | None
) -> None:
    """Make the change in a thread worker of the main screen; it posts the outcome."""
    from reader.workspace.entity_edits import EditError, EntityEdits

    screen = main_screen(app)
    if screen is None:
        return

    def work() -> None:
        try:
            outcome = EntityEdits(library).run(op, args)
        except EditError as error:
            screen.post_message(EntitiesEdited(op, target, None, str(error)))
            return
        except Exception as error:  # shown, never a crash: the aliases file is intact
            text = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            screen.post_message(EntitiesEdited(op, target, None, text))
            return
        screen.post_message(EntitiesEdited(op, target, outcome, None))

    # Edits of the file are serialised by its lock, and the corpus entities by the
    # library's; a second edit started meanwhile simply follows the first.
    screen.run_worker(work, thread=True, group="entity-edit", exit_on_error=False)
