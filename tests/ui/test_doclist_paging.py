"""The app's document list reads its rows from the catalog a page at a time: moving through
the whole list draws every article in order while only a bounded number of summaries is
ever held, and sorting, reversing, opening and the cursor work as on a list in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.index.library import Library
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.doclist import DocList, ListingRows
from reader.workspace import listing

from .conftest import AppFactory, settle

COUNT = 45


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    for number in range(COUNT):
        day = 1 + number % 28
        title = ["Harbour", "élection", "Zinc", "apple"][number % 4]
        (root / f"{number:03}.md").write_text(
            f'---\ntitle: "{title} report {number}"\ndate: 2020-{1 + number // 28:02}-{day:02}\n'
            f"---\n\nStory {number}: the harbour reopened after the storm.\n",
            encoding="utf-8",
        )
    library = Library(root)
    library.update()
    library.close()
    return root


async def test_the_whole_list_is_drawn_from_pages_holding_a_bounded_few(
    archive: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "PAGE", 6)
    monkeypatch.setattr(listing, "CACHED", 10)
    app = make_app(archive)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await settle(pilot, app)
        doclist = screen.query_one(DocList)
        assert isinstance(doclist.rows, ListingRows) and len(doclist.rows) == COUNT
        documents = doclist.rows.listing
        expected = sorted(app.library.summaries(), key=lambda s: (s.date or "", s.id))[::-1]
        doclist.focus()
        seen = []
        for _ in range(COUNT):  # down through every row, as a reader would
            assert doclist.current is not None
            seen.append(doclist.current.id)
            await pilot.press("down")
            assert len(documents._cache) <= 10
        assert seen == [s.id for s in expected]
        assert doclist.cursor == COUNT - 1
        await pilot.press("g")
        assert doclist.current is not None and doclist.current.id == expected[0].id
        await pilot.press("G", "enter")
        article = screen.query_one(ArticleView)
        await pilot.pause()
        assert article.document is not None and article.document.id == expected[-1].id

        doclist.focus()
        await pilot.press("s")  # by title, A to Z, the open article kept under the cursor
        by_title = sorted(app.library.summaries(), key=lambda s: (s.title.casefold(), s.id))
        assert doclist.sort_key == "title" and not doclist.sort_reverse
        assert [r.id for r in doclist.rows] == [s.id for s in by_title]
        assert doclist.current is not None and doclist.current.id == expected[-1].id
        await pilot.press("S")
        assert [r.id for r in doclist.rows] == [s.id for s in by_title][::-1]
        assert doclist.current is not None and doclist.current.id == expected[-1].id
        assert len(documents._cache) <= 10
