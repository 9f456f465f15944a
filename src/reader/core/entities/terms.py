"""What goes into the search index, and how a query term finds every spelling.

The Whoosh schema carries one field per named type (``person``, ``org``, ``place``)
and ``entity`` for all of them; :func:`index_terms` gives the strings for each field
(canonical name plus every alias), so ``person:Zaluzhnyi`` and ``entity:Kiev`` match
whichever spelling an article used. :class:`AliasIndex` expands a user's query term
to all known spellings before it reaches the index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from reader.core.entities.keys import fold, variants
from reader.core.entities.model import NAMED_TYPES, CorpusEntity, Entity

INDEX_FIELDS: tuple[str, ...] = (*NAMED_TYPES, "entity")


def _spellings(entity: Entity | CorpusEntity) -> list[str]:
    return list(dict.fromkeys([entity.name, *entity.aliases]))


def index_terms(entities: Iterable[Entity | CorpusEntity]) -> dict[str, list[str]]:
    """Per index field, the names to index (deduplicated, first-seen order)."""
    fields: dict[str, dict[str, None]] = {name: {} for name in INDEX_FIELDS}
    for entity in entities:
        if entity.type not in NAMED_TYPES:
            continue
        for spelling in _spellings(entity):
            fields[entity.type][spelling] = None
            fields["entity"][spelling] = None
    return {name: list(values) for name, values in fields.items()}


class AliasIndex:
    """Look up every spelling of the entities a query term names."""

    def __init__(self, entities: Iterable[Entity | CorpusEntity]) -> None:
        self._by_key: dict[str, list[Entity | CorpusEntity]] = defaultdict(list)
        self._by_last: dict[str, list[Entity | CorpusEntity]] = defaultdict(list)
        for entity in entities:
            if entity.type not in NAMED_TYPES:
                continue
            for spelling in _spellings(entity):
                self._by_key[fold(spelling)].append(entity)
                if entity.type == "person":
                    self._by_last[fold(spelling.split()[-1])[:1]].append(entity)

    def expand(self, term: str, field: str | None = None) -> list[str]:
        """``term`` followed by the other spellings of the entities it names.

        ``field`` (``person``, ``org``, ``place`` or ``entity``/None for any)
        restricts the entity types considered. An unknown term comes back alone.
        """
        key = fold(term)
        found = list(self._by_key.get(key, []))
        if not found and " " not in key and key:
            found = [
                e
                for e in self._by_last.get(key[:1], [])
                if any(variants(term, s.split()[-1]) for s in _spellings(e))
            ]
        if field not in (None, "entity"):
            found = [e for e in found if e.type == field]
        out = {term: None}
        for entity in found:
            out.update(dict.fromkeys(_spellings(entity)))
        return list(out)


def expand_query_term(
    term: str, entities: Iterable[Entity | CorpusEntity], field: str | None = None
) -> list[str]:
    """One-off :meth:`AliasIndex.expand` (build an :class:`AliasIndex` to reuse)."""
    return AliasIndex(entities).expand(term, field)
