"""Why two passages are paired: the entities, figures and rare words they share.

Each shared key of the two sentences (:mod:`.claims`) becomes one :class:`Shared` item with the
words that carry it on each side (the first occurrence in each passage), so the reader can be
told "both name Stepan Bandera, both give 400,000, both say admir-/drafted". Items are sorted by
weight (how rare the key is in the two texts, :mod:`.weights`), strongest first.

JSON (one pair's ``evidence``)::

    {"entities": [{"key", "weight", "a": {start, end, text}, "b": {start, end, text}}],
     "figures":  [...same...],
     "terms":    [...same...]}

``entities`` holds canonical entity ids (``@id``, when the caller gave entities) and
capitalised words; ``figures`` numbers, sums and dates by value (``#400000``, ``#2024-02-01``);
``terms`` other word stems.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.core.compare.claims import Token
from reader.core.compare.spans import Span


@dataclass(frozen=True)
class Shared:
    """One key both passages hold, with where each says it."""

    key: str
    weight: float
    a: Span
    b: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "weight": round(self.weight, 3),
            "a": self.a.to_json(),
            "b": self.b.to_json(),
        }


@dataclass(frozen=True)
class Evidence:
    """What a pair shares, by kind; each tuple strongest first."""

    entities: tuple[Shared, ...] = ()
    figures: tuple[Shared, ...] = ()
    terms: tuple[Shared, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "entities": [s.to_json() for s in self.entities],
            "figures": [s.to_json() for s in self.figures],
            "terms": [s.to_json() for s in self.terms],
        }

    @property
    def empty(self) -> bool:
        return not (self.entities or self.figures or self.terms)


def evidence(
    a_tokens: list[Token],
    b_tokens: list[Token],
    weight: Mapping[str, float],
    a_text: str,
    b_text: str,
) -> Evidence:
    """The shared keys of two token lists (sentences or passages), grouped and weighed."""
    first_b: dict[str, Token] = {}
    for token in b_tokens:
        first_b.setdefault(token.key, token)
    seen: set[str] = set()
    groups: dict[str, list[Shared]] = {"entities": [], "figures": [], "terms": []}
    for token in a_tokens:
        other = first_b.get(token.key)
        if other is None or token.key in seen:
            continue
        seen.add(token.key)
        item = Shared(
            token.key,
            weight.get(token.key, 0.0),
            Span.of(a_text, token.start, token.end),
            Span.of(b_text, other.start, other.end),
        )
        # A capitalised word counts as a name only when both sides capitalise it ("According"
        # opening a sentence is not a name).
        kind = "term" if token.kind == "name" and other.kind != "name" else token.kind
        group = "figures" if kind == "figure" else "terms" if kind == "term" else "entities"
        groups[group].append(item)
    # A name inside a canonical entity's mention says the same thing twice: keep the entity.
    known = [item.a for item in groups["entities"] if item.key.startswith("@")]
    groups["entities"] = [
        item
        for item in groups["entities"]
        if item.key.startswith("@")
        or not any(k.start < item.a.end and item.a.start < k.end for k in known)
    ]
    for items in groups.values():
        items.sort(key=lambda s: (-s.weight, s.key))
    return Evidence(tuple(groups["entities"]), tuple(groups["figures"]), tuple(groups["terms"]))
