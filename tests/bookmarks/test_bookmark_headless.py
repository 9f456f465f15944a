"""The bookmarks core stays headless: importing it loads no UI toolkit."""

from __future__ import annotations

import subprocess
import sys


def test_bookmarks_core_does_not_import_textual() -> None:
    code = (
        "import sys, reader.core.bookmarks as b, reader.core.bookmarks.export; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
