"""One article of the split view: an :class:`ArticleView` whose own keys stay out of the footer.

Every key of the article view still works (scrolling, ``n`` / ``N`` for search hits, the passage
cursor) and is listed by ``?``; only the footer, narrow at 80 columns, is left to the comparison's
keys (next pair, sync, swap, …).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import Binding, BindingType

from reader.ui.widgets.article import ArticleView


class ComparePane(ArticleView):
    """An article view for one side of the comparison."""

    BINDINGS: ClassVar[list[BindingType]] = [
        replace(binding, show=False)
        for binding in ArticleView.BINDINGS
        if isinstance(binding, Binding) and binding.show
    ]
