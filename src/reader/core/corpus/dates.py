"""Finding and normalising dates written the ways articles write them."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
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
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY}?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_LABEL = re.compile(
    r"^\s*(?:publication date|published(?: on)?|posted(?: on)?|updated|date|dated)\s*:?\s*",
    re.IGNORECASE,
)


# "Wednesday, 30th of September, 2024" is 35 characters; leave room for punctuation.
_LONGEST_DATE_LINE = 80


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    try:
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
        return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first real calendar date in ``text`` as ``(iso, start, end)``."""
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso is not None:
                if best is None or match.start() < best[1]:
                    best = (iso, match.start(), match.end())
                break
    return best


def date_line(line: str) -> str | None:
    """ISO date when the whole line is just a (labelled) date, else None."""
    stripped = _LABEL.sub("", line.strip().strip("*_ ")).strip()
    if len(stripped) > _LONGEST_DATE_LINE:
        return None  # a paragraph, not a date: skip the regex scan over it
    found = find_date(stripped)
    if found is None:
        return None
    iso, start, end = found
    rest = (stripped[:start] + stripped[end:]).strip(" ,.-–—|()")
    return iso if not rest else None


def normalise_date(value: object) -> str | None:
    """ISO date from a front matter value (a date, a datetime, or a string)."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    if not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$", text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}", text):
        return None
    found = find_date(text)
    return found[0] if found else None
