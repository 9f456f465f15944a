"""The original file view (r) and the Details tab's line on what cleaning removed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from reader.core.corpus.document import Original, Removed
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.original import OriginalView, original_text, removed_summary

from .conftest import AppFactory, settle, workers_done

NAV = "Home | News | [bold]Sport[/bold]"


def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "clips"
    (root / "site").mkdir(parents=True)
    for n in range(6):
        (root / "site" / f"{n}.txt").write_text(
            f"{NAV}\n\nHarbour story {'abcdef'[n] * 3} opens\n\n"
            f"The harbour master said {n} new moorings would open before the summer, "
            "and that the ferry timetable would change in May as a result.\n\n"
            "\x1b[31m© 2005 Site. All rights reserved.\n",
            encoding="utf-8",
        )
    return root


async def test_r_swaps_in_the_original_with_removed_parts_labelled(
    tmp_path: Path, make_app: AppFactory
) -> None:
    app = make_app(corpus(tmp_path))
    async with app.run_test(size=(120, 32)) as pilot:
        screen = await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        article = screen.query_one(ArticleView)
        assert article.document is not None and NAV not in article.document.text
        details = str(screen.query_one("#details-removed", Static).render())
        assert "2 paragraphs removed (repeated in folder ×2)" in details
        await pilot.press("r")
        await workers_done(app)
        await pilot.pause()
        view = screen.query_one(OriginalView)
        assert app.focused is view and not article.display
        shown = " ".join(" ".join(view.plain_lines()).split())  # unwrapped
        assert NAV in shown  # markup-looking text is shown literally
        assert "repeated in 6 documents of this folder" in shown
        assert "folder © 2005 Site" in shown and "\x1b" not in shown
        rendered = "".join(s.text for y in range(6) for s in view.render_line(y))
        assert "[bold]Sport[/bold]" in rendered
        await pilot.press("r")  # back to the article
        await pilot.pause()
        assert not screen.query(OriginalView) and article.display and app.focused is article
        await pilot.press("r", "escape")  # escape closes it too
        await workers_done(app)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query(OriginalView) and article.display


async def test_original_is_in_the_palette_and_key_bar(tmp_path: Path, make_app: AppFactory) -> None:
    from reader.ui.commands import screen_commands

    app = make_app(corpus(tmp_path))
    async with app.run_test(size=(120, 32)) as pilot:
        screen = await settle(pilot, app)
        titles = [title for title, _, _ in screen_commands(screen)]
        assert "Original file" in titles
        assert any(b.id == "app.toggle_original" for b in screen.BINDINGS)  # type: ignore[union-attr]
        await pilot.press("r")  # no article open: a warning, nothing breaks
        await pilot.pause()
        assert not screen.query(OriginalView) and app.is_running


def test_original_text_marks_removed_spans_and_a_changed_file() -> None:
    original = Original("Nav\n\nBody text.\n", (Removed(0, 3, "repeated in 9 documents"),), True)
    text = original_text(original)
    assert "The file changed since it was indexed" in text.plain
    assert " repeated in 9 documents  Nav" in text.plain and text.plain.endswith("Body text.\n")
    summary = removed_summary((*original.removed, Removed(9, 12, "title"))).plain
    assert summary == "1 paragraph removed (repeated in folder) · r shows them"
    assert removed_summary((Removed(0, 3, "title"),)).plain == "Nothing removed but the header"
