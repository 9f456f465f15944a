"""Rows of a player's figures: "Moin Khan 2 3 1 158 105 79.00", "Duffy Waldorf 70 70
71 66".

On a sports page a name followed by a row of figures is read as a side in a
standings table ("Crystal Palace 4 1 2 1 5 4 5"). Two kinds of rows name players
instead: averages, whose last figure is an average with two decimals or whose runs
carry a not-out mark ("100no"), and golf cards, two to four rounds in the sixties,
seventies or eighties closing the entry. Standings hold whole counts, and a baseball
or basketball percentage has three decimals (".569").
"""

from __future__ import annotations

import re

# An average with exactly two decimals, or runs not out, among the figures.
_AVERAGE = re.compile(r"[ \t]\d{1,4}\.\d\d(?![\d.])|[ \t]\d{1,3}no\b")
# Two to four rounds of golf, then the entry's end: "70 70 71 66 ,", "64 72 66".
_ROUNDS = re.compile(r"(?:[ \t]+[6-8]\d){2,4}[ \t]*(?:,|$)")
_FIGURES = re.compile(r"[ \t\d.no-]*")  # the figures after the name, up to a word


def player_figures(after: str) -> bool:
    """Whether the rest of the line after a name (``after``) opens with a row of one
    player's figures."""
    figures = _FIGURES.match(after)
    row = figures.group() if figures else ""
    return _AVERAGE.search(row) is not None or _ROUNDS.match(after) is not None
