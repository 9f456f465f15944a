"""Ingest phases: where a full ingest's wall time and CPU go, and whether both cores work.

    .venv/bin/python benchmarks/ingest_phases.py                     # 3,000 generated articles
    .venv/bin/python benchmarks/ingest_phases.py --count 5000
    .venv/bin/python benchmarks/ingest_phases.py --corpus DIR        # an existing folder
    .venv/bin/python benchmarks/ingest_phases.py --engine whoosh

One ``Library.update`` (what ``reader index`` runs, ``warm=False``) of a new index in a temp
folder, with the update's steps timed in this process (wall seconds, this process's CPU
seconds, and for the big steps its worker processes' CPU seconds): the scan, learning the
furniture, the article phase (of which: this process preparing articles itself, waiting for
the workers, the engine's ``add``, the engine's commits, the catalog's writes), then the
whole-corpus steps after the last article (corpus entity merge, near-duplicate signatures and
groups, the folder snapshot, reopening, the corpus entities and their name keys).

A sampler process (started before the update, so the update's own processes are forked or
spawned as usual) reads ``/proc`` every ``--every`` seconds: how many cores the update's
processes kept busy during the article phase, this process apart from its workers. The
machine's load average is printed beside the figures: on a shared machine wall times move
with it, CPU seconds much less.

Without ``../shared/corpora/bbc`` (or ``$READER_SHARED_DIR/corpora/bbc``) and no
``--corpus``, it says so and exits 0.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpusgen import build_corpus, find_bbc  # noqa: E402  (beside this script)

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

# The sampler, run as ``python -c``: every interval, the CPU ticks of the watched process and
# of every process descended from it, until the watched one is gone.
SAMPLER = r"""
import os, sys, time
pid, every, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
def stats():
    found = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    data = f.read()
            except OSError:
                continue
            rest = data[data.rindex(")") + 2:].split()
            found[int(name)] = (int(rest[1]), int(rest[11]) + int(rest[12]))
    return found
with open(out, "w") as sink:
    while os.path.exists(f"/proc/{pid}"):
        now = time.time()
        found = stats()
        tree, todo = {pid}, [pid]
        while todo:
            parent = todo.pop()
            for child, (ppid, _) in found.items():
                if ppid == parent and child not in tree:
                    tree.add(child)
                    todo.append(child)
        main = found.get(pid, (0, 0))[1]
        others = sum(found[p][1] for p in tree if p != pid and p in found)
        sink.write(f"{now} {main} {others}\n")
        sink.flush()
        time.sleep(every)
"""


class Phases:
    """Wall and CPU seconds per timed step, in the order first seen."""

    def __init__(self) -> None:
        self.rows: dict[str, list[float]] = {}  # name -> [calls, wall, cpu, workers' cpu]
        self.spans: dict[str, tuple[float, float]] = {}  # name -> (first start, last end)

    def wrap(self, owner: Any, attr: str, name: str, *, workers: bool = False) -> None:
        original = getattr(owner, attr)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            others = _descendants_cpu() if workers else 0.0
            wall, cpu = time.time(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                end = time.time()
                row = self.rows.setdefault(name, [0, 0.0, 0.0, 0.0])
                row[0] += 1
                row[1] += end - wall
                row[2] += time.process_time() - cpu
                if workers:
                    row[3] += _descendants_cpu() - others
                first = self.spans.get(name, (wall, end))[0]
                self.spans[name] = (first, end)

        setattr(owner, attr, timed)


def _descendants_cpu() -> float:
    """CPU seconds of this process's live children (the pool's workers)."""
    me = os.getpid()
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                data = f.read()
        except OSError:
            continue
        rest = data[data.rindex(")") + 2 :].split()
        if int(rest[1]) == me:
            total += int(rest[11]) + int(rest[12])
    return total / TICK


def _run_timed(label: str, target: str, *args: Any) -> Any:
    """``module:function`` ``target`` called with ``args`` in a worker, its CPU seconds added to
    the file named by ``$READER_PHASES_LOG`` (a worker does not see this process's timers)."""
    import importlib

    module, name = target.split(":")
    function = getattr(importlib.import_module(module), name)
    cpu = time.process_time()
    try:
        return function(*args)
    finally:
        log = os.environ.get("READER_PHASES_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as sink:
                sink.write(f"{label}\t{os.getpid()}\t{time.process_time() - cpu}\n")


def _time_workers() -> None:
    """Send the pool's tasks through :func:`_run_timed`."""
    from reader.core.index import entity_ingest

    pool = entity_ingest.ExtractionPool
    submit = pool._submit

    def timed_submit(self: Any, task: Callable[..., Any], chunk: list[Any]) -> Any:
        target = f"{task.__module__}:{task.__name__}"
        return submit(self, functools.partial(_run_timed, task.__name__, target), chunk)

    def timed_merge(self: Any, catalog: Path, gone: Any, last: Any) -> Any:
        if self._executor is None:
            return None
        target = "reader.core.index.entity_ingest:catalog_payload"
        return self._executor.submit(
            _run_timed, "corpus merge", target, catalog, list(gone), list(last)
        )

    def timed_run(self: Any, task: Callable[..., Any], *args: Any) -> Any:
        if self._executor is None:
            return None
        target = f"{task.__module__}:{task.__name__}"
        return self._executor.submit(_run_timed, task.__name__, target, *args)

    pool._submit = timed_submit  # type: ignore[method-assign]
    if hasattr(pool, "run"):
        pool.run = timed_run
    pool.merge = timed_merge  # type: ignore[method-assign]


def _instrument(phases: Phases) -> None:
    from reader.core.corpus import loader
    from reader.core.index import cleaning, entity_ingest, indexer, library
    from reader.core.index.catalog import Catalog
    from reader.core.index.engine import base, tantivy_engine, whoosh_engine
    from reader.core.index.entity_view import CorpusEntities
    from reader.core.index.freshness import Snapshot

    w = phases.wrap
    w(library.Library, "_update", "update, whole")
    w(loader, "scan", "scan the folder")
    w(cleaning, "plan_cleaning", "learn furniture (plan)", workers=True)
    w(indexer.Indexer, "_apply", "article phase", workers=True)
    w(entity_ingest, "_help", "  this process prepares articles")
    w(entity_ingest.ExtractionPool, "_results", "  waits for a worker's result")
    w(tantivy_engine.TantivyWriter, "add", "  engine add (Tantivy)")
    w(whoosh_engine.WhooshWriter, "add", "  engine add (Whoosh)")
    w(indexer.Indexer, "_commit", "  commit (engine + catalog)")
    w(base.EngineWriter, "commit", "    engine commit")
    w(Catalog, "write", "    catalog write")
    w(indexer, "_merged", "wait for the corpus merge (worker)")
    if hasattr(indexer, "_result"):
        w(indexer, "_result", "wait for a worker's merge or groups")
    w(entity_ingest.ExtractionPool, "__exit__", "pool shutdown")
    w(indexer.Indexer, "_drop_strays", "drop strays (engine reopen)")
    w(indexer.Indexer, "store_entities", "store corpus entities")
    w(indexer.Indexer, "update_duplicates", "near-duplicate groups")
    w(Snapshot, "store", "folder snapshot")
    w(library.Library, "refresh", "refresh (close the writer)")
    w(library.Library, "_corpus", "read corpus entities")
    w(library.Library, "_keep_name_keys", "store name keys")
    w(CorpusEntities, "warm", "warm the name index")


def _cores(samples: list[tuple[float, int, int]], start: float, end: float) -> str:
    inside = [s for s in samples if start <= s[0] <= end]
    if len(inside) < 2:
        return "too short to sample"
    (t0, m0, o0), (t1, m1, o1) = inside[0], inside[-1]
    span = t1 - t0
    main = (m1 - m0) / TICK / span
    workers = (o1 - o0) / TICK / span
    low = 0
    for (a, am, ao), (b, bm, bo) in itertools.pairwise(inside):
        busy = ((bm - am) + (bo - ao)) / TICK / (b - a)
        low += busy < 1.5
    share = low / (len(inside) - 1)
    return (
        f"{main + workers:.2f} cores busy on average (this process {main:.2f}, workers "
        f"{workers:.2f}); {share:.0%} of samples under 1.5 cores"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, help="index this folder instead")
    parser.add_argument("--engine", default="auto", choices=("auto", "whoosh", "tantivy"))
    parser.add_argument("--every", type=float, default=0.5, help="sampling interval, s")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="reader-phases-") as tmp:
        root = args.corpus
        if root is None:
            bbc = find_bbc()
            if bbc is None:
                print("ingest_phases: BBC corpus not found (set READER_SHARED_DIR); nothing run")
                return 0
            root = Path(tmp) / "corpus"
            build_corpus(root, args.count, bbc=bbc)
        from reader.core.index.library import Library

        phases = Phases()
        _instrument(phases)
        _time_workers()
        worker_log = Path(tmp) / "workers"
        os.environ["READER_PHASES_LOG"] = str(worker_log)
        library = Library(root, Path(tmp) / "cache", engine=args.engine)
        from reader.core.gc_settings import collect_less_often

        collect_less_often()  # as the `reader index` command's process does
        samples_file = Path(tmp) / "samples"
        load = os.getloadavg()[0]
        sampler = subprocess.Popen(
            [sys.executable, "-c", SAMPLER, str(os.getpid()), str(args.every), str(samples_file)]
        )
        time.sleep(args.every * 2)  # its first samples before the update starts
        wall, cpu = time.perf_counter(), time.process_time()
        report = library.update(warm=False)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        children = os.times().children_user + os.times().children_system
        library.close()
        load_after = os.getloadavg()[0]
        time.sleep(args.every * 2)
        sampler.terminate()
        sampler.wait()
        samples = []
        for line in samples_file.read_text().splitlines():
            t, m, o = line.split()
            samples.append((float(t), int(m), int(o)))

        per_task: dict[str, list[float]] = {}
        pids: set[str] = set()
        if worker_log.exists():
            for line in worker_log.read_text(encoding="utf-8").splitlines():
                label, pid, seconds = line.split("\t")
                pids.add(pid)
                row = per_task.setdefault(label, [0, 0.0])
                row[0] += 1
                row[1] += float(seconds)

    documents = report.added + report.updated
    print(
        f"{documents:,} articles indexed ({report.engine}); load {load:.1f} -> {load_after:.1f}"
        f" on {os.cpu_count()} cores\n"
    )
    print(
        f"update: {wall:.1f} s wall, this process {cpu:.1f} s CPU, its workers {children:.1f} s"
        f" CPU\n"
    )
    print("| step | calls | wall s | this process CPU s | workers CPU s |")
    print("|---|---|---|---|---|")
    for name, (calls, seconds, own, others) in phases.rows.items():
        workers = f"{others:.1f}" if others else "-"
        print(f"| {name} | {calls:,.0f} | {seconds:.2f} | {own:.2f} | {workers} |")
    print(f"\nin {len(pids)} worker processes:\n")
    print("| worker task | calls | worker CPU s |")
    print("|---|---|---|")
    for label, (calls, seconds) in per_task.items():
        print(f"| {label} | {calls:,.0f} | {seconds:.2f} |")
    article = phases.spans.get("article phase")
    if article is not None:
        print(f"\narticle phase: {_cores(samples, *article)}")
    tail_start = article[1] if article is not None else None
    update = phases.spans.get("update, whole")
    if tail_start is not None and update is not None:
        print(f"after the last article: {update[1] - tail_start:.1f} s wall")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {"wall": wall, "cpu": cpu, "workers": children, "rows": phases.rows}, indent=1
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
