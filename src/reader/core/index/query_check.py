"""What a query may be, told without Whoosh: the errors, the limits, cleaning and syntax checks.

Everything here runs before a query is parsed (:mod:`.query` with Whoosh's parser, or
:mod:`.plain_query` for plain words), and imports nothing heavy: a one-shot search on a
Tantivy index checks and parses ``economy`` without loading Whoosh at all.
:mod:`.query` re-exports these names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from reader.core.index.schema import ENTITY_FIELDS, FIELD_ALIASES, QUERY_FIELDS

WORD = re.compile(r"\w+")


class QueryError(ValueError):
    """A query the user must fix; ``str(error)`` is one line meant for them."""


class UnfinishedQuery(QueryError):
    """A query with nothing to search for yet (one letter, only stop words): being
    typed rather than wrong, so the search box says "keep typing", not an error."""


# What one query may cost. Whoosh's parser is quadratic in a word's length (40,000
# characters took 21 s), and a wildcard, fuzzy or range term becomes one term query
# per index word it matches ("*" over a corpus: every word of it), so both are
# bounded, and a query over the limits gets one line saying which limit.
MAX_QUERY_CHARS = 2_000
MAX_WORDS = 300  # words and phrase words of a query
MAX_DEPTH = 20  # nested parentheses
MAX_FUZZY_EDITS = 2  # word~2; Whoosh's automaton for ~3 and more is huge
MAX_SLOP = 100  # "a b"~100: words up to 100 positions apart
MAX_EXPANSION = 500  # index words one wildcard, fuzzy or range term stands for
MAX_TOTAL_EXPANSION = 1_500  # the same, all of a query's together


class EntityLookup(Protocol):
    """What the parser asks the corpus's entities (see ``Library``)."""

    def expand(self, term: str, field: str | None = None) -> list[str]:
        """``term`` first, then the other spellings of the entities it names."""

    def documents(self, term: str, field: str) -> tuple[Sequence[str], list[str]] | None:
        """Articles (ids, sorted and distinct) and spellings of the ``field``-typed
        entities ``term`` names; ``None`` when it names none (the index decides), empty
        when it names only blocked ones."""


def useful_spellings(term: str, spellings: list[str]) -> list[str]:
    """The spellings that find something ``term`` does not: single words first, then
    longer names none of whose words is already looked for ("Valery Zaluzhnyi" adds
    nothing to "Zaluzhnyi", and would mark every "Valery" in the text)."""
    from reader.core.entities.keys import fold

    covered = {fold(term)}
    singles = [s for s in spellings if len(WORD.findall(s)) == 1 and fold(s) not in covered]
    covered.update(fold(w) for s in singles for w in WORD.findall(s))
    covered.update(fold(w) for w in WORD.findall(term))
    longer = [
        s
        for s in spellings
        if len(WORD.findall(s)) > 1
        and fold(s) != fold(term)
        and not any(fold(w) in covered for w in WORD.findall(s))
    ]
    return list(dict.fromkeys([*singles, *longer]))


FIELD_REF = re.compile(r"(?:^|(?<=[\s(+-]))([A-Za-z_][\w]*):(?!//)")


def _outside_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', lambda m: " " * len(m.group(0)), text)


def names_entities(text: str) -> bool:
    """Whether ``text`` searches an entity field (``person:``, ``org:``, ``place:``,
    ``entity:``, any case, outside quotes). Such a name the corpus knows is answered from
    the corpus merge's list of its articles (:class:`.query.EntityMatch`), so the merge
    must include the latest articles; plain words find them through the index alone."""
    bare = _outside_quotes(text)
    return any(match.group(1).lower() in ENTITY_FIELDS for match in FIELD_REF.finditer(bare))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_query(text: str) -> str:
    """``text`` with control characters (a pasted tab or newline, a NUL, an escape)
    as spaces and unpaired surrogates (undecodable bytes of a command-line argument)
    as U+FFFD: nothing a query echoes can reach a terminal, nothing breaks encoding."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))


def check_syntax(text: str) -> None:
    """Raise QueryError for the mistakes Whoosh would silently misread, and for
    queries over the size limits."""
    if not text.strip():
        raise QueryError("empty query")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(text):,} characters (at most {MAX_QUERY_CHARS:,})")
    words = len(WORD.findall(text))
    if words > MAX_WORDS:
        raise QueryError(f"query has too many words: {words:,} (at most {MAX_WORDS})")
    if text.count('"') % 2:
        raise QueryError('unclosed quote: add the closing "')
    bare = _outside_quotes(text)
    depth = deepest = 0
    for ch in bare:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        deepest = max(deepest, depth)
        if depth < 0:
            break
    if deepest > MAX_DEPTH:
        raise QueryError(f"parentheses nested too deep: {deepest} levels (at most {MAX_DEPTH})")
    if depth:
        raise QueryError("unbalanced parentheses")
    if bare.count("[") != bare.count("]") or bare.count("{") != bare.count("}"):
        raise QueryError("unbalanced brackets in a range: use field:[low TO high]")
    allowed = set(QUERY_FIELDS) | set(FIELD_ALIASES)
    for match in FIELD_REF.finditer(bare):
        name = match.group(1)
        if name.lower() not in allowed:
            shown = ", ".join(
                sorted({"title", "body", "author", "source", "date", "tag", *ENTITY_FIELDS})
            )
            raise QueryError(f"unknown field '{name}:' (fields: {shown})")
