"""Corpus merge, index terms and query expansion."""

from __future__ import annotations

from reader.core.entities import Extractor
from reader.core.entities.corpus_merge import merge_corpus
from reader.core.entities.model import Entity, Mention
from reader.core.entities.terms import AliasIndex, index_terms


def _ent(eid: str, name: str, kind: str, aliases: tuple[str, ...] = (), n: int = 1) -> Entity:
    mentions = [Mention(i * 10, i * 10 + len(name), name) for i in range(n)]
    return Entity(eid, name, kind, mentions, list(aliases))  # type: ignore[arg-type]


def test_surname_alone_joins_the_one_full_name_it_fits() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("person:valery-zaluzhnyi", "Valery Zaluzhnyi", "person", ("Zaluzhny",), 3)],
            "b": [_ent("person:zaluzhny", "Zaluzhny", "person", (), 2)],
            "c": [_ent("person:zeluzhnyi", "Zeluzhnyi", "person")],
        }
    )
    assert len(merged.entities) == 1
    entry = merged.entities[0]
    assert (entry.id, entry.articles, entry.mentions) == ("person:valery-zaluzhnyi", 3, 6)
    assert merged.canonical("person:zaluzhny") == "person:valery-zaluzhnyi"
    assert set(entry.aliases) == {"Zaluzhny", "Zeluzhnyi"}


def test_shared_surname_of_two_people_stays_apart() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("person:john-smith", "John Smith", "person")],
            "b": [_ent("person:jane-smith", "Jane Smith", "person")],
            "c": [_ent("person:smith", "Smith", "person")],
        }
    )
    assert len(merged.entities) == 3


def test_milley_never_merges_with_miller() -> None:
    merged = merge_corpus(
        {
            "a": [_ent("person:mark-milley", "Mark Milley", "person")],
            "b": [_ent("person:miller", "Miller", "person")],
        }
    )
    assert merged.canonical("person:miller") == "person:miller"


def test_orgs_join_through_a_shared_alias_places_only_by_id() -> None:
    merged = merge_corpus(
        {
            "a": [
                _ent("org:security-service", "Security Service", "org", ("SBU",)),
                _ent("place:georgia", "Georgia", "place"),
            ],
            "b": [_ent("org:sbu", "SBU", "org"), _ent("place:georgia-us", "Georgia", "place")],
        }
    )
    assert merged.canonical("org:sbu") == merged.canonical("org:security-service")
    assert merged.canonical("place:georgia") != merged.canonical("place:georgia-us")


def test_same_person_has_one_id_across_real_articles(extractor: Extractor) -> None:
    a = extractor.extract("Ukrainian President Volodymyr Zelensky spoke in Kiev.")
    b = extractor.extract("Critics said Zelenskyy was wrong. Zelensky replied from Kyiv.")
    merged = merge_corpus({"a": a, "b": b})
    ids = {e.name: e.id for e in merged.entities}
    assert ids["Volodymyr Zelensky"] == "person:volodymyr-zelensky"
    assert "Zelensky" not in ids and "Zelenskyy" not in ids
    kyiv = next(e for e in merged.entities if e.id == "place:kyiv")
    assert kyiv.articles == 2


def test_index_terms_carry_every_spelling_per_field() -> None:
    ents = [
        _ent("person:valery-zaluzhnyi", "Valery Zaluzhnyi", "person", ("Zaluzhny",)),
        _ent("place:kyiv", "Kyiv", "place", ("Kiev",)),
        _ent("money:40-million", "$40 million", "money"),
    ]
    terms = index_terms(ents)
    assert terms["person"] == ["Valery Zaluzhnyi", "Zaluzhny"]
    assert terms["place"] == ["Kyiv", "Kiev"]
    assert terms["org"] == []
    assert terms["entity"] == ["Valery Zaluzhnyi", "Zaluzhny", "Kyiv", "Kiev"]


def test_query_term_expands_to_all_spellings() -> None:
    index = AliasIndex(
        [
            _ent("person:valery-zaluzhnyi", "Valery Zaluzhnyi", "person", ("Zaluzhny",)),
            _ent("place:kyiv", "Kyiv", "place", ("Kiev",)),
        ]
    )
    assert index.expand("kiev") == ["kiev", "Kyiv", "Kiev"]
    assert set(index.expand("Zeluzhnyi", "person")) == {"Zeluzhnyi", "Valery Zaluzhnyi", "Zaluzhny"}
    assert index.expand("Kiev", "person") == ["Kiev"]
    assert index.expand("Nowhere") == ["Nowhere"]
