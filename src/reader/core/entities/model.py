"""What the extractor hands out: mentions, entities and their JSON form.

The JSON form is a contract (``reader entities --json`` prints it verbatim)::

    {"id": "person:valery-zaluzhnyi", "name": "Valery Zaluzhnyi", "type": "person",
     "count": 7, "aliases": ["Zaluzhny", "Zaluzhnyi"],
     "mentions": [{"start": 120, "end": 129, "text": "Zaluzhnyi"}, ...]}

Offsets index the text given to :func:`extract`; ``text[start:end] == mention.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "org", "place", "date", "money", "figure"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "org", "place", "date", "money", "figure")
NAMED_TYPES: tuple[EntityType, ...] = ("person", "org", "place")
FIGURE_TYPES: tuple[EntityType, ...] = ("date", "money", "figure")


@dataclass(frozen=True, order=True)
class Mention:
    """One occurrence of an entity: ``text`` is exactly ``source[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    """An entity of one article with all its mentions, in text order."""

    id: str
    name: str
    type: EntityType
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mentions)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "aliases": list(self.aliases),
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass
class CorpusEntity:
    """One entity across a corpus: how many articles mention it, how often."""

    id: str
    name: str
    type: EntityType
    articles: int
    mentions: int
    aliases: list[str] = field(default_factory=list)
    # Sorted; the merge gives a compact sequence (reader.core.entities.corpus_merge).
    documents: Sequence[str] = field(default_factory=list)
    # Articles per reading when the articles read the name as more than one type
    # ({"org": 40, "person": 3}); empty when they all agree.
    types: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "articles": self.articles,
            "mentions": self.mentions,
            "aliases": list(self.aliases),
        }
        if self.types:
            data["types"] = dict(self.types)
        return data
