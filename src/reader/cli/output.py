"""Printing for people (Rich, on a terminal) and for programs (JSON, plain text).

Article text is data: everything from a document is printed as ``rich.text.Text``
or written raw, never passed through Rich markup.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console


def console() -> Console:
    return Console(markup=False, highlight=False, emoji=False, soft_wrap=not sys.stdout.isatty())


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_json_line(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")
    sys.stdout.flush()
