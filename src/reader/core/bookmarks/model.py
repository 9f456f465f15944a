"""What a bookmark is: a passage of one document, anchored twice over.

The passage is described the way the W3C Web Annotation model describes a target:

- a ``TextQuoteSelector``: the exact ``quote`` plus up to ``CONTEXT_CHARS`` characters
  of ``prefix`` and ``suffix`` around it, which survive edits elsewhere in the text;
- a ``TextPositionSelector``: ``start``/``end`` offsets in code points (Python ``str``
  indices) into the cleaned document text, exact while the text is unchanged;

plus ``text_hash``, the hash of the text the bookmark was made on, which says whether
the offsets can be trusted as they are (see :mod:`.anchoring`).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from reader.core.bookmarks.errors import InvalidSelection

CONTEXT_CHARS = 32
"""How much text either side of the quote is kept as prefix/suffix context."""

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """``2024-05-01T12:00:00Z``: ISO 8601, UTC, whole seconds."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def text_hash(text: str) -> str:
    """A short, stable fingerprint of a document text (``sha256:`` + 16 hex digits)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha256:{digest[:16]}"


def new_id() -> str:
    """A random UUID: stable for the bookmark's life, and a valid ``urn:uuid:`` IRI."""
    return str(uuid.uuid4())


def tag_key(tag: str) -> str:
    """What tags are compared by: runs of whitespace made one space, case folded."""
    return " ".join(str(tag).split()).casefold()


def normalise_tags(tags: Iterable[str], known: Iterable[str] = ()) -> tuple[str, ...]:
    """Tags trimmed, empty ones dropped, repeats removed, first-seen order kept.

    Tags do not depend on case: ``Ukraine`` and ``ukraine`` are one tag, and the first
    spelling is kept (the reader's own, rather than a lower-cased one). A tag that
    matches one of ``known`` (the tags already in use in the corpus) takes that
    spelling, so that a corpus keeps one spelling per tag.
    """
    spelling: dict[str, str] = {}
    for tag in known:
        spelling.setdefault(tag_key(tag), " ".join(str(tag).split()))
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag:
            key = tag.casefold()
            seen.setdefault(key, spelling.get(key, tag))
    return tuple(seen.values())


def context_at(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix context of ``text[start:end]``."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


@dataclass(frozen=True)
class Bookmark:
    """One saved passage, exactly as stored in ``bookmarks.yaml``."""

    id: str
    doc: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict, hash=False, repr=False)
    """Keys of the stored entry that this reader does not know; written back as they were."""

    @classmethod
    def on_text(
        cls,
        doc: str,
        text: str,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        clock: Clock = utc_now,
    ) -> Bookmark:
        """A new bookmark of ``text[start:end]`` in document ``doc``."""
        if not (0 <= start < end <= len(text)):
            raise InvalidSelection(
                f"cannot bookmark {start}..{end}: not a non-empty span of a "
                f"{len(text)}-character text"
            )
        prefix, suffix = context_at(text, start, end)
        stamp = iso_utc(clock())
        return cls(
            id=new_id(),
            doc=doc,
            quote=text[start:end],
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            text_hash=text_hash(text),
            note=note,
            tags=normalise_tags(tags),
            created=stamp,
            updated=stamp,
        )

    def edited(
        self,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        clock: Clock = utc_now,
    ) -> Bookmark:
        """A copy with a new note and/or tags and a fresh ``updated`` time."""
        return replace(
            self,
            note=self.note if note is None else note,
            tags=self.tags if tags is None else normalise_tags(tags),
            updated=iso_utc(clock()),
        )

    def to_dict(self) -> dict[str, Any]:
        """The stored form (plain YAML/JSON types, keys in a readable order)."""
        return {
            "id": self.id,
            "doc": self.doc,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "text_hash": self.text_hash,
            "note": self.note,
            "tags": list(self.tags),
            "created": self.created,
            "updated": self.updated,
            **self.extra,
        }
