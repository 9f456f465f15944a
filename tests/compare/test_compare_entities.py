"""compare_entities: named entities by id, figures by value, JSON in the `reader entities` form."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.compare import (
    EntityComparison,
    canonical_pair,
    compare_entities,
    figure_value,
)
from reader.core.entities import Entity, Mention, extract

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def entity(eid: str, name: str, kind: str, *starts: int) -> Entity:
    return Entity(
        eid,
        name,
        kind,  # type: ignore[arg-type]
        [Mention(s, s + len(name), name) for s in starts or (0,)],
    )


def test_named_entities_match_by_id_with_both_counts() -> None:
    a = [entity("person:x", "X", "person", 0, 10), entity("place:p", "P", "place", 5)]
    b = [entity("person:x", "X", "person", 3), entity("org:o", "O", "org", 1)]
    result = compare_entities(a, b)
    (shared,) = result.shared
    assert (shared.id, shared.a.count, shared.b.count) == ("person:x", 2, 1)
    assert [e.id for e in result.only_a] == ["place:p"]
    assert [e.id for e in result.only_b] == ["org:o"]
    assert result.shared_figures == result.only_a_figures == result.only_b_figures == ()


def test_figures_match_by_value_and_spellings_merge() -> None:
    a = [
        entity("figure:400-000", "400,000", "figure", 0),
        entity("money:40-million", "$40 million", "money", 20),
        entity("money:40m", "$40m", "money", 40),
        entity("figure:7", "7,000", "figure", 60),
    ]
    b = [
        entity("figure:400000", "400 000", "figure", 5),
        entity("money:40m", "$40m", "money", 9),
        entity("figure:1-per-cent", "1 per cent", "figure", 30),
    ]
    result = compare_entities(a, b)
    shared = {s.value: (s.a.count, s.b.count) for s in result.shared_figures}
    assert shared == {"400000": (1, 1), "USD 40000000": (2, 1)}
    money = next(s for s in result.shared_figures if s.type == "money")
    assert money.a.name == "$40 million" and money.a.aliases == ["$40m"]
    assert [m.start for m in money.a.mentions] == [20, 40]
    assert [e.name for e in result.only_a_figures] == ["7,000"]
    assert [e.name for e in result.only_b_figures] == ["1 per cent"]
    assert result.shared == ()


def test_a_figure_is_not_a_named_entity_of_the_same_id() -> None:
    a = [entity("figure:2022", "2022", "figure")]
    b = [entity("place:2022", "2022", "place")]
    result = compare_entities(a, b)
    assert not result.shared and not result.shared_figures


def test_shared_come_most_mentioned_first() -> None:
    a = [entity("place:a", "A", "place", 0), entity("place:b", "B", "place", 0, 1, 2)]
    b = [entity("place:a", "A", "place", 0), entity("place:b", "B", "place", 0)]
    assert [s.id for s in compare_entities(a, b).shared] == ["place:b", "place:a"]


def test_json_form() -> None:
    a = [entity("person:x", "X", "person", 4), entity("figure:1-percent", "1 percent", "figure", 9)]
    b = [entity("person:x", "X", "person", 7), entity("figure:1", "1%", "figure", 2)]
    data = compare_entities(a, b).to_json()
    assert set(data) == {
        "shared_entities",
        "only_a",
        "only_b",
        "shared_figures",
        "only_a_figures",
        "only_b_figures",
    }
    (person,) = data["shared_entities"]
    assert person == {
        "id": "person:x",
        "name": "X",
        "type": "person",
        "count": 2,
        "aliases": [],
        "mentions": [
            {"doc": "a", "side": "a", "start": 4, "end": 5, "text": "X"},
            {"doc": "b", "side": "b", "start": 7, "end": 8, "text": "X"},
        ],
        "count_a": 1,
        "count_b": 1,
        "a": a[0].to_json(),
        "b": b[0].to_json(),
    }
    (figure,) = data["shared_figures"]
    assert figure["value"] == "1%" and figure["b"]["name"] == "1%"
    assert figure["name"] == "1 percent" and figure["aliases"] == ["1%"]
    assert figure["count"] == 2 and [m["side"] for m in figure["mentions"]] == ["a", "b"]


def test_json_names_the_articles_in_shared_mentions() -> None:
    a = [entity("person:x", "X", "person", 4)]
    b = [entity("person:x", "X", "person", 7, 9)]
    (shared,) = compare_entities(a, b).to_json("doc-1", "doc-2")["shared_entities"]
    assert [(m["doc"], m["side"], m["start"]) for m in shared["mentions"]] == [
        ("doc-1", "a", 4),
        ("doc-2", "b", 7),
        ("doc-2", "b", 9),
    ]
    assert shared["count"] == 3 == shared["count_a"] + shared["count_b"]


def test_empty_sides() -> None:
    assert compare_entities([], []) == EntityComparison()
    only = compare_entities([entity("place:p", "P", "place")], [])
    assert [e.id for e in only.only_a] == ["place:p"] and not only.only_b


# -- the demo corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def week() -> EntityComparison:
    return compare_entities(*canonical_pair(extract(seed("000")), extract(seed("001"))))


def test_seeds_people_shared_across_spellings(week: EntityComparison) -> None:
    shared = {s.name for s in week.shared}
    assert {"Volodymyr Zelensky", "Valery Zaluzhnyi"} <= shared  # 001 writes "Zaluzhny"
    zaluzhnyi = next(s for s in week.shared if s.name == "Valery Zaluzhnyi")
    assert zaluzhnyi.a.count > 10 and zaluzhnyi.b.count > 10


def test_seeds_avdiivka_only_in_001(week: EntityComparison) -> None:
    def avdiivka(entities: tuple[Entity, ...]) -> list[Entity]:
        return [e for e in entities if e.id.startswith("place:avdi")]

    assert avdiivka(week.only_b)
    assert not avdiivka(week.only_a)
    assert not [s for s in week.shared if s.id.startswith("place:avdi")]


def test_seeds_shared_figures(week: EntityComparison) -> None:
    values = {s.value for s in week.shared_figures}
    assert {"400000", "125000", "1%"} <= values
    assert "USD 40000000" in {figure_value(e.name, e.type) for e in week.only_a_figures}


def test_canonical_pair_keeps_mentions_and_records_spellings() -> None:
    a = extract(seed("000"))
    b = extract(seed("001"))
    ca, cb = canonical_pair(a, b)
    assert [e.mentions for e in ca] == [e.mentions for e in a]
    assert [e.mentions for e in cb] == [e.mentions for e in b]
    zaluzhny = next(e for e in cb if e.id == "person:valery-zaluzhnyi")
    assert "Valery Zaluzhny" in zaluzhny.aliases


def test_pair_entities_of_catalogued_seeds(seeds: Path, tmp_path: Path) -> None:
    from reader.core.index.article_entities import pair_entities
    from reader.core.index.library import Library

    library = Library(seeds, cache=tmp_path / "cache")
    library.update()
    try:
        first, second, _ = (s.id for s in library.summaries())
        a, b = library.document(first), library.document(second)
        assert a is not None and b is not None
        left, right = pair_entities(library, a, b)
    finally:
        library.close()
    for entities, text in ((left, a.text), (right, b.text)):
        for e in entities:
            assert all(text[m.start : m.end] == m.text for m in e.mentions)
    result = compare_entities(left, right)
    assert "Valery Zaluzhnyi" in {s.name for s in result.shared}
    assert any(e.id.startswith("place:avdi") for e in result.only_b)
