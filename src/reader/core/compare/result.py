"""The outcome of comparing two texts, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.core.compare.passages import PassagePair
from reader.core.compare.spans import Span


@dataclass(frozen=True)
class ComparisonResult:
    """Two texts compared: an overall score and the passages they share.

    ``a`` and ``b`` name the compared texts (document ids, chosen by the caller). ``similarity``
    is in ``[0, 1]`` (:mod:`reader.core.compare.score`), ``coverage_a``/``coverage_b`` are
    the repeated share of each text. ``shared_passages`` are sorted by position in ``a``.
    ``only_in_a``/``only_in_b`` are the passages of each text in no pair, in reading order
    (:mod:`reader.core.compare.novelty`).

    ``extras`` is where integration attaches what the text comparison does not compute (shared
    entities, figures only in one text, ...): JSON-ready values, added to :meth:`to_json` after
    the core keys, which they cannot override.
    """

    a: str
    b: str
    similarity: float
    shared_passages: tuple[PassagePair, ...] = ()
    coverage_a: float = 0.0
    coverage_b: float = 0.0
    only_in_a: tuple[Span, ...] = ()
    only_in_b: tuple[Span, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """``{a, b, similarity, shared_passages: [{a: {start, end, text}, b, score, kind, reuse,
        evidence, changes, sentences}], only_in_a: [{start, end, text}], only_in_b}``."""
        core: dict[str, Any] = {
            "a": self.a,
            "b": self.b,
            "similarity": round(self.similarity, 4),
            "shared_passages": [passage.to_json() for passage in self.shared_passages],
            "only_in_a": [span.to_json() for span in self.only_in_a],
            "only_in_b": [span.to_json() for span in self.only_in_b],
        }
        return {**self.extras, **core} if self.extras else core
