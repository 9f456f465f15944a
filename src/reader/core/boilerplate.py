"""Recognising the page around an article: footers, appeals, rules and breadcrumbs."""

from __future__ import annotations

import re

from reader.core.dates import date_line

_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_FOOTER_PATTERNS = [
    re.compile(r"^to contact the \w+", re.I),
    re.compile(r"^(?:https?://)?(?:www\.)?[\w.-]+\.\w{2,}/contact\S*$", re.I),
    re.compile(r"^p\.?s\.?:?$", re.I),
    re.compile(r"^source:\s", re.I),
    re.compile(r"(?:^|\s)(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved", re.I),
    re.compile(r"\bdonat(?:e|ing|ion)s?\b.*\b(?:please|consider|welcome|support|help)\b", re.I),
    re.compile(r"\b(?:please|consider)\b.*\bdonat(?:e|ing|ion)s?\b", re.I),
    re.compile(r"^(?:share (?:this|on)|follow us|subscribe to|sign up for)\b", re.I),
    re.compile(r"^(?:thanks|thank you)\.?$", re.I),
    re.compile(r"^read more:?$", re.I),
]


def is_rule(line: str) -> bool:
    """A Markdown thematic break (``---``, ``***``)."""
    return bool(_RULE.match(line))


def is_breadcrumb(line: str) -> bool:
    """A dash-framed navigation line such as ``- IV Online magazine - 2024 - IV588 -``."""
    stripped = line.strip()
    return (
        len(stripped) < 200
        and stripped.startswith("- ")
        and stripped.endswith(" -")
        and stripped.count(" - ") >= 2
    )


def is_copyright(line: str) -> bool:
    return bool(re.search(r"(?:^|\s)(?:copyright\b|©)|all rights reserved", line, re.I))


def is_footer_block(block: str) -> bool:
    """A trailing paragraph that belongs to the page, not to the article."""
    stripped = block.strip()
    if not stripped:
        return True
    if is_rule(stripped) or date_line(stripped) is not None:
        return True
    if len(stripped) > 1200:
        return False
    return any(pattern.search(stripped) for pattern in _FOOTER_PATTERNS)
