"""Who and what two articles have in common: shared and one-sided entities and figures.

People, organisations and places match by their id. Give this corpus-canonical entities
(``Library.entities``, or per-article lists joined with :func:`canonical_pair`), so that
"Zaluzhnyi" in one article and "Zaluzhny" in the other are one person. Dates, sums of money and
figures match by value (:func:`reader.core.compare.figures.figure_value`), so "400,000" meets
"400 000" and "$40 million" meets "$40m".

The JSON forms (``reader compare --json``) are those of ``reader entities``. A one-sided entity is
an article's entity (``reader entities DOC``); a shared one is a corpus entity (``reader
entities``, mentions tagged with their article) whose two sides are also kept apart::

    only_a:   {"id", "name", "type", "count", "aliases", "mentions": [{"start", "end", "text"}]}
    shared:   {"id", "name", "type", "count", "aliases",
               "mentions": [{"doc", "side", "start", "end", "text"}],   # A's, then B's
               "count_a", "count_b", "a": <A's entity>, "b": <B's entity>}

In a shared entity ``count`` is ``count_a + count_b``, ``aliases`` every other name either side
uses, ``side`` is ``"a"`` or ``"b"`` and ``doc`` that article's id. Figures carry their
normalised ``"value"`` too. Mentions index the text the entities came from (``a``'s and
``only_a``'s A's text, ``b``'s and ``only_b``'s B's).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.core.compare.figures import figure_value
from reader.core.entities.model import NAMED_TYPES, CorpusEntity, Entity


@dataclass(frozen=True)
class SharedEntity:
    """One entity (or figure value) found in both articles: ``a`` and ``b`` are its two sides."""

    a: Entity
    b: Entity
    value: str | None = None  # the normalised value, for figures

    @property
    def id(self) -> str:
        return self.a.id

    @property
    def name(self) -> str:
        return self.a.name

    @property
    def type(self) -> str:
        return self.a.type

    @property
    def count(self) -> int:
        """Mentions in both articles."""
        return self.a.count + self.b.count

    @property
    def aliases(self) -> list[str]:
        """Every other name either article uses for it."""
        names = {name for side in (self.a, self.b) for name in (side.name, *side.aliases)}
        return sorted(names - {self.name})

    def to_json(self, a_id: str = "a", b_id: str = "b") -> dict[str, Any]:
        """The ``reader entities`` shape across both articles (``a_id`` and ``b_id`` name them
        in ``mentions``), then each side's own entity; see the module docstring."""
        mentions = [
            {"doc": doc, "side": side, **mention.to_json()}
            for doc, side, entity in ((a_id, "a", self.a), (b_id, "b", self.b))
            for mention in entity.mentions
        ]
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "aliases": self.aliases,
            "mentions": mentions,
            "count_a": self.a.count,
            "count_b": self.b.count,
        }
        if self.value is not None:
            data["value"] = self.value
        data["a"] = self.a.to_json()
        data["b"] = self.b.to_json()
        return data


@dataclass(frozen=True)
class EntityComparison:
    """Named entities and figures of two articles, split into shared and one-sided.

    Shared items come most mentioned (both sides together) first, one-sided ones most mentioned
    first; ties by name.
    """

    shared: tuple[SharedEntity, ...] = ()
    only_a: tuple[Entity, ...] = ()
    only_b: tuple[Entity, ...] = ()
    shared_figures: tuple[SharedEntity, ...] = ()
    only_a_figures: tuple[Entity, ...] = ()
    only_b_figures: tuple[Entity, ...] = ()

    def to_json(self, a_id: str = "a", b_id: str = "b") -> dict[str, Any]:
        """The entity keys of ``reader compare --json``; ``a_id``/``b_id`` are the articles' ids."""
        return {
            "shared_entities": [s.to_json(a_id, b_id) for s in self.shared],
            "only_a": [e.to_json() for e in self.only_a],
            "only_b": [e.to_json() for e in self.only_b],
            "shared_figures": [s.to_json(a_id, b_id) for s in self.shared_figures],
            "only_a_figures": [_figure_json(e) for e in self.only_a_figures],
            "only_b_figures": [_figure_json(e) for e in self.only_b_figures],
        }


def compare_entities(a: Sequence[Entity], b: Sequence[Entity]) -> EntityComparison:
    """Compare the entities of article A with those of article B (see the module docstring)."""
    a_named = _group(e for e in a if e.type in NAMED_TYPES)
    b_named = _group(e for e in b if e.type in NAMED_TYPES)
    a_figures = _group_figures(e for e in a if e.type not in NAMED_TYPES)
    b_figures = _group_figures(e for e in b if e.type not in NAMED_TYPES)
    return EntityComparison(
        shared=_shared(a_named, b_named, figures=False),
        only_a=_only(a_named, b_named),
        only_b=_only(b_named, a_named),
        shared_figures=_shared(a_figures, b_figures, figures=True),
        only_a_figures=_only(a_figures, b_figures),
        only_b_figures=_only(b_figures, a_figures),
    )


def canonical_pair(
    a: Sequence[Entity], b: Sequence[Entity], *, a_id: str = "a", b_id: str = "b"
) -> tuple[list[Entity], list[Entity]]:
    """Per-article entity lists with the ids and names of their merge across the two articles.

    For callers without corpus-wide entities: joins "Valery Zaluzhnyi" in one article with
    "Valery Zaluzhny" in the other (:func:`reader.core.entities.merge_corpus`).
    """
    from reader.core.entities import merge_corpus

    merged = merge_corpus({a_id: a, b_id: b})
    by_id = {entity.id: entity for entity in merged.entities}

    def rename(entities: Sequence[Entity]) -> list[Entity]:
        out = []
        for entity in entities:
            target = by_id.get(merged.canonical(entity.id))
            out.append(entity if target is None else _as(entity, target))
        return out

    return rename(a), rename(b)


def _as(entity: Entity, target: CorpusEntity) -> Entity:
    names = {entity.name, *entity.aliases} - {target.name}
    return Entity(target.id, target.name, entity.type, list(entity.mentions), sorted(names))


def _value(entity: Entity) -> str:
    return figure_value(
        entity.name or (entity.mentions[0].text if entity.mentions else ""), entity.type
    )


def _figure_json(entity: Entity) -> dict[str, Any]:
    return {**entity.to_json(), "value": _value(entity)}


def _group(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Entities by id; repeats of one id (after canonical renaming) merged into one."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(entity.id, []).append(entity)
    return {key: _merge(members) for key, members in groups.items()}


def _group_figures(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Figures by type and normalised value: "$40 million" and "$40m" become one."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(f"{entity.type}:{_value(entity)}", []).append(entity)
    return {key: _merge(members) for key, members in groups.items()}


def _merge(members: list[Entity]) -> Entity:
    if len(members) == 1:
        return members[0]
    first = members[0]
    mentions = sorted({m for e in members for m in e.mentions})
    names = {n for e in members for n in (e.name, *e.aliases)} - {first.name}
    return Entity(first.id, first.name, first.type, mentions, sorted(names))


def _shared(
    mine: dict[str, Entity], theirs: dict[str, Entity], *, figures: bool
) -> tuple[SharedEntity, ...]:
    found = [
        SharedEntity(entity, theirs[key], _value(entity) if figures else None)
        for key, entity in mine.items()
        if key in theirs
    ]
    found.sort(key=lambda s: (-(s.a.count + s.b.count), s.name.casefold(), s.id))
    return tuple(found)


def _only(mine: dict[str, Entity], theirs: dict[str, Entity]) -> tuple[Entity, ...]:
    found = [entity for key, entity in mine.items() if key not in theirs]
    found.sort(key=lambda e: (-e.count, e.name.casefold(), e.id))
    return tuple(found)
