"""What a query marks in an article's text: its hits, exactly as the index matched them.

A parsed query is compiled once per search into a :class:`HitMatcher` (single terms,
plus phrases as sequences of term alternatives with a slop), and :func:`hit_spans`
applies it to a text. Hit counts, ``n``/``N``, the Details hit list, snippets and the
JSON highlights all come from :func:`hit_spans`, so they always agree.

The text is analysed exactly as the body field is indexed (``schema.text_analyzer``:
stop words and one-letter tokens dropped, the remaining tokens numbered
consecutively, stems, accents folded), and a phrase is matched as Whoosh's
``Phrase`` query matches it (``SpanNear2`` with ``mindist=1``): each next word
comes 1 to ``slop`` positions after the previous one. A phrase hit is one span from
its first word to the earliest last word that completes it; a hit shown is a hit the
index counted.

What is marked: every body term and phrase the query asks for, wildcard, fuzzy and
range terms as the index expanded them, and entity spellings (the ``person:``,
``org:``, ``place:`` and ``entity:`` names, each spelling a phrase). Not marked:
negated parts (``NOT x``), and terms scoped to another field (``title:x``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# Whoosh is imported inside functions: the app shows its window before it loads.


@dataclass(frozen=True)
class Phrase:
    """Words in order, each a set of alternative analysed terms, the next 1 to
    ``slop`` positions after the previous one."""

    words: tuple[frozenset[str], ...]
    slop: int = 1


@dataclass(frozen=True)
class HitMatcher:
    """What a query marks in a text (see the module docstring)."""

    terms: frozenset[str] = frozenset()
    phrases: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


@dataclass(frozen=True)
class Token:
    text: str  # analysed: lowercased, stemmed, accents folded
    pos: int  # consecutive over the tokens kept, as the index numbers them
    start: int
    end: int


def analysed(text: str) -> list[Token]:
    """The tokens the body field indexes for ``text``, with their positions."""
    from reader.core.index.analysis import text_tokens

    return [Token(t.text, t.pos, t.start, t.end) for t in text_tokens(text)]


def hit_spans(text: str, matcher: HitMatcher, limit: int | None = None) -> list[tuple[int, int]]:
    """Character spans of every hit in ``text`` (its first ``limit`` chars), in order.

    Overlapping hits (a term inside a phrase also asked for, two phrases sharing a
    word) are one span: a reader sees one marked stretch, counted once.
    """
    from reader.core.index.analysis import wanted_tokens

    if not matcher or not text:
        return []
    sample = text if limit is None or len(text) <= limit else text[:limit]
    wanted = matcher.terms.union(*(w for p in matcher.phrases for w in p.words))
    # Only the tokens the matcher looks for are kept.
    tokens = [Token(*t) for t in wanted_tokens(sample, wanted)]
    spans = [(t.start, t.end) for t in tokens if t.text in matcher.terms]
    for phrase in matcher.phrases:
        spans.extend(phrase_spans(tokens, phrase))
    return merge_spans(spans)


def phrase_spans(tokens: list[Token], phrase: Phrase) -> Iterator[tuple[int, int]]:
    """One span per position where ``phrase`` starts a match, to its earliest end.

    ``tokens`` are in text order; any not in the phrase may be left out.
    """
    if not phrase.words or phrase.slop < 1:
        return  # Whoosh's phrases need each word at least one place on: slop 0 never matches
    at = {t.pos: t for t in tokens}
    # Each word's positions, sorted.
    occurrences = [[t.pos for t in tokens if t.text in word] for word in phrase.words]
    slop = phrase.slop
    for first in occurrences[0]:
        reach = [first]  # where the words so far can end, sorted
        for places in occurrences[1:]:
            low = bisect.bisect_right(places, reach[0])
            high = bisect.bisect_right(places, reach[-1] + slop)
            following = []
            for place in places[low:high]:
                # Some earlier end within slop before this place?
                j = bisect.bisect_left(reach, place - slop)
                if j < len(reach) and reach[j] < place:
                    following.append(place)
            reach = following
            if not reach:
                break
        if reach:
            yield at[first].start, at[reach[0]].end


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# -- compiling a parsed query ----------------------------------------------------------


def compile_hits(parsed: Any, reader: Any, field: str = "body") -> HitMatcher:
    """The matcher for the parts of ``parsed`` (a parsed tree or a plain query, see
    :mod:`.plain_query`) that look in ``field``.

    ``reader`` (a Whoosh index reader) expands wildcard, fuzzy and range terms still
    in ``parsed`` to the index terms they match (``query.expand_terms`` has usually
    done so already, within its limits).
    """
    from reader.core.index.plain_query import FIELDS, PlainQuery

    if isinstance(parsed, PlainQuery):
        # Each word in the title or the body: the body's terms, as its Whoosh tree gives.
        return HitMatcher(frozenset(parsed.terms) if field in FIELDS else frozenset())
    terms: set[str] = set()
    phrases: list[Phrase] = []
    for pattern in _patterns(parsed, reader, field):
        if len(pattern.words) == 1:
            terms.update(pattern.words[0])
        elif pattern.words:
            phrases.append(pattern)
    return HitMatcher(frozenset(terms), tuple(dict.fromkeys(phrases)))


def _patterns(node: Any, reader: Any, field: str) -> Iterator[Phrase]:
    from whoosh import query

    from reader.core.index.query import EntityMatch
    from reader.core.index.schema import ENTITY_FIELDS

    if isinstance(node, query.Not):
        return  # what the query excludes is never a hit
    if isinstance(node, query.AndNot):
        yield from _patterns(node.a, reader, field)
        return
    if isinstance(node, EntityMatch):
        # A person:/org:/place:/entity: name the corpus knows: its spellings, each
        # marked where the text uses it.
        for spelling in node.spellings:
            yield from _text_pattern(str(spelling))
        return
    if isinstance(node, query.Phrase):
        if node.fieldname == field:
            yield Phrase(tuple(frozenset([w]) for w in node.words), node.slop)
        elif node.fieldname in ENTITY_FIELDS:
            yield from _text_pattern(" ".join(node.words))
        return
    if node.is_leaf():
        name = node.field()
        if name == field:
            for term in _expanded(node, reader):
                yield Phrase((frozenset([term]),))
        elif name in ENTITY_FIELDS:
            # A name the corpus does not list (the index's field decides): its words
            # are marked as body text.
            for term in _expanded(node, reader):
                yield from _text_pattern(term)
        return
    for child in node.children():
        yield from _patterns(child, reader, field)


def _expanded(node: Any, reader: Any) -> Iterator[str]:
    from whoosh import query

    if isinstance(node, query.Every):
        return  # "every document": nothing in particular to mark
    for _, term in node.expanded_terms(reader):
        yield term.decode("utf-8") if isinstance(term, bytes) else str(term)


def _text_pattern(text: str) -> Iterator[Phrase]:
    """``text`` analysed as body text: a term, a phrase, or nothing (stop words)."""
    from reader.core.index.analysis import text_tokens

    words = [t.text for t in text_tokens(text)]
    if words:
        yield Phrase(tuple(frozenset([w]) for w in words))
