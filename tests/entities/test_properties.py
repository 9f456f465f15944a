"""Property tests: no text crashes the extractor, and every offset is exact."""

from __future__ import annotations

import itertools

from hypothesis import example, given
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


# Words that reach the newer rules: datelines, results tables, company suffixes,
# initials, "&", scorecards, place cues, abbreviations with full stops.
_NEWS = st.sampled_from(
    "LONDON 1996-08-30 Surrey 429-7 beat v Kent 2 1 0 Inc Inc. Corp. Co & Standard Poor "
    "J. A.G. Edwards c b lbw town of Tavildara east Reuters told SA Ruch shares the "
    "Senate European Union New York Stock Exchange Fla. U.S ( ) Republic Magna "
    "International Clinton President Dole Olympic C St Louis Cardinals 85th "
    "outlet Pravda administration Biden \n".split(" ")
)
_NEWS_TEXTS = st.lists(st.one_of(_NEWS, _WORDS), max_size=80).map(" ".join)


@given(_NEWS_TEXTS)
@example("LONDON February 2 LONDON 2")  # a dateline's date read as a score as well
def test_news_rules_keep_offsets_exact_and_mentions_disjoint(text: str) -> None:
    spans = []
    for entity in _EXTRACTOR.extract(text):
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text and m.text.strip() == m.text
            spans.append((m.start, m.end))
    spans.sort()
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, "mentions overlap"


@given(_NEWS_TEXTS)
def test_extraction_is_deterministic(text: str) -> None:
    first = [e.to_json() for e in _EXTRACTOR.extract(text)]
    assert first == [e.to_json() for e in _EXTRACTOR.extract(text)]
