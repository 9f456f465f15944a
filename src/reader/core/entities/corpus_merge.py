"""Corpus-level merge: one id and one type per entity across all articles.

Within an article the extractor already joined spellings; across articles the same
person may be "Valery Zaluzhnyi" in one and only "Zaluzhny" in another. A shorter
name joins a longer one only on evidence that they are one thing:

* one name, one type: when a name is read as a company in 40 articles and as a
  person in 3, every reading joins the dominant type (at least two thirds of the
  articles); the articles per reading are kept (:attr:`CorpusEntity.types`). Names
  read two ways about equally often stay two entities ("Chelsea" the club and the
  district);
* places merge only by gazetteer id (Kiev and Kyiv); two ids never merge;
* organisations merge by name, never by an alias alone ("BBC" used once for "BBC
  Radio" does not make every "BBC" the radio). Two exceptions carry their own
  evidence: an acronym some article introduced for the name ("Security Service
  (SBU)") joins the name it stands for most often, and a name plus a company or
  party word ("Sony Corp", "Labour Party") is the name;
* people merge when their full names are spellings of each other, and a surname
  alone joins the one full name it fits, never when two people share it; only
  people take part (the surname rule never pulls in a company).

The display name is the spelling the corpus uses most: for people the most used
of the fullest forms ("Valery Zaluzhnyi" over "Zaluzhny"), for organisations the
most used spelled-out name ("European Union" over "EU", "Sony" over "Sony Corp"),
for places the most used form outright (the gazetteer only links
"Avdiivka" and "Avdiyivka"; it does not choose between them).
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

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
    # Every merged article's id, sorted: what the entities' ArticleLists number.
    articles: Sequence[str] = ()

    def canonical(self, entity_id: str) -> str:
        return self.id_map.get(entity_id, entity_id)


class ArticleList(Sequence[str]):
    """The articles of a corpus entity: numbers into one sorted list of article ids that
    every entity of the merge shares.

    An archive's entities name its articles tens of millions of times over (about 40
    entity-article pairs an article); four bytes a pair instead of a list slot and a
    string keeps that to megabytes. It reads as the sorted list of ids it stands for,
    and compares equal to it.
    """

    __slots__ = ("_ids", "numbers")

    def __init__(self, ids: Sequence[str], numbers: array[int]) -> None:
        self._ids = ids  # sorted, shared
        self.numbers = numbers  # ascending, distinct

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._ids[n] for n in self.numbers[index]]
        return self._ids[self.numbers[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self._ids.__getitem__, self.numbers)  # no Python step per id

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        place = bisect.bisect_left(self._ids, value)
        if place == len(self._ids) or self._ids[place] != value:
            return False
        found = bisect.bisect_left(self.numbers, place)
        return found < len(self.numbers) and self.numbers[found] == place

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ArticleList) and other._ids is self._ids:
            return self.numbers == other.numbers
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compares like a list

    def __repr__(self) -> str:
        return repr(list(self))


class _Member:
    """What the merge keeps of one article-level id over the whole corpus.

    The merge reads, of all the rows (article, entity) of an id: the name and type of
    the first row (of the article first by id), its articles, its mentions per name,
    its spellings, and the acronyms its rows introduced (see :func:`_join_orgs`). Kept
    that way, the merge's memory grows with the corpus by four bytes per
    entity-article pair, not by an object per row.
    """

    __slots__ = (
        "base",
        "docs",
        "first",
        "mentions",
        "name",
        "names",
        "spellings",
        "type",
        "typed",
        "votes",
    )

    def __init__(self, name: str, kind: EntityType, doc: int) -> None:
        self.name = name  # of the first row
        self.type: EntityType = kind  # of the first row
        self.base: str = kind  # of the row that came first
        self.first = doc  # the article of the first row
        self.docs = array("I")  # every article, once (in the order they came)
        # Articles per type of reading, kept only once a row's type differs from the
        # type of the row that came first (never, for ids made by the extractor: the
        # type opens the id).
        self.typed: dict[str, array[int]] | None = None
        self.mentions = 0
        self.names: dict[str, int] = {}  # name -> mentions written under it
        self.spellings: set[str] = set()  # names and aliases
        self.votes: Counter[tuple[str, str]] | None = None  # (acronym key, name) -> rows

    def add(
        self, name: str, kind: EntityType, aliases: Sequence[str], count: int, doc: int
    ) -> None:
        """One row: an article's entity of this id, with ``count`` mentions."""
        docs = self.docs
        fresh = not docs or docs[-1] != doc
        if fresh:
            docs.append(doc)
        if kind != self.base and self.typed is None:
            # Every row so far was of the first type (this article's only if an
            # earlier row of it was).
            self.typed = {self.base: array("I", docs[:-1] if fresh else docs)}
        if self.typed is not None:
            kept = self.typed.setdefault(kind, array("I"))
            if not kept or kept[-1] != doc:
                kept.append(doc)
        self.mentions += count
        self.names[name] = self.names.get(name, 0) + count
        self.spellings.add(name)
        self.spellings.update(aliases)
        for vote in _acronym_votes(name, aliases):
            if self.votes is None:
                self.votes = Counter()
            self.votes[vote] += 1

    def per_type(self) -> dict[str, array[int]]:
        return self.typed if self.typed is not None else {self.base: self.docs}


def _acronym_votes(name: str, aliases: Sequence[str]) -> Iterator[tuple[str, str]]:
    """An acronym the article introduced for the entity's name ("Security Service
    (SBU)"): (the acronym's key, the folded name)."""
    if not aliases or len(name.split()) < 2:
        return
    own_words = {fold(w) for w in name.split()}
    for alias in aliases:
        key = name_key(alias)
        if _acronym(alias) and key not in own_words and alias[:1].upper() == name[:1].upper():
            yield key, fold(name)


# One article's entity as the merge reads it: id, name, type, aliases and how many
# mentions (never their offsets).
MergeRow = tuple[str, str, EntityType, Sequence[str], int]


class CorpusMerger:
    """The corpus merge fed one article at a time (:meth:`add`), then :meth:`result`.

    Holds a compact summary per article-level id (see ``_Member``), never the articles'
    entity lists, so an archive's merge fits in memory: the same result as
    :func:`merge_corpus` over all the articles at once, in any order they come.
    """

    def __init__(self) -> None:
        self._ids: list[str] = []  # article ids, in the order they came
        self._sorted = True
        self._members: dict[str, _Member] = {}

    def add(self, doc_id: str, entities: Iterable[Entity]) -> None:
        """One article's entities (each article once)."""
        self.add_rows(
            doc_id, ((e.id, e.name, e.type, e.aliases, len(e.mentions)) for e in entities)
        )

    def add_rows(self, doc_id: str, rows: Iterable[MergeRow]) -> None:
        """One article's entities as :data:`MergeRow` s (each article once): what the
        merge reads of them, as the catalog's stored entities give it without making an
        ``Entity`` (and a placeholder list of mentions) per row: making those took over a
        third of an update's corpus merge (43-48 s at 200,000 generated articles, 27-30 s
        without, the same payload and peak memory)."""
        ids = self._ids
        if ids and doc_id <= ids[-1]:
            self._sorted = False
        doc = len(ids)
        ids.append(doc_id)
        members = self._members
        for eid, name, kind, aliases, count in rows:
            member = members.get(eid)
            if member is None:
                member = members[eid] = _Member(name, kind, doc)
            elif not self._sorted and doc_id < ids[member.first]:
                # The first row is the one of the article first by id.
                member.name, member.type, member.first = name, kind, doc
            member.add(name, kind, aliases, count, doc)

    def result(self) -> CorpusMerge:
        ids = self._renumber()
        members = self._members
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
        for root, group in groups.items():
            entry = _corpus_entity(group, members, kind.get(root), ids)
            result.append(entry)
            id_map.update({eid: entry.id for eid in group})
        result.sort(key=lambda e: (-e.mentions, e.id))
        return CorpusMerge(result, id_map, ids)

    def _renumber(self) -> list[str]:
        """Number the articles in the order of their ids (the order ``ArticleList``
        keeps), when they did not come in that order."""
        ids = self._ids
        if self._sorted:
            return ids
        order = sorted(range(len(ids)), key=ids.__getitem__)
        ranked = [ids[i] for i in order]
        if any(a == b for a, b in itertools.pairwise(ranked)):
            raise ValueError("an article was given to the corpus merge twice")
        rank = array("I", bytes(4 * len(ids)))
        for place, number in enumerate(order):
            rank[number] = place

        def moved(numbers: array[int]) -> array[int]:
            return array("I", sorted(rank[n] for n in numbers))

        for member in self._members.values():
            member.docs = moved(member.docs)
            member.first = rank[member.first]
            if member.typed is not None:
                member.typed = {t: moved(d) for t, d in member.typed.items()}
        self._ids, self._sorted = ranked, True
        return ranked


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


Members = Mapping[str, _Member]


def merge_corpus(documents: Mapping[str, Sequence[Entity]]) -> CorpusMerge:
    """Merge per-article entity lists (keyed by document id) into corpus entities.

    The result does not depend on the order of the documents or of their entities.
    """
    merger = CorpusMerger()
    for doc_id in sorted(documents):
        merger.add(doc_id, documents[doc_id])
    return merger.result()


def _articles(eids: Iterable[str], members: Members) -> set[int]:
    """The articles of several ids, as numbers."""
    return set().union(*(members[eid].docs for eid in eids))


def _type_of(eid: str) -> str:
    return eid.partition(":")[0]


def _key(member: _Member) -> str:
    return name_key(member.name).rstrip("'’")


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
            articles[_type_of(eid)] += len(members[eid].docs)
        total = sum(articles.values())
        best = max(sorted(articles), key=lambda t: articles[t])
        if articles[best] >= DOMINANT_SHARE * total:
            winners = [e for e in eids if _type_of(e) == best]
            for eid in eids:
                union.union(winners[0], eid)
            kind[union.find(winners[0])] = members[winners[0]].type
    return kind


def _group_type(eid: str, members: Members, union: _Union, kind: Mapping[str, EntityType]) -> str:
    return kind.get(union.find(eid), members[eid].type)


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
        for (key, name), rows in (members[eid].votes or {}).items():
            stands_for[key][name] += rows
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
        # The articles of a name are gathered only where a longer name may fit.
        docs = _articles(by_name[short], members) if longer else set()
        for name in longer:
            eids = by_name[name]
            if len(eids) == 1:
                shared = len(docs.intersection(members[eids[0]].docs))
            else:
                shared = len(docs & _articles(eids, members))
            if shared and shared >= SHORT_FORM_SHARE * len(docs):
                fits.append(name)
        if len({union.find(by_name[n][0]) for n in fits}) == 1:
            union.union(by_name[fits[0]][0], by_name[short][0])


def _display(eids: list[str], members: Members) -> str:
    return members[eids[0]].name


def _join_people(members: Members, union: _Union, kind: Mapping[str, EntityType]) -> None:
    full: dict[str, list[str]] = {}
    single: list[tuple[str, str]] = []
    for eid, member in sorted(members.items()):
        if _group_type(eid, members, union, kind) != "person" or _type_of(eid) != "person":
            continue
        words = max((name.split() for name in member.names), key=lambda w: (len(w), w))
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
        alone = len(members[eid].docs)
        named = len(_articles(found, members))
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


def _corpus_entity(
    ids: list[str], members: Members, voted: EntityType | None, articles: Sequence[str]
) -> CorpusEntity:
    group = [members[eid] for eid in ids]
    first = group[0]
    if len(ids) == 1 and len(first.names) == 1:
        # Most entities: one article-level id, one spelling; the same result as below.
        name = _clean(first.name)
        return CorpusEntity(
            id=ids[0],
            name=name,
            type=first.type,
            articles=len(first.docs),
            mentions=first.mentions,
            aliases=sorted(first.spellings - {name}),
            documents=ArticleList(articles, first.docs),
        )
    kind: EntityType = voted if voted is not None else first.type
    weights: Counter[str] = Counter()
    for member in group:
        for spelling, count in member.names.items():
            weights[spelling] += count
    name = display_name(weights, kind)
    per_type: dict[str, set[int]] = defaultdict(set)
    for member in group:
        for reading, docs in member.per_type().items():
            per_type[reading].update(docs)
    # The id of a member of the entity's type, the one whose name was chosen if any
    # (article-level ids are stable).
    own = [e for e in ids if _type_of(e) == kind] or ids
    named = [e for e in own if any(_clean(n) == name for n in members[e].names)] or own
    best = max(named, key=lambda i: (members[i].mentions, i))
    aliases = sorted(set().union(*(m.spellings for m in group)) - {name})
    docs = first.docs if len(group) == 1 else array("I", sorted(_articles(ids, members)))
    return CorpusEntity(
        id=best,
        name=name,
        type=kind,
        articles=len(docs),
        mentions=sum(m.mentions for m in group),
        aliases=aliases,
        documents=ArticleList(articles, docs),
        types={t: len(d) for t, d in sorted(per_type.items())} if len(per_type) > 1 else {},
    )
