"""The Whoosh writer tidies what a failed or cancelled commit wrote, and only that."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.index.catalog import Catalog
from reader.core.index.engine import make_engine, whoosh_engine
from reader.core.index.engine.whoosh_engine import WhooshEngine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[WhooshEngine]:
    catalog = Catalog(tmp_path / "catalog.sqlite")  # where an engine keeps its manifest
    made = make_engine("whoosh", tmp_path, catalog)
    assert isinstance(made, WhooshEngine)
    made.create()
    yield made
    made.close()
    catalog.close()


def test_a_cancelled_writer_removes_unlisted_segment_files(engine: WhooshEngine) -> None:
    listed = sorted(p.name for p in engine.folder.iterdir())
    writer = engine.writer()
    stray = engine.folder / "MAIN_abcdefgh0123.seg"  # as a commit cut short leaves one
    stray.write_bytes(b"part of a segment")
    writer.cancel()
    # What the TOC lists, beside Whoosh's lock file (kept, as after any commit).
    assert sorted(p.name for p in engine.folder.iterdir() if p.name != "MAIN_WRITELOCK") == listed


def test_a_segment_another_writer_is_writing_is_left_alone(engine: WhooshEngine) -> None:
    first = engine.writer()
    first.cancel()
    other = engine.writer()  # holds the write lock, as a writer in another process would
    growing = engine.folder / "MAIN_abcdefgh0123.seg"
    growing.write_bytes(b"a segment not yet listed")
    whoosh_engine._drop_unlisted_segments(engine._index())
    assert growing.exists()
    other.cancel()
    assert not growing.exists()
