"""Bonds, futures and currency units named with a capital: "Bunds", "Gilts",
"Eurodollars", "BTPs", "Cetes", "Ecus".

Market reports write the instruments they trade like names ("Bunds extended losses",
"December Eurodollars were down 11 bps"), and a lone capitalised word is otherwise
guessed to be a company. None of these is an organisation. "Treasuries" stays out:
"the Treasury" is a department, and the plural is read by the other rules.
"""

from __future__ import annotations

_INSTRUMENTS = frozenset(
    """
    bund bunds bobl bobls schatz schatze gilt gilts eurobond eurobonds eurodollar
    eurodollars euromark euromarks eurosterling euroyen eurolira btp btps cct ccts
    jgb jgbs cetes tesobonos bonos t-bill t-bills t-bond t-bonds t-note t-notes ecu ecus
    """.split()
)


def instrument(low: str) -> bool:
    """Whether the lower-cased one-word name ``low`` names a bond, a future or a
    currency unit."""
    return low in _INSTRUMENTS
