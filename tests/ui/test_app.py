"""Behaviour of the reading app, driven with Pilot as a person would use it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

from reader.core.index.library import Library
from reader.ui.app import ReaderApp
from reader.ui.main_screen import MainScreen
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.details import DetailsPane
from reader.ui.widgets.doclist import DocList
from reader.ui.widgets.searchbox import SearchBox

from .conftest import AppFactory, settle, type_query, workers_done

NEWEST = "001_21c52abc1f1fddb1"
OLDEST = "002_ceb5c5920158999b"


async def test_list_shows_documents_newest_first_and_sort_cycles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        assert [r.id for r in doclist.rows] == [NEWEST, "000_3019f73ddaac25aa", OLDEST]
        assert app.sub_title == "seeds — 3 documents · whoosh"  # and the engine
        await pilot.press("s")  # date → title
        assert doclist.sort_key == "title"
        titles = [r.summary.title for r in doclist.rows]
        assert titles == sorted(titles, key=str.casefold)
        title_line = screen.query_one("#list-title", Static)
        assert "sorted by title" in str(title_line.render())
        await pilot.press("s")  # title → source
        assert doclist.sort_key == "source"
        assert doclist.rows[0].summary.source == "International Viewpoint"
        by_source = [r.id for r in doclist.rows]
        doclist.cursor = 1
        await pilot.press("S")  # the same order backwards, the cursor on the same row
        assert [r.id for r in doclist.rows] == by_source[::-1]
        assert doclist.current is not None and doclist.current.id == by_source[1]
        assert "source ↓" in str(title_line.render())


async def test_enter_opens_article_with_metadata_and_details(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("j", "enter")
        article = screen.query_one(ArticleView)
        assert article.document is not None
        assert article.document.id == "000_3019f73ddaac25aa"
        assert app.focused is article
        header = " ".join(t.plain for t in article.header)
        assert "Jason Melanovski, Clara Weiss" in header
        assert "2024-02-01" in header
        details = str(screen.query_one("#details-meta", Static).render())
        assert "Words: 1,273" in details
        assert "6 min read" in details
        assert "000_3019f73ddaac25aa.txt" in details


async def test_search_as_you_type_lists_results_with_hits_and_snippets(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, "Avdiivka")
        doclist = screen.query_one(DocList)
        assert doclist.results_mode
        assert [r.id for r in doclist.rows] == [NEWEST]
        assert doclist.rows[0].hits == 3
        snippet = doclist.rows[0].snippet
        assert snippet is not None
        start, end = snippet.highlights[0]
        assert snippet.text[start:end] == "Avdiivka"


async def test_enter_in_search_opens_top_result_at_first_hit_and_n_steps(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, "Avdiivka")
        await pilot.press("enter")
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert article.document is not None and article.document.id == NEWEST
        assert article.hit_index == 0
        assert article.border_subtitle == "hit 1 / 3"
        first_line = article.line_of_offset(article.hits[0][0])
        top = int(article.scroll_offset.y)
        assert top <= first_line < top + article.size.height
        await pilot.press("n")
        assert article.border_subtitle == "hit 2 / 3"
        await pilot.press("N", "N")
        assert article.border_subtitle == "hit 3 / 3"  # wraps around
        text = article.document.text
        for start, end in article.hits:
            assert text[start:end] == "Avdiivka"
        details = screen.query_one(DetailsPane)
        assert "Search hits: 3" in str(details.query_one("#details-hits-label").render())


async def test_bad_query_shows_one_line_hint_and_app_keeps_working(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, '"unclosed')
        hint = screen.query_one("#search-hint", Static)
        assert hint.display
        assert "unclosed quote" in str(hint.render())
        await pilot.press("end", '"')
        await pilot.pause(0.1)
        await workers_done(app)
        await pilot.pause()
        assert screen.results is not None
        assert "matching articles" in str(hint.render())


async def test_escape_clears_search_and_returns_to_full_list(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, "Avdiivka")
        doclist = screen.query_one(DocList)
        assert len(doclist.rows) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one(SearchBox).value == ""
        assert not doclist.results_mode
        assert len(doclist.rows) == 3
        assert app.focused is doclist


async def test_search_history_recalls_and_persists(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, "Milley")
        await pilot.press("enter")
        await pilot.press("escape")
    second = make_app()
    async with second.run_test(size=(120, 30)) as pilot:
        await settle(pilot, second)
        await pilot.press("slash", "up")
        assert second.screen.query_one(SearchBox).value == "Milley"
        await pilot.press("down")
        assert second.screen.query_one(SearchBox).value == ""


async def test_last_article_and_position_are_restored(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("G", "enter")  # the oldest article
        article = screen.query_one(ArticleView)
        await pilot.press("pagedown", "pagedown")
        offset = article.top_offset()
        assert offset > 0
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, again)
        article = screen.query_one(ArticleView)
        assert article.document is not None and article.document.id == OLDEST
        assert abs(article.top_offset() - offset) < 200


async def test_the_sidebar_comes_a_frame_later_and_waits_for_nothing(
    make_app: AppFactory,
) -> None:
    """The first frame has the list and an empty slot the sidebar's width; the sidebar
    is mounted into it right after. An article opened before that is opened then."""
    from reader.ui.main_screen import Sidebar

    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await settle(pilot, app)
        assert screen.sidebar_ready and not screen.query("#sidebar-slot")
        sidebar = screen.query_one("#sidebar", Sidebar)
        assert sidebar.region.width > 20
        # As if Enter came in the first frames: held, then opened when the sidebar is.
        screen.sidebar_ready = False
        screen.open_document(OLDEST)
        assert screen.query_one(ArticleView).document is None
        sidebar.post_message(Sidebar.Ready())
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert article.document is not None and article.document.id == OLDEST
        assert "Words" in str(screen.query_one("#details-meta").render())
        # F3 in those first frames hides the sidebar that is about to be mounted too.
        screen.sidebar_ready = False
        await pilot.press("f3")
        assert sidebar.has_class("-hidden")
        screen.sidebar_ready = True
        await pilot.press("f3")
        assert not sidebar.has_class("-hidden") and sidebar.display


def test_a_cancelled_layout_stops_at_its_next_line() -> None:
    from reader.ui.wrap import layout_text

    class Stop(Exception):
        pass

    calls = []

    def pause() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise Stop

    text = "one line\n" * 10 + "\n" + "another paragraph " * 50
    assert len(layout_text(text, 40, pause=lambda: None)) > 10
    with pytest.raises(Stop):
        layout_text(text, 40, pause=pause)
    assert len(calls) == 3


async def test_panes_toggle_and_help_shows_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("f2")
        assert not screen.query_one("#list-pane").display
        await pilot.press("f2")
        assert screen.query_one("#list-pane").display
        await pilot.press("f3")
        assert not screen.query_one("#sidebar").display
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen.query("HelpPanel")
        await pilot.press("f1")
        await pilot.pause()
        assert not screen.query("HelpPanel")


async def test_every_binding_has_an_id() -> None:
    from textual.binding import Binding

    from reader.ui.main_screen import MainScreen

    for owner in (MainScreen, DocList, ArticleView, SearchBox, ReaderApp):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.id, f"{owner.__name__} binding {binding.key} has no id"


async def test_keymap_from_config_remaps_a_binding(
    make_app: AppFactory, isolated_home: Path
) -> None:
    config = isolated_home / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("keymap:\n  list.sort: o\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        await pilot.press("o")
        assert doclist.sort_key == "title"


async def test_bad_config_and_bad_theme_are_reported_not_fatal(
    make_app: AppFactory, isolated_home: Path
) -> None:
    config = isolated_home / "config" / "config.yaml"
    themes = isolated_home / "config" / "themes"
    themes.mkdir(parents=True)
    config.write_text("reading_width: wide\ntheme: nosuch\n", encoding="utf-8")
    (themes / "broken.yaml").write_text("name: broken\nprimary: notacolour\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert any("broken.yaml skipped" in m for m in messages)
        assert any("reading_width" in m for m in messages)
        assert any("Unknown theme 'nosuch'" in m for m in messages)
        assert app.theme == "reader-dark"


async def test_theme_flag_selects_bundled_theme(make_app: AppFactory) -> None:
    app = make_app(theme="reader-light")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert app.theme == "reader-light"
        assert {"reader-dark", "reader-light", "reader-high-contrast"} <= set(app.available_themes)


async def test_palette_opens_article_by_title(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"genocide")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert article.document is not None and article.document.id == OLDEST


async def test_markup_and_escapes_in_articles_are_shown_literally(
    tmp_path: Path, make_app: AppFactory
) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        "[bold]Not bold[/bold] [@click=app.quit]click[/]\n\n"
        "Body with \x1b[31mred\x1b[0m and \x1b]8;;http://x\x07link\x1b]8;;\x07 and [red]x[/red].\n",
        encoding="utf-8",
    )
    app = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert article.document is not None
        assert article.document.title == "[bold]Not bold[/bold] [@click=app.quit]click[/]"
        assert "\x1b" not in article.document.text
        rendered = "".join(segment.text for y in range(8) for segment in article.render_line(y))
        assert "[bold]Not bold[/bold]" in rendered
        assert "[red]x[/red]" in rendered
        assert "\x1b" not in rendered
        await pilot.click(ArticleView, offset=(5, 0))
        assert app.is_running  # the [@click=app.quit] text did nothing


async def test_first_launch_indexes_in_background_with_progress(
    tmp_path: Path, make_app: AppFactory
) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for number in range(400):
        (corpus / f"{number:04}.txt").write_text(
            f"Article number {number}\n\nThe body of article {number} mentions Kyiv.\n",
            encoding="utf-8",
        )
    app = make_app(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # The screen is up before the index: the list is empty and search is not live.
        assert not screen.search_ready
        seen_progress = False
        for _ in range(500):
            await pilot.pause(0.01)
            bars = list(screen.query("#index-progress").results(ProgressBar))
            seen_progress = seen_progress or any(bar.display for bar in bars)
            if screen.search_ready:
                break
        assert seen_progress
        await workers_done(app)
        await pilot.pause()
        assert len(screen.query_one(DocList).rows) == 400
        assert not screen.query("#index-progress")  # gone once the index is ready


async def test_small_terminal_without_colour_still_works(
    make_app: AppFactory, monkeypatch: object
) -> None:
    import os

    os.environ["NO_COLOR"] = "1"
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await settle(pilot, app)
            assert not screen.query_one("#sidebar").display  # narrow: sidebar folds away
            await pilot.press("enter")
            article = screen.query_one(ArticleView)
            assert article.document is not None
            assert article.size.width >= 40
    finally:
        del os.environ["NO_COLOR"]


async def test_changed_file_is_picked_up_on_next_start(seeds: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
    (seeds / "003_new.md").write_text("---\ntitle: A new one\ndate: 2024-03-01\n---\nText.\n")
    again = make_app()
    async with again.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, again)
        assert screen.query_one(DocList).rows[0].summary.title == "A new one"
    assert Library(seeds).document("003_new") is not None


async def test_deeply_nested_config_is_reported_not_fatal(
    make_app: AppFactory, isolated_home: Path
) -> None:
    config = isolated_home / "config" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert any("nested" in m and "using defaults" in m for m in messages)


async def test_a_single_letter_asks_to_keep_typing_not_an_error(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, "a")
        hint = str(screen.query_one("#search-hint", Static).render())
        assert "Keep typing" in hint
        assert "⚠" not in hint


async def test_later_stages_of_the_same_results_keep_the_current_hit(
    make_app: AppFactory,
) -> None:
    from reader.ui.messages import SearchFinished
    from reader.ui.widgets.search_panel import SearchPanel

    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, "Zaluzhny")
        await pilot.press("enter")
        await pilot.press("n", "n")
        article = screen.query_one(ArticleView)
        assert article.hit_index == 2
        results = screen.results
        assert results is not None
        # Snippets arrive after titles: a repeat of the same results must not reset n/N.
        panel = screen.query_one(SearchPanel)
        panel.post_message(SearchFinished(screen.generation, results.query, results, None))
        await pilot.pause()
        assert article.hit_index == 2
        assert str(article.border_subtitle).startswith("hit 3 /")


async def test_a_new_query_starts_at_its_best_match(make_app: AppFactory) -> None:
    """A later stage of the same results keeps the row the reader is on; a different
    query starts at its first (best) result, even when that row is among the new ones."""
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, "Zelensky")
        doclist = screen.query_one(DocList)
        assert [row.id[:3] for row in doclist.rows] == ["000", "001", "002"]
        doclist.cursor = 2
        screen.query_one(SearchBox).value = "Zelensky OR Avdiivka"
        for _ in range(3000):  # until the new query's results are on the list
            results = screen.results
            if results is not None and results.query == "Zelensky OR Avdiivka":
                break
            await pilot.pause(0.01)
        await workers_done(app)
        await pilot.pause()
        assert [row.id[:3] for row in doclist.rows] == ["001", "000", "002"]
        assert doclist.cursor == 0
