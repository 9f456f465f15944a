"""A wheel installed in a fresh venv finds its bundled seeds (force-included data).

The wheel also marks the package as typed (``reader/py.typed``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


@pytest.mark.slow
def test_wheel_in_fresh_venv_lists_the_seeds(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    # The default wheel is pure Python: compiling (hatch_build.py) is asked for, and is
    # checked by .ci/run's compiled build. The variable that asks is dropped here.
    built = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        wheels,
        ROOT,
        env={k: v for k, v in os.environ.items() if k != "HATCH_BUILD_HOOK_ENABLE_CUSTOM"},
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build the wheel (no package index?): {built.stderr[-300:]}")
    (wheel,) = wheels.glob("reader-*.whl")
    with zipfile.ZipFile(wheel) as archive:  # type checkers of code using reader read it
        assert "reader/py.typed" in archive.namelist()
        assert not [n for n in archive.namelist() if n.endswith(".so")]
    assert wheel.name.endswith("-py3-none-any.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "-q", wheel)
    if installed.returncode != 0:
        pytest.skip(f"cannot install dependencies (no package index?): {installed.stderr[-300:]}")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(
        env_dir / "bin" / "reader",
        "list",
        "--json",
        cwd=elsewhere,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [d["id"][:3] for d in docs] == ["000", "001", "002"]
    for doc in docs:
        assert str(env_dir) in doc["path"], "seeds must come from the installed wheel"
    themes = run(
        python,
        "-c",
        "from reader.core.userdata.paths import bundled_themes_dir as d; print(d().is_dir())",
    )
    assert themes.stdout.strip() == "True"
