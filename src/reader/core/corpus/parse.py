"""From one file's text to a clean article: metadata, body text and style spans.

Order matters: control bytes go first (text is data), then front matter, then lines
the corpus showed to be page furniture (repeated across a folder's documents, see
:mod:`reader.core.corpus.furniture`), then the header (title, byline, date) and the page
footer are read off and removed, page artefacts repeated mid-text are dropped,
paragraphs broken by them are rejoined, and finally Markdown inline syntax becomes
plain text plus style spans. Every line left out is recorded with its reason
(``ParsedText.removed``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reader.core.corpus.blocks import Block, split_blocks
from reader.core.corpus.boilerplate import footer_reason, is_breadcrumb, is_copyright, is_rule
from reader.core.corpus.dates import date_line, normalise_date
from reader.core.corpus.document import Metadata, ParsedText, Removed, StyleSpan
from reader.core.corpus.frontmatter import split_front_matter
from reader.core.corpus.header import Header, is_prose, parse_byline, parse_names, read_header
from reader.core.corpus.inline import parse_inline
from reader.core.corpus.sources import source_from_copyright, source_from_footer, source_from_url
from reader.core.text.textnorm import normalise

PARSER_VERSION = 2
# Given a line, why it is page furniture in this document's folder (None: it is not);
# the flag allows the looser matches (counters, labels), not asked for the title line.
FurnitureCheck = Callable[[str, bool], str | None]
_Cut = tuple[int, int, str]
MAX_HEADING_WORDS = 5  # "Related stories", "Most read": a furniture line that heads a list
MAX_ITEM_WORDS = 16  # a headline in such a list
_KNOWN_KEYS = {"title", "author", "authors", "date", "source", "publisher", "url", "link", "tags"}
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”’)\]*_]\s*$")


def parse_text(
    raw: str, *, fallback_title: str = "Untitled", furniture: FurnitureCheck | None = None
) -> ParsedText:
    warnings: list[str] = []
    text = normalise(raw)
    split = split_front_matter(text)
    if split.warning:
        warnings.append(split.warning)
    front = split.data or {}
    base = len(text) - len(split.body)  # the body is the text after the front matter
    cuts: list[_Cut] = [(0, base, "front matter")] if base else []
    blocks = split_blocks(split.body, base)
    if furniture is not None:
        found: list[_Cut] = []
        kept = _drop_furniture(blocks, furniture, found)
        # A page that is all furniture keeps its text: nothing would be left to show.
        if kept:
            blocks = kept
            cuts.extend(found)
    header = read_header(blocks)
    header_cuts = list(header.removed)
    body = header.kept + blocks[header.consumed :]
    front_title = str(front["title"]).strip() if front.get("title") else ""
    if front_title and header.title and not _same_words(header.title, front_title):
        # Front matter named the article, so the line the heuristics took for a
        # title is the body's first line: keep it rather than lose it.
        body.insert(0, _title_block(blocks[: header.consumed], header.title))
        header_cuts = [c for c in header_cuts if c[2] != "title"]
        header.title = front_title
    cuts.extend(header_cuts)
    body, footer_text, footer_date, via = _strip_footer(body, cuts)
    body = _drop_artefacts(body, header.title, cuts)
    body = _rejoin(body)
    plain, styles = _render(body)
    if header.title is None:
        header.title = _title_from_text(plain) or fallback_title
    meta = _metadata(front, header, footer_text, footer_date, via, warnings, fallback_title)
    return ParsedText(
        meta=meta,
        text=plain,
        styles=tuple(styles),
        warnings=tuple(warnings),
        removed=_merge_cuts(cuts, text),
    )


def _drop_furniture(blocks: list[Block], check: FurnitureCheck, cuts: list[_Cut]) -> list[Block]:
    """Leave out the lines the corpus showed to be furniture.

    A short furniture line that heads a list ("Related stories", "Most read") takes
    the list's items with it: the headlines differ from page to page, so they do not
    repeat themselves, but they are not the article's either. Only short items go,
    and only directly under such a line (the rest of its paragraph, or the Markdown
    list right after a furniture heading), so a title or the first paragraph below a
    navigation bar stays.
    """
    kept: list[Block] = []
    heading: str | None = None  # the furniture line that heads a list, if any
    for block in blocks:
        # Until a line is kept, the next one may be the title: only a line repeated
        # as it is counts as furniture there.
        loose = bool(kept)
        if block.kind == "code" or len(block.spans) != len(block.lines):
            kept.append(block)
            heading = None
            continue
        if (
            heading is not None
            and block.kind == "list"
            and all(_is_item(line) for line in block.lines)
        ):
            cuts.extend((*span, f"list under “{heading}” (repeated)") for span in block.spans)
            continue
        lines: list[str] = []
        spans: list[tuple[int, int]] = []
        heading = None
        for line, span in zip(block.lines, block.spans, strict=True):
            # A byline repeats as often as its author writes, a date line as often as
            # the site publishes that day: they are this article's metadata, left for
            # the header to read.
            own = _is_explicit_byline(line) or date_line(line) is not None
            reason = None if own else check(line, loose or bool(lines))
            if reason is not None:
                cuts.append((*span, reason))
                words = line.split()
                heading = line.strip(" #*_") if len(words) <= MAX_HEADING_WORDS else None
            elif heading is not None and block.kind == "para" and _is_item(line):
                cuts.append((*span, f"list under “{heading}” (repeated)"))
            else:
                heading = None
                lines.append(line)
                spans.append(span)
        if lines:
            kept.append(Block(block.kind, lines, block.level, spans))
        if lines or block.kind != "heading":
            # Only a furniture heading ("## Related") introduces the list block after
            # it; a plain line ("ADVERTISEMENT") may stand above the article's own list.
            heading = None
    return kept


def _is_explicit_byline(line: str) -> bool:
    stripped = line.strip().strip("*_ ")
    return (
        stripped[:3].casefold() == "by " and parse_byline(stripped, after_title=False) is not None
    )


def _is_item(line: str) -> bool:
    """A list entry such as a headline: short and not a sentence (a headline may ask)."""
    stripped = line.strip().rstrip("*_)] ")
    return len(stripped.split()) <= MAX_ITEM_WORDS and stripped[-1:] not in ".:;"


def _merge_cuts(cuts: list[_Cut], text: str) -> tuple[Removed, ...]:
    """Sorted spans; neighbours with the same reason and only blank text between them
    become one span (a removed paragraph is one span, not one per line)."""
    merged: list[list[Any]] = []
    for start, end, reason in sorted(c for c in cuts if 0 <= c[0] < c[1]):
        same = merged and merged[-1][2] == reason and not text[merged[-1][1] : start].strip()
        if same or (merged and start < merged[-1][1]):  # overlapping: the first reason stands
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, reason])
    return tuple(Removed(s, e, r) for s, e, r in merged)


def _strip_footer(
    body: list[Block], cuts: list[_Cut]
) -> tuple[list[Block], str, str | None, str | None]:
    end = len(body)
    reasons: list[str] = []
    while end > 0 and body[end - 1].kind in ("para", "heading"):
        reason = footer_reason("\n".join(body[end - 1].lines))
        if reason is None:
            break
        reasons.append(reason)
        end -= 1
    if end == 0:  # everything looked like furniture: keep the text rather than lose it
        return body, "", None, None
    for block, reason in zip(reversed(body[end:]), reasons, strict=True):
        cuts.extend((*span, reason) for span in block.spans)
    footer = body[end:]
    footer_text = "\n".join(line for block in footer for line in block.lines)
    footer_date = next((d for b in footer if (d := date_line(b.text)) is not None), None)
    via = None
    for block in footer:
        match = re.match(r"^source:\s*(.+?)\.?$", block.text, re.I)
        if match:
            via = parse_inline(match.group(1))[0].strip() or None
    return body[:end], footer_text, footer_date, via


def _same_words(a: str, b: str) -> bool:
    def squash(s: str) -> str:
        return re.sub(r"\W+", "", s).casefold()

    return squash(a) == squash(b)


def _title_block(header_blocks: list[Block], title: str) -> Block:
    for block in header_blocks:
        if block.kind == "heading" and block.lines[0].strip() == title:
            return Block("heading", [title], block.level, block.spans[:1])
    for block in header_blocks:
        for line, span in zip(block.lines, block.spans, strict=False):
            if line.strip().strip("*_ ") == title:
                return Block("para", [title], spans=[span])
    return Block("para", [title])


def _drop_artefacts(body: list[Block], title: str | None, cuts: list[_Cut]) -> list[Block]:
    """Remove page furniture repeated mid-text: rules, breadcrumbs, a repeated headline."""
    kept: list[Block] = []
    for block in body:
        if block.kind == "para" and all(
            is_rule(line) or is_breadcrumb(line) for line in block.lines
        ):
            cuts.extend(
                (*span, "markdown rule" if is_rule(line) else "breadcrumb")
                for line, span in zip(block.lines, block.spans, strict=False)
            )
            continue
        if block.kind == "heading" and title and _same_words(block.lines[0], title):
            cuts.extend((*span, "repeated headline") for span in block.spans)
            continue
        if block.kind == "para" and len(block.text) < 200 and is_copyright(block.text):
            cuts.extend((*span, "copyright line") for span in block.spans)
            continue
        kept.append(block)
    return kept


def _rejoin(body: list[Block]) -> list[Block]:
    """Join a paragraph that was split mid-sentence ("artillery and" / "potentially")."""
    result: list[Block] = []
    for block in body:
        if (
            result
            and block.kind == "para"
            and result[-1].kind == "para"
            and block.lines[0].lstrip()[:1].islower()
            and not _ENDS_SENTENCE.search(result[-1].lines[-1])
        ):
            previous = result[-1]
            result[-1] = Block(
                "para", [*previous.lines, *block.lines], spans=[*previous.spans, *block.spans]
            )
        else:
            result.append(block)
    return result


def _render(body: list[Block]) -> tuple[str, list[StyleSpan]]:
    parts: list[str] = []
    styles: list[StyleSpan] = []
    offset = 0
    for block in body:
        if block.kind == "code":
            text, spans = "\n".join(block.lines), [StyleSpan(0, 0, "code")]
            spans = [StyleSpan(0, len(text), "code")]
        else:
            joiner = "\n" if block.kind == "list" else " "
            source = joiner.join(line.strip() for line in block.lines)
            text, spans = parse_inline(source)
            text = text.strip()
            if block.kind == "heading":
                spans = [StyleSpan(0, len(text), "heading"), *spans]
            elif block.kind == "quote":
                spans = [StyleSpan(0, len(text), "quote"), *spans]
        if not text:
            continue
        if parts:
            offset += 2
        styles.extend(
            StyleSpan(offset + s.start, offset + min(s.end, len(text)), s.style)
            for s in spans
            if s.start < len(text)
        )
        parts.append(text)
        offset += len(text)
    return "\n\n".join(parts), styles


def _title_from_text(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0]
    if not first:
        return None
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 100 else sentence[:99].rstrip() + "…"


def _str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        names = parse_names(value)
        if names:
            return names
        return [p.strip() for p in re.split(r";|,", value) if p.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _metadata(
    front: dict[str, Any],
    header: Header,
    footer_text: str,
    footer_date: str | None,
    via: str | None,
    warnings: list[str],
    fallback_title: str,
) -> Metadata:
    url = front.get("url") or front.get("link") or header.url
    url = str(url) if url else None
    title = str(front["title"]).strip() if front.get("title") else header.title or fallback_title
    authors = _str_list(front.get("authors", front.get("author"))) or header.authors
    date = None
    if "date" in front:
        date = normalise_date(front["date"])
        if date is None:
            warnings.append(f"front matter date {str(front['date'])[:40]!r} not understood")
    date = date or header.date or footer_date
    source = front.get("source") or front.get("publisher")
    source = str(source) if source else _guess_source(url, header.copyright, footer_text)
    tags = _str_list(front.get("tags")) or header.labels
    extra = {k: v for k, v in front.items() if k not in _KNOWN_KEYS}
    if via and "original_source" not in extra:
        extra["original_source"] = via
    return Metadata(
        title=title,
        authors=tuple(authors),
        date=date,
        source=source,
        url=url,
        tags=tuple(tags),
        extra=extra,
    )


def _guess_source(url: str | None, copyright_line: str | None, footer: str) -> str | None:
    from_url, known = source_from_url(url) if url else (None, False)
    if known:
        return from_url
    holder = source_from_copyright(copyright_line) if copyright_line else None
    return holder or source_from_footer(footer) or from_url


__all__ = ["PARSER_VERSION", "is_prose", "parse_text"]
