"""The passage cursor and the selection it grows, over the sentences of one text.

The cursor is a sentence (a :class:`~reader.ui.reading.passages.Place`), or None until it is
first used. ``v`` starts a :class:`Selection` at the cursor; while it grows, it runs from its
anchor to wherever the cursor goes; ``v`` again fixes its far end, after which the cursor moves
alone. A selection is always whole sentences, in text order whichever way it was made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reader.ui.reading.passages import Passages, Place

Span = tuple[int, int]
Step = Literal["next_sentence", "previous_sentence", "next_paragraph", "previous_paragraph"]


@dataclass(frozen=True)
class Selection:
    """From the sentence at ``anchor`` to ``end``, or to the cursor while ``end`` is None."""

    anchor: Place
    end: Place | None = None

    @property
    def growing(self) -> bool:
        return self.end is None

    def bounds(self, cursor: Place | None) -> tuple[Place, Place] | None:
        """The first and last sentence selected, in text order (None if nothing to end at)."""
        end = self.end if self.end is not None else cursor
        if end is None:
            return None
        first, last = sorted((self.anchor, end))
        return first, last


class PassageCursor:
    """The cursor and selection over one text (None: no article open)."""

    def __init__(self, text: str | None = None) -> None:
        self._text = text
        self._passages: Passages | None = None
        self.cursor: Place | None = None
        self.selection: Selection | None = None

    @property
    def passages(self) -> Passages | None:
        """The text's sentences and paragraphs, split when first asked for."""
        if self._passages is None and self._text is not None:
            self._passages = Passages(self._text)
        return self._passages

    @property
    def selecting(self) -> bool:
        """A selection is being extended by the cursor."""
        return self.selection is not None and self.selection.growing

    def span(self) -> Span | None:
        """The cursor's sentence as a character span, or None if there is no cursor."""
        if self.cursor is None or self._passages is None:
            return None
        return self._passages.span(self.cursor)

    def selected_span(self) -> Span | None:
        """The selection as a character span, or None if there is none."""
        passages, selection = self._passages, self.selection
        if passages is None or selection is None:
            return None
        bounds = selection.bounds(self.cursor)
        if bounds is None:
            return None
        return passages.span(bounds[0])[0], passages.span(bounds[1])[1]

    def covering(self, start: int, end: int) -> Span | None:
        """The whole sentences that ``[start, end)`` touches, as one span."""
        passages = self.passages
        if not passages:
            return None
        first = passages.place_at(start)
        last = passages.place_at(max(start, end - 1))
        if first is None or last is None:
            return None
        return passages.span(first)[0], passages.span(last)[1]

    def start_place(
        self, hit_start: int | None, top: int, shown: Callable[[int], bool]
    ) -> Place | None:
        """Where the cursor appears when first used: at the current hit, else the window's top.

        ``top`` is the offset of the first line shown; ``shown(offset)`` says whether the
        line of ``offset`` is in the window. A sentence that began above the window gives way
        to the next one if that one is in view.
        """
        passages = self.passages
        if not passages:
            return None
        if hit_start is not None:
            return passages.place_at(hit_start)
        place = passages.place_at(top)
        if place is not None and passages.span(place)[0] < top:
            following = passages.next_sentence(place)
            if following != place and shown(passages.span(following)[0]):
                place = following
        return place

    def move(self, step: Step) -> None:
        """Move the cursor a sentence or paragraph on or back (a growing selection follows)."""
        passages = self.passages
        if self.cursor is None or not passages:
            return
        self.cursor = getattr(passages, step)(self.cursor)

    def point(self, offset: int) -> None:
        """Put the cursor on the sentence at ``offset`` (a click); a growing selection follows."""
        passages = self.passages
        if passages:
            self.cursor = passages.place_at(offset)

    def jump(self, offset: int) -> None:
        """Put the cursor on the sentence at ``offset`` with no selection (a bookmark's place)."""
        passages = self.passages
        if passages:
            self.selection = None
            self.cursor = passages.place_at(offset)

    def follow(self, offset: int) -> bool:
        """Once the cursor is in use, take it to ``offset`` (a search hit); True if it moved."""
        passages = self._passages
        if self.cursor is None or not passages:
            return False
        self.cursor = passages.place_at(offset) or self.cursor
        return True

    def toggle_selection(self) -> None:
        """Start a selection at the cursor; if one is growing, fix its end where the cursor is."""
        if self.cursor is None:
            return
        if self.selection is not None and self.selection.growing:
            self.selection = Selection(self.selection.anchor, self.cursor)
        else:
            self.selection = Selection(self.cursor)

    def clear_selection(self) -> bool:
        """Drop the selection; False if there was none."""
        if self.selection is None:
            return False
        self.selection = None
        return True
