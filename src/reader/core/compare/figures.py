"""The value a figure stands for, so one figure written two ways counts as shared.

Two articles write the same number differently: "400,000" / "400 000" / "400000", "1 percent" /
"1%" / "1 per cent", "$40 million" / "$40m" / "40 million dollars", "February 24, 2022" /
"24 February 2022". :func:`figure_value` maps each to one key:

- figures: the plain decimal number, scale words applied ("1.5 million" → ``1500000``);
  percentages end in ``%`` (``1%``), percentage points in ``pp`` (``1.5pp``);
- money: the ISO currency code and the amount (``USD 40000000``); a sum without a known currency
  keeps the folded currency word (``francs 40``);
- dates: ``YYYY-MM-DD``, ``YYYY-MM`` or ``--MM-DD`` (day and month, no year); other date forms
  ("early 2022", "the 1990s", "3/4/2022", which is ambiguous) keep their folded text.

Anything it cannot read keeps its folded text, so it still matches an identical spelling.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
# Thousands separated by commas or (narrow, no-break) spaces; an optional decimal part.
_NUMBER = re.compile(r"\d{1,3}(?:(?:,| )\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
_SCALE = re.compile(r"\s*(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b")
_PERCENT = re.compile(r"%|\bper\s*cent\b|\bpct\b")
_POINTS = re.compile(r"\bpercentage points?\b|\bpoints?\b|\bpp\b")
# Longest spellings first, so "us$" wins over "$".
_CURRENCIES = (
    ("us$", "USD"),
    ("c$", "CAD"),
    ("a$", "AUD"),
    ("hk$", "HKD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₴", "UAH"),
    ("₽", "RUB"),
    ("canadian dollar", "CAD"),
    ("australian dollar", "AUD"),
    ("hong kong dollar", "HKD"),
    ("dollar", "USD"),
    ("euro", "EUR"),
    ("pound", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rouble", "RUB"),
    ("ruble", "RUB"),
    ("hryvnia", "UAH"),
    ("hryvna", "UAH"),
    ("rupee", "INR"),
)
_CODES = ("usd", "eur", "gbp", "jpy", "cny", "rub", "uah", "chf", "aud", "cad", "hkd", "inr")
_CODE = re.compile(r"\b(" + "|".join(_CODES) + r")\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(rf"^{_DAY} {_MONTH}(?:,? (\d{{4}}))?$")
_MONTH_DAY = re.compile(rf"^{_MONTH} {_DAY}(?:,? (\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^{_MONTH},? (\d{{4}})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def fold(text: str) -> str:
    """Compatibility-normalised, case-folded, spaces collapsed (the fallback key)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


@lru_cache(maxsize=8192)  # pure; figures repeat within and across articles
def figure_value(text: str, kind: str = "figure") -> str:
    """The normalised value of a figure of type ``kind`` (``date``, ``money`` or ``figure``)."""
    folded = fold(text)
    if kind == "date":
        return _date(folded) or folded
    if kind == "money":
        return _money(folded) or folded
    return _figure(folded) or folded


def _number(text: str) -> tuple[Decimal, int, int] | None:
    """The first number of ``text`` with its scale word applied, and where it starts and ends."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    try:
        value = Decimal(match.group().replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None
    end = match.end()
    scale = _SCALE.match(text, end)
    if scale is not None:
        value *= _SCALES[scale.group(1)]
        end = scale.end()
    return value, match.start(), end


def _plain(value: Decimal) -> str:
    """``Decimal("4.0E+5")`` → ``"400000"``; ``Decimal("1.50")`` → ``"1.5"``."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figure(text: str) -> str | None:
    found = _number(text)
    if found is None:
        return None
    value, _, end = found
    rest = text[end:]
    if _POINTS.search(rest):
        return f"{_plain(value)}pp"
    if _PERCENT.search(rest):
        return f"{_plain(value)}%"
    return _plain(value)


def _money(text: str) -> str | None:
    found = _number(text)
    if found is None:
        return None
    value, start, end = found
    around = f"{text[:start]} {text[end:]}"
    currency = _currency(around)
    return f"{currency} {_plain(value)}"


def _currency(text: str) -> str:
    code = _CODE.search(text)
    if code is not None:
        return code.group(1).upper()
    for spelling, iso in _CURRENCIES:
        if spelling in text:
            return iso
    words = re.sub(r"[^a-z ]", " ", text).split()
    return words[-1] if words else "?"


def _date(text: str) -> str | None:
    text = text.replace(" ,", ",")
    if match := _ISO.match(text):
        return text
    if match := _DAY_MONTH.match(text):
        day, month, year = match.groups()
        return _iso(year, _MONTHS[month], int(day))
    if match := _MONTH_DAY.match(text):
        month, day, year = match.groups()
        return _iso(year, _MONTHS[month], int(day))
    if match := _MONTH_YEAR.match(text):
        month, year = match.groups()
        return f"{year}-{_MONTHS[month]:02d}"
    return None


def _iso(year: str | None, month: int, day: int) -> str:
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
