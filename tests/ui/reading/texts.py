"""Hypothesis texts shaped like articles: sentences, line breaks and blank lines."""

from __future__ import annotations

from hypothesis import strategies as st

_words = st.sampled_from(
    ["Kyiv", "said", "the", "Dr.", "U.S.", "“quote”", "3.5", "ça", "war", "日本"]
)
_ends = st.sampled_from([". ", "? ", "! ", ", ", " ", ".\n", "\n", "\n\n", "\n \n", "\n\n\n\n"])
_piece = st.tuples(_words, _ends).map("".join)

texts = st.lists(_piece, max_size=40).map("".join) | st.text(
    alphabet=st.sampled_from("ab .?!\n \t"), max_size=60
)
