"""The Entities tab, mention jumps, the entity filter, merge/block, the corpus view and KWIC."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from textual.widgets import DataTable, Input, OptionList

from reader.core.entities.aliases import aliases_path
from reader.ui.app import ReaderApp
from reader.ui.entity_screens import CorpusEntitiesScreen, EntityPicker, KwicScreen, kwic_line
from reader.ui.main_screen import MainScreen
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.entities import EntitiesPane
from reader.ui.widgets.entity_table import EntityTable

from .conftest import settle, workers_done

AppFactory = Callable[..., ReaderApp]
ZALUZHNYI_ARTICLE = "001"  # "Zelensky confirms planned purge…": the newest, first in the list


async def _open_first(pilot, app: ReaderApp) -> MainScreen:  # type: ignore[no-untyped-def]
    screen = await settle(pilot, app)
    await pilot.press("enter")
    await workers_done(app)
    await pilot.pause()
    return screen


async def _select(pilot, screen: MainScreen, name: str) -> None:  # type: ignore[no-untyped-def]
    """Focus the Entities list and move down to the entity called ``name``."""
    screen.action_show_entities()
    await pilot.pause()
    pane = screen.query_one(EntitiesPane)
    for _ in range(60):
        if pane.selected is not None and pane.selected.name == name:
            return
        await pilot.press("down")
    raise AssertionError(f"{name} not in the Entities tab: {[e.name for e in pane.entities]}")


async def test_tab_lists_people_places_orgs_without_junk(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        pane = screen.query_one(EntitiesPane)
        names = {e.name for e in pane.entities}
        kinds = {e.type for e in pane.entities}
        assert {"person", "org", "place"} <= kinds
        assert any("Zaluzhn" in n for n in names) and any("Zelensk" in n for n in names)
        for junk in ("Monday", "Sunday", "February", "According", "Meanwhile", "The"):
            assert junk not in names
        # Spellings merged: one Zaluzhnyi entity carries the variants as aliases.
        zaluzhnyi = [e for e in pane.entities if "Zaluzhn" in e.name]
        assert len(zaluzhnyi) == 1 and zaluzhnyi[0].count > 5
        # Groups are headed and the biggest entity of a group comes first.
        options = screen.query_one("#entity-list", OptionList)
        first = options.get_option_at_index(0)
        assert first.disabled and "People" in str(first.prompt)


async def test_selecting_marks_mentions_and_brackets_jump(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        article = screen.query_one(ArticleView)
        await _select(pilot, screen, "Valery Zaluzhnyi")
        entity = screen.selected_entity
        assert entity is not None
        spans = article.marks.get("entity-person", [])
        assert len(spans) == entity.count
        assert article.document is not None
        text = article.document.text
        assert all("Zal" in text[a:b] or "Zel" in text[a:b] for a, b in spans)
        await pilot.press("right_square_bracket")
        first = article.marks["entity-current"]
        assert "mention 1 /" in str(article.border_subtitle)
        await pilot.press("right_square_bracket")
        second = article.marks["entity-current"]
        assert second != first and "mention 2 /" in str(article.border_subtitle)
        await pilot.press("left_square_bracket")
        assert article.marks["entity-current"] == first
        # Another entity replaces the marks, in its own type's layer.
        await _select(pilot, screen, "NATO")
        assert "entity-person" not in article.marks and article.marks.get("entity-org")


async def test_enter_filters_the_list_and_escape_clears(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        doclist = screen.query_one(DocList)
        assert len(doclist.rows) == 3
        await _select(pilot, screen, "Valery Zaluzhnyi")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.entity_filter is not None
        assert len(doclist.rows) == 2  # the two WSWS articles name him; 002 does not
        assert "mentioning" in str(screen.query_one("#list-title").render())
        assert app.focused is doclist
        await pilot.press("escape")
        await pilot.pause()
        assert screen.entity_filter is None and len(doclist.rows) == 3


async def test_typed_filter_then_enter_enter_filters_by_the_first_match(
    make_app: AppFactory,
) -> None:
    """Keys only, as a person would: e opens the tab, / the filter box; Enter in the box
    highlights the first match (and marks it), a second Enter filters the list."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        pane = screen.query_one(EntitiesPane)
        assert app.focused is pane.query_one("#entity-list", OptionList)
        await pilot.press("slash", *"zaluzh", "enter")
        await pilot.pause()
        assert pane.selected is not None and "Zaluzhn" in pane.selected.name
        assert screen.selected_entity is not None and "Zaluzhn" in screen.selected_entity.name
        await pilot.press("enter")
        await pilot.pause()
        assert screen.entity_filter is not None
        assert len(screen.query_one(DocList).rows) == 2


async def test_entity_actions_are_in_the_palette(make_app: AppFactory) -> None:
    from reader.ui.commands import screen_commands

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await settle(pilot, app)
        titles = {title for title, _help, _callback in screen_commands(screen)}
        assert {"Show entities", "Corpus entities", "Next mention", "Merge entity into…"} <= titles


async def test_block_and_merge_write_the_aliases_file(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        pane = screen.query_one(EntitiesPane)
        await _select(pilot, screen, "Telegram")
        await pilot.press("x", "y")  # y: the confirmation (tests/ui/test_curation_ui.py)
        await workers_done(app)
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        path = aliases_path(seeds)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert len(data["block"]) == 1
        assert "Telegram" not in {e.name for e in pane.entities}

        await _select(pilot, screen, "Biden")
        await pilot.press("m")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, EntityPicker)
        await pilot.press(*"zelensky")
        await pilot.pause()
        await pilot.press("enter", "y")
        await workers_done(app)
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (target, merged), *_ = data["merge"].items()
        assert "zelensk" in target.lower() and any("biden" in m.lower() for m in merged)
        assert "Biden" not in {e.name for e in pane.entities}
        assert path.with_name(path.name + ".bak").exists()  # the first version kept


async def test_corpus_view_filters_and_kwic_opens_the_mention(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open_first(pilot, app)
        await pilot.press("escape")  # focus back to the list, nothing to clear
        await pilot.press("E")
        await workers_done(app)
        await pilot.pause()
        corpus = app.screen
        assert isinstance(corpus, CorpusEntitiesScreen)
        table = corpus.query_one(EntityTable)
        assert table.row_count == len(corpus.entities) > 10
        corpus.query_one("#ce-filter", Input).value = "zaluzh"
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("k")
        await workers_done(app)
        await pilot.pause()
        kwic = app.screen
        assert isinstance(kwic, KwicScreen)
        assert kwic.query_one(DataTable).row_count == len(kwic.places) > 5
        await pilot.press("down", "enter")
        await workers_done(app)
        await pilot.pause()
        assert app.screen is screen
        doc_id, start, end = kwic.places[1]
        article = screen.query_one(ArticleView)
        assert article.document is not None and article.document.id == doc_id
        assert article.marks["entity-current"] == [(start, end)]
        assert "Zal" in article.document.text[start:end]
        # Enter in the corpus view filters the document list instead.
        await pilot.press("E")
        await workers_done(app)
        await pilot.pause()
        app.screen.query_one("#ce-filter", Input).value = "avdi"
        await pilot.pause()
        app.screen.query_one(EntityTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.entity_filter is not None
        assert len(screen.query_one(DocList).rows) == 1  # Avdiivka: only in 001


def test_kwic_line_aligns_and_keeps_text_literal() -> None:
    text = "[bold]x[/bold] said Zaluzhnyi\nwould stay"
    left, middle, right = kwic_line(text, 20, 29, side=10)
    assert middle.plain == "Zaluzhnyi"
    assert left.plain == "old] said "
    assert right.plain == " would sta"
    assert "[bold]" in kwic_line(text, 7, 11, side=10)[0].plain  # markup stays text


async def test_thousands_of_entities_list_the_biggest_and_filter_finds_the_rest() -> None:
    """A very long article: each group lists its biggest GROUP_LIMIT, then says how
    many more there are; the filter box still finds any of them."""
    from textual.app import App, ComposeResult

    from reader.core.entities.model import Entity, Mention
    from reader.ui.themes import THEME_DEFAULTS
    from reader.ui.widgets.entities import GROUP_LIMIT

    people = [
        Entity(f"p{i}", f"Person Number{i}", "person", [Mention(i, i + 1, "x")] * (1 + i % 7))
        for i in range(GROUP_LIMIT + 50)
    ]

    class PaneApp(App[None]):
        def get_theme_variable_defaults(self) -> dict[str, str]:
            return dict(THEME_DEFAULTS)

        def compose(self) -> ComposeResult:
            yield EntitiesPane(id="entities")

    app = PaneApp()
    async with app.run_test(size=(60, 30)) as pilot:
        pane = app.query_one(EntitiesPane)
        pane.show(people)
        await pilot.pause()
        options = pane.query_one("#entity-list", OptionList)
        assert len(pane._by_option) == GROUP_LIMIT
        last = options.get_option_at_index(options.option_count - 1)
        assert last.disabled and "50 more" in str(last.prompt)
        hidden = min(people, key=lambda e: e.count).name  # the smallest are left out
        assert hidden not in {e.name for e in pane._by_option.values()}
        pane.query_one("#entity-filter", Input).value = hidden.split()[-1]
        await pilot.pause()
        assert [e.name for e in pane._by_option.values()] == [hidden]


async def test_corpus_list_of_many_entities_filters_sorts_and_shows_names_as_text() -> None:
    """The corpus list is virtual: 60,000 entities, every one reachable by the filter
    and the sorts; names from articles are drawn as text, never as markup."""
    from textual.app import App

    from reader.core.entities.model import CorpusEntity
    from reader.ui.themes import THEME_DEFAULTS

    entities = [
        CorpusEntity(f"person:p{i}", f"Person {i:05d}", "person", 1 + i % 50, 100 - i % 90)
        for i in range(60_000)
    ]
    entities.append(CorpusEntity("org:odd", "[bold]Odd[/bold] Ltd", "org", 1, 1, ["Oddity"]))
    entities.sort(key=lambda e: (-e.articles, -e.mentions, e.id))

    class Entities:
        root = Path(".")

        def corpus_entities(self) -> list[CorpusEntity]:
            return list(entities)

    class Bare(App[None]):
        def get_theme_variable_defaults(self) -> dict[str, str]:
            return dict(THEME_DEFAULTS)

    app = Bare()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = CorpusEntitiesScreen(Entities())  # type: ignore[arg-type]
        await app.push_screen(screen)
        await workers_done(app)
        await pilot.pause()
        table = screen.query_one(EntityTable)
        assert table.row_count == len(entities) and screen.loaded
        assert table.rows[0] is entities[0]
        screen.query_one("#ce-filter", Input).value = "oddity"  # an alias finds it
        await pilot.pause()
        assert [e.id for e in table.rows] == ["org:odd"]
        line = "".join(segment.text for segment in table.render_line(0))
        assert "[bold]Odd[/bold] Ltd" in line and "organisation" in line
        screen.query_one("#ce-filter", Input).value = ""
        await pilot.pause()
        screen.action_sort()  # by mentions
        await pilot.pause()
        assert table.rows[0].mentions == max(e.mentions for e in entities)
        screen.action_sort()  # by name
        await pilot.pause()
        assert [e.name for e in table.rows[:2]] == ["[bold]Odd[/bold] Ltd", "Person 00000"]
        table.focus()
        await pilot.press("end")
        assert table.current is not None and table.current.name == "Person 59999"
