"""What the split view's worker sends back, and what the split view hands the main screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.core.compare import ComparisonResult
    from reader.ui.widgets.entity_diff import EntityGroups

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class OpenAlone:
    """Open ``doc_id`` alone in the main screen, its first visible line at ``offset``."""

    doc_id: str
    offset: int


@dataclass
class ComparisonReady(Message):
    """Shared passages (and search hits of the partner) for one comparison generation."""

    generation: int
    result: ComparisonResult | None
    hits: dict[str, Spans]
    error: str | None = None


@dataclass
class EntitiesReady(Message):
    """The entity comparison of one generation; ``a`` is the id of the article taken as A."""

    generation: int
    a: str
    groups: EntityGroups | None
    error: str | None = None
