"""A sample of BBC sentence pairs that ``compare_texts`` calls rewordings, to judge by hand.

The rewording rules were set on synthetic rewordings and the seeds; this checks them on real
articles they were not written for. For ``--queries`` random articles of three BBC categories,
the partner is the article of the same category most alike by TF-IDF cosine of its words, below
0.9 (the same topic, not a copy: copies are the near-duplicate detector's business). Every
sentence pair of kind ``rewording`` between the two is printed with both sentences, for a reader
to mark "the same claim" or not; the share marked is the rules' precision on real text.

Pairs judged by hand in ``benchmarks/gold/bbc_sample_judgements.yaml`` are marked, and the
share judged the same claim is printed at the end (pairs not in the file are counted apart:
read them and add them).

With ``--corpus``, words are also weighed by the document frequencies of all of BBC, as
``reader compare`` weighs them in a library of 20 articles or more (the index's counts).
With ``--entities``, both articles' entities are extracted and merged across the two
(``canonical_pair``), as ``reader compare`` passes them: names count as canonical entities, and
pairs by a shared rare event (:mod:`reader.core.compare.events`) can be made; with
``--no-events`` too, the event route is switched off, and with ``--only-events`` only the pairs
the event route adds are printed (each article pair compared with and without it).
``--categories`` picks the BBC sections queried (default politics, business and tech).

Run: ``.venv/bin/python benchmarks/compare_bbc_sample.py [--queries 40] [--seed 15] [--corpus]
[--entities [--no-events | --only-events]] [--categories politics,business,tech]``
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from reader.core.compare import (  # noqa: E402
    CompareOptions,
    DocumentFrequencies,
    canonical_pair,
    compare_texts,
)

_WORD = re.compile(r"[a-z]{4,}")
JUDGED = REPO / "benchmarks" / "gold" / "bbc_sample_judgements.yaml"


def judgements() -> dict[tuple[str, str, str], bool]:
    """``(articles, A's first 80 characters, B's) -> same claim`` from the judgements file."""
    import yaml

    if not JUDGED.is_file():
        return {}
    items = yaml.safe_load(JUDGED.read_text(encoding="utf-8")) or []
    return {(item["pair"], item["a"], item["b"]): bool(item["same"]) for item in items}


def bbc_dir() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    root = Path(shared) if shared else REPO.parent / "shared"
    bbc = root / "corpora" / "bbc"
    return bbc if bbc.is_dir() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--corpus", action="store_true", help="weigh words by all of BBC's document frequencies"
    )
    parser.add_argument(
        "--entities", action="store_true", help="extract and merge both articles' entities"
    )
    parser.add_argument(
        "--no-events", action="store_true", help="with --entities: no pairs by shared events"
    )
    parser.add_argument(
        "--only-events",
        action="store_true",
        help="with --entities: print only the pairs the event route adds",
    )
    parser.add_argument("--categories", default="politics,business,tech")
    args = parser.parse_args()
    bbc = bbc_dir()
    if bbc is None:
        print("BBC corpus not found (set READER_SHARED_DIR): nothing to sample")
        return 0
    docs = {
        f"{category}/{path.stem}": path.read_text(encoding="utf-8", errors="replace")
        for category in args.categories.split(",")
        for path in sorted((bbc / category).glob("*.txt"))
    }
    corpus = None
    if args.corpus:
        every = sorted(bbc.glob("*/*.txt"))
        corpus = DocumentFrequencies.from_texts(
            p.read_text(encoding="utf-8", errors="replace") for p in every
        )
    bags = {key: Counter(_WORD.findall(text.lower())) for key, text in docs.items()}
    df = Counter(word for bag in bags.values() for word in bag)
    vectors = {
        key: {w: c * math.log(len(docs) / df[w]) for w, c in bag.items()}
        for key, bag in bags.items()
    }
    norms = {key: math.sqrt(sum(x * x for x in v.values())) for key, v in vectors.items()}
    ids = sorted(docs)
    total = 0
    judged = judgements()
    same = unjudged = 0
    for query in random.Random(args.seed).sample(ids, args.queries):
        best: tuple[float, str] | None = None
        for other in ids:
            if other == query or other.split("/")[0] != query.split("/")[0]:
                continue
            v, u = vectors[query], vectors[other]
            cosine = sum(x * u.get(w, 0.0) for w, x in v.items()) / (norms[query] * norms[other])
            if cosine < 0.9 and (best is None or cosine > best[0]):
                best = (cosine, other)
        if best is None:
            continue
        entities = None
        if args.entities:
            from reader.core.entities import extract

            entities = canonical_pair(extract(docs[query]), extract(docs[best[1]]))
        result = compare_texts(
            docs[query],
            docs[best[1]],
            corpus=corpus,
            entities=entities,
            options=CompareOptions(events=not args.no_events),
        )
        without: set[tuple[int, int]] = set()
        if args.only_events:
            before = compare_texts(
                docs[query],
                docs[best[1]],
                corpus=corpus,
                entities=entities,
                options=CompareOptions(events=False),
            )
            without = {(s.a.start, s.b.start) for p in before.shared_passages for s in p.sentences}
        for passage in result.shared_passages:
            for pair in passage.sentences:
                if pair.reuse != "rewording":
                    continue
                if args.only_events and (pair.a.start, pair.b.start) in without:
                    continue
                total += 1
                a_text, b_text = " ".join(pair.a.text.split()), " ".join(pair.b.text.split())
                verdict = judged.get((f"{query} ~ {best[1]}", a_text[:80], b_text[:80]))
                same += verdict is True
                unjudged += verdict is None
                mark = {True: "same claim", False: "not the same claim", None: "not judged"}
                print(
                    f"#{total} {query} ~ {best[1]} (articles {best[0]:.2f}) score {pair.score:.2f}"
                    f" [{mark[verdict]}]"
                )
                print("  A:", a_text[:300])
                print("  B:", b_text[:300])
    print(f"rewording sentence pairs: {total}")
    judged_count = total - unjudged
    print(
        f"judged the same claim (benchmarks/gold/bbc_sample_judgements.yaml): {same}/"
        f"{judged_count}"
        + (f" ({same / judged_count:.3f})" if judged_count else "")
        + f"; not judged: {unjudged}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
