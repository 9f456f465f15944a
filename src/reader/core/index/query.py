"""Parsing a user's query: Whoosh syntax, checked first so mistakes get one clear line.

Entity names are expanded while parsing (see :class:`EntityLookup`): a word or phrase
in ``title``/``body`` that names a corpus entity also looks for its other spellings
(``Zaluzhny`` finds ``Zaluzhnyi``, ``Kiev`` finds ``Kyiv``), and ``person:``,
``org:``, ``place:`` and ``entity:`` with a known name match the articles of that
corpus entity, so merges and blocks from the aliases file apply without re-indexing.
Names the corpus does not know go to the index's entity fields as they are.
"""

from __future__ import annotations

import contextvars
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser import syntax

from reader.core.index.query_check import (
    FIELD_REF,
    MAX_DEPTH,
    MAX_EXPANSION,
    MAX_FUZZY_EDITS,
    MAX_QUERY_CHARS,
    MAX_SLOP,
    MAX_TOTAL_EXPANSION,
    MAX_WORDS,
    WORD,
    EntityLookup,
    QueryError,
    UnfinishedQuery,
    check_syntax,
    clean_query,
    useful_spellings,
)
from reader.core.index.schema import ENTITY_FIELDS, FIELD_ALIASES, build_schema

__all__ = [  # the checks are defined in query_check and used from here too
    "MAX_DEPTH",
    "MAX_EXPANSION",
    "MAX_FUZZY_EDITS",
    "MAX_QUERY_CHARS",
    "MAX_SLOP",
    "MAX_TOTAL_EXPANSION",
    "MAX_WORDS",
    "EntityLookup",
    "EntityMatch",
    "QueryError",
    "UnfinishedQuery",
    "check_syntax",
    "clean_query",
    "every_document",
    "expand_terms",
    "parse_query",
    "useful_spellings",
]


_LOOKUP: contextvars.ContextVar[EntityLookup | None] = contextvars.ContextVar(
    "reader_entity_lookup", default=None
)
_NO_DOCUMENT = "\x00none"  # an id no document has: "match nothing" that stays a query
_EXPANDED_FIELDS = ("title", "body")


class EntityMatch(query.Query):  # type: ignore[misc]
    """The articles of the corpus entities a field query named, remembering the
    spellings so hits in the text can be highlighted.

    One leaf holding the article ids (sorted, distinct), not an Or of an id term per
    article: a common name has thousands of articles at 20,000 (tens of thousands at
    200,000), and a term object each, hashed and copied as the parser normalises, cost
    more than the rest of the search. Each engine looks the ids up its own way (Tantivy
    as one term set; Whoosh, which serves small corpora, through the Or of id terms it
    builds when it runs the query), and a bare name is answered from the ids without an
    engine (``Library.search``). A leaf also keeps an Or around it (``person:blair OR
    place:europe``) from taking the ids in as its own and losing the spellings.
    """

    def __init__(
        self, ids: Sequence[str], boost: float = 1.0, spellings: tuple[str, ...] = ()
    ) -> None:
        self.ids = tuple(ids)  # a tuple is taken as it is, not copied
        self.boost = boost
        self.spellings = tuple(spellings)
        self._ids_query: query.Query | None = None

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and self.spellings == other.spellings
            and self.boost == other.boost
            and self.ids == other.ids
        )

    def __hash__(self) -> int:
        # Equal matches hash alike without hashing every id.
        ends = (self.ids[0], self.ids[-1]) if self.ids else ()
        return hash((type(self).__name__, self.spellings, self.boost, len(self.ids), ends))

    def __repr__(self) -> str:
        return f"EntityMatch({list(self.spellings)!r}, {len(self.ids)} articles)"

    def __str__(self) -> str:
        return f"entity({', '.join(self.spellings)})"

    def __copy__(self) -> EntityMatch:
        return EntityMatch(self.ids, self.boost, self.spellings)  # the ids are shared

    def __deepcopy__(self, memo: Any) -> EntityMatch:
        return self.__copy__()  # Query.with_boost deep-copies; the ids never change

    def field(self) -> None:
        # Not a search of an index field: an And normalising with "id:*" beside it
        # (everything in that field) would drop it as a search of that field.
        return None

    def normalize(self) -> query.Query:
        return self

    def _id_query(self) -> query.Query:
        """Whoosh's query for the ids: an Or of id terms, built once when first run."""
        if self._ids_query is None or self._ids_query.boost != self.boost:
            terms = [query.Term("id", doc_id) for doc_id in self.ids or (_NO_DOCUMENT,)]
            self._ids_query = query.Or(terms, boost=self.boost)
        return self._ids_query

    def estimate_size(self, ixreader: Any) -> int:
        return int(self._id_query().estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return int(self._id_query().estimate_min_size(ixreader))

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return self._id_query().matcher(searcher, context)


class _EntityNode(syntax.SyntaxNode):  # type: ignore[misc]
    """A parsed ``person:``/``org:``/``place:``/``entity:`` name the corpus knows."""

    has_boost = True

    def __init__(self, docs: Sequence[str], spellings: list[str], boost: float) -> None:
        self.docs = docs
        self.spellings = tuple(spellings)
        self.boost = boost

    def r(self) -> str:
        return f"entity{list(self.spellings)!r}"

    def query(self, parser: Any) -> query.Query:
        return EntityMatch(self.docs, boost=self.boost, spellings=self.spellings)


def _is_word(node: Any) -> bool:
    return type(node) is syntax.WordNode


def _is_phrase(node: Any) -> bool:
    return type(node) is qparser.PhrasePlugin.PhraseNode


def _spelling_node(spelling: str, like: Any) -> syntax.SyntaxNode:
    """A word or phrase node for ``spelling`` in the place of the user's ``like``."""
    node: syntax.TextNode
    if len(WORD.findall(spelling)) == 1 and WORD.fullmatch(spelling):
        node = syntax.WordNode(spelling)
    else:
        node = qparser.PhrasePlugin.PhraseNode(spelling, 0)
    node.set_fieldname(like.fieldname)
    node.set_boost(like.boost)
    return _placed(node, like)


def _placed(node: Any, like: Any) -> Any:
    """Whoosh records where in the query text each part came from."""
    node.startchar = getattr(like, "startchar", None)
    node.endchar = getattr(like, "endchar", None)
    return node


class _EntityPlugin(qparser.Plugin):  # type: ignore[misc]
    """Rewrites names after the multifield plugin gave every word its field."""

    def filters(self, parser: Any) -> list[tuple[Any, int]]:
        return [(self._rewrite, 120)]

    def _rewrite(self, parser: Any, group: Any) -> Any:
        lookup = _LOOKUP.get()
        if lookup is None:
            return group
        for index, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[index] = self._rewrite(parser, node)
            elif _is_word(node) or _is_phrase(node):
                group[index] = _expand_node(node, lookup)
        return group


def _expand_node(node: Any, lookup: EntityLookup) -> Any:
    field = node.fieldname
    if field in ENTITY_FIELDS:
        found = lookup.documents(node.text, field)
        return node if found is None else _placed(_EntityNode(*found, node.boost), node)
    if field not in _EXPANDED_FIELDS:
        return node
    extra = useful_spellings(node.text, lookup.expand(node.text)[1:])
    if not extra:
        return node
    # A group's place in the query text is its first node's.
    return syntax.OrGroup([node, *(_spelling_node(s, node) for s in extra)])


@lru_cache(maxsize=1)
def _parser() -> qparser.QueryParser:
    schema: Schema = build_schema()
    parser = qparser.MultifieldParser(["title", "body"], schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    aliases: dict[str, list[str]] = {}
    for alias, field in FIELD_ALIASES.items():
        aliases.setdefault(field, []).append(alias)
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    parser.add_plugin(_EntityPlugin())
    return parser


def parse_query(text: str, entities: EntityLookup | None = None) -> query.Query:
    """The Whoosh query for ``text``; with ``entities``, names are expanded (see above)."""
    text = clean_query(text)
    check_syntax(text)
    lowered = FIELD_REF.sub(lambda m: m.group(0).lower(), text)
    token = _LOOKUP.set(entities)
    try:
        parsed = _parser().parse(lowered)
    except Exception as error:  # Whoosh raises bare ValueErrors and worse on odd input
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise QueryError(f"cannot read query: {message[:120]}") from None
    finally:
        _LOOKUP.reset(token)
    if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
        raise UnfinishedQuery("query has nothing to search for")
    if isinstance(parsed, query.Not):
        # "NOT x" alone means "everything except x", which Whoosh would match nothing for.
        parsed = query.And([query.Every(), parsed])
    return parsed.accept(_bounded)


def _bounded(node: query.Query) -> query.Query:
    """Refuse fuzzy edits and phrase slop over the limits; "every word" is "every
    document" (answered from the document list, not one query per index word)."""
    if isinstance(node, query.FuzzyTerm) and node.maxdist > MAX_FUZZY_EDITS:
        raise QueryError(
            f"{node.text}~{node.maxdist}: fuzzy search allows at most {MAX_FUZZY_EDITS} "
            f"edits ({node.text}~{MAX_FUZZY_EDITS})"
        )
    if isinstance(node, query.FuzzyTerm) and node.prefixlength < 1:
        # The first letter must match, as in Whoosh's own default: without it every
        # index word is compared (1.6 s for elect~2 on 2,225 articles, 60 ms with).
        return query.FuzzyTerm(
            node.fieldname,
            node.text,
            boost=node.boost,
            maxdist=node.maxdist,
            prefixlength=1,
            constantscore=node.constantscore,
        )
    if isinstance(node, query.Phrase) and node.slop > MAX_SLOP:
        raise QueryError(f"phrase slop ~{node.slop} too large (at most ~{MAX_SLOP})")
    if isinstance(node, query.Every) and node.fieldname is not None:
        return query.Every(boost=node.boost)
    if isinstance(node, query.Wildcard) and "*" in node.text and not node.text.strip("*?"):
        return query.Every(boost=node.boost)
    return node


def every_document(parsed: query.Query) -> bool:
    """Whether ``parsed`` asks for every document and excludes none (``*``, ``body:*``)."""
    if isinstance(parsed, (query.Not, query.AndNot)):
        return False
    if parsed.is_leaf():
        return isinstance(parsed, query.Every)
    return all(every_document(child) for child in parsed.children())


def expand_terms(parsed: query.Query, reader: Any) -> query.Query:
    """``parsed`` with each wildcard, fuzzy and range term replaced by the index words
    it stands for; QueryError when they are more than the limits.

    Counted up to the limit before anything is searched, and expanded once: Whoosh
    would expand such a term again for every estimate, segment and count (a fuzzy
    term a dozen times per search).
    """
    from whoosh.query import NumericRange

    total = 0

    def expand(node: query.Query) -> query.Query:
        nonlocal total
        if not isinstance(node, query.MultiTerm) or isinstance(node, NumericRange):
            return node
        field = reader.schema[node.fieldname]
        words = []
        for word in node._btexts(reader):
            if not word:
                continue
            words.append(field.from_bytes(word) if isinstance(word, bytes) else str(word))
            if len(words) > MAX_EXPANSION:
                raise QueryError(
                    f"{_shown(node)} matches more than {MAX_EXPANSION:,} words: "
                    "make it more specific"
                )
        total += len(words)
        if total > MAX_TOTAL_EXPANSION:
            raise QueryError(
                "the wildcard, fuzzy and range terms match more than "
                f"{MAX_TOTAL_EXPANSION:,} words together: make them more specific"
            )
        # Scored as Whoosh scores the term itself (MultiTerm.matcher).
        terms = [query.Term(node.fieldname, w, boost=node.boost) for w in words]
        if not terms:
            return query.NullQuery
        if len(terms) == 1:
            return terms[0]
        return _Unweighted(terms) if node.constantscore else query.Or(terms)

    return parsed.accept(expand)


class _Unweighted(query.Or):  # type: ignore[misc]
    """The words a wildcard, fuzzy or range term stands for, scored as Whoosh scores
    that term (``MultiTerm.matcher`` with ``constantscore``: no term weighting)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        from whoosh.searching import SearchContext

        context = context.set(weighting=None) if context else SearchContext(weighting=None)
        return super().matcher(searcher, context)

    def normalize(self) -> query.Query:
        return self  # an Or around it would otherwise take its terms in as its own


def _shown(leaf: query.Query) -> str:
    text = str(leaf)
    return text if len(text) <= 60 else text[:59] + "…"
