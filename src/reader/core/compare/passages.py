"""Shared passages: paired sentences, with runs that continue in both texts merged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reader.core.compare.align import Alignment, SentencePair, fingerprint
from reader.core.compare.spans import Span

Kind = Literal["exact", "near"]


@dataclass(frozen=True)
class PassagePair:
    """A passage of the first text (``a``) repeated, exactly or nearly, in the second (``b``).

    ``score`` is in ``[0, 1]`` (1 for an exact repeat); ``kind`` is ``"exact"`` when the two
    spans are the same text up to whitespace, typographic quotes and dashes.
    """

    a: Span
    b: Span
    score: float
    kind: Kind

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "score": round(self.score, 4),
            "kind": self.kind,
        }


def passages(
    alignment: Alignment, a_text: str, b_text: str, *, merge: bool = True
) -> list[PassagePair]:
    """Passage pairs from sentence pairs; with ``merge``, consecutive pairs become one passage.

    Pairs (i, j) and (i', j') are consecutive when each side stays or moves on by one sentence
    (i' - i and j' - j in {0, 1}, not both 0): a run copied in order, or a sentence split in two.
    The merged passage runs from the first sentence to the last on each side and scores the
    length-weighted mean of its pairs.
    """
    runs: list[list[SentencePair]] = []
    open_runs: dict[tuple[int, int], list[SentencePair]] = {}
    for pair in sorted(alignment.pairs, key=lambda p: (p.a_index, p.b_index)):
        run = None
        if merge:
            for step in ((1, 1), (0, 1), (1, 0)):
                run = open_runs.pop((pair.a_index - step[0], pair.b_index - step[1]), None)
                if run is not None:
                    break
        if run is None:
            run = []
            runs.append(run)
        run.append(pair)
        open_runs[(pair.a_index, pair.b_index)] = run
    found = [_passage(run, alignment.a, alignment.b, a_text, b_text) for run in runs]
    found.sort(key=lambda p: (p.a.start, p.b.start))
    return found


def _passage(
    run: list[SentencePair], a: Sequence[Span], b: Sequence[Span], a_text: str, b_text: str
) -> PassagePair:
    a_span = Span.of(
        a_text, min(a[p.a_index].start for p in run), max(a[p.a_index].end for p in run)
    )
    b_span = Span.of(
        b_text, min(b[p.b_index].start for p in run), max(b[p.b_index].end for p in run)
    )
    if len(run) == 1:
        score = run[0].score
    else:
        sizes = [
            (a[p.a_index].end - a[p.a_index].start) + (b[p.b_index].end - b[p.b_index].start)
            for p in run
        ]
        score = sum(p.score * size for p, size in zip(run, sizes, strict=True)) / sum(sizes)
    exact = fingerprint(a_span.text) == fingerprint(b_span.text)
    return PassagePair(a_span, b_span, 1.0 if exact else score, "exact" if exact else "near")
