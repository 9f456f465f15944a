"""Approximate string matching for re-anchoring: pure stdlib, fast enough for 1,000s.

:func:`best_match` finds the substring of a text window with the smallest edit
distance (Levenshtein) to a pattern, using Myers' bit-parallel algorithm (1999, in
Hyyrö's formulation). Python's big integers make the bit vectors as wide as the
pattern, so one pass over an ``n``-character window costs ``n`` rounds of a dozen
big-int operations, instead of the ``n × m`` cells of the textbook table (or the
quadratic behaviour of ``difflib``).

:func:`candidate_starts` proposes where to look: pieces of the pattern that still
occur verbatim in the text vote for the offset the whole pattern would start at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def _peq(pattern: str) -> dict[str, int]:
    masks: dict[str, int] = {}
    for i, char in enumerate(pattern):
        masks[char] = masks.get(char, 0) | (1 << i)
    return masks


def edit_distances(pattern: str, text: str, *, anchored: bool) -> list[int]:
    """``out[j]`` = edit distance from ``pattern`` to the best substring ending at ``j``.

    With ``anchored`` the substring must start at ``text[0]`` (so ``out[j]`` is the
    distance to ``text[:j]``); otherwise it may start anywhere. ``out[0]`` is the
    distance to an empty substring (``len(pattern)``).
    """
    m = len(pattern)
    if m == 0:
        return list(range(len(text) + 1)) if anchored else [0] * (len(text) + 1)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    peq = _peq(pattern)
    pv, mv, score = full, 0, m
    carry = 1 if anchored else 0
    out = [score]
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | carry) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        out.append(score)
    return out


def best_match(pattern: str, text: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """The ``(distance, start, end)`` of the closest match of ``pattern`` in ``text[lo:hi]``.

    Among equally close matches the first one wins. Offsets are into ``text``.
    """
    lo, hi = max(0, lo), min(len(text), hi)
    if not pattern or hi <= lo:
        return None
    window = text[lo:hi]
    forward = edit_distances(pattern, window, anchored=False)
    distance = min(forward)
    end = forward.index(distance)
    # Walk back from the end: the start is where the anchored reverse distance is least.
    back_lo = max(0, end - len(pattern) - distance)
    reverse = edit_distances(pattern[::-1], window[back_lo:end][::-1], anchored=True)
    best = min(reverse)
    length = reverse.index(best)
    return best, lo + end - length, lo + end


def candidate_starts(pattern: str, text: str, *, pieces: int = 12, limit: int = 4) -> list[int]:
    """Likely start offsets of ``pattern`` in ``text``, most supported first.

    The pattern is cut into up to ``pieces`` non-overlapping pieces of at least 6
    characters; each occurrence of a piece in the text votes for ``position - offset``.
    A piece occurring more than 50 times is too common to say anything and is skipped.
    """
    m = len(pattern)
    size = max(6, m // pieces)
    votes: Counter[int] = Counter()
    for offset in range(0, max(1, m - size + 1), size):
        piece = pattern[offset : offset + size]
        hits = list(_find_all(text, piece, 51))
        if len(hits) > 50:
            continue
        for hit in hits:
            votes[hit - offset] += 1
    # Merge votes that point within a few characters of each other.
    merged: list[tuple[int, int]] = []
    for start, count in sorted(votes.items()):
        if merged and start - merged[-1][0] <= max(8, m // 4):
            first, total = merged[-1]
            merged[-1] = (first, total + count)
        else:
            merged.append((start, count))
    merged.sort(key=lambda pair: -pair[1])
    return [start for start, _ in merged[:limit]]


def _find_all(text: str, needle: str, limit: int) -> Iterable[int]:
    position = text.find(needle)
    found = 0
    while position >= 0 and found < limit:
        yield position
        found += 1
        position = text.find(needle, position + 1)
