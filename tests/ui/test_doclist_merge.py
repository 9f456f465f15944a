"""The document list's merge of a new batch: the order of a full sort, in a few ms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reader.core.index.catalog import DocSummary
from reader.ui.widgets.doclist import Row, merge_rows

_dates = st.one_of(st.none(), st.sampled_from(["2020-01-01", "2020-01-02", "2021-06-30"]))
_titles = st.sampled_from(["Alpha", "alpha", "Beta", "Zeta", "ébène", ""])
_sources = st.one_of(st.none(), st.sampled_from(["BBC", "bbc", "Reuters"]))


def _row(number: int, date: str | None, title: str, source: str | None) -> Row:
    summary = DocSummary(f"d{number:04}", title, (), date, source, None, "", 0, ())
    return Row(summary)


_rows = st.lists(st.tuples(_dates, _titles, _sources), max_size=30)

KEYS: dict[str, Callable[[Row], Any]] = {
    "date": lambda r: (r.summary.date or "", r.summary.id),
    "title": lambda r: r.summary.title.casefold(),
    "source": lambda r: ((r.summary.source or "").casefold(), r.summary.date or ""),
}


@given(_rows, _rows, st.sampled_from(sorted(KEYS)), st.booleans(), st.integers(0, 40))
def test_merge_is_a_sorted_union_keeping_the_cursor_row(
    old_specs: list[tuple[str | None, str, str | None]],
    new_specs: list[tuple[str | None, str, str | None]],
    sort: str,
    reverse: bool,
    cursor: int,
) -> None:
    key = KEYS[sort]
    old = sorted((_row(i, *spec) for i, spec in enumerate(old_specs)), key=key, reverse=reverse)
    start = len(old_specs)
    new = [_row(start + i, *spec) for i, spec in enumerate(new_specs)]
    merged, shift = merge_rows(old, new, key, reverse, cursor)
    assert sorted(r.id for r in merged) == sorted(r.id for r in old + new)
    keys = [key(r) for r in merged]
    assert keys == sorted(keys, reverse=reverse)
    if cursor < len(old):
        assert merged[cursor + shift] is old[cursor]
