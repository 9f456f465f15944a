"""Stock market indices: "the Dow Jones industrial average", "the 30-share DAX index",
"London's FTSE 100", "the Nasdaq composite".

Market reports name indices after the newspaper, the exchange or the company that
computes them; the index is a figure, not a body, and is not listed as an
organisation. Some of these names only ever name an index in the news ("FTSE",
"DAX", "Topix"); others also name a newspaper or a company ("the Nikkei business
daily", "Nasdaq will list the shares", "Dow Chemical"), and are read as the index
only when the words around say so: an index word after the name ("index",
"average", "composite", "100"), a share count before it ("the 225-share Nikkei"), or
a market move after it ("the Dow rose 20 points").
"""

from __future__ import annotations

import re

from reader.core.entities.spans import Span

# Names that are only ever an index in the news (folded to lower case).
_ALWAYS = frozenset(
    """
    ftse dax cac topix kospi sensex nifty bovespa merval ibex hang-seng all-ordinaries
    """.split()
) | frozenset(("hang seng", "all ordinaries", "euro stoxx", "straits times index"))
# Names of indices that also name a newspaper, an exchange or a company.
_SOMETIMES = frozenset(("nikkei", "dow", "dow jones", "nasdaq", "s&p", "nyse"))
# Words after the name that make it the index.
_INDEX_WORDS = frozenset(
    """
    index indices indexes average averages composite industrials industrial futures
    """.split()
)
# Market moves after the name: "the Dow rose", "Dow rises on", "the Nikkei was down".
_MOVES = frozenset(
    """
    rose fell closed ended gained lost slipped climbed jumped dropped edged shed added
    eased firmed opened finished tumbled surged slid advanced declined rallied
    rises falls closes ends gains loses slips climbs jumps drops edges sheds adds
    eases firms opens finishes tumbles surges slides advances declines rallies
    """.split()
)
_LEVEL = re.compile(r"[ \t]+(?:was|is)[ \t]+(?:up|down|off|higher|lower)\b")
# A number of shares before the name ("the 225-share Nikkei") or a figure after it
# that counts them ("FTSE 100", "Nikkei 225", "CAC 40").
_SHARES_BEFORE = re.compile(r"\d+-share[ \t]+$")
_COUNT_AFTER = re.compile(r"[ \t]*-?[ \t]*(?:100|225|250|30|40|50|500|2000)\b")


def index_name(name: str) -> bool:
    """Whether ``name`` may name an index (:func:`market_index` reads the words
    around it only then)."""
    low = name.lower()
    return low in _ALWAYS or low in _SOMETIMES


def market_index(span: Span, name: str) -> bool:
    """Whether ``name`` (the span's words once trimmed) is a stock market index."""
    low = name.lower()
    if low not in _ALWAYS and low not in _SOMETIMES:
        return False  # most names: one set lookup each
    if span.next in _INDEX_WORDS or _COUNT_AFTER.match(span.after):
        return True
    if low in _ALWAYS:
        # "FTSE" alone is the index; "FTSE Group", "FTSE International" are its owner.
        return not span.after.lstrip()[:1].isupper()
    return (
        span.next in _MOVES
        or _LEVEL.match(span.after) is not None
        or _SHARES_BEFORE.search(span.before) is not None
    )
