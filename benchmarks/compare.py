"""Benchmark of the text comparison core (reader.core.compare).

Prints:

1. p50/p95 wall time and p50 CPU time of ``compare_texts`` on two ~20 KB articles, for a pair
   that shares many passages and for an unrelated pair, beside two baselines timed in the same
   run: splitting both texts into sentences and terms (the first step of any comparison), and
   the comparison with the figure/word scan as it was before its bisection ("before").
   Articles are BBC news stories concatenated to ~20 KB, from
   ``$READER_SHARED_DIR/corpora/bbc`` or ``<repo>/../shared/corpora/bbc``; without the corpus,
   the demo seeds are used instead (a smaller and less varied sample).
   Target: 100 ms p50 wall for two 20 KB articles.
2. Precision and recall of sentence pairing on synthetic pairs (copies, light edits, unrelated
   filler; generator in tests/compare/compare_synthetic.py), overall and per kind of edit, on
   the seeds and, if present, on BBC articles. The generator knows only the sentences it
   planted; when a seed makes one claim in two of its sentences and the comparison pairs the
   second with B's copy of the first, that is the same claim, not a false pair: the seeds'
   precision is printed both ways, the second counting such pairs as correct (the seeds' own
   restatements, listed by hand in benchmarks/gold/seeds_restatements.yaml).

   Then rewordings: BBC sentences re-told by ``reword`` (synonyms from a hand-written list,
   reordered clauses, a changed figure, active made passive; tests/compare/compare_synthetic.py)
   among filler sentences of the same category; then a harder variant with 30 % of each
   re-told sentence's words left out too; then both again with words weighed by the document
   frequencies of all of BBC (what ``reader compare`` does in a library of 20 articles or more),
   before and after corpus rarity was made relative to the two texts' words. Targets: recall 0.8
   at precision 0.9 for rewordings, 0.98/0.99 for repeats. Then the hand-made gold set of the seeds
   (benchmarks/gold/seeds_compare_gold.yaml; targets precision 0.9, recall 0.85), reported as a
   check: thresholds were set on the synthetic pairs, not on it. It is compared with surface
   names, and with canonical entities (as ``reader compare`` does) with and without the pairs
   by a shared event (reader.core.compare.events), which need entities to know who takes part.
3. ``compare_entities`` on the same two texts, with and without entity extraction (what
   ``reader compare`` adds to the text comparison).
4. ``similar()`` (Whoosh more-like-this) across BBC: p50/p95 per query over a sample of articles,
   and its quality: the share of the top 10 (and of the top 1) from the query's own BBC category
   (business, politics, ...), a rough but honest proxy for "about the same thing". The index is
   built in a temporary folder first (``--cache DIR`` keeps and reuses one). On the seeds, the
   most similar article to 000 must be 001. Skipped cleanly without the corpus.

Run: ``.venv/bin/python benchmarks/compare.py [--runs N] [--sample N] [--cache DIR]``
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests" / "compare"))

from compare_synthetic import (  # noqa: E402
    Tally,
    filler_pool,
    make_pair,
    make_reworded_pair,
    naive_sentences,
    overlaps,
    tally,
)

from reader.core.compare import (  # noqa: E402
    CompareOptions,
    DocumentFrequencies,
    align_sentences,
    canonical_pair,
    compare_entities,
    compare_texts,
    split_sentences,
    terms,
)
from reader.core.entities import extract  # noqa: E402
from reader.core.index.article_entities import pair_entities  # noqa: E402
from reader.core.index.library import Library  # noqa: E402
from reader.core.index.similar import similar  # noqa: E402

TARGET = 20_000


def bbc_dir() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    root = Path(shared) if shared else REPO.parent / "shared"
    bbc = root / "corpora" / "bbc"
    return bbc if bbc.is_dir() else None


def read_category(bbc: Path, category: str) -> list[str]:
    return [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((bbc / category).glob("*.txt"))
    ]


def to_size(articles: Sequence[str], size: int = TARGET) -> str:
    """Whole articles joined by blank lines until the text reaches ``size`` characters."""
    parts: list[str] = []
    total = 0
    for article in articles:
        if total >= size:
            break
        parts.append(article.strip())
        total += len(parts[-1]) + 2
    return "\n\n".join(parts)


def trim(text: str, size: int = TARGET) -> str:
    """``text`` cut after the last sentence end before ``size`` characters."""
    cut = text.rfind(". ", 0, size)
    return text[: cut + 1] if cut > 0 else text[:size]


def percentiles(times: list[float]) -> tuple[float, float]:
    """(p50, p95) of ``times``."""
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def entity_timings(a: str, b: str, runs: int) -> None:
    """compare_entities alone, and with extraction and the two-article merge in front."""
    a_entities, b_entities = canonical_pair(extract(a), extract(b))
    alone, full = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = compare_entities(a_entities, b_entities)
        alone.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        compare_entities(*canonical_pair(extract(a), extract(b)))
        full.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(alone)
    print(
        f"  compare_entities: p50 {p50:.2f} ms, p95 {p95:.2f} ms "
        f"({len(result.shared)} shared entities, {len(result.shared_figures)} shared figures)"
    )
    p50, p95 = percentiles(full)
    print(
        f"  from raw text (extract() both + canonical_pair): p50 {p50:.1f} ms, "
        f"p95 {p95:.1f} ms (reader compare reads entities stored at ingest instead)"
    )


def similar_on_seeds() -> None:
    with tempfile.TemporaryDirectory() as cache:
        library = Library(REPO / "seeds", cache=Path(cache))
        library.update()
        try:
            first = library.summaries()[0].id
            found = similar(library, first)
        finally:
            library.close()
    top = found[0].id if found else None
    verdict = "ok" if top is not None and top.startswith("001") else "WRONG"
    print(f"  seeds: most similar to {first}: {top} ({verdict})")


def similar_on_bbc(bbc: Path, sample_size: int, cache: Path | None) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        library = Library(bbc, cache=cache or Path(scratch))
        start = time.perf_counter()
        report = library.update()
        print(
            f"  index ready in {time.perf_counter() - start:.1f} s "
            f"({report.added} added, {report.unchanged} unchanged)"
        )
        try:
            ids = [s.id for s in library.summaries() if "/" in s.id]
            sample = random.Random(1).sample(ids, min(sample_size, len(ids)))
            similar(library, sample[0])  # warm up: opens the searcher
            retold = retold_pairs(library, ids)
            for label, options in (
                (
                    "words only (plain more-like-this, the baseline)",
                    {"entities": False, "figures": False},
                ),
                ("words + entities + figures (default)", {}),
            ):
                times, at10, at1 = [], [], []
                for doc_id in sample:
                    start = time.perf_counter()
                    found = similar(library, doc_id, limit=10, **options)
                    times.append((time.perf_counter() - start) * 1000)
                    category = doc_id.split("/")[0]
                    same = [f.id.split("/")[0] == category for f in found]
                    at10.append(sum(same) / len(same) if same else 0.0)
                    at1.append(1.0 if same and same[0] else 0.0)
                p50, p95 = percentiles(times)
                print(
                    f"  {label}: {len(ids):,} articles, {len(sample)} queries (limit 10): "
                    f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p50 <= 100 ms); "
                    f"same-category precision: top 10 {statistics.mean(at10):.3f}, "
                    f"top 1 {statistics.mean(at1):.3f}"
                )
                first = [
                    bool(found) and found[0].id == other
                    for doc_id, other in retold
                    for found in [similar(library, doc_id, limit=3, **options)]
                ]
                print(
                    f"    re-told stories (near-duplicate pairs of BBC, resemblance < 0.95): "
                    f"the other version first for {sum(first)}/{len(first)}"
                )
        finally:
            library.close()


def retold_pairs(library: Library, ids: list[str]) -> list[tuple[str, str]]:
    """Both directions of every BBC pair that tells one story in two versions (found by
    reader.core.index.neardup, not exact copies): the partner is what a reader wants first."""
    from reader.core.index.neardup import NearDuplicates

    index = NearDuplicates()
    for doc_id in ids:
        index.add(doc_id, library.catalog.text(doc_id) or "")
    pairs = [(a, b) for a, b, score in index.pairs() if score < 0.95]
    return pairs + [(b, a) for a, b in pairs]


def timings(a: str, b: str, runs: int) -> tuple[float, float, float, int]:
    """(wall p50, wall p95, CPU p50) in ms of ``compare_texts(a, b)``, and its passages.

    CPU time is printed beside wall time because the machine may be shared: wall time grows
    with the load, this process's CPU time much less. The word diffs of the pairs are cached
    (a pair's kind and its passage ask for the same one): the cache is emptied before each run,
    or every run after the first would reuse the first one's diffs."""
    from reader.core.compare.diff import word_diff

    compare_texts(a, b)  # warm up (regex compilation, the per-word caches any session has)
    times, cpu = [], []
    for _ in range(runs):
        word_diff.cache_clear()
        start, used = time.perf_counter(), time.process_time()
        result = compare_texts(a, b)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu), len(result.shared_passages)


def _matches_before(text: str, start: int, stop: int):  # type: ignore[no-untyped-def]
    """``claims._matches`` as it was before the words' overlap test used a bisection (each
    word tested against every date and figure of its sentence): the baseline of the timing."""
    from reader.core.compare import claims

    if claims._HINT.search(text, start, stop) is None:
        for match in claims._WORD.finditer(text, start, stop):
            yield "word", match
        return
    taken: list[tuple[int, int]] = []
    if claims._SCALE.search(text, start, stop):
        for match in claims._COUNT.finditer(text, start, stop):
            taken.append(match.span())
            yield "count", match
    for match in claims._SPECIAL.finditer(text, start, stop):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        kind = match.lastgroup or "figure"
        if kind == "figure" and not any(ch.isdigit() for ch in match.group()):
            continue
        taken.append(match.span())
        yield kind, match
    for match in claims._WORD.finditer(text, start, stop):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            yield "word", match


def _corpus_factors_before(surface, corpus):  # type: ignore[no-untyped-def]
    """``align._corpus_factors`` as it was before it was made relative: every word key scaled by
    its raw corpus rarity in (0, 1] (the baseline of the corpus-weighted figures)."""
    return {
        key: max((corpus.rarity(term) for term in terms(words)), default=1.0)
        for key, words in surface.items()
        if key[:1] not in "#@"
    }


def corpus_rewordings(
    bbc: Path, business: Sequence[str], politics: Sequence[str], trials: int
) -> None:
    """The rewording sets again, words weighed by the document frequencies of all of BBC too:
    what ``reader compare`` does in a library of 20 articles or more (the index's counts).
    Printed before (raw corpus rarity) and now (rarity relative to the two texts' words)."""
    from reader.core.compare import align

    texts = (p.read_text(encoding="utf-8", errors="replace") for p in sorted(bbc.glob("*/*.txt")))
    corpus = DocumentFrequencies.from_texts(texts)
    print(
        f"  with corpus word frequencies ({corpus.documents:,} BBC articles), as reader compare "
        "weighs words in a library of 20 articles or more:"
    )
    current = align._corpus_factors
    for version, factors in (("before", _corpus_factors_before), ("now   ", current)):
        align._corpus_factors = factors  # type: ignore[assignment]
        try:
            for label, bases, fill in (
                ("business", business[:30], business[100:180]),
                ("politics", politics[:30], politics[100:180]),
            ):
                for harder in (False, True):
                    total, _ = reworded_quality(
                        bases, filler_pool(fill), trials, harder=harder, corpus=corpus
                    )
                    name = f"BBC {label}{', harder' if harder else ''} ({version})"
                    print_quality(name, total, {})
        finally:
            align._corpus_factors = current


GOLD = REPO / "benchmarks" / "gold" / "seeds_compare_gold.yaml"

Spans = tuple[tuple[int, int], tuple[int, int]]


def why_missed(a: str, b: str, entities, gold: Spans, must_not: list[Spans]) -> str:  # type: ignore[no-untyped-def]
    """What a missed gold pair shares (claim keys, their cosine), and how many other sentence
    pairs of the two texts share at least the same keys: when a must-not pair or many others
    do, no rule on shared words can make this pair without making those too."""
    import math

    from reader.core.compare.align import _sentence_keys, claim_weights
    from reader.core.compare.comparison import _mentions

    a_sentences, b_sentences = split_sentences(a), split_sentences(b)
    a_mentions = _mentions(entities[0]) if entities else ()
    b_mentions = _mentions(entities[1]) if entities else ()
    a_keys = [set(_sentence_keys(s, a, a_mentions)) for s in a_sentences]
    b_keys = [set(_sentence_keys(s, b, b_mentions)) for s in b_sentences]
    weights = claim_weights(
        [dict.fromkeys(k, "") for k in a_keys], [dict.fromkeys(k, "") for k in b_keys]
    )

    def index(spans: list, span: tuple[int, int]) -> int:  # type: ignore[type-arg]
        return next(n for n, s in enumerate(spans) if overlaps((s.start, s.end), span))

    i, j = index(a_sentences, gold[0]), index(b_sentences, gold[1])
    shared = a_keys[i] & b_keys[j]
    norm_a = math.sqrt(sum(weights[k] ** 2 for k in a_keys[i]))
    norm_b = math.sqrt(sum(weights[k] ** 2 for k in b_keys[j]))
    cosine = sum(weights[k] ** 2 for k in shared) / (norm_a * norm_b)
    others = [
        (x, y)
        for x, keys_a in enumerate(a_keys)
        for y, keys_b in enumerate(b_keys)
        if (x, y) != (i, j) and shared <= keys_a & keys_b
    ]
    forbidden = sum(
        1
        for x, y in others
        for g in must_not
        if overlaps((a_sentences[x].start, a_sentences[x].end), g[0])
        and overlaps((b_sentences[y].start, b_sentences[y].end), g[1])
    )
    keys = ", ".join(sorted(k for k in shared if not k.startswith("@")))
    return (
        f"shares {keys or 'nothing'} (claim-key cosine {cosine:.3f}, a rewording needs "
        f"{CompareOptions().reword_score}); {len(others)} other sentence pairs share at least "
        f"these keys, {forbidden} of them must-not"
    )


def seeds_gold(runs: int) -> None:
    """Pair precision and recall on the hand-made gold set of the seeds (000 vs 001), on the
    cleaned texts ``reader compare`` compares; and the time of one comparison there."""
    import yaml

    with tempfile.TemporaryDirectory() as cache:
        library = Library(REPO / "seeds", cache=Path(cache))
        library.update()
        try:
            ids = [s.id for s in library.summaries()]
            docs = [library.document(i) for i in ids[:2]]
            a, b = (d.text for d in docs if d is not None)
            entities = pair_entities(library, *[d for d in docs if d is not None])
        finally:
            library.close()
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))

    def spans(items: list[dict[str, str]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        out = []
        for item in items:
            i, j = a.index(item["a"]), b.index(item["b"])
            out.append(((i, i + len(item["a"])), (j, j + len(item["b"]))))
        return out

    required, acceptable, must_not = (
        spans(gold[k]) for k in ("required", "acceptable", "must_not")
    )
    for label, ents, events in (
        ("surface names", None, True),
        ("canonical entities, without the event route", entities, False),
        ("canonical entities", entities, True),
    ):
        result = compare_texts(a, b, entities=ents, options=CompareOptions(events=events))
        predicted = [
            ((s.a.start, s.a.end), (s.b.start, s.b.end))
            for p in result.shared_passages
            for s in p.sentences
        ]

        def hits(pair: tuple[tuple[int, int], tuple[int, int]], pool: list) -> bool:  # type: ignore[type-arg]
            return any(overlaps(pair[0], g[0]) and overlaps(pair[1], g[1]) for g in pool)

        good = sum(1 for p in predicted if hits(p, required + acceptable))
        wrong = [p for p in predicted if not hits(p, required + acceptable)]
        forbidden = sum(1 for p in predicted if hits(p, must_not))
        found = sum(1 for g in required if any(hits(p, [g]) for p in predicted))
        precision = good / len(predicted) if predicted else 1.0
        print(
            f"  seeds gold ({label}): precision {precision:.3f} ({good}/{len(predicted)}), "
            f"recall {found / len(required):.3f} ({found}/{len(required)}) "
            f"(targets 0.9 / 0.85); must-not pairs made: {forbidden}; "
            f"{len(result.shared_passages)} passages"
        )
        for x, y in wrong:
            print(f"    unlisted pair: {a[x[0] : x[1]][:60]!r} ~ {b[y[0] : y[1]][:60]!r}")
        for g in required:
            if not any(hits(p, [g]) for p in predicted):
                print(f"    missed: {a[g[0][0] : g[0][1]][:60]!r} ~ {b[g[1][0] : g[1][1]][:60]!r}")
                print(f"      {why_missed(a, b, ents, g, must_not)}")
    compare_texts(a, b)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        compare_texts(a, b, entities=entities)
        times.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(times)
    print(f"  seeds 000 vs 001 ({len(a):,} + {len(b):,} chars): p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def reworded_quality(
    bases: Sequence[str],
    filler: Sequence[str],
    trials: int,
    *,
    harder: bool = False,
    corpus: DocumentFrequencies | None = None,
) -> tuple[Tally, dict[str, list[int]]]:
    """Like :func:`quality` on :func:`make_reworded_pair` pairs (re-told sentences; with
    ``harder``, 30 % of the words of each re-told sentence left out too); words weighed by
    ``corpus`` too when given."""
    total = Tally()
    by_edit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for trial in range(trials):
        for n, base in enumerate(bases):
            pair = make_reworded_pair(base, filler, random.Random(7919 * trial + n), harder=harder)
            predicted = sentence_pairs(pair.a, pair.b, corpus)
            total += tally(predicted, pair.planted)
            for planted in pair.planted:
                hit = any(overlaps(a, planted.a) and overlaps(b, planted.b) for a, b in predicted)
                for edit in planted.edit.removeprefix("reword:").split("+"):
                    by_edit[edit][0] += hit
                    by_edit[edit][1] += 1
    return total, dict(by_edit)


def sentence_pairs(
    a: str, b: str, corpus: DocumentFrequencies | None = None
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    alignment = align_sentences(
        split_sentences(a), split_sentences(b), corpus=corpus, a_source=a, b_source=b
    )
    return [
        (
            (alignment.a[p.a_index].start, alignment.a[p.a_index].end),
            (alignment.b[p.b_index].start, alignment.b[p.b_index].end),
        )
        for p in alignment.pairs
    ]


Restated = Sequence[tuple[tuple[int, int], tuple[int, int]]]


def quality(
    bases: Sequence[str],
    filler: Sequence[str],
    trials: int,
    restated: Sequence[Restated] | None = None,
) -> tuple[Tally, dict[str, list[int]], Tally]:
    """Overall tally and, per kind of edit, [found, planted]; then the tally counting as
    correct the pairs of a planted copy with another sentence of its base that makes the same
    claim (``restated[n]``: such sentence pairs of ``bases[n]``, judged by hand)."""
    total, lenient = Tally(), Tally()
    by_edit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for trial in range(trials):
        for n, base in enumerate(bases):
            pair = make_pair(base, filler, random.Random(7919 * trial + n))
            predicted = sentence_pairs(pair.a, pair.b)
            total += tally(predicted, pair.planted)
            lenient += tally(predicted, pair.planted, restated[n] if restated else ())
            for planted in pair.planted:
                hit = any(overlaps(a, planted.a) and overlaps(b, planted.b) for a, b in predicted)
                for edit in {"exact"} if planted.edit == "exact" else set(planted.edit.split("+")):
                    by_edit[edit][0] += hit
                    by_edit[edit][1] += 1
    return total, dict(by_edit), lenient


RESTATED = REPO / "benchmarks" / "gold" / "seeds_restatements.yaml"


def seeds_restated(names: Sequence[str], texts: Sequence[str]) -> list[Restated]:
    """Per seed, the spans of its sentence pairs that make one claim twice (the gold file)."""
    import yaml

    gold = yaml.safe_load(RESTATED.read_text(encoding="utf-8"))
    out = []
    for name, text in zip(names, texts, strict=True):
        spans = naive_sentences(text)

        def sentence(fragment: str, text: str = text, spans: list = spans) -> tuple[int, int]:  # type: ignore[type-arg]
            at = text.index(fragment)
            return next(span for span in spans if span[0] <= at < span[1])

        out.append([(sentence(g["a"]), sentence(g["b"])) for g in gold.get(name, [])])
    return out


def print_quality(label: str, total: Tally, by_edit: dict[str, list[int]]) -> None:
    print(
        f"  {label}: precision {total.precision:.3f} ({total.correct}/{total.predicted}), "
        f"recall {total.recall:.3f} ({total.found}/{total.planted})"
    )
    for edit in sorted(by_edit):
        found, planted = by_edit[edit]
        print(f"    recall, {edit:8}: {found / planted:.3f} ({found}/{planted})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--sample", type=int, default=200, help="similar() queries on BBC")
    parser.add_argument("--cache", type=Path, help="keep the BBC index here (reused if present)")
    args = parser.parse_args()

    seed_paths = sorted((REPO / "seeds").glob("*.txt"))
    seeds = [p.read_text(encoding="utf-8") for p in seed_paths]
    bbc = bbc_dir()
    if bbc is not None:
        business, politics, sport = (
            read_category(bbc, c) for c in ("business", "politics", "sport")
        )
        a = to_size(business[:40])
        reuse = trim(make_pair(a, filler_pool(sport[:60]), random.Random(1), filler_rate=0.5).b)
        unrelated = to_size(politics[:40])
        source = f"BBC articles from {bbc}"
    else:
        a = to_size(seeds * 3)
        reuse = trim(make_pair(a, filler_pool(seeds[2:]), random.Random(1), filler_rate=0.5).b)
        unrelated = to_size(list(reversed(seeds)) * 3)
        source = "demo seeds (BBC corpus not found; set READER_SHARED_DIR)"

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"compare_texts timing ({args.runs} runs each; {source}; load average {load:.1f} "
        f"on {os.cpu_count()} cores: figures grow with it)"
    )
    yardstick = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for text in (a, reuse):
            for sentence in split_sentences(text):
                terms(sentence.text)
        yardstick.append((time.perf_counter() - start) * 1000)
    print(
        f"  baseline, same run: splitting both texts and their surface terms alone (the first "
        f"step of any comparison): p50 {statistics.median(yardstick):.1f} ms"
    )
    from reader.core.compare import claims

    current = claims._matches
    for label, b in (("with reuse", reuse), ("unrelated ", unrelated)):
        for version, matches in (("before", _matches_before), ("now   ", current)):
            claims._matches = matches
            try:
                p50, p95, cpu, found = timings(a, b, args.runs)
            finally:
                claims._matches = current
            print(
                f"  {label} ({version}): {len(a):,} + {len(b):,} chars: p50 {p50:.1f} ms, "
                f"p95 {p95:.1f} ms, CPU p50 {cpu:.1f} ms ({found} passages; target p50 <= 100 ms)"
            )

    print(f"\nentity comparison ({args.runs} runs; same texts as 'with reuse')")
    entity_timings(a, reuse, args.runs)

    print(f"\nsentence pairing on synthetic pairs ({args.trials} trials per base text)")
    restated = seeds_restated([p.name for p in seed_paths], seeds)
    cases = [(0, 2), (1, 2), (2, 0)]
    total, lenient, by_edit = Tally(), Tally(), defaultdict(lambda: [0, 0])
    for base, fill in cases:
        t, e, t_lenient = quality(
            [seeds[base]], filler_pool([seeds[fill]]), args.trials, [restated[base]]
        )
        total += t
        lenient += t_lenient
        for k, (f, p) in e.items():
            by_edit[k][0] += f
            by_edit[k][1] += p
    print_quality("seeds", total, by_edit)
    print(
        f"    precision counting a copy paired with another sentence of its base that makes the "
        f"same claim (benchmarks/gold/seeds_restatements.yaml): {lenient.precision:.3f} "
        f"({lenient.correct}/{lenient.predicted})"
    )
    if bbc is not None:
        total, by_edit, _ = quality(business[:30], filler_pool(sport[:80]), args.trials)
        print_quality("BBC business (filler: sport)", total, by_edit)
        total, by_edit, _ = quality(politics[:30], filler_pool(politics[100:180]), args.trials)
        print_quality("BBC politics (filler: other politics)", total, by_edit)

    print("\nrewordings on synthetic pairs (synonyms, reordered clauses, changed figures, voice)")
    if bbc is not None:
        total, by_edit = reworded_quality(
            business[:30], filler_pool(business[100:180]), args.trials
        )
        print_quality("BBC business (filler: other business)", total, by_edit)
        total, by_edit = reworded_quality(
            politics[:30], filler_pool(politics[100:180]), args.trials
        )
        print_quality("BBC politics (filler: other politics)", total, by_edit)
        print("  harder: the same, and 30 % of each re-told sentence's words left out")
        for label, bases, fill in (
            ("business", business[:30], business[100:180]),
            ("politics", politics[:30], politics[100:180]),
        ):
            total, by_edit = reworded_quality(bases, filler_pool(fill), args.trials, harder=True)
            print_quality(f"BBC {label} (filler: other {label}), harder", total, {})
        corpus_rewordings(bbc, business, politics, args.trials)
    else:
        print("  BBC: skipped (corpus not found; set READER_SHARED_DIR)")

    print("\nhand-made gold set of the seeds (benchmarks/gold/seeds_compare_gold.yaml)")
    seeds_gold(args.runs)

    print("\nmost similar articles: similar() (Whoosh more-like-this over the body)")
    similar_on_seeds()
    if bbc is not None:
        similar_on_bbc(bbc, args.sample, args.cache)
    else:
        print("  BBC: skipped (corpus not found; set READER_SHARED_DIR)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
