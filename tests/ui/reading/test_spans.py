"""SpanIndex: the spans reaching into a line, checked against a brute-force filter."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ui.reading import spans as spans_module
from reader.ui.reading.spans import SpanIndex

# Each check runs with spans before the window checked one by one (the default for a short
# run) and with every run through the tree of maximum ends.
SCANS = (spans_module._SCAN, 0)


def _brute(spans: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    return sorted(s for s in spans if s[0] < s[1] and s[0] < end and s[1] > start)


_span = st.tuples(st.integers(0, 400), st.integers(0, 400), st.sampled_from(["i", "b", "h"]))


@settings(max_examples=400, deadline=None)
@given(
    spans=st.lists(_span, max_size=60),
    windows=st.lists(st.tuples(st.integers(0, 420), st.integers(0, 60)), min_size=1, max_size=20),
)
def test_overlapping_equals_a_brute_force_filter(
    spans: list[tuple[int, int, str]], windows: list[tuple[int, int]]
) -> None:
    for scan in SCANS:
        index = SpanIndex(spans)
        with patch.object(spans_module, "_SCAN", scan):
            for start, length in windows:
                expected = _brute(spans, start, start + length)
                assert index.overlapping(start, start + length) == expected


@settings(max_examples=200, deadline=None)
@given(
    # Nested spans, as emphasis is: one long span and many short ones inside it.
    outer=st.tuples(st.integers(0, 50), st.integers(200, 2000)),
    inner=st.lists(st.tuples(st.integers(0, 2000), st.integers(1, 30)), max_size=120),
    width=st.integers(1, 80),
)
def test_every_line_of_a_long_span_finds_it_past_the_short_ones_inside(
    outer: tuple[int, int], inner: list[tuple[int, int]], width: int
) -> None:
    spans = [(outer[0], outer[1], "italic")] + [(a, a + n, "bold") for a, n in inner]
    index = SpanIndex(spans)
    for scan in SCANS:
        with patch.object(spans_module, "_SCAN", scan):
            for start in range(0, 2100, width):  # consecutive lines of ``width`` characters
                expected = _brute(spans, start, start + width)
                assert index.overlapping(start, start + width) == expected


def test_an_italic_paragraph_with_a_bold_word_covers_every_line() -> None:
    # The case the old lookup missed: walking back from a line stopped at the bold word,
    # which ended before the line, and never reached the italic span that started first.
    spans = [(0, 1000, "italic"), (10, 14, "bold")]
    index = SpanIndex(spans)
    assert index.overlapping(500, 560) == [(0, 1000, "italic")]
    assert index.overlapping(0, 60) == spans
    assert index.overlapping(1000, 1060) == []


def test_empty_spans_and_an_empty_index() -> None:
    assert SpanIndex([]).overlapping(0, 100) == []
    assert SpanIndex([(5, 5, "x")]).overlapping(0, 100) == []
    assert len(SpanIndex([(5, 5, "x"), (1, 2, "y")])) == 1
