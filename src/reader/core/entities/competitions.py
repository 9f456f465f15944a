"""Leagues on a sports page are competitions: "the American League wild card",
"Major League Baseball standings", "the Premier League title".

Competitions are not organisations (a cup, a championship or an open is dropped for
the same reason, see ``EVENT_HEADS``). A league elsewhere is a body: "the Awami
League", "the Arab League"; so is one named with "of" or "for" ("League of Women
Voters", "National League for Democracy", "League Against Cruel Sports"), and one
ending in another word for a body ("League Managers Association"), wherever it is.
"""

from __future__ import annotations

import itertools
import re

from reader.core.entities.classify import Typed
from reader.core.entities.lexicon import ORG_HEADS

_LEAGUE = frozenset(("league", "liga", "leagues"))
_BODY_WORDS = frozenset(("of", "for", "against"))


# Words of games: a page with "league" in it three times is not about sport for that
# ("the Awami League ... the Arab League ... the National League for Democracy").
_GAME = re.compile(
    r"\b(?:baseball|soccer|football|rugby|cricket|basketball|hockey|innings|goals?|"
    r"halftime|half-time|season|match|matches|coach|striker|midfielder|pitcher|"
    r"quarterback|standings|scorers|play-?offs?|fixtures|relegation|title race)\b"
)


def sports_competitions(typed: list[Typed], low: str) -> None:
    """Withdraw the organisation reading of leagues on a page about sport (``low``
    is the page in lower case)."""
    orgs = [item for item in typed if item.type == "org" and len(item.words) > 1]
    if not orgs or len(list(itertools.islice(_GAME.finditer(low), 2))) < 2:
        return
    for item in orgs:
        lows = [w[2].lower() for w in item.words]
        if _LEAGUE.isdisjoint(lows) or not _BODY_WORDS.isdisjoint(lows):
            continue
        if lows[-1] in ORG_HEADS and lows[-1] not in _LEAGUE:
            continue  # "League Managers Association": a body of the league's people
        item.type = None
