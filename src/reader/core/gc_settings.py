"""The cyclic garbage collector's settings for the processes that are ours alone: the
ingest's workers and a command-line command (never a caller's program, never the TUI).

Reading articles makes and drops thousands of small objects an article, and next to none
in cycles (438 objects in all of BBC). At Python's default, a collection of the youngest
objects every 700 new ones, indexing BBC spent 8% of extracting its entities in
collections that found nothing (timed by ``gc.callbacks``), and ``reader index``'s own
process 0.8 to 1.0 s of 7 to 9; at :data:`YOUNG_THRESHOLD`, 3% of the extraction and 0.24 s.
What may wait uncollected meanwhile is a few MB.
"""

from __future__ import annotations

import gc

# Objects made before the collector looks at the youngest ones.
YOUNG_THRESHOLD = 50_000


def collect_less_often() -> None:
    """Freeze what is loaded so far (modules, the gazetteer: never walked again) and let
    :data:`YOUNG_THRESHOLD` objects be made between collections."""
    gc.freeze()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_THRESHOLD), middle, old)
