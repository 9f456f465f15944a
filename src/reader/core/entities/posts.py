"""A post after the place or body it serves: "the U.S. Assistant Secretary of State",
"South Carolina Gov", "the U.S. Congressman", "the EU Commissioner".

The post's words close the run of capitals and hold no name of their own; the run
would otherwise be read whole, as an organisation. The place (or the acronym of the
body) before them is the name, and the post is dropped: its holder, when named, is a
run of his or her own ("... of State John Kornblum").
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.entities.lexicon import TITLES

Words = list[tuple[int, int, str]]


def before_post(
    words: Words,
    title_size: Callable[[Words], int],
    is_place: Callable[[Words], bool],
    acronym: Callable[[str], bool],
) -> int:
    """How many words of ``words`` name the place or body before a closing post, or 0."""
    if len(words) < 2 or words[-1][2].lower().rstrip(".") not in TITLES:
        return 0  # most runs: their last word is no title
    for k in range(1, len(words)):
        if title_size(words[k:]) != len(words) - k:
            continue
        head = words[:k]
        if is_place(head) or (k == 1 and acronym(head[0][2])):
            return k
        return 0  # the post starts here; what is before it is no place
    return 0
