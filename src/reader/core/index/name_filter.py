"""The corpus entities' name lookups, answered from the catalog without loading them.

A search expands every title/body word that names a corpus entity to its other
spellings, and answers an entity-field query (``person:Blair``) with the articles of
the entities it names (:class:`reader.core.index.entity_view.CorpusEntities`, through
:class:`reader.core.entities.terms.AliasIndex`). Building that index reads the whole
corpus merge, applies the aliases file and indexes every spelling: seconds at 20,000
articles, which a long-running UI pays once but a one-shot ``reader search`` would pay
for every query, even for a word that names one entity.

So whenever the full entities are built, what those lookups read is stored in the
catalog (:func:`store_keys`), in tables keyed by the same folded names and surname
keys ``AliasIndex`` uses, with each entity's spellings and articles, and what the
aliases file hides. The rows are tagged with the corpus merge's version and the
aliases file's stat. A later process answers a word from the rows for that word alone
(:class:`NameFilter`); it asks the full entities only when the store is missing (an
older cache), made from another merge or aliases file, or cannot be read.

The tables are created when first written: an older cache without them simply has no
store, and an older program ignores them.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import operator
import os
import sqlite3
import zlib
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.entities.corpus_merge import spelling_keys
from reader.core.entities.keys import fold, variants
from reader.core.entities.model import NAMED_TYPES, CorpusEntity
from reader.core.entities.terms import STOP_WORDS, is_acronym
from reader.core.userdata.paths import corpus_data_dir

if TYPE_CHECKING:
    from reader.core.index.catalog import Catalog
    from reader.core.index.entity_view import CorpusEntities
    from reader.core.index.query import EntityLookup

# The stamp of the stored rows. (Older programs kept only the keys, as JSON under
# "entity_name_keys"; a new key so that theirs is never taken for the tables'.)
META_KEY = "entity_name_store"
OLD_META_KEY = "entity_name_keys"
ALIASES_FILE = "aliases.yaml"  # reader.core.entities.aliases.FILE_NAME (not imported: YAML)

Stamp = tuple[str, tuple[int, int] | None]  # corpus merge version, aliases (mtime, size)
# Article ids a NameFilter keeps decoded (a few megabytes; the commonest name of an
# archive of 200,000 articles has about 45,000).
_ARTICLES_HELD = 100_000

# n: the entity's place in the applied list (AliasIndex's order); spellings: JSON of
# [name, *aliases] as they are; docs: zlib of its article ids, one a line. Key rows keep
# AliasIndex's list order through their rowid. name_hidden: a spelling of a blocked or
# retyped entity (docs NULL: names nothing), or a word of one with the articles of the
# live entities that still spell it (documents() answers both without the index).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS name_entities (
    n INTEGER PRIMARY KEY, type TEXT NOT NULL, spellings TEXT NOT NULL, docs BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS name_keys (
    key TEXT NOT NULL, n INTEGER NOT NULL, acronym INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS name_keys_key ON name_keys (key);
CREATE TABLE IF NOT EXISTS name_lasts (key TEXT NOT NULL, n INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS name_lasts_key ON name_lasts (key);
CREATE TABLE IF NOT EXISTS name_hidden (field TEXT NOT NULL, key TEXT NOT NULL, docs BLOB);
CREATE INDEX IF NOT EXISTS name_hidden_key ON name_hidden (key);
"""
_TABLES = ("name_entities", "name_keys", "name_lasts", "name_hidden")


def aliases_stat(root: Path) -> tuple[int, int] | None:
    """The aliases file's (mtime, size); None: there is none."""
    try:
        info = os.stat(corpus_data_dir(root) / ALIASES_FILE)
    except FileNotFoundError:
        return None
    except OSError:
        return (-1, -1)  # unreadable: a state of its own
    return (info.st_mtime_ns, info.st_size)


def _pack(ids: Iterable[str]) -> bytes:
    # Article ids are paths: they compress several times over, and no id holds a newline.
    return zlib.compress("\n".join(ids).encode("utf-8"), 1)  # fastest: written at every update


def _unpack(blob: bytes) -> list[str]:
    text = zlib.decompress(blob).decode("utf-8")
    return text.split("\n") if text else []


def _ordered(ids: list[str]) -> tuple[str, ...]:
    """``ids`` sorted and distinct, as a query's article list must be: the stored lists
    are (they are written from the merge's), checked in one pass rather than sorted."""
    if all(map(operator.lt, ids, itertools.islice(ids, 1, None))):
        return tuple(ids)
    return tuple(sorted(set(ids)))


def _numbered(state: CorpusEntities) -> Iterator[tuple[int, CorpusEntity, bool]]:
    """Each named entry of ``state.entities`` with its entity's number (AliasIndex
    tells entities by identity) and whether it is the entity's first entry."""
    place: dict[int, int] = {}
    for entity in state.entities:
        if entity.type not in NAMED_TYPES:
            continue
        first = id(entity) not in place
        if first:
            place[id(entity)] = len(place)
        yield place[id(entity)], entity, first


def _entity_rows(state: CorpusEntities) -> Iterator[tuple[Any, ...]]:
    """The ``name_entities`` rows, one at a time: their packed articles are most of the
    store (tens of megabytes at 20,000 articles), so they are never all held at once."""
    for n, entity, first in _numbered(state):
        if first:
            raw = [entity.name, *entity.aliases]
            yield n, entity.type, json.dumps(raw), _pack(entity.documents)


def _rows(state: CorpusEntities) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of the key tables for ``state`` (``name_entities``: :func:`_entity_rows`),
    built as ``AliasIndex`` and ``CorpusEntities.documents`` build their answers."""
    keys: list[tuple[Any, ...]] = []
    lasts: list[tuple[Any, ...]] = []
    entities: dict[int, CorpusEntity] = {}
    for n, entity, first in _numbered(state):
        if first:
            entities[n] = entity
        for spelling in dict.fromkeys([entity.name, *entity.aliases]):
            keys.append((fold(spelling), n, int(is_acronym(spelling))))
            if entity.type == "person":
                last = spelling.split()[-1] if spelling.split() else spelling
                lasts.extend((key, n) for key in spelling_keys(last))
    hidden_rows: list[tuple[Any, ...]] = []
    hidden, hidden_words = state.hidden_names()
    words: dict[str, list[int]] = defaultdict(list)  # folded word -> n (only when used)
    if hidden_words:
        for n, entity in entities.items():
            raw = [entity.name, *entity.aliases]
            for word in dict.fromkeys(w for s in raw for w in fold(s).split()):
                words[word].append(n)
    for field, spellings in hidden.items():
        hidden_rows.extend((field, key, None) for key in sorted(spellings))
    for field, found in hidden_words.items():
        kind = None if field == "entity" else field
        for word in sorted(found - hidden.get(field, set())):
            live = [n for n in words.get(word, ()) if kind is None or entities[n].type == kind]
            ids = sorted({d for n in live for d in entities[n].documents})
            hidden_rows.append((field, word, _pack(ids)))
    return {"name_keys": keys, "name_lasts": lasts, "name_hidden": hidden_rows}


def store_keys(catalog: Catalog, made_from: Stamp, state: CorpusEntities) -> None:
    """Store the name lookups of ``state`` (the corpus entities as applied) for
    ``made_from``, replacing any others. A cache that cannot be written only loses
    the shortcut."""
    rows = _rows(state)
    stamp = json.dumps([made_from[0], list(made_from[1]) if made_from[1] else None])

    def write(db: sqlite3.Connection) -> None:
        with db:  # one transaction: a reader sees the old rows and stamp or the new
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            for table in _TABLES:
                db.execute(f"DELETE FROM {table}")
            db.executemany("INSERT INTO name_entities VALUES (?, ?, ?, ?)", _entity_rows(state))
            db.executemany("INSERT INTO name_keys VALUES (?, ?, ?)", rows["name_keys"])
            db.executemany("INSERT INTO name_lasts VALUES (?, ?)", rows["name_lasts"])
            db.executemany("INSERT INTO name_hidden VALUES (?, ?, ?)", rows["name_hidden"])
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_KEY, stamp))
            db.execute("DELETE FROM meta WHERE key=?", (OLD_META_KEY,))

    from reader.core.index.cachehealth import CacheError

    with contextlib.suppress(sqlite3.Error, CacheError):
        catalog.run(write)


class _Entity:
    """One stored entity: what the lookups read of a ``CorpusEntity``."""

    __slots__ = ("docs", "n", "spellings", "type")

    def __init__(self, n: int, type_: str, spellings: list[str], docs: bytes) -> None:
        self.n = n
        self.type = type_
        self.spellings = spellings  # [name, *aliases], as they are
        self.docs = docs

    def distinct(self) -> list[str]:
        return list(dict.fromkeys(self.spellings))


class NameFilter:
    """An :class:`~reader.core.index.query.EntityLookup` answered from the stored rows
    for each word (the same answers as the corpus entities, see the module's
    docstring); ``full()`` (the corpus entities) answers if the rows cannot be read."""

    def __init__(self, catalog: Catalog, full: Callable[[], EntityLookup]) -> None:
        self._catalog = catalog
        self._full = full
        self._entities: dict[int, _Entity] = {}
        # The article lists last read, by entity number, most recent last: a name typed
        # again (each keystroke of "person:blair AND e...") is not decompressed again.
        self._articles: OrderedDict[int, tuple[str, ...]] = OrderedDict()
        self._articles_held = 0

    @classmethod
    def load(
        cls, catalog: Catalog, made_from: Stamp, full: Callable[[], EntityLookup]
    ) -> NameFilter | None:
        """The lookups stored for ``made_from`` (None: none, or made from another merge
        or aliases file)."""
        raw = catalog.get_meta(META_KEY)
        if raw is None:
            return None
        try:
            version, aliases = json.loads(raw)
            stat = (int(aliases[0]), int(aliases[1])) if aliases else None
        except (ValueError, KeyError, TypeError, IndexError):
            return None
        stored: Stamp = (str(version), stat)
        return cls(catalog, full) if stored == made_from else None

    # -- reading rows --------------------------------------------------------------

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self._catalog.run(lambda db: db.execute(sql, args).fetchall())

    def _load(self, numbers: Iterable[int]) -> dict[int, _Entity]:
        wanted = [n for n in dict.fromkeys(numbers) if n not in self._entities]
        for start in range(0, len(wanted), 500):  # SQLite's bound on parameters
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT n, type, spellings, docs FROM name_entities WHERE n IN ({marks})"
            for n, type_, spellings, docs in self._query(sql, tuple(part)):
                self._entities[n] = _Entity(n, type_, json.loads(spellings), docs)
        return self._entities

    def _find(self, term: str, field: str | None) -> list[_Entity]:
        """``AliasIndex.entities`` over the stored rows."""
        key = fold(term)
        if not key or key in STOP_WORDS:
            return []
        capitals = term.isupper()
        rows = self._query("SELECT n, acronym FROM name_keys WHERE key=? ORDER BY rowid", (key,))
        numbers = [n for n, acronym in rows if capitals or not acronym]
        loaded = self._load(numbers)
        found = [loaded[n] for n in numbers]
        if not found:
            words = term.split()
            seen: set[int] = set()
            for skey in spelling_keys(words[-1]):
                candidates = [
                    n
                    for (n,) in self._query(
                        "SELECT n FROM name_lasts WHERE key=? ORDER BY rowid", (skey,)
                    )
                ]
                loaded = self._load(candidates)
                for n in candidates:
                    if n not in seen and _spelt_like(words, loaded[n]):
                        seen.add(n)
                        found.append(loaded[n])
        if field not in (None, "entity"):
            found = [e for e in found if e.type == field]
        unique: dict[int, _Entity] = {}
        for entity in found:
            unique.setdefault(entity.n, entity)
        return list(unique.values())

    def may_name(self, term: str) -> bool:
        """Whether ``term`` names an entity of any type (False: it expands to itself)."""
        try:
            return bool(self._find(term, None))
        except sqlite3.Error:
            return True

    # -- the EntityLookup ----------------------------------------------------------

    def expand(self, term: str, field: str | None = None) -> list[str]:
        try:
            found = self._find(term, field)
        except sqlite3.Error:
            return self._full().expand(term, field)
        out = {term: None}
        for entity in found:
            out.update(dict.fromkeys(entity.distinct()))
        return list(out)

    def documents(self, term: str, field: str) -> tuple[Sequence[str], list[str]] | None:
        try:
            return self._documents(term, field)
        except sqlite3.Error:
            return self._full().documents(term, field)

    def _documents(self, term: str, field: str) -> tuple[tuple[str, ...], list[str]] | None:
        """``CorpusEntities.documents`` over the stored rows."""
        from reader.core.index.query import useful_spellings

        found = self._find(term, None if field == "entity" else field)
        if found:
            if len(found) == 1:
                docs = self._articles_of(found[0])
            else:
                docs = tuple(sorted({d for e in found for d in self._articles_of(e)}))
            spellings = [s for e in found for s in e.spellings]
            return docs, [term, *useful_spellings(term, spellings)]
        key = fold(term)
        rows = self._query("SELECT docs FROM name_hidden WHERE field=? AND key=?", (field, key))
        if any(docs is None for (docs,) in rows):
            return (), []
        if rows and " " not in key:
            return _ordered(_unpack(rows[0][0])), [term]
        return None

    def _articles_of(self, entity: _Entity) -> tuple[str, ...]:
        """The articles of a stored entity, sorted and distinct (kept for a while)."""
        kept = self._articles.get(entity.n)
        if kept is not None:
            self._articles.move_to_end(entity.n)
            return kept
        ids = _ordered(_unpack(entity.docs))
        self._articles[entity.n] = ids
        self._articles_held += len(ids)
        while self._articles_held > _ARTICLES_HELD and len(self._articles) > 1:
            self._articles_held -= len(self._articles.popitem(last=False)[1])
        return ids


def _spelt_like(words: list[str], entity: _Entity) -> bool:
    """``reader.core.entities.terms._spelt_like`` for a stored entity."""
    for spelling in entity.distinct():
        other = spelling.split()
        if len(other) == len(words) and all(map(variants, words, other)):
            return True
    return False
