"""kill -9 while bookmarks are being written: the file always parses, nothing committed
is lost, and no temporary file is left once the next writer has run.

A child process adds bookmarks in a loop through the core store and prints each id
after ``add`` returns (so a printed id is committed). Half the rounds kill it at a
random moment after a random number of ids; the other half stop it inside a write, at
its N-th ``fsync`` (the temporary file written but not yet renamed, or renamed but the
folder not yet synced), where a random moment rarely lands: the child says "paused"
and waits there to be killed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from reader.core.bookmarks import BookmarkStore
from reader.core.userdata.atomicfile import backup_path

CHILD = """
import os
import sys
from pathlib import Path
from reader.core.bookmarks import BookmarkStore

pause_at = int(sys.argv[2])
real_fsync = os.fsync
calls = [0]


def fsync(fd):
    calls[0] += 1
    if calls[0] == pause_at:
        print("paused", flush=True)
        sys.stdin.read()  # never answered: killed here, in the middle of a write
    real_fsync(fd)


os.fsync = fsync

text = "The quick brown fox jumps over the lazy dog near the old harbour wall. " * 20
store = BookmarkStore(path=Path(sys.argv[1]))
number = 0
while True:
    start = number % (len(text) - 20)
    bookmark = store.add("doc", text, start, start + 12, note=f"note {number}", tags=["t"])
    print(bookmark.id, flush=True)
    number += 1
"""


def test_kill_9_during_a_bookmark_write_loop_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bookmarks.yaml"
    committed: list[str] = []
    chooser = random.Random(20240501)
    for number in range(6):
        pause_at = chooser.randint(1, 30) if number % 2 else 0
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(pause_at)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        assert child.stdout is not None
        try:
            if pause_at:
                while (line := child.stdout.readline().strip()) != "paused":
                    assert line, "the writer stopped before it was killed"
                    committed.append(line)
            else:
                for _ in range(chooser.randint(1, 12)):
                    line = child.stdout.readline()
                    assert line, "the writer stopped before it was killed"
                    committed.append(line.strip())
                time.sleep(chooser.uniform(0, 0.02))  # a random kill point, not a wait
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
            committed += [
                line.strip() for line in child.stdout if line.strip() not in ("", "paused")
            ]
            child.stdout.close()
            assert child.stdin is not None
            child.stdin.close()
        store = BookmarkStore(path=path)
        assert store.problem is None  # the file parses
        ids = {b.id for b in store.bookmarks}
        assert set(committed) <= ids  # every bookmark reported as saved is there
        if backup_path(path).exists():
            assert BookmarkStore(path=backup_path(path)).problem is None
    BookmarkStore(path=path).add("doc", "a sentence", 0, 1)  # the next writer tidies up
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
