"""Benchmark of the article view's span lookup (reader.ui.reading.spans.SpanIndex).

Every painted line asks each style and mark layer for the spans reaching into it. Prints,
for a 20 MB article's worth of style spans (200,000 short ones, with and without one span
over the whole text, as an unclosed emphasis would make): the time to build the index and
the median time of one line's lookup (80 characters at random offsets), next to the
baseline measured in the same run: the lookup the view used before (a bisection, then a
walk back while the previous span still reaches the line), which is as fast but misses a
span that started before a shorter one ended, and a plain sort (what opening an article
cost before).

Run: ``.venv/bin/python benchmarks/spans.py [--spans N] [--lookups N]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from bisect import bisect_left
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reader.ui.reading.spans import SpanIndex

TEXT = 20_000_000


def walk_back(spans: list[Any], start: int, end: int) -> list[Any]:
    """The lookup the article view used before (its answers can miss enclosing spans)."""
    index = bisect_left(spans, start, key=lambda s: s[0])
    while index > 0 and spans[index - 1][1] > start:
        index -= 1
    found = []
    while index < len(spans) and spans[index][0] < end:
        if spans[index][1] > start:
            found.append(spans[index])
        index += 1
    return found


def timed(function: Any, *args: Any) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spans", type=int, default=200_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(7)
    short = [(a, a + rng.randint(1, 40), "italic") for a in rng.sample(range(TEXT), args.spans)]
    windows = [rng.randrange(TEXT) for _ in range(args.lookups)]
    for label, spans in (
        ("short spans only", short),
        ("plus one span over the whole text", [*short, (0, TEXT, "quote")]),
    ):
        ordered = sorted(spans)
        sort_ms = timed(sorted, spans) * 1000
        started = time.perf_counter()
        index = SpanIndex(spans)
        index.overlapping(TEXT // 2, TEXT // 2 + 80)  # builds the tree if it is needed
        build_ms = (time.perf_counter() - started) * 1000
        new = [timed(index.overlapping, w, w + 80) * 1e6 for w in windows]
        old = [timed(walk_back, ordered, w, w + 80) * 1e6 for w in windows]
        missed = sum(index.overlapping(w, w + 80) != walk_back(ordered, w, w + 80) for w in windows)
        print(f"{label} ({len(spans):,} spans):")
        print(f"  build   SpanIndex {build_ms:7.1f} ms   baseline sort {sort_ms:7.1f} ms")
        print(
            f"  lookup  SpanIndex {statistics.median(new):7.1f} us   "
            f"baseline walk-back {statistics.median(old):7.1f} us "
            f"(wrong on {missed:,} of {len(windows):,} lines)"
        )


if __name__ == "__main__":
    main()
