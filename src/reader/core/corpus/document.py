"""What a parsed article is: metadata plus cleaned text with style spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Style = Literal["italic", "bold", "heading", "code", "quote"]


@dataclass(frozen=True)
class StyleSpan:
    """Emphasis kept from the source (``*x*``, ``**x**``, headings) as a span of the text.

    The cleaned text itself carries no markup characters, so search offsets, entity
    offsets and bookmark anchors all index the same plain string the reader sees.
    """

    start: int
    end: int
    style: Style


@dataclass(frozen=True)
class Metadata:
    title: str
    authors: tuple[str, ...] = ()
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    source: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "tags": list(self.tags),
            "extra": self.extra,
        }


@dataclass(frozen=True)
class Removed:
    """A stretch of the source the cleaner left out, and why.

    Offsets index the normalised source text (decoded, line endings unified, escape
    sequences and control characters stripped: :func:`reader.core.text.textnorm.normalise`),
    never the raw bytes.
    """

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Original:
    """A document's source as the cleaner saw it, with what it removed.

    ``stale``: the file changed (or vanished) since it was indexed; ``text`` and
    ``removed`` then describe the file as it is now.
    """

    text: str
    removed: tuple[Removed, ...]
    stale: bool


@dataclass(frozen=True)
class ParsedText:
    """The result of parsing one file's text: independent of where the file lives."""

    meta: Metadata
    text: str
    styles: tuple[StyleSpan, ...] = ()
    warnings: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()  # offsets into the normalised source text

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Document:
    """One article of a corpus, identified by its path relative to the corpus root."""

    id: str
    path: str  # absolute path of the source file
    meta: Metadata
    text: str
    styles: tuple[StyleSpan, ...] = ()
    words: int = 0

    @property
    def title(self) -> str:
        return self.meta.title

    def summary_json(self) -> dict[str, Any]:
        """The ``reader list --json`` record."""
        return {
            "id": self.id,
            "title": self.meta.title,
            "authors": list(self.meta.authors),
            "date": self.meta.date,
            "source": self.meta.source,
            "url": self.meta.url,
            "path": self.path,
            "words": self.words,
        }
