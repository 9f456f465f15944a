"""Words written like names that name things, not bodies: "GDP", "VAT", "Bunds",
"Eurodollars", "Soyoil", "Fax".

A lone capitalised word or acronym is otherwise guessed to be an organisation
("told BBC", "said IBM", "Pirelli said"), which is right for most of them. The news
also writes in capitals

- measures, taxes, rates, diseases, units and statistics: "GDP rose 2 percent", "CPI
  data", "the 17.5 pct VAT", "a 400 KV line", "30 Celsius", "major league ERA
  leader". Acronyms shared with a well-known body stay out ("RBI" is runs batted in
  and the Reserve Bank of India, "BSE" mad cow disease and the Bombay Stock
  Exchange, "HP" horsepower and Hewlett-Packard; re3d reads "MRI" as a body once);
- bonds, futures and currency units: "Bunds extended losses", "December Eurodollars
  were down", "BTP losses", "Ecus". "Treasuries" stays out: "the Treasury" is a
  department, and the plural is read by the other rules;
- traded goods at the head of a price line: "Soyoil refined plant delivery",
  "Naphtha inventories dropped" (grades stay out: "HRW" wheat is also Human Rights
  Watch);
- the labels of a contact line: "Fax +44 171 542 5017", "Tel +31 20 504 5000".

None of these is an organisation, whatever its context.
"""

from __future__ import annotations

_THINGS = frozenset(
    """
    gdp gnp gni cpi rpi ppi pmi hicp eps p/e vat gst fob cif libor pibor fibor helibor
    mibor stibor euribor hibor sibor tibor
    hiv aids sars dna rna cjd adhd ptsd
    kv kw mw gw kwh mwh gwh mph kph rpm cc celsius fahrenheit centigrade
    hq vip ipo pc dvd cd gps isdn tba tbc dns dnf era

    bund bunds bobl bobls schatz schatze gilt gilts eurobond eurobonds eurodollar
    eurodollars euromark euromarks eurosterling euroyen eurolira btp btps cct ccts
    jgb jgbs cetes tesobonos bonos t-bill t-bills t-bond t-bonds t-note t-notes ecu ecus

    soyoil soymeal soyameal soybeans rapeseed rapeseeds oilseed oilseeds millfeed
    naphtha gasoil sunflowerseed palmolein

    fax tel telex
    """.split()
)


def thing(low: str) -> bool:
    """Whether the lower-cased one-word name ``low`` names a thing, not a body."""
    return low in _THINGS
