"""The corpus's entities as readers see them: the cached merge with the aliases file
applied, per-article views in corpus ids, and name lookups for the query parser.

Applying the aliases file only re-maps ids and rebuilds small dictionaries, so
``Library.reload_aliases`` is cheap and never re-extracts. Search follows the same
mapping through query expansion (:class:`reader.core.index.query.EntityLookup`), which is
why the index itself keeps the article-level spellings the extractor found.
"""

from __future__ import annotations

import itertools
import operator
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from reader.core.entities.aliases import Aliases, _matches, apply_corpus_aliases, corpus_keys
from reader.core.entities.corpus_merge import ArticleList
from reader.core.entities.keys import fold, slug
from reader.core.entities.model import NAMED_TYPES, CorpusEntity, Entity
from reader.core.entities.terms import AliasIndex

# A mention's place in its text: the order of Mention's own fields (start, end, text),
# compared as a tuple rather than through the dataclass's methods.
_position = operator.attrgetter("start", "end", "text")


class CorpusEntities:
    """One version of the corpus merge, with one version of the aliases applied."""

    def __init__(
        self,
        raw: list[CorpusEntity],
        id_map: dict[str, str],
        aliases: Aliases,
        version: str | None,
        read_article: Callable[[str], list[Entity]] | None = None,
    ) -> None:
        self.version = version
        # An article's stored entities (article ids), for the split section: which
        # articles use a split-off spelling is only known from the articles.
        self._read_article = read_article
        self._split: dict[str, tuple[str, frozenset[str]]] = {}
        self._raw = raw
        self._id_map = id_map
        self._lock = threading.Lock()
        self._index: AliasIndex | None = None
        # The merge's names, folded, for resolving the aliases file's references: built
        # on the first non-empty file and kept, so each edit re-applies it cheaply.
        self._keys: dict[str, list[int]] | None = None
        self.entities: list[CorpusEntity] = []
        self.by_id: dict[str, CorpusEntity] = {}
        self._final: dict[str, str | None] = {}
        self._hidden: dict[str, set[str]] = {}
        self._hidden_words: dict[str, set[str]] = {}
        self.apply(aliases)

    def apply(self, aliases: Aliases) -> None:
        """(Re-)apply the aliases file to the merge."""
        if self._keys is None and not aliases.is_empty():
            self._keys = corpus_keys(self._raw)
        entities, final = apply_corpus_aliases(self._raw, aliases, self._keys)
        entities, split = self._apply_split(entities, final, aliases)
        by_id = {e.id: e for e in entities}
        hidden: dict[str, set[str]] = defaultdict(set)
        if not aliases.is_empty():
            for entity in self._raw:
                if entity.type not in NAMED_TYPES:
                    continue
                target = final.get(entity.id)
                now = by_id.get(target) if target else None
                if now is not None and now.type == entity.type:
                    continue
                spellings = {fold(s) for s in (entity.name, *entity.aliases)}
                hidden[entity.type].update(spellings)
                if now is None:
                    hidden["entity"].update(spellings)
        hidden_words = {
            field: {w for spelling in spellings for w in spelling.split()}
            for field, spellings in hidden.items()
        }
        with self._lock:
            self.entities, self.by_id, self._final = entities, by_id, final
            self._hidden = dict(hidden)
            self._hidden_words = hidden_words
            self._split = split
            self._index = None

    def _apply_split(
        self, entities: list[CorpusEntity], final: dict[str, str | None], aliases: Aliases
    ) -> tuple[list[CorpusEntity], dict[str, tuple[str, frozenset[str]]]]:
        """The ``split`` section, after everything else: for each entry the mentions
        written with the listed spellings leave the entity for a new one (named by the
        first spelling, same type), article by article."""
        if not aliases.split:
            return entities, {}
        out = list(entities)
        split: dict[str, tuple[str, frozenset[str]]] = {}
        for ref, spellings in aliases.split.items():
            target = final.get(ref) if ref in final else None
            found = [e for e in out if e.id == target] or [e for e in out if _matches(ref, e)]
            if len(found) != 1 or found[0].id in split:
                continue
            original = found[0]
            moved = frozenset(fold(s) for s in spellings) - {fold(original.name)}
            if not moved:
                continue
            first = next(s for s in spellings if fold(s) in moved)
            new_id = f"{original.type}:{slug(first)}"
            taken = {e.id for e in out}
            number = 2
            while new_id in taken:
                new_id = f"{original.type}:{slug(first)}-{number}"
                number += 1
            kept_docs: list[str] = []
            new_docs: list[str] = []
            kept_mentions = new_mentions = 0
            for doc_id in original.documents:
                raw = self._read_article(doc_id) if self._read_article else []
                here = [e for e in raw if self._final_of(e.id, final) == original.id]
                out_count = sum(1 for e in here for m in e.mentions if fold(m.text) in moved)
                in_count = sum(len(e.mentions) for e in here) - out_count
                if out_count:
                    new_docs.append(doc_id)
                    new_mentions += out_count
                if in_count or not out_count:
                    kept_docs.append(doc_id)
                    kept_mentions += in_count
            if not new_docs:
                continue
            names = [s for s in spellings if fold(s) in moved]
            new = CorpusEntity(
                new_id,
                first,
                original.type,
                len(new_docs),
                new_mentions,
                sorted({s for s in original.aliases if fold(s) in moved} | set(names[1:])),
                new_docs,
            )
            new.aliases = [a for a in new.aliases if a != first]
            kept = replace(
                original,
                aliases=[a for a in original.aliases if fold(a) not in moved],
                documents=kept_docs,
                articles=len(kept_docs),
                mentions=kept_mentions,
                types=dict(original.types),
            )
            out[out.index(original)] = kept
            out.append(new)
            split[original.id] = (new_id, moved)
        out.sort(key=lambda e: (-e.articles, -e.mentions, e.id))
        return out, split

    def _final_of(self, article_id: str, final: dict[str, str | None]) -> str | None:
        corpus_id = self._id_map.get(article_id, article_id)
        return final.get(corpus_id, corpus_id)

    # -- ids ---------------------------------------------------------------------

    def raw_ids(self, final_id: str) -> list[str]:
        """The ids, before the aliases file, of the merged entities that became
        ``final_id`` (most articles first): references that every section of the
        aliases file resolves the same way, whatever was renamed or retyped."""
        with self._lock:
            return [e.id for e in self._raw if self._final.get(e.id) == final_id]

    def final_id(self, article_id: str) -> str | None:
        """The corpus id an article-level id ends up as (None: blocked)."""
        corpus_id = self._id_map.get(article_id, article_id)
        return self._final.get(corpus_id, corpus_id)

    def article_view(self, raw: Iterable[Entity]) -> list[Entity]:
        """An article's stored entities in corpus ids, names and aliases; entities
        the corpus merge or the aliases file joined become one; biggest first."""
        groups: dict[str, Entity] = {}
        for whole in raw:
            final = self.final_id(whole.id)
            if final is None:
                continue
            pieces = [(final, whole)]
            if final in self._split:
                new_id, moved = self._split[final]
                away = [m for m in whole.mentions if fold(m.text) in moved]
                if away:
                    stay = [m for m in whole.mentions if fold(m.text) not in moved]
                    pieces = [(final, replace(whole, mentions=stay))] if stay else []
                    pieces.append((new_id, replace(whole, mentions=away)))
            for final, entity in pieces:
                self._add_to_group(groups, final, entity)
        for group in groups.values():
            # In text order and each once, as sorted(set(...)) makes them. Most groups
            # (one stored entity) already are, and are only checked: comparing and hashing
            # Mention objects (Python methods) was most of reading every article's
            # entities (reader entities --json).
            keys = list(map(_position, group.mentions))
            if not all(map(operator.lt, keys, itertools.islice(keys, 1, None))):
                group.mentions = sorted(set(group.mentions), key=_position)
        return sorted(
            groups.values(),
            key=lambda e: (-e.count, _position(e.mentions[0]) if e.mentions else (), e.id),
        )

    def _add_to_group(self, groups: dict[str, Entity], final: str, entity: Entity) -> None:
        group = groups.get(final)
        if group is None:
            corpus = self.by_id.get(final)
            if corpus is None:  # not merged yet (stored after the merge ran)
                group = Entity(final, entity.name, entity.type, [], list(entity.aliases))
            else:
                group = Entity(final, corpus.name, corpus.type, [], list(corpus.aliases))
            groups[final] = group
        group.mentions.extend(entity.mentions)

    # -- lookups for the query parser (reader.core.index.query.EntityLookup) -----------

    def _alias_index(self) -> AliasIndex:
        with self._lock:
            if self._index is None:
                self._index = AliasIndex(self.entities)
            return self._index

    def hidden_names(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Per field, the folded spellings of the entities the aliases file blocked or
        retyped away from it, and their words (what :meth:`documents` answers without
        the index; reader.core.index.name_filter stores them)."""
        with self._lock:
            return self._hidden, self._hidden_words

    def warm(self) -> None:
        """Build the name index now rather than on the first search."""
        self._alias_index()

    def expand(self, term: str, field: str | None = None) -> list[str]:
        return self._alias_index().expand(term, field)

    def documents(self, term: str, field: str) -> tuple[tuple[str, ...], list[str]] | None:
        from reader.core.index.query import useful_spellings

        kind = None if field == "entity" else field
        found = self._alias_index().entities(term, kind)
        if found:
            named = [e for e in found if isinstance(e, CorpusEntity)]
            docs: tuple[str, ...]
            if len(named) == 1 and isinstance(named[0].documents, ArticleList):
                docs = tuple(named[0].documents)  # sorted and distinct already
            else:
                docs = tuple(sorted({d for e in named for d in e.documents}))
            spellings = [s for e in found for s in (e.name, *e.aliases)]
            return docs, [term, *useful_spellings(term, spellings)]
        key = fold(term)
        if key in self._hidden.get(field, ()):
            return (), []
        if key in self._hidden_words.get(field, ()) and " " not in key:
            # A word of a blocked or retyped name ("Umerov" of a blocked "Rustem
            # Umerov"): the index would still find it, so answer from the entities.
            live = [
                e
                for e in self.entities
                if (kind is None or e.type == kind)
                and e.type in NAMED_TYPES
                and any(key in fold(s).split() for s in (e.name, *e.aliases))
            ]
            return tuple(sorted({d for e in live for d in e.documents})), [term]
        return None
