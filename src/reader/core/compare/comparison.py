"""Comparing two cleaned texts: the one entry point of the comparison core."""

from __future__ import annotations

from reader.core.compare.align import align_sentences
from reader.core.compare.options import CompareOptions
from reader.core.compare.passages import passages
from reader.core.compare.result import ComparisonResult
from reader.core.compare.sentences import split_sentences
from reader.core.compare.similarity import coverage
from reader.core.compare.weights import DocumentFrequencies


def compare_texts(
    a_text: str,
    b_text: str,
    *,
    a: str = "a",
    b: str = "b",
    corpus: DocumentFrequencies | None = None,
    options: CompareOptions | None = None,
) -> ComparisonResult:
    """Compare ``a_text`` with ``b_text`` (named ``a`` and ``b`` in the result).

    Offsets in the result index into ``a_text`` and ``b_text`` exactly as given, so pass the
    cleaned text the reader displays. ``corpus`` optionally supplies corpus-wide document
    frequencies so words common across the corpus count less (:mod:`.weights`).
    """
    opts = options or CompareOptions()
    alignment = align_sentences(split_sentences(a_text), split_sentences(b_text), opts, corpus)
    similarity, coverage_a, coverage_b = coverage(alignment)
    shared = passages(alignment, a_text, b_text, merge=opts.merge)
    return ComparisonResult(
        a=a,
        b=b,
        similarity=similarity,
        shared_passages=tuple(shared),
        coverage_a=coverage_a,
        coverage_b=coverage_b,
    )
