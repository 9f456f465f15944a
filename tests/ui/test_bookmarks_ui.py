"""Bookmarks in the app: passage cursor, selection, the dialog, marks and the Bookmarks tab."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from textual.widgets import Input, OptionList, Static, TabbedContent

from reader.core.bookmarks import Bookmark, BookmarkStore, bookmarks_path
from reader.core.index.library import Library
from reader.ui.app import ReaderApp
from reader.ui.bookmark_dialog import BookmarkDialog, TagSuggester, format_tags, parse_tags
from reader.ui.commands import screen_commands
from reader.ui.main_screen import MainScreen
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.bookmarks import BookmarksPane
from reader.ui.widgets.searchbox import SearchBox

from .conftest import AppFactory, settle, type_query

ZELENSKY = "000_3019f73ddaac25aa"  # second in the list (newest first)
SIZE = (140, 36)

# The first paragraphs of ZELENSKY, sentence by sentence.
FIRST = "Ukrainian President Volodymyr Zelensky attempted to remove Ukrainian"
SECOND = "According to both Western and Ukrainian reports"
THIRD = "When Zaluzhnyi refused the offer"
FOURTH = "The Financial Times reported"


def stored(seeds: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(bookmarks_path(seeds).read_text(encoding="utf-8"))
    return list(data["bookmarks"])


def make_bookmark(
    seeds: Path, doc_id: str, quote: str, note: str = "", tags: tuple[str, ...] = ()
) -> Bookmark:
    """A bookmark saved before the app starts (the index is built for it)."""
    library = Library(seeds)
    try:
        library.update()
        document = library.document(doc_id)
    finally:
        library.close()
    assert document is not None
    return BookmarkStore(seeds).add_quote(doc_id, document.text, quote, note, tags)


async def open_zelensky(pilot: object, app: ReaderApp) -> tuple[MainScreen, ArticleView]:
    screen = await settle(pilot, app)  # type: ignore[arg-type]
    await pilot.press("j", "enter")  # type: ignore[attr-defined]
    article = screen.query_one(ArticleView)
    assert article.document is not None and article.document.id == ZELENSKY
    return screen, article


def marked(article: ArticleView, layer: str) -> list[str]:
    assert article.document is not None
    return [article.document.text[a:b] for a, b in article.marks.get(layer, [])]


# -- the passage cursor ---------------------------------------------------------------------


async def test_cursor_moves_by_sentence_and_paragraph(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _screen, article = await open_zelensky(pilot, app)
        assert "cursor" not in article.marks
        await pilot.press("right_parenthesis")  # first use: the first visible sentence
        assert marked(article, "cursor")[0].startswith(FIRST)
        await pilot.press("right_parenthesis")
        assert marked(article, "cursor")[0].startswith(SECOND)
        await pilot.press("right_parenthesis")
        assert marked(article, "cursor")[0].startswith(THIRD)
        await pilot.press("right_curly_bracket")
        assert marked(article, "cursor")[0].startswith(FOURTH)
        await pilot.press("left_curly_bracket")
        assert marked(article, "cursor")[0].startswith(SECOND)
        await pilot.press("left_parenthesis")
        assert marked(article, "cursor")[0].startswith(FIRST)


async def test_cursor_stays_in_view_as_it_moves(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        _screen, article = await open_zelensky(pilot, app)
        for _ in range(12):
            await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert article.scroll_offset.y > 0
        (start, _end), *_ = article.marks["cursor"]
        top = article.scroll_offset.y
        assert top <= article.line_of_offset(start) < top + article.size.height
        await pilot.press(*["left_curly_bracket"] * 12)
        await pilot.pause()
        assert article.scroll_offset.y == 0


async def test_click_puts_the_cursor_on_the_sentence(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _screen, article = await open_zelensky(pilot, app)
        assert article.document is not None
        line = article.line_of_offset(article.document.text.index(SECOND))
        x = article.gutter.left + article.margin + 2
        y = article.gutter.top + line - int(article.scroll_offset.y)
        await pilot.click(ArticleView, offset=(x, y))
        assert marked(article, "cursor")[0].startswith(SECOND)


async def test_v_selects_by_sentence_and_escape_drops_only_the_selection(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_query(pilot, app, "Zaluzhnyi")
        await pilot.press("enter")  # opens the top result at its first hit
        article = screen.query_one(ArticleView)
        await pilot.press("g", "right_parenthesis", "left_parenthesis")
        await pilot.press("v", "right_parenthesis", "right_parenthesis")
        (selection,) = marked(article, "selection")
        cursor_text = marked(article, "cursor")[0]
        assert selection.endswith(cursor_text) and len(selection) > len(cursor_text)
        assert selection.count(". ") + selection.count(".\n") >= 2
        await pilot.press("v", "right_parenthesis")  # v again: the selection stays put
        assert marked(article, "selection") == [selection]
        await pilot.press("escape")
        assert "selection" not in article.marks
        assert screen.query_one(SearchBox).value == "Zaluzhnyi"  # escape did not clear it
        await pilot.press("escape")  # no selection now: escape clears the search
        assert screen.query_one(SearchBox).value == ""


# -- the dialog -----------------------------------------------------------------------------


def test_tags_field_parsing() -> None:
    assert parse_tags("war  #ukraine war") == ["war", "ukraine"]
    assert parse_tags("Ukraine war UKRAINE") == ["Ukraine", "war"]  # one tag in any case
    assert parse_tags("peace talks, ukraine,") == ["peace talks", "ukraine"]
    for tags in (["a", "b"], ["peace talks"], ["peace talks", "x"], []):
        assert parse_tags(format_tags(tags)) == tags


async def test_tag_suggester_completes_the_last_word() -> None:
    suggest = TagSuggester(["Ukraine", "ukraine-war", "war", "peace talks"]).get_suggestion
    assert await suggest("wa") == "war"
    assert await suggest("war uk") == "war Ukraine"
    assert await suggest("Ukraine, uk") == "Ukraine, ukraine-war"
    assert await suggest("#w") == "#war"
    assert await suggest("war ") is None
    assert await suggest("WA") == "war"  # whatever the case typed, the tag's spelling


async def test_tag_suggester_completes_tags_with_spaces() -> None:
    suggest = TagSuggester(["Peace Talks", "peace talks", "war", "ukraine"]).get_suggestion
    # The first thing typed: completed with a comma, which keeps the tag in one piece.
    assert await suggest("pea") == "Peace Talks,"
    assert await suggest("peace t") == "Peace Talks,"
    assert parse_tags("Peace Talks,") == ["Peace Talks"]
    # After a comma the tag being typed may have spaces.
    assert await suggest("war, peace") == "war, Peace Talks"
    assert await suggest("Peace Talks, u") == "Peace Talks, ukraine"
    # After space-separated tags it would need a comma, which cannot be inserted.
    assert await suggest("war pea") is None


async def test_b_opens_dialog_and_saves_note_and_tags(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, article = await open_zelensky(pilot, app)
        await pilot.press("right_parenthesis", "right_parenthesis", "b")
        assert isinstance(app.screen, BookmarkDialog)
        quote = str(app.screen.query_one("#bookmark-quote", Static).render())
        assert quote.startswith(SECOND)
        await pilot.press(*"Who asked whom", "tab", *"ukraine, power struggle", "enter")
        await pilot.pause()
        assert app.screen is screen

        (entry,) = stored(seeds)
        assert entry["doc"] == ZELENSKY
        assert str(entry["quote"]).startswith(SECOND)
        assert entry["note"] == "Who asked whom"
        assert entry["tags"] == ["ukraine", "power struggle"]
        assert marked(article, "bookmark") == [entry["quote"]]

        pane = screen.query_one(BookmarksPane)
        options = pane.query_one(OptionList)
        assert options.option_count == 1
        item = str(options.get_option_at_index(0).prompt)
        assert "Who asked whom" in item and "#power struggle" in item and SECOND in item


async def test_escape_cancels_the_dialog_and_saves_nothing(
    make_app: AppFactory, seeds: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, article = await open_zelensky(pilot, app)
        await pilot.press("right_parenthesis", "b", *"note", "escape")
        assert app.screen is screen
        assert not bookmarks_path(seeds).exists()
        assert "bookmark" not in article.marks


async def test_dialog_completes_existing_tags(make_app: AppFactory, seeds: Path) -> None:
    make_bookmark(seeds, ZELENSKY, "signaling a new stage", tags=("ukraine-politics",))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_zelensky(pilot, app)
        await pilot.press("right_parenthesis", "b", "tab", *"ukr")
        await pilot.pause(0.1)
        tags = app.screen.query_one("#bookmark-tags", Input)
        await pilot.press("right")
        assert tags.value == "ukraine-politics"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e["tags"] for e in stored(seeds)] == [["ukraine-politics"]] * 2


async def test_dialog_completes_tags_with_spaces_in_their_first_spelling(
    make_app: AppFactory, seeds: Path
) -> None:
    make_bookmark(seeds, ZELENSKY, "signaling a new stage", tags=("Power Struggle",))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_zelensky(pilot, app)
        await pilot.press("right_parenthesis", "b", "tab", *"power s")
        await pilot.pause(0.1)
        await pilot.press("right")
        assert app.screen.query_one("#bookmark-tags", Input).value == "Power Struggle,"
        await pilot.press(*" POWER STRUGGLE, kyiv", "ctrl+s")
        await pilot.pause()
        assert [e["tags"] for e in stored(seeds)] == [
            ["Power Struggle"],
            ["Power Struggle", "kyiv"],
        ]


async def test_a_search_hit_can_be_bookmarked_directly(make_app: AppFactory, seeds: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await type_query(pilot, app, "Avdiivka")
        await pilot.press("enter")
        article = screen.query_one(ArticleView)
        assert article.hit_index == 0 and "cursor" not in article.marks
        await pilot.press("n", "b", "enter")  # the second hit's sentence
        await pilot.pause()
        (entry,) = stored(seeds)
        hit_start, hit_end = article.hits[1]
        assert entry["start"] <= hit_start and hit_end <= entry["end"]  # type: ignore[operator]
        assert "Avdiivka" in str(entry["quote"])
        assert "\n\n" not in str(entry["quote"])  # one sentence, not the paragraph


# -- the Bookmarks tab ----------------------------------------------------------------------


async def test_pane_lists_filters_and_enter_jumps_to_the_passage(
    make_app: AppFactory, seeds: Path
) -> None:
    late = "Within hours, the Defense Ministry felt obligated"
    make_bookmark(seeds, ZELENSKY, late, note="the climb-down", tags=("ministry",))
    make_bookmark(seeds, "001_21c52abc1f1fddb1", "Avdiivka", tags=("front",))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        pane = screen.query_one(BookmarksPane)
        options = pane.query_one(OptionList)
        await pilot.press("B")  # show the tab
        assert screen.query_one("#sidebar", TabbedContent).active == "tab-bookmarks"
        assert app.focused is options
        assert options.option_count == 2
        assert "All articles: 2" in str(pane.query_one("#bookmarks-status").render())

        await pilot.press("f", *"#minis")
        assert options.option_count == 1
        await pilot.press("enter")  # filter → list
        assert app.focused is options
        await pilot.press("enter")  # open at the passage
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert article.document is not None and article.document.id == ZELENSKY
        assert app.focused is article
        assert marked(article, "cursor")[0].startswith(late)
        assert marked(article, "bookmark") == [late]
        (start, _end), *_ = article.marks["cursor"]
        top = article.scroll_offset.y
        assert top <= article.line_of_offset(start) < top + article.size.height

        await pilot.press("B", "t")  # this article only, after clearing the filter
        pane.query_one(Input).value = ""
        await pilot.pause()
        assert options.option_count == 1
        assert "This article: 1 of 2" in str(pane.query_one("#bookmarks-status").render())


async def test_edit_and_delete_with_undo(make_app: AppFactory, seeds: Path) -> None:
    saved = make_bookmark(seeds, ZELENSKY, "signaling a new stage", note="old", tags=("a",))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, article = await open_zelensky(pilot, app)
        assert marked(article, "bookmark") == ["signaling a new stage"]
        await pilot.press("B", "e")
        assert isinstance(app.screen, BookmarkDialog)
        note = app.screen.query_one("#bookmark-note", Input)
        assert note.value == "old"
        note.value = "new note"
        await pilot.press("enter")
        await pilot.pause()
        (entry,) = stored(seeds)
        assert entry["id"] == saved.id and entry["note"] == "new note" and entry["tags"] == ["a"]

        options = screen.query_one(BookmarksPane).query_one(OptionList)
        await pilot.press("d")
        assert stored(seeds) == []
        assert options.option_count == 0
        assert "bookmark" not in article.marks
        assert any("u (in Bookmarks) undoes" in n.message for n in app._notifications)

        await pilot.press("u")
        (entry,) = stored(seeds)
        assert entry["id"] == saved.id and entry["note"] == "new note"
        assert options.option_count == 1
        assert marked(article, "bookmark") == ["signaling a new stage"]
        await pilot.press("u")  # undo the edit too
        assert stored(seeds)[0]["note"] == "old"


async def test_corrupt_bookmarks_file_is_reported_and_left_untouched(
    make_app: AppFactory, seeds: Path
) -> None:
    path = bookmarks_path(seeds)
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = b"version: 1\nbookmarks: [ {id: x, doc: 'unclosed\n"
    path.write_bytes(broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, _article = await open_zelensky(pilot, app)
        problems = [n.message for n in app._notifications if str(path) in n.message]
        assert len(problems) == 1 and "left untouched" in problems[0]
        problem = screen.query_one("#bookmarks-problem", Static)
        assert problem.display and "Read-only" in str(problem.render())

        await pilot.press("right_parenthesis", "b")
        assert app.screen is screen  # no dialog
        assert len([n for n in app._notifications if str(path) in n.message]) == 2
        await pilot.press("B", "d", "u")
    assert path.read_bytes() == broken
    assert not path.with_name("bookmarks.yaml.bak").exists()


async def test_changed_article_moves_or_orphans_its_bookmarks(
    make_app: AppFactory, seeds: Path
) -> None:
    kept = "Within hours, the Defense Ministry felt obligated"
    gone = "signaling a new stage in the ongoing political crisis"
    make_bookmark(seeds, ZELENSKY, kept, note="kept")
    make_bookmark(seeds, ZELENSKY, gone, note="gone")
    source = seeds / f"{ZELENSKY}.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace(", " + gone, "").replace("Immediately", "A new paragraph.\n\nImmediately"),
        encoding="utf-8",
    )
    os.utime(source, (1_900_000_000, 1_900_000_000))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)  # the index update reported the change
        pane = screen.query_one(BookmarksPane)
        status = {item.bookmark.note: item.status for item in pane.items}
        assert status == {"kept": "moved", "gone": "orphaned"}
        await pilot.press("j", "enter")
        article = screen.query_one(ArticleView)
        assert marked(article, "bookmark") == [kept]  # at its new offsets; no orphan mark

        options = pane.query_one(OptionList)
        await pilot.press("B")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        orphan = next(p for p in prompts if "gone" in p)
        assert "orphaned" in orphan and gone in orphan  # shown with its saved quote
        options.highlighted = prompts.index(orphan)
        await pilot.press("enter")
        assert app.focused is options  # not opened anywhere
        assert any("Orphaned" in n.message for n in app._notifications)
    assert {e["note"] for e in stored(seeds)} == {"kept", "gone"}  # nothing dropped


async def test_bookmark_actions_are_in_the_command_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        titles = [title for title, _help, _callback in screen_commands(screen)]
        for title in ("Bookmark passage", "Show bookmarks", "Select passage", "Next sentence"):
            assert title in titles
        show = dict((t, c) for t, _h, c in screen_commands(screen))["Show bookmarks"]
        await pilot.press("f3")  # hide the sidebar; the command shows it again
        show()  # type: ignore[operator]
        await pilot.pause()
        assert screen.query_one("#sidebar").display
        assert app.focused is screen.query_one(BookmarksPane).query_one(OptionList)


def test_the_tag_filter_means_what_reader_bookmarks_tag_means() -> None:
    """``#war`` is the tag war when it is in use (not warsaw too); an unfinished name
    completes (``#minis`` is ministry while being typed), as ``--tag`` in the CLI."""
    from reader.core.bookmarks import AnchoredBookmark, Bookmark, anchor
    from reader.ui.bookmark_items import matches

    text = "some words to mark"

    def item(*tags: str) -> AnchoredBookmark:
        return anchor(Bookmark.on_text("doc", text, 0, 4, tags=tags), text)

    war, warsaw, ministry = item("war"), item("Warsaw"), item("ministry", "war")
    items = [war, warsaw, ministry]
    in_use = [tag for i in items for tag in i.bookmark.tags]

    def shown(query: str) -> list[AnchoredBookmark]:
        return [i for i in items if matches(i, query, {}, in_use)]

    assert shown("#WAR") == [war, ministry]
    assert shown("#wa") == [war, warsaw, ministry]
    assert shown("#minis") == [ministry]
    assert shown("#minis #war") == [ministry]
    assert shown("#none") == []
    assert shown("SOME #warsaw") == [warsaw]
    assert shown("other #warsaw") == []
