"""YAML through libyaml's C loader and dumper when PyYAML has them.

Writing goes through :func:`safe_dump` (the C emitter, *safe* representer). Reading a
user's file goes through :mod:`reader.core.userdata.yamlfile` only: libyaml's C parser with a
bounded composer (size, alias expansion, nesting), which is why there is no
``safe_load`` here. PyYAML >= 6.0.4's libyaml refuses nesting past 1000 levels, so a
hostile file cannot overflow the C stack either.
"""

from __future__ import annotations

from typing import Any

import yaml

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def safe_dump(data: Any, **options: Any) -> str:
    """``data`` as YAML text, with ``yaml.safe_dump``'s options."""
    return yaml.dump(data, Dumper=Dumper, **options)  # type: ignore[no-any-return]
