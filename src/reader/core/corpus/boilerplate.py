"""Recognising the page around an article: footers, appeals, rules and breadcrumbs."""

from __future__ import annotations

import re

from reader.core.corpus.dates import date_line

_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
# (pattern, reason). Each is the shape of a whole page element, never one word that
# prose can contain: a story about a copyright ruling or a donation drive is kept.
_FOOTER_PATTERNS = [
    (r"^to contact the \w+", "footer: contact line"),
    (r"^(?:https?://)?(?:www\.)?[\w.-]+\.\w{2,}/contact\S*$", "footer: contact link"),
    (r"^p\.?s\.?:?$", "footer: PS"),
    (r"^source:\s", "footer: source line"),
    # An appeal to the reader, not a report about donations ("donations will help").
    (r"\b(?:please|consider)\b[^.]{0,40}\bdonat(?:e|ing|ion)s?\b", "footer: donation appeal"),
    (r"\bdonations? (?:are|is) (?:very |always |most )?welcome", "footer: donation appeal"),
    (r"^(?:share (?:this|on)|follow us|subscribe to|sign up for)\b", "footer: share prompt"),
    (r"^(?:thanks|thank you)\.?$", "footer: sign-off"),
    (r"^read more:?$", "footer: read more"),
]
_FOOTERS = [(re.compile(pattern, re.I), reason) for pattern, reason in _FOOTER_PATTERNS]
_COPYRIGHT_START = re.compile(r"^\W{0,3}(?:copyright\b|©|\(c\)\s*\d{4})", re.I)
_RESERVED_END = re.compile(r"all rights reserved\W*$", re.I)
MAX_COPYRIGHT_WORDS = 30


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
    """A copyright notice: short, and opening with the mark or ending "All rights reserved".

    The word alone is not enough: "Honda wins China copyright ruling" is a headline.
    """
    stripped = line.strip().strip("*_")
    if len(stripped.split()) > MAX_COPYRIGHT_WORDS:
        return False
    return bool(
        _COPYRIGHT_START.match(stripped) or "©" in stripped or _RESERVED_END.search(stripped)
    )


def footer_reason(block: str) -> str | None:
    """Why a trailing paragraph belongs to the page, not to the article (None: it does not)."""
    stripped = block.strip()
    if not stripped:
        return "blank"
    if is_rule(stripped):
        return "markdown rule"
    if date_line(stripped) is not None:
        return "footer: date line"
    if len(stripped) > 1200:
        return None
    if is_copyright(stripped):
        return "footer: copyright line"
    for pattern, reason in _FOOTERS:
        if pattern.search(stripped):
            return reason
    return None


def is_footer_block(block: str) -> bool:
    """A trailing paragraph that belongs to the page, not to the article."""
    return footer_reason(block) is not None
