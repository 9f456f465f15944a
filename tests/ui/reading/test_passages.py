"""Passages: the sentences and paragraphs the passage cursor moves over."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.reading.passages import Passages, Place

from .texts import texts


def test_passages_split_paragraphs_into_sentences_lazily() -> None:
    text = "One. Two here.\n\nThree? Four!\n\n\n\nFive"
    passages = Passages(text)
    assert len(passages.paragraphs) == 3
    assert passages._sentences == {}
    place = passages.place_at(0)
    assert place == Place(0, 0)
    spans = []
    for _ in range(6):
        assert place is not None
        spans.append(text[slice(*passages.span(place))])
        place = passages.next_sentence(place)
    assert spans == ["One.", "Two here.", "Three?", "Four!", "Five", "Five"]
    assert passages.previous_paragraph(Place(1, 1)) == Place(1, 0)
    assert passages.previous_paragraph(Place(1, 0)) == Place(0, 0)
    assert passages.next_paragraph(Place(2, 0)) == Place(2, 0)
    assert passages.place_at(len("One. Two here.\n")) == Place(1, 0)  # in the gap
    assert not Passages("  \n\n ")


def _walk(passages: Passages) -> list[Place]:
    """Every sentence, first to last, by ``next_sentence`` until it stays put."""
    place = passages.place_at(0)
    assert place is not None
    seen = [place]
    while (following := passages.next_sentence(place)) != place:
        place = following
        seen.append(place)
    return seen


@given(texts)
def test_sentences_are_in_order_inside_the_text_and_each_is_reached(text: str) -> None:
    passages = Passages(text)
    if not passages:
        assert not text.strip()
        return
    places = _walk(passages)
    spans = [passages.span(place) for place in places]
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))  # no overlap
    assert len(places) == sum(len(passages.sentences(p)) for p in range(len(passages.paragraphs)))
    # Back from the last sentence retraces every step.
    back = [places[-1]]
    while (earlier := passages.previous_sentence(back[-1])) != back[-1]:
        back.append(earlier)
    assert back[::-1] == places


@given(texts, st.integers(min_value=-3, max_value=400))
def test_place_at_is_the_sentence_holding_the_offset_or_the_next(text: str, offset: int) -> None:
    passages = Passages(text)
    place = passages.place_at(offset)
    if not passages:
        assert place is None
        return
    assert place is not None
    start, end = passages.span(place)
    holding = [p for p in _walk(passages) if passages.span(p)[0] <= offset < passages.span(p)[1]]
    if holding:
        assert holding == [place]
    else:  # between sentences (or past the last): the next one, else the last
        later = [p for p in _walk(passages) if passages.span(p)[0] > offset]
        assert place == (later[0] if later else _walk(passages)[-1])
    assert 0 <= start < end <= len(text)
