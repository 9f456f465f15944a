"""Re-anchoring: where is each saved passage in the document text as it is now?

Steps, first success wins:

1. **Offsets.** The text hash is the one the bookmark was made on and
   ``text[start:end] == quote``: ``anchored`` at the saved offsets.
2. **Exact quote.** Every occurrence of the quote is scored by how much of the saved
   prefix/suffix context still surrounds it, then by nearness to the saved offset; the
   best one wins. ``anchored`` if it is at the saved offset, else ``moved``.
3. **Approximate.** Quotes of at least ``MIN_APPROX_CHARS`` characters are looked for
   with edit distance (:mod:`.matching`) near places where pieces of the quote still
   occur, and near the saved offset. The closest match is taken if its similarity
   ``1 - distance / len(quote)`` is at least ``MIN_SIMILARITY`` (0.75), or at least
   ``MIN_SIMILARITY_IN_CONTEXT`` (0.6) when ``MIN_CONTEXT_AGREEMENT`` (75 %) of the
   saved prefix + suffix (at least ``MIN_CONTEXT_CHARS`` of it) still touches it:
   ``moved``, with ``exact=False`` and ``quote`` set to the text now there.
4. Otherwise, or when the document is gone (``text_of`` returns ``None``):
   ``orphaned``, with no offsets. The bookmark itself is untouched and kept.

Invariant (tested): if the status is ``anchored`` or ``moved`` then
``text[start:end] == result.quote``; if moreover ``result.exact`` then that is also the
saved quote, and ``exact`` is only ever false for ``moved``. Re-anchoring never
rewrites the stored bookmark: the original quote, context and offsets stay on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from reader.core.bookmarks.matching import best_match, candidate_starts
from reader.core.bookmarks.model import Bookmark, context_at, text_hash

Status = Literal["anchored", "moved", "orphaned"]

MIN_SIMILARITY = 0.75
MIN_SIMILARITY_IN_CONTEXT = 0.6
MIN_CONTEXT_CHARS = 16
MIN_CONTEXT_AGREEMENT = 0.75
MIN_APPROX_CHARS = 12
MAX_OCCURRENCES = 5000


@dataclass(frozen=True)
class AnchoredBookmark:
    """A bookmark together with where (and whether) it sits in the current text."""

    bookmark: Bookmark
    status: Status
    start: int | None
    end: int | None
    quote: str  # text[start:end] if anchored/moved; the saved quote if orphaned
    prefix: str
    suffix: str
    exact: bool  # quote == bookmark.quote
    score: float  # 1.0 for exact matches, the similarity for approximate ones, 0 orphaned
    reason: str = ""  # why it is orphaned

    @property
    def id(self) -> str:
        return self.bookmark.id

    @property
    def doc(self) -> str:
        return self.bookmark.doc

    def to_json(self) -> dict[str, Any]:
        """The ``reader bookmarks … --json`` record (``start``/``end`` null if orphaned)."""
        b = self.bookmark
        return {
            "id": b.id,
            "doc": b.doc,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "note": b.note,
            "tags": list(b.tags),
            "created": b.created,
            "updated": b.updated,
            "status": self.status,
            "exact": self.exact,
            "score": round(self.score, 3),
            "saved_quote": b.quote,
        }


def _found(bookmark: Bookmark, text: str, start: int, end: int, score: float) -> AnchoredBookmark:
    quote = text[start:end]
    prefix, suffix = context_at(text, start, end)
    exact = quote == bookmark.quote
    same = exact and start == bookmark.start
    status: Status = "anchored" if same else "moved"
    return AnchoredBookmark(bookmark, status, start, end, quote, prefix, suffix, exact, score)


def _orphan(bookmark: Bookmark, reason: str) -> AnchoredBookmark:
    b = bookmark
    return AnchoredBookmark(
        b, "orphaned", None, None, b.quote, b.prefix, b.suffix, False, 0.0, reason
    )


def _common_start(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _context_agreement(bookmark: Bookmark, text: str, start: int, end: int) -> int:
    """How many characters of saved context still touch the passage (either side)."""
    before = text[max(0, start - len(bookmark.prefix)) : start]
    after = text[end : end + len(bookmark.suffix)]
    return _common_start(before[::-1], bookmark.prefix[::-1]) + _common_start(
        after, bookmark.suffix
    )


def _exact(bookmark: Bookmark, text: str) -> int | None:
    quote = bookmark.quote
    best: tuple[int, int] | None = None
    best_start: int | None = None
    position = text.find(quote)
    seen = 0
    while position >= 0 and seen < MAX_OCCURRENCES:
        key = (
            -_context_agreement(bookmark, text, position, position + len(quote)),
            abs(position - bookmark.start),
        )
        if best is None or key < best:
            best, best_start = key, position
        seen += 1
        position = text.find(quote, position + 1)
    return best_start


def _accepts(bookmark: Bookmark, similarity: float, context: int) -> bool:
    if similarity >= MIN_SIMILARITY:
        return True
    saved = len(bookmark.prefix) + len(bookmark.suffix)
    return (
        similarity >= MIN_SIMILARITY_IN_CONTEXT
        and saved >= MIN_CONTEXT_CHARS
        and context >= MIN_CONTEXT_AGREEMENT * saved
    )


def _approximate(bookmark: Bookmark, text: str) -> tuple[int, int, float] | None:
    quote = bookmark.quote
    m = len(quote)
    if m < MIN_APPROX_CHARS:
        return None
    budget = int(m * (1 - MIN_SIMILARITY_IN_CONTEXT))
    slack = budget + max(8, m // 4)
    starts = candidate_starts(quote, text)
    if all(abs(s - bookmark.start) > slack for s in starts):
        starts.append(min(bookmark.start, len(text)))
    best: tuple[int, int, int] | None = None
    found: tuple[int, int] | None = None
    for guess in starts:
        match = best_match(quote, text, guess - slack, guess + m + slack)
        if match is None or match[0] > budget or match[1] == match[2]:
            continue
        distance, start, end = match
        context = _context_agreement(bookmark, text, start, end)
        if not _accepts(bookmark, 1 - distance / m, context):
            continue
        key = (distance, -context, abs(start - bookmark.start))
        if best is None or key < best:
            best, found = key, (start, end)
    if best is None or found is None:
        return None
    return found[0], found[1], 1 - best[0] / m


def anchor(bookmark: Bookmark, text: str | None, digest: str | None = None) -> AnchoredBookmark:
    """Where ``bookmark`` is in ``text`` (``None``: the document is gone).

    ``digest`` is ``text_hash(text)`` if the caller already has it.
    """
    if text is None:
        return _orphan(bookmark, "document not found")
    b = bookmark
    fits = 0 <= b.start <= b.end <= len(text) and text[b.start : b.end] == b.quote
    if fits and (digest or text_hash(text)) == b.text_hash:
        return _found(b, text, b.start, b.end, 1.0)
    start = _exact(b, text)
    if start is not None:
        return _found(b, text, start, start + len(b.quote), 1.0)
    approx = _approximate(b, text)
    if approx is not None:
        return _found(b, text, *approx)
    return _orphan(b, "passage not found in the current text")


def reanchor(
    bookmarks: Iterable[Bookmark], text_of: Callable[[str], str | None]
) -> list[AnchoredBookmark]:
    """Anchor every bookmark, asking ``text_of(doc_id)`` once per document.

    Exceptions raised by ``text_of`` propagate; return ``None`` for a missing document.
    """
    texts: dict[str, tuple[str | None, str | None]] = {}
    out: list[AnchoredBookmark] = []
    for bookmark in bookmarks:
        if bookmark.doc not in texts:
            text = text_of(bookmark.doc)
            texts[bookmark.doc] = (text, None if text is None else text_hash(text))
        text, digest = texts[bookmark.doc]
        out.append(anchor(bookmark, text, digest))
    return out
