"""Datelines: the place a wire story was filed from, at the start of a line.

"MAHALA, Bosnia 1996-08-31", "WASHINGTON (Reuters) -", "KYIV, Ukraine, March 3 (AP) —":
the words before the comma, the date or the agency name a place, whether or not the
gazetteer knows it, and the article's other mentions of that name follow (the
document rules let a strong reading overrule weak guesses).
"""

from __future__ import annotations

import re

from reader.core.entities.classify import STRONG, Typed
from reader.core.entities.gazetteer import Gazetteer
from reader.core.entities.lexicon import NEVER
from reader.core.entities.spans import Span, line_matches

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"  # "March", "Sept."
_NAME_WORD = r"[A-Z][A-Za-z'’.]*(?:-[A-Za-z][A-Za-z'’.]*)*"
# The place: one to four capitalised words; then an optional region or country;
# then an ISO date, a date with its month, or an agency in brackets and a dash.
DATELINE = re.compile(
    rf"^[ \t]*(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})"
    rf"(?:[ \t]*,[ \t]*{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)?"
    r"(?:[ \t]*,)?[ \t]+"
    rf"(?:\d{{4}}-\d\d-\d\d\b|{_MONTH}[ \t]+\d{{1,2}}\b|\d{{1,2}}[ \t]+{_MONTH}[ \t]+\d{{4}}\b"
    r"|\([A-Za-z][\w .&-]{0,20}\)[ \t]*[-—–])",
    re.MULTILINE,
)
_WORD = re.compile(_NAME_WORD)
_COMMON = 3.5  # Zipf frequency of ordinary English words


def datelines(text: str, gaz: Gazetteer) -> list[Typed]:
    """The dateline places of ``text``, one typed mention each."""
    found: list[Typed] = []
    for match in line_matches(DATELINE, text):
        start, end = match.span("name")
        words = [
            (m.start(), m.end(), m.group().rstrip(".")) for m in _WORD.finditer(text, start, end)
        ]
        words = [(s, s + len(w), w) for s, _, w in words]
        name = " ".join(w[2] for w in words)
        if name.lower() in NEVER or len(name) < 2:
            continue  # "Monday, 1996-08-30" is no place
        place = gaz.place(name)
        if place is None and not all(w[2].isupper() for w in words):
            continue  # "Apple (AAPL) - shares rose": capitals or a known place only
        if place is None and all(gaz.zipf(w[2]) >= _COMMON for w in words):
            continue  # "UNITED NATIONS 1996-08-29": the organisation's seat
        after = text[words[-1][1] : words[-1][1] + 40].partition("\n")[0]
        span = Span(words=words, initial=True, after=after)
        found.append(Typed(span, words, "place", STRONG, place, dateline=True))
    return found
