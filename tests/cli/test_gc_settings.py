"""A command's process collects garbage less often (reader.core.gc_settings); a program
that calls ``main`` with its own arguments keeps its collector as it was."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import article
from reader.core.gc_settings import YOUNG_THRESHOLD


def _threshold_after(root: Path, *, as_the_command: bool) -> int:
    argv = ["reader", "list", "--corpus", str(root)]
    call = "main()" if as_the_command else f"main({argv[1:]!r})"
    code = (
        "import gc, sys\n"
        f"sys.argv = {argv!r}\n"
        "from reader.cli import main\n"
        f"code = {call}\n"
        "print(gc.get_threshold()[0], file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return int(result.stderr.strip().splitlines()[-1])


def test_the_command_collects_less_often_and_a_caller_keeps_its_settings(
    make_corpus: Callable[..., Path],
) -> None:
    root = make_corpus({"a.txt": article("Rates", "Interest rates rose as the pound fell.")})
    assert _threshold_after(root, as_the_command=True) >= YOUNG_THRESHOLD
    assert _threshold_after(root, as_the_command=False) < YOUNG_THRESHOLD
