"""The real `reader` command in a real terminal (tmux), driven as a person would.

Every step waits for what a person would wait for: the text on the screen. Each wait polls
``tmux capture-pane`` until the expected text shows, with a timeout generous enough for a
loaded machine (the first frame can take many seconds there); nothing waits a fixed time.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

READER = Path(sys.executable).with_name("reader")
TIMEOUT = 60.0  # seconds for any one thing to show; a quiet machine takes well under one
EXITED = "reader exited with status"  # printed by the pane's shell once the program ends
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not READER.exists(), reason="the reader script is not installed"),
]


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def keys(self, *keys: str) -> None:
        """Named keys (Enter, Escape) or key chords."""
        subprocess.run(["tmux", "send-keys", "-t", self.session, *keys], check=True)

    def text(self, text: str) -> None:
        """Characters typed as written, in one go (as a fast typist or a paste)."""
        subprocess.run(["tmux", "send-keys", "-t", self.session, "-l", text], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.session],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait_until(self, test: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        """Poll the screen until ``test`` holds for it; fail with the last screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} within {timeout:.0f} s; the screen was:\n{screen}")
            time.sleep(0.1)  # the poll interval, not a wait for anything

    def wait_for(self, *needles: str, timeout: float = TIMEOUT) -> str:
        """Wait until every one of ``needles`` is on the screen at once."""
        return self.wait_until(
            lambda screen: all(needle in screen for needle in needles),
            f"{' and '.join(map(repr, needles))} did not show",
            timeout,
        )


@pytest.fixture
def terminal(isolated_home: Path, seeds: Path) -> Iterator[Terminal]:
    session = f"reader-smoke-{time.monotonic_ns()}"
    env = " ".join(
        f"{var}={shlex.quote(str(isolated_home / sub))}"
        for var, sub in (
            ("READER_CONFIG_DIR", "config"),
            ("READER_DATA_DIR", "data"),
            ("READER_CACHE_DIR", "cache"),
        )
    )
    # Once reader ends, the shell says so and keeps the pane open for the last capture
    # (the session is killed below, whatever happened).
    command = (
        f"env TERM=xterm-256color {env} {shlex.quote(str(READER))} {shlex.quote(str(seeds))}; "
        f'echo "{EXITED} $?"; sleep 600'
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "32", command],
        check=True,
    )
    try:
        yield Terminal(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_search_open_and_quit_in_a_real_terminal(terminal: Terminal) -> None:
    # The first frame: the list with its articles' titles.
    terminal.wait_for("Documents: 3", "Russian troops out")
    # '/' and the word typed straight after, in one burst: no key may be lost.
    terminal.text("/Avdiivka")
    terminal.wait_for("1 matching article ", "3 hits")
    terminal.keys("Enter")
    screen = terminal.wait_for("hit 1 / 3")
    assert "Avdiivka" in screen
    terminal.keys("n")
    terminal.wait_for("hit 2 / 3")
    terminal.keys("q")
    screen = terminal.wait_for(f"{EXITED} 0")
    assert "hit 2 / 3" not in screen  # the app is gone from the screen
