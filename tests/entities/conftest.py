"""One extractor for the entity tests: the gazetteer is loaded once per session."""

from __future__ import annotations

import pytest

from reader.core.entities import Entity, Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor().load()


def names(entities: list[Entity], kind: str) -> set[str]:
    return {e.name for e in entities if e.type == kind}


def by_name(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name or name in e.aliases]
    assert len(found) == 1, f"{name!r}: {[e.name for e in entities]}"
    return found[0]
