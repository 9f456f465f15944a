"""Pending scrolls: a position asked for before the layout, or queued before a refresh,
survives a new layout (a resize) and is aimed at once."""

from __future__ import annotations

from reader.ui.reading.scrolling import PendingScroll, ScrollTarget


def test_a_target_waits_for_the_layout_and_is_taken_once() -> None:
    scroll = PendingScroll()
    scroll.wait_for_layout(ScrollTarget(120, at_top=True))
    assert scroll.take() == ScrollTarget(120, True)
    assert scroll.take() is None


def test_a_relayout_keeps_aiming_at_a_queued_scroll_else_at_the_top_line() -> None:
    scroll = PendingScroll()
    scroll.queue(ScrollTarget(300, at_top=False))  # a hit a third down, not scrolled yet
    scroll.relayout(top=40)
    assert scroll.take() == ScrollTarget(300, False)
    scroll.queue(ScrollTarget(300, at_top=False))
    scroll.ran()
    scroll.relayout(top=40)  # scrolled there already: keep the line now on top
    assert scroll.take() == ScrollTarget(40, True)


def test_a_relayout_leaves_a_waiting_target_alone() -> None:
    scroll = PendingScroll()
    scroll.wait_for_layout(ScrollTarget(7, at_top=True))
    scroll.queue(ScrollTarget(300, at_top=False))
    scroll.relayout(top=40)
    assert scroll.take() == ScrollTarget(7, True)
