"""SVG snapshots of whole screens (pytest-textual-snapshot).

Regenerate after an intended visual change with ``pytest tests/ui --snapshot-update``
and review the SVGs in the diff.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from reader.ui.widgets.searchbox import SearchBox

from .conftest import AppFactory, settle, type_query, workers_done

SIZE = (130, 34)


async def _quiet(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await settle(pilot, app)  # type: ignore[arg-type]
    app.screen.query_one(SearchBox).cursor_blink = False
    await pilot.pause()


def test_main_screen(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=_quiet)


def test_search_results(snap_compare: Any, make_app: AppFactory) -> None:
    async def search(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        await type_query(pilot, pilot.app, "Zaluzhny OR Avdiivka")  # type: ignore[arg-type]

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=search)


def test_article_with_hits(snap_compare: Any, make_app: AppFactory) -> None:
    async def open_hit(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        await type_query(pilot, pilot.app, "Milley")  # type: ignore[arg-type]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_hit)


def test_help_panel(snap_compare: Any, make_app: AppFactory) -> None:
    async def help_open(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        await pilot.press("enter", "question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=help_open)


@pytest.mark.parametrize("theme", ["reader-dark", "reader-light", "reader-high-contrast"])
def test_bundled_themes(snap_compare: Any, make_app: AppFactory, theme: str) -> None:
    async def open_article(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        await type_query(pilot, pilot.app, "Zelensky")  # type: ignore[arg-type]
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(theme=theme), terminal_size=SIZE, run_before=open_article)


def test_narrow_terminal(snap_compare: Any, make_app: AppFactory) -> None:
    async def open_article(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_article)


def test_entities_tab(snap_compare: Any, make_app: AppFactory) -> None:
    """The Entities tab of 001 with Zaluzhnyi selected and his second mention jumped to."""

    async def entities(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        app = pilot.app
        await pilot.press("enter")
        await workers_done(app)
        await pilot.pause()
        app.screen.action_show_entities()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("down")  # Zaluzhnyi, after Zelensky
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=entities)


def _fixed_entities(_library: Any, a: Any, b: Any) -> tuple[list[Any], list[Any]]:
    """A few entities found by plain search, so the split view's snapshot does not change
    whenever the extractor is tuned."""
    import re

    from reader.core.entities.model import Entity, Mention

    def entity(doc: Any, key: str, name: str, kind: Any, pattern: str) -> Entity:
        found = re.finditer(pattern, doc.text)
        return Entity(key, name, kind, [Mention(m.start(), m.end(), m.group()) for m in found])

    def both(doc: Any) -> list[Entity]:
        return [
            entity(doc, "person:valery-zaluzhnyi", "Valery Zaluzhnyi", "person", r"Zaluzhnyi?"),
            entity(doc, "person:volodymyr-zelensky", "Volodymyr Zelensky", "person", "Zelensky"),
            entity(doc, "figure:400000", "400,000", "figure", "400,000"),
        ]

    only_a = [entity(a, "org:financial-times", "Financial Times", "org", "Financial Times")]
    only_b = [entity(b, "place:avdiivka", "Avdiivka", "place", "Avdiivka")]
    return both(a) + only_a, both(b) + only_b


def test_compare_split_view(
    snap_compare: Any, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """000 beside 001 with their shared passages marked, at the first pair: a rewording, the
    strip saying why it is a pair (kind, shared names, words) and the panes marking the words
    that differ."""
    from reader.core.index import article_entities

    monkeypatch.setattr(article_entities, "pair_entities", _fixed_entities)

    async def compare(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        app = pilot.app
        app.screen.open_document("000_3019f73ddaac25aa")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await workers_done(app)  # most similar first: 001
        await pilot.press("enter")
        await pilot.pause()
        await workers_done(app)  # the comparison and the entities
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=compare)


def test_bookmarks_tab(snap_compare: Any, make_app: AppFactory, seeds: Any) -> None:
    from reader.core.bookmarks import BookmarkStore

    from .test_bookmarks_ui import ZELENSKY, make_bookmark

    make_bookmark(
        seeds,
        ZELENSKY,
        "Within hours, the Defense Ministry felt obligated to abandon the Zaluzhnyi's firing",
        note="The climb-down came within hours",
        tags=("zaluzhnyi", "ministry"),
    )
    make_bookmark(seeds, "001_21c52abc1f1fddb1", "Avdiivka needs fresh reserves", tags=("front",))
    gone = "An article that was deleted since. It said something worth keeping."
    BookmarkStore(seeds).add("deleted-article", gone, 0, 34, note="kept as an orphan")

    async def open_bookmark(pilot: Pilot[Any]) -> None:
        await _quiet(pilot)
        await pilot.press("B", "down", "enter")  # the second: the Zelensky article's bookmark
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_bookmark)
