"""Benchmark of near-duplicate detection (reader.core.index.neardup).

Prints:

1. The cost of near-duplicate detection in the ingest: ``Library.update`` of BBC into a new
   cache with detection (a signature per article, groups recomputed at the end) and without it
   (both patched out), alternated ``--repeat`` times in this run; the best of each is compared.
   Target: under 10 % of the ingest. Then the cost of a signature per article, for this
   module's one-permutation MinHash and, when installed, for ``datasketch``
   (``MinHash(num_perm=128)`` with ``update_batch`` over the same shingles).
2. Regrouping after an update (``reader.core.index.duplicates.find_groups``) over 20,000 stored
   signatures: BBC's, 1,000 near-copies of them and random ones to make up the number.
3. A planted-copy test on generated documents (``--generated N`` articles built from shuffled
   BBC sentences): an article copied exactly and copied with 5 % of its words replaced must be
   found; how many unrelated generated documents end up clustered (should be none).
4. Clusters of near-duplicates across BBC: how many, how big, and a sample with titles to read.

Run: ``.venv/bin/python benchmarks/neardup.py [--repeat 2] [--generated 3000] [--sample 10]``
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from reader.core.index.library import Library  # noqa: E402
from reader.core.index.neardup import NearDuplicates, shingles, signature, words  # noqa: E402


def bbc_dir() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    root = Path(shared) if shared else REPO.parent / "shared"
    bbc = root / "corpora" / "bbc"
    return bbc if bbc.is_dir() else None


def bbc_texts(bbc: Path) -> dict[str, str]:
    return {
        f"{p.parent.name}/{p.stem}": p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(bbc.glob("*/*.txt"))
    }


def per_article(fn, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return (time.perf_counter() - start) / len(texts) * 1000


def datasketch_signature():  # type: ignore[no-untyped-def]
    try:
        from datasketch import MinHash
    except ImportError:
        return None

    def sign(text: str) -> object:
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles(text)))
        return m

    return sign


def cpu() -> float:
    """CPU seconds of this process and its finished children (the extraction workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _no_signatures() -> None:
    from reader.core.index import ingest_work

    ingest_work.document_signature = lambda title, text: b""  # type: ignore[assignment]


def _signatures_back() -> None:
    from reader.core.index import duplicates, ingest_work

    ingest_work.document_signature = duplicates.document_signature


def _start_worker_without_signatures(parent: int) -> None:
    """An ingest worker's start (its parent watch) with signatures patched out."""
    from reader.core.index import entity_ingest

    _no_signatures()
    entity_ingest._start_worker(parent)


def _no_groups(*_args: object) -> tuple[list[object], dict[str, bytes]]:
    return [], {}


def ingest(bbc: Path, detect: bool) -> tuple[float, float, int]:
    """Wall and CPU seconds of a full ``Library.update`` of ``bbc``; groups found."""
    from reader.core.index import duplicates, entity_ingest
    from reader.core.index.indexer import Indexer

    # Signatures are made beside entity extraction in the ingest worker processes, which
    # are spawned (a Tantivy writer runs threads), so the patch reaches them through the
    # pool's initializer; the groups are made in a worker during the last commit, then
    # stored by the indexer.
    saved = entity_ingest._start_worker, duplicates.committed_groups, Indexer.update_duplicates
    if not detect:
        entity_ingest._start_worker = _start_worker_without_signatures  # type: ignore[assignment]
        duplicates.committed_groups = _no_groups  # type: ignore[assignment]
        Indexer.update_duplicates = lambda self: None  # type: ignore[method-assign]
        _no_signatures()  # for a small update, prepared in this process
    try:
        with tempfile.TemporaryDirectory() as cache:
            library = Library(bbc, cache=Path(cache))
            start, used = time.perf_counter(), cpu()
            library.update()
            wall, spent = time.perf_counter() - start, cpu() - used
            groups = len(library.duplicates())
            library.close()
    finally:
        entity_ingest._start_worker, duplicates.committed_groups, Indexer.update_duplicates = saved
        _signatures_back()
    return wall, spent, groups


def cost(texts: dict[str, str], bbc: Path, repeat: int) -> None:
    sample = list(texts.values())
    runs: dict[bool, list[tuple[float, float, int]]] = {False: [], True: []}
    for _ in range(repeat):
        for detect in (False, True):
            runs[detect].append(ingest(bbc, detect))
    without = min(r[0] for r in runs[False]), min(r[1] for r in runs[False])
    with_ = min(r[0] for r in runs[True]), min(r[1] for r in runs[True])
    print(
        f"  Library.update of {len(sample):,} articles, best of {repeat}: "
        f"without detection {without[0]:.1f} s wall / {without[1]:.1f} s CPU; "
        f"with it {with_[0]:.1f} s / {with_[1]:.1f} s "
        f"({runs[True][0][2]} groups found)"
    )
    print(
        f"  cost of detection: {with_[0] / without[0] - 1:+.1%} wall, "
        f"{with_[1] / without[1] - 1:+.1%} CPU (target: under +10 %)"
    )
    # The same cost from the detection's own work alone, in CPU seconds of this process: on a
    # shared machine the two whole ingests above vary by more than the detection costs.
    from reader.core.index.duplicates import document_signature, find_groups

    used = cpu()
    signed = {n: document_signature("", text) for n, text in enumerate(sample)}
    signing = cpu() - used
    used = cpu()
    find_groups({str(n): sig for n, sig in signed.items()})
    grouping = cpu() - used
    print(
        f"  detection's own work, timed alone: signing {signing:.2f} s + grouping "
        f"{grouping:.2f} s CPU = {(signing + grouping) / without[1]:.1%} of the ingest's CPU "
        "without it (signing runs in the extraction workers, beside the writer)"
    )
    ingest_ms = without[0] / len(sample) * 1000
    ours = per_article(signature, sample)
    print(f"  ingest without detection: {ingest_ms:.2f} ms per article")
    print(f"  signature, this module: {ours:.3f} ms per article ({ours / ingest_ms:.1%} of it)")
    sign = datasketch_signature()
    if sign is None:
        print("  datasketch: not installed (pip install datasketch to compare)")
    else:
        sign(sample[0])
        theirs = per_article(sign, sample)
        print(f"  signature, datasketch:  {theirs:.3f} ms per article ({theirs / ingest_ms:.1%})")
    splitting = per_article(words, sample)
    print(f"    (of which splitting words, shared by both: {splitting:.3f} ms)")


def regrouping(texts: dict[str, str], rng: random.Random, total: int = 20_000) -> None:
    """find_groups over ``total`` stored signatures, as after an update of such a corpus."""
    from reader.core.index.duplicates import document_signature, find_groups

    stored = {doc_id: document_signature("", text) for doc_id, text in texts.items()}
    sentences = [s for t in texts.values() for s in t.split(". ")]
    vocabulary = [w for s in sentences[:5000] for w in s.split()]
    for n, doc_id in enumerate(rng.sample(sorted(texts), min(1000, len(texts)))):
        stored[f"copy/{n}"] = document_signature(
            "", edit_words(texts[doc_id], 0.05, rng, vocabulary)
        )
    while len(stored) < total:
        stored[f"random/{len(stored)}"] = rng.randbytes(512)
    start = time.perf_counter()
    groups = find_groups(stored)
    elapsed = time.perf_counter() - start
    print(
        f"  {len(stored):,} signatures: {elapsed * 1000:.0f} ms "
        f"({elapsed * 1000 / len(stored) * 1000:.1f} ms per thousand); {len(groups)} groups"
    )


def edit_words(text: str, share: float, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def planted(texts: dict[str, str], count: int, rng: random.Random) -> None:
    sentences = [s.strip() + "." for t in texts.values() for s in t.split(". ") if len(s) > 40]
    vocabulary = [w for s in sentences[:5000] for w in s.split()]
    index = NearDuplicates()
    start = time.perf_counter()
    for n in range(count):
        index.add(f"gen/{n}", " ".join(rng.sample(sentences, rng.randint(8, 25))))
    original = rng.choice(list(texts.values()))
    index.add("planted/original", original)
    exact = index.add("planted/exact", original)
    edited = index.add("planted/edited-5%", edit_words(original, 0.05, rng, vocabulary))
    elapsed = (time.perf_counter() - start) / (count + 3) * 1000
    clusters = index.clusters()
    stray = [c for c in clusters if not all(i.startswith("planted/") for i in c.ids)]
    print(
        f"  {count:,} generated + 3 planted: exact copy found: "
        f"{'planted/original' in dict(exact)}; 5%-edited copy found: "
        f"{'planted/original' in dict(edited)} "
        f"(resemblance {dict(edited).get('planted/original', 0):.2f}); "
        f"clusters with a generated document: {len(stray)}; {elapsed:.2f} ms per add"
    )


def bbc_clusters(texts: dict[str, str], sample: int, rng: random.Random) -> None:
    index = NearDuplicates()
    for doc_id, text in texts.items():
        index.add(doc_id, text)
    clusters = index.clusters()
    sizes = [len(c.ids) for c in clusters]
    print(
        f"  {len(clusters)} clusters over {len(texts):,} articles "
        f"({sum(sizes)} articles in them; sizes: max {max(sizes, default=0)}, "
        f"median {statistics.median(sizes) if sizes else 0})"
    )
    for cluster in rng.sample(clusters, min(sample, len(clusters))):
        titles = [texts[i].split("\n", 1)[0].strip() for i in cluster.ids]
        print(
            f"    {cluster.score:.2f}  "
            + " | ".join(f"{i}: {t}" for i, t in zip(cluster.ids, titles, strict=True))
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="ingests with and without")
    parser.add_argument("--generated", type=int, default=3000)
    parser.add_argument("--sample", type=int, default=10)
    args = parser.parse_args()
    bbc = bbc_dir()
    if bbc is None:
        print("BBC corpus not found (set READER_SHARED_DIR): skipped")
        return 0
    texts = bbc_texts(bbc)
    rng = random.Random(5)
    print("near-duplicate detection in the ingest")
    cost(texts, bbc, args.repeat)
    print("\nregrouping after an update")
    regrouping(texts, rng)
    print("\nplanted copies among generated documents")
    planted(texts, args.generated, rng)
    print("\nnear-duplicate clusters in BBC")
    bbc_clusters(texts, args.sample, rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
