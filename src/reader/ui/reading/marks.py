"""The mark layers painted over an article's text, in paint order.

Each layer is a sorted list of ``(start, end)`` character spans. The view styles a layer by
the component class ``article--<layer>``, so themes colour them through their variables.
Layers are painted in the order of :data:`MARK_LAYERS`: later layers win where they overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from reader.ui.reading.spans import SpanIndex

Span = tuple[int, int]

MARK_LAYERS: tuple[str, ...] = (
    "shared",  # passages shared with the other article (split view)
    "shared-exact",  # those of them repeated exactly (over "shared")
    "shared-current",  # the shared passage pair jumped to
    "bookmark",  # bookmarked passages
    "entity-person",
    "entity-org",
    "entity-place",
    "entity-figure",
    "entity-current",  # the selected entity's mention jumped to
    "selection",  # the passage selection being made (v)
    "cursor",  # the passage cursor
    "hit",
    "current",  # the current search hit
)


class MarkLayers:
    """The spans of each non-empty layer, indexed for finding those that reach a line."""

    def __init__(self) -> None:
        self._spans: dict[str, list[Span]] = {}
        # Each layer's spans indexed, rebuilt when the layer's list is replaced (see ``index``).
        self._indexes: dict[str, SpanIndex[Span]] = {}

    @property
    def spans(self) -> Mapping[str, list[Span]]:
        """Layer name -> its sorted spans; empty layers are absent."""
        return self._spans

    def set(self, layer: str, spans: Iterable[Span]) -> None:
        """Replace one layer (see ``MARK_LAYERS``); no spans clear it."""
        if layer not in MARK_LAYERS:
            raise ValueError(f"unknown mark layer: {layer}")
        ordered = sorted(spans)
        if ordered:
            self._spans[layer] = ordered
        else:
            self._spans.pop(layer, None)

    def clear(self) -> None:
        """Every layer emptied (another article)."""
        self._spans = {}

    def index(self, layer: str) -> SpanIndex[Span] | None:
        """The layer's spans, indexed; None when the layer is empty.

        ``set`` replaces a layer's list (never changes it in place), so an index built from
        the very list held now is current.
        """
        spans = self._spans.get(layer)
        if not spans:
            return None
        index = self._indexes.get(layer)
        if index is None or index.source is not spans:
            index = self._indexes[layer] = SpanIndex(spans, source=spans)
        return index

    def touches(self, layer: str, start: int, end: int) -> bool:
        """Whether a span of ``layer`` shares a character with ``[start, end)``."""
        index = self.index(layer)
        return index is not None and bool(index.overlapping(start, end))

    def painted(self, start: int, end: int) -> Iterator[tuple[str, list[Span]]]:
        """The non-empty layers in paint order, each with its spans overlapping ``[start, end)``."""
        for layer in MARK_LAYERS:
            index = self.index(layer)
            if index is not None:
                yield layer, index.overlapping(start, end)
