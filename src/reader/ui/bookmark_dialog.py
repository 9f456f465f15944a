"""The bookmark dialog: the quote being kept, a note, and tags with completion.

Used both to create a bookmark (``b`` in the article) and to edit one (``e`` in the
Bookmarks tab). It only collects the note and tags; the caller writes the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from reader.ui.bookmark_items import excerpt

QUOTE_CHARS = 400  # the dialog shows this much of a long quote
_SEPARATOR = re.compile(r"[,\s]")


class BookmarkEdit(NamedTuple):
    """What the dialog returns on save."""

    note: str
    tags: list[str]


def parse_tags(value: str) -> list[str]:
    """Tags from the tags field: comma-separated if there is a comma, else space-separated.

    So ``war ukraine`` is two tags and ``peace talks, ukraine`` keeps the two-word tag.
    A leading ``#`` is dropped (``#war`` is the tag ``war``); repeats are removed.
    """
    parts = value.split(",") if "," in value else value.split()
    tags: list[str] = []
    for part in parts:
        tag = " ".join(part.split()).lstrip("#").strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def format_tags(tags: Sequence[str]) -> str:
    """The tags field's text for ``tags`` that ``parse_tags`` reads back the same."""
    if any(" " in tag for tag in tags):
        return ", ".join(tags) + ("," if len(tags) == 1 else "")
    return " ".join(tags)


class TagSuggester(Suggester):
    """Completes the tag being typed (the last word) from the tags already in use."""

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        cut = max((m.end() for m in _SEPARATOR.finditer(value)), default=0)
        head, word = value[:cut], value[cut:]
        hashed = word.startswith("#")
        prefix = word.lstrip("#").casefold()
        if not prefix:
            return None
        used = set(parse_tags(head))
        for tag in self.tags:
            fits = tag.casefold().startswith(prefix) and len(tag) > len(prefix)
            if fits and tag not in used and " " not in tag:
                return head + ("#" if hashed else "") + tag
        return None


class BookmarkDialog(ModalScreen[BookmarkEdit | None]):
    """Note and tags for a passage; Enter or Ctrl+S saves, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="bookmark_dialog.save"),
        Binding("escape", "cancel", "Cancel", id="bookmark_dialog.cancel"),
    ]
    DEFAULT_CSS = """
    BookmarkDialog { align: center middle; }
    BookmarkDialog > #bookmark-dialog {
        width: 76; max-width: 95%; height: auto; max-height: 95%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-color: $primary; border-title-style: bold;
    }
    BookmarkDialog #bookmark-quote {
        max-height: 7; margin-bottom: 1; padding: 0 1;
        border-left: outer $bookmark; color: $foreground 85%; text-style: italic;
    }
    BookmarkDialog #bookmark-source { color: $foreground 60%; margin-bottom: 1; }
    BookmarkDialog Label { color: $accent; }
    BookmarkDialog #bookmark-keys { color: $foreground 60%; margin-top: 1; }
    """

    def __init__(
        self,
        quote: str,
        *,
        source: str = "",
        note: str = "",
        tags: Sequence[str] = (),
        known_tags: Iterable[str] = (),
        editing: bool = False,
    ) -> None:
        super().__init__()
        self.quote = quote
        self.source = source
        self.note = note
        self.tags = list(tags)
        self.known_tags = list(known_tags)
        self.editing = editing

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmark-dialog") as box:
            box.border_title = "Edit bookmark" if self.editing else "Bookmark passage"
            yield Static(Text(excerpt(self.quote, QUOTE_CHARS)), id="bookmark-quote")
            if self.source:
                yield Static(Text(self.source), id="bookmark-source")
            yield Label("Note")
            yield Input(self.note, placeholder="optional note", id="bookmark-note")
            yield Label("Tags")
            yield Input(
                format_tags(self.tags),
                placeholder="tags, separated by spaces or commas",
                suggester=TagSuggester(self.known_tags),
                id="bookmark-tags",
            )
            yield Static(
                Text("Enter or Ctrl+S saves · Esc cancels · Tab next field · → completes a tag"),
                id="bookmark-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#bookmark-note", Input).focus()

    def result(self) -> BookmarkEdit:
        note = self.query_one("#bookmark-note", Input).value.strip()
        tags = parse_tags(self.query_one("#bookmark-tags", Input).value)
        return BookmarkEdit(note, tags)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.result())

    def action_cancel(self) -> None:
        self.dismiss(None)
