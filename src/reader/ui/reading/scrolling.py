"""Where the article view must scroll once it can.

A position can be asked for before the text is laid out (opening an article at a saved
place, a hit shown while a 20 MB article is still being laid out): it waits for the layout.
A scroll to a laid-out line runs after the next refresh (a new virtual size only takes effect
then); meanwhile it is queued, so a resize before it runs still aims at the same text.
"""

from __future__ import annotations

from typing import NamedTuple


class ScrollTarget(NamedTuple):
    """Character ``offset`` to bring into view: on the top line (``at_top``: a restored
    position, exactly) or a third of the way down (a hit, a mention: with context above)."""

    offset: int
    at_top: bool


class PendingScroll:
    """A target waiting for a layout, and one queued for after the next refresh."""

    def __init__(self) -> None:
        self.waiting: ScrollTarget | None = None
        self.queued: ScrollTarget | None = None

    def wait_for_layout(self, target: ScrollTarget | None) -> None:
        self.waiting = target

    def take(self) -> ScrollTarget | None:
        """The target waiting for the layout just made, no longer waiting."""
        target, self.waiting = self.waiting, None
        return target

    def queue(self, target: ScrollTarget | None) -> None:
        self.queued = target

    def ran(self) -> None:
        """The queued scroll happened."""
        self.queued = None

    def relayout(self, top: int) -> None:
        """The text is laid out again (new width): keep aiming at a scroll on its way, else
        at ``top``, the offset of the first line shown, unless a target is already waiting."""
        if self.waiting is None:
            self.waiting = self.queued if self.queued is not None else ScrollTarget(top, True)
