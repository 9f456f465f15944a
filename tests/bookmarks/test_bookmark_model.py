"""The Bookmark record: selectors, context, hash, tags, times."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from reader.core.bookmarks import Bookmark, InvalidSelection, text_hash
from reader.core.bookmarks.model import CONTEXT_CHARS, iso_utc, normalise_tags, tag_key

from .conftest import TEXT, Clock


def test_on_text_takes_quote_context_offsets_and_hash() -> None:
    start = TEXT.index("TimeWarner")
    end = start + len("TimeWarner jumped 76%")
    b = Bookmark.on_text("business/001.txt", TEXT, start, end, note="n", clock=Clock())
    assert b.quote == "TimeWarner jumped 76%"
    assert b.prefix == TEXT[start - CONTEXT_CHARS : start]
    assert b.suffix == TEXT[end : end + CONTEXT_CHARS]
    assert (b.start, b.end) == (start, end)
    assert b.text_hash == text_hash(TEXT) != text_hash(TEXT + " ")
    assert b.created == b.updated == "2024-05-01T12:01:00Z"


def test_context_is_clipped_at_the_ends_of_the_text() -> None:
    b = Bookmark.on_text("d", "abc", 0, 3)
    assert (b.prefix, b.suffix) == ("", "")


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (3, 2), (0, len(TEXT) + 1)])
def test_empty_or_out_of_range_selection_is_refused(start: int, end: int) -> None:
    with pytest.raises(InvalidSelection):
        Bookmark.on_text("d", TEXT, start, end)


def test_ids_are_unique_uuids() -> None:
    ids = {Bookmark.on_text("d", TEXT, 0, 5).id for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 36 and i.count("-") == 4 for i in ids)


def test_tags_are_trimmed_deduplicated_and_keep_order() -> None:
    assert normalise_tags([" b ", "a", "b", "", "  ", "two  words"]) == ("b", "a", "two words")


def test_tags_ignore_case_and_keep_the_first_or_known_spelling() -> None:
    assert normalise_tags(["Ukraine", "ukraine", "UKRAINE", "war"]) == ("Ukraine", "war")
    assert normalise_tags(["ukraine", "Peace  TALKS"], known=["Ukraine", "peace talks"]) == (
        "Ukraine",
        "peace talks",
    )
    assert tag_key(" Peace \n Talks ") == "peace talks"


def test_edited_changes_only_what_is_given_and_the_updated_time() -> None:
    clock = Clock()
    b = Bookmark.on_text("d", TEXT, 0, 9, note="old", tags=["x"], clock=clock)
    c = b.edited(tags=["y"], clock=clock)
    assert (c.note, c.tags, c.created) == ("old", ("y",), b.created)
    assert c.updated > b.updated
    assert b.edited(note="new", clock=clock).tags == ("x",)


def test_iso_utc_converts_other_zones_and_naive_times() -> None:
    paris = timezone(timedelta(hours=2))
    assert iso_utc(datetime(2024, 5, 1, 14, 0, 30, 999, tzinfo=paris)) == "2024-05-01T12:00:30Z"
    assert iso_utc(datetime(2024, 5, 1, 12, 0)) == "2024-05-01T12:00:00Z"
