"""Comparing two cleaned texts: the one entry point of the comparison core."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.core.compare.align import align_sentences
from reader.core.compare.novelty import unmatched
from reader.core.compare.options import CompareOptions
from reader.core.compare.passages import passages
from reader.core.compare.result import ComparisonResult
from reader.core.compare.score import coverage
from reader.core.compare.sentences import split_sentences
from reader.core.compare.weights import DocumentFrequencies

if TYPE_CHECKING:
    from reader.core.entities.model import Entity


def compare_texts(
    a_text: str,
    b_text: str,
    *,
    a: str = "a",
    b: str = "b",
    corpus: DocumentFrequencies | None = None,
    options: CompareOptions | None = None,
    entities: tuple[Sequence[Entity], Sequence[Entity]] | None = None,
) -> ComparisonResult:
    """Compare ``a_text`` with ``b_text`` (named ``a`` and ``b`` in the result).

    Offsets in the result index into ``a_text`` and ``b_text`` exactly as given, so pass the
    cleaned text the reader displays. ``corpus`` optionally supplies corpus-wide document
    frequencies so words common across the corpus count less (:mod:`.weights`). ``entities``
    optionally gives both texts' entities with canonical ids shared by the two (e.g.
    ``pair_entities``), so a person named two ways counts as one in rewordings.
    """
    opts = options or CompareOptions()
    a_sentences, b_sentences = split_sentences(a_text), split_sentences(b_text)
    a_mentions = _mentions(entities[0]) if entities else ()
    b_mentions = _mentions(entities[1]) if entities else ()
    alignment = align_sentences(
        a_sentences,
        b_sentences,
        opts,
        corpus,
        a_source=a_text,
        b_source=b_text,
        a_mentions=a_mentions,
        b_mentions=b_mentions,
    )
    similarity, coverage_a, coverage_b = coverage(alignment)
    shared = passages(alignment, a_text, b_text, merge=opts.merge)
    only_a = unmatched(a_text, a_sentences, (p.a_index for p in alignment.pairs))
    only_b = unmatched(b_text, b_sentences, (p.b_index for p in alignment.pairs))
    return ComparisonResult(
        a=a,
        b=b,
        similarity=similarity,
        shared_passages=tuple(shared),
        coverage_a=coverage_a,
        coverage_b=coverage_b,
        only_in_a=only_a,
        only_in_b=only_b,
    )


def _mentions(entities: Sequence[Entity] | None) -> tuple[tuple[int, int, str, str], ...]:
    """``(start, end, id, text)`` of every named entity's mentions (figures are read from the
    text itself, by value)."""
    from reader.core.entities.model import NAMED_TYPES

    if not entities:
        return ()
    return tuple(
        (m.start, m.end, e.id, m.text)
        for e in entities
        if e.type in NAMED_TYPES
        for m in e.mentions
    )
