"""The reader application: themes, config, keymap, command palette, main screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.core.config import DEFAULT_THEME, Config, load_config
from reader.core.library import Library
from reader.core.state import SearchHistory
from reader.ui.commands import OpenArticleCommands, screen_commands
from reader.ui.main_screen import MainScreen
from reader.ui.themes import THEME_DEFAULTS, load_themes


class ReaderApp(App[None]):
    TITLE = "reader"
    COMMANDS: ClassVar = App.COMMANDS | {OpenArticleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=True),
    ]

    def __init__(
        self,
        corpus: Path,
        *,
        theme: str | None = None,
        config: Config | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        self.config = config or load_config()
        self.requested_theme = theme or self.config.theme
        self.corpus = corpus
        self.library = library or Library(corpus)
        self.history = SearchHistory()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_DEFAULTS)

    def on_mount(self) -> None:
        found = load_themes()
        for theme in found.themes:
            self.register_theme(theme)
        for problem in [*found.problems, *self.config.problems]:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        if self.requested_theme in self.available_themes:
            self.theme = self.requested_theme
        else:
            self.notify(
                f"Unknown theme '{self.requested_theme}'; using {DEFAULT_THEME}",
                severity="warning",
                markup=False,
            )
            self.theme = DEFAULT_THEME
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.push_screen(MainScreen(self.library, self.history))

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for title, help_text, callback in screen_commands(screen):
                yield SystemCommand(title, help_text, callback)  # type: ignore[arg-type]

    def on_unmount(self) -> None:
        self.library.close()

    async def action_quit(self) -> None:
        if isinstance(self.screen, MainScreen):
            self.screen.save_position()
        self.exit()
