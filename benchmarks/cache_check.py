"""Benchmark: what checking the cache for damage costs, beside what an update costs.

Every command stats the index files against their manifest; ``reader index`` also
reads every index file against its CRC-32 and runs SQLite's ``PRAGMA quick_check``
on the catalog. This prints each against the baseline of the same run: a no-change
update without any check (what every command already paid before the checks).

Run:  .venv/bin/python benchmarks/cache_check.py
The corpus is found at ``$READER_SHARED_DIR/corpora/bbc`` or ``<repo>/../shared/corpora/bbc``;
without it the benchmark says so and exits 0. Nothing is written outside a temp folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def find_corpus() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    candidates = [Path(shared) / "corpora" / "bbc"] if shared else []
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc")
    return next((c for c in candidates if c.is_dir()), None)


def best(step: Callable[[], object], runs: int = 7) -> tuple[float, float]:
    """Median and minimum wall seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def main() -> int:
    corpus = find_corpus()
    if corpus is None:
        print("BBC corpus not found: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as home:
        for name in ("config", "data", "cache"):
            os.environ[f"READER_{name.upper()}_DIR"] = str(Path(home) / name)
        from reader.core.index import cachehealth
        from reader.core.index.library import Library

        library = Library(corpus)
        started = time.perf_counter()
        library.update()
        print(
            f"first index of {len(library.summaries())} articles: "
            f"{time.perf_counter() - started:.1f} s"
        )
        index_bytes = sum(p.stat().st_size for p in library.index_dir.iterdir())
        catalog_bytes = (library.cache / "catalog.sqlite").stat().st_size
        print(f"index {index_bytes / 1e6:.1f} MB, catalog {catalog_bytes / 1e6:.1f} MB")
        manifest = library.catalog.get_meta(cachehealth.META_KEY)

        rows = [
            ("baseline: update, nothing changed", lambda: library.update()),
            ("stat check (every command)",
             lambda: cachehealth.check(library.index_dir, manifest)),
            ("CRC-32 of every index file (reader index)",
             lambda: cachehealth.check(library.index_dir, manifest, full=True)),
            ("PRAGMA quick_check of the catalog (reader index)",
             lambda: library.catalog.quick_check()),
            ("update with verify=True (reader index)", lambda: library.update(verify=True)),
        ]  # fmt: skip
        for label, step in rows:
            median, low = best(step)
            print(f"{label:52} median {median * 1000:8.1f} ms   min {low * 1000:8.1f} ms")
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
