"""Benchmark: where Tantivy starts to beat Whoosh (the ``auto`` engine's crossover).

The engines alone, on the first N BBC articles for growing N: CPU seconds to index them (same
documents, same analyzers, no entity extraction: that costs the same whatever the engine) and
the CPU milliseconds of each of ``index_search.QUERIES`` (parsed once, run by the engine, hit
matcher included). CPU time, not wall time, so a busy machine does not blur the comparison.

Run:  .venv/bin/python benchmarks/engine_crossover.py [--sizes 250,500,1000,2225]
The corpus is found as in ``benchmarks/index_search.py``; without it the benchmark says so and
exits 0. Nothing is written outside a temp folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from index_search import QUERIES, find_corpus, percentile


class _Meta(dict[str, str]):
    def get_meta(self, key: str) -> str | None:
        return self.get(key)

    def set_meta(self, key: str, value: str) -> None:
        self[key] = value


def _documents(corpus: Path, count: int) -> list[object]:
    from reader.core.corpus.loader import EXTENSIONS
    from reader.core.index.engine.base import IndexedDoc

    found = []
    for path in sorted(corpus.rglob("*")):
        if len(found) == count:
            break
        if not path.name.lower().endswith(EXTENSIONS) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = text.partition("\n")
        rel = path.relative_to(corpus).with_suffix("").as_posix()
        found.append(IndexedDoc(rel, str(path), title.strip(), body, "", "", "", None, {}))
    return found


def measure(name: str, docs: list[object], folder: Path) -> tuple[float, float, float]:
    """Ingest CPU seconds, query CPU p50 and p95 in milliseconds."""
    from reader.core.index.engine import make_engine
    from reader.core.index.query import parse_query

    engine = make_engine(name, folder, _Meta())
    start = time.process_time()
    engine.create()
    writer = engine.writer()
    for doc in docs:
        writer.add(doc)  # type: ignore[arg-type]
    writer.commit()
    engine.committed()
    engine.refresh()
    ingest = time.process_time() - start
    parsed = [parse_query(q) for q in QUERIES]
    engine.search(parsed[0], 10)  # warm up
    timings = []
    for query in parsed:
        start = time.process_time()
        engine.search(query, 10)
        timings.append(time.process_time() - start)
    engine.close()
    return ingest, percentile(timings, 50) * 1000, percentile(timings, 95) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000,2225")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    corpus = find_corpus()
    if corpus is None:
        print("benchmark skipped: BBC corpus not found (set READER_SHARED_DIR)")
        return 0
    print(f"corpus: {corpus}; CPU seconds to index, CPU ms per query ({len(QUERIES)} queries)")
    print(f"{'articles':>8}  {'engine':8} {'ingest s':>9} {'query p50':>10} {'query p95':>10}")
    with tempfile.TemporaryDirectory(prefix="reader-crossover-") as tmp:
        for size in sizes:
            docs = _documents(corpus, size)
            for name in ("whoosh", "tantivy"):
                ingest, p50, p95 = measure(name, docs, Path(tmp) / f"{name}-{size}")
                print(f"{len(docs):>8}  {name:8} {ingest:9.2f} {p50:9.2f}  {p95:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
