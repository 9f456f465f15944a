"""Benchmark: scanning a corpus folder (what every update does first) vs a bare walk.

``scan`` stats every entry, applies ``.readerignore``, tells real files apart by
device and inode, and builds printable ids; the baseline is ``os.walk`` plus one
``os.stat`` per file, the least any scan must do. Also: ``safe_name`` over 100,000
ids (the list and every output pass ids through it).

Run:  .venv/bin/python benchmarks/scan.py [FILES]
A generated corpus of FILES (default 50,000) articles in 100 folders, with a
``.readerignore``, is built in a temp folder and removed afterwards.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def build(root: Path, count: int) -> None:
    for number in range(count):
        folder = root / f"section{number % 100:03}"
        folder.mkdir(exist_ok=True)
        (folder / f"article-{number:06}.txt").write_text(f"Title {number}\n\nBody.\n")
    (root / "README.md").write_text("not an article\n")
    (root / "drafts").mkdir()
    (root / "drafts" / "d.txt").write_text("draft\n")
    (root / ".readerignore").write_text("README.md\ndrafts/\n*.tmp.txt\n")


def bare_walk(root: Path) -> int:
    found = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            os.stat(os.path.join(folder, name))
            found += 1
    return found


def best(function, *args, repeat: int = 5):  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    from reader.core.corpus.loader import scan
    from reader.core.text.display import safe_name

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build(root, count)
        base, walked = best(bare_walk, root)
        ours, result = best(scan, root)
        print(f"corpus: {count:,} articles, {walked:,} files walked")
        print(f"baseline os.walk + stat: {base * 1000:8.1f} ms")
        print(
            f"scan:                    {ours * 1000:8.1f} ms  ({ours / base:.2f}x baseline; "
            f"{len(result.files):,} articles, {result.ignored_files} ignored file, "
            f"{result.ignored_folders} ignored folder)"
        )
    ids = [f"section{n % 100:03}/article-{n:06}" for n in range(100_000)]
    loop, _ = best(lambda: [x for x in ids])
    safe, _ = best(lambda: [safe_name(x) for x in ids])
    print(f"100,000 ids: list copy {loop * 1000:.1f} ms, safe_name {safe * 1000:.1f} ms")


if __name__ == "__main__":
    main()
