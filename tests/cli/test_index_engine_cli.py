"""``reader index --engine``: the engine is chosen, recorded, printed, and switching rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_reader

pytestmark = pytest.mark.slow


def test_index_engine_flag_switches_and_prints_the_engine(seeds: Path) -> None:
    first = run_reader("index", "--corpus", str(seeds))
    assert first.returncode == 0, first.stderr
    assert "engine: whoosh " in first.stdout  # auto, a small corpus
    # The tests run an editable install: the sources, not the compiled modules.
    assert "\ntext modules: pure Python (" in first.stdout
    switched = run_reader("index", "--corpus", str(seeds), "--engine", "tantivy")
    assert "rebuilt: engine changed (whoosh → tantivy)" in switched.stdout
    assert "engine: tantivy " in switched.stdout
    again = run_reader("index", "--corpus", str(seeds))  # auto keeps the index's engine
    assert "rebuilt" not in again.stdout and "engine: tantivy " in again.stdout
    found = run_reader("search", "--corpus", str(seeds), "Zaluzhny~1", "--json")
    assert found.returncode == 0 and '"total": 2' in found.stdout, found.stdout
    wrong = run_reader("index", "--corpus", str(seeds), "--engine", "lucene")
    assert wrong.returncode != 0 and "invalid choice" in wrong.stderr
