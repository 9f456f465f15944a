"""The core is headless: importing any reader.core module must not pull in Textual or Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader.core
import reader.workspace

CORE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(reader.core.__path__, "reader.core.")
    if not info.name.endswith("__main__")
)
WORKSPACE_MODULES = [
    "reader.workspace",
    *sorted(
        info.name for info in pkgutil.walk_packages(reader.workspace.__path__, "reader.workspace.")
    ),
]


def test_core_modules_were_found() -> None:
    assert {
        "reader.core.index.library",
        "reader.core.corpus.parse",
        "reader.core.index.query",
    } <= set(CORE_MODULES)


def test_core_modules_import_no_front_end() -> None:
    """The runtime check behind the static contracts (``lint-imports`` in CI): importing every
    core and workspace module, in one fresh interpreter, loads neither Textual nor Rich nor a
    front end, including through lazy and deferred imports the static check cannot see."""
    modules = CORE_MODULES + WORKSPACE_MODULES
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith(('reader.ui', 'reader.cli')))\n"
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
