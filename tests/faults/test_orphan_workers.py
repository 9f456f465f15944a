"""An update killed while its worker processes prepare files leaves no process behind.

The workers hold both ends of the pool's task pipe, so they never see the pipe close
when the update dies; each watches its parent instead and ends soon after it is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.faults.faultkit import write_corpus

from conftest import READER

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2,
    reason="needs /proc (Linux) and two cores (the update starts workers only then)",
)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie, waiting for its new parent to reap it, has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_a_killed_update(tmp_path: Path, how: signal.Signals) -> None:
    root = tmp_path / "corpus"
    write_corpus(root, 1500)  # enough for the pool, and for it to be busy a while
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    update = subprocess.Popen(
        [str(READER), "index", "--corpus", str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()

        def started() -> bool:
            workers.update(_children(update.pid))
            return len(workers) >= 2 or update.poll() is not None

        # Workers (and Python's resource tracker, when they are spawned) are children.
        assert _wait(started, 120), "the update started no worker processes"
        if update.poll() is not None:
            pytest.skip("the update ended before it could be killed (no pool here)")
        update.send_signal(how)
        update.wait(60)
        # Each worker looks twice a second; a loaded machine gets a minute.
        gone = _wait(lambda: not any(_alive(pid) for pid in workers), 60)
        left = [pid for pid in workers if _alive(pid)]
        assert gone, f"worker processes left running after the update died: {left}"
    finally:
        if update.poll() is None:
            update.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_watch_ends_a_worker_whose_parent_is_gone(tmp_path: Path) -> None:
    """The watch itself, without an update: a grandchild told its parent's pid."""
    script = (
        "import os, sys, time\n"
        "from reader.core.index import entity_ingest\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    entity_ingest._exit_with(os.getppid())\n"
        "    print(os.getpid(), flush=True)\n"
        "    time.sleep(600)\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, os.WNOHANG)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.kill()
    parent.wait(60)
    assert _wait(lambda: not _alive(child), 60), "the watch did not end the orphan"
