"""Curating entities in the app: merge and block are confirmed (and can be cancelled),
rename, retype and split have their dialogs, u / U undo and redo, also after a restart;
the sidebar, the corpus list and the entity filter show each change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static

from reader.core.entities.aliases import aliases_path
from reader.core.entities.curation import read_history
from reader.ui.app import ReaderApp
from reader.ui.entity_dialogs import ConfirmDialog, RenameDialog, RetypeDialog, SplitDialog
from reader.ui.entity_screens import CorpusEntitiesScreen, EntityPicker
from reader.ui.main_screen import MainScreen
from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.entities import EntitiesPane
from reader.ui.widgets.entity_table import EntityTable

from .conftest import settle, workers_done

AppFactory = Callable[..., ReaderApp]


async def _open_first(pilot: Pilot[None], app: ReaderApp) -> MainScreen:
    screen = await settle(pilot, app)
    await pilot.press("enter")
    await workers_done(app)
    await pilot.pause()
    return screen


async def _select(pilot: Pilot[None], screen: MainScreen, name: str) -> None:
    screen.action_show_entities()
    await pilot.pause()
    pane = screen.query_one(EntitiesPane)
    pane.query_one("#entity-list").focus()
    for _ in range(80):
        if pane.selected is not None and pane.selected.name == name:
            return
        await pilot.press("down")
    raise AssertionError(f"{name} not in the Entities tab: {[e.name for e in pane.entities]}")


async def _done(pilot: Pilot[None], app: ReaderApp) -> None:
    """Wait for the edit's worker, then for the reloads it starts."""
    for _ in range(3):
        await workers_done(app)
        await pilot.pause()


def _names(screen: MainScreen) -> set[str]:
    return {e.name for e in screen.query_one(EntitiesPane).entities}


def _aliases(seeds: Path) -> dict[str, object]:
    path = aliases_path(seeds)
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _dialog_text(app: ReaderApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query(Static))


async def test_block_asks_first_and_cancel_changes_nothing(
    make_app: AppFactory, seeds: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "Telegram")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        said = _dialog_text(app)
        assert "Telegram" in said and "organisation" in said and "2 articles" in said
        await pilot.press("n")
        await _done(pilot, app)
        assert app.screen is screen
        assert not aliases_path(seeds).exists()
        assert "Telegram" in _names(screen)
        # Escape cancels too.
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await _done(pilot, app)
        assert not aliases_path(seeds).exists() and "Telegram" in _names(screen)


async def test_block_confirmed_then_undo_and_redo(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "Telegram")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await _done(pilot, app)
        assert _aliases(seeds)["block"] == ["org:telegram"]
        assert "Telegram" not in _names(screen)
        assert [s.op for s in read_history(aliases_path(seeds)).done] == ["block"]

        pane = screen.query_one(EntitiesPane)
        pane.query_one("#entity-list").focus()
        await pilot.press("u")
        await _done(pilot, app)
        assert "Telegram" in _names(screen)
        assert "block" not in _aliases(seeds)  # the file as it was (there was none)
        await pilot.press("U")
        await _done(pilot, app)
        assert "Telegram" not in _names(screen)
        assert _aliases(seeds)["block"] == ["org:telegram"]


async def test_merge_says_what_will_happen_and_enter_confirms(
    make_app: AppFactory, seeds: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "Biden")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, EntityPicker)
        await pilot.press(*"zelensky", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        said = _dialog_text(app)
        assert "Merge 'Biden' (person" in said and "into 'Volodymyr Zelensky'" in said
        assert "will count as 'Volodymyr Zelensky'" in said
        assert not aliases_path(seeds).exists()  # nothing written before the answer
        await pilot.press("enter")
        await _done(pilot, app)
        merged = _aliases(seeds)["merge"]
        assert merged == {"person:volodymyr-zelensky": ["person:biden"]}
        assert "Biden" not in _names(screen)
        zelensky = next(e for e in screen.query_one(EntitiesPane).entities if "Zelensk" in e.name)
        assert "Biden" in zelensky.aliases


async def test_merge_cancelled_at_the_confirmation_writes_nothing(
    make_app: AppFactory, seeds: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "Biden")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"zelensky", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await _done(pilot, app)
        assert app.screen is screen and not aliases_path(seeds).exists()
        assert "Biden" in _names(screen)


async def test_rename_in_a_dialog(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "NATO")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RenameDialog)
        box = dialog.query_one(Input)
        assert box.value == "NATO"
        box.value = ""
        await pilot.press(*"North Atlantic Alliance", "enter")
        await _done(pilot, app)
        assert _aliases(seeds)["rename"] == {"org:nato": "North Atlantic Alliance"}
        names = _names(screen)
        assert "North Atlantic Alliance" in names and "NATO" not in names
        # Escape leaves the name alone.
        await _select(pilot, screen, "North Atlantic Alliance")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await _done(pilot, app)
        assert len(read_history(aliases_path(seeds)).done) == 1


async def test_retype_in_a_dialog(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "Telegram")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, RetypeDialog)
        await pilot.press("enter")  # the first type it is not: person
        await _done(pilot, app)
        assert _aliases(seeds)["retype"] == {"org:telegram": "person"}
        telegram = next(e for e in screen.query_one(EntitiesPane).entities if e.name == "Telegram")
        assert telegram.type == "person"
        # Undo brings the organisation back.
        await _select(pilot, screen, "Telegram")
        await pilot.press("u")
        await _done(pilot, app)
        telegram = next(e for e in screen.query_one(EntitiesPane).entities if e.name == "Telegram")
        assert telegram.type == "org"


async def test_split_ticks_spellings_into_a_new_entity(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "Valery Zaluzhnyi")
        before = screen.query_one(EntitiesPane).selected
        assert before is not None
        await pilot.press("S")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        assert "Zeluzhnyi" in dialog.spellings and "Valery Zaluzhnyi" not in dialog.spellings
        await pilot.press("s")  # nothing ticked: the dialog stays
        await pilot.pause()
        assert app.screen is dialog
        assert isinstance(dialog, SplitDialog)
        options = dialog.query_one(SelectionList)
        options.highlighted = dialog.spellings.index("Zeluzhnyi")
        await pilot.press("space", "s")
        await _done(pilot, app)
        assert _aliases(seeds)["split"] == {"person:valery-zaluzhnyi": ["Zeluzhnyi"]}
        corpus = {e.name: e for e in screen.library.corpus_entities()}
        assert corpus["Zeluzhnyi"].type == "person"
        assert "Zeluzhnyi" not in corpus["Valery Zaluzhnyi"].aliases
        # In the open article (the sidebar), what moved out is counted there.
        entities = {e.name: e for e in screen.query_one(EntitiesPane).entities}
        kept = entities["Valery Zaluzhnyi"]
        moved = entities["Zeluzhnyi"].count if "Zeluzhnyi" in entities else 0
        assert kept.count + moved == before.count
        assert "Zeluzhnyi" not in kept.aliases


async def test_undo_after_a_restart(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await _select(pilot, screen, "Telegram")
        await pilot.press("x", "y")
        await _done(pilot, app)
        assert "Telegram" not in _names(screen)

    again = make_app()
    async with again.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, again)
        assert "Telegram" not in _names(screen)
        screen.action_show_entities()
        await pilot.pause()
        await pilot.press("u")
        await _done(pilot, again)
        assert "Telegram" in _names(screen)
        assert "block" not in _aliases(seeds)
        history = read_history(aliases_path(seeds))
        assert not history.done and [s.op for s in history.undone] == ["block"]


async def test_nothing_to_undo_says_so(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        screen.action_show_entities()
        await pilot.pause()
        await pilot.press("u")
        await _done(pilot, app)
        assert any("nothing to undo" in n.message for n in app._notifications)
        assert not aliases_path(seeds).exists()


async def test_edits_in_the_corpus_list_update_it_and_the_entity_filter(
    make_app: AppFactory, seeds: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        screen.set_entity_filter("person:biden", "Biden")
        await pilot.pause()
        assert len(screen.query_one(DocList).rows) == 1
        await pilot.press("E")
        await _done(pilot, app)
        corpus = app.screen
        assert isinstance(corpus, CorpusEntitiesScreen)
        table = corpus.query_one(EntityTable)
        corpus.query_one("#ce-filter", Input).value = "biden"
        await pilot.pause()
        table.focus()
        assert table.row_count == 1
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"zelensky", "enter")
        await pilot.pause()
        await pilot.press("y")
        await _done(pilot, app)
        assert app.screen is corpus
        # Biden is one of Zelensky's spellings now.
        assert [e.name for e in table.rows] == ["Volodymyr Zelensky"]
        assert "Biden" in table.rows[0].aliases
        # The list filtered by Biden is gone with him; undo in the corpus list.
        assert screen.entity_filter is None
        await pilot.press("u")
        await _done(pilot, app)
        corpus.query_one("#ce-filter", Input).value = "biden"
        await pilot.pause()
        assert [e.name for e in table.rows] == ["Biden"]


async def test_curation_is_in_the_palette(make_app: AppFactory) -> None:
    from reader.ui.commands import screen_commands

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await settle(pilot, app)
        titles = {title for title, _help, _callback in screen_commands(screen)}
        assert {
            "Rename entity…",
            "Change entity type…",
            "Split entity…",
            "Undo entity change",
            "Redo entity change",
        } <= titles


async def test_an_edit_keeps_the_entity_filter_and_the_focus(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        screen.set_entity_filter("person:valery-zaluzhnyi", "Valery Zaluzhnyi")
        await pilot.pause()
        assert len(screen.query_one(DocList).rows) == 2
        await _select(pilot, screen, "Telegram")
        entity_list = app.focused
        await pilot.press("x", "y")
        await _done(pilot, app)
        assert "Telegram" not in _names(screen)
        assert screen.entity_filter is not None
        assert screen.entity_filter.entity_id == "person:valery-zaluzhnyi"
        assert len(screen.query_one(DocList).rows) == 2
        assert app.focused is entity_list
