"""A bare entity query (``person:Blair``) is answered from the corpus merge's article list,
not by an engine query over thousands of article ids: it must give exactly what the
engine gives (articles, total, marks), on both engines."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from reader.core.index.hits import hit_spans
from reader.core.index.library import Library
from reader.core.index.plain_query import read_query
from reader.core.userdata.paths import bundled_seeds_dir

ENGINES = ("whoosh", "tantivy")


@pytest.fixture(scope="module", params=ENGINES)
def library(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("entq") / "seeds"
    shutil.copytree(bundled_seeds_dir(), root)
    found = Library(root, tmp_path_factory.mktemp("cache"), engine=request.param)
    found.update()
    yield found
    found.close()


def _queries(library: Library) -> list[str]:
    queries = []
    for entity in library.corpus_entities():
        if entity.type in ("person", "org", "place"):
            name = entity.name.replace('"', "")
            queries.append(f'{entity.type}:"{name}"')
            queries.append(f'entity:"{name}"')
    assert len(queries) > 20  # the seeds name dozens
    return queries


def test_a_bare_entity_query_gives_what_the_engine_gives(library: Library) -> None:
    for query in _queries(library):
        parsed = read_query(query, library._lookup())
        answer = library.read_engine(lambda engine, p=parsed: engine.search(p, 1000))  # type: ignore[misc]
        results = library.search(query, limit=1000)
        assert results.total == answer.total, query
        assert {hit.id for hit in results.hits} == {doc for doc, _ in answer.found}, query
        for hit in results.hits:
            body = library.catalog.text(hit.id) or ""
            assert (
                list(hit.positions) == hit_spans(body, answer.matcher, 10_000)[: len(hit.positions)]
            ), query


def test_a_page_and_the_total_of_a_bare_entity_query(library: Library) -> None:
    query = "person:Zaluzhnyi"
    everything = library.search(query, limit=1000)
    page = library.search(query, limit=1)
    assert everything.total >= 2
    assert page.total == everything.total
    assert [hit.id for hit in page.hits] == [everything.hits[0].id]
    assert page.hits[0].positions  # marked: every spelling of the name


def test_an_entity_query_with_other_terms_still_goes_to_the_engine(library: Library) -> None:
    both = library.search("person:Zaluzhnyi AND drafted", limit=100)
    alone = library.search("person:Zaluzhnyi", limit=100)
    assert {hit.id for hit in both.hits} <= {hit.id for hit in alone.hits}
    assert both.total <= alone.total


class _Lookup:
    """A lookup naming one person with many articles."""

    def __init__(self, ids: tuple[str, ...]) -> None:
        self.ids = ids

    def expand(self, term: str, field: str | None = None) -> list[str]:
        return [term]

    def documents(self, term: str, field: str) -> tuple[tuple[str, ...], list[str]] | None:
        return (self.ids, [term]) if term.lower() == "blair" else None


def test_a_name_is_one_leaf_holding_the_lookups_article_list() -> None:
    """A common name has tens of thousands of articles in an archive: the parsed query
    keeps the lookup's list as it is, in one leaf (a term per article cost more than
    the rest of the search), and an Or or And around it keeps its spellings."""
    from whoosh import query as wq

    from reader.core.index.query import EntityMatch, parse_query

    ids = tuple(f"2005/{n:06d}" for n in range(50_000))
    for text in ("person:blair", "person:blair OR place:europe", "person:blair AND economy"):
        parsed = parse_query(text, _Lookup(ids))
        (match,) = [leaf for leaf in parsed.leaves() if isinstance(leaf, EntityMatch)]
        assert match.ids is ids and match.spellings == ("blair",), text
    twice = parse_query("person:blair OR person:blair", _Lookup(ids))
    assert isinstance(twice, EntityMatch) and twice.ids is ids  # one, as Whoosh dedupes
    boosted = parse_query("person:blair^2", _Lookup(ids))
    assert isinstance(boosted, EntityMatch) and boosted.boost == 2 and boosted.ids is ids
    assert isinstance(parse_query("NOT person:blair", _Lookup(ids)), wq.And)
