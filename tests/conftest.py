"""Shared fixtures: every test runs with its own config, data and cache folders.

``isolated_dirs`` is autouse, so no test (and no ``reader`` subprocess a test starts,
which inherits the environment) can read or write the user's real XDG folders.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from reader.core.userdata.paths import bundled_seeds_dir

# Property tests exercise pure functions; the autouse fixture below only sets env vars,
# so sharing it between hypothesis examples is harmless. No deadlines: CI has 2 cores.
settings.register_profile(
    "reader",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("reader")

SEEDS = bundled_seeds_dir()
READER = Path(sys.executable).with_name("reader")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point READER_CONFIG_DIR / READER_DATA_DIR / READER_CACHE_DIR at tmp folders."""
    home = tmp_path / "reader-home"
    for name in ("config", "data", "cache"):
        monkeypatch.setenv(f"READER_{name.upper()}_DIR", str(home / name))
    for var in ("READER_CONFIG", "READER_THEME", "READER_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    yield home


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Build a corpus folder from ``{relative path: str | bytes}``."""
    counter = [0]

    def build(files: Mapping[str, str | bytes], name: str | None = None) -> Path:
        counter[0] += 1
        root = tmp_path / (name or f"corpus{counter[0]}")
        root.mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return build


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the three demo articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def article(title: str, body: str, *, byline: str = "") -> str:
    """A plain-text article in the shape the heuristics read: title, byline, paragraphs."""
    parts = [title]
    if byline:
        parts.append(byline)
    parts.append(body)
    return "\n\n".join(parts) + "\n"


# What ``reader index`` prints on stderr without a terminal while it works: its progress
# lines and the names of the steps over the whole corpus (cli/progress.py).
_PROGRESS = re.compile(
    r"indexed \d+/\d+|(merging the corpus entities|grouping the near-duplicates) of "
    r"[\d,]+ articles\.\.\.|storing the name lookups\.\.\."
)


def progress_line(line: str) -> bool:
    """Whether ``line`` of a command's stderr only says how an update is going."""
    return _PROGRESS.fullmatch(line) is not None


def run_reader(
    *args: str, cwd: Path | None = None, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``reader`` console script (no terminal: plain output)."""
    return subprocess.run(
        [str(READER), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
    )


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``reader ARGS`` run in this process through ``reader.cli.main`` (no terminal), with
    the result a subprocess would give: exit code, stdout and stderr as UTF-8 text.

    Much faster than :func:`run_reader` (no interpreter start, no imports); keep a real
    process for what only one shows (the entry point, signals, several processes at once).
    Output goes through UTF-8 text streams as a real process's would, so text that cannot
    be encoded fails here as it would there.
    """
    from reader.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdin, sys.stdout, sys.stderr)
    saved_env = {name: os.environ.get(name) for name in ("COLUMNS",)}
    saved_cwd = Path.cwd()
    wrappers = (
        io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = wrappers
    os.environ["COLUMNS"] = "200"
    try:
        if cwd is not None:
            os.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse: usage errors, --help, --version
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for wrapper in wrappers:  # flushed, and without closing the buffers they wrap
            wrapper.flush()
            wrapper.detach()
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(
        ["reader", *args], code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    )


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``reader ARGV`` through ``reader.cli.main`` in this process, its output captured by
    pytest: exit code, stdout, stderr (what the test printed before is dropped)."""
    from reader.cli import main

    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
