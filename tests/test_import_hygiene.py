"""The core is headless: importing any reader.core module must not pull in Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import reader.core

CORE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(reader.core.__path__, "reader.core.")
    if not info.name.endswith("__main__")
)


def test_core_modules_were_found() -> None:
    assert {"reader.core.library", "reader.core.parse", "reader.core.query"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')"
        " or m.startswith('reader.ui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_cli_subcommands_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        "main(['locate', '--json'])\n"
        "sys.stdout.flush()\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "False"
