"""Corpus-level merge: one id per entity across all articles.

Within an article the extractor already joined spellings; across articles the same
person may be "Valery Zaluzhnyi" in one and only "Zaluzhny" in another. The rules:

* places merge only by id (gazetteer ids already join Kiev and Kyiv; two different
  gazetteer ids never merge);
* organisations merge when they share a name or alias ("SBU" introduced with
  "Security Service" in one article, alone in another);
* people merge when their full names are spellings of each other, and a surname
  alone joins the one full name it fits, never when two people share it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.core.entities.keys import fold, skeleton, variants
from reader.core.entities.model import CorpusEntity, Entity


@dataclass
class CorpusMerge:
    """Corpus entities (most mentioned first) and each article-level id's corpus id."""

    entities: list[CorpusEntity]
    id_map: dict[str, str]

    def canonical(self, entity_id: str) -> str:
        return self.id_map.get(entity_id, entity_id)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_corpus(documents: Mapping[str, Sequence[Entity]]) -> CorpusMerge:
    """Merge per-article entity lists (keyed by document id) into corpus entities."""
    members: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
    for doc_id, entities in documents.items():
        for entity in entities:
            members[entity.id].append((doc_id, entity))
    union = _Union()
    for eid in members:
        union.find(eid)
    _join_orgs(members, union)
    _join_people(members, union)
    groups: dict[str, list[str]] = defaultdict(list)
    for eid in sorted(members):
        groups[union.find(eid)].append(eid)
    result: list[CorpusEntity] = []
    id_map: dict[str, str] = {}
    for ids in groups.values():
        entry = _corpus_entity(ids, members)
        result.append(entry)
        id_map.update({eid: entry.id for eid in ids})
    result.sort(key=lambda e: (-e.mentions, e.id))
    return CorpusMerge(result, id_map)


_VOWELS = frozenset("aeiouy")


def spelling_keys(word: str) -> list[str]:
    """Keys that two words share whenever :func:`variants` may hold for them.

    The skeleton itself, and for skeletons of six letters or more the skeleton with
    one inner vowel wildcarded (``variants`` allows exactly one vowel-for-vowel change
    after the first letter). Callers still confirm each candidate with ``variants``.
    """
    key = skeleton(word)
    if not key:
        return []
    keys = [key]
    if len(key) >= 6:
        keys.extend(key[:i] + "?" + key[i + 1 :] for i in range(1, len(key)) if key[i] in _VOWELS)
    return keys


def _names(entity: Entity) -> set[str]:
    return {fold(entity.name), *(fold(a) for a in entity.aliases)}


def _join_orgs(members: Mapping[str, list[tuple[str, Entity]]], union: _Union) -> None:
    owner: dict[str, str] = {}
    for eid, rows in members.items():
        if not eid.startswith("org:"):
            continue
        for _, entity in rows:
            for name in _names(entity):
                if name in owner:
                    union.union(owner[name], eid)
                else:
                    owner[name] = eid


def _join_people(members: Mapping[str, list[tuple[str, Entity]]], union: _Union) -> None:
    full: dict[str, list[str]] = {}
    single: list[tuple[str, str]] = []
    for eid, rows in members.items():
        if not eid.startswith("person:"):
            continue
        words = max((r[1].name.split() for r in rows), key=len)
        if len(words) > 1:
            full[eid] = words
        else:
            single.append((eid, words[0]))
    # Candidates come from a key index (see spelling_keys), not from comparing every
    # pair: a corpus of a few thousand people would otherwise take minutes.
    by_last: dict[str, list[str]] = defaultdict(list)
    for eid in sorted(full):
        for key in spelling_keys(full[eid][-1]):
            by_last[key].append(eid)
    for eid in sorted(full):
        words = full[eid]
        for other in _candidates(words[-1], by_last):
            if other <= eid:
                continue
            wo = full[other]
            if variants(words[-1], wo[-1]) and variants(words[0], wo[0]):
                union.union(eid, other)
    for eid, word in single:
        fits = {union.find(f) for f in _candidates(word, by_last) if variants(word, full[f][-1])}
        if len(fits) == 1:
            union.union(eid, fits.pop())
    # Lone surnames that fit no full name join each other (the first one seen leads).
    order: dict[str, int] = {}
    words_of: dict[str, str] = {}
    by_word: dict[str, list[str]] = defaultdict(list)
    for eid, word in single:
        if union.find(eid) != eid:
            continue
        match = min(
            (o for o in _candidates(word, by_word) if variants(word, words_of[o])),
            key=order.__getitem__,
            default=None,
        )
        if match is None:
            order[eid] = len(order)
            words_of[eid] = word
            for key in spelling_keys(word):
                by_word[key].append(eid)
        else:
            union.union(eid, match)


def _candidates(word: str, index: Mapping[str, list[str]]) -> set[str]:
    return {eid for key in spelling_keys(word) for eid in index.get(key, ())}


def _corpus_entity(ids: list[str], members: Mapping[str, list[tuple[str, Entity]]]) -> CorpusEntity:
    if len(ids) == 1:  # most entities: the same result as below, computed directly
        rows = members[ids[0]]
        first = rows[0][1]
        docs = sorted({doc for doc, _ in rows})
        return CorpusEntity(
            id=ids[0],
            name=first.name,
            type=first.type,
            articles=len(docs),
            mentions=sum(e.count for _, e in rows),
            aliases=sorted({a for _, e in rows for a in (e.name, *e.aliases)} - {first.name}),
            documents=docs,
        )
    rows = [row for eid in ids for row in members[eid]]
    weight: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for _, entity in rows:
        weight[entity.id] += entity.count
        names.setdefault(entity.id, entity.name)
    # The fullest name wins, then the most mentioned: "Valery Zaluzhnyi" over "Zaluzhny".
    best = max(ids, key=lambda i: (len(names[i].split()), weight[i], i))
    first = next(e for _, e in rows if e.id == best)
    aliases = sorted({a for _, e in rows for a in (e.name, *e.aliases)} - {names[best]})
    docs = sorted({doc for doc, _ in rows})
    return CorpusEntity(
        id=best,
        name=names[best],
        type=first.type,
        articles=len(docs),
        mentions=sum(e.count for _, e in rows),
        aliases=aliases,
        documents=docs,
    )
