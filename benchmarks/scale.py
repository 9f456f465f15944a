"""Scale: generated archives of 20,000 and 200,000 articles, reader beside plain Whoosh.

    .venv/bin/python benchmarks/scale.py                        # 20,000 and 200,000
    .venv/bin/python benchmarks/scale.py --sizes 20000          # one size
    .venv/bin/python benchmarks/scale.py --quick                # 2,000 articles, minutes
    .venv/bin/python benchmarks/scale.py --engine whoosh        # passed to `reader index`

For each size an archive is generated from BBC paragraphs (``corpusgen.py``: front
matter, dates over 2005-2024, five sources, ``source/year/month`` folders, seed 13)
into a temp folder, and, in that one run, every figure is printed beside its anchor:

* ingest: ``reader index`` (parsing, entities, corpus merge) beside plain Whoosh
  (read each file, split off the front matter, add title, body, authors, source,
  date and tags with reader's own schema and analyzers); wall and CPU seconds of all
  processes, peak RSS;
* per-query latency inside one process, p50/p95 over 20 queries of each form (terms,
  phrases, AND/OR/NOT, fields, wildcards, fuzzy, date ranges, entity fields), reader's
  ``Library.search`` (snippets included) beside Whoosh's parser and searcher on the
  plain index (entity fields there are the same names searched in the body);
* peak RSS of a search process: ``reader search --queries`` over all those queries,
  beside a plain Whoosh process answering the same queries;
* TUI (the real app, headless): first paint with the index built beside a bare
  ``import textual.app`` (median of runs, interleaved) and, from the same processes, the
  first frame with the list filled (read in a worker), keystroke to results p50 in the
  search box, ``E`` (the corpus entity list) from the key to the filled table, and the
  app process's peak RSS.

Once per run, on the BBC corpus itself: a one-shot ``reader search economy`` from a
new process, beside ``recollq`` on the same corpus when Recoll is installed (Debian
``recollcmd``), else beside a bare interpreter start, with the target of 250 ms.

``--no-plain`` leaves plain Whoosh out (its ingest of 200,000 articles takes about as
long as reader's on a quiet machine, far longer on a busy one): the anchors then say
"not run". ``--reuse`` with ``--keep`` measures an index already built there (no
ingest figures); an existing corpus folder is reused rather than generated again.

``--engine auto|whoosh|tantivy`` is passed to ``reader index --engine`` when this
checkout's ``reader index`` has that option; without it only ``auto`` and ``whoosh``
run (both are Whoosh there). Without ``../shared/corpora/bbc`` (or
``$READER_SHARED_DIR/corpora/bbc``) the benchmark says so and exits 0. Nothing is
written outside a temp folder (``--keep DIR`` keeps the generated corpora and indexes
there instead).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpusgen import build_corpus, find_bbc  # noqa: E402  (beside this script)

TARGETS = {
    "ingest": "target: 20k <= 0.5x plain Whoosh; 200k <= 15 min",
    "query": "target: p50 <= 30 ms",
    "oneshot": "target: <= 10x recollq, else <= 250 ms",
    "rss": "target at 200k: search <= 300 MB, TUI <= 600 MB",
    "paint": "target: <= 3x the import floor",
    "keystroke": "target: p50 <= 50 ms",
    "entities": "target at 20k: <= 0.5 s",
}

QUERIES: dict[str, list[str]] = {
    "terms": [
        "economy", "election", "football", "music", "film", "mobile", "growth", "minister",
        "champion", "internet", "profits", "shares", "court", "games", "oil", "bank",
        "market", "players", "software", "budget",
    ],
    "phrases": [
        '"interest rates"', '"Tony Blair"', '"prime minister"', '"general election"',
        '"mobile phone"', '"chief executive"', '"Champions League"', '"box office"',
        '"best actor"', '"stock market"', '"world cup"', '"last year"', '"Gordon Brown"',
        '"human rights"', '"oil prices"', '"record label"', '"broadband services"',
        '"video games"', '"Six Nations"', '"European Union"',
    ],
    "AND/OR/NOT": [
        "bank AND profit", "inflation OR deflation", "shares NOT bank", "labour AND tax",
        "film OR music", "football NOT chelsea", "oil AND prices", "election AND blair",
        "games OR console", "sales NOT christmas", "growth AND economy", "rugby OR cricket",
        "internet AND security", "court NOT appeal", "phone AND mobile", "album OR single",
        "tax AND budget NOT brown", "china AND exports", "bank OR market",
        "minister AND resign",
    ],
    "fields": [
        "title:profit", "title:election", "source:reuters", 'source:"financial times"',
        "tags:sport", "tags:tech", "author:smith", "author:patel", "title:film",
        "title:oscar", "tags:business", "source:guardian", "title:chelsea",
        "tags:politics", "title:iraq", "author:chen", "title:broadband",
        "tags:entertainment", "title:music", 'source:"associated press"',
    ],
    "wildcard": [
        "pension*", "telecom*", "govern*", "econom*", "champ*", "elect*", "minist*",
        "comput*", "broad*", "inflat*", "footb*", "musi*", "invest*", "compan*", "manag*",
        "televis*", "produc*", "digit*", "parliam*", "polic*",
    ],
    "fuzzy": [
        "econmy~", "electon~", "footbal~", "minster~", "goverment~", "parliment~",
        "inflaton~", "champoin~", "brodband~", "internt~", "compnay~", "televsion~",
        "profts~", "marekt~", "chelsae~", "arsenl~", "labuor~", "budgte~", "softwre~",
        "musci~",
    ],
    "date range": [
        f"{term}date:[{y}-01-01 to {y + span}-12-31]"
        for term, y, span in (
            ("", 2005, 0), ("", 2006, 1), ("", 2010, 2), ("", 2015, 0), ("", 2020, 4),
            ("economy ", 2005, 4), ("election ", 2008, 2), ("football ", 2012, 3),
            ("music ", 2016, 1), ("film ", 2019, 5), ("oil ", 2007, 0), ("bank ", 2009, 1),
            ("internet ", 2011, 2), ("court ", 2013, 0), ("games ", 2014, 3),
            ("budget ", 2017, 1), ("shares ", 2018, 2), ("mobile ", 2021, 3),
            ("profits ", 2022, 2), ("growth ", 2006, 10),
        )
    ],
    "entity fields": [
        "person:Blair", 'person:"Gordon Brown"', "org:BBC", "org:Microsoft", "place:London",
        "entity:China", "entity:Chelsea", "person:Wenger", "org:Google", "place:Iraq",
        "person:Mourinho", "org:Apple", "place:Europe", "person:Howard", "org:Yukos",
        "place:Wales", "entity:Labour", 'org:"European Union"', "person:Beckham",
        "place:Paris",
    ],
}  # fmt: skip


# -- child processes ------------------------------------------------------------------
# Each measurement runs in a fresh process (``scale.py --child NAME ...``) so that peak
# RSS and CPU belong to that work alone; children print one JSON object.


def _read_plain(path: Path) -> dict[str, Any]:
    """What a plain indexer reads off a file: front matter by its keys, else line 1."""
    text = path.read_text(encoding="utf-8", errors="replace")
    fields: dict[str, Any] = {}
    if text.startswith("---\n"):
        head, _, text = text[4:].partition("\n---\n")
        for line in head.splitlines():
            key, _, value = line.partition(":")
            value = value.strip()
            if key in ("title", "source"):
                fields[key] = value.strip('"')
            elif key in ("authors", "tags"):
                fields[key] = ", ".join(v.strip().strip('"') for v in value.strip("[]").split(","))
            elif key == "date":
                fields["date"] = datetime.datetime.fromisoformat(value)
        text = text.lstrip("\n")
        if text.startswith("# "):
            text = text.partition("\n")[2]
    else:
        title, _, text = text.partition("\n")
        fields["title"] = title.strip()
    fields["body"] = text
    return fields


def child_plain_ingest(corpus: Path, target: Path) -> dict[str, Any]:
    from whoosh import index as whoosh_index

    from reader.core.corpus.loader import EXTENSIONS
    from reader.core.index.schema import build_schema

    target.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(target), build_schema())
    writer = ix.writer(limitmb=256)
    count = 0
    for path in sorted(corpus.rglob("*")):
        if not path.name.lower().endswith(EXTENSIONS) or not path.is_file():
            continue
        rel = path.relative_to(corpus).with_suffix("").as_posix()
        writer.add_document(id=rel, path=str(path), **_read_plain(path))
        count += 1
    writer.commit()
    return {"documents": count}


def _plain_parser(ix: Any) -> Any:
    from whoosh.qparser import FuzzyTermPlugin, MultifieldParser

    parser = MultifieldParser(["title", "body"], ix.schema)
    parser.add_plugin(FuzzyTermPlugin())
    return parser


def _plain_query(parser: Any, text: str) -> Any:
    """Whoosh's own parser; a date range becomes its DateRange, entity fields body words."""
    from whoosh.query import And, DateRange

    if "date:[" in text:
        term, _, rng = text.partition("date:[")
        start, _, end = rng.rstrip("]").partition(" to ")
        dates = DateRange(
            "date",
            datetime.datetime.fromisoformat(start),
            datetime.datetime.fromisoformat(end) + datetime.timedelta(days=1),
        )
        return And([parser.parse(term), dates]) if term.strip() else dates
    for field in ("person:", "org:", "place:", "entity:"):
        text = text.replace(field, "body:")
    return parser.parse(text.replace("author:", "authors:"))


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered) * 1000, "p95": p95 * 1000}


def child_queries(kind: str, corpus: Path, plain: Path) -> dict[str, Any]:
    """Per-query latency by form, inside this one process (after one warm-up query)."""
    out: dict[str, Any] = {}
    if kind == "reader":
        from reader.core.index.library import Library

        library = Library(corpus)
        library.search("warm up")

        def run(query: str) -> int:
            results = library.search(query, limit=10)
            for hit in results.hits:  # snippets are built inside search; touch them
                assert hit.snippets is not None
            return results.total if hasattr(results, "total") else len(results.hits)
    else:
        from whoosh import highlight
        from whoosh import index as whoosh_index

        ix = whoosh_index.open_dir(str(plain))
        searcher = ix.searcher()
        parser = _plain_parser(ix)
        searcher.search(parser.parse("warm up"), limit=10)

        def run(query: str) -> int:
            results = searcher.search(_plain_query(parser, query), limit=10)
            results.fragmenter = highlight.ContextFragmenter()
            for hit in results:  # snippets from the stored text of the file, as a reader
                text = _read_plain(Path(hit["path"]))["body"]
                hit.highlights("body", text=text)
            return len(results)

    for form, queries in QUERIES.items():
        timings, cpu = [], []
        for query in queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            run(query)
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        # CPU time beside wall time: on a busy machine wall time mostly measures the
        # neighbours.
        out[form] = {**_percentiles(timings), "cpu_p50": statistics.median(cpu) * 1000}
    return out


def child_plain_search(plain: Path, queries_file: Path) -> dict[str, Any]:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(plain))
    parser = _plain_parser(ix)
    with ix.searcher() as searcher:
        for query in queries_file.read_text(encoding="utf-8").splitlines():
            for hit in searcher.search(_plain_query(parser, query), limit=10):
                print(hit["id"])
    return {}


def child_tui(corpus: Path) -> dict[str, Any]:
    """Keystroke-to-results latencies and the ``E`` open time, in the real app."""
    from tui import QUERIES as TUI_QUERIES  # beside this script
    from tui import _keystrokes, indexed_app

    async def entities_open() -> float:
        async with indexed_app(corpus) as (app, pilot, _screen):
            return await _open_entities(app, pilot)

    latencies = asyncio.run(_keystrokes(corpus, TUI_QUERIES))
    opened = asyncio.run(entities_open())
    return {"keystroke": _percentiles(latencies), "entities": opened}


def child_tui_session(corpus: Path) -> dict[str, Any]:
    """One app as a person uses it, for its peak RSS: the 20 queries typed, then ``E``.

    (``child_tui`` runs two apps one after the other in one process, so its peak can hold
    what the first app left to the allocator as well as the second app.)
    """
    from tui import QUERIES as TUI_QUERIES  # beside this script
    from tui import indexed_app, type_queries

    async def session() -> None:
        async with indexed_app(corpus) as (app, pilot, screen):
            await type_queries(app, pilot, screen, TUI_QUERIES)
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await _open_entities(app, pilot)

    asyncio.run(session())
    return {}


async def _open_entities(app: Any, pilot: Any) -> float:
    """Seconds from ``E`` to the corpus entity table with its rows."""
    from reader.ui.entity_screens import CorpusEntitiesScreen
    from reader.ui.widgets.entity_table import EntityTable

    start = time.perf_counter()
    await pilot.press("E")
    deadline = start + 120
    while True:
        shown = app.screen
        if (
            isinstance(shown, CorpusEntitiesScreen)
            and shown.entities
            and shown.query_one(EntityTable).row_count
        ):
            break
        if time.perf_counter() > deadline:
            raise RuntimeError("the corpus entity list did not open in 120 s")
        await asyncio.sleep(0.001)
    return time.perf_counter() - start


CHILDREN = {
    "plain-ingest": lambda a: child_plain_ingest(Path(a[0]), Path(a[1])),
    "queries": lambda a: child_queries(a[0], Path(a[1]), Path(a[2])),
    "plain-search": lambda a: child_plain_search(Path(a[0]), Path(a[1])),
    "tui": lambda a: child_tui(Path(a[0])),
    "tui-session": lambda a: child_tui_session(Path(a[0])),
}


# -- the parent -----------------------------------------------------------------------


class Measured:
    """A finished child: wall seconds, CPU seconds (with its reaped children), peak RSS."""

    def __init__(self, wall: float, usage: resource.struct_rusage, stdout: str) -> None:
        self.wall = wall
        self.cpu = usage.ru_utime + usage.ru_stime
        self.rss_mb = usage.ru_maxrss / 1024
        self.stdout = stdout

    def json(self) -> dict[str, Any]:
        return json.loads(self.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(argv: list[str], env: dict[str, str], quiet: bool = True) -> Measured:
    """Run ``argv`` to the end; fail loudly with its error output if it fails."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:6])} failed ({process.returncode}):\n{stderr}")
    return Measured(wall, usage, stdout)


_READER = [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main())"]


def child(name: str, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", name, *args]


def engine_args(engine: str, env: dict[str, str]) -> list[str] | None:
    """``--engine NAME`` when ``reader index`` has it; [] when Whoosh is all there is."""
    helptext = subprocess.run(
        [*_READER, "index", "--help"], capture_output=True, text=True, env=env
    ).stdout
    if "--engine" in helptext:
        return ["--engine", engine]
    return [] if engine in ("auto", "whoosh") else None


def median_of_interleaved(
    runs: int, env: dict[str, str], corpus: Path
) -> tuple[float, float, float]:
    from tui import _medians

    return _medians(runs, env, corpus)  # type: ignore[no-any-return]


def oneshot(env: dict[str, str], bbc: Path, runs: int) -> None:
    measure([*_READER, "index", "--corpus", str(bbc)], env)
    argv = [*_READER, "search", "economy", "--corpus", str(bbc)]
    measure(argv, env)  # warm: bytecode and the OS file cache
    ours = statistics.median(measure(argv, env).wall for _ in range(runs))
    recollq = shutil.which("recollq")
    if recollq and shutil.which("recollindex"):
        conf = Path(env["READER_CACHE_DIR"]).parent / "recoll"
        conf.mkdir(exist_ok=True)
        (conf / "recoll.conf").write_text(f"topdirs = {bbc}\n", encoding="utf-8")
        measure(["recollindex", "-c", str(conf)], env)
        anchor_argv = [recollq, "-c", str(conf), "economy"]
        measure(anchor_argv, env)
        anchor = statistics.median(measure(anchor_argv, env).wall for _ in range(runs))
        label = f"recollq {anchor * 1000:.0f} ms, ratio {ours / anchor:.1f}x"
    else:
        anchor = statistics.median(
            measure([sys.executable, "-c", "pass"], env).wall for _ in range(runs)
        )
        label = f"Recoll not installed; bare interpreter start {anchor * 1000:.0f} ms"
    row("one-shot `reader search economy`, BBC", f"{ours * 1000:.0f} ms", label, "oneshot")


PLAIN = True  # whether plain Whoosh runs beside reader (--no-plain: not)


def row(what: str, ours: str, anchor: str, target: str) -> None:
    print(f"| {what} | {ours} | {anchor} | {TARGETS[target]} |", flush=True)


def run_size(
    size: int,
    base: Path,
    env: dict[str, str],
    engine: list[str],
    runs: int,
    reuse: bool,
    only: set[str] | None = None,
) -> None:
    corpus = base / f"corpus-{size}"
    plain_dir = base / f"plain-{size}"
    generated = base / f"corpus-{size}.done"  # beside the corpus: it is not an article
    if not reuse and generated.is_file():
        made = "corpus of an earlier run reused"
    elif not reuse:
        start = time.perf_counter()
        stats = build_corpus(corpus, size, seed=13)
        made = (
            f"{stats.bytes / 1e6:.0f} MB, {stats.folders} folders; "
            f"generated in {time.perf_counter() - start:.0f} s"
        )
        generated.write_text("", encoding="utf-8")
    else:
        made = "corpus and indexes of an earlier run reused"
    print(f"\n### {size:,} articles ({made})\n", flush=True)
    print("| measure | reader | anchor, same run | target |")
    print("|---|---|---|---|", flush=True)
    stages = [_measure_queries, _measure_search, _measure_tui]
    if not reuse:
        stages.insert(0, _measure_ingest)
    if only:
        stages = [stage for stage in stages if stage.__name__[9:] in only]
    for stage in stages:
        try:
            stage(size, corpus, plain_dir, base, env, engine, runs)
        except Exception as error:  # one failed stage must not lose the others' figures
            print(f"| {stage.__name__[9:]} | failed: {error} | | |", flush=True)


def _measure_ingest(
    size: int, corpus: Path, plain_dir: Path, base: Path, env: dict[str, str],
    engine: list[str], runs: int,
) -> None:  # fmt: skip
    anchor = "plain Whoosh not run (--no-plain)"
    if PLAIN:
        plain = measure(child("plain-ingest", str(corpus), str(plain_dir)), env)
        # Printed at once: reader's ingest can take long, and a stopped run keeps this.
        print(
            f"(plain Whoosh ingest: {plain.wall:.0f} s wall, CPU {plain.cpu:.0f} s, "
            f"RSS {plain.rss_mb:.0f} MB, load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    _settle(corpus)
    load = os.getloadavg()[0]
    # --rebuild: with --keep, an index of an earlier run is there; this row is a full ingest.
    ours = measure([*_READER, "index", "--rebuild", "--corpus", str(corpus), *engine], env)
    if PLAIN:
        anchor = (
            f"plain Whoosh {plain.wall:.0f} s (CPU {plain.cpu:.0f} s, RSS {plain.rss_mb:.0f} MB); "
            f"ratio {ours.wall / plain.wall:.2f}x"
        )
    row(
        "full ingest incl. entities",
        f"{ours.wall:.0f} s (CPU {ours.cpu:.0f} s, {size / ours.wall:.0f} articles/s, "
        f"peak RSS {ours.rss_mb:.0f} MB; load {load:.1f} -> {os.getloadavg()[0]:.1f})",
        anchor,
        "ingest",
    )


def _settle(corpus: Path) -> None:
    """Wait until every folder of ``corpus`` last changed over ``freshness.SLACK_NS`` ago.

    An update does not trust a folder changed within that slack before it began, so the
    first command after it updates again. A real archive is older than that when it is
    indexed; a corpus generated a moment ago is not (with ``--no-plain`` nothing runs
    between the two), and the search-process row would then measure that update.
    """
    from reader.core.index.freshness import SLACK_NS

    newest = max(os.stat(folder).st_mtime_ns for folder, _, _ in os.walk(corpus, followlinks=False))
    while time.time_ns() - newest <= SLACK_NS:
        time.sleep(0.1)


def _measure_queries(
    size: int, corpus: Path, plain_dir: Path, base: Path, env: dict[str, str],
    engine: list[str], runs: int,
) -> None:  # fmt: skip
    reader_q = measure(child("queries", "reader", str(corpus), str(plain_dir)), env).json()
    plain_q = None
    if PLAIN:
        plain_q = measure(child("queries", "plain", str(corpus), str(plain_dir)), env).json()
    for form in QUERIES:
        row(
            f"query p50 / p95, {form} (20)",
            f"{reader_q[form]['p50']:.1f} / {reader_q[form]['p95']:.1f} ms "
            f"(CPU p50 {reader_q[form]['cpu_p50']:.1f} ms)",
            f"plain Whoosh {plain_q[form]['p50']:.1f} / {plain_q[form]['p95']:.1f} ms "
            f"(CPU p50 {plain_q[form]['cpu_p50']:.1f} ms)"
            if plain_q
            else "plain Whoosh not run (--no-plain)",
            "query",
        )


def _measure_search(
    size: int, corpus: Path, plain_dir: Path, base: Path, env: dict[str, str],
    engine: list[str], runs: int,
) -> None:  # fmt: skip
    queries_file = base / "queries.txt"
    queries_file.write_text("\n".join(q for qs in QUERIES.values() for q in qs), "utf-8")
    search = measure(
        [*_READER, "search", "--queries", str(queries_file), "--corpus", str(corpus)], env
    )
    anchor = "plain Whoosh not run (--no-plain)"
    if PLAIN:
        plain_search = measure(child("plain-search", str(plain_dir), str(queries_file)), env)
        anchor = f"plain Whoosh process {plain_search.rss_mb:.0f} MB, {plain_search.wall:.1f} s"
    one = measure([*_READER, "search", "economy", "--corpus", str(corpus)], env)
    row(
        f"search process, all {len(QUERIES) * 20} queries",
        f"peak RSS {search.rss_mb:.0f} MB, {search.wall:.1f} s; "
        f"one `search economy`: {one.rss_mb:.0f} MB, {one.wall * 1000:.0f} ms",
        anchor,
        "rss",
    )


def _measure_tui(
    size: int, corpus: Path, plain_dir: Path, base: Path, env: dict[str, str],
    engine: list[str], runs: int,
) -> None:  # fmt: skip
    floor, paint, filled = median_of_interleaved(runs, env, corpus)
    row(
        f"TUI first paint, index built (median of {runs})",
        f"{paint * 1000:.0f} ms ({paint / floor:.1f}x); list filled {filled * 1000:.0f} ms "
        f"({filled / floor:.1f}x)",
        f"`import textual.app` {floor * 1000:.0f} ms",
        "paint",
    )
    tui = measure(child("tui", str(corpus)), env)
    figures = tui.json()
    row(
        "TUI keystroke -> results p50 / p95 (20)",
        f"{figures['keystroke']['p50']:.1f} / {figures['keystroke']['p95']:.1f} ms",
        "-",
        "keystroke",
    )
    row(
        "TUI `E` (corpus entities) key -> filled table",
        f"{figures['entities'] * 1000:.0f} ms",
        "-",
        "entities",
    )
    session = measure(child("tui-session", str(corpus)), env)
    session.json()  # a failed session raises here rather than print a figure
    row(
        "TUI peak RSS: one session (20 queries typed, then `E`)",
        f"{session.rss_mb:.0f} MB; the two runs above in one process: {tui.rss_mb:.0f} MB",
        "-",
        "rss",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,200000", help="comma-separated counts")
    parser.add_argument("--engine", choices=("auto", "whoosh", "tantivy"), default="auto")
    parser.add_argument("--quick", action="store_true", help="2,000 articles only")
    parser.add_argument("--runs", type=int, default=5, help="runs of each one-shot timing")
    parser.add_argument("--keep", type=Path, help="keep corpora and indexes in this folder")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: reuse the corpora and indexes already there (no ingest figures)",
    )
    parser.add_argument("--no-oneshot", action="store_true", help="skip the BBC one-shot")
    parser.add_argument("--no-plain", action="store_true", help="leave plain Whoosh out")
    parser.add_argument(
        "--stages",
        help="comma-separated stages to run of ingest, queries, search, tui (default: all)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](rest)))
        return 0
    global PLAIN
    PLAIN = not args.no_plain
    bbc = find_bbc()
    if bbc is None:
        print("benchmark skipped: BBC corpus not found (set READER_SHARED_DIR)")
        return 0
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="reader-scale-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed reader runs from bytecode
        for var, sub in (("READER_CACHE_DIR", "cache"), ("READER_DATA_DIR", "data")):
            env[var] = str(base / sub)
        env["READER_CONFIG_DIR"] = str(base / "config")
        os.environ.update({k: env[k] for k in ("READER_CACHE_DIR", "READER_DATA_DIR")})
        os.environ["READER_CONFIG_DIR"] = env["READER_CONFIG_DIR"]
        engine = engine_args(args.engine, env)
        if engine is None:
            print(f"scale: this checkout's `reader index` has no --engine; {args.engine} not run")
            return 2
        print(f"engine: {args.engine} ({' '.join(engine) or 'Whoosh: no --engine option'})")
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at start\n")
        print("| measure | reader | anchor, same run | target |")
        print("|---|---|---|---|", flush=True)
        if not args.no_oneshot:
            oneshot(env, bbc, args.runs)
        for size in sizes:
            only = {s.strip() for s in args.stages.split(",")} if args.stages else None
            reuse = args.reuse and args.keep is not None
            run_size(size, base, env, engine, args.runs, reuse, only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
