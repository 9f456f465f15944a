"""The corpus merge as it was before it was made compact: every (article, entity) row
held at once. Kept as the reference the compact merge
(:mod:`reader.core.entities.corpus_merge`) must equal, entity for entity; its rules are
documented there. Only ``merge_corpus`` is used."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.core.entities.keys import fold, name_key, skeleton, variants
from reader.core.entities.model import NAMED_TYPES, CorpusEntity, Entity, EntityType

# A name's minority readings join its dominant type when that type holds this share
# of the articles that name it.
DOMINANT_SHARE = 2 / 3
# A lone surname joins the one full name it fits only when it is found in at most
# this many times as many articles as the full name.
LONE_SURNAME_SPREAD = 2
# Words that make a name a company's or a party's formal name: "Sony Corp" is Sony.
DESIGNATORS = frozenset(
    """
    inc incorporated corp corporation co ltd limited plc llc lp ag sa nv bv gmbh spa
    holdings group party company
    """.split()
)


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


Members = Mapping[str, list[tuple[str, Entity]]]


def merge_corpus(documents: Mapping[str, Sequence[Entity]]) -> CorpusMerge:
    """Merge per-article entity lists (keyed by document id) into corpus entities.

    The result does not depend on the order of the documents or of their entities.
    """
    members: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
    for doc_id in sorted(documents):
        for entity in documents[doc_id]:
            members[entity.id].append((doc_id, entity))
    union = _Union()
    for eid in sorted(members):
        union.find(eid)
    kind = _vote_types(members, union)
    _join_orgs(members, union, kind)
    _join_people(members, union, kind)
    groups: dict[str, list[str]] = defaultdict(list)
    for eid in sorted(members):
        groups[union.find(eid)].append(eid)
    result: list[CorpusEntity] = []
    id_map: dict[str, str] = {}
    for root, ids in groups.items():
        entry = _corpus_entity(ids, members, kind.get(root))
        result.append(entry)
        id_map.update({eid: entry.id for eid in ids})
    result.sort(key=lambda e: (-e.mentions, e.id))
    return CorpusMerge(result, id_map)


def _type_of(eid: str) -> str:
    return eid.partition(":")[0]


def _key(rows: list[tuple[str, Entity]]) -> str:
    return name_key(rows[0][1].name).rstrip("'’")


def _vote_types(members: Members, union: _Union) -> dict[str, EntityType]:
    """Join the readings of one name under its dominant type; the type per group."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for eid in sorted(members):
        if _type_of(eid) in NAMED_TYPES:
            by_name[_key(members[eid])].append(eid)
    kind: dict[str, EntityType] = {}
    for eids in by_name.values():
        if len({_type_of(e) for e in eids}) < 2:
            continue
        articles: Counter[str] = Counter()
        for eid in eids:
            articles[_type_of(eid)] += len({doc for doc, _ in members[eid]})
        total = sum(articles.values())
        best = max(sorted(articles), key=lambda t: articles[t])
        if articles[best] >= DOMINANT_SHARE * total:
            winners = [e for e in eids if _type_of(e) == best]
            for eid in eids:
                union.union(winners[0], eid)
            kind[union.find(winners[0])] = members[winners[0]][0][1].type
    return kind


def _group_type(eid: str, members: Members, union: _Union, kind: Mapping[str, EntityType]) -> str:
    return kind.get(union.find(eid), members[eid][0][1].type)


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


def _acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    if letters.endswith("s"):
        letters = letters[:-1]  # "MPs", "PCs"
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _join_orgs(members: Members, union: _Union, kind: Mapping[str, EntityType]) -> None:
    orgs = [e for e in sorted(members) if _group_type(e, members, union, kind) == "org"]
    by_name: dict[str, list[str]] = defaultdict(list)
    for eid in orgs:
        by_name[_key(members[eid])].append(eid)
    # An acronym introduced for a name in some article: votes per name it stood for.
    stands_for: dict[str, Counter[str]] = defaultdict(Counter)
    for eid in orgs:
        for _, entity in members[eid]:
            own_words = {fold(w) for w in entity.name.split()}
            for alias in entity.aliases:
                key = name_key(alias)
                if (
                    _acronym(alias)
                    and key not in own_words
                    and alias[:1].upper() == entity.name[:1].upper()
                    and len(entity.name.split()) > 1
                ):
                    stands_for[key][fold(entity.name)] += 1
    for key, votes in stands_for.items():
        if key not in by_name:
            continue
        ranked = votes.most_common()
        if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
            continue  # "PC" for two different names about as often: no choice
        target = by_name.get(ranked[0][0])
        if target:
            union.union(target[0], by_name[key][0])
    for name, eids in by_name.items():
        words = name.split()
        if len(words) > 1 and words[-1].rstrip(".") in DESIGNATORS:
            short = by_name.get(" ".join(words[:-1]))
            if short and not (words[-1] == "party" and words[-2] in _INSTITUTIONS):
                union.union(short[0], eids[0])
    # "TimeWarner" is "Time Warner"; "Wal-Mart" is "Walmart".
    compact: dict[str, list[str]] = defaultdict(list)
    for name, eids in by_name.items():
        compact[_COMPACT.sub("", name)].extend(eids)
    for eids in compact.values():
        for eid in eids[1:]:
            union.union(eids[0], eid)
    _join_short_forms(members, union, by_name)


# "Congress" is an institution; "Congress Party" is India's party, not a longer name
# for it ("Labour" is "Labour Party").
_INSTITUTIONS = frozenset("congress senate parliament assembly duma rada knesset".split())
_COMPACT = re.compile(r"[\s.\-]+")
_CONNECTORS = frozenset("of and the for & de du la le".split())
# A short form joins a longer name when at least this share of the articles that use
# it name the longer one too ("Baikal" beside "Baikal Finance Group").
SHORT_FORM_SHARE = 0.5


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in _CONNECTORS and w[:1].isalpha())


def _join_short_forms(members: Members, union: _Union, by_name: Mapping[str, list[str]]) -> None:
    """Short forms used in the same articles as the one longer name they fit.

    "Baikal" joins "Baikal Finance Group" and "IFS" joins "Institute of Fiscal
    Studies" when the articles that use the short form mostly name the long one too,
    and no other name fits; "BBC", named alone in most of its articles, never joins
    "BBC Radio"; "Virgin" between "Virgin Trains" and "Virgin Megastores" joins none.
    """
    from reader.core.entities.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    docs = {
        name: frozenset(doc for eid in eids for doc, _ in members[eid])
        for name, eids in by_name.items()
    }
    by_first: dict[str, list[str]] = defaultdict(list)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in sorted(by_name):
        words = name.split()
        if len(words) > 1:
            by_first[words[0]].append(name)
            by_initials[_initials(name)].append(name)
    for short in sorted(by_name):
        words = short.split()
        if len(words) == 1 and gaz.zipf(words[0]) >= 4.0:
            continue  # "United", "Premier": ordinary words, whatever they stand for here
        longer = [n for n in by_first.get(words[0], ()) if n.startswith(short + " ")]
        if _acronym(_display(by_name[short], members)):
            longer += by_initials.get(short.replace(".", ""), [])
        fits = []
        for name in longer:
            shared = len(docs[short] & docs[name])
            if shared and shared >= SHORT_FORM_SHARE * len(docs[short]):
                fits.append(name)
        if len({union.find(by_name[n][0]) for n in fits}) == 1:
            union.union(by_name[fits[0]][0], by_name[short][0])


def _display(eids: list[str], members: Members) -> str:
    return members[eids[0]][0][1].name


def _join_people(members: Members, union: _Union, kind: Mapping[str, EntityType]) -> None:
    full: dict[str, list[str]] = {}
    single: list[tuple[str, str]] = []
    for eid, rows in sorted(members.items()):
        if _group_type(eid, members, union, kind) != "person" or _type_of(eid) != "person":
            continue
        words = max((r[1].name.split() for r in rows), key=lambda w: (len(w), w))
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
    from reader.core.entities.gazetteer import load_gazetteer

    gaz = load_gazetteer()

    def spelt_alike(a: str, b: str) -> bool:
        # Two spellings of a transliterated name (Zaluzhny, Zeluzhnyi) are one name;
        # a common English surname and a name one vowel away (Williams, Walliams),
        # or two known surnames (Phillips, Philips... when spelt apart), are two.
        if skeleton(a) == skeleton(b):
            return bool(skeleton(a))
        if gaz.is_surname(a, 1_000) or gaz.is_surname(b, 1_000):
            return False  # a common English surname is spelt one way: Williams
        return variants(a, b) and not (gaz.is_surname(a) and gaz.is_surname(b))

    for eid in sorted(full):
        words = full[eid]
        for other in sorted(_candidates(words[-1], by_last)):
            if other <= eid:
                continue
            wo = full[other]
            if spelt_alike(words[-1], wo[-1]) and spelt_alike(words[0], wo[0]):
                union.union(eid, other)
    # A lone word that some full name opens with ("John", "Harry") is a given name
    # as often as a surname: it joins no one ("John" is not Elton John).
    given = {skeleton(words[0]) for words in full.values()}
    for eid, word in single:
        if skeleton(word) in given:
            continue
        found = [f for f in _candidates(word, by_last) if spelt_alike(word, full[f][-1])]
        fits = {union.find(f) for f in found}
        # A lone word far more widespread than the one full name it fits names
        # something else too: "Macintosh" in five articles is not Robert MacIntosh,
        # named in one.
        alone = len({doc for doc, _ in members[eid]})
        named = len({doc for f in found for doc, _ in members[f]})
        if len(fits) == 1 and alone <= LONE_SURNAME_SPREAD * named:
            union.union(eid, fits.pop())
    # Lone surnames that fit no full name join each other (the first one seen leads).
    order: dict[str, int] = {}
    words_of: dict[str, str] = {}
    by_word: dict[str, list[str]] = defaultdict(list)
    for eid, word in single:
        if union.find(eid) != eid:
            continue
        match = min(
            (o for o in _candidates(word, by_word) if spelt_alike(word, words_of[o])),
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


def _clean(name: str) -> str:
    """ "Kelly Holmes'" (a plural possessive cut short) is shown as "Kelly Holmes"."""
    stripped = name.rstrip("'’")
    return stripped if stripped else name


def display_name(weights: Mapping[str, int], kind: str) -> str:
    """The spelling the corpus uses most: for people of their fullest forms, for
    organisations of the spelled-out names; ties go to the longer spelling."""
    spellings: Counter[str] = Counter()
    for name, weight in weights.items():
        spellings[_clean(name)] += weight
    pool = list(spellings)
    if kind == "person":
        longest = max(len(n.split()) for n in pool)
        pool = [n for n in pool if len(n.split()) == longest]
    elif kind == "org":
        pool = [n for n in pool if not _acronym(n)] or pool  # "European Union", not "EU"
    return max(pool, key=lambda n: (spellings[n], len(n), n))


def _corpus_entity(ids: list[str], members: Members, voted: EntityType | None) -> CorpusEntity:
    rows = [row for eid in ids for row in members[eid]]
    first = rows[0][1]
    if len(ids) == 1 and all(e.name == first.name for _, e in rows):
        # Most entities: one article-level id, one spelling; the same result as below.
        name = _clean(first.name)
        docs = sorted({doc for doc, _ in rows})
        return CorpusEntity(
            id=ids[0],
            name=name,
            type=first.type,
            articles=len(docs),
            mentions=sum(len(e.mentions) for _, e in rows),
            aliases=sorted({a for _, e in rows for a in (e.name, *e.aliases)} - {name}),
            documents=docs,
        )
    kind: EntityType = voted if voted is not None else first.type
    weights: Counter[str] = Counter()
    for _, entity in rows:
        weights[entity.name] += entity.count
    name = display_name(weights, kind)
    per_type: dict[str, set[str]] = defaultdict(set)
    for doc, entity in rows:
        per_type[entity.type].add(doc)
    # The id of a member of the entity's type, the one whose name was chosen if any
    # (article-level ids are stable).
    own = [e for e in ids if _type_of(e) == kind] or ids
    named = [e for e in own if any(_clean(r[1].name) == name for r in members[e])] or own
    best = max(named, key=lambda i: (sum(r[1].count for r in members[i]), i))
    aliases = sorted({a for _, e in rows for a in (e.name, *e.aliases)} - {name})
    docs = sorted({doc for doc, _ in rows})
    return CorpusEntity(
        id=best,
        name=name,
        type=kind,
        articles=len(docs),
        mentions=sum(e.count for _, e in rows),
        aliases=aliases,
        documents=docs,
        types={t: len(d) for t, d in sorted(per_type.items())} if len(per_type) > 1 else {},
    )
