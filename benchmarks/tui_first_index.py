"""A first index in the TUI: how soon articles are listed, and when the index is complete.

    .venv/bin/python benchmarks/tui_first_index.py [--corpus FOLDER] [--rounds N]

Runs the real app (headless, in this process) on a corpus with an empty cache, twice in
one run: as it is now, the document list filling as each batch commits, and as it was
before (the per-batch listing switched off: the list stays empty until the whole index
is built), the baseline; ``--rounds N`` runs N pairs in alternating order. For each it
prints, from the app's start: the first rows listed, search live, the index complete,
and the longest stall of the UI thread meanwhile (the largest gap between ticks of a
50 ms timer; shared machines add noise). First it times the list's merge of one batch
into 200,000 rows beside a full re-sort (no corpus needed). Default corpus:
../shared/corpora/bbc, skipped cleanly when absent.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("READER_SHARED_DIR", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc"


async def _first_index(corpus: Path, *, listing: bool) -> dict[str, float]:
    from reader.core.index.library import Library
    from reader.ui.app import ReaderApp
    from reader.ui.main_screen import MainScreen
    from reader.ui.widgets.doclist import DocList

    original = MainScreen.on_index_committed
    if not listing:  # the baseline: nothing listed nor searchable before the end
        MainScreen.on_index_committed = lambda self, message: None  # type: ignore[method-assign,assignment]
    figures: dict[str, float] = {}
    try:
        start = time.perf_counter()
        app = ReaderApp(corpus)
        async with app.run_test(size=(120, 40)) as pilot:
            ticks: list[float] = []
            app.set_interval(0.05, lambda: ticks.append(time.perf_counter()))
            finished = False
            while not finished:
                await pilot.pause(0.01)
                now = time.perf_counter() - start
                screen = app.screen
                if not isinstance(screen, MainScreen):
                    continue
                if "rows" not in figures and screen.query_one(DocList).rows:
                    figures["rows"] = now
                if "search" not in figures and screen.search_ready:
                    figures["search"] = now
                # Complete: the worker is done and the bar is gone.
                finished = (
                    screen._background_started
                    and not screen.query("#index-progress")
                    and not any(w.group == "index" and w.is_running for w in app.workers)
                    and "search" in figures
                )
            figures["complete"] = time.perf_counter() - start
            figures["rows_final"] = len(screen.query_one(DocList).rows)
            gaps = [b - a for a, b in itertools.pairwise(ticks)]
            figures["stall"] = max(gaps, default=0.0)
            await app.workers.wait_for_complete()
        figures["articles"] = Library(corpus).count()
    finally:
        MainScreen.on_index_committed = original  # type: ignore[method-assign]
    return figures


def _run(corpus: Path, listing: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:
        # An empty cache for each run: a first index every time.
        for var, sub in (("READER_CACHE_DIR", "c"), ("READER_DATA_DIR", "d")):
            os.environ[var] = str(Path(home) / sub)
        os.environ["READER_CONFIG_DIR"] = str(Path(home) / "cfg")
        return asyncio.run(_first_index(corpus, listing=listing))


def _merge_cost(size: int = 200_000, batch: int = 1000) -> tuple[float, float]:
    """Seconds to list one batch into ``size`` rows: the merge the list does, and the
    full re-sort it avoids (median of 5 each, synthetic rows, date order)."""
    import random
    import statistics

    from reader.core.index.catalog import DocSummary
    from reader.ui.widgets.doclist import Row, merge_rows

    rng = random.Random(7)

    def row(number: int) -> Row:
        date = f"20{rng.randint(0, 25):02}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        return Row(DocSummary(f"d{number:07}", "t", (), date, "s", None, "", 0, ()))

    def key(r: Row) -> tuple[str, str]:
        return (r.summary.date or "", r.summary.id)

    rows = sorted((row(i) for i in range(size)), key=key, reverse=True)
    new = [row(size + i) for i in range(batch)]
    merges, sorts = [], []
    for _ in range(5):
        start = time.perf_counter()
        merge_rows(rows, new, key, True, 0)
        merges.append(time.perf_counter() - start)
        start = time.perf_counter()
        sorted(rows + new, key=key, reverse=True)
        sorts.append(time.perf_counter() - start)
    return statistics.median(merges), statistics.median(sorts)


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--rounds", type=int, default=1, help="before/now pairs, alternated")
    args = parser.parse_args()
    corpus: Path = args.corpus
    merge, resort = _merge_cost()
    print(
        f"listing a batch of 1,000 into 200,000 rows (UI thread): merge {merge * 1000:.1f} ms,"
        f" full re-sort (the baseline) {resort * 1000:.1f} ms"
    )
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: skipped")
        return 0
    print(f"first index in the TUI of {corpus.name}")
    print(f"{'':34}{'first rows':>12}{'search live':>13}{'complete':>10}{'UI stall':>10}")
    order = (("before (list filled at the end)", False), ("now (batches listed)", True))
    for label, listing in [
        run for number in range(args.rounds) for run in order[:: 1 - 2 * (number % 2)]
    ]:
        f = _run(corpus, listing)
        print(
            f"{label:34}{f['rows']:>11.1f}s{f['search']:>12.1f}s{f['complete']:>9.1f}s"
            f"{f['stall'] * 1000:>8.0f}ms   ({int(f['rows_final']):,} of"
            f" {int(f['articles']):,} articles listed at the end)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
