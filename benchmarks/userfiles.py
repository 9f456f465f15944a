"""Benchmark of reading user YAML files through the bounded loader (reader.core.userdata.yamlfile).

Prints, for generated bookmarks files of several sizes, the median wall time of:

- baseline: PyYAML's C safe loader (``yaml.load(text, Loader=yaml.CSafeLoader)``), what
  reader used before the bounds, with no limit on aliases or values;
- bounded: ``yamlfile.parse`` with the bookmarks limits (libyaml's parser, the counting
  composer in Python, the safe constructor, the cyclic GC paused);
- bounded with the GC left running, to show what pausing it is worth;

and the time the bounded loader takes to refuse a billion-laughs file (the baseline
builds it quickly, since aliases share objects, but anything that walks or prints the
result then expands it: 13 s and 943 MB for a config value in the reported case).

Run: ``.venv/bin/python benchmarks/userfiles.py [--runs N]``
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import yaml

from reader.core.bookmarks.fileformat import encode
from reader.core.bookmarks.model import Bookmark
from reader.core.userdata import yamlfile


def bookmarks_yaml(count: int) -> str:
    chooser = random.Random(7)
    text = " ".join(chooser.choice(["harbour", "council", "budget", "fox"]) for _ in range(40_000))
    items = []
    for number in range(count):
        start = chooser.randrange(0, len(text) - 200)
        items.append(
            Bookmark.on_text(
                f"doc{number % 300}",
                text,
                start,
                start + chooser.randrange(20, 200),
                note="a note" * chooser.randrange(0, 4),
                tags=["ukraine", "budget"][: chooser.randrange(0, 3)],
            )
        )
    return encode(items)


def median_ms(work: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    limits = yamlfile.BOOKMARKS_LIMITS

    def gc_running(text: str) -> Callable[[], Any]:
        def run() -> Any:
            original = yamlfile._gc_paused
            yamlfile._gc_paused = _no_pause  # type: ignore[assignment]
            try:
                return yamlfile.parse(text, limits)
            finally:
                yamlfile._gc_paused = original

        return run

    print(f"{'bookmarks':>10} {'MB':>6} {'baseline ms':>12} {'bounded ms':>11} {'GC on ms':>9}")
    for count in (500, 5_000, 20_000):
        text = bookmarks_yaml(count)
        base = median_ms(lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader), args.runs)
        bounded = median_ms(lambda text=text: yamlfile.parse(text, limits), args.runs)
        running = median_ms(gc_running(text), args.runs)
        size = len(text.encode()) / 1e6
        print(f"{count:>10} {size:>6.1f} {base:>12.0f} {bounded:>11.0f} {running:>9.0f}")

    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    bomb = "\n".join(lines) + "\ndefault_corpus: *l8\n"
    refused = median_ms(lambda: _refuses(bomb), args.runs)
    print(f"billion laughs ({len(bomb)} bytes): refused in {refused:.1f} ms by the bounded loader")


def _refuses(text: str) -> None:
    try:
        yamlfile.parse(text, yamlfile.CONFIG_LIMITS)
    except yamlfile.YamlFileError:
        return
    raise AssertionError("the bomb was not refused")


class _no_pause:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    gc.collect()
    main()
