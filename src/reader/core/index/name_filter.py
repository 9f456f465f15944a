"""Whether a query word can name a corpus entity, told without loading the entities.

A search expands every title/body word that names a corpus entity to its other
spellings (:class:`reader.core.entities.terms.AliasIndex`). Knowing that a word names
none ("economy") needs the whole name index, which a long-running UI builds once but a
one-shot ``reader search`` would build for every query (the corpus merge read, the
aliases file applied, every spelling indexed: a second on BBC).

So whenever the full entities are built, the folded names and the surname keys the
alias index looks words up by are stored in the catalog (:func:`store_keys`), tagged
with the corpus merge's version and the aliases file's stat. A later process answers
"names nothing" from them (:class:`NameFilter`) and builds the full index only for a
word that may name an entity: the keys are exactly what ``AliasIndex`` matches, so a
word they do not hold would expand to itself alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.entities.corpus_merge import spelling_keys
from reader.core.entities.keys import fold
from reader.core.entities.model import NAMED_TYPES
from reader.core.userdata.paths import corpus_data_dir

if TYPE_CHECKING:
    from reader.core.entities.model import CorpusEntity
    from reader.core.index.catalog import Catalog
    from reader.core.index.query import EntityLookup

META_KEY = "entity_name_keys"
ALIASES_FILE = "aliases.yaml"  # reader.core.entities.aliases.FILE_NAME (not imported: YAML)

Stamp = tuple[str, tuple[int, int] | None]  # corpus merge version, aliases (mtime, size)


def aliases_stat(root: Path) -> tuple[int, int] | None:
    """The aliases file's (mtime, size); None: there is none."""
    try:
        info = os.stat(corpus_data_dir(root) / ALIASES_FILE)
    except FileNotFoundError:
        return None
    except OSError:
        return (-1, -1)  # unreadable: a state of its own
    return (info.st_mtime_ns, info.st_size)


def _keys(entities: Iterable[CorpusEntity]) -> tuple[set[str], set[str]]:
    """The keys ``AliasIndex`` looks a word up by: every named spelling folded, and the
    spelling keys of every person spelling's last word."""
    names: set[str] = set()
    lasts: set[str] = set()
    for entity in entities:
        if entity.type not in NAMED_TYPES:
            continue
        for spelling in dict.fromkeys([entity.name, *entity.aliases]):
            names.add(fold(spelling))
            if entity.type == "person":
                words = spelling.split()
                lasts.update(spelling_keys(words[-1] if words else spelling))
    return names, lasts


def store_keys(catalog: Catalog, made_from: Stamp, entities: Iterable[CorpusEntity]) -> None:
    """Store the keys of ``entities`` (the corpus entities as applied) for ``made_from``.
    A cache that cannot be written only loses the shortcut."""
    names, lasts = _keys(entities)
    value = {
        "stamp": [made_from[0], list(made_from[1]) if made_from[1] else None],
        # One string each, keys between newlines (none holds one: folded names have
        # single spaces, spelling keys are letters): a lookup is a substring test.
        "names": "\n" + "\n".join(sorted(names)) + "\n",
        "last": "\n" + "\n".join(sorted(lasts)) + "\n",
    }
    from reader.core.index.cachehealth import CacheError

    with contextlib.suppress(sqlite3.Error, CacheError):
        catalog.set_meta(META_KEY, json.dumps(value, ensure_ascii=True))


class NameFilter:
    """An :class:`~reader.core.index.query.EntityLookup` that answers "names nothing"
    from the stored keys and asks ``full()`` (the corpus entities) otherwise."""

    def __init__(self, names: str, lasts: str, full: Callable[[], EntityLookup]) -> None:
        self._names = names
        self._lasts = lasts
        self._full = full

    @classmethod
    def load(
        cls, catalog: Catalog, made_from: Stamp, full: Callable[[], EntityLookup]
    ) -> NameFilter | None:
        """The filter stored for ``made_from`` (None: none, or made from another merge
        or aliases file)."""
        raw = catalog.get_meta(META_KEY)
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            version, aliases = data["stamp"]
            stat = (int(aliases[0]), int(aliases[1])) if aliases else None
            stored: Stamp = (str(version), stat)
            if stored != made_from:
                return None
            return cls(str(data["names"]), str(data["last"]), full)
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def may_name(self, term: str) -> bool:
        """Whether ``term`` may name an entity (False: it surely names none)."""
        key = fold(term)
        if not key:
            return False
        if f"\n{key}\n" in self._names:
            return True
        words = term.split()
        return bool(words) and any(f"\n{k}\n" in self._lasts for k in spelling_keys(words[-1]))

    def expand(self, term: str, field: str | None = None) -> list[str]:
        return self._full().expand(term, field) if self.may_name(term) else [term]

    def documents(self, term: str, field: str) -> tuple[list[str], list[str]] | None:
        # Field queries (person:, org:...) also answer for blocked names: always full.
        return self._full().documents(term, field)
