"""Acronyms of things, not bodies: "GDP", "CPI", "VAT", "HIV", "kV".

A lone acronym is read as an organisation ("told BBC", "said IBM"), which is right
for most of them; but the news also writes measures, taxes, rates, diseases and
units in capitals, and none of those is an organisation: "GDP rose 2 percent",
"CPI data", "the 17.5 pct VAT", "a 400 KV line". Only acronyms that name such a
thing in everyday use are listed; ones shared with a well-known body stay out
("RBI" is runs batted in and the Reserve Bank of India, "BSE" mad cow disease and
the Bombay Stock Exchange).
"""

from __future__ import annotations

_THINGS = frozenset(
    """
    gdp gnp gni cpi rpi ppi pmi hicp eps p/e vat gst fob cif libor pibor fibor helibor
    mibor stibor euribor hibor sibor tibor
    hiv aids sars dna rna cjd adhd ptsd
    kv kw mw gw kwh mwh gwh mph kph rpm cc
    hq vip ipo pc dvd cd gps tba tbc dns dnf
    """.split()
)


def thing_acronym(low: str) -> bool:
    """Whether the lower-cased one-word name ``low`` is an acronym of a thing."""
    return low in _THINGS
