"""Naming the publisher of an article from its URL, copyright line or footer."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Outlets whose site name is not obvious from the domain. Anything else falls back
# to the bare domain, which is still better than nothing in the source column.
KNOWN_OUTLETS: dict[str, str] = {
    "wsws.org": "World Socialist Web Site",
    "internationalviewpoint.org": "International Viewpoint",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "kyivindependent.com": "The Kyiv Independent",
    "pravda.com.ua": "Ukrainska Pravda",
    "aljazeera.com": "Al Jazeera",
    "cnn.com": "CNN",
    "politico.eu": "Politico Europe",
    "politico.com": "Politico",
    "jacobin.com": "Jacobin",
    "meduza.io": "Meduza",
}
# Footer phrases that name an outlet without a URL ("To contact the WSWS ...").
_FOOTER_CUES = [
    (re.compile(r"\bWSWW?S\b|\bwsws\.org\b"), "World Socialist Web Site"),
    (re.compile(r"\bInternational Viewpoint\b"), "International Viewpoint"),
]
_COPYRIGHT = re.compile(
    r"(?:copyright|\(c\)|©)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<holder>[^|\n]{2,120})",
    re.IGNORECASE,
)


def domain_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def source_from_url(url: str) -> tuple[str | None, bool]:
    """``(name, known)``: the outlet's name, and whether it came from the known table."""
    host = domain_of(url)
    if host is None:
        return None, False
    for domain, name in KNOWN_OUTLETS.items():
        if host == domain or host.endswith("." + domain):
            return name, True
    return host, False


def source_from_copyright(line: str) -> str | None:
    match = _COPYRIGHT.search(line)
    if match is None:
        return None
    holder = match.group("holder")
    # "International Viewpoint - online socialist magazine - All rights reserved"
    holder = re.split(r"\s[-–—|]\s|,|\.\s|\ball rights reserved\b", holder, flags=re.I)[0]
    holder = holder.strip(" .-–—")
    return holder or None


def source_from_footer(text: str) -> str | None:
    for pattern, name in _FOOTER_CUES:
        if pattern.search(text):
            return name
    return None
