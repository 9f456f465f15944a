"""``find_quote``: a typed quote found despite whitespace and quotation-mark differences."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from reader.core.bookmarks import find_quote, markdown_heading

from .conftest import TEXT

WORDS = st.lists(
    st.text(alphabet="abcxyz.,'’\"“”-", min_size=1, max_size=6), min_size=1, max_size=30
)
SPACE = st.sampled_from([" ", "  ", "\n", "\n\n", " \n ", "\t"])


def _folded(text: str) -> str:
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    return " ".join(text.translate(table).split())


@given(WORDS, st.data())
def test_a_respaced_requoted_slice_is_found_verbatim(words: list[str], data: st.DataObject) -> None:
    text = "".join(word + data.draw(SPACE) for word in words)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    typed = data.draw(SPACE).join(words[i:j]).replace("’", "'").replace("“", '"')
    spans = find_quote(text, "  " + typed + "\n")
    assert spans, (text, typed)
    for start, end in spans:
        # What gets bookmarked is the document's own text, equal up to spacing and marks.
        assert _folded(text[start:end]) == _folded(typed)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))  # no overlaps


def test_exact_and_spacing_variants() -> None:
    start = TEXT.index("The firm")
    assert find_quote(TEXT, "The firm") == [(start, start + 8)]
    assert find_quote(TEXT, "The\n   firm,") == [(start, start + 9)]
    assert find_quote(TEXT, "the firm") == []  # case matters in a quotation
    assert find_quote(TEXT, "Thefirm") == []  # whitespace may vary, not vanish
    assert find_quote(TEXT, " \n ") == []
    assert find_quote("a.b a?b", "a.b") == [(0, 3)]  # punctuation is literal, not regex


def test_marks_match_each_other_only() -> None:
    text = "He said “yes” and ‘no’, it’s done."
    assert find_quote(text, '"yes"') == [(8, 13)]
    assert find_quote(text, "it's") == [(24, 28)]
    assert find_quote(text, "'no'") == [(18, 22)]
    assert find_quote(text, "'yes'") == []  # single marks do not stand for double ones


def test_markdown_heading_names_the_tags_escaped() -> None:
    assert markdown_heading() == "# Bookmarks"
    assert markdown_heading(["a"]) == "# Bookmarks tagged “a”"
    assert markdown_heading(["a", "b*", "c"]) == "# Bookmarks tagged “a”, “b\\*” and “c”"
