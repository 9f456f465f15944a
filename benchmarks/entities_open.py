"""Opening the corpus entity list (``E``) at 20,000 articles, beside the old way.

    .venv/bin/python benchmarks/entities_open.py [--articles 20000] [--keep DIR]
    .venv/bin/python benchmarks/entities_open.py --corpus DIR [--cache DIR]

Builds a corpus of ``--articles`` articles from the BBC paragraphs recombined (each
article: a BBC title and four to seven paragraphs of its section, seeded, so every run
builds the same corpus) into a temporary folder, indexes it, then prints, measured in
this run:

- the old path: a new ``Library`` reads the cached corpus merge, then every entity is
  added to a ``DataTable`` (what ``E`` did before the virtual table);
- ``E`` now: the real ``CorpusEntitiesScreen`` pushed in an app, until its table shows
  the list: with the library's corpus view not yet read (the first use after start) and
  already read (after an update, or once an article's sidebar was shown), median of runs;
- an aliases edit (block the biggest entity, then undo) through the same code the app
  uses, with the corpus view brought up to date after each;
- the memory the corpus view holds (tracemalloc, fresh library).

Target: ``E`` ≤ 0.5 s at 20,000 articles. ``--keep DIR`` keeps the corpus and its index
there, so a second run skips building and indexing. The aliases file is written in a
temporary data folder, never the user's. Skipped (exit 0) without the BBC corpus
(``../shared/corpora/bbc`` beside the checkout, or ``$READER_SHARED_DIR/corpora/bbc``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def bbc_dir() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    root = Path(shared) if shared else REPO.parent / "shared"
    bbc = root / "corpora" / "bbc"
    return bbc if bbc.is_dir() else None


def build_corpus(bbc: Path, target: Path, count: int, seed: int = 14) -> None:
    """``count`` articles of recombined BBC paragraphs, in one folder per section."""
    rng = random.Random(seed)
    sections: dict[str, tuple[list[str], list[str]]] = {}
    for path in sorted(bbc.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = text.partition("\n")
        titles, paragraphs = sections.setdefault(path.parent.name, ([], []))
        titles.append(title.strip())
        paragraphs.extend(p.strip() for p in body.split("\n\n") if len(p.strip()) > 40)
    names = sorted(sections)
    for number in range(count):
        section = names[number % len(names)]
        titles, paragraphs = sections[section]
        folder = target / section
        folder.mkdir(parents=True, exist_ok=True)
        body = rng.sample(paragraphs, rng.randint(4, 7))
        title = f"{rng.choice(titles)} ({number:05d})"
        (folder / f"{number:05d}.txt").write_text(
            title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8"
        )


async def _open_screen(library: Any, times: int = 1) -> list[float]:
    """Seconds from pushing ``CorpusEntitiesScreen`` to its list on screen, ``times``
    times in one app (the first open also reads the screen's styles)."""
    from textual.app import App

    from reader.ui.entity_screens import CorpusEntitiesScreen
    from reader.ui.themes import THEME_DEFAULTS

    class Bare(App[None]):
        def get_theme_variable_defaults(self) -> dict[str, str]:
            return dict(THEME_DEFAULTS)

    app = Bare()
    figures = []
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        for _ in range(times):
            start = time.perf_counter()
            screen = CorpusEntitiesScreen(library)
            await app.push_screen(screen)
            while not screen.loaded:
                await asyncio.sleep(0.002)
            await pilot.pause()  # the frame with the list
            figures.append(time.perf_counter() - start)
            app.pop_screen()
            await pilot.pause()
    return figures


async def _old_table(entities: list[Any]) -> float:
    """Seconds to fill a DataTable with every entity, as the screen did before."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from reader.ui.themes import THEME_DEFAULTS

    class Old(App[None]):
        def get_theme_variable_defaults(self) -> dict[str, str]:
            return dict(THEME_DEFAULTS)

        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

    app = Old()
    async with app.run_test(size=(140, 40)) as pilot:
        table: DataTable[Any] = app.query_one(DataTable)
        table.add_columns("Entity", "Type", "Articles", "Mentions", "Also known as")
        start = time.perf_counter()
        table.add_rows(
            (
                Text(e.name),
                e.type,
                e.articles,
                e.mentions,
                Text(", ".join(a for a in e.aliases if a != e.name)[:80], style="dim"),
            )
            for e in entities
        )
        await pilot.pause()
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the corpus and index here")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="measure this corpus instead (e.g. BBC)")
    parser.add_argument("--cache", type=Path, help="its index folder (with --corpus)")
    args = parser.parse_args()
    if args.corpus is not None:
        with tempfile.TemporaryDirectory(prefix="reader-entities-open-") as scratch:
            os.environ["READER_DATA_DIR"] = str(Path(scratch) / "data")
            run(args.corpus, args.cache or Path(scratch) / "cache", args.runs)
        return 0
    bbc = bbc_dir()
    if bbc is None:
        print("skipped: the BBC corpus is not there (../shared/corpora/bbc)")
        return 0
    with tempfile.TemporaryDirectory(prefix="reader-entities-open-") as scratch:
        os.environ["READER_DATA_DIR"] = str(Path(scratch) / "data")  # aliases: never the user's
        base = args.keep or Path(scratch)
        corpus, cache = base / f"corpus-{args.articles}", base / f"cache-{args.articles}"
        if not corpus.is_dir():
            started = time.perf_counter()
            build_corpus(bbc, corpus, args.articles)
            print(f"built {args.articles:,} articles in {time.perf_counter() - started:.1f} s")
        run(corpus, cache, args.runs)
    return 0


def run(corpus: Path, cache: Path, runs: int) -> None:
    from reader.core.index.library import Library
    from reader.workspace.entity_edits import EntityEdits

    library = Library(corpus, cache=cache)
    started = time.perf_counter()
    report = library.update()
    print(
        f"index update: {time.perf_counter() - started:.1f} s "
        f"({report.added:,} added, {report.unchanged:,} unchanged)"
    )
    library.close()

    # The old path: a new library reads the merge, a DataTable takes every entity.
    library = Library(corpus, cache=cache)
    started = time.perf_counter()
    entities = library.corpus_entities()
    read = time.perf_counter() - started
    table = asyncio.run(_old_table(entities))
    library.close()
    print(f"corpus entities: {len(entities):,}")
    print(f"old E: {read + table:.2f} s (read the merge {read:.2f} s, DataTable {table:.2f} s)")

    # E now, first use after start (the view not read yet), then as it usually is.
    library = Library(corpus, cache=cache)
    (cold,) = asyncio.run(_open_screen(library))
    first, *again = asyncio.run(_open_screen(library, runs + 1))
    print(f"E now, view not yet read: {cold:.2f} s")
    print(
        f"E now, view read: first open {first:.3f} s; again: median "
        f"{statistics.median(again):.3f} s, worst {max(again):.3f} s of {runs}  (target ≤ 0.5 s)"
    )

    edits = EntityEdits(library)
    biggest = library.corpus_entities()[0]
    started = time.perf_counter()
    edits.block(biggest.id)
    blocked = time.perf_counter() - started
    started = time.perf_counter()
    edits.undo()
    undone = time.perf_counter() - started
    reopened = asyncio.run(_open_screen(library, 2))[-1]
    print(
        f"block {biggest.name!r} then undo, view updated each time: {blocked:.2f} s, "
        f"{undone:.2f} s; E after them: {reopened:.3f} s"
    )
    library.close()

    library = Library(corpus, cache=cache)
    tracemalloc.start()
    library.corpus_entities()
    held, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    library.close()
    print(f"memory held by the corpus view: {held / 2**20:.1f} MiB")


if __name__ == "__main__":
    sys.exit(main())
