"""What goes into the search index, and how a query term finds every spelling.

The Whoosh schema carries one field per named type (``person``, ``org``, ``place``)
and ``entity`` for all of them; :func:`index_terms` gives the strings for each field
(canonical name plus every alias), so ``person:Zaluzhnyi`` and ``entity:Kiev`` match
whichever spelling an article used. :class:`AliasIndex` expands a user's query term
to all known spellings before it reaches the index.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable

from reader.core.entities.corpus_merge import spelling_keys
from reader.core.entities.keys import fold, variants
from reader.core.entities.model import NAMED_TYPES, CorpusEntity, Entity

# Whoosh's English stop words (the index drops them too): "us" is not the US, "may"
# is not Theresa May.
STOP_WORDS = frozenset(
    "a an and are as at be by can for from have if in is it may not of on or tbd that the "
    "this to us we when will with yet you your".split()
)

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
    """Look up every spelling of the entities a query term names.

    Guards against junk: stop words never expand, an acronym spelling ("SBU", "NICE")
    is only matched by a term typed in capitals, and a word the corpus never spelt
    reaches a person only as a transliteration of a surname (Zeluzhnyi → Zaluzhnyi),
    never a place or organisation.
    """

    def __init__(self, entities: Iterable[Entity | CorpusEntity]) -> None:
        self._by_key: dict[str, list[tuple[Entity | CorpusEntity, bool]]] = defaultdict(list)
        self._by_last: dict[str, list[Entity | CorpusEntity]] = defaultdict(list)
        self._cache: dict[tuple[str, str | None], list[Entity | CorpusEntity]] = {}
        self._lock = threading.Lock()
        for entity in entities:
            if entity.type not in NAMED_TYPES:
                continue
            for spelling in _spellings(entity):
                self._by_key[fold(spelling)].append((entity, is_acronym(spelling)))
                if entity.type == "person":
                    last = spelling.split()[-1] if spelling.split() else spelling
                    for key in spelling_keys(last):
                        self._by_last[key].append(entity)

    def __len__(self) -> int:
        return len(self._by_key)

    def expand(self, term: str, field: str | None = None) -> list[str]:
        """``term`` followed by the other spellings of the entities it names.

        ``field`` (``person``, ``org``, ``place`` or ``entity``/None for any)
        restricts the entity types considered. An unknown term comes back alone.
        """
        out = {term: None}
        for entity in self.entities(term, field):
            out.update(dict.fromkeys(_spellings(entity)))
        return list(out)

    def entities(self, term: str, field: str | None = None) -> list[Entity | CorpusEntity]:
        """The entities ``term`` names (of ``field``'s type; any for None/``entity``)."""
        with self._lock:
            cached = self._cache.get((term, field))
        if cached is None:
            cached = self._find(term, field)
            with self._lock:
                if len(self._cache) > 4096:
                    self._cache.clear()
                self._cache[(term, field)] = cached
        return list(cached)

    def _find(self, term: str, field: str | None) -> list[Entity | CorpusEntity]:
        key = fold(term)
        if not key or key in STOP_WORDS:
            return []
        capitals = term.isupper()
        found = [e for e, acronym in self._by_key.get(key, ()) if capitals or not acronym]
        if not found:
            # A spelling the corpus never used: a person's name spelt another way,
            # word for word ("Valery Zaluzhny" for "Valery Zaluzhnyi").
            words = term.split()
            seen: set[int] = set()
            for skey in spelling_keys(words[-1]):
                for entity in self._by_last.get(skey, ()):
                    if id(entity) not in seen and _spelt_like(words, entity):
                        seen.add(id(entity))
                        found.append(entity)
        if field not in (None, "entity"):
            found = [e for e in found if e.type == field]
        unique: dict[int, Entity | CorpusEntity] = {}
        for entity in found:
            unique.setdefault(id(entity), entity)
        return list(unique.values())


def _spelt_like(words: list[str], entity: Entity | CorpusEntity) -> bool:
    """Whether some spelling of ``entity`` has as many words, each a variant."""
    for spelling in _spellings(entity):
        other = spelling.split()
        if len(other) == len(words) and all(map(variants, words, other)):
            return True
    return False


def is_acronym(spelling: str) -> bool:
    if " " in spelling or not spelling.isupper():
        return False
    letters = [c for c in spelling if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in spelling


def expand_query_term(
    term: str, entities: Iterable[Entity | CorpusEntity], field: str | None = None
) -> list[str]:
    """One-off :meth:`AliasIndex.expand` (build an :class:`AliasIndex` to reuse)."""
    return AliasIndex(entities).expand(term, field)
