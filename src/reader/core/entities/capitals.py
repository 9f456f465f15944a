"""Places written in capitals: "ITALY - Bond futures held", "FRANKFURT 2,555.16".

A short word in capitals is read as an acronym, and an acronym is no town ("NATO",
"ANC" name small places somewhere). Market reports and tables head their sections
and rows with the country or the financial centre in capitals, though: a country, a
state or a region, or a city of a million people or more, written in capitals with
four letters or more, is that place.
"""

from __future__ import annotations

from reader.core.entities.gazetteer import Gazetteer, Place

_BIG_CITY = 1_000_000
_MIN_LETTERS = 4  # "USA" and "UK" are read by the rules' own list
_KINDS = frozenset(("country", "state", "region"))


def place_in_capitals(word: str, gaz: Gazetteer) -> Place | None:
    """The place an acronym-shaped ``word`` in capitals names, if it is a big one."""
    if len(word) < _MIN_LETTERS:
        return None
    place = gaz.place(word)
    if place is None:
        return None
    if place.kind in _KINDS or (place.kind == "city" and place.population >= _BIG_CITY):
        return place
    return None
