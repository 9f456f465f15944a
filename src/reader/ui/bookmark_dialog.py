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

from reader.core.bookmarks.model import normalise_tags, tag_key
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
    A leading ``#`` is dropped (``#war`` is the tag ``war``); repeats are removed, in
    any case (``Ukraine ukraine`` is the one tag ``Ukraine``: see ``normalise_tags``).
    """
    parts = value.split(",") if "," in value else value.split()
    return list(normalise_tags(" ".join(part.split()).lstrip("#").strip() for part in parts))


def format_tags(tags: Sequence[str]) -> str:
    """The tags field's text for ``tags`` that ``parse_tags`` reads back the same."""
    if any(" " in tag for tag in tags):
        return ", ".join(tags) + ("," if len(tags) == 1 else "")
    return " ".join(tags)


class TagSuggester(Suggester):
    """Completes the tag being typed from the tags already in use, whatever its case.

    The tag being typed is what follows the last comma when there is one (so it may
    contain spaces), else the last word. Without a comma, what has been typed so far
    may also be the start of a tag with spaces (``peace t`` → ``peace talks``): the
    completion then ends with a comma, which keeps the tag in one piece (see
    :func:`parse_tags`). After other space-separated tags a tag with spaces needs a
    comma first (``war, pea`` → ``war, peace talks``).
    """

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(normalise_tags(tags))

    async def get_suggestion(self, value: str) -> str | None:
        if "," in value:
            cut = value.rindex(",") + 1
            cut += len(value[cut:]) - len(value[cut:].lstrip())
            return self._complete(value[:cut], value[cut:], spaces=True)
        lead = len(value) - len(value.lstrip())
        whole = self._complete(value[:lead], value[lead:], spaces=True, close=True)
        if whole is not None:
            return whole
        cut = max((m.end() for m in _SEPARATOR.finditer(value)), default=0)
        return self._complete(value[:cut], value[cut:], spaces=False) if cut > lead else None

    def _complete(self, head: str, typed: str, *, spaces: bool, close: bool = False) -> str | None:
        """``head`` + the first known tag that ``typed`` begins (``#`` kept), or ``None``.

        ``spaces``: tags with spaces may be offered; ``close``: such a tag is followed by
        a comma, so that the field reads it as one tag.
        """
        hashed = typed.startswith("#")
        prefix = typed.lstrip("#").casefold()
        if not prefix.strip():
            return None
        used = {tag_key(tag) for tag in parse_tags(head)}
        for tag in self.tags:
            folded = tag.casefold()
            if " " in tag and not spaces:
                continue
            if folded.startswith(prefix) and len(tag) > len(prefix) and folded not in used:
                end = "," if close and " " in tag else ""
                return head + ("#" if hashed else "") + tag + end
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
                placeholder="tags, separated by spaces, or by commas for tags with spaces",
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
