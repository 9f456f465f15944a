"""Property tests for the results-line, dateline and spelt-out-acronym rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.entities import Extractor

_EXTRACTOR = Extractor()

# Invented names: syllables no dictionary, census or gazetteer holds together.
_SYLLABLES = st.sampled_from("zor vak trux quel brim dax oxt yurn plev skaz gorv".split())
_NAME = st.lists(_SYLLABLES, min_size=2, max_size=3).map(lambda s: "".join(s).capitalize())
_SCORE = st.integers(min_value=0, max_value=9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_NAME, _SCORE, _NAME, _SCORE), min_size=2, max_size=5))
def test_every_side_of_a_results_line_is_a_club(rows: list[tuple[str, int, str, int]]) -> None:
    text = "Results of matches played on Saturday:\n" + "".join(
        f"{a} {x} {b} {y}\n" for a, x, b, y in rows
    )
    ents = _EXTRACTOR.extract(text)
    sides = {name for a, _, b, _ in rows for name in (a, b)}
    clubs = {e.name for e in ents if e.type == "org"}
    assert sides <= clubs
    for entity in ents:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text


@settings(max_examples=60, deadline=None)
@given(_NAME, st.sampled_from(["Bosnia", "Ohio", "Kenya"]))
def test_an_unknown_dateline_is_a_place_in_the_whole_article(name: str, region: str) -> None:
    text = f"{name.upper()}, {region} 1996-08-31\nFighting went on near {name} on Saturday.\n"
    ents = _EXTRACTOR.extract(text)
    found = [e for e in ents if e.name.lower() == name.lower()]
    assert len(found) == 1 and found[0].type == "place" and found[0].count == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=3), st.sampled_from(["Council", "Agency", "Bank"]))
def test_a_name_spelt_out_before_its_acronym_is_one_organisation(
    words: list[str], head: str
) -> None:
    # "in Europe" ends the run of capitalised words: the acronym joins them.
    name = " ".join([*words, head, "in", "Europe"])
    acronym = "".join(w[0] for w in [*words, head, "Europe"])
    text = f"Talks with the {name} ({acronym}) went on. The {acronym} said so."
    ents = _EXTRACTOR.extract(text)
    found = [e for e in ents if e.name == name]
    assert len(found) == 1 and found[0].type == "org"
    assert acronym in found[0].aliases and found[0].count == 3
