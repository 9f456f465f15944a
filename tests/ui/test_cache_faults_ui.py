"""The UI over a damaged or read-only cache: a notification, and it keeps answering."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.index import library as library_module
from reader.core.index.library import Library
from reader.ui.widgets.doclist import DocList

from .conftest import AppFactory, settle, type_query


def break_largest_index_file(cache: Path) -> None:
    """Overwrite the second half of the biggest index file, keeping size and mtime (damage
    no update looks for: the search that reads it finds it)."""
    target = max((cache / "index").glob("MAIN_*"), key=lambda p: p.stat().st_size)
    stat = target.stat()
    with open(target, "r+b") as handle:
        handle.seek(stat.st_size // 2)
        handle.write(b"\xff" * (stat.st_size - stat.st_size // 2))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))


async def test_a_search_over_a_damaged_index_rebuilds_and_answers(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        break_largest_index_file(screen.library.cache)
        screen.library.refresh()
        screen = await type_query(pilot, app, "Zelensky")
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("index damaged") and "rebuilding" in m for m in messages)
        assert screen.results is not None and screen.results.total == 3
        assert len(screen.query_one(DocList).rows) == 3


async def test_a_read_only_cache_is_said_once_and_still_read(
    seeds: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library(seeds).update()
    (seeds / "zz.txt").write_text("Another one\n\nA new Zelensky story.\n", encoding="utf-8")
    monkeypatch.setattr(library_module, "_unwritable", lambda _folder: "read-only file system")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert sum("Cannot update the index" in m for m in messages) == 1, messages
        assert len(screen.query_one(DocList).rows) == 3  # as last built
        screen = await type_query(pilot, app, "Zelensky")
        assert screen.results is not None and screen.results.total == 3


async def test_damage_that_cannot_be_repaired_is_said_in_the_search_hint(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(pilot, app)
        break_largest_index_file(screen.library.cache)
        screen.library.refresh()
        screen.library.read_only = "read-only file system"
        screen = await type_query(pilot, app, "Zelensky")
        hint = str(screen.query_one("#search-hint").render())
        assert "index damaged" in hint and "cannot be rebuilt" in hint, hint
