"""Queries of plain words, parsed without Whoosh's parser.

Most queries typed are a few plain words (``economy``, ``oil prices``). Whoosh's parser
costs 50 ms of imports in a new process, more than the rest of a one-shot search on a
Tantivy index, and for such words its tree is always the same: every word is looked for
in the title or the body, and every word must match. :func:`plain_words` builds that
answer (a :class:`PlainQuery`) directly when it can tell the query is of that kind, and
:func:`read_query` falls back to :func:`reader.core.index.query.parse_query` for
everything else (fields, quotes, operators, wildcards, names the corpus's entities
expand). ``tests/core/test_plain_query.py`` checks on generated queries that
:meth:`PlainQuery.to_whoosh` is exactly the tree Whoosh's parser makes.

Engines take a :class:`PlainQuery` as they take a parsed tree: Tantivy translates it
directly, Whoosh runs :meth:`PlainQuery.to_whoosh`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.core.index.query_check import (
    EntityLookup,
    UnfinishedQuery,
    check_syntax,
    clean_query,
    useful_spellings,
)

if TYPE_CHECKING:
    from whoosh import query as wq

FIELDS = ("title", "body")  # the fields a word without one is looked for in
# A word made of word characters only: anything else (quotes, ':', '*', '~', '^',
# brackets, parentheses, '<', '=', '-', '+', '.', ',') may be query syntax or split
# into several terms, and goes to Whoosh's parser.
_PLAIN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")  # as Whoosh's whitespace tagger splits
# Whoosh's operators (upper case only: "oil and gas" is three words), and the word of
# its ranges.
_SYNTAX_WORDS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE", "TO"})


class PlainQuery(NamedTuple):
    """Every one of ``terms`` (analysed, in the order typed, without repeats), each in
    the title or the body."""

    terms: tuple[str, ...]

    def to_whoosh(self) -> wq.Query:
        """The tree Whoosh's parser makes of the same words."""
        from whoosh import query as wq

        either = [wq.Or([wq.Term(field, term) for field in FIELDS]) for term in self.terms]
        return either[0] if len(either) == 1 else wq.And(either)


def plain_words(text: str, entities: EntityLookup | None = None) -> PlainQuery | None:
    """The :class:`PlainQuery` of ``text`` when it is plain words (None: parse it with
    Whoosh). Raises QueryError as the parser would: limits, nothing to search for."""
    text = clean_query(text)
    words = [word for word in _SPACES.split(text) if word]
    if not words or not all(_PLAIN.fullmatch(w) and w not in _SYNTAX_WORDS for w in words):
        return None
    check_syntax(text)
    from reader.core.index.analysis import text_tokens

    terms: dict[str, None] = {}
    for word in words:
        if entities is not None and useful_spellings(word, entities.expand(word)[1:]):
            return None  # the word names an entity with other spellings: the parser expands it
        tokens = text_tokens(word)
        if len(tokens) > 1:
            return None  # not one term (cannot happen with today's pattern): let Whoosh say
        if tokens:
            terms[tokens[0].text] = None
    if not terms:
        raise UnfinishedQuery("query has nothing to search for")
    return PlainQuery(tuple(terms))


def read_query(text: str, entities: EntityLookup | None = None) -> PlainQuery | Any:
    """What engines search for ``text``: a :class:`PlainQuery`, or Whoosh's parsed tree."""
    plain = plain_words(text, entities)
    if plain is not None:
        return plain
    from reader.core.index.query import parse_query

    return parse_query(text, entities)


def whoosh_tree(parsed: PlainQuery | Any) -> Any:
    """``parsed`` as Whoosh's query tree (a parsed tree is one already)."""
    return parsed.to_whoosh() if isinstance(parsed, PlainQuery) else parsed
