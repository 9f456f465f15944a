"""What is new: the passages of one text that the other does not repeat or re-tell.

Every sentence of a text that is in no pair is *unmatched*; runs of unmatched sentences that
follow each other in one paragraph become one passage. Passages are in reading order, so a
reader can step through "what B adds" (``only_in_b``) or "what B leaves out" (``only_in_a``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.core.compare.spans import Span


def unmatched(text: str, sentences: Sequence[Span], paired: Iterable[int]) -> tuple[Span, ...]:
    """Runs of the ``sentences`` of ``text`` whose index is not in ``paired``, in order."""
    taken = set(paired)
    runs: list[Span] = []
    start: Span | None = None
    end: Span | None = None
    for index, sentence in enumerate(sentences):
        if index in taken:
            if start is not None and end is not None:
                runs.append(Span.of(text, start.start, end.end))
            start = end = None
            continue
        if start is not None and end is not None and "\n\n" in text[end.end : sentence.start]:
            runs.append(Span.of(text, start.start, end.end))
            start = None
        if start is None:
            start = sentence
        end = sentence
    if start is not None and end is not None:
        runs.append(Span.of(text, start.start, end.end))
    return tuple(runs)
