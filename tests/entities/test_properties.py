"""Property tests: no text crashes the extractor, and every offset is exact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.entities import Extractor
from reader.core.entities.model import ENTITY_TYPES

_WORDS = st.sampled_from(
    "Zelensky Zaluzhnyi Zaluzhny's Kyiv Kiev NATO (SBU) Security Service of the and "
    "President General Defense Minister said in Monday February 2024 $40 million 400,000 "
    "1 percent U.S. O'Brien LONDON . , \" \n ’s - Mr. al-Assad Ukrainian The According".split(" ")
)
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(_WORDS, max_size=60).map(" ".join),
    st.lists(st.one_of(_WORDS, st.text(max_size=5)), max_size=40).map("".join),
)
_EXTRACTOR = Extractor()


@given(_TEXTS)
def test_offsets_are_exact_and_output_well_formed(text: str) -> None:
    seen: set[tuple[int, int]] = set()
    for entity in _EXTRACTOR.extract(text):
        assert entity.type in ENTITY_TYPES
        assert entity.count == len(entity.mentions) > 0
        assert entity.id.startswith(entity.type + ":")
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
            assert (m.start, m.end) not in seen
            seen.add((m.start, m.end))
