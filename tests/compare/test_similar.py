"""similar(): more-like-this over the index; the article itself never comes back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import article
from reader.core.index.library import Library
from reader.core.index.similar import similar


@pytest.fixture
def library(seeds: Path, tmp_path: Path) -> Iterator[Library]:
    lib = Library(seeds, cache=tmp_path / "cache")
    lib.update()
    yield lib
    lib.close()


def ids(library: Library) -> list[str]:
    return [s.id for s in library.summaries()]


def test_most_similar_to_000_is_001(library: Library) -> None:
    first, second, third = ids(library)
    found = similar(library, first)
    assert [f.id for f in found] == [second, third]
    assert 0 < found[1].score < found[0].score <= 1
    assert found[0].summary.title.startswith("Zelensky confirms")


def test_never_returns_the_article_itself(library: Library) -> None:
    for doc_id in ids(library):
        assert doc_id not in {f.id for f in similar(library, doc_id)}


def test_limit(library: Library) -> None:
    first = ids(library)[0]
    assert len(similar(library, first, limit=1)) == 1
    assert similar(library, first, limit=0) == []


def test_unknown_id_has_no_similar_articles(library: Library) -> None:
    assert similar(library, "no-such-doc") == []


def test_json_row(library: Library) -> None:
    row = similar(library, ids(library)[0], limit=1)[0].to_json()
    assert set(row) == {"id", "title", "source", "date", "score"}
    assert row["source"] == "World Socialist Web Site" and row["date"] == "2024-02-07"


def test_unrelated_articles_rank_below_related_ones(
    make_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_corpus(
        {
            "budget.txt": article(
                "Chancellor's budget",
                "The chancellor raised fuel duty and income tax thresholds in the budget. "
                "Treasury forecasts for inflation and borrowing were revised.",
            ),
            "budget2.txt": article(
                "Budget reaction",
                "Economists said the budget's fuel duty rise and income tax thresholds "
                "would squeeze households as inflation and borrowing stay high.",
            ),
            "football.txt": article(
                "Cup final",
                "The striker scored twice as the home side won the cup final at the stadium.",
            ),
        }
    )
    lib = Library(root, cache=tmp_path / "c2")
    lib.update()
    try:
        found = similar(lib, "budget")
        assert found and found[0].id == "budget2"
        assert "football" not in {f.id for f in found}  # shares no key term
    finally:
        lib.close()


def test_shared_figures_and_names_count(make_corpus: Callable[..., Path], tmp_path: Path) -> None:
    """Two tellings of one claim (same people, same figure, other words) rank above an article
    that only shares the subject's common words."""
    root = make_corpus(
        {
            "a.txt": article(
                "Steel plant to close",
                "Harriet Okonjo of Voss Metals said the Redcar steel plant will shed 1,742 "
                "jobs. Workers at the steel plant said the steel market was weak.",
            ),
            "b.txt": article(
                "Redcar losses",
                "Some 1,742 posts are to go at Redcar, Voss Metals chief Harriet Okonjo "
                "confirmed on Tuesday.",
            ),
            "c.txt": article(
                "Steel prices",
                "Steel prices fell again as the steel market weakened and plant orders "
                "slowed; workers fear for steel jobs.",
            ),
        }
    )
    lib = Library(root, cache=tmp_path / "c3")
    lib.update()
    try:
        assert similar(lib, "a")[0].id == "b"
        plain = similar(lib, "a", entities=False, figures=False)
        assert plain[0].id == "c"  # words alone prefer the other steel story
    finally:
        lib.close()
