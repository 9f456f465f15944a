"""The seeds' parse, pinned before the cleaner learned from corpora: it must not move."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from pin_seeds import OUT, pinned

EXPECTED = json.loads(OUT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_parse_is_unchanged(name: str) -> None:
    assert pinned()[name] == EXPECTED[name]


def test_every_seed_is_pinned() -> None:
    assert sorted(pinned()) == sorted(EXPECTED)
