"""Finding the character spans that reach into a display line.

Style spans nest (an italic paragraph with a bold word) and mark spans overlap (two
bookmarks, a hit inside an entity mention), so the spans that cover a line are not just
the ones that start near it: an italic span that began forty lines up still covers this
one, even though a bold word started (and ended) in between. Walking back from the line
while the previous span still reaches it stops at that bold word and loses the italic.

:class:`SpanIndex` answers "which spans overlap ``[start, end)``" exactly, in
``O(log n + k log n)`` for ``k`` answers: spans sorted by start, and a max-tree of their
ends over that order, so whole runs of spans that end before the line are skipped at once.
Pure Python, no Textual: it is tested against a brute-force filter.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

_S = TypeVar("_S", bound=tuple[Any, ...])


class SpanIndex(Generic[_S]):
    """Tuples whose first two items are a ``(start, end)`` character span, end excluded.

    Empty spans (``end <= start``) cover no character and are left out.
    """

    __slots__ = ("_max_end", "_size", "_starts", "source", "spans")

    def __init__(self, spans: Iterable[_S], *, source: object = None) -> None:
        self.spans: list[_S] = sorted(span for span in spans if span[1] > span[0])
        # What the index was built from, so a caller can tell whether it is still current.
        self.source = source
        self._starts: list[int] = [span[0] for span in self.spans]
        size = 1
        while size < len(self.spans):
            size *= 2
        self._size = size
        # A complete binary tree in an array (root at 1, leaves from ``size``): each node
        # holds the largest end among the spans below it. Padding leaves hold 0; they sit
        # past the last span, where no query looks.
        tree = [0] * (2 * size)
        tree[size : size + len(self.spans)] = [span[1] for span in self.spans]
        for node in range(size - 1, 0, -1):
            left, right = tree[2 * node], tree[2 * node + 1]
            tree[node] = left if left > right else right
        self._max_end = tree

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[_S]:
        """The spans that share a character with ``[start, end)``, in sorted order.

        A span ``(a, b)`` overlaps when ``a < end and b > start``.
        """
        limit = bisect_left(self._starts, end)  # only spans starting before ``end``
        if not limit:
            return []
        tree, spans, size = self._max_end, self.spans, self._size
        found: list[_S] = []
        # Depth first, left child last pushed so answers come out in sorted order.
        stack = [(1, 0, size)]
        while stack:
            node, low, high = stack.pop()
            if low >= limit or tree[node] <= start:
                continue  # all of these start too late or end too early
            if node >= size:
                found.append(spans[low])
                continue
            middle = (low + high) // 2
            stack.append((2 * node + 1, middle, high))
            stack.append((2 * node, low, middle))
        return found
