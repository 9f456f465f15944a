"""Results and standings lines: the names in them are the sides that played.

"Nantes 0 Lens 1", "Marseille 1 (Gravelaine 24th) Metz 2", "Carlton 13.18 (96)
Footscray 9.12 (66)" and a table row "Lens 3 3 0 0 6 1 9" name clubs, whatever the
words would be elsewhere ("Lens", "Nice", "Reading" are ordinary words; "Metz" is a
town). A country there is its national side, which is conventionally tagged as the
country, unless most sides are clubs (Monaco in the French league). Golf and
athletics lines ("Nick Faldo 67 68", "Moin Khan 2 3 1 158 105 79.00") do not have
these shapes: two sides with one score each, or a name and at least seven plain
numbers.
"""

from __future__ import annotations

import re

from reader.core.entities.classify import STRONG, Typed
from reader.core.entities.gazetteer import Gazetteer
from reader.core.entities.lexicon import NEVER
from reader.core.entities.spans import Span, line_matches

_NAME_WORD = r"[A-Z][\w.&'’-]*"
# A club's town in brackets by its initials ends the name: "Mladost (L)", "Radnicki
# (N)", "Mladost (BJ)" are the Mladost of Lucani, the Radnicki of Nis...
_TOWN_TAG = r"(?:[ \t]*\([ \t]*(?P<{}>[A-Z]{{1,2}})[ \t]*\))?"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|['’]s|of|de|del|&|/))*?"
_SCORE = r"(?:\d{1,3}\.\d{1,3}[ \t]*\([ \t]*\d{1,3}[ \t]*\)|\d{1,3})"
_SCORERS = r"(?:[ \t]*\([^()\n]*\))?"  # "(Gravelaine 24th)"
RESULT = re.compile(
    rf"^[ \t]*(?P<a>{_NAME}{_TOWN_TAG.format('ta')})[ \t]+{_SCORE}{_SCORERS}"
    rf"[ \t]+(?P<b>{_NAME}{_TOWN_TAG.format('tb')})[ \t]+{_SCORE}"
    r"(?=[ \t]*(?:\(|\.?[ \t]*$))",  # then the scorers, a full stop or the line's end
    re.MULTILINE,
)
STANDING = re.compile(
    rf"^[ \t]*(?P<a>{_NAME}{_TOWN_TAG.format('ta')})(?:[ \t]+\d{{1,4}}(?:\.\d+)?){{7,}}[ \t]*$",
    re.MULTILINE,
)
_WORD = re.compile(r"[\w.&'’-]+|[/()]")
_DIGIT = re.compile(r"\d")
_NATIONS = ("country", "continent", "region")


def result_sides(text: str, gaz: Gazetteer) -> list[Typed]:
    """The sides named on results and standings lines of ``text``, sorted."""
    if _DIGIT.search(text) is None:
        return []
    found: list[Typed] = []
    for pattern in (RESULT, STANDING):
        for match in line_matches(pattern, text):
            for group in ("a", "b") if pattern is RESULT else ("a",):
                start, end = match.span(group)
                tag = match.group("t" + group)
                if tag is not None and gaz.place(tag) is not None:
                    # "(US)" is a country, not a town: the name ends before it.
                    end = len(text[: match.start("t" + group)].rstrip(" \t("))
                item = _side(text, start, end, gaz)
                if item is not None:
                    found.append(item)
    # A country among clubs is a club of that name: Monaco plays in the French
    # league. Where most sides are countries, they are national sides.
    nations = [t for t in found if t.type == "place"]
    if nations and len(nations) * 2 < len(found):
        for item in nations:
            item.type, item.place, item.side = "org", None, True
    found.sort(key=lambda t: t.start)
    return found


def _side(text: str, start: int, end: int, gaz: Gazetteer) -> Typed | None:
    # Every word between the first and the last stays: "Queen 's Park", "Admira / Wacker".
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    name = text[start:end]
    if not words or name.lower() in NEVER or len(name) < 2:
        return None
    after = text[end : end + 40].partition("\n")[0]
    span = Span(words=words, initial=True, after=after)
    place = gaz.place(name)
    if place is not None and place.kind in _NATIONS:
        return Typed(span, words, "place", STRONG, place)
    return Typed(span, words, "org", STRONG, side=True)
