"""The name lookups stored in the catalog answer exactly as the corpus entities do.

A one-shot search answers ``expand`` and ``documents`` from rows stored when the
entities were built (reader.core.index.name_filter). Every answer is compared with the
full entities' (``AliasIndex`` over the corpus merge with the aliases file applied):
every spelling of every entity, as typed, in capitals, in lower case, word by word,
misspelt the ways surname matching allows, for every field, on the demo articles and a
generated corpus, with aliases files that rename, merge, retype, block and split.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities.aliases import aliases_path
from reader.core.entities.model import NAMED_TYPES
from reader.core.entities.terms import STOP_WORDS
from reader.core.index import name_filter
from reader.core.index.entity_view import CorpusEntities
from reader.core.index.library import Library
from reader.core.index.schema import ENTITY_FIELDS

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from corpusgen import build_corpus, find_bbc  # noqa: E402

STAMP: name_filter.Stamp = ("test", None)
FIELDS = (None, *ENTITY_FIELDS)


def _terms(lib: Library, state: CorpusEntities, raw: list[str], *, text: bool) -> list[str]:
    """Every way a user may type a name of ``state`` (and of what the aliases file
    hid: ``raw``), plus words of the articles and stop words."""
    spellings = {s for e in state.entities for s in (e.name, *e.aliases)} | set(raw)
    terms = set(spellings)
    terms |= {s.upper() for s in spellings} | {s.lower() for s in spellings}
    words = {w for s in spellings for w in s.split()}
    terms |= words | {w.upper() for w in words} | {w.lower() for w in words}
    # Surname matching: a vowel changed, a letter dropped or doubled, word for word.
    for word in list(words):
        if len(word) > 4:
            terms |= {word[:-1] + "y", word[:-1], word + word[-1], re.sub("[aeiou]", "e", word)}
    for spelling in spellings:
        parts = spelling.split()
        if len(parts) > 1:
            terms.add(" ".join([*parts[:-1], parts[-1][:-1] + "y"]))
    for doc in lib.summaries()[:20] if text else ():
        terms |= set(re.findall(r"\w+", lib.text(doc.id) or "")[:200])
    terms |= set(STOP_WORDS) | {"", " ", "US", "Us", "MAY"}
    return sorted(terms)


def _compare(lib: Library, state: CorpusEntities, raw: list[str], *, text: bool = True) -> int:
    """Store ``state``'s lookups, read them back and compare every answer; the number
    of terms that named something (so a test sees it compared real expansions)."""
    name_filter.store_keys(lib.catalog, STAMP, state)
    stored = name_filter.NameFilter.load(lib.catalog, STAMP, lambda: state)
    assert stored is not None
    named = 0
    for term in _terms(lib, state, raw, text=text):
        for field in FIELDS:
            expected = state.expand(term, field)
            assert stored.expand(term, field) == expected, (term, field)
            named += len(expected) > 1
        for field in ENTITY_FIELDS:
            assert stored.documents(term, field) == state.documents(term, field), (term, field)
    return named


def _write_aliases(root: Path, value: dict[str, object]) -> None:
    path = aliases_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")  # JSON is YAML


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    if find_bbc() is None:
        pytest.skip("BBC corpus not found")
    root = tmp_path_factory.mktemp("generated")
    build_corpus(root / "corpus", 40, seed=13)
    lib = Library(root / "corpus")
    lib.update()
    yield lib
    lib.close()


def _aliases_for(state: CorpusEntities, choice: st.DataObject) -> dict[str, object]:
    """An aliases file over ``state``'s entities: some renamed, merged, retyped,
    blocked, split, as drawn."""
    named = [e for e in state.entities if e.type in NAMED_TYPES]
    people = [e for e in named if e.type == "person"]
    pick = st.sampled_from(named)
    value: dict[str, object] = {}
    merges = choice.draw(st.lists(st.tuples(pick, pick), max_size=3))
    if merges:
        value["merge"] = {a.id: [b.name] for a, b in merges if a.id != b.id}
    renames = choice.draw(
        st.lists(st.tuples(pick, st.sampled_from(["Kyiv City", "Zed"])), max_size=2)
    )
    if renames:
        value["rename"] = {e.id: name for e, name in renames}
    retypes = choice.draw(st.lists(st.tuples(pick, st.sampled_from(NAMED_TYPES)), max_size=2))
    if retypes:
        value["retype"] = {e.id: kind for e, kind in retypes}
    blocks = choice.draw(st.lists(pick, max_size=3))
    if choice.draw(st.booleans()) and people:
        blocks.append(max(people, key=lambda e: len(e.name.split())))  # hides words too
    if blocks:
        value["block"] = sorted({e.name for e in blocks})
    split = [e for e in named if e.aliases]
    if choice.draw(st.booleans()) and split:
        entity = choice.draw(st.sampled_from(split))
        value["split"] = {entity.id: [entity.aliases[0]]}
    return value


def _check_with_aliases(lib: Library, value: dict[str, object]) -> None:
    raw = [s for e in lib._corpus()._raw for s in (e.name, *e.aliases)]
    _write_aliases(lib.root, value)
    lib.reload_aliases()
    try:
        _compare(lib, lib._corpus(), raw, text=False)
    finally:
        aliases_path(lib.root).unlink()
        lib.reload_aliases()


def _sql(lib: Library, sql: str, *args: str) -> None:
    def run(db: sqlite3.Connection) -> None:
        with db:
            db.execute(sql, args)

    lib.catalog.run(run)


def test_seeds_answers_are_the_full_index(seeds: Path) -> None:
    lib = Library(seeds)
    lib.update()
    assert _compare(lib, lib._corpus(), []) > 20
    lib.close()


def test_seeds_with_every_kind_of_alias(seeds: Path) -> None:
    lib = Library(seeds)
    lib.update()
    _check_with_aliases(
        lib,
        {
            "merge": {"person:valery-zaluzhnyi": ["Mark Milley"]},
            "rename": {"place:kyiv": "Kyiv City"},
            "retype": {"org:azov": "place"},
            "block": ["Salvator", "Rustem Umerov"],
            "split": {"person:valery-zaluzhnyi": ["Zaluzhny"]},
        },
    )
    lib.close()


def test_generated_corpus_answers_are_the_full_index(generated: Library) -> None:
    assert _compare(generated, generated._corpus(), []) > 100


@settings(max_examples=6)
@given(choice=st.data())
def test_generated_corpus_with_drawn_aliases(generated: Library, choice: st.DataObject) -> None:
    _check_with_aliases(generated, _aliases_for(generated._corpus(), choice))


def test_stale_or_missing_store_is_never_used(seeds: Path) -> None:
    """Another merge, another aliases file, no rows (an older cache): no stored lookups;
    rows that cannot be read: the full entities answer."""
    lib = Library(seeds)
    lib.update()
    state = lib._corpus()
    assert lib._entities_from is not None
    version, stat = lib._entities_from
    found = name_filter.NameFilter.load(lib.catalog, (version, stat), lambda: state)
    assert found is not None  # the update stored them
    assert name_filter.NameFilter.load(lib.catalog, ("other", stat), lambda: state) is None
    assert name_filter.NameFilter.load(lib.catalog, (version, (1, 2)), lambda: state) is None
    _sql(lib, "DROP TABLE name_keys")
    assert found.expand("Zaluzhnyi") == state.expand("Zaluzhnyi")  # from the full index
    assert found.documents("Zaluzhnyi", "person") == state.documents("Zaluzhnyi", "person")
    _sql(lib, "DELETE FROM meta WHERE key=?", name_filter.META_KEY)
    assert name_filter.NameFilter.load(lib.catalog, (version, stat), lambda: state) is None
    lib.close()


def test_a_one_shot_update_stores_the_keys_once_and_else_loads_no_entities(
    seeds: Path,
) -> None:
    """A one-shot command's update (``warm=False``) stores the name keys when they are
    missing, and when they are stored for the merge as it is, leaves the corpus entities
    unloaded (reading them all cost a one-shot search at 200,000 articles a second)."""
    lib = Library(seeds)
    lib.update(warm=False)
    version = lib.catalog.corpus_entities_version()
    assert version is not None
    made_from = (version, name_filter.aliases_stat(seeds))
    assert name_filter.NameFilter.load(lib.catalog, made_from, lib._corpus) is not None
    lib.close()

    loads: list[str] = []
    lib = Library(seeds)
    real = lib._corpus

    def corpus() -> CorpusEntities:
        loads.append("corpus")
        return real()

    lib._corpus = corpus  # type: ignore[method-assign]
    (seeds / "new folder").mkdir()  # a change the update looks at, not an article
    lib.update(warm=False)
    assert loads == []
    # Keys that are gone (an older cache) are stored again, from the entities.
    _sql(lib, "DELETE FROM meta WHERE key=?", name_filter.META_KEY)
    lib.update(warm=False)
    assert loads == ["corpus"]
    assert name_filter.NameFilter.load(lib.catalog, made_from, real) is not None
    lib.close()


def test_an_older_cache_gains_the_tables_on_write(seeds: Path) -> None:
    """A catalog made before the tables existed (and one holding the older JSON keys)
    is searched as before, and gets the tables on the next update."""
    lib = Library(seeds)
    lib.update()
    path = lib.catalog.path
    lib.close()
    db = sqlite3.connect(path)
    with db:
        for table in ("name_entities", "name_keys", "name_lasts", "name_hidden"):
            db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM meta WHERE key=?", (name_filter.META_KEY,))
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name_filter.OLD_META_KEY, "{}"))
    db.close()
    again = Library(seeds)
    before = [h.id for h in again.search("Zaluzhnyi").hits]
    assert before
    again.update()
    assert again.catalog.get_meta(name_filter.META_KEY) is not None
    assert again.catalog.get_meta(name_filter.OLD_META_KEY) is None
    third = Library(seeds)
    assert [h.id for h in third.search("Zaluzhnyi").hits] == before
    assert third._entities is None  # answered from the rows
    third.close()
    again.close()


def test_stored_article_lists_are_read_sorted_and_distinct() -> None:
    """The rows are written sorted (from the merge's lists): checked, and sorted only when
    a row is not, so a query's article list is always sorted and distinct."""
    assert name_filter._ordered(["a", "b", "c"]) == ("a", "b", "c")
    assert name_filter._ordered(["b", "a", "b"]) == ("a", "b")
    assert name_filter._ordered(["a", "a"]) == ("a",)
    assert name_filter._ordered([]) == ()


def test_a_name_searched_again_is_not_read_again(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process answering from the store keeps its lookups from search to search: a
    name typed again (each keystroke of a longer query) is not decompressed again."""
    lib = Library(seeds)
    lib.update()
    lib.close()
    again = Library(seeds)
    assert isinstance(again._lookup(), name_filter.NameFilter)
    read: list[bytes] = []
    unpack = name_filter._unpack

    def counted(blob: bytes) -> list[str]:
        read.append(blob)
        return unpack(blob)

    monkeypatch.setattr(name_filter, "_unpack", counted)
    alone = again.search("person:Zaluzhnyi")
    assert alone.total >= 2 and len(read) == 1
    assert again.search("person:Zaluzhnyi AND army").total <= alone.total
    assert again.search("person:Zaluzhnyi").total == alone.total
    assert len(read) == 1
    again.close()
