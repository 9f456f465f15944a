"""Names that end in a possessive: "McDonald's", "Moody's", "Boatmen's".

A shop, bank or agency named after its founder keeps the founder's possessive
("Sainsbury's", "Lloyd's", "Moody's"). The name shows itself when nothing follows
the possessive: "Fitch and Moody's downgraded it", "a bid for Boatmen's." read as a
name, while "Duran's first fight" and "Smith's car" are a person's possessions. Once
an article uses the name so, and never names it without the possessive ("Sony's"
after "Sony" is the company's), its other mentions with the possessive are the same
name ("Boatmen's stock"), and a company suffix after it stays in it ("Boatmen's
Bancshares Inc").
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.core.entities.classify import MEDIUM, Typed
from reader.core.entities.keys import fold
from reader.core.entities.lexicon import CORP_SUFFIXES, PLACE_BEFORE

# The possessive, with the space some newswires put before it ("Moody 's").
_POSSESSIVE = re.compile(r" ?['’]s\b")
# What may follow a name's possessive when the possessive has no noun of its own:
# punctuation, the end of the line, a conjunction or a verb.
_NOTHING_OWNED = re.compile(
    r"[ \t]*(?:[.,;:!?]|$|\n|(?:and|or|was|is|has|had|have|said|says|will|would|"
    r"could|did|does|declined|agreed|reported|announced)\b)"
)


def possessive_names(text: str, typed: list[Typed]) -> list[Typed]:
    """``typed`` with the article's possessive names read whole, as organisations."""
    names: set[str] = set()
    bare: set[str] = set()
    for item in typed:
        match = _POSSESSIVE.match(text, item.end)
        if match is None:
            bare.add(fold(item.name))
        elif _may_own(item) and _NOTHING_OWNED.match(text, match.end()):
            names.add(fold(item.name))
    # "Verizon's." after "Verizon" elsewhere is the company's (bid): its name has none.
    names -= bare
    if not names:
        return typed
    out: list[Typed] = []
    skip: set[int] = set()
    for i, item in enumerate(typed):
        if i in skip:
            continue
        match = _POSSESSIVE.match(text, item.end)
        if match is None or fold(item.name) not in names or not _may_own(item):
            out.append(item)
            continue
        words = list(item.words)
        start, _, word = words[-1]
        if match.group().startswith(" "):
            words.append((match.start() + 1, match.end(), match.group().strip()))
        else:
            words[-1] = (start, match.end(), word + match.group())
        nxt = typed[i + 1] if i + 1 < len(typed) else None
        if nxt is not None and _suffixed(text, match.end(), nxt):
            words.extend(nxt.words)  # "Boatmen's Bancshares Inc."
            skip.add(i + 1)
        out.append(replace(item, words=words, type="org", strength=MEDIUM, place=None))
    return out


def _may_own(item: Typed) -> bool:
    """A name that can be a possessive name: not a person the rules are fairly sure
    of ("Farrakhan's)"), a place or a mention after "at" or "in" ("at Lord's" is a
    ground)."""
    if item.type == "person" and item.strength >= MEDIUM:
        return False
    return not (item.type == "place" or item.span.prev in PLACE_BEFORE)


def _suffixed(text: str, end: int, nxt: Typed) -> bool:
    """Whether ``nxt`` follows at ``end`` and ends in a company suffix."""
    if text[end : nxt.start].strip() or nxt.type not in ("org", None):
        return False
    return nxt.words[-1][2].lower().rstrip(".") in CORP_SUFFIXES
