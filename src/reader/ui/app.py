"""The reader application: themes, config, keymap, command palette, main screen.

The top of the UI's layers (``pyproject.toml``): it pushes the screens, and the screens ask
for another screen by posting a message (``MainScreen.CompareRequested``) rather than by
importing each other; they reach the app through ``reader.ui.host.ReaderHost``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.core.index.library import Library
from reader.core.userdata.config import DEFAULT_THEME, Config, load_config
from reader.core.userdata.state import SearchHistory
from reader.ui.commands import OpenArticleCommands, screen_commands
from reader.ui.compare_messages import OpenAlone
from reader.ui.main_screen import MainScreen
from reader.ui.themes import THEME_DEFAULTS, load_themes
from reader.workspace import Workspace


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
        workspace: Workspace | None = None,
    ) -> None:
        super().__init__()
        # Workers (indexing, laying out a 20 MB article, loading entities) compute in
        # pure Python. A thread that wants the GIL back waits up to the switch interval,
        # and the event loop gives it up at every select(): at the default 5 ms, opening
        # a 20 MB article stalled the UI for 100-170 ms; at 1 ms, about 70 ms.
        sys.setswitchinterval(0.001)
        self.config = config or load_config()
        self.requested_theme = theme or self.config.theme
        self.corpus = corpus
        # The open corpus and its session state (bookmarks, search, positions), shared
        # by every screen.
        self.workspace = workspace or Workspace(corpus, library=library)
        self.library = self.workspace.library
        self.history = SearchHistory()
        self._theme_problems = self._install_themes()
        self.painted = False  # the first frame is on the terminal (see on_ready)

    def _install_themes(self) -> list[str]:
        """Register the YAML themes and select one before the stylesheet is first parsed.

        Setting ``App.theme`` once running re-parses every stylesheet and restyles every
        widget; choosing it here, before any CSS is read, spares that work at start-up
        (benchmarks/tui.py). ``_watch_theme``'s other effects are applied by hand.
        """
        found = load_themes()
        for theme in found.themes:
            self.register_theme(theme)
        problems = [*found.problems, *self.config.problems, *self.history.problems]
        name = self.requested_theme
        if name not in self.available_themes:
            problems.append(f"Unknown theme '{name}'; using {DEFAULT_THEME}")
            name = DEFAULT_THEME
        self.set_reactive(ReaderApp.theme, name)
        dark = self.current_theme.dark
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())
        return problems

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_DEFAULTS)

    def on_mount(self) -> None:
        for problem in self._theme_problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.push_screen(MainScreen(self.workspace, self.history))

    def on_ready(self) -> None:
        self.painted = True
        # Everything built so far (Textual, the DOM, the stylesheet, our modules) lives
        # as long as the app: freezing it keeps the cyclic GC from walking all of it in
        # every full collection. Those collections, set off by workers making many
        # objects (a 20 MB article's entities), held the GIL for 30-60 ms at a time.
        gc.freeze()
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and screen.is_mounted:
                screen.load_documents()
                screen.start_background_work()

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
            return
        # The split view (and the comparison code under it) loads when first used.
        from reader.ui.compare_screen import CompareScreen, compare_commands

        if isinstance(screen, CompareScreen):
            for title, help_text, callback in compare_commands(screen):
                yield SystemCommand(title, help_text, callback)  # type: ignore[arg-type]

    @on(MainScreen.CompareRequested)
    def _compare(self, request: MainScreen.CompareRequested) -> None:
        """Pick a partner for the article, then show both in the split view."""
        from reader.ui.compare_screen import CompareScreen  # loaded when first used
        from reader.ui.widgets.partner_picker import PartnerPicker

        main, document = request.screen, request.document

        def picked(partner_id: str | None) -> None:
            if partner_id is None:
                return
            partner = self.library.document(partner_id)
            if partner is None:
                self.notify(f"Article {partner_id} is no longer in the corpus", severity="warning")
                return
            screen = CompareScreen(
                self.workspace,
                document,
                partner,
                query=request.query,
                left_offset=request.offset,
                left_hits=request.hits,
                reading_width=request.reading_width,
            )
            self.push_screen(screen, partial(self._compared, main))

        self.push_screen(PartnerPicker(self.library, document.id, document.meta.title), picked)

    def _compared(self, main: MainScreen, result: OpenAlone | None) -> None:
        """Back from the split view: open the side asked for alone, at its position."""
        if result is not None:
            main.open_document(result.doc_id, scroll_to=result.offset)

    def on_unmount(self) -> None:
        self.workspace.close()  # writes the last position, then closes the library
        gc.unfreeze()  # what the app held can be collected again (many apps run in tests)

    async def action_quit(self) -> None:
        for screen in self.screen_stack:  # the main screen may be under the split view
            if isinstance(screen, MainScreen):
                screen.save_position()
        self.exit()
