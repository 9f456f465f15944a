"""US states abbreviated after a town: "Carlsbad, Calif.", "Newark, N.J.", "Austin, TX".

American news writes a town's state after a comma in an abbreviated form, the
Associated Press's ("Calif.", "Fla.", "N.J.", "Wis.") or the postal code ("CA",
"TX"). The gazetteer knows the states by their names; short forms alone are
ordinary words or acronyms ("Mass", "Miss", "Wash", "IN", "OR") and would be read
as words or organisations. After "Town ," and before no further capitalised word
("Jackson, Miss Universe" is not Mississippi) they are the state.
"""

from __future__ import annotations

import re

from reader.core.entities.spans import Span

# Associated Press abbreviations (with or without their full stops), then postal
# codes (capitals only), each with the state it stands for.
_AP = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas",
    "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana", "md": "Maryland",
    "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota",
    "miss": "Mississippi", "mo": "Missouri", "mont": "Montana", "neb": "Nebraska",
    "nev": "Nevada", "n.h": "New Hampshire", "n.j": "New Jersey", "n.m": "New Mexico",
    "n.y": "New York", "n.c": "North Carolina", "n.d": "North Dakota",
    "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania", "penn": "Pennsylvania",
    "r.i": "Rhode Island", "s.c": "South Carolina", "s.d": "South Dakota",
    "tenn": "Tennessee", "tex": "Texas", "vt": "Vermont", "va": "Virginia",
    "wash": "Washington", "w.va": "West Virginia", "wis": "Wisconsin",
    "wisc": "Wisconsin", "wyo": "Wyoming",
}  # fmt: skip
_POSTAL = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
# "Carlsbad , " or "CARLSBAD, " right before: a capitalised word and a comma.
_TOWN_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \t]*,[ \t]*$")
# What may follow a short form without its full stop: the line's end, punctuation, a
# date or a figure, a lower-case word.
_AFTER = re.compile(r"\.?[ \t]*(?:$|[,.;:)\-—–]|\d|[a-z])")


def abbreviated_state(texts: list[str] | tuple[str, ...]) -> str | None:
    """The state ``texts`` may abbreviate, whatever the words around: the part of
    :func:`state_after_town` that reads the name alone."""
    if len(texts) != 1 or len(texts[0]) > 6:
        return None  # most names: longer than any short form ("Calif.", "W.Va.")
    word = texts[0].rstrip(".")
    return _POSTAL.get(word) or _AP.get(word.lower())


def state_after_town(span: Span, texts: list[str]) -> str | None:
    """The state a lone abbreviation after "Town ," stands for, or None."""
    state = abbreviated_state(texts)
    if state is None or not _TOWN_BEFORE.search(span.before):
        return None
    # With its full stop the abbreviation may end a sentence: "in Woodridge, Ill. The".
    return state if texts[0].endswith(".") or _AFTER.match(span.after) else None
