"""A full name closing a run of ordinary words: "House Speaker Newt Gingrich",
"Chief Executive Daniel Levy", "Foreign Affairs Ali Alatas".

News puts a post or a portfolio right before the holder's name ("Minister of Foreign
Affairs Ali Alatas", "Journalist Patrick Seale"). When the words of the post are not
all in the list of titles, the run of capitals holds post and name together and is
guessed, from its ordinary first word, to be an organisation. A first name and a
surname closing the run, right after an ordinary word, are the person; the post's
words before them are read on their own.

A company named after its founder has the full name alone ("Charles Schwab") or
closes with a company word ("Alfred Dunhill Ltd"): neither is cut.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.entities.lexicon import CORP_SUFFIXES, NEVER, ORG_HEADS, PLACE_STARTS, TITLES

Words = list[tuple[int, int, str]]
_NOT_POSTS = TITLES | PLACE_STARTS


def full_name_at_end(
    words: Words,
    is_first_name: Callable[[str], bool],
    is_surname: Callable[..., bool],
    common: Callable[[str], bool],
    is_place: Callable[[str], object],
) -> int:
    """Where the closing full name starts in ``words``, or 0 when none closes them."""
    if len(words) < 3:
        return 0
    before, first, last = words[-3][2], words[-2][2], words[-1][2]
    low = last.lower().rstrip(".")
    if low in ORG_HEADS or low in CORP_SUFFIXES or low in NEVER or last.isupper():
        return 0
    if not (first[:1].isupper() and is_first_name(first)) or common(first):
        return 0  # "Bill", "Mark", "Will" are words as often as names
    if common(last) and not is_surname(last, 10_000):
        return 0  # "James Baker" is a full name, "Christian Fellowship" no one's
    # The word before is an ordinary word of the post ("Speaker", "Affairs", "State"),
    # not part of a longer name ("Morgan Stanley Dean Witter").
    if not common(before) or before.lower() in ("and", "of", "&"):
        return 0
    # Nor a name's own first word: "Lee Wan Wah", "Los Angeles Dodgers", "St James Park".
    if is_first_name(before) or is_surname(before, 2000) or is_place(f"{before} {first}"):
        return 0
    if before.lower().rstrip(".") in _NOT_POSTS:
        return 0  # a title ("Sir Paul McCartney") is read by the title rules
    return len(words) - 2
