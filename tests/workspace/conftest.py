"""A workspace over a small corpus built for each test (indexed once per test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import article
from reader.workspace import Workspace

ARTICLES = {
    "alpha.txt": article(
        "Alpha story",
        "The quick brown fox jumps over the lazy dog. The lazy dog sleeps. "
        "Ministers met in Kyiv on Monday.",
    ),
    "beta.txt": article(
        "Beta story",
        "The vote was rushed through parliament. Schools and roads were promised. "
        "Ministers met in Kyiv on Monday.",
    ),
    "gamma.txt": article("Gamma story", "Nothing here about foxes at all, only weather."),
}


@pytest.fixture
def corpus(make_corpus: Callable[..., Path]) -> Path:
    return make_corpus(ARTICLES, name="corpus")


@pytest.fixture
def workspace(corpus: Path) -> Iterator[Workspace]:
    with Workspace(corpus) as opened:
        opened.update()
        yield opened
