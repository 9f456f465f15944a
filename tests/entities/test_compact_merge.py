"""The compact corpus merge gives exactly what the in-memory one gave (tests/entities/
reference_merge.py): on drawn corpora, on a corpus generated from the BBC articles'
entities, in any order the articles come, and through the cached payload."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import Extractor
from reader.core.entities.corpus_merge import ArticleList, CorpusMerge, CorpusMerger, merge_corpus
from reader.core.entities.model import Entity, Mention
from reader.core.index.entity_ingest import corpus_payload, encode_entities, read_payload

from . import reference_merge

BBC = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "bbc"


def _facts(merged: CorpusMerge | Any) -> tuple[list[tuple[Any, ...]], dict[str, str]]:
    entities = [
        (e.id, e.name, e.type, e.articles, e.mentions, e.aliases, list(e.documents), e.types)
        for e in merged.entities
    ]
    return entities, merged.id_map


def _compact_in_order(docs: dict[str, list[Entity]], order: list[str]) -> CorpusMerge:
    merger = CorpusMerger()
    for doc_id in order:
        merger.add(doc_id, docs[doc_id])
    return merger.result()


def _assert_same(docs: dict[str, list[Entity]], rnd: random.Random) -> None:
    expected = _facts(reference_merge.merge_corpus(docs))
    assert _facts(merge_corpus(docs)) == expected
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    assert _facts(_compact_in_order(docs, shuffled)) == expected
    # Through the payload cached in the catalog, in the order the update feeds it.
    rows = [(doc_id, encode_entities(docs[doc_id])) for doc_id in shuffled]
    entities, id_map = read_payload(corpus_payload(rows))
    old = reference_merge.merge_corpus(docs)
    assert id_map == {k: v for k, v in old.id_map.items() if k != v}
    by_articles = sorted(old.entities, key=lambda e: (-e.articles, -e.mentions, e.id))
    assert [
        (e.id, e.name, e.type, e.articles, e.mentions, e.aliases, list(e.documents), e.types)
        for e in entities
    ] == [
        (e.id, e.name, e.type, e.articles, e.mentions, e.aliases, e.documents, e.types)
        for e in by_articles
    ]


def _ent(eid: str, name: str, aliases: list[str], n: int, kind: str | None = None) -> Entity:
    mentions = [Mention(i * 10, i * 10 + len(name), name) for i in range(n)]
    return Entity(eid, name, kind or eid.partition(":")[0], mentions, aliases)  # type: ignore[arg-type]


# Names that exercise every rule: type votes, acronyms introduced for names, designators,
# compact spellings, short forms, surnames alone and transliterations.
_NAMES = [
    ("org:bbc", "BBC"), ("org:bbc-radio", "BBC Radio"),
    ("org:security-service", "Security Service"), ("org:sbu", "SBU"), ("org:sony", "Sony"),
    ("org:sony-corp", "Sony Corp"),
    ("org:time-warner", "Time Warner"), ("org:timewarner", "TimeWarner"),
    ("org:labour", "Labour"), ("org:labour-party", "Labour Party"), ("org:apple", "Apple"),
    ("person:apple", "Apple"), ("org:chelsea", "Chelsea"), ("place:chelsea", "Chelsea"),
    ("org:baikal", "Baikal"), ("org:baikal-finance-group", "Baikal Finance Group"),
    ("org:institute-of-fiscal-studies", "Institute of Fiscal Studies"), ("org:ifs", "IFS"),
    ("person:valery-zaluzhnyi", "Valery Zaluzhnyi"), ("person:zaluzhny", "Zaluzhny"),
    ("person:valeriy-zaluzhny", "Valeriy Zaluzhny"), ("person:tony-blair", "Tony Blair"),
    ("person:blair", "Blair"), ("person:cherie-blair", "Cherie Blair"),
    ("person:williams", "Williams"), ("person:walliams", "Walliams"), ("person:john", "John"),
    ("person:elton-john", "Elton John"), ("place:kyiv", "Kyiv"), ("place:kyiv", "Kiev"),
    ("money:usd-5m", "$5m"), ("date:2005", "2005"),
]  # fmt: skip
_ALIASES = ["SBU", "BBC", "IFS", "Zaluzhny", "Kiev", "Blair", "Sony", "Kelly Holmes'"]
_ROW = st.tuples(
    st.sampled_from(_NAMES),
    st.lists(st.sampled_from(_ALIASES), max_size=2, unique=True),
    st.integers(0, 4),
    st.sampled_from([None, None, None, None, "org", "person"]),  # now and then another type
)
_CORPUS = st.dictionaries(
    st.text("abcdef", min_size=1, max_size=3), st.lists(_ROW, max_size=6), max_size=14
)


@settings(max_examples=150, deadline=None)
@given(_CORPUS, st.randoms(use_true_random=False))
def test_same_as_the_in_memory_merge_on_drawn_corpora(corpus: Any, rnd: Any) -> None:
    docs = {
        doc: [
            _ent(eid, name, [a for a in aliases if a != name], n, kind)
            for (eid, name), aliases, n, kind in rows
        ]
        for doc, rows in corpus.items()
    }
    _assert_same(docs, rnd)


@pytest.fixture(scope="module")
def generated(extractor: Extractor) -> dict[str, list[Entity]]:
    """3,000 articles made from the entities of 400 BBC articles, a few articles' worth
    each, as the scale benchmark's corpus is made from their paragraphs."""
    files = sorted(BBC.rglob("*.txt"))[:400] if BBC.is_dir() else []
    if len(files) < 100:
        pytest.skip("BBC corpus not found")
    pool = [extractor.extract(f.read_text(encoding="utf-8", errors="replace")) for f in files]
    rnd = random.Random(13)
    docs = {}
    for number in range(3000):
        picked = [e for article in rnd.sample(pool, rnd.randint(1, 3)) for e in article]
        joined: dict[str, Entity] = {}
        for entity in picked:
            joined.setdefault(entity.id, entity)  # an article has each id once
        docs[f"{rnd.choice('abcde')}/{number:05d}"] = list(joined.values())
    return docs


def test_same_as_the_in_memory_merge_on_a_generated_corpus(
    generated: dict[str, list[Entity]],
) -> None:
    _assert_same(generated, random.Random(5))


def test_an_article_list_reads_as_the_sorted_ids() -> None:
    docs = {d: [_ent("org:bbc", "BBC", [], 1)] for d in ("c", "a", "e", "b")}
    merged = merge_corpus(docs | {"d": []})
    articles = merged.entities[0].documents
    assert isinstance(articles, ArticleList)
    assert articles == ["a", "b", "c", "e"] and list(articles) == ["a", "b", "c", "e"]
    assert articles[1] == "b" and articles[-1] == "e" and articles[1:3] == ["b", "c"]
    assert "e" in articles and "d" not in articles and "z" not in articles
    assert articles != ["a", "b"] and len(articles) == 4


def test_an_article_given_twice_is_refused() -> None:
    merger = CorpusMerger()
    merger.add("b", [_ent("org:bbc", "BBC", [], 1)])
    merger.add("a", [])
    merger.add("b", [])
    with pytest.raises(ValueError):
        merger.result()
