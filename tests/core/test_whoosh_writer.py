"""The Whoosh writer tidies what a failed or cancelled commit wrote, and only that."""

from __future__ import annotations

from pathlib import Path

from reader.core.index.engine.whoosh_engine import WhooshEngine


class _Meta:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get_meta(self, key: str) -> str | None:
        return self.values.get(key)

    def set_meta(self, key: str, value: str) -> None:
        self.values[key] = value


def _engine(tmp_path: Path) -> WhooshEngine:
    engine = WhooshEngine(tmp_path / "index", _Meta())
    engine.create()
    return engine


def test_a_cancelled_writer_removes_unlisted_segment_files(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    listed = sorted(p.name for p in engine.folder.iterdir())
    writer = engine.writer()
    stray = engine.folder / "MAIN_abcdefgh0123.seg"  # as a commit cut short leaves one
    stray.write_bytes(b"part of a segment")
    writer.cancel()
    # What the TOC lists, beside Whoosh's lock file (kept, as after any commit).
    assert sorted(p.name for p in engine.folder.iterdir() if p.name != "MAIN_WRITELOCK") == listed
    engine.close()


def test_a_segment_another_writer_is_writing_is_left_alone(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    first = engine.writer()
    first.cancel()
    other = engine.writer()  # holds the write lock, as a writer in another process would
    growing = engine.folder / "MAIN_abcdefgh0123.seg"
    growing.write_bytes(b"a segment not yet listed")
    from reader.core.index.engine import whoosh_engine

    whoosh_engine._drop_unlisted_segments(engine._index())
    assert growing.exists()
    other.cancel()
    assert not growing.exists()
    engine.close()
