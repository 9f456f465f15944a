"""One article of the split view: an :class:`ArticleView` that can be scrolled by its partner.

Every key of the article view still works (scrolling, ``n`` / ``N`` for search hits, the passage
cursor) and is listed by ``?``; only the footer, narrow at 80 columns, is left to the comparison's
keys (next pair, sync, swap, …).

Scrolling a pane from code (to a shared passage, or to follow the other pane) sets ``quiet``
meanwhile, so the screen's synchronised scrolling does not echo it back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import Binding, BindingType

from reader.ui.scroll_sync import OffsetMap
from reader.ui.widgets.article import ArticleView


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

    def __init__(self, *, reading_width: int = 80, id: str | None = None) -> None:
        super().__init__(reading_width=reading_width, id=id)
        self.quiet = False  # True while code (not the reader) scrolls this pane

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
