"""Reading title, byline, date, URL and section labels from an article's first lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.corpus.blocks import Block
from reader.core.corpus.boilerplate import is_breadcrumb, is_copyright, is_rule
from reader.core.corpus.dates import date_line, find_date

_URL_LINE = re.compile(r"^<?(https?://[^\s<>]+)>?$")
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:de|van|von|der|den|al|bin|da|di|le|la|du|dos)|O'\w+)$"
)
_PARTICLES = {"de", "van", "von", "der", "den", "al", "bin", "da", "di", "le", "la", "du", "dos"}
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "Of", "And", "For", "With", "By", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "News", "Updated", "Published", "Posted", "Share", "Comments",
}  # fmt: skip
MAX_HEADER_BLOCKS = 15


@dataclass
class Header:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    copyright: str | None = None
    labels: list[str] = field(default_factory=list)
    kept: list[Block] = field(default_factory=list)  # header lines that belong to the body
    consumed: int = 0  # how many leading blocks the header took
    # Header lines taken out of the body: (start, end, reason) in the normalised text.
    removed: list[tuple[int, int, str]] = field(default_factory=list)
    title_span: tuple[int, int] | None = None


def is_prose(block: Block) -> bool:
    if block.kind != "para":
        return False
    words = block.words()
    text = block.text.rstrip("*_ ")
    return words >= 25 or (words >= 12 and text[-1:] in '.!?"”’:')


def parse_names(text: str) -> list[str] | None:
    """``"Jason Melanovski, Clara Weiss"`` → two names; None unless every part is a name."""
    text = re.sub(r"^(?:written\s+)?by\s+", "", text.strip(), flags=re.I).strip(" ,;|–—-*_")
    if not text or len(text) > 120:
        return None
    parts = [p.strip() for p in re.split(r",|;|\s+and\s+|\s+&\s+", text) if p.strip()]
    names: list[str] = []
    for part in parts:
        tokens = part.split()
        if not 2 <= len(tokens) <= 5 or any(not _NAME_TOKEN.match(t) for t in tokens):
            return None
        if all(t in _PARTICLES for t in tokens) or any(t in _NOT_NAMES for t in tokens):
            return None
        names.append(part)
    return names or None


def parse_byline(
    line: str, *, after_title: bool, dated: bool = True
) -> tuple[list[str], str | None] | None:
    """Authors and an optional date from one byline, e.g. ``Jason Melanovski 1 May 2024``.

    A bare name line ("Jason Melanovski") is only trusted right after the title and when
    the header also carries a date: a venue under a headline ("Ewood Park") has the same
    shape, and a wrong author is worse than none.
    """
    found = find_date(line)
    date = None
    rest = line
    if found is not None:
        date, start, end = found
        if line[end:].strip(" ,.|–—-"):
            return None  # the date is not at the end: not a byline shape we trust
        rest = line[:start]
    explicit = bool(re.match(r"^\s*(?:written\s+)?by\s", line, re.I))
    if not (explicit or (after_title and dated) or date):
        return None
    names = parse_names(rest)
    return (names, date) if names else None


def read_header(blocks: list[Block]) -> Header:
    header = Header()
    headings: list[tuple[str, Span]] = []
    plain: list[tuple[str, Span]] = []  # plain lines in order, before the title decision
    for index, block in enumerate(blocks[:MAX_HEADER_BLOCKS]):
        spans = block.spans or [(-1, -1)] * len(block.lines)
        if block.kind == "list" and all(is_breadcrumb(line) for line in block.lines):
            header.consumed = index + 1
            header.removed.extend((*span, "breadcrumb") for span in spans)
            continue
        if is_prose(block) or block.kind in ("list", "quote", "code"):
            break
        header.consumed = index + 1
        if block.kind == "heading":
            headings.append((block.lines[0].strip(), spans[0]))
            plain.append(("\0heading", spans[0]))  # marks where the heading stood
            continue
        for raw, span in zip(block.lines, spans, strict=True):
            line = raw.strip()
            if not line:
                continue
            if is_rule(line):
                header.removed.append((*span, "markdown rule"))
                continue
            if is_breadcrumb(line):
                header.removed.append((*span, "breadcrumb"))
                continue
            url = _URL_LINE.match(line)
            if url:
                header.url = header.url or url.group(1)
                header.removed.append((*span, "header: URL line"))
                continue
            if is_copyright(line):
                header.copyright = header.copyright or line
                header.removed.append((*span, "header: copyright line"))
                continue
            iso = date_line(line)
            if iso is not None:
                header.date = header.date or iso
                header.removed.append((*span, "header: date line"))
                continue
            plain.append((line, span))
    _decide_title(header, headings, plain)
    return header


Span = tuple[int, int]


def _decide_title(
    header: Header, headings: list[tuple[str, Span]], plain: list[tuple[str, Span]]
) -> None:
    if headings:
        header.title, header.title_span = headings[0]
        at = [p for p, _ in plain].index("\0heading")
        # Short lines above the headline are section labels ("Ukraine").
        for line, span in plain[:at]:
            if line == "\0heading":
                continue
            if len(line.split()) <= 4:
                header.labels.append(line)
                header.removed.append((*span, "header: section label"))
            else:
                header.removed.append((*span, "header: line above the headline"))
        for _line, span in headings[1:]:
            header.removed.append((*span, "header: heading above the article"))
        after = [(p, s) for p, s in plain[at + 1 :] if p != "\0heading"]
    elif plain:
        header.title, header.title_span = plain[0][0].strip("*_ "), plain[0][1]
        after = plain[1:]
    else:
        return
    header.removed.append((*header.title_span, "title"))
    for position, (line, span) in enumerate(after):
        byline = parse_byline(line, after_title=position == 0, dated=header.date is not None)
        if byline is not None and not header.authors:
            header.authors, date = byline
            header.date = header.date or date
            header.removed.append((*span, "byline"))
        else:
            header.kept.append(Block("para", [line], spans=[span]))
