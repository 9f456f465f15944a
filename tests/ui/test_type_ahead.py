"""Keys typed ahead of the screen: '/' and a word typed at once all reach the search box.

A terminal hands the app keys in bursts (a fast typist, a busy machine, a paste), and
from the moment the program starts, before the main screen has its widgets. Each key
must be dispatched to what has focus once the keys before it have had their effect.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual import events

from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.searchbox import SearchBox

from .conftest import AppFactory, settle

WORD = "Avdiivka"  # 'k' and 'a' would also move the list's cursor, 'l' open an article


def _burst(app: Any, keys: str) -> None:
    """Keys as one read from the terminal delivers them: all queued, none handled yet."""
    for char in keys:
        key = events.Key("slash", "/") if char == "/" else events.Key(char, char)
        app.post_message(key)


async def test_slash_and_a_word_pressed_right_at_start_up(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash", *WORD)  # no pause: the first thing the reader does
        screen = await settle(pilot, app)
        assert screen.query_one(SearchBox).value == WORD
        assert app.focused is screen.query_one(SearchBox)


async def test_a_burst_of_keys_after_slash_all_reach_the_search_box(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        sort_key, cursor = doclist.sort_key, doclist.cursor
        _burst(app, "/" + WORD)
        await settle(pilot, app)
        search = screen.query_one(SearchBox)
        assert search.value == WORD
        # None of the letters ran a list command on the way.
        assert (doclist.sort_key, doclist.cursor) == (sort_key, cursor)
        # '/' typed in the search box is text, not a command.
        _burst(app, "/x")
        await pilot.pause()
        assert search.value == WORD + "/x"


async def test_keys_typed_while_the_app_starts(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys read from the terminal while the app starts are queued before anything the
    main screen schedules as it mounts (its initial focus among them); none is lost."""
    app = make_app()
    original_app_mount = type(app).on_mount

    def app_mount(self: Any) -> None:
        original_app_mount(self)  # pushes the main screen
        _burst(self, "/" + WORD)

    monkeypatch.setattr(type(app), "on_mount", app_mount)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        assert screen.query_one(SearchBox).value == WORD
        assert app.focused is screen.query_one(SearchBox)
