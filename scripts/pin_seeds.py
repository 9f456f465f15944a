"""Write today's parse of each bundled seed to tests/core/data/seeds_pinned.json.

The cleaner must keep the seeds exactly as clean as when they were pinned: run this
only after checking a changed output by eye (``git diff`` the JSON).
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.corpus.parse import parse_text
from reader.core.userdata.paths import bundled_seeds_dir

OUT = Path(__file__).resolve().parents[1] / "tests" / "core" / "data" / "seeds_pinned.json"


def pinned() -> dict[str, object]:
    result: dict[str, object] = {}
    for path in sorted(bundled_seeds_dir().glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), fallback_title=path.stem)
        result[path.name] = {
            "meta": parsed.meta.to_json(),
            "text": parsed.text,
            "styles": [[s.start, s.end, s.style] for s in parsed.styles],
            "warnings": list(parsed.warnings),
        }
    return result


if __name__ == "__main__":
    OUT.write_text(json.dumps(pinned(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
