"""Entities in the library: stored at ingest, merged per corpus, searchable, aliased."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import article
from reader.core.entities.aliases import add_block, add_merge, add_rename, add_retype, aliases_path
from reader.core.entities.model import Entity
from reader.core.index import entity_ingest as entity_store
from reader.core.index.hits import HitMatcher
from reader.core.index.library import Library

ZAL_A = article(
    "Commander replaced",
    "Ukraine's commander-in-chief, General Valery Zaluzhnyi, met officers in Kyiv on "
    "Monday. Zaluzhnyi said the army needed more soldiers.\n\n"
    "The general later returned to Kyiv.",
)
ZAL_B = article(
    "Army chief leaves",
    "General Zaluzhny told reporters in Kiev that the front was stable. Zaluzhny has "
    "led the army since 2021.",
)
OTHER = article(
    "Bridge repairs",
    "The council met to discuss the budget and the repairs that the old bridge needs "
    "before winter.",
)


@pytest.fixture
def lib(seeds: Path) -> Iterator[Library]:
    library = Library(seeds)
    library.update()
    yield library
    library.close()


@pytest.fixture
def zal(make_corpus: Callable[..., Path]) -> Iterator[Library]:
    root = make_corpus({"a.txt": ZAL_A, "b.txt": ZAL_B, "c.txt": OTHER})
    library = Library(root)
    library.update()
    yield library
    library.close()


def _valid(library: Library, doc_id: str, entities: list[Entity]) -> None:
    text = library.catalog.text(doc_id)
    assert text is not None
    for entity in entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def _ids(library: Library, query: str) -> set[str]:
    return {hit.id for hit in library.search(query, limit=50).hits}


# -- the library API on the seeds ------------------------------------------------------


def test_article_entities_use_corpus_ids_and_valid_offsets(lib: Library) -> None:
    doc_id = lib.resolve("000")
    entities = lib.entities(doc_id)
    assert entities
    _valid(lib, doc_id, entities)
    counts = [e.count for e in entities]
    assert counts == sorted(counts, reverse=True)
    zal = next(e for e in entities if "Zaluzhnyi" in {e.name, *e.aliases})
    corpus = lib.entity(zal.id)
    assert corpus is not None and corpus.name == zal.name and corpus.articles == 2
    assert {"Zaluzhny", "Zaluzhnyi"} <= {corpus.name, *corpus.aliases}
    assert lib.entities("no-such-document") == []


def test_corpus_entities_most_articles_first_with_documents(lib: Library) -> None:
    entities = lib.corpus_entities()
    articles = [e.articles for e in entities]
    assert articles == sorted(articles, reverse=True)
    assert len({e.id for e in entities}) == len(entities)
    for entity in entities:
        assert len(entity.documents) == entity.articles
        assert lib.entity_documents(entity.id) == entity.documents
    kyiv = lib.entity("place:kyiv")
    assert kyiv is not None and "Kiev" in kyiv.aliases
    assert lib.entity("person:nobody") is None and lib.entity_documents("person:nobody") == []


def test_mentions_across_the_corpus(lib: Library) -> None:
    corpus = next(e for e in lib.corpus_entities() if "Zaluzhny" in {e.name, *e.aliases})
    found = list(lib.mentions(corpus.id))
    assert {doc for doc, _ in found} == set(corpus.documents)
    assert len(found) == corpus.mentions
    for doc_id, mention in found:
        text = lib.catalog.text(doc_id)
        assert text is not None and text[mention.start : mention.end] == mention.text


def test_entity_fields(lib: Library) -> None:
    both = {lib.resolve("000"), lib.resolve("001")}
    assert _ids(lib, "person:Zaluzhnyi") == both
    assert _ids(lib, "person:zaluzhny") == both
    assert _ids(lib, 'person:"Valery Zaluzhnyi"') == both
    assert _ids(lib, "entity:Kiev") == _ids(lib, "entity:Kyiv") == _ids(lib, "place:kyiv")
    assert lib.resolve("000") in _ids(lib, "org:SBU")
    assert _ids(lib, "place:Zaluzhnyi") == set()
    assert _ids(lib, "org:Zaluzhnyi") == set()
    # A part of a name the corpus does not list alone goes to the index's field.
    assert _ids(lib, "person:valery") == both


def test_entity_field_hits_highlight_every_spelling(lib: Library) -> None:
    results = lib.search("person:Zaluzhny")
    assert {"zaluzhnyi", "zaluzhni"} <= results.matcher.terms
    for hit in results.hits:
        assert hit.positions


# -- spellings in plain search ---------------------------------------------------------


def test_any_spelling_finds_every_article(zal: Library) -> None:
    both = {"a", "b"}
    assert _ids(zal, "Zaluzhny") == both
    assert _ids(zal, "Zaluzhnyi") == both
    assert _ids(zal, "Kiev") == both
    assert _ids(zal, "Kyiv") == both
    assert _ids(zal, '"Valery Zaluzhny"') >= {"a"}


def test_other_spellings_are_highlighted(zal: Library) -> None:
    text = zal.catalog.text("a")
    assert text is not None
    marked = {text[a:b] for a, b in zal.find_hits("Zaluzhny", text)}
    assert "Zaluzhnyi" in marked
    marked = {text[a:b] for a, b in zal.find_hits("Kiev", text)}
    assert marked == {"Kyiv"}
    results = zal.search("Kiev")
    for hit in results.hits:
        assert hit.snippets and any(s.highlights for s in hit.snippets)


def test_unknown_and_common_words_are_not_expanded(zal: Library) -> None:
    assert zal.search("bridge").matcher == HitMatcher(frozenset({"bridg"}))
    assert zal.search("council budget").matcher == HitMatcher(frozenset({"council", "budget"}))
    assert zal.search("general").matcher == HitMatcher(frozenset({"gener"}))
    # A stop word is never an entity name ("us" is not the US).
    lookup = zal._corpus()
    assert lookup.expand("us") == ["us"]
    assert lookup.expand("Nowhereville") == ["Nowhereville"]


# -- incremental updates ----------------------------------------------------------------


def test_only_changed_documents_are_extracted(
    make_corpus: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_corpus({"a.txt": ZAL_A, "b.txt": ZAL_B, "c.txt": OTHER})
    library = Library(root)
    library.update()
    calls: list[int] = []
    real = entity_store.extract_for_index

    def spy(text: str) -> entity_store.Extracted:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(entity_store, "extract_for_index", spy)
    library.update()
    assert calls == []
    (root / "b.txt").write_text(OTHER.replace("Bridge", "Tunnel"), encoding="utf-8")
    library.update()
    assert len(calls) == 1
    zal = next(e for e in library.corpus_entities() if e.name.endswith("Zaluzhnyi"))
    assert zal.documents == ["a"]
    (root / "a.txt").unlink()
    library.update()
    assert not any(e.name.endswith("Zaluzhnyi") for e in library.corpus_entities())
    assert library.entities("a") == []
    library.close()


def test_worker_processes_give_the_same_entities(
    make_corpus: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, seeds: Path
) -> None:
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}
    files.update({"a.txt": ZAL_A, "b.txt": ZAL_B})
    serial = Library(make_corpus(files))
    serial.update()
    monkeypatch.setattr(entity_store, "POOL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(entity_store, "LOOKAHEAD", 4)
    monkeypatch.setattr(entity_store, "CHUNK", 2)
    pooled = Library(make_corpus(files))
    pooled.update()
    assert [e.to_json() for e in pooled.corpus_entities()] == [
        e.to_json() for e in serial.corpus_entities()
    ]
    for doc_id in pooled.catalog.ids():
        assert [e.to_json() for e in pooled.entities(doc_id)] == [
            e.to_json() for e in serial.entities(doc_id)
        ]
    assert _ids(pooled, "person:Zaluzhny") == _ids(serial, "person:Zaluzhny")
    serial.close()
    pooled.close()


def test_long_texts_are_read_in_parts_with_exact_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entity_store, "CHUNK_CHARS", 400)
    monkeypatch.setattr(entity_store, "EXTRACT_LIMIT", 3000)
    paragraph = "General Valery Zaluzhnyi visited Kyiv and Odesa with Rustem Umerov.\n\n"
    text = paragraph * 100
    entities = entity_store.extract_long(text)
    for entity in entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.end <= 3000 + len(paragraph)
    assert len({e.id for e in entities}) == len(entities)
    kyiv = next(e for e in entities if e.name == "Kyiv")
    assert 30 <= kyiv.count <= 45


# -- the aliases file -------------------------------------------------------------------


def test_aliases_merge_rename_retype_block_after_reload(lib: Library) -> None:
    path = aliases_path(lib.root)
    zal = next(e for e in lib.corpus_entities() if "Zaluzhny" in {e.name, *e.aliases})
    milley = next(e for e in lib.corpus_entities() if e.name == "Mark Milley")
    merged_docs = sorted({*zal.documents, *milley.documents})
    add_merge(path, zal.id, ["Mark Milley"])
    add_rename(path, "place:kyiv", "Kyiv City")
    add_retype(path, "NATO", "place")
    add_block(path, "Rustem Umerov")
    assert lib.entity(milley.id) is not None  # nothing changes before the reload
    lib.reload_aliases()

    assert lib.entity(milley.id) is None
    joined = lib.entity(zal.id)
    assert joined is not None and "Mark Milley" in joined.aliases
    assert joined.documents == merged_docs and joined.articles == len(merged_docs)
    kyiv = lib.entity("place:kyiv")
    assert kyiv is not None and kyiv.name == "Kyiv City" and "Kyiv" in kyiv.aliases
    assert lib.entity("place:nato") is not None and lib.entity("org:nato") is None
    names = {e.name for e in lib.corpus_entities()}
    assert "Rustem Umerov" not in names and "Mark Milley" not in names

    for doc_id in lib.catalog.ids():
        entities = lib.entities(doc_id)
        _valid(lib, doc_id, entities)
        assert "Rustem Umerov" not in {e.name for e in entities}
        assert len({e.id for e in entities}) == len(entities)
    first = lib.entities(lib.resolve("000"))
    assert next(e for e in first if e.id == zal.id).count == sum(
        1 for doc, _ in lib.mentions(zal.id) if doc == lib.resolve("000")
    )

    # Search follows at once: merged spellings, blocked names, retyped entities.
    assert _ids(lib, 'person:"Mark Milley"') == set(merged_docs)
    assert _ids(lib, 'person:"Rustem Umerov"') == set()
    assert _ids(lib, "entity:Umerov") == set()
    assert _ids(lib, "org:NATO") == set()
    assert _ids(lib, "place:NATO") == set(lib.entity_documents("place:nato"))
    assert _ids(lib, '"Rustem Umerov"')  # the words themselves are still searchable


def test_broken_aliases_file_is_reported_and_ignored(lib: Library) -> None:
    path = aliases_path(lib.root)
    before = [e.to_json() for e in lib.corpus_entities()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("merge: [unclosed", encoding="utf-8")
    lib.reload_aliases()
    assert lib.aliases_warning is not None and "\n" not in lib.aliases_warning
    assert [e.to_json() for e in lib.corpus_entities()] == before
    assert path.read_text(encoding="utf-8") == "merge: [unclosed"


def test_aliases_apply_in_a_new_library_and_after_updates(seeds: Path) -> None:
    add_block(aliases_path(seeds), "Mark Milley")
    library = Library(seeds)
    library.update()
    assert "Mark Milley" not in {e.name for e in library.corpus_entities()}
    (seeds / "extra.txt").write_text(ZAL_B, encoding="utf-8")
    library.update()
    assert "Mark Milley" not in {e.name for e in library.corpus_entities()}
    assert "extra" in library.entity_documents(
        next(e.id for e in library.corpus_entities() if "Zaluzhny" in {e.name, *e.aliases})
    )
    library.close()


def test_an_index_without_entities_is_rebuilt_with_a_reason(seeds: Path) -> None:
    from reader.core.entities import INDEX_FIELDS
    from reader.core.index.schema import ENTITY_FIELDS

    assert ENTITY_FIELDS == INDEX_FIELDS
    library = Library(seeds)
    library.update()
    library.catalog.set_meta("format", "schema=1;parser=1")  # as a version-1 cache says
    report = library.update()
    assert report.rebuilt is not None and report.rebuilt.startswith("index format changed")
    assert report.added == 3
    assert library.corpus_entities() and _ids(library, "person:Zaluzhnyi")
    library.close()
