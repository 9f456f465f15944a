"""Shared passages: paired sentences, with runs that continue in both texts merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from reader.core.compare.align import NEAR_WORDS, Alignment, Reuse, SentencePair, fingerprint
from reader.core.compare.claims import Token
from reader.core.compare.diff import Change, word_diff
from reader.core.compare.evidence import Evidence, evidence
from reader.core.compare.spans import Span

Kind = Literal["exact", "near"]


@dataclass(frozen=True)
class PassagePair:
    """A passage of the first text (``a``) repeated, exactly or nearly, in the second (``b``).

    ``score`` is in ``[0, 1]`` (1 for an exact repeat); ``kind`` is ``"exact"`` when the two
    spans are the same text up to whitespace, typographic quotes and dashes, else ``"near"``
    (the split view's two colours). ``reuse`` says more: ``exact``, ``near`` (most words the
    same, in order) or ``rewording`` (the same claim in other words). ``evidence`` is what the
    two sides share (:mod:`.evidence`), ``changes`` the word-level differences (:mod:`.diff`),
    ``sentences`` the sentence pairs the passage is made of.
    """

    a: Span
    b: Span
    score: float
    kind: Kind
    reuse: Reuse = "near"
    evidence: Evidence = field(default_factory=Evidence)
    changes: tuple[Change, ...] = ()
    sentences: tuple[SentencePairSpans, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "score": round(self.score, 4),
            "kind": self.kind,
            "reuse": self.reuse,
            "evidence": self.evidence.to_json(),
            "changes": [change.to_json() for change in self.changes],
            "sentences": [pair.to_json() for pair in self.sentences],
        }


@dataclass(frozen=True)
class SentencePairSpans:
    """One sentence pair inside a passage: its two sentences, score and kind."""

    a: Span
    b: Span
    score: float
    reuse: Reuse

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "score": round(self.score, 4),
            "reuse": self.reuse,
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
    cache: dict[tuple[str, int], tuple[Token, ...]] = {}
    found = [_passage(run, alignment, a_text, b_text, cache) for run in runs]
    found.sort(key=lambda p: (p.a.start, p.b.start))
    return found


def _passage(
    run: list[SentencePair],
    alignment: Alignment,
    a_text: str,
    b_text: str,
    cache: dict[tuple[str, int], tuple[Token, ...]],
) -> PassagePair:
    a, b = alignment.a, alignment.b
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
    changes, same = word_diff(a_text, a_span, b_text, b_span)
    reuse: Reuse = "exact" if exact else "near" if same >= NEAR_WORDS else "rewording"
    shared = Evidence()
    if alignment.weights:
        a_tokens = sorted(
            {t for i in {p.a_index for p in run} for t in _tokens(alignment, "a", i, cache)}
        )
        b_tokens = sorted(
            {t for j in {p.b_index for p in run} for t in _tokens(alignment, "b", j, cache)}
        )
        shared = evidence(a_tokens, b_tokens, alignment.weights, a_text, b_text)
    sentences = tuple(SentencePairSpans(a[p.a_index], b[p.b_index], p.score, p.kind) for p in run)
    return PassagePair(
        a_span,
        b_span,
        1.0 if exact else score,
        "exact" if exact else "near",
        reuse,
        shared,
        () if exact else changes,
        sentences,
    )


def _tokens(
    alignment: Alignment,
    side: Literal["a", "b"],
    index: int,
    cache: dict[tuple[str, int], tuple[Token, ...]],
) -> tuple[Token, ...]:
    """A sentence's claim tokens, once per comparison (a sentence with two partners is asked
    for twice)."""
    key = (side, index)
    if key not in cache:
        cache[key] = alignment.tokens(side, index)
    return cache[key]
