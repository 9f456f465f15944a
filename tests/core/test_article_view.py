"""``CorpusEntities.article_view`` gives what ``sorted(set(mentions))`` per joined entity
and the biggest-first order gave, whatever order and repeats the stored mentions come in."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.entities.aliases import Aliases
from reader.core.entities.model import Entity, Mention
from reader.core.index.entity_view import CorpusEntities

IDS = ["person:a", "person:b", "org:c", "place:d"]
MENTIONS = st.builds(
    lambda start, size, text: Mention(start, start + size, text),
    st.integers(0, 12),
    st.integers(1, 3),
    st.sampled_from(["A", "B", "Ab"]),
)
RAW = st.lists(
    st.builds(
        lambda eid, mentions: Entity(eid, eid.upper(), eid.partition(":")[0], mentions, []),
        st.sampled_from(IDS),
        st.lists(MENTIONS, max_size=5),
    ),
    max_size=5,
)
# Article ids joined under one corpus id by the merge (or left as they are).
ID_MAPS = st.dictionaries(st.sampled_from(IDS), st.sampled_from(IDS), max_size=4)


def reference(view: CorpusEntities, raw: list[Entity]) -> list[Entity]:
    """The view as it was made before: Mention objects compared and hashed."""
    groups: dict[str, Entity] = {}
    for whole in raw:
        final = view.final_id(whole.id)
        if final is None:
            continue
        group = groups.setdefault(
            final, Entity(final, whole.name, whole.type, [], list(whole.aliases))
        )
        group.mentions.extend(whole.mentions)
    for group in groups.values():
        group.mentions = sorted(set(group.mentions))
    return sorted(groups.values(), key=lambda e: (-e.count, min(e.mentions, default=None), e.id))


@given(RAW, ID_MAPS)
@example(  # as many mentions: the one mentioned first comes first, whatever the ids
    [
        Entity("org:c", "C", "org", [Mention(5, 6, "A")], []),
        Entity("person:b", "B", "person", [Mention(0, 1, "B")], []),
    ],
    {},
)
@example(  # joined by the merge, with a mention in common and out of order
    [
        Entity("person:a", "A", "person", [Mention(4, 5, "A"), Mention(0, 1, "A")], []),
        Entity("person:b", "B", "person", [Mention(0, 1, "A")], []),
    ],
    {"person:b": "person:a"},
)
def test_the_view_is_the_sorted_distinct_mentions(
    raw: list[Entity], id_map: dict[str, str]
) -> None:
    view = CorpusEntities([], id_map, Aliases(), "v")
    expected = reference(view, raw)
    found = view.article_view(raw)
    assert [(e.id, e.name, e.mentions) for e in found] == [
        (e.id, e.name, e.mentions) for e in expected
    ]
