"""One number for a pair of texts: how much of them is repeated from the other.

The score is the *score-weighted share of text covered by paired sentences*, pooled over both
texts (a Dice coefficient over characters)::

    similarity = (sum(len(s) * best(s) for s in A) + sum(len(t) * best(t) for t in B))
                 / (sum(len(s) for s in A) + sum(len(t) for t in B))

where ``best`` is the highest pair score of a sentence (0 when unpaired) and only sentences long
enough to pair at all are counted (see ``CompareOptions.min_terms``).

Why this and not the cosine of whole-document tf-idf vectors: the question a reader asks is
"what is repeated, what is new", and two articles on the same war share most of their
vocabulary without sharing a sentence. A document cosine rates them as similar; this score is
0 for them, 1 for identical texts, and grows with the amount of reused text, so it agrees with
the passages the reader sees highlighted. It is what shingle containment measures, made
symmetric and tolerant of rewording. ``coverage_a``/``coverage_b`` give the share per text
(an excerpt wholly contained in a long article has coverage 1 on its side only).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.compare.align import Alignment
from reader.core.compare.spans import Span


def coverage(alignment: Alignment) -> tuple[float, float, float]:
    """``(similarity, coverage_a, coverage_b)``, each in ``[0, 1]``."""
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for pair in alignment.pairs:
        best_a[pair.a_index] = max(best_a.get(pair.a_index, 0.0), pair.score)
        best_b[pair.b_index] = max(best_b.get(pair.b_index, 0.0), pair.score)
    covered_a, total_a = _covered(alignment.a, alignment.a_eligible, best_a)
    covered_b, total_b = _covered(alignment.b, alignment.b_eligible, best_b)
    return (
        _ratio(covered_a + covered_b, total_a + total_b),
        _ratio(covered_a, total_a),
        _ratio(covered_b, total_b),
    )


def _covered(
    sentences: Sequence[Span], eligible: Sequence[bool], best: dict[int, float]
) -> tuple[float, int]:
    covered = 0.0
    total = 0
    for index, (sentence, ok) in enumerate(zip(sentences, eligible, strict=True)):
        if ok:
            size = sentence.end - sentence.start
            total += size
            covered += size * best.get(index, 0.0)
    return covered, total


def _ratio(part: float, whole: int) -> float:
    return min(max(part / whole, 0.0), 1.0) if whole else 0.0
