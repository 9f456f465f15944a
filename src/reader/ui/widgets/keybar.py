"""The key bar: the keys that matter now, on one line at the bottom of a screen.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever focus
moves; at start-up that was about a third of the work before the first paint
(benchmarks/tui.py). This bar draws the same bindings as a single line of text and
only repaints when they change. Clicking a key presses it, as with ``Footer``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen


class KeyBar(Widget):
    """Shown bindings of the focused widget and its ancestors, then the palette key."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--key",
        "keybar--description",
        "keybar--disabled",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; background: $footer-background; color: $footer-foreground;
    }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--description { color: $footer-description-foreground; }
    KeyBar > .keybar--disabled { color: $text-disabled; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: list[tuple[int, int, str]] = []  # x from, x to, key to press

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def _shown(self) -> Iterator[tuple[Binding, bool]]:
        """One binding per action, in binding order, palette key last."""
        seen: set[str] = set()
        palette: tuple[Binding, bool] | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "command_palette":
                palette = (binding, enabled)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            yield binding, enabled
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            yield palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        off_style = self.get_component_rich_style("keybar--disabled")
        line = Text(no_wrap=True, overflow="crop")
        self._targets = []
        for binding, enabled in self._shown():
            start = line.cell_len
            key = self.app.get_key_display(binding)
            line.append(f" {key} ", off_style if not enabled else key_style)
            line.append(f"{binding.description} ", off_style if not enabled else text_style)
            if enabled:
                self._targets.append((start, line.cell_len, binding.key.split(",")[0]))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._targets:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
