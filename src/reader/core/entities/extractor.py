"""The extractor: text in, entities out (people, organisations, places, figures).

:class:`Extractor` loads the gazetteer on first use and is safe to share between
threads (it keeps no per-call state). Everything runs offline from data shipped in
the package.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reader.core.entities.consistency import read_document
from reader.core.entities.figures import figure_key, find_figures
from reader.core.entities.gazetteer import Gazetteer, load_gazetteer
from reader.core.entities.grouping import group
from reader.core.entities.keys import slug
from reader.core.entities.model import FIGURE_TYPES, Entity, EntityType, Mention


class Extractor:
    """Rule + gazetteer named-entity extractor."""

    name = "rules"

    def __init__(self, gazetteer_path: Path | None = None) -> None:
        self._path = gazetteer_path
        self._gaz: Gazetteer | None = None
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded on first access."""
        if self._gaz is None:
            with self._lock:
                if self._gaz is None:
                    self._gaz = load_gazetteer(self._path)
        return self._gaz

    def load(self) -> Extractor:
        """Load the data now rather than on the first :meth:`extract`."""
        _ = self.gazetteer
        return self

    def extract(self, text: str, *, figures: bool = True) -> list[Entity]:
        """Entities of ``text`` in order of first mention.

        Mention offsets index ``text`` itself. With ``figures=False`` only people,
        organisations and places are returned.
        """
        typed, links = read_document(text, self.gazetteer)
        entities = group(text, typed, links)
        if figures:
            taken = sorted((m.start, m.end) for e in entities for m in e.mentions)
            entities.extend(_figures(text, taken))
        return entities


def _figures(text: str, taken: list[tuple[int, int]]) -> list[Entity]:
    by_key: dict[tuple[EntityType, str], Entity] = {}
    import bisect

    for start, end, kind in find_figures(text):
        i = bisect.bisect_left(taken, (end, end))
        if i and taken[i - 1][1] > start:
            continue
        surface = text[start:end]
        # One entity per currency, amount and magnitude: "£300m" and "£300 million"
        # are one sum, "$300m" another.
        key = (kind, figure_key(kind, surface))
        entity = by_key.get(key)
        if entity is None:
            name = " ".join(surface.split())
            entity = by_key[key] = Entity(id=f"{kind}:{slug(key[1])}", name=name, type=kind)
        entity.mentions.append(Mention(start, end, surface))
    ordered = sorted(
        by_key.values(), key=lambda e: (FIGURE_TYPES.index(e.type), e.mentions[0].start)
    )
    for entity in ordered:
        entity.aliases = sorted({m.text for m in entity.mentions} - {entity.name})
    return ordered
