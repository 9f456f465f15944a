"""Parsing a user's query: Whoosh syntax, checked first so mistakes get one clear line."""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh import qparser, query
from whoosh.fields import Schema

from reader.core.schema import FIELD_ALIASES, QUERY_FIELDS, build_schema


class QueryError(ValueError):
    """A query the user must fix; ``str(error)`` is one line meant for them."""


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
            shown = ", ".join(sorted({"title", "body", "author", "source", "date", "tag"}))
            raise QueryError(f"unknown field '{name}:' (fields: {shown})")


def parse_query(text: str) -> query.Query:
    check_syntax(text)
    lowered = _FIELD_REF.sub(lambda m: m.group(0).lower(), text)
    try:
        parsed = _parser().parse(lowered)
    except Exception as error:  # Whoosh raises bare ValueErrors and worse on odd input
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise QueryError(f"cannot read query: {message[:120]}") from None
    if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
        raise QueryError("query has nothing to search for")
    if isinstance(parsed, query.Not):
        # "NOT x" alone means "everything except x", which Whoosh would match nothing for.
        parsed = query.And([query.Every(), parsed])
    return parsed


def highlight_terms(parsed: query.Query, reader: object, fields: tuple[str, ...]) -> set[str]:
    """Index terms the query looks for in ``fields``, expanded, excluding negated parts."""
    found: set[str] = set()

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not):
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
