"""From one file's text to a clean article: metadata, body text and style spans.

Order matters: control bytes go first (text is data), then front matter, then the
header (title, byline, date) and the page footer are read off and removed, page
artefacts repeated mid-text are dropped, paragraphs broken by them are rejoined,
and finally Markdown inline syntax becomes plain text plus style spans.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.blocks import Block, split_blocks
from reader.core.boilerplate import is_breadcrumb, is_footer_block, is_rule
from reader.core.dates import date_line, normalise_date
from reader.core.document import Metadata, ParsedText, StyleSpan
from reader.core.frontmatter import split_front_matter
from reader.core.header import Header, is_prose, parse_names, read_header
from reader.core.inline import parse_inline
from reader.core.sources import source_from_copyright, source_from_footer, source_from_url
from reader.core.textnorm import normalise

PARSER_VERSION = 1
_KNOWN_KEYS = {"title", "author", "authors", "date", "source", "publisher", "url", "link", "tags"}
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"”’)\]*_]\s*$")


def parse_text(raw: str, *, fallback_title: str = "Untitled") -> ParsedText:
    warnings: list[str] = []
    text = normalise(raw)
    split = split_front_matter(text)
    if split.warning:
        warnings.append(split.warning)
    front = split.data or {}
    blocks = split_blocks(split.body)
    header = read_header(blocks)
    body = header.kept + blocks[header.consumed :]
    front_title = str(front["title"]).strip() if front.get("title") else ""
    if front_title and header.title and not _same_words(header.title, front_title):
        # Front matter named the article, so the line the heuristics took for a
        # title is the body's first line: keep it rather than lose it.
        body.insert(0, _title_block(blocks[: header.consumed], header.title))
        header.title = front_title
    body, footer_text, footer_date, via = _strip_footer(body)
    body = _drop_artefacts(body, header.title)
    body = _rejoin(body)
    plain, styles = _render(body)
    if header.title is None:
        header.title = _title_from_text(plain) or fallback_title
    meta = _metadata(front, header, footer_text, footer_date, via, warnings, fallback_title)
    return ParsedText(meta=meta, text=plain, styles=tuple(styles), warnings=tuple(warnings))


def _strip_footer(body: list[Block]) -> tuple[list[Block], str, str | None, str | None]:
    end = len(body)
    while (
        end > 0
        and body[end - 1].kind in ("para", "heading")
        and is_footer_block("\n".join(body[end - 1].lines))
    ):
        end -= 1
    if end == 0:  # everything looked like furniture: keep the text rather than lose it
        return body, "", None, None
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
            return Block("heading", [title], block.level)
    return Block("para", [title])


def _drop_artefacts(body: list[Block], title: str | None) -> list[Block]:
    """Remove page furniture repeated mid-text: rules, breadcrumbs, a repeated headline."""
    kept: list[Block] = []
    for block in body:
        if block.kind == "para" and all(
            is_rule(line) or is_breadcrumb(line) for line in block.lines
        ):
            continue
        if block.kind == "heading" and title and _same_words(block.lines[0], title):
            continue
        if (
            block.kind == "para"
            and len(block.text) < 200
            and re.search(r"©|all rights reserved", block.text, re.I)
        ):
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
            result[-1] = Block("para", [*result[-1].lines, *block.lines])
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
