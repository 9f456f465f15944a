"""The document list's drawn lines are kept and reused: what changes must still show."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from reader.core.index.catalog import DocSummary
from reader.core.index.snippets import Snippet
from reader.ui.themes import THEME_DEFAULTS, load_themes
from reader.ui.widgets.doclist import DocList, Row


class ListApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        for theme in load_themes().themes:
            self.register_theme(theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield DocList(id="doclist")


def _summaries() -> list[DocSummary]:
    return [
        DocSummary(f"d{i}", f"Title {i}", (), f"2024-01-0{i}", "BBC", None, f"d{i}.txt", 10, ())
        for i in range(1, 4)
    ]


def _line(doclist: DocList, y: int) -> Strip:
    # As the compositor draws a line (in a pass over the visible ones).
    return doclist.render_lines(Region(0, y, doclist.size.width, 1))[0]


def _styles(strip: Strip) -> set[object]:
    return {segment.style for segment in strip if segment.text.strip()}


async def test_lines_follow_the_cursor_open_article_duplicates_and_theme() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        doclist = app.query_one(DocList)
        doclist.set_documents(_summaries())  # newest first: d3, d2, d1
        await pilot.pause()
        first_title = _line(doclist, 0)
        second_title = _line(doclist, 2)
        assert first_title.text.strip() == "Title 3"
        assert _styles(_line(doclist, 0)) == _styles(first_title)  # drawn again alike
        doclist.cursor = 1
        await pilot.pause()
        assert _styles(_line(doclist, 0)) != _styles(first_title)  # the cursor left it
        assert _styles(_line(doclist, 2)) != _styles(second_title)  # and is here now
        cursor_line = _line(doclist, 2)
        doclist.mark_open("d2")
        await pilot.pause()
        assert _styles(_line(doclist, 2)) != _styles(cursor_line)  # the open article
        assert "dup" not in _line(doclist, 3).text
        doclist.set_duplicates({"d2": 2})
        await pilot.pause()
        assert "≈ dup ×2" in _line(doclist, 3).text
        before = _styles(_line(doclist, 4))
        app.theme = "reader-light"
        await pilot.pause()
        assert _styles(_line(doclist, 4)) != before  # the new theme's colours


async def test_a_later_stage_of_results_shows_its_snippet() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        doclist = app.query_one(DocList)
        summaries = _summaries()
        doclist.set_results([Row(s) for s in summaries])
        await pilot.pause()
        assert "2024-01-01" in _line(doclist, 1).text
        snippet = Snippet("the economy grew", ((4, 11),), 0)
        doclist.set_results([Row(summaries[0], 1, snippet), *map(Row, summaries[1:])])
        await pilot.pause()
        line = _line(doclist, 1).text
        assert "1 hit" in line and "the economy grew" in line
