"""The search-engine contract: every engine answers every query form users type alike.

One small corpus is indexed by each engine (front matter for dates, authors, sources and tags;
entity names; accents, figures, stop words), then every query form is asked of both: the
matching ids, totals and hit spans must be the expected ones, identical across engines.
Hypothesis then composes random queries from the corpus's words and operators and checks the
engines agree on them too. Upgrading an engine's pinned version is gated on this file.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.index.engine import ENGINES
from reader.core.index.library import Library
from reader.core.index.query import QueryError

pytestmark = pytest.mark.slow


def _doc(title: str, body: str, *, date: str, authors: str, source: str, tags: str) -> str:
    return (
        f"---\ntitle: {title}\nauthors: [{authors}]\ndate: {date}\nsource: {source}\n"
        f"tags: [{tags}]\n---\n\n{body}\n"
    )


CORPUS = {
    "2004/rates.txt": _doc(
        "Bank of England raises interest rates",
        "The Bank of England raised interest rates to 4.75% on Thursday. Economists said "
        "the rates rise was expected. Tony Blair said the economy was strong.",
        date="2004-08-05",
        authors="Ann Smith",
        source="BBC",
        tags="economy, rates",
    ),
    "2004/election.txt": _doc(
        "Election campaign begins",
        "The general election campaign began as Tony Blair toured marginal seats. "
        "Voters said interest in the election was low, and rates of turnout might fall.",
        date="2004-11-20",
        authors="Bob Jones",
        source="Guardian",
        tags="politics",
    ),
    "2005/football.txt": _doc(
        "Chelsea win the league",
        "Chelsea won the Premier League title. José Mourinho praised his players; the "
        "café near the ground sold 400,000 pies. Soldiers of fortune, said the manager.",
        date="2005-04-30",
        authors="Carla Díaz",
        source="BBC",
        tags="sport, football",
    ),
    "2005/markets.txt": _doc(
        "Markets fall on rate fears",
        "Shares fell as fears of higher interest and mortgage rates grew. The pound fell "
        "against the dollar. Analysts expect the bank to hold rates.",
        date="2005-06-15",
        authors="Ann Smith",
        source="Reuters",
        tags="economy, markets",
    ),
    "2006/elections.txt": _doc(
        "Elections in Kiev",
        "Voters in Kyiv elected a new parliament. Observers said the elections were fair. "
        "The electoral commission counted ballots overnight.",
        date="2006-03-27",
        authors="Dan Brown",
        source="Reuters",
        tags="politics, world",
    ),
    "2006/tech.txt": _doc(
        "Computers and computing",
        "Computer makers said computing power doubled. Compute clusters at the bank ran "
        "overnight; the interest was in fast storage, not rates.",
        date="2006-09-01",
        authors="Eve Stone",
        source="Wired",
        tags="technology",
    ),
}

# Every query form, with the files it must find (by name, without extension).
QUERIES: dict[str, set[str]] = {
    "rates": {"rates", "election", "markets", "tech"},
    "rate": {"rates", "election", "markets", "tech"},  # stemming
    "RATES": {"rates", "election", "markets", "tech"},
    "bank rates": {"rates", "markets", "tech"},  # plain words (parsed without Whoosh): all
    "the voters of": {"election", "elections"},  # stop words left out
    "Bank rates bank": {"rates", "markets", "tech"},
    "oil and gas": set(),  # "and" is a word here, not an operator
    "cafe": {"football"},  # accent folding
    "jose": {"football"},
    "soldier": {"football"},
    "400,000": {"football"},  # figures are one term
    "4.75": {"rates"},
    '"interest rates"': {"rates"},
    '"bank of england"': {"rates"},  # stop words inside a phrase
    '"interest rates"~3': {"rates", "markets"},  # slop: "interest and mortgage rates"
    '"rates interest"~3': set(),  # slop keeps the order
    '"interest rates"~2': {"rates", "markets"},  # "and" is a stop word
    "interest AND rates": {"rates", "election", "markets", "tech"},
    "bank AND rates": {"rates", "markets", "tech"},
    "bank OR election": {"rates", "markets", "tech", "election", "elections"},
    "rates NOT bank": {"election"},
    "rates AND NOT bank": {"election"},
    "NOT rates": {"football", "elections"},
    "(bank OR voters) AND NOT rates": {"elections"},
    "bank ANDNOT tech": {"rates", "markets", "tech"},  # "tech" is not in the text
    "bank ANDMAYBE rates": {"rates", "markets", "tech"},
    "title:election": {"election", "elections"},
    "title:rates": {"rates", "markets"},  # "Markets fall on rate fears": "rate" too
    "body:chelsea": {"football"},
    "author:smith": {"rates", "markets"},
    'author:"ann smith"': {"rates", "markets"},
    "authors:diaz": {"football"},
    "source:bbc": {"rates", "football"},
    "source:reuters AND tag:politics": {"elections"},
    "tag:economy": {"rates", "markets"},
    "tags:football": {"football"},
    "elect*": {"election", "elections"},
    "comput*": {"tech"},
    "vot?r": {"election", "elections"},  # wildcards match index terms: stems
    "*oter": {"election", "elections"},
    "votr~1": {"election", "elections"},
    "chelsa~1": {"football"},
    "lection~1": set(),  # the first letter must match, as in Whoosh
    "date:2004": {"rates", "election"},
    "date:[2004 to 2005]": {"rates", "election", "football", "markets"},
    "date:[2005-05 to 2006-06]": {"markets", "elections"},
    "date:>2006": {"elections", "tech"},
    "date:<2004-09": {"rates"},
    "rates AND date:2005": {"markets"},
    "title:election^3 OR voters": {"election", "elections"},
    "kyiv": {"elections"},
    "path:x": set(),
    # Entity names with other parts: the corpus entity's articles, combined as any part.
    "person:blair AND economy": {"rates"},
    "person:blair AND NOT economy": {"election"},
    "NOT person:blair": {"football", "markets", "elections", "tech"},
    "rates AND NOT person:blair": {"markets", "tech"},
    "(person:blair OR place:kyiv) AND voters": {"election", "elections"},
    'org:"bank of england" AND person:blair': {"rates"},
    "entity:chelsea AND title:league": {"football"},
    "person:blair^2 OR person:blair": {"rates", "election"},
    "person:mourinho OR title:markets": {"football", "markets"},
    "person:blair AND id:*": {"rates", "election"},  # "every id" beside it keeps the name
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contract") / "corpus"
    for rel, text in CORPUS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def libraries(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Library]]:
    found = {}
    for name in ENGINES:
        library = Library(corpus, tmp_path_factory.mktemp(f"cache-{name}"), engine=name)
        report = library.update()
        assert report.engine == name and report.added == len(CORPUS), report
        found[name] = library
    yield found
    for library in found.values():
        library.close()


def _names(library: Library, text: str) -> set[str]:
    results = library.search(text, limit=100)
    names = {hit.id.rsplit("/", 1)[-1].removesuffix(".txt") for hit in results.hits}
    assert results.total == len(results.hits)
    return names


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", list(QUERIES))
def test_every_query_form_finds_what_it_should(
    libraries: dict[str, Library], engine: str, text: str
) -> None:
    assert _names(libraries[engine], text) == QUERIES[text]


@pytest.mark.parametrize("text", list(QUERIES))
def test_hits_and_snippets_agree_across_engines(libraries: dict[str, Library], text: str) -> None:
    """Same ids, same hit spans (character offsets into the text), same snippets."""
    answers = [libraries[name].search(text, limit=100) for name in ENGINES]
    first, *others = answers
    for other in others:
        assert {h.id: (h.positions, h.snippets) for h in other.hits} == {
            h.id: (h.positions, h.snippets) for h in first.hits
        }


def test_hit_spans_are_character_offsets(libraries: dict[str, Library]) -> None:
    """After "José" and "café" (two bytes each in UTF-8), spans still count characters."""
    for library in libraries.values():
        results = library.search("pies")
        (hit,) = results.hits
        text = library.catalog.text(hit.id) or ""
        assert [text[a:b] for a, b in hit.positions] == ["pies"]


def test_entity_fields_and_alias_expansion(libraries: dict[str, Library], corpus: Path) -> None:
    """person:/place: names and the aliases file apply the same way in every engine."""
    answers = []
    for library in libraries.values():
        answers.append(
            (
                _names(library, "person:blair"),
                _names(library, 'person:"Tony Blair"'),
                _names(library, "entity:chelsea"),
            )
        )
    assert answers[0][0] == {"rates", "election"}
    assert all(answer == answers[0] for answer in answers)


@pytest.mark.parametrize("engine", ENGINES)
def test_names_joined_by_or_keep_their_spellings(
    libraries: dict[str, Library], engine: str
) -> None:
    """``person:blair OR entity:chelsea`` finds and marks what each name does alone (an Or
    around the names once took their article ids in as its own, and marked nothing)."""
    library = libraries[engine]
    alone: dict[str, tuple[tuple[int, int], ...]] = {}
    for text in ("person:blair", "entity:chelsea"):
        for hit in library.search(text, limit=100).hits:
            assert hit.positions, (text, hit.id)
            alone[hit.id] = hit.positions
    both = library.search("person:blair OR entity:chelsea", limit=100)
    assert {hit.id: hit.positions for hit in both.hits} == alone
    assert _names(library, "person:blair OR entity:chelsea") == {"rates", "election", "football"}


@pytest.mark.parametrize("engine", ENGINES)
def test_merged_and_blocked_names_combine_in_every_engine(
    corpus: Path, tmp_path: Path, engine: str
) -> None:
    """The aliases file's merges and blocks apply to entity names inside larger queries,
    whichever lookup answers them: the full corpus entities, or the name store a new
    process reads."""
    import shutil

    from reader.core.entities.aliases import add_block, add_merge, aliases_path
    from reader.core.index.name_filter import NameFilter

    root = tmp_path / "copy"
    shutil.copytree(corpus, root)
    add_merge(aliases_path(root), "person:tony-blair", ["José Mourinho"])
    add_block(aliases_path(root), "Kyiv")
    expected = {
        'person:"José Mourinho" AND economy': {"rates"},
        'person:"Tony Blair" AND title:league': {"football"},
        'place:kyiv OR person:"Tony Blair"': {"rates", "election", "football"},
        "NOT place:kyiv": {"rates", "election", "football", "markets", "elections", "tech"},
        "voters AND NOT place:kyiv": {"election", "elections"},
        "place:kyiv AND voters": set(),
    }
    first = Library(root, tmp_path / "cache", engine=engine)
    first.update()
    assert {text: _names(first, text) for text in expected} == expected
    first.close()
    second = Library(root, tmp_path / "cache", engine=engine)
    assert isinstance(second._lookup(), NameFilter)
    assert {text: _names(second, text) for text in expected} == expected
    second.corpus_entities()  # loaded: the full entities answer from now on
    assert not isinstance(second._lookup(), NameFilter)
    assert {text: _names(second, text) for text in expected} == expected
    second.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_limits_and_mistakes_are_refused_alike(libraries: dict[str, Library], engine: str) -> None:
    for text in ('"unclosed', "nope:word", "word~3", "(a"):
        with pytest.raises(QueryError):
            libraries[engine].search(text)


@pytest.mark.parametrize("engine", ENGINES)
def test_updates_and_deletes_are_seen_by_other_readers(
    corpus: Path, tmp_path: Path, engine: str
) -> None:
    """One writer, another reader (as another process would): it sees each commit."""
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(corpus, root)
    cache = tmp_path / "cache"
    writer = Library(root, cache, engine=engine)
    writer.update()
    reader = Library(root, cache, engine=engine)
    assert _names(reader, "chelsea") == {"football"}
    (root / "2005/football.txt").unlink()
    (root / "2006/new.txt").write_text("Chelsea again\n\nChelsea signed a striker.\n")
    report = writer.update()
    assert (report.added, report.removed) == (1, 1)
    reader.refresh()
    assert _names(reader, "chelsea") == {"new"}
    assert reader.engine.name == engine
    writer.close()
    reader.close()


def test_switching_engines_rebuilds(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "cache", engine="whoosh")
    assert library.update().engine == "whoosh"
    report = library.update(engine="tantivy")
    assert report.rebuilt == "engine changed (whoosh → tantivy)"
    assert report.added == len(CORPUS)
    assert not (tmp_path / "cache" / "index").exists()  # the old engine's index is gone
    assert _names(library, "chelsea") == {"football"}
    assert library.update(engine="tantivy").rebuilt is None
    again = Library(corpus, tmp_path / "cache")
    assert again.engine.name == "tantivy" and again.engine_description().startswith("tantivy")
    again.close()
    library.close()


def test_a_tantivy_index_of_another_format_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "cache", engine="tantivy")
    library.update()
    library.catalog.set_meta("format", (library.catalog.get_meta("format") or "") + "-old")
    report = library.update()
    assert report.rebuilt is not None and report.rebuilt.startswith("index format changed")
    assert _names(library, "chelsea") == {"football"}
    library.close()


def test_similar_articles_in_every_engine(libraries: dict[str, Library]) -> None:
    from reader.core.index.similar import similar

    for library in libraries.values():
        doc_id = next(s.id for s in library.summaries() if "markets" in s.id)
        found = similar(library, doc_id, 3)
        assert found and all(0 < s.score <= 1 for s in found)
        assert doc_id not in {s.id for s in found}


WORDS = ["rates", "bank", "election", "voters", "chelsea", "interest", "the", "fell", "kyiv"]
FIELDS = ["", "title:", "body:", "source:", "tag:"]
NAMES = ["person:blair", 'person:"tony blair"', "entity:chelsea", "place:kyiv", "org:nobody"]


@st.composite
def queries(draw: st.DrawFn) -> str:
    def leaf() -> str:
        if draw(st.integers(0, 4)) == 0:
            return draw(st.sampled_from(NAMES))  # a corpus entity's articles (or none)
        field = draw(st.sampled_from(FIELDS))
        word = draw(st.sampled_from(WORDS))
        suffix = draw(st.sampled_from(["", "", "*", "~1"]))
        if suffix == "*":
            word = word[:3]
        return f"{field}{word}{suffix}"

    parts = [leaf()]
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(st.sampled_from(["AND", "OR", "AND NOT", "OR"])))
        parts.append(leaf())
    if draw(st.booleans()):
        a, b = draw(st.sampled_from(WORDS)), draw(st.sampled_from(WORDS))
        parts.append(f'OR "{a} {b}"~{draw(st.integers(1, 4))}')
    return " ".join(parts)


@settings(max_examples=150)
@given(text=queries())
def test_engines_agree_on_composed_queries(libraries: dict[str, Library], text: str) -> None:
    answers: list[tuple[str, object]] = []
    for name in ENGINES:
        try:
            results = libraries[name].search(text, limit=100)
        except QueryError as error:
            answers.append(("refused", str(error)))
            continue
        answers.append(("found", sorted((h.id, h.positions) for h in results.hits)))
    assert all(answer == answers[0] for answer in answers), text


def test_auto_picks_tantivy_from_the_crossover_and_never_switches_back() -> None:
    from reader.core.index.engine import CROSSOVER, choose

    assert choose("auto", 10, None) == "whoosh"
    assert choose("auto", CROSSOVER, None) == "tantivy"
    assert choose("auto", CROSSOVER, "whoosh") == "tantivy"
    assert choose("auto", 10, "tantivy") == "tantivy"  # built by --engine tantivy: kept
    assert choose("whoosh", CROSSOVER * 10, "tantivy") == "whoosh"
    assert choose("tantivy", 1, None) == "tantivy"


def test_the_engine_setting_comes_from_the_config(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_ENGINE", "tantivy")
    library = Library(corpus, tmp_path / "cache")
    assert library.update().engine == "tantivy"
    library.close()


def test_tantivy_ingest_spawns_entity_workers(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tantivy's writer runs Rust threads Python does not see: forking beside them could
    deadlock a worker, so the extraction pool spawns its workers instead."""
    from reader.core.index import entity_ingest

    methods: list[str] = []
    real = concurrent.futures.ProcessPoolExecutor

    def recording(*args: Any, **kwargs: Any) -> object:
        methods.append(kwargs["mp_context"].get_start_method())
        return real(*args, **kwargs)

    monkeypatch.setattr(entity_ingest, "POOL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(entity_ingest, "ProcessPoolExecutor", recording)
    library = Library(corpus, tmp_path / "cache", engine="tantivy")
    assert library.update().added == len(CORPUS)
    assert _names(library, "person:blair") == {"rates", "election"}
    library.close()
    if methods:  # a one-core machine runs no pool
        assert methods == ["spawn"]
