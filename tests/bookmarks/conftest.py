"""Fixtures for the bookmarks tests: a scratch bookmarks file and a settable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.core.bookmarks import BookmarkStore

TEXT = (
    "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three "
    "months to December. The firm, which is now one of the biggest investors in Google, "
    "benefited from sales of high-speed internet connections and higher advert sales."
)


class Clock:
    """A clock that moves one minute each time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bookmarks.yaml"


@pytest.fixture
def store(path: Path) -> BookmarkStore:
    return BookmarkStore(path=path, clock=Clock())
