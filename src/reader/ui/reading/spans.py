"""Finding the character spans that reach into a display line.

Style spans nest (an italic paragraph with a bold word) and mark spans overlap (two
bookmarks, a hit inside an entity mention), so the spans that cover a line are not just
the ones that start near it: an italic span that began forty lines up still covers this
one, even though a bold word started (and ended) in between. Walking back from the line
while the previous span still reaches it stops at that bold word and loses the italic.

:class:`SpanIndex` answers "which spans overlap ``[start, end)``" exactly. Spans are
sorted by start; those starting inside the window are a slice found by bisection. Of
those starting before it, only the ones after the first whose end passes the window's
start can reach in (a bisection over the running maximum of ends); a short run of them is
checked one by one, a long one (a paragraph-long span with thousands of short ones inside)
through a tree of maximum ends that skips whole runs ending too early.
Pure Python, no Textual: it is tested against a brute-force filter.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import Any, Generic, TypeVar

_S = TypeVar("_S", bound=tuple[Any, ...])
_SCAN = 32  # spans checked one by one before the tree is worth its overhead


class SpanIndex(Generic[_S]):
    """Tuples whose first two items are a ``(start, end)`` character span, end excluded.

    Empty spans (``end <= start``) cover no character and are left out.
    """

    __slots__ = ("_ends", "_levels", "_reach", "_starts", "source", "spans")

    def __init__(self, spans: Iterable[_S], *, source: object = None) -> None:
        self.spans: list[_S] = sorted(span for span in spans if span[1] > span[0])
        # What the index was built from, so a caller can tell whether it is still current.
        self.source = source
        self._starts: list[int] = [span[0] for span in self.spans]
        self._ends: list[int] = [span[1] for span in self.spans]
        self._reach = list(accumulate(self._ends, max))  # the furthest end so far
        self._levels: list[list[int]] | None = None  # the tree, built when first needed

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[_S]:
        """The spans that share a character with ``[start, end)``, in sorted order.

        A span ``(a, b)`` overlaps when ``a < end and b > start``.
        """
        spans = self.spans
        limit = bisect_left(self._starts, end)  # spans starting before ``end``
        inside = bisect_left(self._starts, start, 0, limit)  # ... and not before ``start``
        first = bisect_right(self._reach, start, 0, inside)  # none before this one reaches
        if first == inside:
            return spans[inside:limit]
        ends = self._ends
        if inside - first <= _SCAN:
            reaching = [i for i in range(first, inside) if ends[i] > start]
        else:
            reaching = self._reaching(first, inside, start)
        return [spans[i] for i in reaching] + spans[inside:limit]

    def _reaching(self, low: int, high: int, start: int) -> list[int]:
        """Indexes in ``[low, high)`` of spans ending after ``start``, in order."""
        levels = self._levels
        if levels is None:
            levels = self._levels = _max_tree(self._ends)
        found: list[int] = []
        # Depth first from the root, the left child pushed last so answers come in order.
        stack = [(len(levels) - 1, 0)]
        while stack:
            level, node = stack.pop()
            width = 1 << level
            first = node * width
            if first >= high or first + width <= low or levels[level][node] <= start:
                continue  # outside the range, or every span below ends too early
            if not level:
                found.append(node)
                continue
            stack.append((level - 1, 2 * node + 1))
            stack.append((level - 1, 2 * node))
        return found


def _max_tree(values: list[int]) -> list[list[int]]:
    """Levels of a binary tree of maxima: ``values`` (padded to a power of two) first,
    then each level the pairwise maxima of the one below, up to a single root."""
    size = 1
    while size < len(values):
        size *= 2
    level = values + [0] * (size - len(values))  # padding sits past every query range
    levels = [level]
    while len(level) > 1:
        level = list(map(max, level[0::2], level[1::2]))
        levels.append(level)
    return levels
