"""The reading view marks what a phrase query matched: the whole phrase, once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import article
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.details import DetailsPane
from reader.ui.widgets.doclist import DocList

from .conftest import AppFactory, settle, type_query

VOTE = article(
    "Vote count",
    "The general election is near, and local elections came first. The general said "
    "little.\n\nThe general election date was set.",
)


async def test_phrase_query_counts_and_steps_through_whole_phrases(
    make_corpus: Callable[..., Path], make_app: AppFactory
) -> None:
    corpus = make_corpus({"vote.txt": VOTE, "other.txt": article("Other", "Local news.")})
    app = make_app(corpus)
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot, app)
        screen = await type_query(pilot, app, '"general election"')
        doclist = screen.query_one(DocList)
        assert [r.id for r in doclist.rows] == ["vote"]
        assert doclist.rows[0].hits == 2  # not every "general" and "election"
        await pilot.press("enter")
        await pilot.pause()
        article_view = screen.query_one(ArticleView)
        assert article_view.document is not None
        text = article_view.document.text
        assert [text[a:b] for a, b in article_view.hits] == ["general election"] * 2
        assert article_view.border_subtitle == "hit 1 / 2"
        await pilot.press("n")
        assert article_view.border_subtitle == "hit 2 / 2"
        start, end = article_view.hits[article_view.hit_index]
        assert text[start:end] == "general election"
        assert text.index("general election date") == start
        details = screen.query_one(DetailsPane)
        assert "Search hits: 2" in str(details.query_one("#details-hits-label").render())
