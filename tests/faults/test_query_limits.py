"""Hostile queries are refused with one line saying which limit, or answered within
bounds: never a traceback, never an unbounded expansion.

No timings here (machines are shared); ``benchmarks/fuzz_queries.py`` times them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq

from conftest import article
from reader.core.index import query
from reader.core.index.library import Library
from reader.core.index.query import QueryError, parse_query

WORDS = " ".join(f"zq{i:04d}" for i in range(40))


@pytest.fixture
def lib(make_corpus: Callable[..., Path]) -> Iterator[Library]:
    root = make_corpus(
        {
            "a.txt": article("Election night", f"The general election result. {WORDS}"),
            "b.txt": article("Markets", "Shares rose as the economy grew."),
            "c.txt": article("Empty-ish", "x"),
        }
    )
    library = Library(root)
    library.update()
    yield library
    library.close()


def refused(library: Library, text: str) -> str:
    with pytest.raises(QueryError) as caught:
        library.search(text)
    message = str(caught.value)
    assert "\n" not in message and 0 < len(message) <= 200
    return message


def test_long_queries_are_refused_before_parsing(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parser() -> None:
        raise AssertionError("the parser must not see an over-long query")

    monkeypatch.setattr(query, "_parser", no_parser)
    for text in ("x" * 40_000, "x" * 100_000, '"' + "word " * 1000 + '"'):
        assert "at most 2,000" in refused(lib, text)


def test_too_many_words_and_deep_nesting_are_refused(lib: Library) -> None:
    many = " ".join(f"w{i}" for i in range(301))
    assert "too many words" in refused(lib, many) and "at most 300" in refused(lib, many)
    assert "nested too deep" in refused(lib, "(" * 21 + "general" + ")" * 21)
    assert lib.search("(" * 20 + "general" + ")" * 20).total == 1


def test_fuzzy_edits_are_bounded_and_keep_the_first_letter(lib: Library) -> None:
    assert "at most 2 edits" in refused(lib, "general~4")
    assert "at most 2 edits" in refused(lib, "a~3 b~9")
    fuzzy = [q for q in parse_query("resalt~2").leaves() if isinstance(q, wq.FuzzyTerm)]
    assert fuzzy and all(q.maxdist == 2 and q.prefixlength >= 1 for q in fuzzy)
    assert lib.search("resalt~2").total == 1


def test_phrase_slop_is_bounded(lib: Library) -> None:
    assert "at most ~100" in refused(lib, '"general result"~101')
    assert lib.search('"general result"~100').total == 1


@pytest.mark.parametrize("text", ["*", "**", "***", "?*", "body:*", "title:*", "*:*"])
def test_every_word_is_every_document(lib: Library, text: str) -> None:
    parsed = parse_query(text)
    assert all(isinstance(leaf, wq.Every) and leaf.fieldname is None for leaf in parsed.leaves())
    results = lib.search(text)
    assert results.total == 3
    assert not results.matcher


def test_every_document_is_newest_first_like_the_list(
    make_corpus: Callable[..., Path],
) -> None:
    dated = {
        f"{name}.txt": f"---\ntitle: {name}\ndate: {date}\n---\n\nSome text about {name}.\n"
        for name, date in [("old", "2001-01-01"), ("new", "2024-05-01"), ("mid", "2010-06-01")]
    }
    library = Library(make_corpus(dated))
    library.update()
    try:
        results = library.search("*", limit=2)
        assert results.total == 3
        assert [h.id for h in results.hits] == ["new", "mid"]
        # Excluding some is a query again, in the index's order.
        assert {h.id for h in library.search("* NOT title:old").hits} == {"new", "mid"}
    finally:
        library.close()


def test_wildcard_fuzzy_and_range_expansion_is_counted_before_searching(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "MAX_EXPANSION", 10)
    monkeypatch.setattr(query, "MAX_TOTAL_EXPANSION", 25)
    assert "matches more than 10 words" in refused(lib, "zq*")
    assert "matches more than 10 words" in refused(lib, "body:{zq0000 TO zq0039}")
    assert "together" in refused(lib, "zq000* OR zq001* OR zq002*")
    # Within the limits: answered, and every expanded word is a hit.
    results = lib.search("zq000*")
    assert results.total == 1 and len(results.hits[0].positions) == 10
    assert lib.search("body:[zq0010 TO zq0015]").hits[0].positions


def test_odd_ranges_and_characters_get_one_line(lib: Library) -> None:
    assert "date" in refused(lib, "date:[a TO b]")
    refused(lib, "date:[1 TO 99999999999]")
    assert lib.search("date:[2000 TO 2030]").total >= 0
    # Control characters are spaces; the query echoed back carries none.
    results = lib.search("general\x00election\t\x1b")
    assert results.total == 1 and "\x00" not in results.query and "\x1b" not in results.query
    for text in ("\ud800general", "gen\u202eeral", "\u200b", "élection", "🗳️ election"):
        try:
            lib.search(text)
        except QueryError as error:
            assert "\n" not in str(error)


PIECES = [*'*?~"()[]{}:^+-\\/ ', " TO ", " AND ", " OR ", " NOT ", "title:", "body:", "date:"]
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(PIECES), st.sampled_from(["general", "zq00", "elect"]), st.text(max_size=3)
    ),
    max_size=20,
).map("".join)


@given(HOSTILE)
def test_any_text_is_answered_or_refused_with_one_line(lib: Library, text: str) -> None:
    try:
        results = lib.search(text)
    except QueryError as error:
        assert "\n" not in str(error) and str(error)
    else:
        assert results.total >= 0
