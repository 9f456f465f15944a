"""Synchronised scrolling of two articles: map a position in one to the matching one in the other.

Shared passages are anchors: the start and the end of a passage in the first text correspond to
its start and end in the second. Between anchors (and before the first, after the last) offsets
are interpolated linearly, so with no shared passages at all the mapping is simply proportional.
Anchors must increase on both sides for the mapping to be monotonic; passages that cross (the
second text reorders them) are dropped, keeping the longest run that is in order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class OffsetMap:
    """A monotonic, piecewise linear map from offsets of text A to offsets of text B."""

    a: tuple[int, ...]
    b: tuple[int, ...]

    @classmethod
    def build(
        cls, spans: Sequence[tuple[int, int, int, int]], a_length: int, b_length: int
    ) -> OffsetMap:
        """From ``(a_start, a_end, b_start, b_end)`` passage spans and the two text lengths."""
        ordered = _longest_in_order(sorted(spans))
        points = [(0, 0)]
        for a_start, a_end, b_start, b_end in ordered:
            points.extend(((a_start, b_start), (a_end, b_end)))
        points.append((max(a_length, 0), max(b_length, 0)))
        a_points: list[int] = []
        b_points: list[int] = []
        for a_at, b_at in points:
            # Strictly increasing on both sides, so the map and its inverse are functions.
            if a_points and (a_at <= a_points[-1] or b_at <= b_points[-1]):
                continue
            a_points.append(a_at)
            b_points.append(b_at)
        return cls(tuple(a_points), tuple(b_points))

    def __call__(self, offset: int) -> int:
        """The offset in B matching ``offset`` in A."""
        if len(self.a) < 2:
            return self.b[0] if self.b else 0
        index = min(max(bisect_right(self.a, offset) - 1, 0), len(self.a) - 2)
        a0, a1 = self.a[index], self.a[index + 1]
        b0, b1 = self.b[index], self.b[index + 1]
        offset = min(max(offset, a0), a1)
        return b0 + round((offset - a0) * (b1 - b0) / (a1 - a0))

    def inverse(self) -> OffsetMap:
        """The map from B back to A (the same anchors, read the other way)."""
        return OffsetMap(self.b, self.a)


def _longest_in_order(
    spans: Sequence[tuple[int, int, int, int]],
) -> list[tuple[int, int, int, int]]:
    """The longest chain of spans whose starts increase in both texts (O(n log n)).

    Patience sorting on the B start, over spans ordered by A start (ties by B start
    descending, so two spans with one A start never chain). Spans of the chain may still
    overlap; :meth:`OffsetMap.build` drops any point that does not move forward.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][2]))
    tails: list[int] = []  # smallest B start ending a chain of each length
    ends: list[int] = []  # the span index ending that chain
    previous = [-1] * len(spans)
    for index in order:
        b_start = spans[index][2]
        length = bisect_left(tails, b_start)
        if length == len(tails):
            tails.append(b_start)
            ends.append(index)
        else:
            tails[length] = b_start
            ends[length] = index
        previous[index] = ends[length - 1] if length else -1
    chain = []
    index = ends[-1] if ends else -1
    while index >= 0:
        chain.append(spans[index])
        index = previous[index]
    return chain[::-1]
