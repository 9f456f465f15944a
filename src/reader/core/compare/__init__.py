"""Comparing two texts: shared passages (exact and reworded) and an overall similarity.

Pipeline: :mod:`.sentences` splits each text into sentence spans; :mod:`.terms` turns a sentence
into content terms; :mod:`.weights` weighs terms by rarity; :mod:`.align` pairs sentences by
weighted cosine, claim keys (:mod:`.claims`) and, with canonical entities, shared rare events
(:mod:`.events`); :mod:`.passages` merges runs of pairs into passages; :mod:`.score` scores
the pair of texts; :mod:`.comparison` ties them together and :mod:`.result` holds the outcome.
:mod:`.entities` compares the entities and figures of two articles (figures by the value
:mod:`.figures` reads from them).
"""

from __future__ import annotations

from reader.core.compare.align import Alignment, SentencePair, align_sentences
from reader.core.compare.comparison import compare_texts
from reader.core.compare.entities import (
    EntityComparison,
    SharedEntity,
    canonical_pair,
    compare_entities,
)
from reader.core.compare.figures import figure_value
from reader.core.compare.options import CompareOptions
from reader.core.compare.passages import PassagePair
from reader.core.compare.result import ComparisonResult
from reader.core.compare.sentences import split_sentences
from reader.core.compare.spans import Span
from reader.core.compare.terms import terms
from reader.core.compare.weights import DocumentFrequencies

__all__ = [
    "Alignment",
    "CompareOptions",
    "ComparisonResult",
    "DocumentFrequencies",
    "EntityComparison",
    "PassagePair",
    "SentencePair",
    "SharedEntity",
    "Span",
    "align_sentences",
    "canonical_pair",
    "compare_entities",
    "compare_texts",
    "figure_value",
    "split_sentences",
    "terms",
]
