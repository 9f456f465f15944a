"""Re-anchoring: where is each saved passage in the document text as it is now?

Steps, first success wins:

1. **Offsets.** The text hash is the one the bookmark was made on and
   ``text[start:end] == quote``: ``anchored`` at the saved offsets.
2. **Exact quote, corroborated.** The text changed, so an occurrence of the quote is
   only evidence if its surroundings say it is the same passage: at least
   ``MIN_CONTEXT_EVIDENCE`` (16) characters of the saved prefix + suffix must still
   touch it (all of the saved context if less was saved, as for a passage that was
   nearly the whole document). Up to ``EDGE_SLACK`` characters right at each edge may
   differ (a typo fixed next to the passage), each costing one character of agreement.
   Among the corroborated occurrences the one with the most context wins, then the
   one nearest the saved offset. ``anchored`` if it is at the saved offset, else
   ``moved``. An occurrence without that context (the same words in another
   sentence) is never taken, however long or unique the quote: the passage may have
   been deleted while its words survive elsewhere.
3. **Approximate.** Quotes of at least ``MIN_APPROX_CHARS`` characters are looked for
   with edit distance (:mod:`.matching`) near places where pieces of the quote still
   occur, and near the saved offset. A match needs the same context evidence as in
   step 2 (if the match as found lacks it, its edges may move by up to ``EDGE_SLACK``
   characters, since an edit at the edge of a passage makes edges a character apart
   about equally close, and the context decides) and a similarity
   ``1 - distance / len(quote)`` of at least ``MIN_SIMILARITY`` (0.75), or of at least
   ``MIN_SIMILARITY_IN_CONTEXT`` (0.6) when ``MIN_CONTEXT_AGREEMENT`` (75 %) of the
   saved prefix + suffix (at least ``MIN_CONTEXT_CHARS`` of it) still touches it. The
   closest match wins: ``moved``, with ``exact=False`` and ``quote`` set to the text now
   there (an exact occurrence rejected in step 2 is rejected here too).
4. Otherwise, or when the document is gone (``text_of`` returns ``None``):
   ``orphaned``, with no offsets. The bookmark itself is untouched and kept.

Why 16 characters: the context either side is up to 32 characters, so 16 is half of
one side, or a quarter of both. Unrelated text agrees with a saved context by chance
only for a few characters (the space either side of a word, ``"of the "``,
``"said that "``); 16 is not chance. The price: a passage whose surroundings were
rewritten within a few characters on both sides is orphaned rather than guessed at.
An orphan is listed and can be re-attached; a bookmark silently attached to the wrong
text would not be noticed.

Invariant (tested): if the status is ``anchored`` or ``moved`` then
``text[start:end] == result.quote``; if moreover ``result.exact`` then that is also the
saved quote, and ``exact`` is only ever false for ``moved``. Re-anchoring never
rewrites the stored bookmark: the original quote, context and offsets stay on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from reader.core.bookmarks.matching import best_match, candidate_starts, edit_distances
from reader.core.bookmarks.model import Bookmark, context_at, text_hash

Status = Literal["anchored", "moved", "orphaned"]

MIN_SIMILARITY = 0.75
MIN_SIMILARITY_IN_CONTEXT = 0.6
MIN_CONTEXT_CHARS = 16
MIN_CONTEXT_AGREEMENT = 0.75
MIN_APPROX_CHARS = 12
MIN_CONTEXT_EVIDENCE = 16
EDGE_SLACK = 2
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


def _side_agreement(saved: str, around: str, slack: int) -> int:
    """How many characters ``around`` and ``saved`` have in common from their start.

    With ``slack``, up to that many characters may first be skipped in either (an edit
    right at the passage's edge, or the edge of an approximate match a little off),
    each skipped character counting against the agreement, so that skipping cannot
    turn a chance agreement of two or three characters into evidence.
    """
    best = _common_start(around, saved)
    if best == len(saved):
        return best
    for i in range(slack + 1):
        for j in range(slack + 1):
            if i or j:
                best = max(best, _common_start(around[i:], saved[j:]) - i - j)
    return best


def _before(bookmark: Bookmark, text: str, start: int, slack: int) -> int:
    prefix = bookmark.prefix
    around = text[max(0, start - len(prefix) - slack) : start][::-1]
    return _side_agreement(prefix[::-1], around, slack)


def _after(bookmark: Bookmark, text: str, end: int, slack: int) -> int:
    return _side_agreement(bookmark.suffix, text[end : end + len(bookmark.suffix) + slack], slack)


def _context_agreement(bookmark: Bookmark, text: str, start: int, end: int, slack: int = 0) -> int:
    """How many characters of saved context still touch the passage (either side)."""
    return _before(bookmark, text, start, slack) + _after(bookmark, text, end, slack)


def _required_context(bookmark: Bookmark) -> int:
    """Characters of saved context that must still touch a match in a changed text."""
    return min(MIN_CONTEXT_EVIDENCE, len(bookmark.prefix) + len(bookmark.suffix))


def _exact(bookmark: Bookmark, text: str) -> int | None:
    """The corroborated occurrence of the quote with most context, then nearest."""
    quote = bookmark.quote
    required = _required_context(bookmark)
    best: tuple[int, int] | None = None
    best_start: int | None = None
    position = text.find(quote)
    seen = 0
    while position >= 0 and seen < MAX_OCCURRENCES:
        end = position + len(quote)
        context = _context_agreement(bookmark, text, position, end, EDGE_SLACK)
        key = (-context, abs(position - bookmark.start))
        if context >= required and (best is None or key < best):
            best, best_start = key, position
        seen += 1
        position = text.find(quote, position + 1)
    return best_start


def _accepts(bookmark: Bookmark, similarity: float, context: int) -> bool:
    if context < _required_context(bookmark):
        return False
    if similarity >= MIN_SIMILARITY:
        return True
    saved = len(bookmark.prefix) + len(bookmark.suffix)
    return (
        similarity >= MIN_SIMILARITY_IN_CONTEXT
        and saved >= MIN_CONTEXT_CHARS
        and context >= MIN_CONTEXT_AGREEMENT * saved
    )


Located = tuple[int, int, int, int]  # distance, -context, start, end


def _judge(
    bookmark: Bookmark, text: str, match: tuple[int, int, int], budget: int
) -> Located | None:
    """An approximate ``(distance, start, end)`` match if acceptable, else one with edges moved.

    Where a passage's edge was edited, edges a character or two apart are about as
    close to the quote, and the one found first may not be the one the context
    touches: then each edge may move by up to ``EDGE_SLACK``, and the context decides.
    """
    quote, m = bookmark.quote, len(bookmark.quote)
    distance, start, end = match
    context = _context_agreement(bookmark, text, start, end, EDGE_SLACK)
    if _accepts(bookmark, 1 - distance / m, context):
        return distance, -context, start, end
    hi = min(len(text), end + EDGE_SLACK)
    starts = range(max(0, start - EDGE_SLACK), min(start + EDGE_SLACK, end - 1) + 1)
    befores = {s: _before(bookmark, text, s, EDGE_SLACK) for s in starts}
    afters = {
        e: _after(bookmark, text, e, EDGE_SLACK) for e in range(max(1, end - EDGE_SLACK), hi + 1)
    }
    required, most_after = _required_context(bookmark), max(afters.values())
    best: Located | None = None
    for s, before in befores.items():
        if before + most_after < required:
            continue
        distances = edit_distances(quote, text[s:hi], anchored=True)
        for e, after in afters.items():
            distance, context = distances[e - s] if e > s else m, before + after
            if distance > budget or not _accepts(bookmark, 1 - distance / m, context):
                continue
            if best is None or (distance, -context, s, e) < best:
                best = (distance, -context, s, e)
    return best


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
        judged = _judge(bookmark, text, match, budget)
        if judged is None:
            continue
        distance, negative_context, start, end = judged
        key = (distance, negative_context, abs(start - bookmark.start))
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
