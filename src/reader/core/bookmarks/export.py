"""Bookmarks out of reader: Markdown citations, CSV for spreadsheets, Web Annotation JSON.

Each exporter takes the saved bookmarks (the quote and offsets as the user made
them), an optional ``tag`` filter, and ``meta_of(doc_id)``, which returns the
document's metadata as a mapping with any of ``title``, ``authors`` (list),
``source``, ``date``, ``url`` (or ``None`` for an unknown document), and for the JSON
export ``path``, the article's file (absolute), which names the cleaned text that the
bookmark's offsets count in (else ``urn:reader:doc:<doc id>`` does).
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reader.core.bookmarks.model import Bookmark, tag_key
from reader.core.text.display import safe_name

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
_WEB_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$", re.IGNORECASE)


def _selected(bookmarks: Iterable[Bookmark], tag: str | None) -> list[Bookmark]:
    """The bookmarks tagged ``tag`` (compared without case, as tags are), or all."""
    if tag is None:
        return list(bookmarks)
    return [b for b in bookmarks if tag_key(tag) in {tag_key(t) for t in b.tags}]


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
        row["doc"] = safe_name(b.doc)  # an id from a file name: no escape sequence
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
    result["target"] = _targets(b, meta)
    return result


def document_iri(doc: str, meta: Mapping[str, Any]) -> str:
    """An IRI for reader's text of document ``doc``: its file, else a ``urn:reader:doc:``."""
    path = meta.get("path")
    if path and Path(str(path)).is_absolute():
        return Path(str(path)).as_uri()
    return "urn:reader:doc:" + quote(doc, safe="/")


def _targets(bookmark: Bookmark, meta: Mapping[str, Any]) -> Any:
    """The annotation's target(s): the passage in reader's text, and on the web if known.

    A TextPositionSelector counts characters in the representation of its source.
    reader's offsets count characters of its cleaned text of the article, which is not
    the web page at the article's URL (markup, page furniture and reader's cleaning all
    differ). So the web page only gets the TextQuoteSelector, which a client looks for
    in the page's own text, and the offsets go with reader's text, named by its file's
    ``file:`` URI or a ``urn:reader:doc:`` IRI, as a second target: the model relates a
    body to each target individually (§3.2), so the note is about the passage in both.
    ``refinedBy`` would not say this (a refinement selects *within* the quote's
    selection, so the offsets would count from the start of the quote), nor would
    ``state`` (its TimeState and HttpRequestState say how to fetch the page, not that
    reader cleaned it). Without a web URL there is one target, reader's text.
    """
    b = bookmark
    by_quote = {
        "type": "TextQuoteSelector",
        "exact": b.quote,
        "prefix": b.prefix,
        "suffix": b.suffix,
    }
    in_reader = {
        "type": "SpecificResource",
        "source": document_iri(b.doc, meta),
        "selector": [by_quote, {"type": "TextPositionSelector", "start": b.start, "end": b.end}],
    }
    url = meta["url"].strip()
    if not _WEB_URL.match(url):
        return in_reader
    on_the_web = {"type": "SpecificResource", "source": url, "selector": by_quote}
    return [on_the_web, in_reader]


def export_json(bookmarks: Iterable[Bookmark], meta_of: MetaOf, *, tag: str | None = None) -> str:
    """A JSON array of Web Annotation objects."""
    items = [annotation(b, _meta(meta_of, b.doc)) for b in _selected(bookmarks, tag)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
