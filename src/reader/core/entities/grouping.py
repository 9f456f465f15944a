"""Mentions to entities within one article.

People are grouped by surname: "Valery Zaluzhnyi", "Zaluzhny's" and "Zeluzhnyi" are
one person (spelling variants, see :func:`keys.variants`); places by gazetteer id
("Kiev" and "Kyiv" are ``place:kyiv``); organisations by name, with acronyms joined
to the name they were introduced with. Two different gazetteer ids never merge.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter

from reader.core.entities.classify import Typed
from reader.core.entities.keys import name_key, skeleton, slug, spellings, variants
from reader.core.entities.model import Entity, EntityType, Mention


@dataclass
class _Cluster:
    type: EntityType
    key: str
    forms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    place_id: str | None = None
    place_name: str | None = None
    full: list[list[str]] = field(default_factory=list)
    # Every spelling (see :func:`keys.spellings`) of the surnames in ``full``.
    surnames: set[str] = field(default_factory=set)

    # Written out so that the compiled build compiles it (see spans.Span.__init__).
    # (The fields in their order, as the decorator's __init__ took them: replace() works.)
    def __init__(
        self,
        type: EntityType,
        key: str,
        forms: list[str] | None = None,
        mentions: list[Mention] | None = None,
        place_id: str | None = None,
        place_name: str | None = None,
        full: list[list[str]] | None = None,
        surnames: set[str] | None = None,
    ) -> None:
        self.type = type
        self.key = key
        self.forms = [] if forms is None else forms
        self.mentions = [] if mentions is None else mentions
        self.place_id = place_id
        self.place_name = place_name
        self.full = [] if full is None else full
        self.surnames = set() if surnames is None else surnames

    def __copy__(self) -> _Cluster:
        return replace(self)  # (see spans.Span.__copy__)

    def add(self, text: str, start: int, end: int, form: str) -> None:
        self.mentions.append(Mention(start, end, text[start:end]))
        self.forms.append(form)


def group(text: str, typed: list[Typed], links: dict[str, str]) -> list[Entity]:
    """Entities of one article from its typed mentions, in order of first mention."""
    clusters: dict[str, _Cluster] = {}
    people: list[_Cluster] = []
    order = sorted(typed, key=lambda t: (t.type != "person" or -len(t.words), t.start))
    for item in order:
        assert item.type is not None
        form = item.name
        if item.type == "person":
            cluster = _person(people, [w[2] for w in item.words])
        elif item.type == "place" and item.place is not None:
            key = item.place.id
            found = clusters.get(key)  # (setdefault would build a cluster every time)
            if found is None:
                found = clusters[key] = _Cluster("place", key, place_id=key)
            cluster = found
            cluster.place_name = item.place.name
        else:
            own = name_key(form)
            key = f"{item.type}:{links.get(own, own)}"
            found = clusters.get(key)
            if found is None:
                found = clusters[key] = _Cluster(item.type, key)
            cluster = found
        cluster.add(text, item.start, item.end, form)
    entities = [_entity(c) for c in [*clusters.values(), *people]]
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|ar|az|an)-", re.IGNORECASE)


# Mention's own order (its fields in turn), read in C rather than by dataclass __lt__.
_MENTION_ORDER = attrgetter("start", "end", "text")


@lru_cache(maxsize=65536)
def _surname(word: str) -> str:
    """ "al-Assad" is filed under "Assad"."""
    return _ARTICLE.sub("", word)


def _person(people: list[_Cluster], words: list[str]) -> _Cluster:
    last = _surname(words[-1])
    # A cluster whose surnames have ``last`` among their spellings: what testing
    # ``variants`` against each of its full names finds, in one set lookup.
    key = skeleton(last)
    candidates = [c for c in people if key in c.surnames]
    if len(words) > 1:
        for cluster in candidates:
            if any(_same_first(words, f) for f in cluster.full):
                cluster.full.append(words)
                cluster.surnames |= spellings(key)
                return cluster
        cluster = _Cluster("person", " ".join(words), full=[words], surnames=set(spellings(key)))
        people.append(cluster)
        return cluster
    if candidates:
        return max(candidates, key=lambda c: len(c.mentions))
    cluster = _Cluster("person", last, full=[words], surnames=set(spellings(key)))
    people.append(cluster)
    return cluster


def _same_first(a: list[str], b: list[str]) -> bool:
    if len(a) == 1 or len(b) == 1:
        return True
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    # "V. Zaluzhnyi" is "Valery Zaluzhnyi".
    return variants(x, y) or (min(len(x), len(y)) == 1 and x[:1] == y[:1])


def _entity(cluster: _Cluster) -> Entity:
    forms = cluster.forms
    if forms.count(forms[0]) == len(forms):
        # One form (most entities): the name whichever way it is chosen below.
        name = forms[0]
        if cluster.place_id is not None and cluster.place_name is not None:
            return _finish(cluster, cluster.place_id, name)
        return _finish(cluster, f"{cluster.type}:{slug(name_key(name))}", name)
    counts = Counter(forms)
    if cluster.place_id is not None and cluster.place_name is not None:
        # The article's own spelling ("Avdiivka"), not the gazetteer's ("Avdiyivka"):
        # the gazetteer id only links the variants. Ties go to the gazetteer's name.
        canonical = cluster.place_name
        name = max(counts, key=lambda f: (counts[f], f == canonical, len(f), f))
        eid = cluster.place_id
    else:
        # The most used of the longest forms: "Valery Zaluzhnyi" over "Zaluzhny".
        longest = max(len(f.split()) for f in counts)
        name = max(
            (f for f in counts if len(f.split()) == longest),
            key=lambda f: (counts[f], len(f), f),
        )
        # "PCs" is filed as "PC": its id must not be the one of a "PCS".
        eid = f"{cluster.type}:{slug(name_key(name))}"
    return _finish(cluster, eid, name)


def _finish(cluster: _Cluster, eid: str, name: str) -> Entity:
    aliases = sorted({m.text for m in cluster.mentions} - {name})
    mentions = sorted(cluster.mentions, key=_MENTION_ORDER)
    return Entity(id=eid, name=name, type=cluster.type, mentions=mentions, aliases=aliases)
