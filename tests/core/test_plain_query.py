"""Plain-word queries parsed without Whoosh are exactly what Whoosh's parser makes of them.

:func:`plain_words` answers for queries of plain words and leaves everything else to Whoosh's
parser; on generated queries (words, stop words, one-letter words, figures, accents,
operators, syntax characters, names an entity lookup expands) its tree must equal the parser's,
its refusals the parser's refusals, and what engines make of it (the hit matcher, Tantivy's
query) what they make of the parser's tree. The engines' answers are checked by the contract
suite (``test_engine_contract.py``), whose plain queries now take this path.
"""

from __future__ import annotations

from typing import ClassVar

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.index.hits import compile_hits
from reader.core.index.plain_query import PlainQuery, plain_words, read_query, whoosh_tree
from reader.core.index.query import QueryError, parse_query

WORDS = [
    "economy", "Economy", "ECONOMY", "rates", "soldiers", "café", "CAFÉ", "naïve", "İstanbul",
    "ß", "ﬁnance", "2004", "400", "x", "I", "a", "the", "The", "and", "of", "tbd", "us", "_",
    "snake_case", "Zaluzhnyi", "Kiev", "and", "or", "not", "to", "AND", "OR", "NOT", "ANDNOT",
    "ANDMAYBE", "REQUIRE", "TO", "And", "Or", "Not", "To", "aNd", "economies", "running",
    "generalisation", "a1", "²", "٣", "東京", "κόσμος",
]  # fmt: skip
SYNTAX = ['"', "*", "?", "~", "~2", "^2", ":", "title:", "(", ")", "[", "]", "{", "}", "-", "+",
          "'", ".", ",", "<", ">", "=", "/", "!", "\t", "\n", "\x00", "  "]  # fmt: skip


@st.composite
def queries(draw: st.DrawFn) -> str:
    """Mostly plain words; some glued to or separated by syntax characters."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        word = draw(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6)))
        if draw(st.integers(0, 4)) == 0:
            word += draw(st.sampled_from(SYNTAX)) + draw(st.sampled_from(["", *WORDS]))
        parts.append(word)
    separator = draw(st.sampled_from([" ", " ", "  ", "\u3000", "\xa0", "\u2003"]))
    return separator.join(parts)


def _same_as_whoosh(text: str, entities: object = None) -> PlainQuery | None:
    """``plain_words(text)`` after checking it against Whoosh's parser."""
    try:
        expected = parse_query(text, entities)  # type: ignore[arg-type]
    except QueryError as error:
        try:
            left = plain_words(text, entities)  # type: ignore[arg-type]
        except QueryError as refused:
            assert (type(refused), str(refused)) == (type(error), str(error)), text
        else:
            assert left is None, text  # left to the parser, which refuses it
        return None
    found = plain_words(text, entities)  # type: ignore[arg-type]
    if found is not None:
        assert found.to_whoosh() == expected, text
    return found


@settings(max_examples=600)
@given(queries())
@example("economy")
@example("the economy")
@example("economy economy Economy economies")
@example("the of")
@example("x")
@example("x" * 2_001)
@example(" ".join(["w"] * 301))
@example("economy AND rates")
@example("economy\tand rates")
def test_plain_words_are_parsed_as_whoosh_parses_them(text: str) -> None:
    _same_as_whoosh(text)


@given(st.lists(st.sampled_from(WORDS[:20]), min_size=1, max_size=5).map(" ".join))
def test_plain_words_do_not_go_to_the_parser(text: str) -> None:
    """The words users type most take this path (else the test above proves nothing)."""
    try:
        parse_query(text)
    except QueryError:
        return  # only stop words and one-letter words: refused by both alike (checked above)
    assert _same_as_whoosh(text) is not None


class Entities:
    """Names with other spellings (Kiev: Kyiv); every other word names nothing."""

    SPELLINGS: ClassVar[dict[str, list[str]]] = {
        "kiev": ["Kiev", "Kyiv"],
        "zaluzhnyi": ["Zaluzhnyi", "Zaluzhny"],
    }

    def expand(self, term: str, field: str | None = None) -> list[str]:
        return self.SPELLINGS.get(term.lower(), [term])

    def documents(self, term: str, field: str) -> tuple[list[str], list[str]] | None:
        return None


@settings(max_examples=200)
@given(queries())
@example("Kiev elections")
@example("kiev")
def test_names_with_other_spellings_go_to_the_parser(text: str) -> None:
    found = _same_as_whoosh(text, Entities())
    if found is not None:
        assert not {"kiev", "zaluzhnyi"} & {w.lower() for w in text.split()}


def test_a_name_with_other_spellings_is_expanded() -> None:
    assert plain_words("Kiev", Entities()) is None
    assert plain_words("Kyiv", Entities()) == PlainQuery(("kyiv",))


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join))
def test_the_hit_matcher_and_tantivys_query_are_the_trees(text: str) -> None:
    from reader.core.index.engine.tantivy_engine import _schema, translate

    try:
        plain = plain_words(text)
    except QueryError:
        return
    if plain is None:
        return
    tree = plain.to_whoosh()
    assert compile_hits(plain, None) == compile_hits(tree, None)
    assert compile_hits(plain, None, "title") == compile_hits(tree, None, "title")
    assert compile_hits(plain, None, "authors") == compile_hits(tree, None, "authors")
    schema = _schema()
    assert repr(translate(plain, schema)) == repr(translate(tree, schema))


def test_read_query_takes_the_parser_for_syntax() -> None:
    assert isinstance(read_query("oil prices"), PlainQuery)
    parsed = read_query('"oil prices"')
    assert not isinstance(parsed, PlainQuery)
    assert whoosh_tree(parsed) is parsed
    assert whoosh_tree(read_query("oil prices")) == parse_query("oil prices")
