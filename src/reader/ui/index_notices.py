"""What the app says about an index update: the files it could not index."""

from __future__ import annotations

from reader.core.index.library import UpdateReport
from reader.core.text.display import safe_name

SKIPPED_SHOWN = 3  # skipped files named in the notification; reader index lists all


def skipped_notice(report: UpdateReport) -> str:
    """How many files were not indexed, and why, for a notification."""
    count = len(report.skipped)
    lines = [f"{count} file{'' if count == 1 else 's'} not indexed:"]
    lines += [safe_name(str(s)) for s in report.skipped[:SKIPPED_SHOWN]]
    if count > SKIPPED_SHOWN:
        lines.append(f"… and {count - SKIPPED_SHOWN} more (reader index lists them)")
    return "\n".join(lines)
