"""TUI at scale: a 100,000-row document list and a 20 MB article.

    .venv/bin/python benchmarks/tui_scale.py [--rows N] [--big-corpus DIR]

List: fills a ``DocList`` with N synthetic rows in a bare app and times the work between
a key and its repaint (the action, then rendering every visible line) for moving down,
paging, jumping to either end, and re-sorting.

Article: opens a 20 MB article in the real app (a corpus with one such file, built
from the BBC texts and indexed first unless ``--big-corpus`` names one already
indexed) and reports the longest stall of the UI event loop while it opens (a timer
ticks every 5 ms; a stall is the longest gap between ticks) and the time until its
text is laid out and shown. Target: no stall a person would notice (< 100 ms).
Skipped when ../shared/corpora/bbc is absent and no --big-corpus is given.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("READER_SHARED_DIR", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc"
BIG = 20_000_000


def _summaries(count: int) -> list:  # type: ignore[type-arg]
    from reader.core.index.catalog import DocSummary

    sources = ("BBC News", "Reuters", "The Guardian", "Kyiv Independent", "WSWS")
    return [
        DocSummary(
            id=f"{i:06d}",
            title=f"Article number {i} about {('economy', 'war', 'sport', 'film')[i % 4]}",
            authors=(),
            date=f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            source=sources[i % len(sources)],
            url=None,
            path=f"{i:06d}.txt",
            words=300 + i % 900,
            tags=(),
        )
        for i in range(count)
    ]


def _repaint(widget: Any, height: int) -> None:
    """Render every visible line of ``widget`` as the compositor would."""
    for y in range(height):
        widget.render_line(y)


async def _list_figures(rows: int) -> dict[str, list[float]]:
    from textual.app import App, ComposeResult

    from reader.ui.themes import THEME_DEFAULTS
    from reader.ui.widgets.doclist import DocList

    class ListApp(App[None]):
        def get_theme_variable_defaults(self) -> dict[str, str]:
            return dict(THEME_DEFAULTS)

        def compose(self) -> ComposeResult:
            yield DocList(id="doclist")

    summaries = _summaries(rows)
    figures: dict[str, list[float]] = {}
    app = ListApp()
    async with app.run_test(size=(120, 40)) as pilot:
        doclist = app.query_one(DocList)
        doclist.focus()
        await pilot.pause()
        height = doclist.size.height
        start = time.perf_counter()
        doclist.set_documents(summaries)
        _repaint(doclist, height)
        figures["fill"] = [time.perf_counter() - start]
        actions = {
            "down": doclist.action_cursor_down,
            "pagedown": doclist.action_page_down,
            "G": doclist.action_last,
            "g": doclist.action_first,
            "s": doclist.action_cycle_sort,
            "S": doclist.action_reverse_sort,
        }
        for key, action in actions.items():
            times = []
            for _ in range(9 if key not in ("s", "S") else 3):
                # The key's own work and rendering every visible line: what stands
                # between the key and the repaint, without Pilot's fixed waits (about
                # 80 ms a press here, the same for 100 rows as for 100,000).
                start = time.perf_counter()
                action()
                _repaint(doclist, height)
                times.append(time.perf_counter() - start)
                await pilot.pause()
            figures[key] = times
        assert len(doclist.rows) == rows
    return figures


def _make_big_corpus(folder: Path) -> Path:
    texts = sorted(BBC.rglob("*.txt"))
    parts = ["A very long article\n\n"]
    size = 0
    while size < BIG:
        for path in texts:
            text = path.read_text(encoding="utf-8", errors="replace")
            parts.append(text + "\n\n")
            size += len(text) + 2
            if size >= BIG:
                break
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "long.txt").write_text("".join(parts), encoding="utf-8")
    return folder


async def _open_big(corpus: Path) -> tuple[float, float, int]:
    from tui import indexed_app  # beside this script

    from reader.ui.widgets.article import ArticleView

    async with indexed_app(corpus) as (app, pilot, screen):
        article = screen.query_one(ArticleView)
        ticks: list[float] = []
        stop = False

        async def ticker() -> None:
            while not stop:
                ticks.append(time.perf_counter())
                await asyncio.sleep(0.005)

        task = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        start = time.perf_counter()
        doc_id = screen.library.summaries()[0].id
        screen.open_document(doc_id)
        while article.layout_ is None:
            await asyncio.sleep(0.005)
        await pilot.pause()
        shown = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.05)
        stop = True
        await task
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        size = len(article.document.text) if article.document else 0
        return max(gaps), shown, size


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big-corpus", type=Path, help="an indexed corpus with one big article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        if not args.big_corpus:
            for var, sub in (("READER_CACHE_DIR", "c"), ("READER_DATA_DIR", "d")):
                os.environ[var] = str(Path(home) / sub)
        os.environ["READER_CONFIG_DIR"] = str(Path(home) / "cfg")
        figures = asyncio.run(_list_figures(args.rows))
        print(f"document list, {args.rows:,} rows (key's work + repaint, median):")
        print(f"  fill the list:  {figures.pop('fill')[0] * 1000:7.1f} ms")
        for key, times in figures.items():
            label = {"s": "cycle sort", "S": "reverse sort", "G": "to the end", "g": "to the top"}
            print(f"  {label.get(key, key):14s}  {statistics.median(times) * 1000:7.1f} ms")
        corpus = args.big_corpus
        if corpus is None:
            if not BBC.is_dir():
                print(f"BBC corpus not found at {BBC}: 20 MB article skipped")
                return 0
            corpus = _make_big_corpus(Path(home) / "big")
            from reader.core.index.library import Library

            start = time.perf_counter()
            library = Library(corpus)
            library.update()
            library.close()
            print(f"indexed a {BIG / 1e6:.0f} MB article in {time.perf_counter() - start:.1f} s")
        stall, shown, size = asyncio.run(_open_big(corpus))
        print(
            f"open a {size / 1e6:.1f} MB article: longest UI stall {stall * 1000:.0f} ms, "
            f"text shown after {shown * 1000:.0f} ms (target: stall < 100 ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
