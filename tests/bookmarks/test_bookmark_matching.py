"""The bit-parallel edit distance agrees with the textbook table."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.bookmarks.matching import best_match, candidate_starts, edit_distances

small = st.text(alphabet="abc ", max_size=30)


def table(pattern: str, text: str, *, anchored: bool) -> list[int]:
    """Last row of the dynamic-programming table (Sellers' algorithm when not anchored)."""
    row = [j if anchored else 0 for j in range(len(text) + 1)]
    for i, p in enumerate(pattern, start=1):
        new = [i] + [0] * len(text)
        for j, t in enumerate(text, start=1):
            new[j] = min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (p != t))
        row = new
    return row


@settings(max_examples=400, deadline=None)
@given(
    pattern=st.text(alphabet="abc ", min_size=1, max_size=80), text=small, anchored=st.booleans()
)
def test_edit_distances_match_the_table(pattern: str, text: str, anchored: bool) -> None:
    # Patterns longer than 64 characters exercise multi-word big integers.
    assert edit_distances(pattern, text, anchored=anchored) == table(
        pattern, text, anchored=anchored
    )


@settings(max_examples=300, deadline=None)
@given(pattern=st.text(alphabet="abc", min_size=1, max_size=12), text=small)
def test_best_match_is_a_closest_substring(pattern: str, text: str) -> None:
    found = best_match(pattern, text, 0, len(text))
    if not text:
        assert found is None
        return
    assert found is not None
    distance, start, end = found
    assert distance == min(table(pattern, text, anchored=False))
    assert table(pattern, text[start:end], anchored=True)[-1] == distance


def test_best_match_finds_an_edited_phrase_inside_a_window() -> None:
    text = "x" * 50 + "the quick brown fox jumps" + "y" * 50
    assert best_match("the quick brawn fox jumps", text, 40, 90) == (1, 50, 75)
    assert best_match("anything", text, 10, 10) is None


def test_candidates_come_from_pieces_that_still_occur() -> None:
    quote = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn"
    text = "Intro. " * 30 + quote.replace("jumped", "leapt") + " Outro."
    starts = candidate_starts(quote, text)
    assert starts and abs(starts[0] - text.index("Quarterly")) <= 2
    assert candidate_starts(quote, "nothing in common here") == []
