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
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Protocol

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser import syntax

from reader.core.schema import ENTITY_FIELDS, FIELD_ALIASES, QUERY_FIELDS, build_schema


class QueryError(ValueError):
    """A query the user must fix; ``str(error)`` is one line meant for them."""


class EntityLookup(Protocol):
    """What the parser asks the corpus's entities (see ``Library``)."""

    def expand(self, term: str, field: str | None = None) -> list[str]:
        """``term`` first, then the other spellings of the entities it names."""

    def documents(self, term: str, field: str) -> tuple[list[str], list[str]] | None:
        """Articles and spellings of the ``field``-typed entities ``term`` names;
        ``None`` when it names none (the index decides), empty lists when it names
        only blocked ones."""


_LOOKUP: contextvars.ContextVar[EntityLookup | None] = contextvars.ContextVar(
    "reader_entity_lookup", default=None
)
_NO_DOCUMENT = "\x00none"  # an id no document has: "match nothing" that stays a query
_WORD = re.compile(r"\w+")
_EXPANDED_FIELDS = ("title", "body")


class EntityMatch(query.Or):  # type: ignore[misc]
    """The articles of the corpus entities a field query named, remembering the
    spellings so hits in the text can be highlighted."""

    def __init__(self, subqueries: Any, boost: float = 1.0, spellings: tuple[str, ...] = ()):
        super().__init__(subqueries, boost=boost)
        self.spellings = spellings

    def normalize(self) -> query.Query:
        # Plain id terms need no normalising, and Or's would drop the spellings.
        return self


class _EntityNode(syntax.SyntaxNode):  # type: ignore[misc]
    """A parsed ``person:``/``org:``/``place:``/``entity:`` name the corpus knows."""

    has_boost = True

    def __init__(self, docs: list[str], spellings: list[str], boost: float) -> None:
        self.docs = docs
        self.spellings = tuple(spellings)
        self.boost = boost

    def r(self) -> str:
        return f"entity{list(self.spellings)!r}"

    def query(self, parser: Any) -> query.Query:
        ids = self.docs or [_NO_DOCUMENT]
        terms = [query.Term("id", doc_id) for doc_id in ids]
        return EntityMatch(terms, boost=self.boost, spellings=self.spellings)


def _is_word(node: Any) -> bool:
    return type(node) is syntax.WordNode


def _is_phrase(node: Any) -> bool:
    return type(node) is qparser.PhrasePlugin.PhraseNode


def _spelling_node(spelling: str, like: Any) -> syntax.SyntaxNode:
    """A word or phrase node for ``spelling`` in the place of the user's ``like``."""
    node: syntax.TextNode
    if len(_WORD.findall(spelling)) == 1 and _WORD.fullmatch(spelling):
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


def useful_spellings(term: str, spellings: list[str]) -> list[str]:
    """The spellings that find something ``term`` does not: single words first, then
    longer names none of whose words is already looked for ("Valery Zaluzhnyi" adds
    nothing to "Zaluzhnyi", and would mark every "Valery" in the text)."""
    from reader.core.entities.keys import fold

    covered = {fold(term)}
    singles = [s for s in spellings if len(_WORD.findall(s)) == 1 and fold(s) not in covered]
    covered.update(fold(w) for s in singles for w in _WORD.findall(s))
    covered.update(fold(w) for w in _WORD.findall(term))
    longer = [
        s
        for s in spellings
        if len(_WORD.findall(s)) > 1
        and fold(s) != fold(term)
        and not any(fold(w) in covered for w in _WORD.findall(s))
    ]
    return list(dict.fromkeys([*singles, *longer]))


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


_FIELD_REF = re.compile(r"(?:^|(?<=[\s(+-]))([A-Za-z_][\w]*):(?!//)")


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


def _outside_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', lambda m: " " * len(m.group(0)), text)


def check_syntax(text: str) -> None:
    """Raise QueryError for the mistakes Whoosh would silently misread."""
    if not text.strip():
        raise QueryError("empty query")
    if text.count('"') % 2:
        raise QueryError('unclosed quote: add the closing "')
    bare = _outside_quotes(text)
    depth = 0
    for ch in bare:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth:
        raise QueryError("unbalanced parentheses")
    if bare.count("[") != bare.count("]") or bare.count("{") != bare.count("}"):
        raise QueryError("unbalanced brackets in a range: use field:[low TO high]")
    allowed = set(QUERY_FIELDS) | set(FIELD_ALIASES)
    for match in _FIELD_REF.finditer(bare):
        name = match.group(1)
        if name.lower() not in allowed:
            shown = ", ".join(
                sorted({"title", "body", "author", "source", "date", "tag", *ENTITY_FIELDS})
            )
            raise QueryError(f"unknown field '{name}:' (fields: {shown})")


def parse_query(text: str, entities: EntityLookup | None = None) -> query.Query:
    """The Whoosh query for ``text``; with ``entities``, names are expanded (see above)."""
    check_syntax(text)
    lowered = _FIELD_REF.sub(lambda m: m.group(0).lower(), text)
    token = _LOOKUP.set(entities)
    try:
        parsed = _parser().parse(lowered)
    except Exception as error:  # Whoosh raises bare ValueErrors and worse on odd input
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise QueryError(f"cannot read query: {message[:120]}") from None
    finally:
        _LOOKUP.reset(token)
    if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
        raise QueryError("query has nothing to search for")
    if isinstance(parsed, query.Not):
        # "NOT x" alone means "everything except x", which Whoosh would match nothing for.
        parsed = query.And([query.Every(), parsed])
    return parsed


def highlight_terms(parsed: query.Query, reader: object, fields: tuple[str, ...]) -> set[str]:
    """Index terms the query looks for in ``fields``, expanded, excluding negated parts.

    Names asked of the entity fields (``person:Zaluzhnyi``) are highlighted too: their
    spellings are analysed as body text, so every spelling is marked in the article.
    """
    found: set[str] = set()

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not):
            return
        if isinstance(node, EntityMatch):
            if "body" in fields:
                found.update(_body_terms(node.spellings))
            return
        if node.is_leaf() and node.field() in ENTITY_FIELDS and "body" in fields:
            found.update(_body_terms(_leaf_words(node, reader)))
            return
        if node.is_leaf():
            if node.field() not in fields:
                return
            for fieldname, term in node.expanded_terms(reader, phrases=True):
                if fieldname in fields:
                    found.add(term.decode("utf-8") if isinstance(term, bytes) else str(term))
            return
        for child in node.children():
            walk(child)

    walk(parsed)
    return found


def _leaf_words(node: query.Query, reader: object) -> Iterator[str]:
    for _, term in node.expanded_terms(reader, phrases=True):
        yield term.decode("utf-8") if isinstance(term, bytes) else str(term)


def _body_terms(spellings: Any) -> set[str]:
    from reader.core.schema import text_analyzer

    analyzer = text_analyzer()
    words = [w for s in spellings for w in _WORD.findall(str(s))]
    return {t.text for w in words for t in analyzer(w, removestops=True)}
