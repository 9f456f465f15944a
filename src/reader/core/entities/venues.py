"""Venues named as places: "Belmarsh Prison", "Brown Deer Park Golf Course", "the
National Tennis Centre", "Johns Hopkins Hospital".

A prison, a racecourse, a golf course or a hospital is where something happens or
someone is held, and the news writes it as a place ("held at Changi Prison", "played
at the Firestone golf course", "admitted to Columbia Presbyterian Hospital"). A
museum is left out: it is as often the body that lends, buys and says. "Centre"
ends organisations ("European Policy Centre") as well as grounds: only a centre
named for a sport ("National Tennis Centre", "Aquatics Centre") is a ground.
"""

from __future__ import annotations

_VENUE_HEADS = frozenset(
    """
    prison jail gaol penitentiary racecourse velodrome speedway raceway hippodrome
    hospital infirmary clinic
    """.split()
)
_COURSES = frozenset(("golf", "race"))
_CENTRES = frozenset(("centre", "center"))
_SPORTS = frozenset(
    """
    tennis aquatic aquatics sports sport leisure equestrian athletics cricket hockey
    swimming golf
    """.split()
)


def venue(lows: list[str]) -> bool:
    """Whether the lower-case words of a name of two words or more name a venue."""
    last = lows[-1]
    if last in _VENUE_HEADS:
        return True
    if last == "course":
        return lows[-2] in _COURSES
    return last in _CENTRES and lows[-2] in _SPORTS
