"""What the article view paints on each line: styles and marks read back from the strips.

The text is laid out at a narrow measure so one paragraph wraps over dozens of lines, and
each rendered line is mapped back to document offsets (``layout_.starts``) to check the
style of every character, on lines far below where a span started too.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from textual.app import App, ComposeResult

from reader.core.corpus.document import Document, Metadata, StyleSpan
from reader.ui.themes import THEME_DEFAULTS
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.compare_pane import ComparePane

WORDS = "the quick brown fox jumps over a lazy dog while rain falls on old roofs".split()
TEXT = " ".join(WORDS[i % len(WORDS)] for i in range(400))  # ~1,900 characters, one paragraph
BOLD = (TEXT.index("fox"), TEXT.index("fox") + 3)  # on the first line only


class _Host(App[None]):
    CSS = "ArticleView { height: 1fr; }"

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_DEFAULTS)

    def compose(self) -> ComposeResult:
        yield self.view


def _document(styles: tuple[StyleSpan, ...] = ()) -> Document:
    return Document("a.md", "/a.md", Metadata(title="T"), TEXT, styles, len(WORDS))


async def _char_styles(view: ArticleView, pilot: Any) -> dict[int, Style]:
    """The rendered style of every character of the text, by document offset.

    Scrolls down a screenful at a time so lines far below the top are rendered too.
    """
    layout = view.layout_
    assert layout is not None
    found: dict[int, Style] = {}
    target = 0
    total = len(view.header) + len(layout)
    while target < total:
        view.scroll_to(y=target, animate=False, immediate=True, force=True)
        await pilot.pause()
        top = int(view.scroll_offset.y)  # clamped at the end
        for y in range(view.size.height):
            index = top + y - len(view.header)
            if not 0 <= index < len(layout) or layout.starts[index] < 0:
                continue
            cells: list[tuple[str, Style]] = []
            for segment in view.render_line(y):
                cells.extend((char, segment.style or Style()) for char in segment.text)
            start, end = layout.starts[index], layout.ends[index]
            for offset in range(start, end):
                char, style = cells[view.margin + offset - start]
                assert char == TEXT[offset]
                found[offset] = style
        target = top + view.size.height
    assert len(found) == len(TEXT)
    return found


@pytest.mark.parametrize("kind", [ArticleView, ComparePane])
async def test_italic_stays_on_every_wrapped_line_after_a_bold_word(kind: type) -> None:
    """An italic paragraph with a bold word near its start: every line stays italic."""
    view = kind(reading_width=40)
    app = _Host(view)
    styles = (StyleSpan(0, len(TEXT), "italic"), StyleSpan(*BOLD, "bold"))
    async with app.run_test(size=(60, 20)) as pilot:
        view.show_document(_document(styles))
        await pilot.pause()
        assert view.layout_ is not None and len(view.layout_) > 40  # many wrapped lines
        found = await _char_styles(view, pilot)
    not_italic = [offset for offset, style in found.items() if not style.italic]
    assert not not_italic, f"{len(not_italic)} characters lost their italic, from {not_italic[0]}"
    bold = sorted(offset for offset, style in found.items() if style.bold)
    assert bold == list(range(*BOLD))


@pytest.mark.parametrize("kind", [ArticleView, ComparePane])
async def test_overlapping_bookmarks_are_marked_on_every_line(kind: type) -> None:
    """A long bookmark with a short one inside it and another crossing its end."""
    view = kind(reading_width=40)
    app = _Host(view)
    outer, inner, crossing = (50, 1400), (120, 160), (1300, 1700)
    async with app.run_test(size=(60, 20)) as pilot:
        view.show_document(_document())
        await pilot.pause()
        view.set_marks("bookmark", [outer, inner, crossing])
        # An entity mention layer over the same lines: its colour sits on the background.
        view.set_marks("entity-person", [(0, 1000), (20, 30)])
        found = await _char_styles(view, pilot)
        bookmark = view._layer_style("bookmark").bgcolor
        person = view._layer_style("entity-person").color
    marked = {o for a, b in (outer, inner, crossing) for o in range(a, b)}
    wrong = [o for o, style in found.items() if (style.bgcolor == bookmark) != (o in marked)]
    assert not wrong, f"{len(wrong)} characters with the wrong bookmark mark, from {wrong[0]}"
    coloured = sorted(o for o, style in found.items() if style.color == person)
    assert coloured == list(range(1000))
