"""One article of the split view: an :class:`ArticleView` that can be scrolled by its partner.

Every key of the article view still works (scrolling, ``n`` / ``N`` for search hits, the passage
cursor) and is listed by ``?``; only the footer, narrow at 80 columns, is left to the comparison's
keys (next pair, sync, swap, …).

Each shared passage is numbered (pairs counted in A's order) in a gutter left of the text, on
the line where it starts, so pair 3 on the left is the passage labelled 3 on the right. The label
is decoration, not text: it takes the gutter's columns and is coloured by the pair's kind (exact
or near repeat, as its passage is), the current pair's label reversed.

Inside the current pair the pane also shows the word-level differences
(:mod:`reader.core.compare.diff`): on A the words B removed, on B the words B added, on both the
words changed, and a changed figure
("400,000" → "500,000") stronger still. The passage stepped to with "only in B" / "only in A" is
marked too. These are the pane's own layers (``DIFF_LAYERS``), painted over the article's marks
as foreground colours and text styles (only a changed figure and the new passage take a
background), so search hits and bookmarks under them still show; colours come from the theme's
``diff-*`` and ``new-passage`` variables.

Scrolling a pane from code (to a shared passage, or to follow the other pane) sets ``quiet``
meanwhile, so the screen's synchronised scrolling does not echo it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.strip import Strip

from reader.core.corpus.document import Document
from reader.ui.scroll_sync import OffsetMap
from reader.ui.widgets.article import ArticleView
from reader.ui.wrap import Layout

# The pane's own mark layers, painted in this order over the article's (see the docstring).
DIFF_LAYERS: tuple[str, ...] = ("new", "removed", "added", "changed", "figure")
GUTTER = 4  # columns left of the text: a pair number (3) and the passage cursor's bar (1)


@dataclass(frozen=True)
class PairLabel:
    """Pair ``number`` (from 1) starts at character ``start`` of this pane's article."""

    start: int
    number: int
    kind: Literal["exact", "near"]
    current: bool = False


class ComparePane(ArticleView):
    """An article view for one side of the comparison."""

    HELP = (
        ArticleView.HELP + "\n\nSplit view: ] / [ next / previous shared passage (both sides "
        "scroll to it), s synchronised scrolling, x swap sides, o open this article alone, "
        "p compare with another article, F3 entities, Tab the other pane, Esc back."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        replace(binding, show=False)
        for binding in ArticleView.BINDINGS
        if isinstance(binding, Binding) and binding.show
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-pane--pair",
        "compare-pane--pair-exact",
        "compare-pane--pair-current",
        *(f"compare-pane--{layer}" for layer in DIFF_LAYERS),
    }
    DEFAULT_CSS = """
    ComparePane > .compare-pane--pair { background: $shared-passage; color: $foreground; }
    ComparePane > .compare-pane--pair-exact { background: $shared-exact; color: $foreground; }
    ComparePane > .compare-pane--pair-current { text-style: bold reverse; }
    ComparePane > .compare-pane--new { background: $new-passage; }
    ComparePane > .compare-pane--removed { color: $diff-removed; text-style: strike; }
    ComparePane > .compare-pane--added { color: $diff-added; text-style: bold; }
    ComparePane > .compare-pane--changed { color: $diff-changed; text-style: bold underline; }
    ComparePane > .compare-pane--figure {
        background: $diff-figure; color: $foreground; text-style: bold underline;
    }
    """

    def __init__(self, *, reading_width: int = 80, id: str | None = None) -> None:
        super().__init__(reading_width=reading_width, id=id)
        self.quiet = False  # True while code (not the reader) scrolls this pane
        self.pair_labels: tuple[PairLabel, ...] = ()
        self._gutter: dict[int, list[PairLabel]] | None = None  # virtual line -> labels
        self._gutter_for: tuple[Layout, int] | None = None  # (layout, header) it was made for
        self.diff_marks: dict[str, list[tuple[int, int]]] = {}  # DIFF_LAYERS -> spans

    # -- differences inside the current pair, and the new passage stepped to ---------------

    def set_diff_marks(self, layer: str, spans: list[tuple[int, int]]) -> None:
        """Replace one of the pane's own layers (``DIFF_LAYERS``); empty spans are dropped."""
        if layer not in DIFF_LAYERS:
            raise ValueError(f"unknown diff layer: {layer}")
        kept = sorted((a, b) for a, b in spans if b > a)
        if kept != self.diff_marks.get(layer, []):
            if kept:
                self.diff_marks[layer] = kept
            else:
                self.diff_marks.pop(layer, None)
            self.refresh()

    def show_document(self, document: Document | None, *, scroll_to: int | None = None) -> None:
        self.diff_marks = {}
        super().show_document(document, scroll_to=scroll_to)

    def _body_line(self, index: int) -> Text | None:
        text = super()._body_line(index)
        layout = self.layout_
        if text is None or not self.diff_marks or layout is None:
            return text
        start, end = layout.starts[index], layout.ends[index]
        if start < 0:
            return text
        for layer in DIFF_LAYERS:
            spans = self.diff_marks.get(layer)
            if not spans:
                continue
            style = self._diff_style(layer)
            # A pair's differences are a handful of spans: a scan costs less than an index.
            for a, b in spans:
                if a < end and b > start:
                    text.stylize(style, max(0, a - start), b - start)
        return text

    def _diff_style(self, layer: str) -> Style:
        """Full style for a layer with a background, partial (keeping marks beneath) else."""
        name = f"compare-pane--{layer}"
        has_background = self.get_component_styles(name).has_rule("background")
        return self.get_component_rich_style(name, partial=not has_background)

    # -- the gutter of pair numbers -----------------------------------------------------

    @property
    def measure(self) -> int:
        """The reading measure, leaving room for the gutter of pair numbers."""
        return max(10, min(self.reading_width, self.content_width - GUTTER - 1))

    @property
    def margin(self) -> int:
        return max(GUTTER, (self.content_width - self.measure) // 2)

    def set_pair_labels(self, labels: tuple[PairLabel, ...]) -> None:
        """Number the shared passages in the gutter (an empty tuple clears it)."""
        if labels != self.pair_labels:
            self.pair_labels = labels
            self._gutter = None
            self.refresh()

    def labels_at(self, line: int) -> list[PairLabel]:
        """The pairs starting on virtual line ``line`` (metadata header included)."""
        layout = self.layout_
        if layout is None or not self.pair_labels:
            return []
        made_for, gutter = self._gutter_for, self._gutter
        if (
            gutter is None
            or made_for is None
            or made_for[0] is not layout
            or made_for[1] != len(self.header)
        ):
            gutter = {}
            for label in sorted(self.pair_labels, key=lambda item: (item.start, item.number)):
                gutter.setdefault(self.line_at(label.start), []).append(label)
            self._gutter, self._gutter_for = gutter, (layout, len(self.header))
        return gutter.get(line, [])

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        labels = self.labels_at(y + int(self.scroll_offset.y))
        width = self.margin - 1  # the column before the text is the passage cursor's
        if not labels or width < 1:
            return strip
        text = _gutter_text(labels, width, self._label_style)
        label = Strip(list(text.render(self.app.console))).apply_style(self.rich_style)
        return Strip.join([label.crop_extend(0, width, self.rich_style), strip.crop(width)])

    def _label_style(self, label: PairLabel) -> Style:
        style = self.get_component_rich_style(
            "compare-pane--pair-exact" if label.kind == "exact" else "compare-pane--pair"
        )
        if label.current:
            style += self.get_component_rich_style("compare-pane--pair-current", partial=True)
        return style

    # -- scrolling ----------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether the text is laid out (positions can be mapped to lines)."""
        return self.layout_ is not None

    def line_at(self, offset: int) -> int:
        """The virtual line (metadata header included) showing the character at ``offset``."""
        return self.line_of_offset(offset)

    def bring(self, offset: int) -> None:
        """Scroll so ``offset`` sits a third of the way down (quietly)."""
        if self.layout_ is None:
            self.scroll_to_offset(offset)  # laid out later: the view scrolls then
            return
        self.scroll_quietly(self.line_at(offset) - self.size.height // 3)

    def scroll_quietly(self, y: float) -> None:
        """Scroll to line ``y`` at once, flagged as not the reader's doing."""
        y = round(min(max(0.0, y), self.max_scroll_y))
        if y == round(self.scroll_y):
            return
        self.quiet = True
        try:
            self.scroll_to(y=y, animate=False, immediate=True)
        finally:
            self.quiet = False

    def follow(self, source: ComparePane, mapping: OffsetMap) -> None:
        """Scroll to the position matching ``source``'s, through ``mapping`` (source → self)."""
        if not source.ready or not self.ready:
            return
        y: float
        if source.max_scroll_y and source.scroll_y >= source.max_scroll_y:
            y = self.max_scroll_y  # at the end of one, show the end of the other
        elif source.scroll_y < len(source.header):
            y = source.scroll_y  # in the metadata header: both at the top
        else:
            y = self.line_at(mapping(source.top_offset()))
        self.scroll_quietly(y)


def _gutter_text(
    labels: list[PairLabel], width: int, style_of: Callable[[PairLabel], Style]
) -> Text:
    """The numbers of the pairs starting on one line, right-aligned in ``width`` columns.

    Usually one number; several pairs starting on one line are listed while they fit, and
    ``+`` stands for the rest (the current pair is always among those shown).
    """
    current = [label for label in labels if label.current]
    ordered = current + [label for label in labels if not label.current]
    shown: list[PairLabel] = []
    for label in ordered:
        numbers = [*shown, label]
        size = sum(len(str(item.number)) for item in numbers) + len(numbers) - 1
        if size + (len(numbers) < len(labels)) > width:
            break
        shown.append(label)
    text = Text(no_wrap=True, overflow="crop")
    if not shown:
        text.append("…", style_of(ordered[0]))
    previous: PairLabel | None = None
    for label in sorted(shown, key=lambda item: item.number):
        if previous is not None:
            text.append(",", style_of(previous))
        text.append(str(label.number), style_of(label))
        previous = label
    if previous is not None and len(shown) < len(labels):
        text.append("+", style_of(previous))
    text.align("right", width)
    return text
