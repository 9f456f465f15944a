"""Which entity narrows the document list (and the search results) to its articles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


@dataclass(frozen=True)
class EntityFilter:
    """The document list shows only the articles that mention this entity."""

    entity_id: str
    name: str
    documents: frozenset[str]

    def admits(self, doc_id: str) -> bool:
        return doc_id in self.documents


def narrowed(entity_filter: EntityFilter | None, items: Iterable[_T]) -> list[_T]:
    """``items`` (summaries, hits: anything with an ``id``) the filter lets through."""
    if entity_filter is None:
        return list(items)
    return [item for item in items if item.id in entity_filter.documents]
