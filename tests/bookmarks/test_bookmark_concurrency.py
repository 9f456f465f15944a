"""Several processes adding bookmarks to one file at once lose none of them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from reader.core.bookmarks import BookmarkStore

WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.core.bookmarks import BookmarkStore

    path, go, name, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    text = " ".join(f"{name}-word{i}" for i in range(count))
    deadline = time.monotonic() + 30
    while not go.exists() and time.monotonic() < deadline:  # start together
        time.sleep(0.005)
    store = BookmarkStore(path=path)  # one long-lived store, as the UI holds
    for i in range(count):
        b = store.add_quote(f"{name}.txt", text, f"{name}-word{i}", note=f"{name} {i}")
        if i % 4 == 0:
            store.update(b.id, tags=[name])
    """
)


def test_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.yaml"
    go = tmp_path / "go"
    processes, count = 4, 12
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(go), f"p{n}", str(count)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    go.touch()
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err

    store = BookmarkStore(path=path)
    assert store.problem is None
    notes = sorted(b.note for b in store.bookmarks)
    assert notes == sorted(f"p{n} {i}" for n in range(processes) for i in range(count))
    assert len({b.id for b in store.bookmarks}) == processes * count
    tagged = [b for b in store.bookmarks if b.tags]
    assert len(tagged) == processes * (count // 4)
    assert all(b.tags == (b.doc.removesuffix(".txt"),) for b in tagged)
