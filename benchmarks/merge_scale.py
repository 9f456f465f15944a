"""Memory of the whole-corpus steps of an update at N times an indexed corpus.

    .venv/bin/python benchmarks/merge_scale.py CATALOG [--times 10] [--steps duplicates]

CATALOG is the ``catalog.sqlite`` of an index already built (``reader index``; the
cache folder is printed by ``reader status``). Its articles' stored entities and
near-duplicate signatures are read, and each step is run in a fresh process (peak RSS
is the process's own, ``ru_maxrss``) twice: on the corpus as it is (the baseline,
same run) and on ``--times`` copies of it under new article ids, which is how a
200,000-article archive looks to these steps when CATALOG holds 20,000:

* merge: the corpus merge of every article's entities into the cached payload
  (``entity_ingest.corpus_payload``, as an update runs it);
* load: reading that payload and applying an empty aliases file with the name index
  built (what a search or the TUI holds: ``Library._corpus`` then ``warm``);
* name store: writing the name lookups a one-shot search reads
  (``name_filter.store_keys``) into a scratch catalog;
* duplicates: regrouping near-duplicates over every signature
  (``duplicates.group_signatures``); each copy's signatures are scrambled by a
  constant per copy and bin, so copies keep their own duplicate groups but never
  match another copy.

Extraction and indexing are not repeated: ``benchmarks/scale.py`` measures them on a
real generated archive. Nothing is written outside a temp folder.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _rows(catalog: Path, times: int) -> Iterator[tuple[str, str]]:
    """The stored entities of ``times`` copies of the corpus, by id order."""
    with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True) as db:
        for copy in range(times):
            cursor = db.execute("SELECT id, data FROM entities ORDER BY id")
            while page := cursor.fetchmany(500):
                for doc_id, data in page:
                    yield (f"{copy:02d}/{doc_id}" if times > 1 else doc_id), data


def _signatures(catalog: Path, times: int) -> Iterator[tuple[str, bytes]]:
    from reader.core.index.neardup import PERMUTATIONS

    packing = struct.Struct(f"<{PERMUTATIONS}I")
    rnd = random.Random(7)
    with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True) as db:
        for copy in range(times):
            scramble = [rnd.getrandbits(32) if copy else 0 for _ in range(PERMUTATIONS)]
            cursor = db.execute("SELECT id, signature FROM minhash")
            while page := cursor.fetchmany(1000):
                for doc_id, blob in page:
                    if len(blob) == packing.size and copy:
                        values = packing.unpack(blob)
                        blob = packing.pack(*(v ^ s for v, s in zip(values, scramble, strict=True)))
                    yield (f"{copy:02d}/{doc_id}" if times > 1 else doc_id), bytes(blob)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(step: str, catalog: Path, times: int, work: Path) -> dict[str, Any]:
    payload_file = work / f"payload-{times}.json"
    start = time.perf_counter()
    if step == "merge":
        from reader.core.index.entity_ingest import corpus_payload

        before = _rss_mb()
        payload = corpus_payload(_rows(catalog, times))
        with payload_file.open("w", encoding="utf-8") as out:
            out.write(payload)  # written as it is encoded: no second copy
        return {"before": before, "mb": len(payload) / 1e6}  # characters
    if step == "duplicates":
        from reader.core.index.duplicates import group_signatures

        before = _rss_mb()

        def fetch(ids: list[str]) -> dict[str, bytes]:
            wanted = set(ids)
            return {i: blob for i, blob in _signatures(catalog, times) if i in wanted}

        groups, _ = group_signatures(_signatures(catalog, times), fetch)
        return {"before": before, "groups": len(groups), "seconds": time.perf_counter() - start}
    from reader.core.entities.aliases import Aliases
    from reader.core.index.entity_ingest import read_payload
    from reader.core.index.entity_view import CorpusEntities

    text = payload_file.read_text(encoding="utf-8")
    before = _rss_mb()
    raw, id_map = read_payload(text)
    del text
    state = CorpusEntities(raw, id_map, Aliases(), "bench")
    if step == "load":
        state.warm()
        return {"before": before, "entities": len(raw), "seconds": time.perf_counter() - start}
    from reader.core.index.catalog import Catalog
    from reader.core.index.name_filter import store_keys

    scratch = Catalog(work / f"scratch-{times}.sqlite")
    before = _rss_mb()
    store_keys(scratch, ("bench", None), state)
    return {"before": before, "seconds": time.perf_counter() - start}


def run(step: str, catalog: Path, times: int, work: Path) -> dict[str, Any]:
    argv = [sys.executable, __file__, "--child", step, str(catalog), str(times), str(work)]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{step} x{times} failed:\n{done.stderr}")
    lines = done.stdout.strip().splitlines()
    figures: dict[str, Any] = json.loads(lines[-1])
    figures["wall"] = time.perf_counter() - start
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalog", type=Path, nargs="?")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument(
        "--steps", default="merge,load,name store,duplicates", help="comma-separated"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, catalog, times, work = args.child
        figures = child(step, Path(catalog), int(times), Path(work))
        figures["peak"] = _rss_mb()
        print(json.dumps(figures))
        return 0
    if args.catalog is None or not args.catalog.is_file():
        print("merge_scale: give the catalog.sqlite of a built index")
        return 2
    with sqlite3.connect(f"file:{args.catalog}?mode=ro", uri=True) as db:
        articles = db.execute("SELECT count(*) FROM entities").fetchone()[0]
    print(f"{articles:,} articles in the catalog; copies: 1 (baseline) and {args.times}\n")
    print("| step | 1 copy: peak RSS (process before) | ", end="")
    print(f"{args.times} copies ({articles * args.times:,} articles) | growth per 1,000 articles |")
    print("|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory(prefix="reader-merge-scale-") as tmp:
        work = Path(tmp)
        steps = [step.strip() for step in args.steps.split(",")]
        if {"load", "name store"} & set(steps) and "merge" not in steps:
            steps.insert(0, "merge")  # they read the payload it writes
        for step in steps:
            one = run(step, args.catalog, 1, work)
            many = run(step, args.catalog, args.times, work)
            extra = ""
            if step == "merge":
                extra = f"; payload {one['mb']:.0f} -> {many['mb']:.0f} MB"
            if step == "duplicates":
                extra = f"; groups {one['groups']} -> {many['groups']}"
            growth = (many["peak"] - one["peak"]) / (articles * (args.times - 1) / 1000)
            print(
                f"| {step} | {one['peak']:.0f} MB ({one['before']:.0f}), {one['wall']:.0f} s | "
                f"{many['peak']:.0f} MB ({many['before']:.0f}), {many['wall']:.0f} s{extra} | "
                f"{growth:.2f} MB |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
