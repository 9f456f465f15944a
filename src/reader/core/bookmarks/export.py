"""Bookmarks out of reader: Markdown citations, CSV for spreadsheets, Web Annotation JSON.

Each exporter takes the saved bookmarks (the quote and offsets as the user made
them), an optional ``tag`` filter, and ``meta_of(doc_id)``, which returns the
document's metadata as a mapping with any of ``title``, ``authors`` (list),
``source``, ``date``, ``url`` (or ``None`` for an unknown document).
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from reader.core.bookmarks.model import Bookmark

MetaOf = Callable[[str], Mapping[str, Any] | None]

CSV_COLUMNS = (
    "id", "doc", "title", "authors", "source", "date", "url", "quote", "prefix", "suffix",
    "start", "end", "note", "tags", "created", "updated",
)  # fmt: skip

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_BULLET = re.compile(r"^(\s*)([-+=])(?=\s|$)", re.MULTILINE)
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.MULTILINE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _selected(bookmarks: Iterable[Bookmark], tag: str | None) -> list[Bookmark]:
    return [b for b in bookmarks if tag is None or tag in b.tags]


def _meta(meta_of: MetaOf, doc: str) -> dict[str, Any]:
    meta = dict(meta_of(doc) or {})
    authors = meta.get("authors") or []
    meta["authors"] = [authors] if isinstance(authors, str) else [str(a) for a in authors]
    for key in ("title", "source", "date", "url"):
        value = meta.get(key)
        meta[key] = "" if value is None else str(value)
    meta["title"] = meta["title"] or doc
    return meta


def _md(text: str) -> str:
    """Inline ``text`` with Markdown punctuation escaped, so it shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_block(text: str) -> str:
    """Like :func:`_md`, and lines that would start a list are escaped too."""
    return _MD_NUMBERED.sub(r"\1\\\2", _MD_BULLET.sub(r"\1\\\2", _md(text)))


def citation(meta: Mapping[str, Any]) -> str:
    """``— Author, *Title*, Source, Date`` (missing parts left out)."""
    parts = [", ".join(_md(a) for a in meta["authors"])] if meta["authors"] else []
    parts.append(f"*{_md(' '.join(meta['title'].split()))}*")
    parts += [_md(meta[key]) for key in ("source", "date") if meta[key]]
    if meta["url"] and not re.search(r"[\s<>]", meta["url"]):
        parts.append(f"<{meta['url']}>")
    return "— " + ", ".join(parts)


def export_markdown(
    bookmarks: Iterable[Bookmark], meta_of: MetaOf, *, tag: str | None = None
) -> str:
    """A citation list: the quote as a block quote, its source, then the note."""
    heading = markdown_heading(() if tag is None else (tag,))
    return markdown_citations(_selected(bookmarks, tag), meta_of, heading=heading)


def markdown_heading(tags: Sequence[str] = ()) -> str:
    """``# Bookmarks``, or ``# Bookmarks tagged “a” and “b”`` for a selection by tags."""
    if not tags:
        return "# Bookmarks"
    named = [f"“{_md(tag)}”" for tag in tags]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"# Bookmarks tagged {listed}"


def markdown_citations(bookmarks: Iterable[Bookmark], meta_of: MetaOf, *, heading: str) -> str:
    """Every one of ``bookmarks`` as a citation under ``heading`` (a Markdown line).

    For callers that select the bookmarks themselves (several tags, one document).
    """
    blocks = [heading]
    for b in bookmarks:
        quote = "\n".join(f"> {line}".rstrip() for line in _md_block(b.quote).splitlines() or [""])
        block = [quote, "", citation(_meta(meta_of, b.doc))]
        if b.note.strip():
            block += ["", _md_block(b.note.strip())]
        if b.tags:
            block += ["", "Tags: " + ", ".join(_md(t) for t in b.tags)]
        blocks.append("\n".join(block))
    return "\n\n".join(blocks) + "\n"


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_csv(bookmarks: Iterable[Bookmark], meta_of: MetaOf, *, tag: str | None = None) -> str:
    """One row per bookmark under a header row (RFC 4180 quoting, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for b in _selected(bookmarks, tag):
        meta = _meta(meta_of, b.doc)
        row = {**b.to_dict(), **{k: meta[k] for k in ("title", "source", "date", "url")}}
        row["authors"] = "; ".join(meta["authors"])
        row["tags"] = "; ".join(b.tags)
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _iri(bookmark_id: str) -> str:
    try:
        return uuid.UUID(bookmark_id).urn
    except ValueError:  # an id written by hand
        return "urn:reader:bookmark:" + quote(bookmark_id, safe="")


def annotation(bookmark: Bookmark, meta: Mapping[str, Any]) -> dict[str, Any]:
    """``bookmark`` as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/)."""
    b = bookmark
    body: list[dict[str, Any]] = []
    if b.note:
        body.append(
            {
                "type": "TextualBody",
                "value": b.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in b.tags]
    result: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": _iri(b.id),
        "type": "Annotation",
        "motivation": "bookmarking",
    }
    result.update({k: v for k, v in (("created", b.created), ("modified", b.updated)) if v})
    if body:
        result["body"] = body
    result["target"] = {
        "source": meta["url"] or b.doc,
        "selector": [
            {"type": "TextQuoteSelector", "exact": b.quote, "prefix": b.prefix, "suffix": b.suffix},
            {"type": "TextPositionSelector", "start": b.start, "end": b.end},
        ],
    }
    return result


def export_json(bookmarks: Iterable[Bookmark], meta_of: MetaOf, *, tag: str | None = None) -> str:
    """A JSON array of Web Annotation objects."""
    items = [annotation(b, _meta(meta_of, b.doc)) for b in _selected(bookmarks, tag)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
