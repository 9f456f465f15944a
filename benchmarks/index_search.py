"""Benchmark: full ingest of the BBC corpus vs plain Whoosh, and search latency.

Ours includes entity extraction (in worker processes beside the Whoosh writer) and
the corpus entity merge; CPU seconds are printed beside wall time because, on a
busy machine, wall time mostly measures the neighbours.

Run:  .venv/bin/python benchmarks/index_search.py [--engine whoosh|tantivy|both]
(default both: each engine's ingest and queries beside the same plain-Whoosh baseline).
``--without-entities`` also times each engine's ingest with entity extraction left out (in
every process: the articles then have no entities): what the extraction costs of the ratio.
The corpus is found at ``$READER_SHARED_DIR/corpora/bbc`` or ``<repo>/../shared/corpora/bbc``;
without it the benchmark says so and exits 0. Nothing is written outside a temp folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUERIES = [
    "economy", "oil prices", '"interest rates"', "bank AND profit", "inflation OR deflation",
    "shares NOT bank", "title:profit", "title:election", "Blair", "Brown budget", '"Tony Blair"',
    "Labour Tories", "election campaign", "iraq war", "immigration", "tax cuts", "pension*",
    "broadband", "mobile phone", "games console", "Microsoft", "Apple iPod", "virus software",
    "internet piracy", "film award", "Oscar nominations", "box office", '"best actor"',
    "music album", "rock band", "chart single", "football", "Chelsea Arsenal", "Wenger",
    '"Champions League"', "rugby Wales", "tennis Open", "Olympic", "marathon", "injury",
    "transfer fee", "euro dollar", "China exports", "airline", "steel", "merger", "jobs",
    "stock market", "Yukos", "econom~", "telecom*", "govern*",
]  # fmt: skip
# Entity field queries and names with other spellings (expanded through the aliases).
ENTITY_QUERIES = [
    "person:Blair", 'person:"Gordon Brown"', "org:BBC", "org:Microsoft", "place:London",
    "entity:China", "entity:Chelsea", "Kiev", "person:Wenger AND football", "Mourinho",
]  # fmt: skip


# Set by --without-entities for the update's worker processes: a spawned worker imports
# this script again (as ``__mp_main__``), so the top of the file runs in it too.
WITHOUT_ENTITIES = "READER_BENCH_WITHOUT_ENTITIES"


def leave_out_entities() -> None:
    """Entity extraction replaced by nothing in this process (everything else as is)."""
    import reader.core.entities

    reader.core.entities.extract = lambda text, **_: []


if os.environ.get(WITHOUT_ENTITIES) == "1":
    leave_out_entities()


def find_corpus() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    candidates = []
    if shared:
        candidates += [Path(shared) / "corpora" / "bbc", Path(shared) / "bbc"]
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc")
    return next((c for c in candidates if c.is_dir()), None)


def cpu() -> float:
    """CPU seconds of this process and its finished children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def plain_whoosh(corpus: Path, target: Path) -> tuple[float, int]:
    """The baseline: read files, title = first line, body = rest, same schema."""
    from whoosh import index as whoosh_index

    from reader.core.corpus.loader import EXTENSIONS
    from reader.core.index.schema import build_schema

    start = time.perf_counter()
    ix = whoosh_index.create_in(str(target), build_schema())
    writer = ix.writer(limitmb=256)
    count = 0
    for path in sorted(corpus.rglob("*")):
        if not path.name.lower().endswith(EXTENSIONS) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = text.partition("\n")
        rel = path.relative_to(corpus).with_suffix("").as_posix()
        writer.add_document(id=rel, path=str(path), title=title.strip(), body=body)
        count += 1
    writer.commit()
    return time.perf_counter() - start, count


def ours(corpus: Path, cache: Path, engine: str) -> tuple[float, int]:
    from reader.core.gc_settings import collect_less_often
    from reader.core.index.library import Library

    collect_less_often()  # as the `reader index` command's process does (plain Whoosh ran)

    start = time.perf_counter()
    library = Library(corpus, cache=cache, engine=engine)
    report = library.update()
    library.close()
    return time.perf_counter() - start, report.added


def without_entities(corpus: Path, cache: Path, engine: str) -> tuple[float, float]:
    """:func:`ours` with entity extraction left out in every process: wall and CPU seconds."""
    import reader.core.entities

    kept = reader.core.entities.extract
    os.environ[WITHOUT_ENTITIES] = "1"
    leave_out_entities()
    try:
        before = cpu()
        seconds, _ = ours(corpus, cache, engine)
        spent = cpu() - before
    finally:
        del os.environ[WITHOUT_ENTITIES]
        reader.core.entities.extract = kept
    # The stub works only while the ingest looks up ``extract`` when it calls it: say so
    # rather than print an ingest with entities as one without.
    _, _, count = entity_list(corpus, cache)
    if count:
        raise SystemExit(f"--without-entities: the ingest still found {count} entities")
    return seconds, spent


def entity_list(corpus: Path, cache: Path) -> tuple[float, float, int]:
    """Seconds to the corpus entity list in a fresh Library, then again."""
    from reader.core.index.library import Library

    library = Library(corpus, cache=cache)
    start = time.perf_counter()
    count = len(library.corpus_entities())
    cold = time.perf_counter() - start
    start = time.perf_counter()
    library.corpus_entities()
    warm = time.perf_counter() - start
    library.close()
    return cold, warm, count


def search_latency(
    corpus: Path, cache: Path, queries: list[str]
) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each query (CPU time: what the query costs, whatever the
    neighbours on a shared machine do)."""
    from reader.core.index.library import Library

    library = Library(corpus, cache=cache)  # the engine the index was built with
    library.search("warm up")
    timings, cpu_times = [], []
    for query in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        results = library.search(query, limit=10)
        for hit in results.hits:  # snippets are built inside search; touch them
            assert hit.snippets is not None
        timings.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - start_cpu)
    library.close()
    return timings, cpu_times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("whoosh", "tantivy", "both"), default="both")
    parser.add_argument("--without-entities", action="store_true")
    engines = (
        ["whoosh", "tantivy"] if (args := parser.parse_args()).engine == "both" else [args.engine]
    )
    corpus = find_corpus()
    if corpus is None:
        print("benchmark skipped: BBC corpus not found (set READER_SHARED_DIR)")
        return 0
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        os.environ.setdefault("READER_CACHE_DIR", str(Path(tmp) / "xdg-cache"))
        base_dir = Path(tmp) / "plain"
        base_dir.mkdir()
        before = cpu()
        base_time, base_count = plain_whoosh(corpus, base_dir)
        base_cpu = cpu() - before
        print(f"corpus: {corpus} (baseline {base_count} documents)")
        print(f"plain Whoosh ingest: {base_time:6.2f} s  (CPU {base_cpu:.2f} s)")
        for engine in engines:
            cache = Path(tmp) / f"ours-{engine}"
            before = cpu()
            our_time, our_count = ours(corpus, cache, engine)
            our_cpu = cpu() - before
            ratio = our_time / base_time
            print(
                f"[{engine}] reader ingest: {our_time:6.2f} s  (CPU {our_cpu:.2f} s, all "
                f"processes; {our_count} documents; {ratio:.2f}x plain; target <= 0.5x)"
            )
            if args.without_entities:
                bare_time, bare_cpu = without_entities(corpus, Path(tmp) / f"bare-{engine}", engine)
                print(
                    f"[{engine}] reader ingest without entity extraction: {bare_time:6.2f} s  "
                    f"(CPU {bare_cpu:.2f} s; {bare_time / base_time:.2f}x plain)"
                )
            cold, warm, count = entity_list(corpus, cache)
            print(
                f"[{engine}] corpus entity list ({count} entities): {cold * 1000:.0f} ms in a "
                f"new Library, {warm * 1000:.2f} ms again"
            )
            for name, queries in (("queries", QUERIES), ("entity queries", ENTITY_QUERIES)):
                timings, cpu_times = search_latency(corpus, cache, queries)
                p50 = percentile(timings, 50) * 1000
                p95 = percentile(timings, 95) * 1000
                print(
                    f"[{engine}] search incl. snippets over {len(queries)} {name}: "
                    f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(timings) * 1000:.1f} ms "
                    f"(target p50 <= 10 ms); mean {statistics.mean(timings) * 1000:.1f} ms; "
                    f"CPU p50 {percentile(cpu_times, 50) * 1000:.1f} ms, "
                    f"p95 {percentile(cpu_times, 95) * 1000:.1f} ms"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
