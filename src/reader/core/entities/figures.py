"""Dates, sums of money and figures ("400,000", "$40 million", "1 percent").

Pure regular expressions: the patterns are ordered so the longest reading wins
("$40 million" is money, not the figure "40 million"), and nothing overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.core.entities.model import EntityType

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mln|m|k)\b"
_CURRENCY_WORD = (
    r"(?:(?:US |U\.S\. |Canadian |Australian |Hong Kong )?dollars?|euros?|pounds?(?: sterling)?|"
    r"yen|yuan|renminbi|rupees?|roubles?|rubles?|hryvnias?|hryvnas?|francs?|marks?|"
    r"lire|pesos?|dinars?|riyals?|shekels?|lira|zlotys?|crowns?|kronor|krona|won)\b"
)
_CURRENCY_CODE = r"(?:USD|EUR|GBP|JPY|CNY|RUB|UAH|CHF|AUD|CAD|DM|US\$|C\$|A\$|HK\$)"

_DATE = (
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}(?:,? \d{{4}})?\b"
    rf"|\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b"
    rf"|\b{_MONTH} \d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:early|mid|late)[- ](?:19|20)\d{2}s?\b"
    r"|\b(?:19|20)\d{2}s\b"
)
_MONEY = (
    rf"(?:{_CURRENCY_CODE} ?|[$€£¥₴₽])(?:{_NUM})(?: ?{_SCALE})?"
    rf"|\b(?:{_NUM})(?: ?{_SCALE})? ?{_CURRENCY_WORD}"
    rf"|\b(?:{_NUM})(?: ?{_SCALE})? {_CURRENCY_CODE}\b"
)
_FIGURE = (
    rf"\b(?:{_NUM}) ?(?:%|percent\b|per cent\b|percentage points?\b)"
    rf"|\b(?:{_NUM}) (?:hundred|thousand|million|billion|trillion)\b"
    r"|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b"
    r"|\b\d{5,}\b"
)
_PATTERN = re.compile(rf"(?P<date>{_DATE})|(?P<money>{_MONEY})|(?P<figure>{_FIGURE})")


def find_figures(text: str) -> Iterator[tuple[int, int, EntityType]]:
    """Yield ``(start, end, type)`` of every date, sum of money and figure."""
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup
        if kind == "date":
            yield match.start(), match.end(), "date"
        elif kind == "money":
            yield match.start(), match.end(), "money"
        elif kind == "figure":
            yield match.start(), match.end(), "figure"
