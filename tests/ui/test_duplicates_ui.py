"""Near-duplicates in the main screen: the list's marker, the Details tab, "hide duplicates"."""

from __future__ import annotations

import random
from pathlib import Path

from textual.binding import Binding
from textual.widgets import Static

from reader.ui.commands import screen_commands
from reader.ui.main_screen import MainScreen
from reader.ui.widgets.doclist import DocList

from .conftest import AppFactory, settle, type_query

SIZE = (140, 40)


def _story(rng: random.Random, words: list[str], length: int = 400) -> list[str]:
    return [rng.choice(words) for _ in range(length)]


def _write(folder: Path, name: str, title: str, date: str, body: list[str]) -> None:
    text = " ".join(body)
    (folder / f"{name}.md").write_text(
        f"---\ntitle: {title}\ndate: {date}\n---\n\n{text}.\n", encoding="utf-8"
    )


def duplicate_corpus(tmp_path: Path) -> Path:
    """An original story, a republished copy with 3 % of its words changed, and an unrelated
    story (random words from a large vocabulary, so only the copy resembles the original)."""
    rng = random.Random(7)
    letters = "abcdefghiklmnoprstuvw"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(4000)]
    corpus = tmp_path / "dups"
    corpus.mkdir()
    original = _story(rng, words)
    copy = list(original)
    for index in rng.sample(range(len(copy)), len(copy) * 3 // 100):
        copy[index] = rng.choice(words)
    _write(corpus, "original", "Minister resigns over budget", "2024-01-02", original)
    _write(corpus, "copy", "Minister resigns over budget row", "2024-01-05", copy)
    _write(corpus, "other", "Storms close the coast road", "2024-01-03", _story(rng, words))
    return corpus


def second_lines(doclist: DocList) -> dict[str, str]:
    return {row.id: doclist._line_text(row, 1).plain for row in doclist.rows}


async def test_duplicates_are_marked_in_the_list_and_the_details_tab(
    tmp_path: Path, make_app: AppFactory
) -> None:
    app = make_app(duplicate_corpus(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        lines = second_lines(doclist)
        assert lines["original"].startswith("≈ dup ×2 · 2024-01-02")
        assert lines["copy"].startswith("≈ dup ×2 · ")
        assert "≈" not in lines["other"]
        screen.open_document("copy")
        await pilot.pause()
        details = str(screen.query_one("#details-duplicates", Static).render())
        assert "Near-duplicate of 1 article" in details
        assert "Minister resigns over budget (original)" in details
        screen.open_document("other")
        await pilot.pause()
        section = screen.query_one("#details-duplicates", Static)
        assert not section.display


async def test_hide_duplicates_keeps_one_article_per_group(
    tmp_path: Path, make_app: AppFactory
) -> None:
    app = make_app(duplicate_corpus(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen: MainScreen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        assert {row.id for row in doclist.rows} == {"original", "copy", "other"}
        await pilot.press("D")
        await pilot.pause()
        # The oldest of the group stays, the copy goes; the unrelated story is untouched.
        assert {row.id for row in doclist.rows} == {"original", "other"}
        title = str(screen.query_one("#list-title", Static).render())
        assert "duplicates hidden" in title
        # Search results too: one article of the group, whichever the search found.
        await type_query(pilot, app, "minister")
        assert [row.id for row in doclist.rows] in (["original"], ["copy"])
        screen.action_toggle_duplicates()  # (D types a letter while the search box has focus)
        await pilot.pause()
        assert {row.id for row in doclist.rows} == {"original", "copy"}
        titles = [title for title, _help, _callback in screen_commands(screen)]
        assert "Hide duplicates" in titles
        screen.action_toggle_duplicates()
        assert "Show duplicates" in [t for t, _h, _c in screen_commands(screen)]


async def test_the_filter_has_a_binding_with_an_id(make_app: AppFactory) -> None:
    ids = {b.id for b in MainScreen.BINDINGS if isinstance(b, Binding)}
    assert "app.toggle_duplicates" in ids
