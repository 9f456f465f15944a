"""The letter-set test that spares the edit distance in Tantivy's fuzzy expansion never
drops a word the edit distance would keep (it is a necessary condition)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.support.levenshtein import distance

from reader.core.index.engine.tantivy_engine import near_letters

WORDS = st.text(alphabet="abcdeé", max_size=9)


@settings(max_examples=2000, deadline=None)
@given(WORDS, WORDS, st.integers(0, 2))
def test_words_within_the_edits_pass_the_letter_test(text: str, word: str, edits: int) -> None:
    if distance(word, text, limit=edits) <= edits:
        assert near_letters(set(text), word, edits)


def test_the_letter_test_rejects_words_of_other_letters() -> None:
    assert near_letters(set("econmy"), "economy", 1)
    assert near_letters(set("brodband"), "broadband", 1)
    assert not near_letters(set("econmy"), "eclipse", 2)
