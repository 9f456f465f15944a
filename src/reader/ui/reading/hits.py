"""The search hits of one article and which of them is current (``n`` / ``N``)."""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]


class HitNavigator:
    """Hits as sorted character spans; ``index`` is the current one, -1 before the first step.

    Stepping wraps around: after the last hit comes the first, before the first the last.
    """

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.index = -1

    def reset(self, spans: Iterable[Span]) -> None:
        """New hits (a new search or article); none of them current."""
        self.spans = sorted(spans)
        self.index = -1

    def __len__(self) -> int:
        return len(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    @property
    def current(self) -> Span | None:
        """The current hit's span, or None before the first step."""
        return self.spans[self.index] if 0 <= self.index < len(self.spans) else None

    def go(self, index: int) -> Span | None:
        """Make hit ``index`` (taken modulo the count) current; None when there are no hits."""
        if not self.spans:
            return None
        self.index = index % len(self.spans)
        return self.spans[self.index]

    def next(self) -> Span | None:
        return self.go(self.index + 1)

    def previous(self) -> Span | None:
        """The hit before the current one; the last one when none is current yet."""
        return self.go(self.index - 1 if self.index >= 0 else -1)
