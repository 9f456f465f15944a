"""Index progress: a Rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.index.library import UpdateReport
    from reader.workspace import Workspace


# warm=False: the process ends after its one command; a search that needs the entity
# name index builds it then (core.index.name_filter).
def index_with_progress(
    workspace: Workspace,
    *,
    rebuild: bool,
    verbose: bool = False,
    verify: bool = False,
    whole_corpus: bool = True,
) -> UpdateReport:
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True, markup=False, highlight=False)
        with Progress(
            # The steps over the whole corpus after the articles name themselves here
            # (Library.on_stage): the count stays at its end meanwhile.
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=not verbose,
        ) as bar:
            task = bar.add_task("indexing", total=None)

            def show(done: int, total: int, _name: str) -> None:
                bar.update(task, completed=done, total=total)

            def describe(text: str) -> None:
                bar.update(task, description=text)

            with _staged(workspace, describe):
                try:
                    return workspace.update(
                        rebuild=rebuild,
                        verify=verify,
                        progress=show,
                        warm=False,
                        whole_corpus=whole_corpus,
                    )
                finally:
                    bar.update(task, description="indexing")  # a kept bar ends as it began
    step = [0]

    def lines(done: int, total: int, _name: str) -> None:
        # About ten lines per run, and only when asked for or when the run is long.
        every = max(1, total // 10)
        wanted = (verbose or total >= 200) and (done % every == 0 or done == total)
        if wanted and done != step[0]:
            step[0] = done
            print(f"indexed {done}/{total}", file=sys.stderr, flush=True)

    def say(text: str) -> None:
        if verbose:
            print(f"{text}...", file=sys.stderr, flush=True)

    with _staged(workspace, say):
        return workspace.update(
            rebuild=rebuild, verify=verify, progress=lines, warm=False, whole_corpus=whole_corpus
        )


@contextmanager
def _staged(workspace: Workspace, stage: Callable[[str], None]) -> Iterator[None]:
    """``stage`` told of the update's steps over the whole corpus while the block runs."""
    library = workspace.library
    library.on_stage = stage
    try:
        yield
    finally:
        library.on_stage = None
