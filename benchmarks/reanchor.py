"""How long does re-anchoring 1,000 bookmarks over edited documents take?

    .venv/bin/python benchmarks/reanchor.py [--corpus DIR] [--bookmarks N] [--seed S]

Documents are the BBC text files under ``$READER_SHARED_DIR/corpora/bbc`` or
``<repo>/../shared/corpora/bbc`` (or ``--corpus``);
without them, synthetic prose. Bookmarks are random sentence-sized spans. Then every
document is edited (sentences inserted and deleted, words replaced, typos fixed; some
edits land inside bookmarked passages) and a few documents are removed. The figure
is the wall time of one ``reanchor`` call over all bookmarks (best of ``--repeat``);
the target is at most 1 s for 1,000. Exits 1 if any result breaks the anchoring
invariant (a located bookmark whose text is not what it reports).

A second, adversarial pass takes every bookmark's passage out of its document together
with its context, and puts the quote back elsewhere in the text, in another sentence:
each of these must come out orphaned, since what is left is the same words in other
surroundings (those that do not are counted as captured by a copy, and exit 1 too).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from reader.core.bookmarks import Bookmark, anchor, reanchor

DEFAULT_CORPUS = (
    Path(
        os.environ.get("READER_SHARED_DIR")
        or Path(__file__).resolve().parent.parent.parent / "shared"
    )
    / "corpora"
    / "bbc"
)
WORDS = (
    "the market government said minister shares growth people year new film music game "
    "players could would report company firms sales record election party labour plans "
    "match team club season price oil bank interest rates economy technology mobile users"
).split()


def load_texts(corpus: Path, limit: int, rng: random.Random) -> dict[str, str]:
    files = sorted(corpus.rglob("*.txt")) if corpus.is_dir() else []
    if not files:
        print(f"no text files under {corpus}: using synthetic documents")
        return {f"synthetic/{i:03}.txt": synthetic(rng) for i in range(limit)}
    chosen = rng.sample(files, min(limit, len(files)))
    return {
        str(f.relative_to(corpus)): f.read_text(encoding="utf-8", errors="replace") for f in chosen
    }


def synthetic(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(5, 15)):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 25))).capitalize() + "."
            for _ in range(rng.randint(2, 6))
        ]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def make_bookmark(doc: str, text: str, rng: random.Random) -> Bookmark:
    length = rng.randint(20, 250)
    start = rng.randrange(0, max(1, len(text) - length))
    while start > 0 and not text[start - 1].isspace():  # begin at a word
        start -= 1
    end = min(len(text), start + length)
    return Bookmark.on_text(doc, text, start, end)


Op = tuple[int, int, str]  # at, characters deleted, text inserted


def edit(text: str, rng: random.Random) -> tuple[str, list[Op]]:
    ops: list[Op] = []
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(0, len(text) + 1)
        kind = rng.random()
        if kind < 0.35:  # a new sentence
            op = (at, 0, " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 20))) + ". ")
        elif kind < 0.55:  # a cut
            op = (at, rng.randint(10, 200), "")
        elif kind < 0.85:  # a word replaced
            end = text.find(" ", at + 1)
            op = (at, (len(text) if end < 0 else end) - at, " " + rng.choice(WORDS))
        else:  # a typo fixed
            op = (at, 1, "")
        text = text[: op[0]] + op[2] + text[op[0] + op[1] :]
        ops.append(op)
    return text, ops


def follow(start: int, end: int, ops: list[Op]) -> tuple[int, int, bool]:
    """Where ``start..end`` went through ``ops``, and whether its text is untouched."""
    intact = True
    for at, cut, new in ops:
        if at + cut <= start and not (cut == 0 and at == start):
            start, end = start + len(new) - cut, end + len(new) - cut
        elif at >= end:
            pass
        else:
            intact = False
            new_start = min(start, at)
            end = max(at + len(new), end + len(new) - cut if end > at + cut else at + len(new))
            start = new_start
    return start, end, intact


def transplant(text: str, b: Bookmark, rng: random.Random) -> str:
    """``text`` without the passage and its context, and the quote in another sentence."""
    cut_from = max(0, b.start - len(b.prefix) - 1)
    cut_to = min(len(text), b.end + len(b.suffix) + 1)
    rest = text[:cut_from] + " " + text[cut_to:]
    spaces = [i for i, char in enumerate(rest) if char == " "] or [len(rest)]
    at = rng.choice(spaces)
    return rest[:at] + " " + b.quote + " " + rest[at:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--bookmarks", type=int, default=1000)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    texts = load_texts(args.corpus, args.docs, rng)
    docs = sorted(texts)
    bookmarks = [make_bookmark(d, texts[d], rng) for d in rng.choices(docs, k=args.bookmarks)]
    edits = {doc: edit(text, rng) for doc, text in texts.items()}
    changed: dict[str, str | None] = {doc: new for doc, (new, _) in edits.items()}
    for doc in rng.sample(docs, max(1, len(docs) // 50)):  # a few deleted or renamed
        changed[doc] = None

    timings = []
    results = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        results = reanchor(bookmarks, changed.get)
        timings.append(time.perf_counter() - began)

    statuses = Counter(
        r.status + ("" if r.exact or r.status == "orphaned" else " (approximate)") for r in results
    )
    broken = misplaced = lost = 0
    for r in results:
        text = changed[r.doc]
        if r.status == "orphaned":
            b = r.bookmark
            lost += text is not None and follow(b.start, b.end, edits[r.doc][1])[2]
            continue
        if text is None or r.start is None or r.end is None or text[r.start : r.end] != r.quote:
            broken += 1
            continue
        # Ground truth: where the edits actually took the passage.
        start, end, _ = follow(r.bookmark.start, r.bookmark.end, edits[r.doc][1])
        overlap = min(end, r.end) - max(start, r.start)
        misplaced += overlap < 0.5 * (r.end - r.start)
    chars = sum(len(t) for t in texts.values())
    print(f"{len(bookmarks)} bookmarks over {len(docs)} documents ({chars:,} characters), edited")
    print("outcomes: " + ", ".join(f"{n} {status}" for status, n in sorted(statuses.items())))
    print(
        f"reanchor: best {min(timings):.3f} s, median {statistics.median(timings):.3f} s "
        f"over {len(timings)} runs (target ≤ 1 s)"
    )
    print(
        f"misplaced (located, but not over where the edits took the passage): {misplaced}; "
        f"orphaned although the passage was untouched: {lost}"
    )
    moved_away = {b.id: transplant(texts[b.doc], b, rng) for b in bookmarks}
    captured = sum(anchor(b, moved_away[b.id]).status != "orphaned" for b in bookmarks)
    print(
        f"passage and context deleted, quote put in another sentence: {captured} of "
        f"{len(bookmarks)} captured by the copy (must be 0)"
    )
    if broken:
        print(f"INVARIANT BROKEN for {broken} bookmarks", file=sys.stderr)
    if captured:
        print(f"{captured} BOOKMARKS ATTACHED TO A COPY", file=sys.stderr)
    return 1 if broken or captured else 0


if __name__ == "__main__":
    sys.exit(main())
