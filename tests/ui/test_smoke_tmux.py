"""The real `reader` command in a real terminal (tmux), driven as a person would."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

READER = Path(sys.executable).with_name("reader")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not READER.exists(), reason="the reader script is not installed"),
]


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, *keys], check=True)

    def text(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, "-l", *keys], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.session],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait_for(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; screen was:\n{screen}")

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "has-session", "-t", self.session], capture_output=True
            ).returncode
            == 0
        )


@pytest.fixture
def terminal(isolated_home: Path, seeds: Path) -> Iterator[Terminal]:
    session = f"reader-smoke-{time.monotonic_ns()}"
    env = " ".join(
        f"{var}={isolated_home / sub}"
        for var, sub in (
            ("READER_CONFIG_DIR", "config"),
            ("READER_DATA_DIR", "data"),
            ("READER_CACHE_DIR", "cache"),
        )
    )
    command = f"env TERM=xterm-256color {env} {READER} {seeds}; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "32", command],
        check=True,
    )
    try:
        yield Terminal(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_search_open_and_quit_in_a_real_terminal(terminal: Terminal) -> None:
    screen = terminal.wait_for("Documents: 3")
    assert "Russian troops out" in screen
    terminal.keys("/")
    terminal.text("Avdiivka")
    screen = terminal.wait_for("1 matching article ")
    assert "3 hits" in screen
    terminal.keys("Enter")
    screen = terminal.wait_for("hit 1 / 3")
    assert "Avdiivka" in screen
    terminal.keys("n")
    terminal.wait_for("hit 2 / 3")
    terminal.keys("q")
    # The shell runs `sleep` after reader exits: the app is gone from the screen.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "hit 2 / 3" in terminal.screen():
        time.sleep(0.2)
    assert "hit 2 / 3" not in terminal.screen()
