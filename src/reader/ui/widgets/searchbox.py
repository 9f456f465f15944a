"""The search box: an Input with a remembered history and a one-line hint below."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from reader.core.userdata.state import SearchHistory


class SearchBox(Input):
    """Type a query; up/down recall earlier ones; Enter opens the top result."""

    HELP = (
        'Whoosh query syntax: words, "phrases", AND / OR / NOT, title:, author:, '
        "source:, tag:, wildcards (milit*), fuzzy (zelenski~), date:[2024-01-01 to 2024-02-01]."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history_back", "Earlier query", show=False, id="search.history_back"),
        Binding("down", "history_forward", "Later query", show=False, id="search.history_forward"),
    ]

    def __init__(self, history: SearchHistory, **kwargs: object) -> None:
        super().__init__(placeholder="Search  ( / )", **kwargs)  # type: ignore[arg-type]
        self.history = history
        self._position: int | None = None

    def remember(self) -> None:
        try:
            self.history.add(self.value)
        except OSError as error:
            self.notify(f"Search history not saved: {error}", severity="warning", markup=False)
        self._position = None

    def action_history_back(self) -> None:
        items = self.history.items
        if not items:
            return
        self._position = len(items) - 1 if self._position is None else max(0, self._position - 1)
        self.value = items[self._position]
        self.cursor_position = len(self.value)

    def action_history_forward(self) -> None:
        items = self.history.items
        if self._position is None:
            return
        if self._position >= len(items) - 1:
            self._position = None
            self.value = ""
            return
        self._position += 1
        self.value = items[self._position]
        self.cursor_position = len(self.value)
