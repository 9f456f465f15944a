"""Fuzz: hostile queries against the BBC corpus, each answered or refused quickly.

Generates (seeded) long words, thousands of terms, wildcards, fuzzy terms, ranges,
deep nesting, field names, quotes, unicode oddities and control characters, runs
each through ``Library.search`` and prints how many were answered, how many refused
(by message), any tracebacks, and the max and p95 time. The contract: no traceback,
every query answered or refused in at most 2 s.

Run:  .venv/bin/python benchmarks/fuzz_queries.py [--count N] [--seed S] [--cache DIR]
The corpus is found at ``$READER_SHARED_DIR/corpora/bbc`` or ``<repo>/../shared/corpora/bbc``;
without it the benchmark says so and exits 0. The index is built in a temp folder
unless ``--cache`` names one to (re)use.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from index_search import QUERIES, find_corpus, percentile

LIMIT_SECONDS = 2.0
WORDS = [
    "election", "general", "labour", "blair", "economy", "shares", "film", "music",
    "the", "of", "a", "x", "minister", "government", "said", "people", "year",
]  # fmt: skip
FIELDS = ["title", "body", "author", "source", "date", "tag", "person", "org", "place",
          "entity", "id", "path", "nosuch", "TITLE", "Body"]  # fmt: skip
ODD = ["\u202e", "\u200b", "\ufeff", "\u0301", "🗳️", "\ud800", "\U0010ffff", "ǅ", "ﬁ", "İ",
       "\u00a0", "\u3000", "ß", "Ω", "٣", "\\", "/", "^", "+", "-", "!", "&&", "||"]  # fmt: skip
CONTROL = ["\x00", "\x1b", "\x1b[31m", "\x07", "\t", "\n", "\r", "\x7f", "\x9b"]


def word(rng: random.Random) -> str:
    return rng.choice(WORDS)


def long_word(rng: random.Random) -> str:
    return rng.choice("abcxyz") * rng.choice([100, 1_000, 1_999, 2_001, 40_000, 100_000])


def many_terms(rng: random.Random) -> str:
    n = rng.choice([50, 299, 301, 1_000, 5_000])
    joiner = rng.choice([" ", " OR ", " AND "])
    return joiner.join(rng.choice([word(rng), f"w{rng.randrange(10**6)}"]) for _ in range(n))


def wildcard(rng: random.Random) -> str:
    pattern = rng.choice(
        ["*", "**", "?*", "*?", "???", "????*", "*a*", "a*", "e*", "el*", "ele*", "s*", "*tion",
         "a?c*", "*e*e*", "z*z*z*", "*" * 50, "?" * 30]
    )  # fmt: skip
    field = rng.choice(["", "", "body:", "title:", "person:", "author:", "tag:"])
    return field + pattern


def fuzzy(rng: random.Random) -> str:
    term = rng.choice([word(rng), "ab", "e", "electionnnn", "x" * 30])
    edits = rng.choice(["~", "~1", "~2", "~3", "~4", "~9", "~99", "~2/0", "~2/3", "~-1", "~2.5"])
    return " ".join(term + edits for _ in range(rng.choice([1, 4, 20])))


def ranges(rng: random.Random) -> str:
    low, high = rng.choice(
        [("a", "zzzz"), ("a", "b"), ("0", "9"), ("aa", "az"), ("election", "elector"),
         ("2004", "2005"), ("1", "99999999999"), ("-5", "5"), ("", "z"), ("z", "a"),
         ("20040101", "20051231"), ("yesterday", "tomorrow"), ("*", "*")]
    )  # fmt: skip
    field = rng.choice(["body", "title", "date", "person", "tag", "id"])
    opening, closing = rng.choice([("[", "]"), ("{", "}"), ("[", "}"), ("{", "]")])
    if rng.random() < 0.2:
        return f"{field}:>{low}"
    return f"{field}:{opening}{low} TO {high}{closing}"


def nesting(rng: random.Random) -> str:
    depth = rng.choice([5, 20, 21, 100, 1_000, 5_000])
    inner = rng.choice([word(rng), "a OR b", "NOT x", ""])
    unbalanced = rng.choice([0, 0, 1, -1])
    return "(" * depth + inner + ")" * max(0, depth + unbalanced)


def fields(rng: random.Random) -> str:
    field = rng.choice(FIELDS)
    return rng.choice(
        [f"{field}:{word(rng)}", f"{field}:", f'{field}:"{word(rng)} {word(rng)}"',
         f"{field}:{field}:{word(rng)}", f"{field}:({word(rng)} OR {word(rng)})",
         f"http://{word(rng)}.example/{word(rng)}"]
    )  # fmt: skip


def quotes(rng: random.Random) -> str:
    n = rng.choice([1, 2, 10, 100, 400])
    phrase = " ".join(word(rng) for _ in range(n))
    slop = rng.choice(["", "", "~2", "~100", "~101", "~1000000", "~0", "~-3"])
    return rng.choice([f'"{phrase}"{slop}', f'"{phrase}', f'""{phrase}""', "'" + phrase + "'"])


def unicode_odd(rng: random.Random) -> str:
    parts = [rng.choice(ODD + WORDS + [chr(rng.randrange(0x20, 0x2FFFF))]) for _ in range(8)]
    return "".join(parts) if rng.random() < 0.5 else " ".join(parts)


def control(rng: random.Random) -> str:
    return rng.choice(CONTROL).join(word(rng) for _ in range(rng.choice([1, 2, 5])))


def operators(rng: random.Random) -> str:
    ops = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "(", ")", "^2", "^-1", "+", "-"]
    return " ".join(rng.choice(ops + WORDS) for _ in range(rng.choice([1, 3, 10, 50])))


GENERATORS: list[Callable[[random.Random], str]] = [
    long_word, many_terms, wildcard, fuzzy, ranges, nesting, fields, quotes,
    unicode_odd, control, operators,
]  # fmt: skip


def hostile(rng: random.Random) -> str:
    if rng.random() < 0.25:  # a mix of two or three
        return " ".join(rng.choice(GENERATORS)(rng) for _ in range(rng.choice([2, 3])))
    return rng.choice(GENERATORS)(rng)


def shown(text: str, width: int = 70) -> str:
    flat = repr(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--cache", type=Path, help="index folder to build or reuse")
    args = parser.parse_args()
    corpus = find_corpus()
    if corpus is None:
        print("benchmark skipped: BBC corpus not found (set READER_SHARED_DIR)")
        return 0
    from reader.core.index.library import Library
    from reader.core.index.query import QueryError

    with tempfile.TemporaryDirectory(prefix="reader-fuzz-") as tmp:
        os.environ.setdefault("READER_CACHE_DIR", str(Path(tmp) / "xdg-cache"))
        library = Library(corpus, cache=args.cache or Path(tmp) / "cache")
        started = time.perf_counter()
        report = library.update()
        print(
            f"corpus: {corpus} ({report.added + report.unchanged} documents; "
            f"index ready in {time.perf_counter() - started:.1f} s)"
        )
        # Baseline in the same run: the ordinary queries of benchmarks/index_search.py.
        library.search("warm up")
        plain = []
        for text in QUERIES:
            start = time.perf_counter()
            library.search(text, limit=20)
            plain.append(time.perf_counter() - start)
        rng = random.Random(args.seed)
        timings: list[tuple[float, str]] = []
        cpu_seconds: list[float] = []
        refusals: collections.Counter[str] = collections.Counter()
        answered = 0
        failures: list[tuple[str, str]] = []
        for _ in range(args.count):
            text = hostile(rng)
            cpu_start = time.process_time()
            start = time.perf_counter()
            try:
                results = library.search(text, limit=20)
                answered += 1
                assert results.total >= 0
            except QueryError as error:
                message = str(error)
                if "\n" in message:
                    failures.append((text, f"message of several lines: {message!r}"))
                # Group refusals by their message without the figures.
                refusals[re.sub(r"\d[\d,]*", "N", message)[:90]] += 1
            except Exception:
                failures.append((text, traceback.format_exc()))
            timings.append((time.perf_counter() - start, text))
            cpu_seconds.append(time.process_time() - cpu_start)
        library.close()
    seconds = [t for t, _ in timings]
    slowest = max(timings)
    print(f"hostile queries: {len(timings)} (seed {args.seed})")
    print(f"answered: {answered}")
    print(f"refused:  {sum(refusals.values())}")
    for message, count in refusals.most_common():
        print(f"  {count:5d}  {message}")
    print(f"tracebacks or bad messages: {len(failures)}")
    for text, error in failures[:5]:
        print(f"  {shown(text)}\n{error}")
    print(
        f"time per query: p50 {percentile(seconds, 50) * 1000:.1f} ms, "
        f"p95 {percentile(seconds, 95) * 1000:.1f} ms, max {slowest[0] * 1000:.1f} ms "
        f"({shown(slowest[1], 50)}); target max <= {LIMIT_SECONDS:.0f} s: "
        f"{'met' if slowest[0] <= LIMIT_SECONDS else 'NOT met'}"
    )
    # CPU time is what the query costs; wall time also counts a busy machine's neighbours.
    print(
        f"CPU time per query: p95 {percentile(cpu_seconds, 95) * 1000:.1f} ms, "
        f"max {max(cpu_seconds) * 1000:.1f} ms"
    )
    print(
        f"baseline, {len(plain)} ordinary queries: p50 {percentile(plain, 50) * 1000:.1f} ms, "
        f"max {max(plain) * 1000:.1f} ms"
    )
    over = [(t, q) for t, q in timings if t > LIMIT_SECONDS]
    for t, q in sorted(over, reverse=True)[:10]:
        print(f"  over {LIMIT_SECONDS:.0f} s: {t:.2f} s  {shown(q)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
