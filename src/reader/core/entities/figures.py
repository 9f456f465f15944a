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
# Every reading of ``_PATTERN`` opens with a digit, a month's capital, "early", "mid"
# or "late", a currency code's capital or a currency sign: the same pattern behind a
# look-ahead for those characters fails at once at every other position, where
# ``_PATTERN`` tries each of its branches (``find_figures_scanning`` keeps the plain
# pattern, which the tests compare).
_OPENING = r"[\dJFMASONDemlUEGCRAH$€£¥₴₽]"
_GUARDED = re.compile(rf"(?={_OPENING})(?:{_PATTERN.pattern})")


_DIGITS = re.compile(r"\d+(?:[,.]\d+)*")
# Every date, sum and figure holds a digit, with at most this many characters before
# its first digit ("September ", "US$ ") and after its last (" billion Hong Kong
# dollars"): the pattern is tried only in windows around digits.
_BEFORE_DIGIT = 24
_AFTER_DIGIT = 48
_CLUSTER = re.compile(rf"\d(?:\D{{0,{_BEFORE_DIGIT + _AFTER_DIGIT}}}\d)*")


def digit_windows(text: str) -> Iterator[tuple[int, int]]:
    """Disjoint stretches of ``text`` around its digits, in order.

    Two runs of ``_DIGITS`` share a window when at most ``_BEFORE_DIGIT +
    _AFTER_DIGIT`` characters lie between them; those characters are never digits (a
    run ends before the next digit), so one match of ``_CLUSTER`` (digits joined by
    such gaps) is one window, found in C instead of run by run
    (:func:`digit_windows_by_run` is the plain loop, which the tests compare).
    """
    size = len(text)
    for cluster in _CLUSTER.finditer(text):
        yield max(0, cluster.start() - _BEFORE_DIGIT), min(size, cluster.end() + _AFTER_DIGIT)


def digit_windows_by_run(text: str) -> Iterator[tuple[int, int]]:
    """:func:`digit_windows` one run of digits at a time."""
    start = end = -1
    for run in _DIGITS.finditer(text):
        a, b = max(0, run.start() - _BEFORE_DIGIT), min(len(text), run.end() + _AFTER_DIGIT)
        if a <= end:
            end = max(end, b)
            continue
        if end >= 0:
            yield start, end
        start, end = a, b
    if end >= 0:
        yield start, end


def find_figures(text: str) -> Iterator[tuple[int, int, EntityType]]:
    """Yield ``(start, end, type)`` of every date, sum of money and figure."""
    for start, end in digit_windows(text):
        yield from _find_in(text, start, end, _GUARDED)


def find_figures_scanning(text: str) -> Iterator[tuple[int, int, EntityType]]:
    """:func:`find_figures` the slow way, over the whole text (the tests compare)."""
    yield from _find_in(text, 0, len(text), _PATTERN)


def _find_in(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> Iterator[tuple[int, int, EntityType]]:
    for match in pattern.finditer(text, start, end):
        kind = match.lastgroup
        if kind == "date":
            yield match.start(), match.end(), "date"
        elif kind == "money":
            yield match.start(), match.end(), "money"
        elif kind == "figure":
            yield match.start(), match.end(), "figure"


_SYMBOLS = {
    "$": "usd", "us$": "usd", "usd": "usd", "€": "eur", "eur": "eur", "£": "gbp",
    "gbp": "gbp", "¥": "jpy", "jpy": "jpy", "₴": "uah", "uah": "uah", "₽": "rub",
    "rub": "rub", "c$": "cad", "cad": "cad", "a$": "aud", "aud": "aud", "hk$": "hkd",
    "cny": "cny", "chf": "chf", "dm": "dem",
}  # fmt: skip
_WORDS = {
    "dollar": "usd", "us dollar": "usd", "u.s. dollar": "usd", "canadian dollar": "cad",
    "australian dollar": "aud", "hong kong dollar": "hkd", "euro": "eur", "pound": "gbp",
    "pound sterling": "gbp", "yen": "jpy", "yuan": "cny", "renminbi": "cny",
    "rupee": "inr", "rouble": "rub", "ruble": "rub", "hryvnia": "uah", "hryvna": "uah",
    "franc": "franc", "mark": "dem", "lire": "itl", "lira": "lira", "peso": "peso",
    "dinar": "dinar", "riyal": "riyal", "shekel": "ils", "zloty": "pln", "crown": "crown",
    "kronor": "sek", "krona": "sek", "won": "krw",
}  # fmt: skip
_SCALES = {
    "hundred": "e2", "thousand": "e3", "k": "e3", "million": "e6", "m": "e6", "mln": "e6",
    "billion": "e9", "bn": "e9", "trillion": "e12",
}  # fmt: skip
_AMOUNT = re.compile(rf"(?P<num>{_NUM})(?: ?(?P<scale>{_SCALE}))?")
_PERCENT = re.compile(r"%|percent|per cent")
_PLURAL_S = re.compile(r"(?<=[a-z]{3})s\b")


def figure_key(kind: EntityType, surface: str) -> str:
    """What makes two sums or figures the same: currency, amount, magnitude, unit.

    "£300m" and "£300 million" share ``gbp-300-e6``; "$300m" is ``usd-300-e6`` and
    never joins them. Dates keep their written form.
    """
    text = " ".join(surface.split())
    if kind == "date":
        return text
    amount = _AMOUNT.search(text)
    if amount is None:
        return text
    number = amount.group("num").replace(",", "")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    scale = _SCALES.get((amount.group("scale") or "").lower(), "")
    if kind == "figure":
        unit = "pct" if _PERCENT.search(text[amount.end() :]) else ""
        if "point" in text[amount.end() :]:
            unit = "pt"
        return "-".join(p for p in (number, scale, unit) if p)
    before = text[: amount.start()].strip().lower()
    after = text[amount.end() :].strip().lower()
    currency = _SYMBOLS.get(before)
    if currency is None:
        word = _PLURAL_S.sub("", after.replace(" sterling", ""))
        currency = _WORDS.get(word) or _WORDS.get(after) or _SYMBOLS.get(after) or after or before
    return "-".join(p for p in (currency, number, scale) if p)
