"""How this install of reader was built: whether its per-article text modules (cleaning,
entity extraction, near-duplicate signatures) run compiled.

``HATCH_BUILD_HOOK_ENABLE_CUSTOM=1 pip install .`` compiles them with mypyc (hatch_build.py
at the project's root); a plain install, an editable one, or a machine without a C compiler
gives the pure-Python package, which does the same work with more CPU. pip shows a build's warnings
only with ``-v``, so ``reader index`` says which one is running.
"""

from __future__ import annotations

import importlib.machinery
from types import ModuleType


def loaded_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from an extension module (compiled), not its source."""
    return (module.__file__ or "").endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def text_modules_compiled() -> bool:
    """Whether the entity extractor's candidate finder (one of the compiled modules, and
    the first an ingest runs) was loaded compiled."""
    from reader.core.entities import spans

    return loaded_compiled(spans)


def text_modules_description() -> str:
    """One line for ``reader index``."""
    if text_modules_compiled():
        return "text modules: compiled"
    return "text modules: pure Python (slower ingest; README, 'Compiled text modules')"
