"""The benchmark corpus generator: same seed, same files; files reader reads as meant.

Skipped without the BBC corpus beside the checkout (``../shared/corpora/bbc``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from corpusgen import build_corpus, find_bbc  # noqa: E402

pytestmark = pytest.mark.skipif(find_bbc() is None, reason="BBC corpus not found")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_same_seed_same_files_other_seed_others(tmp_path: Path) -> None:
    build_corpus(tmp_path / "a", 40, seed=5)
    build_corpus(tmp_path / "b", 40, seed=5)
    build_corpus(tmp_path / "c", 40, seed=6)
    a, b, c = (_files(tmp_path / n) for n in "abc")
    assert len(a) == 40
    assert a == b
    assert a != c


def test_reader_reads_titles_dates_sources_from_the_generated_files(tmp_path: Path) -> None:
    from reader.core.index.library import Library

    root = tmp_path / "corpus"
    build_corpus(root, 30, seed=1)
    library = Library(root, cache=tmp_path / "cache")
    report = library.update()
    summaries = library.summaries()
    library.close()
    assert report.added == 30 and not report.skipped
    front = [s for s in summaries if s.path.endswith(".md")]
    assert front, "most files carry front matter"
    for summary in front:
        # <source>/<year>/<month>/: the folders agree with the front matter's date.
        year, month = Path(summary.path).parts[-3:-1]
        assert summary.date is not None and summary.date.startswith(f"{year}-{month}")
        assert summary.source and summary.title and not summary.title.startswith("---")
